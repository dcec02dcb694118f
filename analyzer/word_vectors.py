"""Word vectors learned from unlabelled text, so that the statement recogniser generalises past
the words of its labelled statements ("Audix voice messaging" is near "voip", "coached" near
"mentored", "expenditures" near "budget").

Built at ``jobfit model build`` time from text we may learn from but not ship (the dev resumes and
postings) and from open data (O*NET task statements and work activities, SkillSpan's sentences):
word co-occurrence within a line (window of 4, weighted 1/distance), positive PMI with smoothed
context counts, and a truncated SVD (the count-based equivalent of word2vec; Levy, Goldberg and
Dagan, 2015). Deterministic (fixed seed) and stored as plain float16 arrays inside the
recogniser's model file: the words (facts derived from the texts), never the texts.

A statement's vector is the SIF-weighted sum of its distinct words' vectors (frequent words
weigh little: ``a / (a + p(word))``; Arora, Liang and Ma, 2017), L2-normalised.

The tokens are the recogniser's own (``tokens``): lower case, every number as its shape, personal
pronouns as one word, so that who the person is cannot move a vector.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

# Lower-case tokens: words with inner hyphens or '&' ("wi-fi", "p&l"), "c#"/"c++", currency signs.
TOKEN = re.compile(r"[a-z0-9]+(?:[-&][a-z0-9]+)*[+#]*|[$€£]")
# Who the person is must not move a probability (fairness): personal pronouns read as one word,
# and every number as its shape ("2008" and "2012", "14" and "9" are the same feature).
PRONOUNS = frozenset(
    "he she they him her them his hers their theirs himself herself themselves themself "
    "xe xem xyr ze zir hir".split()
)
DIGITS = re.compile(r"\d+")
# Where co-occurrence stops: a line, a bullet, a sentence.
_LINE_BREAK = re.compile(r"[\n\u2022•]|(?<=[.;!?])\s")


def normal_token(token: str) -> str:
    """A lower-case token as the models read it: a pronoun as "pron", a number as its shape."""
    if token in PRONOUNS:
        return "pron"
    if token[:1].isdigit():
        return DIGITS.sub("0", token)
    return token


def tokens(text: str) -> list[str]:
    return [normal_token(t) for t in TOKEN.findall(text.lower())]


def text_lines(text: str) -> list[str]:
    """The lines, bullets and sentences of a document: the spans co-occurrence is counted in."""
    return [line for line in _LINE_BREAK.split(text) if line.strip()]


class WordVectors:
    """PPMI + truncated SVD word vectors; ``fit(lines)`` learns ``words_``, ``vectors_`` (unit
    rows, float16 precision) and ``weights_`` (SIF weights)."""

    def __init__(
        self,
        dim: int = 100,
        window: int = 4,
        min_count: int = 5,
        smoothing: float = 0.75,
        sif: float = 1e-3,
        seed: int = 0,
    ) -> None:
        self.dim = dim
        self.window = window
        self.min_count = min_count
        self.smoothing = smoothing
        self.sif = sif
        self.seed = seed

    def fit(self, lines: Iterable[str]) -> WordVectors:
        from scipy.sparse import coo_matrix, csr_matrix
        from sklearn.utils.extmath import randomized_svd

        sentences = [tokens(line) for line in lines]
        counts = Counter(t for s in sentences for t in s)
        words = sorted(w for w, c in counts.items() if c >= self.min_count)
        index = {w: i for i, w in enumerate(words)}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for s in sentences:
            ids = [index.get(t, -1) for t in s]
            for i, a in enumerate(ids):
                if a < 0:
                    continue
                for k in range(1, self.window + 1):
                    if i + k >= len(ids):
                        break
                    b = ids[i + k]
                    if b >= 0:
                        rows += (a, b)
                        cols += (b, a)
                        vals += (1.0 / k, 1.0 / k)
        n = len(words)
        if n <= self.dim:
            raise ValueError(
                f"{n} words seen {self.min_count}+ times: too few for {self.dim}-dimensional vectors"
            )
        pairs = coo_matrix((vals, (rows, cols)), shape=(n, n)).tocsr().tocoo()
        total = pairs.data.sum()
        row_p = np.asarray(pairs.sum(axis=1)).ravel() / total
        context = np.asarray(pairs.sum(axis=0)).ravel() ** self.smoothing
        context /= context.sum()
        pmi = np.log(pairs.data / total / row_p[pairs.row] / context[pairs.col])
        keep = pmi > 0
        ppmi = csr_matrix((pmi[keep], (pairs.row[keep], pairs.col[keep])), shape=(n, n))
        u, s, _ = randomized_svd(ppmi, self.dim, n_iter=5, random_state=self.seed)
        vectors = u * np.sqrt(s)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        total_words = sum(counts[w] for w in words)
        self.words_: tuple[str, ...] = tuple(words)
        # Rounded to what the model file stores, so the recogniser is fitted on what it will read.
        self.vectors_ = vectors.astype(np.float16).astype(np.float32)
        self.weights_ = np.array(
            [self.sif / (self.sif + counts[w] / total_words) for w in words], dtype=np.float32
        )
        self._derive()
        return self

    @classmethod
    def from_arrays(cls, words: Sequence[str], vectors: np.ndarray, weights: np.ndarray) -> WordVectors:
        out = cls(dim=int(vectors.shape[1]))
        out.words_ = tuple(words)
        out.vectors_ = vectors.astype(np.float32)
        out.weights_ = weights.astype(np.float32)
        out._derive()
        return out

    def _derive(self) -> None:
        # A word's row, and the vectors times their SIF weights (float64: a statement's sum does
        # not then depend on the order of its words beyond the last bits).
        self._index = {w: i for i, w in enumerate(self.words_)}
        self._weighted = self.vectors_.astype(np.float64) * self.weights_[:, None]

    def get(self, word: str) -> int | None:
        return self._index.get(word)

    def embed(self, rows: np.ndarray, ids: np.ndarray, n_rows: int) -> np.ndarray:
        """Statement vectors (``n_rows`` x dim) from (row, word id) pairs, rows ascending and each
        word once per row: the SIF-weighted sum, L2-normalised (zero for a row with no words)."""
        out = np.zeros((n_rows, self.vectors_.shape[1]))
        if len(ids):
            # rows ascend: a row's pairs start where the row number changes.
            first = np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1])))
            out[rows[first]] = np.add.reduceat(self._weighted[ids], first, axis=0)
            norms = np.sqrt(np.einsum("ij,ij->i", out, out))
            out /= np.where(norms > 0, norms, 1.0)[:, None]
        return out
