"""spaCy's English tokenizer with a chunk cache that keeps working through a whole document.

spaCy splits a text into whitespace-delimited chunks and caches how it split each one, but it
stops caching for the rest of a document at the first special case ("Jan.", "e.g.", "'s",
spaCy issue #1250), which in a resume comes within the first lines: most chunks of every
document then go through the affix rules again, and tokenizing is about half of our extraction
time. This wrapper splits the text into the same chunks, tokenizes each chunk it has not seen
with spaCy's own tokenizer (alone, so the tokens are spaCy's), remembers the tokens by chunk,
and builds the Doc from words and spaces. The tokens, their offsets, whitespace and norms are
spaCy's: identical on all 1,924 dev documents and on random texts (tests). The one known
difference: spaCy sometimes merges an emoticon split across punctuation (":" ")") depending on
the punctuation of neighbouring chunks (") :)-x" gives ")", ":", ")" in a text but ":)" alone),
which a cache by chunk cannot follow; we give the chunk's own tokens.

One deliberate difference: words that a job board's flattening glued together, a word in
lower case and a capitalised one ("iOS appsInteract with sales", "in a proper
cadenceRequirements"), are two tokens, with no space between them, so that a skill name glued
to the list item before it is still found ("requirementsOracle"). Only a run of three or more
lower-case letters from the token's start counts ("iPhone", "eBay", "jQuery" stay whole), and
never a name the lexicon spells so ("webMethods"): ``keep``.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

# A run of non-whitespace or a run of whitespace, as str.isspace() sees it (as spaCy does).
_CHUNK = re.compile(r"\S+|\s+")
# Glued words: a lower-case word of 3+ letters, then capitalised words of 3+ letters.
GLUED = re.compile(r"[a-z]{3,}(?:[A-Z][a-z]{2,})+")
_GLUE_POINT = re.compile(r"(?<=[a-z])(?=[A-Z])")


def unglued(word: str, keep: frozenset[str] = frozenset()) -> list[str]:
    """``word`` as the words a flattening glued together ("appsInteract" -> "apps", "Interact"),
    or ``[word]``; ``keep``: lower-cased names that stay whole."""
    if GLUED.fullmatch(word) is None or word.lower() in keep:
        return [word]
    return _GLUE_POINT.split(word)


# A chunk's entry: whether it gives the token before it its one space (a whitespace run that
# starts with " "), its tokens, as many False spaces, and (position, norm) of any token whose
# norm is not its word's (a special case: "'re" -> "are"), set on the Doc as spaCy's does.
_Entry = tuple[bool, tuple[str, ...], tuple[bool, ...], tuple[tuple[int, str], ...]]


class ChunkCachedTokenizer:
    """``tokenizer(text) -> Doc``, the tokens of ``spacy_tokenizer`` with a per-chunk cache.

    At most ``max_chunks`` chunks are remembered (then the cache starts again), so memory stays
    bounded over a batch of any size.
    """

    def __init__(
        self, spacy_tokenizer: Any, max_chunks: int = 200_000, keep: frozenset[str] = frozenset()
    ) -> None:
        self.spacy_tokenizer = spacy_tokenizer
        self.vocab = spacy_tokenizer.vocab
        self.max_chunks = max_chunks
        self.keep = keep
        self._cache: dict[str, _Entry] = {}

    def _learn(self, chunks: set[str]) -> None:
        if len(self._cache) + len(chunks) > self.max_chunks:
            self._cache.clear()
        words = sorted(c for c in chunks if not c[0].isspace())
        for chunk in chunks.difference(words):  # whitespace runs: few, one call each
            self._cache[chunk] = self._entry_now(chunk)
        if not words:
            return
        # One call for all new words of a document, a newline between two: a newline is a token
        # of its own, so no word's tokens touch another's (spaCy's special cases cannot join them).
        doc = self.spacy_tokenizer("\n".join(words))
        breaks = [i for i, token in enumerate(doc) if token.text == "\n"]
        if len(breaks) != len(words) - 1:  # cannot happen (no word holds a newline); be safe
            for chunk in words:
                self._cache[chunk] = self._entry_now(chunk)
            return
        for chunk, start, end in zip(words, [-1, *breaks], [*breaks, len(doc)], strict=True):
            self._cache[chunk] = self._entry(list(doc[start + 1 : end]), False)

    def _entry(self, tokens: list[Any], attach: bool) -> _Entry:
        texts: list[str] = []
        norms: list[tuple[int, str]] = []
        for t in tokens:
            if t.norm != t.lex.norm:  # a special case ("'re" -> "are"): spaCy's token as it is
                norms.append((len(texts), t.norm_))
                texts.append(t.text)
            else:
                texts.extend(unglued(t.text, self.keep))
        return (attach, tuple(texts), (False,) * len(texts), tuple(norms))

    def _entry_now(self, chunk: str) -> _Entry:
        """A chunk's entry, by a spaCy call of its own (after a token, not at a text's start)."""
        if chunk[0].isspace():
            # spaCy's rule: one space after a token is that token's whitespace; the rest of the
            # run, if any, is a token of its own.
            rest = chunk[1:] if chunk[0] == " " else chunk
            return self._entry(list(self.spacy_tokenizer(rest)) if rest else [], rest != chunk)
        return self._entry(list(self.spacy_tokenizer(chunk)), False)

    def __call__(self, text: str) -> Doc:
        chunks = _CHUNK.findall(text)
        if not chunks:
            return Doc(self.vocab, words=[], spaces=[])
        words: list[str] = []
        spaces: list[bool] = []
        special: list[tuple[int, str]] = []
        if chunks[0][0].isspace():
            # Leading whitespace has no token before it: the whole run is spaCy's first token(s).
            _, tokens, falses, norms = self._entry(list(self.spacy_tokenizer(chunks[0])), False)
            special.extend(norms)
            words += tokens
            spaces += falses
            chunks = chunks[1:]
        cache = self._cache
        new = set(chunks).difference(cache)
        if new:
            self._learn(new)
        for chunk in chunks:
            if chunk == " ":  # most chunks: the space after a word
                spaces[-1] = True
                continue
            entry = cache.get(chunk)
            if entry is None:
                # Another thread (the web server's pool shares the pipeline) started the cache
                # again between learning and reading: tokenize this chunk alone.
                entry = self._entry_now(chunk)
            attach, tokens, falses, norms = entry
            if attach:
                spaces[-1] = True
            if norms:
                special.extend((len(words) + i, norm) for i, norm in norms)
            words += tokens
            spaces += falses
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for i, norm in special:
            doc[i].norm_ = norm
        return doc

    def pipe(self, texts: Any, batch_size: int = 1000) -> Any:
        del batch_size
        for text in texts:
            yield self(text)
