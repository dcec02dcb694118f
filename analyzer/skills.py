"""Skill and certification mentions: a PhraseMatcher over the lexicon, then context rules.

Every surface form of every lexicon record becomes a pattern (plus hyphen/space and plural
variants), and each match carries its canonical id in ``span.kb_id_`` and ``span._.entry_id``.
Ambiguous short names ("Go", "R", "Excel", "Swift") are kept only where context supports them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .extensions import doc_info, doc_text, ensure_extensions
from .intervals import merge
from .lexicon import Entry, Lexicon, load_lexicon
from .sections import LISTED_SECTIONS, section_at, section_lookup
from .vocabulary import BUSINESS_NAME_ENDS, NAME_PARTICLES, PLACE_NAME_PAIRS, PLACE_NAME_WORDS

# Words that, near an ambiguous name, show it is meant as a skill.
_CONTEXT_WORDS = frozenset(
    """
    programming language languages lang scripting script scripts code coding developer developers
    development develop framework frameworks library libraries stack proficient proficiency
    experience experienced knowledge skills skilled expert expertise using use tools tool software
    spreadsheet spreadsheets pivot vlookup macros vba formulas certified certification advanced
    intermediate basic fluent familiarity familiar
    """.split()
)
# Words that, right beside a programming language's name written in lower case, show it is the
# language ("python scripts", "solid java coding skills"), not the snake or the coffee.
_PROGRAMMING_WORDS = frozenset(
    """
    programming programmer programmers program programs code coding coder developer developers
    development dev script scripts scripting framework frameworks language languages library
    libraries engineer engineers backend stack sdk api apis application applications app apps
    experience skills knowledge proficient proficiency expertise data analytics analysis automation
    automate automated query queries test tests testing
    """.split()
)
_PROGRAMMING_REACH = 3  # tokens either side
_LIST_SEPARATORS = frozenset({",", "/", "|", ";", "(", ")", "&", "and", "or", "•", "-", "–", "+"})
# "excel at", "excel in": the verb, not the spreadsheet.
_VERB_FOLLOWERS = frozenset({"at", "in", "as", "to", "on", "ahead", "beyond", "with", "for", "the"})
_SKILL_SECTIONS = frozenset({"skills", "certifications", "requirements", "preferred"})
_PLURAL_TYPES = frozenset({"hard_skill", "domain", "soft_skill"})
_WORD = re.compile(r"^[a-z]+$")


def _plural(word: str) -> str | None:
    if not _WORD.match(word) or len(word) < 4 or word.endswith(("s", "x", "z", "ch", "sh")):
        return None
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def surface_variants(form: str, entry_type: str) -> set[str]:
    """The spellings we accept for one form: as given, hyphen/space/joined variants, plural."""
    out = {form}
    if "-" in form:
        out.add(form.replace("-", " "))
        out.add(form.replace("-", ""))
    words = form.split()
    if len(words) == 2 and all(w.isalpha() for w in words):
        out.add("".join(words))
        out.add("-".join(words))
    if entry_type in _PLURAL_TYPES:
        for variant in list(out):
            head, _, last = variant.rpartition(" ")
            plural = _plural(last.lower())
            if plural:
                out.add(f"{head} {plural}".strip())
    return out


def ambiguous_forms(entry: Entry) -> frozenset[str]:
    """The single-word forms of an ambiguous entry that need context.

    Those are the name, very short aliases, and words of a longer name used alone: "Go" needs
    context but "Golang" does not; "Spark" does but "Apache Spark" does not; "IT" does but
    "information technology" does not.
    """
    if not entry.ambiguous:
        return frozenset()
    name_words = set(entry.name.split())
    return frozenset(
        f for f in entry.surface_forms if " " not in f and (f == entry.name or len(f) <= 3 or f in name_words)
    )


@lru_cache(maxsize=4)
def _compiled(lexicon: Lexicon) -> tuple[PhraseMatcher, PhraseMatcher, dict[int, tuple[str, bool]]]:
    """Build the matchers once per lexicon (per process); building is the slow part."""
    import spacy

    nlp = spacy.blank("en")
    # spacy.blank's own Tokenizer, which has .pipe (spaCy types it as any callable making a Doc,
    # and its Cython module has no stub).
    tokenizer: Any = nlp.tokenizer
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    # Match keys: the entry id, or the id plus a marker for forms that need context.
    keys: dict[int, tuple[str, bool]] = {}
    for entry in lexicon.entries:
        sensitive = set(entry.case_sensitive)
        needs_context = ambiguous_forms(entry)
        groups: dict[tuple[bool, bool], set[str]] = {}
        for form in entry.surface_forms:
            strict = form in sensitive
            forms = {form} if strict else surface_variants(form, entry.type)
            groups.setdefault((strict, form in needs_context), set()).update(forms)
        for (strict, ambiguous), forms in groups.items():
            key = entry.id + ("\tambiguous" if ambiguous else "")
            keys[nlp.vocab.strings.add(key)] = (entry.id, ambiguous)
            (exact if strict else lower).add(key, list(tokenizer.pipe(sorted(forms))))
    return lower, exact, keys


# How far around a mention we look for its line: enough for any real line, and bounded so a
# text without newlines costs no more than a normal one.
_LINE_WINDOW = 160


def _line_around(text: str, start_char: int, end_char: int) -> tuple[str, int]:
    """The line holding [start_char, end_char), clipped to a window; and where it starts."""
    lo = max(0, start_char - _LINE_WINDOW)
    line_start = text.rfind("\n", lo, start_char) + 1 or lo
    line_end = text.find("\n", end_char, end_char + _LINE_WINDOW)
    if line_end == -1:
        line_end = min(len(text), end_char + _LINE_WINDOW)
    return text[line_start:line_end], line_start


def _line_is_upper(doc: Doc, start_char: int, end_char: int) -> bool:
    line, line_start = _line_around(doc_text(doc), start_char, end_char)
    letters = [c for c in line if c.isalpha()]
    return len(letters) > end_char - start_char + 3 and all(c.isupper() for c in letters)


def _mid_sentence(doc: Doc, start: int) -> bool:
    if start == 0:
        return False
    prev = doc[start - 1]
    return (
        not (prev.is_punct and prev.text in ".!?:;•-–*")
        and "\n" not in prev.text
        and "\n" not in (prev.whitespace_ or "")
    )


def _title_case_line(doc: Doc, start: int) -> bool:
    token = doc[start]
    line, _ = _line_around(doc_text(doc), token.idx, token.idx + len(token))
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 3:
        return True
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _in_list(doc: Doc, start: int, end: int, others: set[int]) -> bool:
    """A list of skills: a separator next to the mention and another mention just beyond it."""
    nxt = doc[end].lower_ if end < len(doc) else ""
    before = doc[start - 1].text.lower() if start > 0 else ""
    return (before in _LIST_SEPARATORS and (start - 2) in others) or (
        nxt in _LIST_SEPARATORS and (end + 1) in others
    )


def _in_tag_list(doc: Doc, start: int, end: int, others: set[int]) -> bool:
    """A list with spaces for separators, as tags are written ("java python c++ linux"): another
    mention right before or right after."""
    return (start - 1) in others or end in others


def _is_language_in_context(doc: Doc, entry: Entry, start: int, end: int) -> bool:
    if entry.category != "programming language":
        return False
    lo, hi = max(start - _PROGRAMMING_REACH, 0), min(end + _PROGRAMMING_REACH, len(doc))
    return any(t.lower_ in _PROGRAMMING_WORDS for t in doc[lo:hi])


def _is_english_word(doc: Doc, entry: Entry, start: int, end: int) -> bool:
    """A name that is also an English word, written in lower case (``Entry.lower_case_word``:
    "fed the python", "brewed java"); dropped by its context, the recogniser must not read it
    as the language either."""
    return entry.lower_case_word and doc[start:end].text.islower()


class SkillMatcher:
    """Find lexicon mentions in a Doc; reusable outside a pipeline (the profile builder uses it)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._lower, self._exact, self._keys = _compiled(lexicon)

    def _candidates(self, doc: Doc) -> Iterator[tuple[str, int, int, bool]]:
        keys = self._keys
        for matcher in (self._lower, self._exact):
            for match_id, start, end in matcher(doc):
                entry_id, ambiguous = keys[match_id]
                yield entry_id, start, end, ambiguous

    def _context_ok(self, doc: Doc, entry: Entry, start: int, end: int, others: set[int]) -> bool:
        nxt = doc[end].lower_ if end < len(doc) else ""
        before = doc[start - 1].text.lower() if start > 0 else ""
        in_list = _in_list(doc, start, end, others)
        # A capitalised name written in lower case ("go", "excel", "swift") is the English word,
        # unless it stands in a list of other skills ("java, react, go"), or a programming
        # language's name stands beside a word of programming ("ruby scripts").
        if doc[start:end].text.islower() and not entry.name.islower():
            return in_list or _is_language_in_context(doc, entry, start, end)
        if nxt in _VERB_FOLLOWERS:
            return False
        if in_list:
            return True
        # Written exactly as the product's name, mid-sentence, in a line that is not Title Case:
        # "deploy with Puppet", "services in Go" (but not "Go to market" or "Remote Access Policy").
        if (
            (text := doc[start:end].text) in entry.surface_forms
            and len(text) > 1
            and not text.islower()
            # An acronym that is also a word ("IT") says nothing by its spelling.
            and not text.isupper()
            and nxt not in _VERB_FOLLOWERS
            and _mid_sentence(doc, start)
            and not _title_case_line(doc, start)
        ):
            return True
        lo, hi = max(start - 3, 0), min(end + 3, len(doc))
        if _CONTEXT_WORDS.intersection(t.lower_ for t in doc[lo:hi]):
            return True
        return section_at(doc, doc[start].idx) in _SKILL_SECTIONS and (
            before in _LIST_SEPARATORS or nxt in _LIST_SEPARATORS or nxt in ("", "\n")
        )

    def find(self, doc: Doc) -> list[Span]:
        return self.find_all(doc)[0]

    def find_all(
        self, doc: Doc
    ) -> tuple[list[Span], list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
        """The mentions; the character ranges of places' names that start with a product's name
        (``place_name_ranges``), read from every candidate: "Oracle" in "Oracle High School" is
        dropped by its context yet still names the school; the ranges of programming
        languages' names dropped as English words ("fed the python"); and the ranges of mentions
        that a word of their record's ``not_before`` makes part of a role's or a business's name
        ("hiring manager", "staffing agency"), which stay mentions, out of their sense."""
        lexicon = self.lexicon
        raw = sorted(set(self._candidates(doc)), key=lambda m: (m[1], -m[2], m[0], m[3]))
        # Only a candidate followed by a capitalised word can start a place's name: the others
        # are not looked at (this runs on every candidate of every document).
        n = len(doc)
        followed = [(i, start, end) for i, start, end, _ in raw if end < n and doc[end].text[:1].isupper()]
        text = doc_text(doc)
        places = place_name_ranges(
            text,
            [
                (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), lexicon.get(i))
                for i, start, end in followed
            ],
        ) + business_name_ranges(text)
        # Token positions where a mention starts or ends: a neighbour in a list of skills.
        edges: set[int] = set()
        for _, start, end, ambiguous in raw:
            if not ambiguous:
                edges.add(start)
                edges.add(end - 1)
        kept: list[tuple[Entry, int, int]] = []
        words: list[tuple[int, int]] = []
        done: set[tuple[str, int, int]] = set()
        for entry_id, start, end, ambiguous in raw:
            if (entry_id, start, end) in done:
                continue
            entry = lexicon.get(entry_id)
            if entry.case_sensitive and doc[start:end].text in entry.case_sensitive:
                if _line_is_upper(doc, doc[start].idx, doc[end - 1].idx + len(doc[end - 1])):
                    continue
            if ambiguous:
                if not self._context_ok(doc, entry, start, end, edges):
                    if _is_english_word(doc, entry, start, end):
                        words.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1])))
                    continue
                edges.add(start)
                edges.add(end - 1)
            elif _is_english_word(doc, entry, start, end) and not (
                _in_list(doc, start, end, edges)
                or _in_tag_list(doc, start, end, edges)
                or _is_language_in_context(doc, entry, start, end)
            ):
                # Such a name in lower case, outside a list and away from a word of programming,
                # is the English word: the snake, the coffee ("fed the python").
                words.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1])))
                continue
            done.add((entry_id, start, end))
            kept.append((entry, start, end))
        resolved = _resolve_overlaps(kept)
        spans = [_make_span(doc, entry, start, end) for entry, start, end in resolved]
        other_names: list[tuple[int, int]] = []
        for entry, start, end in resolved:
            after = _word_next(doc, end) if entry.not_before else None
            if after is not None and doc[after].lower_ in entry.not_before:
                other_names.append((doc[start].idx, doc[after].idx + len(doc[after])))
            elif entry.not_after and (before := _word_after(doc, start, entry.not_after)) is not None:
                last = doc[end - 1]
                other_names.append((doc[before].idx, last.idx + len(last)))
        return spans, places, words, other_names


# Words that may stand between a record's ``not_after`` word and its form ("we're currently
# hiring", "is now recruiting").
_BETWEEN_WORDS = frozenset({"currently", "actively", "now", "also", "always", "still"})


def _word_next(doc: Doc, end: int) -> int | None:
    """The index of the token right after a mention ending at token ``end``, over a hyphen
    that joins them ("C-level": the word "level"); None at the document's end."""
    if end >= len(doc):
        return None
    token = doc[end]
    if (
        token.text in ("-", "‑")
        and not doc[end - 1].whitespace_
        and not token.whitespace_
        and end + 1 < len(doc)
    ):
        return end + 1
    return end


def _word_after(doc: Doc, start: int, words: tuple[str, ...]) -> int | None:
    """The index of the token of ``words`` just before ``start`` on its line ("is hiring"), over
    the adverbs of ``_BETWEEN_WORDS`` ("is currently hiring"); else None."""
    i = start - 1
    while i >= 0 and "\n" not in doc[i].whitespace_:
        word = doc[i].lower_
        if word in words:
            return i
        if word not in _BETWEEN_WORDS:
            return None
        i -= 1
    return None


def _resolve_overlaps(found: list[tuple[Entry, int, int]]) -> list[tuple[Entry, int, int]]:
    """Keep overlapping mentions where both mean something (AWS inside an AWS certification);
    drop a mention nested in a longer one of the same id or the same kind of thing
    ("management" inside "project management").

    ``found`` is sorted by (start, -end), so any span that contains another comes first; only the
    spans still open at a position can contain it, which keeps this linear in practice.
    """
    out: list[tuple[Entry, int, int]] = []
    open_spans: list[tuple[Entry, int, int]] = []
    for entry, start, end in found:
        open_spans = [o for o in open_spans if o[2] > start]
        dominated = False
        for outer, o_start, o_end in open_spans:
            if o_start <= start and end <= o_end and (o_start, o_end) != (start, end):
                keep_inner = outer.type == "certification" or (entry.type == "tool" and outer.type != "tool")
                if outer.id == entry.id or not keep_inner:
                    dominated = True
                    break
        open_spans.append((entry, start, end))
        if not dominated:
            out.append((entry, start, end))
    return out


def _make_span(doc: Doc, entry: Entry, start: int, end: int) -> Span:
    span = Span(doc, start, end, label=entry.type, kb_id=entry.id)
    span._.entry_id = entry.id
    return span


# A resume's name line: names such as Sarah Jenkins, Cassandra Lee, Tom Spark or Azure Nwosu
# are also tools, and a person's name must never count as a skill (fairness tests).
_NAME_LABEL = re.compile(r"(?:full\s+)?name\s*[:–-]\s*", re.I)
_NAME_FIELD_END = re.compile(r"\s*(?:[|·•—–,;<\t]|\s-\s|\s{2,}|$)")
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’.-]*(?:['’.-][^\W\d_]*)*\.?")
_NOT_NAME_WORDS = frozenset(
    """
    manager engineer administrator admin developer analyst consultant director specialist technician
    architect lead officer head resume résumé curriculum vitae cv profile summary professional
    programmer scientist designer coordinator supervisor executive president intern assistant
    """.split()
)
_NAME_LINES = 3  # the name is one of the first non-blank lines of the header
_HEADER_REACH = 2000  # the characters of a header that its name and address lines are sought in


def _header_lines(text: str, header_end: int, count: int) -> Iterator[tuple[int, int, bool]]:
    """(start, end, ended) of the first ``count`` non-blank lines of a resume's header, within
    its first ``_HEADER_REACH`` characters; ``ended``: a newline ends the line there (the last
    line may run to the header's end or be cut off by the reach)."""
    pos, seen = 0, 0
    limit = min(header_end, _HEADER_REACH)
    while pos < limit and seen < count:
        end = text.find("\n", pos, limit)
        ended = end != -1
        end = end if ended else limit
        if text[pos:end].strip():
            seen += 1
            yield pos, end, ended
        pos = end + 1


def name_ranges(text: str, header_end: int) -> list[tuple[int, int]]:
    """The person's name in a resume header: the first of its first lines that reads as a name."""
    for pos, end, ended in _header_lines(text, header_end, _NAME_LINES):
        if not ended:  # a one-line text (a sentence, a pasted phrase) has no name line
            break
        line = text[pos:end]
        start = pos + len(line) - len(line.lstrip())
        label = _NAME_LABEL.match(text, start, end)
        start = label.end() if label else start
        stop = _NAME_FIELD_END.search(text, start, end)
        field = text[start : stop.start() if stop else end]
        words = field.split()
        if (
            2 <= len(words) <= 5
            and all(_NAME_WORD.fullmatch(w) for w in words)
            and all(w[0].isupper() or w in NAME_PARTICLES for w in words)
            and words[0][0].isupper()
            and words[-1][0].isupper()
            and not _NOT_NAME_WORDS.intersection(w.lower() for w in words)
        ):
            # The first line that reads as a name is the name ("Resume" may come before it).
            return [(start, start + len(field))]
    return []


def name_mention_ranges(
    text: str, names: list[tuple[int, int]], section: Callable[[int], str]
) -> list[tuple[int, int]]:
    """Where the person's name comes again, used as a name, outside a skills or certifications
    list: the whole name ("Ruby Okafor"), or a word of it as the subject of a sentence or clause
    ("Ruby led the rollout", "... and Ruby cut costs"), after a title ("Ms Okafor") or with a
    possessive ("Ruby's team").

    A resume that calls its writer by name instead of "she" or "I" must score as one with any
    other name: hidden like the name line, such a word neither names a tool ("Ruby", "Azure",
    "Cassandra") nor moves a statement's probabilities. The same word used as a product ("moved
    to Microsoft 365 and Azure", "Ruby on Rails") stays, and so does any word in a list.
    """
    words: set[str] = set()
    for start, end in names:
        for word in text[start:end].replace(",", " ").split():
            for part in {word, *word.split("-")}:
                part = part.rstrip(".")
                if len(part) >= 2 and part[0].isupper() and part.lower() not in NAME_PARTICLES:
                    words.add(part)
    if not words:
        return []
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    out = []
    for match in re.finditer(rf"(?<![\w@./-])(?:{alternatives})(?![\w@-])", text):
        at = match.start()
        if any(a <= at < b for a, b in names) or section(at) in LISTED_SECTIONS:
            continue
        # The text's start reads as a line's start.
        before = ("\n" if at < 12 else "") + text[max(0, at - 12) : at]
        after = text[match.end() : match.end() + 24]
        word_before = before.rstrip(" ,").split()[-1:] if before.endswith(" ") else []
        word_after = after.split(maxsplit=1)[:1] if _NAME_FOLLOWS.match(after) else []
        title = _TITLE_BEFORE.search(before)
        if title:
            # "Ms Okafor": the title goes with the name ("Mr" and "Ms" must read alike).
            out.append((at - len(before) + title.start(), match.end()))
        elif (
            # A word of the whole name, beside another of its words.
            any(w.strip(",") in words for w in word_before + word_after)
            or _POSSESSIVE.match(after)
            or (_SUBJECT_BEFORE.search(before) and _PREDICATE_AFTER.match(after))
        ):
            out.append((at, match.end()))
    return out


def address_ranges(text: str, header_end: int) -> list[tuple[int, int]]:
    """The postal address among a resume header's first lines: each short part of a line
    (between "|", "·", "—", tabs or wide gaps) that holds a number beside a word of an address
    ("12 Elm Street", "Plot 17", "Calle Mayor 5", "Flat 2, Server House") or a postcode
    ("Apple Valley, MN 55124", "Noida 201309"), or that follows an "Address:" label. A text of
    one line (a pasted sentence) has no header to read.

    An address moves no score: "1 Oracle Parkway", "Salesforce Tower" or "Cloud Lane" name no
    skill, and the street a person lives on tells nothing of what they can do.
    """
    out: list[tuple[int, int]] = []
    if text.find("\n", 0, min(header_end, _HEADER_REACH)) == -1:
        return out
    for pos, end, _ in _header_lines(text, header_end, _ADDRESS_LINES):
        for part in _CONTACT_PART.finditer(text, pos, end):
            field = part.group().strip()
            start = part.start() + part.group().find(field)
            label = _ADDRESS_LABEL.match(field)
            if label:
                out.append((start + label.end(), start + len(field)))
            elif (
                len(field.split()) <= _ADDRESS_WORDS
                and any(c.isdigit() for c in field)
                and (_ADDRESS_WORD.search(field) or _POSTCODE.search(field))
            ):
                out.append((start, start + len(field)))
    return [(a, b) for a, b in out if b > a]


# The header lines an address may be on, the most words it has, and how a contact line's parts
# are separated.
_ADDRESS_LINES = 8
_ADDRESS_WORDS = 12
_CONTACT_PART = re.compile(r"(?:[^|·•—–\t\n ]| (?! |- ))+")
_ADDRESS_LABEL = re.compile(r"(?:home\s+|postal\s+|mailing\s+)?address\s*[:–-]\s*", re.I)
# Capitalised, as in an address ("Street", "St."), not as in a sentence ("a 3-floor building").
_ADDRESS_WORD = re.compile(
    r"\b(?:Street|St|Road|Rd|Avenue|Ave|Av|Lane|Ln|Way|Drive|Dr|Court|Ct|Boulevard|Blvd|Parkway|"
    r"Pkwy|Place|Pl|Square|Sq|Terrace|Crescent|Close|Row|Highway|Hwy|Suite|Ste|Apt|Apartment|Flat|"
    r"Unit|Floor|Building|Bldg|Tower|House|Plot|Sector|Block|PO Box|P\.O\. Box|Calle|Rua|Avenida|"
    r"ul|Straße|Strasse|Str|Via|Rue|Piazza|Platz|Weg|Laan|Straat|Gasse)\b\.?"
)
# A US ZIP code after its state, a UK or Canadian postcode, or digits beside a town's name
# ("Noida 201309", "28013 Madrid", "8001 Zürich"; not "Windows 2008" nor "in 2015 led").
_POSTCODE = re.compile(
    r"\b[A-Z]{2} \d{5}(?:-\d{4})?\b|\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b|\b[A-Z]\d[A-Z] \d[A-Z]\d\b"
    r"|\b[A-Z][\w-]+ \d{5,6}\b|\b\d{4,6} [A-Z][\w-]+(?:,|$)"
)


# How a name used as a person shows around it (``name_mention_ranges``).
_NAME_FOLLOWS = re.compile(r",? [A-Z]")
_POSSESSIVE = re.compile(r"['’]s?\b")
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? $")
# The start of a line (after a bullet), of a sentence or clause, or a joining word.
_SUBJECT_BEFORE = re.compile(r"(?:\n|[.!?;:]|\band|\bbut|\bthen)[\s*•·–-]*$")
# A lower-case word that is not a preposition or an article, as a verb after a subject is.
_PREDICATE_AFTER = re.compile(r" (?!(?:on|in|at|for|to|of|and|or|with|the|a|an|as|by|from)\b)[a-z]")


# A capitalised word of a name ("Bay", "High", "A&W", "O'Neill's"), and how many may follow a
# product's name before the word that ends a place's name ("Kubernetes Dental Practice Ltd").
_NAME_PART = re.compile(r"[A-Z][\w'’&.-]*")
_PLACE_NAME_REACH = 4


def place_name_ranges(text: str, mentions: list[tuple[int, int, Entry]]) -> list[tuple[int, int]]:
    """Where a product's name starts the name of a place or a business: "Azure Bay Hotel",
    "Graduated from Oracle High School", "Linux Park", "VMware Inc". Each range runs from the
    product's name to the last word that ends a place's name (``PLACE_NAME_WORDS``, or a pair such
    as "High School"), with only capitalised words between, on one line.

    Products are the lexicon's tools and programming languages, written capitalised; a skill
    ("Accounting, University of ...") names a field, not a place.
    """
    out = []
    for start, end, entry in mentions:
        if not text[start:end][:1].isupper() or not (
            entry.type == "tool" or entry.category == "programming language"
        ):
            continue
        line_end = text.find("\n", end)
        words = text[end : len(text) if line_end < 0 else line_end].split()[:_PLACE_NAME_REACH]
        pos, previous, name_end = end, "", 0
        for word in words:
            bare = word.rstrip(",.;:)")
            if not _NAME_PART.fullmatch(bare):
                break
            pos = text.index(word, pos) + len(bare)
            lower = bare.lower()
            if lower in PLACE_NAME_WORDS or (previous, lower) in PLACE_NAME_PAIRS:
                name_end = pos  # the name runs on to its last such word ("... Bay Hotel")
            if bare != word:  # punctuation ends the name
                break
            previous = lower
        if name_end:
            out.append((start, name_end))
    return out


# A capitalised (or all-caps) word that ends a business's name, as one regex over the text.
@lru_cache(maxsize=1)
def _business_end_pattern() -> re.Pattern[str]:
    words = sorted(BUSINESS_NAME_ENDS, key=lambda w: (-len(w), w))
    alternatives = "|".join(re.escape(w[0].upper() + w[1:]) + "|" + re.escape(w.upper()) for w in words)
    return re.compile(rf"\b(?:{alternatives})\b")


def business_name_ranges(text: str) -> list[tuple[int, int]]:
    """Businesses' names whose last word is a legal form or a trade (``BUSINESS_NAME_ENDS``), with
    any capitalised words before it: "Parcel Networks Inc", "Cloud Nine Couriers".
    ``place_name_ranges`` finds the names that start with a product's name; these need no
    product, so that a technology word inside a business's name ("Networks", "Cloud") is not read
    as the technology either. At least one capitalised word before the last, at most
    ``_PLACE_NAME_REACH``, on one line; a job title's words ("Engineer", "Manager") end the walk
    back, so that a title line keeps its title.
    """
    out = []
    for match in _business_end_pattern().finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()]
        if before and not before[-1].isspace():
            continue  # glued to the word before it
        start, cut = match.start(), len(before)
        for word in reversed(before.split()[-_PLACE_NAME_REACH:]):
            if not _NAME_PART.fullmatch(word) or word.lower() in _NOT_NAME_WORDS:
                break
            cut = before.rindex(word, 0, cut)
            start = line_start + cut
        if start < match.start():
            out.append((start, match.end()))
    return out


def other_things_names(info: dict[str, Any]) -> list[tuple[int, int]]:
    """Where a document (its ``doc_info``) names another thing than a skill: a place or a
    business that starts with a product's name, or a role or a business a skill's word is part
    of ("the hiring manager"). A mention there is out of its sense and asks nothing."""
    return merge([*info.get("place_name_ranges", ()), *info.get("other_name_ranges", ())])


def header_end(section_starts: list[int], text_len: int) -> int:
    """Where a document's header (the text before its first section heading) ends."""
    return section_starts[1] if len(section_starts) > 1 else text_len


def person_name(text: str) -> str | None:
    """The person's name in a resume, by the same rule scoring uses to keep it out of skills.

    For callers without a processed Doc (redaction of exported evidence): the sections come
    from the text alone, as the sections component finds them.
    """
    from .sections import find_sections

    starts = [start for start, _end, _name in find_sections(text)] or [0]
    names = name_ranges(text, header_end(starts, len(text)))
    return text[names[0][0] : names[0][1]] if names else None


@Language.factory("jobfit_skills", default_config={"lexicon_dir": None})
class SkillsComponent:
    """Writes ``doc.spans["skills"]`` (all non-certification types) and ``doc.spans["certifications"]``."""

    def __init__(self, nlp: Language, name: str, lexicon_dir: str | None) -> None:
        ensure_extensions()
        self.name = name
        self.matcher = SkillMatcher(load_lexicon(lexicon_dir))

    def __call__(self, doc: Doc) -> Doc:
        spans, places, words, other_names = self.matcher.find_all(doc)
        info = doc_info(doc)
        # Mentions there are kept and read out of sense (competencies); the recogniser does not
        # read the names.
        info["place_name_ranges"] = places
        # Nor the English words a programming language is named after ("fed the python").
        info["english_word_ranges"] = words
        # A skill's word that names a role or a business ("the hiring manager"): out of sense
        # too (``other_name_ranges``), but the recogniser reads these words as they are.
        info["other_name_ranges"] = other_names
        if info.get("kind", "resume") == "resume":
            text = doc_text(doc)
            end = header_end(info.get("section_starts", [0]), len(text))
            names = name_ranges(text, end)
            personal = (
                names + name_mention_ranges(text, names, section_lookup(doc)) + address_ranges(text, end)
            )
            # Later stages (the statement recogniser) must not read who the person is either.
            info["personal_ranges"] = personal
            spans = [s for s in spans if not any(a < s.end_char and s.start_char < b for a, b in personal)]
        doc.spans["skills"] = [s for s in spans if s.label_ != "certification"]
        doc.spans["certifications"] = [s for s in spans if s.label_ == "certification"]
        return doc
