"""The statement recogniser: which competency areas a statement demonstrates, with a probability.

A statement ("Led a team of 14 engineers ...", "Owned a $2.4M operating budget") is read as
* its words, TF-IDF weighted (glued PDF words such as "ofthe" are split when the rest is a
  known word); word pairs added nothing in cross-validation (F1 0.711 with, 0.712 without) and
  cost a third of the time, so phrases are left to the cues;
* cue phrases of each area (``analyzer/data/statement_cues.json``): one indicator per cue and a
  log count per area, so a phrase seen once in training still generalises ("supervised",
  "team of 14", "$2.4M");
* its word vector (``analyzer/word_vectors.py``: learned without labels from 134k lines of dev
  resumes and postings, O*NET and SkillSpan), so that words no labelled statement holds still
  count by what they are near ("coached" near "mentored", "expenditures" near "budget").
  Cross-validated, F1 0.706 -> 0.724 and leadership recall 0.59 -> 0.68; learning the vectors
  per fold without the test fold's documents gave the same (0.722).

Lexicon mentions are deliberately not features: the model must tell from a statement's own words
whether it is about an area, so that it can judge the sense of a lexicon word inside it
("containers" for food). Cross-validated, leaving them out also scored better (F1 0.696 vs 0.682).

One logistic regression per area (scikit-learn, ``class_weight="balanced"``) turns those into a
probability. The areas are the role-independent ones of ``competency_areas.json``; a profile
picks the areas it needs, so a second role uses the same model.

The model is built by ``jobfit model build`` (``make model``) from the hand-labelled dev
statements, deterministic, stored as plain arrays in ``models/competencies.npz`` (no pickle) and
stamped by ``models/competencies.meta.json``; loading checks the stamp.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import platform
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelError
from .extensions import doc_info, doc_text, ensure_extensions
from .intervals import covers, merge
from .paths import models_dir
from .regex_guard import guarded
from .sections import LISTED_SECTIONS, section_lookup
from .skills import other_things_names
from .statements import clause_spans, clauses
from .word_vectors import TOKEN, WordVectors, normal_token

MODEL_FORMAT = 2
MODEL_NAME = "competencies"
# Function words that PDF text glues to the next word ("ofthe", "ofScience").
_GLUE_WORDS = ("of", "the", "and", "to", "in", "for", "with", "on", "at", "by", "from", "an", "a")
# Cue indicators weigh like a strong word feature next to the unit-length TF-IDF block.
CUE_SCALE = 0.5
# The statement's word vector (unit length) weighs like the whole TF-IDF block (cross-validated:
# 0.5 and 1.5 both scored lower than 1).
VECTOR_SCALE = 1.0
_CACHE_LIMIT = 200_000
# Guards the featurizers' token tables (``_TokenTable``, ``CueMatcher``'s parts), which grow
# while features are computed.
_TABLES_LOCK = threading.Lock()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def data_path(name: str) -> Path:
    return Path(str(resources.files("analyzer") / "data" / name))


def load_cues(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    source = path or data_path("statement_cues.json")
    raw = json.loads(source.read_text(encoding="utf-8"))
    cues = {k: tuple(v) for k, v in raw.items() if not k.startswith("_")}
    # Cues match tokens as the models read them (``normal_token``: "3-year" is read "0-year",
    # "1-on-1" "0-on-0"): a word written otherwise could never match, so it is refused.
    for area, specs in cues.items():
        for spec in specs:
            for element in map(_element, spec.split()):
                for word in sorted(element.exact | set(element.prefixes)):
                    if normal_token(word) != word:
                        raise ModelError(
                            f"{source.name}: the {area} cue {spec!r} can never match {word!r} "
                            f"(it is read as {normal_token(word)!r}); write that"
                        )
    return cues


# --- cue phrases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Element:
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    number: bool
    currency: bool


def _element(spec: str) -> _Element:
    alts = spec.split("|")
    return _Element(
        exact=frozenset(a for a in alts if not a.endswith("*") and a not in ("#", "$")),
        prefixes=tuple(a[:-1] for a in alts if a.endswith("*")),
        number="#" in alts,
        currency="$" in alts,
    )


class _ElementIndex:
    """Which of many cue elements a token matches, by lookups rather than by trying each one:
    its exact words, its prefixes ("supervis*"), any number ("#"), a currency sign ("$")."""

    def __init__(self) -> None:
        self._exact: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}
        self._number: list[int] = []
        self._currency: list[int] = []
        self._prefix_lengths: list[int] = []

    def add(self, element: _Element, key: int) -> None:
        for word in element.exact:
            self._exact.setdefault(word, []).append(key)
        for prefix in element.prefixes:
            self._prefix.setdefault(prefix, []).append(key)
        if element.number:
            self._number.append(key)
        if element.currency:
            self._currency.append(key)
        self._prefix_lengths = sorted({len(p) for p in self._prefix})

    def lookup(self, token: str) -> set[int]:
        keys = set(self._exact.get(token, ()))
        for n in self._prefix_lengths:
            if n > len(token):
                break
            keys.update(self._prefix.get(token[:n], ()))
        if token[:1].isdigit():
            keys.update(self._number)
        if token and token in "$€£":
            keys.update(self._currency)
        return keys


def _distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of an int array, by sorting: 4x faster on the few thousand ids of a
    document (numpy 2's hash-based unique costs more than the sort it still ends with)."""
    values = np.sort(values)
    keep = np.empty(len(values), dtype=bool)
    keep[:1] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


class _Ragged:
    """Lists of ints, one per entry, as flat arrays that numpy can index (CSR: entry ``e`` is
    ``data[ptr[e]:ptr[e + 1]]``). Entry 0 is empty, so that 0 can never be a looked-up id.
    New entries wait in Python lists and enter the arrays at the next ``gather`` (one numpy
    write for all the tokens a document brings, not several per token); the arrays grow by
    doubling."""

    def __init__(self) -> None:
        self.ptr = np.zeros(1024, dtype=np.int64)
        self.data = np.zeros(1024, dtype=np.int64)
        self.n = 1
        self._lengths: list[int] = []
        self._values: list[int] = []

    @staticmethod
    def _room(array: np.ndarray, size: int) -> np.ndarray:
        if size <= len(array):
            return array
        grown = np.zeros(max(size, 2 * len(array)), dtype=array.dtype)
        grown[: len(array)] = array
        return grown

    def append(self, values: Sequence[int]) -> int:
        self._lengths.append(len(values))
        self._values.extend(values)
        self.n += 1
        return self.n - 1

    def _flush(self) -> None:
        first = self.n - len(self._lengths)
        self.ptr = self._room(self.ptr, self.n + 1)
        start = int(self.ptr[first])
        self.ptr[first + 1 : self.n + 1] = start + np.cumsum(self._lengths)
        self.data = self._room(self.data, start + len(self._values))
        self.data[start : start + len(self._values)] = self._values
        self._lengths, self._values = [], []

    def gather(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every value of every entry ``keys[j]``, in order, with the position ``j`` it came from."""
        if self._lengths:
            self._flush()
        start = self.ptr[keys]
        count = self.ptr[keys + 1] - start
        which = np.repeat(np.arange(len(keys)), count)
        offset = np.repeat(start - (np.cumsum(count) - count), count)
        return which, self.data[offset + np.arange(len(offset))]


class CueMatcher:
    """Find which cues occur in token sequences.

    Each distinct token is looked up once (``part_id``): the one-word cues it is, the longer
    cues it may start, and which later elements of longer cues it matches. Finding the cues of
    many statements at once (``pairs``) is then a few array operations.
    """

    def __init__(self, cues: Mapping[str, Sequence[str]], areas: Sequence[str]) -> None:
        self.names: list[str] = []
        self.area_of: list[int] = []
        elements: list[tuple[_Element, ...]] = []
        for a, area in enumerate(areas):
            for spec in cues.get(area, ()):
                self.names.append(f"{area}:{spec}")
                self.area_of.append(a)
                elements.append(tuple(_element(s) for s in spec.split()))
        self.area_array = np.asarray(self.area_of, dtype=np.int64)
        self.cue_length = np.array([len(e) for e in elements], dtype=np.int64)
        self._first = _ElementIndex()
        self._later = _ElementIndex()
        later_ids: dict[_Element, int] = {}
        # cue id -> the ids of its second, third ... elements (an element shared by cues once).
        longest = int(self.cue_length.max(initial=1))
        self.later_element = np.zeros((len(elements), max(longest - 1, 1)), dtype=np.int64)
        for cid, cue in enumerate(elements):
            self._first.add(cue[0], cid)
            for k, element in enumerate(cue[1:]):
                if element not in later_ids:
                    later_ids[element] = len(later_ids)
                    self._later.add(element, later_ids[element])
                self.later_element[cid, k] = later_ids[element]
        self.n_later = len(later_ids)
        self.clear_parts()

    def __len__(self) -> int:
        return len(self.names)

    def clear_parts(self) -> None:
        """Forget the tokens looked up (a bound on memory; ids handed out before become invalid)."""
        self.part_index: dict[str, int] = {}
        self._singles = _Ragged()
        self._starts = _Ragged()
        self._laters = _Ragged()

    def part_id(self, token: str) -> int:
        """The id of a (normalised) token, looking it up the first time it is seen."""
        k = self.part_index.get(token)
        if k is None:
            first = self._first.lookup(token)
            self._singles.append(sorted(i for i in first if self.cue_length[i] == 1))
            self._starts.append(sorted(i for i in first if self.cue_length[i] > 1))
            k = self._laters.append(sorted(self._later.lookup(token)))
            self.part_index[token] = k
        return k

    def pairs(self, parts: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """``row * len(self) + cue id`` of every cue found, sorted, each once. ``parts`` are the
        ids of the tokens of all statements in reading order, ``rows`` their statements
        (ascending)."""
        n_cues = len(self.names)
        which, cids = self._singles.gather(parts)
        found = [rows[which] * n_cues + cids]
        which, starts = self._starts.gather(parts)
        if len(starts):
            # A token's position, with one empty position after each statement, so that no cue
            # runs on into the next statement.
            at = np.arange(len(parts)) + rows
            holders, laters = self._laters.gather(parts)
            present = _distinct(at[holders] * self.n_later + laters)
            if len(present):  # else no token matches any later element: no longer cue is here
                ok = self._continued(starts, at[which], present)
                found.append(rows[which[ok]] * n_cues + starts[ok])
        return _distinct(np.concatenate(found))

    def _continued(self, starts: np.ndarray, start_at: np.ndarray, present: np.ndarray) -> np.ndarray:
        """Which cues ``starts`` (begun at positions ``start_at``) go on to their last element:
        element ``k`` must be among ``present`` (``position * n_later + element id``) at
        ``start + k``."""
        ok = np.ones(len(starts), dtype=bool)
        for k in range(1, int(self.cue_length.max())):
            need = np.flatnonzero(ok & (self.cue_length[starts] > k))
            if not len(need):
                break
            keys = (start_at[need] + k) * self.n_later + self.later_element[starts[need], k - 1]
            pos = np.minimum(np.searchsorted(present, keys), len(present) - 1)
            ok[need[present[pos] != keys]] = False
        return ok

    def find(self, tokens: Sequence[str]) -> set[int]:
        """The cues found in one token sequence."""
        with _TABLES_LOCK:
            parts = np.array([self.part_id(t) for t in tokens], dtype=np.int64)
            pairs = self.pairs(parts, np.zeros(len(parts), dtype=np.int64))
        return set((pairs % len(self)).tolist())


# --- features ----------------------------------------------------------------------------------


class _TokenTable:
    """What the featurizer learned of each raw token: its feature ids (vocabulary ids, and
    word-vector ids offset past the sparse block) and the cue matcher's ids of its parts after
    de-gluing ("ofthe" -> "of", "the"), as arrays that numpy can index by the token's id."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.ids = _Ragged()
        self.parts = _Ragged()

    def __len__(self) -> int:
        return len(self.index)

    def add(self, raw: str, ids: Sequence[int], parts: Sequence[int]) -> int:
        k = self.ids.append(ids)
        self.parts.append(parts)
        self.index[raw] = k
        return k


class StatementFeaturizer:
    """Statement texts -> a sparse feature matrix.

    ``fit`` learns the n-gram vocabulary and IDF weights (scikit-learn's smooth IDF, sublinear TF,
    L2 norm); learned state ends in ``_``. ``vectors`` (fitted apart, on unlabelled text) add the
    statement's vector as ``VECTOR_SCALE`` times a unit-length dense block after the sparse one.
    """

    def __init__(
        self,
        areas: Sequence[str],
        cues: Mapping[str, Sequence[str]],
        min_df: int = 2,
        vectors: WordVectors | None = None,
    ) -> None:
        self.areas = tuple(areas)
        self.cues = cues
        self.min_df = min_df
        self.vectors = vectors

    # tokens
    def _split(self, token: str) -> tuple[str, ...]:
        normal = normal_token(token)
        if normal != token:
            return (normal,)
        # The LiveCareer text glues "of" to the next word in most of its resumes ("ofthe",
        # "ofsecurity": 73% of the "of"s of the first 300 hand-labelled statements), so those forms
        # are among the training words and the rule below would keep them whole. The word
        # vectors' vocabulary comes from clean text (our PDF reading, postings, O*NET): a token
        # it does not know that is "of" and a word it knows is glued ("often", "office" are
        # known). Only "of": other function words glued this way are rare and mostly real words
        # ("intune", "atlas").
        vectors = self.vectors
        known = vectors is not None and vectors.get(token) is not None
        if vectors is not None and not known and token.startswith("of"):
            rest = token[2:]
            if len(rest) >= 2 and vectors.get(rest) is not None:
                return ("of", rest)
        vocab = self.words_
        if token in vocab or len(token) < 5:
            return (token,)
        # A word the clean vocabulary knows is not glued, though no training statement holds it
        # ("onboarded" is not "on boarded").
        for fw in _GLUE_WORDS:
            rest = token[len(fw) :]
            if token.startswith(fw) and len(rest) >= 3 and rest in vocab and not known:
                return (fw, rest)
        return (token,)

    def tokens(self, text: str) -> list[str]:
        out: list[str] = []
        cache = self._split_cache
        for token in TOKEN.findall(text.lower()):
            parts = cache.get(token)
            if parts is None:
                parts = self._split(token)
                if len(cache) > _CACHE_LIMIT:
                    cache.clear()
                cache[token] = parts
            out.extend(parts)
        return out

    def fit(self, texts: Sequence[str]) -> StatementFeaturizer:
        self.words_: frozenset[str] = frozenset(t for text in texts for t in TOKEN.findall(text.lower()))
        self._split_cache: dict[str, tuple[str, ...]] = {}
        df: dict[str, int] = {}
        for text in texts:
            for g in set(self.tokens(text)):
                df[g] = df.get(g, 0) + 1
        terms = sorted(g for g, n in df.items() if n >= self.min_df)
        self.vocabulary_ = {g: i for i, g in enumerate(terms)}
        n_docs = len(texts)
        self.idf_ = np.array([math.log((1 + n_docs) / (1 + df[g])) + 1.0 for g in terms], dtype=np.float64)
        self._setup()
        return self

    def _setup(self) -> None:
        self.cue_matcher_ = CueMatcher(self.cues, self.areas)
        self._split_cache = {}
        # Every raw token seen, learned once: one lookup per token at run time, the rest in numpy.
        self._table = _TokenTable()

    def _learn_token(self, raw: str) -> int:
        parts = self._split(raw)
        ids = [i for i in (self.vocabulary_.get(p) for p in parts) if i is not None]
        if self.vectors is not None:
            offset = self.n_sparse
            ids += [offset + i for i in (self.vectors.get(p) for p in parts) if i is not None]
        return self._table.add(raw, ids, [self.cue_matcher_.part_id(p) for p in parts])

    @property
    def n_sparse(self) -> int:
        return len(self.vocabulary_) + len(self.cue_matcher_) + len(self.areas)

    @property
    def n_features(self) -> int:
        return self.n_sparse + (0 if self.vectors is None else self.vectors.vectors_.shape[1])

    def features(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every statement's sparse features (rows, columns, values) and its dense vector block.

        Words are present or absent (statements are short: counts add nothing), weighted by
        IDF and L2-normalised per statement; each cue found adds ``CUE_SCALE`` in its own column
        and ``log(1 + cues found)`` in its area's column; the statement's word vector, times
        ``VECTOR_SCALE``, is the dense block (no columns without vectors). Written for speed:
        this runs on every statement of every document, so Python touches each token once (a
        dictionary lookup) and numpy does the rest.
        """
        # The token tables grow as new words come: one thread at a time (the web server's
        # worker threads share one pipeline).
        with _TABLES_LOCK:
            return self._features(texts)

    def _features(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        n_rows = len(texts)
        n_vocab, n_cues, n_sparse = len(self.vocabulary_), len(self.cue_matcher_), self.n_sparse
        if len(self._table) > _CACHE_LIMIT:  # a bound on memory, checked between calls only
            self._table = _TokenTable()
            self.cue_matcher_.clear_parts()
        table = self._table
        index = table.index
        learn = self._learn_token
        token_ids: list[int] = []
        lengths: list[int] = []
        for text in texts:
            ks = [index.get(raw) or learn(raw) for raw in TOKEN.findall(text.lower())]
            token_ids += ks
            lengths.append(len(ks))
        ks_all = np.fromiter(token_ids, dtype=np.int64, count=len(token_ids))
        row_of = np.repeat(np.arange(n_rows), lengths)
        # Words: each (statement, feature id) pair once, in row order.
        which, ids = table.ids.gather(ks_all)
        id_range = n_sparse + (0 if self.vectors is None else len(self.vectors.words_))
        pairs = _distinct(row_of[which] * id_range + ids)
        wr, wc = pairs // id_range, pairs % id_range
        which, parts = table.parts.gather(ks_all)
        cue_pairs = self.cue_matcher_.pairs(parts, row_of[which])
        cue_rows, cue_ids = cue_pairs // n_cues, cue_pairs % n_cues
        n_areas = len(self.areas)
        per_area = np.bincount(cue_rows * n_areas + self.cue_matcher_.area_array[cue_ids])
        counted = np.flatnonzero(per_area)
        counts = per_area[counted]
        in_vectors = wc >= n_sparse
        vector_ids, vector_rows = wc[in_vectors] - n_sparse, wr[in_vectors]
        wc, wr = wc[~in_vectors], wr[~in_vectors]
        wv = self.idf_[wc]
        norms = np.sqrt(np.bincount(wr, weights=wv * wv, minlength=n_rows))
        wv = wv / np.where(norms > 0, norms, 1.0)[wr]
        cols = np.concatenate([wc, n_vocab + cue_ids, n_vocab + n_cues + counted % n_areas])
        vals = np.concatenate([wv, np.full(len(cue_ids), CUE_SCALE), np.log1p(counts.astype(np.float64))])
        rows = np.concatenate([wr, cue_rows, counted // n_areas])
        if self.vectors is None:
            return rows, cols, vals, np.zeros((n_rows, 0))
        return rows, cols, vals, VECTOR_SCALE * self.vectors.embed(vector_rows, vector_ids, n_rows)

    def transform(self, texts: Sequence[str]) -> Any:
        """The features as a scipy CSR matrix (for fitting)."""
        from scipy.sparse import csr_matrix, hstack

        rows, cols, vals, dense = self.features(texts)
        sparse = csr_matrix((vals, (rows, cols)), shape=(len(texts), self.n_sparse), dtype=np.float64)
        return hstack([sparse, csr_matrix(dense)], format="csr") if dense.shape[1] else sparse


# --- the model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    id: str
    p: float


class CompetencyRecogniser:
    """One-vs-rest logistic regression over statement features; ``fit`` / ``predict_proba``.

    ``threshold_`` is the probability from which a statement demonstrates an area, and
    ``sense_threshold_`` the lower one from which a statement is *about* an area (so that a
    lexicon mention inside it counts); both are chosen by cross-validation at build time.
    """

    def __init__(self, C: float = 4.0, min_df: int = 2, threshold: float = 0.5, sense_threshold: float = 0.2):
        self.C = C
        self.min_df = min_df
        self.threshold = threshold
        self.sense_threshold = sense_threshold

    def fit(
        self,
        texts: Sequence[str],
        labels: Sequence[Iterable[str]],
        areas: Sequence[str],
        cues: Mapping[str, Sequence[str]] | None = None,
        vectors: WordVectors | None = None,
        technology_only: Sequence[bool] | None = None,
    ) -> CompetencyRecogniser:
        """Fit on labelled statements; ``vectors`` are word vectors fitted apart on unlabelled text
        (``WordVectors``), or None for words and cues only. A statement marked in
        ``technology_only`` teaches only the technology areas (those not ``management`` in the
        areas data): the management areas and the vocabulary are learned without it."""
        from sklearn.linear_model import LogisticRegression

        from .profile import management_areas

        cues = load_cues() if cues is None else cues
        label_sets = [set(x) for x in labels]
        only = (
            np.zeros(len(label_sets), dtype=bool)
            if technology_only is None
            else np.array(technology_only, bool)
        )
        management = management_areas()
        self.areas_ = tuple(
            a
            for a in areas
            if any(a in s for s, o in zip(label_sets, only, strict=True) if not (o and a in management))
        )
        self.featurizer_ = StatementFeaturizer(self.areas_, cues, self.min_df, vectors).fit(
            [t for t, o in zip(texts, only, strict=True) if not o]
        )
        X = self.featurizer_.transform(texts)
        coef = np.zeros((len(self.areas_), X.shape[1]))
        intercept = np.zeros(len(self.areas_))
        for a, area in enumerate(self.areas_):
            rows = np.flatnonzero(~only) if area in management else np.arange(len(label_sets))
            y = np.array([area in label_sets[r] for r in rows], dtype=int)
            # liblinear shuffles with random_state: fixed, so a build is byte-identical.
            model = LogisticRegression(
                C=self.C, class_weight="balanced", max_iter=5000, solver="liblinear", random_state=0
            )
            model.fit(X[rows], y)
            coef[a] = model.coef_[0]
            intercept[a] = model.intercept_[0]
        self.coef_ = coef.T.copy()  # features x areas, for X @ coef_
        self.intercept_ = intercept
        self.threshold_ = float(self.threshold)
        self.sense_threshold_ = float(self.sense_threshold)
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Per statement and area, the probability that the statement demonstrates the area: the
        highest of the whole statement's and its clauses' (``statements.clauses``)."""
        return self.predict_parts(texts)[0]

    def predict_parts(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """``predict_proba`` and, per statement and area, which part gave the probability: -1
        for the whole statement, else the index of its clause (``statements.clause_spans``)."""
        probs = self._probabilities(texts)
        parts = np.full(probs.shape, WHOLE, dtype=np.int64)
        owners: list[int] = []
        index: list[int] = []
        pieces: list[str] = []
        for i, text in enumerate(texts):
            for k, clause in enumerate(clauses(text)):
                owners.append(i)
                index.append(k)
                pieces.append(clause)
        # Clause by clause in order: a clause takes an area only from a lower probability, so
        # ties keep the whole statement (or the earlier clause).
        for owner, k, row in zip(owners, index, self._probabilities(pieces), strict=True):
            better = row > probs[owner]
            probs[owner, better] = row[better]
            parts[owner, better] = k
        return probs, parts

    def _probabilities(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(self.areas_)))
        rows, cols, vals, dense = self.featurizer_.features(texts)
        # X @ coef without building a sparse matrix: gather the weight rows, sum per statement.
        weighted = self.coef_[cols] * vals[:, None]
        order = np.argsort(rows, kind="stable")
        rows, weighted = rows[order], weighted[order]
        scores = np.zeros((len(texts), len(self.areas_)))
        if len(rows):
            present, first = np.unique(rows, return_index=True)
            scores[present] = np.add.reduceat(weighted, first, axis=0)
        if dense.shape[1]:
            scores += dense @ self.coef_[self.featurizer_.n_sparse :]
        scores += self.intercept_
        return 1.0 / (1.0 + np.exp(-scores))

    def labels(self, probs: np.ndarray, floor: float | None = None) -> list[list[Label]]:
        """Per statement, the areas at or above ``floor`` (default: the threshold), best first."""
        floor = self.threshold_ if floor is None else floor
        out: list[list[Label]] = [[] for _ in range(len(probs))]
        rows, cols = np.nonzero(probs >= floor)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            out[r].append(Label(self.areas_[c], round(float(probs[r, c]), 3)))
        for labels in out:
            if len(labels) > 1:
                labels.sort(key=lambda lab: (-lab.p, lab.id))
        return out

    # storage: plain arrays, no pickle
    def to_bytes(self) -> bytes:
        f = self.featurizer_
        terms = sorted(f.vocabulary_, key=f.vocabulary_.__getitem__)
        arrays: dict[str, Any] = {
            "format": np.array([MODEL_FORMAT]),
            "areas": np.array(self.areas_),
            "terms": np.array(terms),
            "words": np.array(sorted(f.words_)),
            "idf": f.idf_.astype(np.float32),
            "coef": self.coef_.astype(np.float32),
            "intercept": self.intercept_.astype(np.float32),
            "thresholds": np.array([self.threshold_, self.sense_threshold_]),
            "params": np.array([self.C, float(self.min_df)]),
            "cues": np.array([json.dumps(f.cues, sort_keys=True)]),
            **self._vector_arrays(),
        }
        buf = io.BytesIO()
        np.savez_compressed(buf, **arrays)
        return buf.getvalue()

    def _vector_arrays(self) -> dict[str, np.ndarray]:
        vectors = self.featurizer_.vectors
        if vectors is None:
            return {}
        return {
            "vector_words": np.array(vectors.words_),
            "vectors": vectors.vectors_.astype(np.float16),
            "vector_weights": vectors.weights_.astype(np.float32),
        }

    @classmethod
    def from_bytes(cls, data: bytes) -> CompetencyRecogniser:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            if int(z["format"][0]) != MODEL_FORMAT:
                raise ModelError(f"model format {int(z['format'][0])}, this jobfit reads {MODEL_FORMAT}")
            C, min_df = (float(x) for x in z["params"])
            model = cls(C=C, min_df=int(min_df))
            model.areas_ = tuple(str(a) for a in z["areas"])
            cues = {k: tuple(v) for k, v in json.loads(str(z["cues"][0])).items()}
            vectors = None
            if "vectors" in z.files:
                words = [str(w) for w in z["vector_words"]]
                vectors = WordVectors.from_arrays(words, z["vectors"], z["vector_weights"])
            f = StatementFeaturizer(model.areas_, cues, int(min_df), vectors)
            f.vocabulary_ = {str(t): i for i, t in enumerate(z["terms"])}
            f.words_ = frozenset(str(w) for w in z["words"])
            f.idf_ = z["idf"].astype(np.float64)
            f._setup()
            model.featurizer_ = f
            model.coef_ = z["coef"].astype(np.float64)
            model.intercept_ = z["intercept"].astype(np.float64)
            model.threshold_, model.sense_threshold_ = (float(x) for x in z["thresholds"])
        return model


# --- bundled model: paths, stamp, loading -------------------------------------------------------


def bundled_model_path() -> Path:
    return models_dir() / f"{MODEL_NAME}.npz"


@lru_cache(maxsize=1)
def model_digest() -> str:
    """The bundled recogniser's sha256 (16 hex digits): what a stored score depends on beside the
    jobfit version, since a rebuilt model scores otherwise under the same version."""
    path = bundled_model_path()
    return _sha256(path.read_bytes())[:16] if path.is_file() else "none"


def meta_path(path: Path) -> Path:
    return path.with_name(path.name.replace(".npz", "") + ".meta.json")


def stamp_inputs() -> dict[str, str]:
    """Hashes of the data the model depends on: its cues and the competency areas."""
    return {
        "statement_cues.json": _sha256(data_path("statement_cues.json").read_bytes()),
        "competency_areas.json": _sha256(data_path("competency_areas.json").read_bytes()),
    }


def save_model(
    model: CompetencyRecogniser,
    path: Path,
    *,
    inputs: Sequence[tuple[str, str]],
    metrics: dict[str, Any],
    command: str = "",
    built: str | None = None,
) -> Path:
    import datetime as dt

    import sklearn
    import spacy

    from . import __version__
    from .output import atomic_writer

    data = model.to_bytes()
    vectors = model.featurizer_.vectors
    with atomic_writer(path, binary=True) as fh:
        fh.write(data)
    meta = {
        "model": path.name,
        "model_sha256": _sha256(data),
        "format": MODEL_FORMAT,
        "depends_on": stamp_inputs(),
        "inputs": [{"name": n, "sha256": h} for n, h in inputs],
        "versions": {
            "jobfit": __version__,
            "scikit-learn": sklearn.__version__,
            "spacy": spacy.__version__,
            "numpy": np.__version__,
            "python": platform.python_version(),
        },
        "params": {
            "C": model.C,
            "min_df": model.min_df,
            "threshold": model.threshold_,
            "sense_threshold": model.sense_threshold_,
            "word_vectors": None
            if vectors is None
            else {"words": len(vectors.words_), "dim": vectors.vectors_.shape[1]},
        },
        "areas": list(model.areas_),
        "metrics": metrics,
        "built": built or dt.date.today().isoformat(),
        "command": command,
    }
    with atomic_writer(meta_path(path)) as fh:
        fh.write(json.dumps(meta, indent=1, sort_keys=True) + "\n")
    return path


def load_model(path: str | Path | None = None, *, check: bool = True) -> CompetencyRecogniser:
    """The recogniser at ``path`` (default: the bundled one), its stamp checked; cached per
    process, and read again when the file changes."""
    target = Path(path) if path else bundled_model_path()
    try:
        stat = target.stat()
        version = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        version = (0, 0)
    return _load_model(str(target), check, version)


@lru_cache(maxsize=4)
def _load_model(path_str: str, check: bool, version: tuple[int, int]) -> CompetencyRecogniser:
    del version  # part of the cache key only
    path = Path(path_str)
    rebuild = "rebuild it (make model)"
    if not path.is_file():
        raise ModelError(f"{path.name}: competency model not found; {rebuild}")
    data = path.read_bytes()
    if check:
        meta_file = meta_path(path)
        if not meta_file.is_file():
            raise ModelError(f"{path.name}: meta record {meta_file.name} is missing; {rebuild}")
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ModelError(f"{meta_file.name}: not a meta record; {rebuild}") from None
        if meta.get("model_sha256") != _sha256(data):
            raise ModelError(f"{path.name}: file does not match its meta record (edited?); {rebuild}")
        expected = stamp_inputs()
        stale = sorted(k for k, v in expected.items() if (meta.get("depends_on") or {}).get(k) != v)
        if stale:
            raise ModelError(f"{path.name}: built with another {', '.join(stale)}; {rebuild}")
    try:
        return CompetencyRecogniser.from_bytes(data)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{path.name}: not a competency model ({type(exc).__name__}); {rebuild}") from None


# --- lexicon mentions -> areas -----------------------------------------------------------------


@lru_cache(maxsize=4)
def lexicon_area_map(lexicon_dir: str | None = None) -> dict[str, tuple[str, ...]]:
    """Lexicon id -> the competency areas it belongs to (``competency_areas.json``)."""
    from .lexicon import load_lexicon
    from .profile import area_members, load_areas

    members = area_members(load_areas(), load_lexicon(lexicon_dir))
    out: dict[str, list[str]] = {}
    for area, ids in members.items():
        for i in ids:
            out.setdefault(i, []).append(area)
    return {k: tuple(v) for k, v in out.items()}


# --- words of two senses ------------------------------------------------------------------------

# Words and hyphenated words; an apostrophe ends a word ("the cooks' union", "the server's").
_SENSE_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


@dataclass(frozen=True)
class _Sense:
    words: frozenset[str]
    other: _Element  # the other sense's single words and prefixes, written as a cue's element
    phrases: tuple[str, ...]  # " wait staff ": words in a row, space-delimited

    def named(self, words: set[str], sequence: str) -> bool:
        """Whether the other sense is named by ``words`` (a statement's lower-case words, also
        given as " "-joined ``sequence`` with a space at each end)."""
        return (
            not self.other.exact.isdisjoint(words)
            or (bool(self.other.prefixes) and any(w.startswith(self.other.prefixes) for w in words))
            or any(p in sequence for p in self.phrases)
        )


class WordSenses:
    """Words of technology with another common sense, and the words that name that sense
    (``analyzer/data/word_senses.json``): "servers" beside "bartenders", "backup" beside
    "vocals"."""

    def __init__(self, senses: Sequence[Mapping[str, Sequence[str]]]) -> None:
        self.senses = tuple(
            _Sense(
                words=frozenset(s["words"]),
                other=_element("|".join(o for o in s["other_sense"] if " " not in o)),
                phrases=tuple(f" {o} " for o in s["other_sense"] if " " in o),
            )
            for s in senses
        )
        words = sorted({w for s in self.senses for w in s.words}, key=lambda w: (-len(w), w))
        # Most statements hold none of the words: one search says so (guarded: 2.5x faster).
        either = r"\b(?:" + "|".join(map(re.escape, words)) + r")\b"
        self._any = guarded(re.compile(either, re.I)) if words else None

    def blanked(self, statement: str) -> str | None:
        """``statement`` with its two-sense words blanked when it names their other sense, else
        None."""
        if self._any is None or self._any.search(statement) is None:
            return None
        found = list(_SENSE_WORD.finditer(statement))
        words = [(m.start(), m.end(), m.group().lower()) for m in found]
        present = {w for _, _, w in words}
        # The other sense is named in lower case (or by the first word): a capitalised word is
        # more often part of a name ("Railway Street", "the Bartender Bros. bar"), and a name
        # must not move what a statement shows.
        common = [m.group().lower() for i, m in enumerate(found) if i == 0 or m.group().islower()]
        named = set(common)
        sequence = " " + " ".join(common) + " "
        blank = [
            (a, b)
            for sense in self.senses
            if not sense.words.isdisjoint(present) and sense.named(named, sequence)
            for a, b, w in words
            if w in sense.words
        ]
        return masked_text(statement, blank) if blank else None


@lru_cache(maxsize=1)
def load_word_senses() -> WordSenses:
    raw = json.loads(data_path("word_senses.json").read_text(encoding="utf-8"))
    return WordSenses(raw["senses"])


def read_other_senses(model: CompetencyRecogniser, texts: Sequence[str], probs: np.ndarray) -> np.ndarray:
    """``probs`` (of ``texts``, from ``model``; updated in place and returned) with the
    technology areas of a statement that names the other sense of a two-sense word taken from
    its reading without that word, when that reading is about no technology area (each under
    the sense threshold). A statement that uses the word in its technology sense has other
    technology words beside it and stays as read ("Ran backups for the choir school's file
    servers"); the management areas always keep the first reading."""
    senses = load_word_senses()
    again = [(i, b) for i, t in enumerate(texts) if (b := senses.blanked(t)) is not None]
    if not again:
        return probs
    from .profile import management_areas

    management = management_areas()
    tech = np.array([j for j, a in enumerate(model.areas_) if a not in management], dtype=np.int64)
    reread = model.predict_proba([" ".join(b.split()) for _, b in again])
    for (i, _), row in zip(again, reread, strict=True):
        if row[tech].max(initial=0.0) < model.sense_threshold_:
            probs[i, tech] = row[tech]
    return probs


# Which part of a statement a probability came from (``read_statements``), beside a clause's
# index: the whole statement, or the whole statement read again without a word of two senses.
WHOLE, WITHOUT_SENSE_WORD = -1, -2


def read_statements(model: CompetencyRecogniser, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """How the pipeline reads statements (single-spaced): per statement and area, the probability
    (``predict_parts``, then ``read_other_senses``) and the part it came from, a clause's index,
    ``WHOLE`` or ``WITHOUT_SENSE_WORD``."""
    probs, parts = model.predict_parts(texts)
    first = probs.copy()
    read_other_senses(model, texts, probs)
    parts[probs != first] = WITHOUT_SENSE_WORD
    return probs, parts


class StatementReadings:
    """``read_statements`` with a memory of the statements already read, by their text.

    A statement's reading depends on its text alone (its features are computed per statement),
    so a statement met again (an employer's boilerplate in each of its postings, the same EEO
    line on every posting of a job board, a resume read twice) is not read again: about a
    quarter of the statements of the dev postings repeat one before them. The memory is bounded
    (about 900 bytes a statement, so at most about 55 MB): when ``limit`` statements are new
    since the last turn, the newer half becomes the older and the older is dropped, so a
    statement met often stays (each hit in the older half moves it to the newer). It is kept
    for one model only.
    """

    def __init__(self, limit: int = 30_000) -> None:
        self.limit = limit
        self._model: CompetencyRecogniser | None = None
        self._newer: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._older: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def read(self, model: CompetencyRecogniser, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        if self._model is not model:
            # New dicts, not clear(): another thread (the web server's pool shares the
            # pipeline) may still read the old ones.
            self._newer, self._older, self._model = {}, {}, model
        newer, older = self._newer, self._older
        known: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for t in texts:
            hit = newer.get(t)
            if hit is None and (hit := older.get(t)) is not None:
                newer[t] = hit
            if hit is not None:
                known[t] = hit
        new = [t for t in dict.fromkeys(texts) if t not in known]
        if new:
            probs, parts = read_statements(model, new)
            for t, p, k in zip(new, probs, parts, strict=True):
                known[t] = newer[t] = (p, k)
        if len(newer) > self.limit:
            self._older, self._newer = newer, {}
        n_areas = len(model.areas_)
        if not texts:
            return np.zeros((0, n_areas)), np.zeros((0, n_areas), dtype=np.int64)
        return (
            np.array([known[t][0] for t in texts]),
            np.array([known[t][1] for t in texts], dtype=np.int64),
        )


@Language.factory("jobfit_competencies", default_config={"model_path": None, "lexicon_dir": None})
class CompetenciesComponent:
    """Labels every statement with the areas it demonstrates: ``doc._.jobfit["statement_probs"]``
    (statements x areas) and ``["statement_labels"]``; also decides each lexicon mention's sense.

    A mention of a skill that belongs to an area counts only inside a skills/certifications list
    or inside a statement that is about that area (probability >= the sense threshold); others are
    kept and marked ``in_sense = False`` (an employer's name, "containers" for food). A statement
    that names the other sense of a word of two senses ("servers and bartenders") is read without
    that word for the technology areas (``read_other_senses``).
    """

    def __init__(self, nlp: Language, name: str, model_path: str | None, lexicon_dir: str | None) -> None:
        ensure_extensions()
        self.name = name
        self.model_path = model_path
        self.lexicon_dir = lexicon_dir
        self._read_cache: StatementReadings = StatementReadings()

    @property
    def model(self) -> CompetencyRecogniser:
        return load_model(self.model_path)

    def __call__(self, doc: Doc) -> Doc:
        info = doc_info(doc)
        model = info.get("recogniser") or self.model
        statements = info.get("statements", [])
        area_map = lexicon_area_map(self.lexicon_dir)
        text = doc_text(doc)
        hidden = [
            *info.get("personal_ranges", ()),
            *info.get("place_name_ranges", ()),
            *info.get("english_word_ranges", ()),
        ]
        if hidden:
            text = masked_text(text, hidden)
        texts = [" ".join(text[s.start : s.end].split()) for s in statements]
        probs, parts = self._read_cache.read(model, texts)
        labels = model.labels(probs)
        info["statement_probs"] = probs
        info["statement_areas"] = model.areas_
        info["statement_labels"] = labels
        info["statement_label_spans"] = label_spans(text, statements, texts, labels, parts, model.areas_)
        info["mention_sense"] = mention_sense(doc, statements, probs, model, area_map)
        return doc


def label_spans(
    text: str,
    statements: Sequence[Any],
    texts: Sequence[str],
    labels: Sequence[Sequence[Label]],
    parts: np.ndarray,
    areas: Sequence[str],
) -> list[list[tuple[int, int]]]:
    """Per statement, for each of its labels, where in ``text`` the part that shows it is: the
    statement (also when read without a word of two senses), or the clause whose probability it
    is (``parts``, from ``read_statements``), so that evidence quotes what earned the credit.
    ``texts`` are the statements with single spaces."""
    column = {a: j for j, a in enumerate(areas)}
    out: list[list[tuple[int, int]]] = []
    for i, (st, labs) in enumerate(zip(statements, labels, strict=True)):
        spans: list[tuple[int, int]] = []
        # Found once per statement, and only for one with a label that a clause earned.
        words: list[re.Match[str]] = []
        pieces: list[tuple[int, int]] = []
        for lab in labs:
            k = int(parts[i, column[lab.id]])
            if k < 0:
                spans.append((st.start, st.end))
                continue
            if not pieces:
                words = list(_WORD.finditer(text, st.start, st.end))
                pieces = clause_spans(texts[i])
            a, b = pieces[k]
            spans.append((_source_offset(words, a), _source_offset(words, b - 1) + 1))
        out.append(spans)
    return out


_WORD = re.compile(r"\S+")


def _source_offset(words: Sequence[re.Match[str]], position: int) -> int:
    """The offset in the document of the character at ``position`` of the words joined by single
    spaces (a space maps to the end of the word before it)."""
    at = 0
    for word in words:
        size = word.end() - word.start()
        if position < at + size:
            return word.start() + position - at
        if position == at + size:
            return word.end()
        at += size + 1
    return words[-1].end()


def masked_text(text: str, ranges: Iterable[tuple[int, int]]) -> str:
    """The text with names blanked out (spaces, so offsets stay): the person's, so that no name
    ("Azure Nwosu", "Tom Spark", "Wei Zhang") can move a statement's probabilities (fairness
    tests), and places' that start with a product's name ("Oracle High School", "Azure Bay
    Hotel"), so that the product's name does not make a statement about the product. Blank, not
    a stand-in word: a word cut to a short name's length ("nam" for "Wei") would differ by name."""
    for start, end in ranges:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def mention_sense(
    doc: Doc,
    statements: Sequence[Any],
    probs: np.ndarray,
    model: CompetencyRecogniser,
    area_map: dict[str, tuple[str, ...]],
) -> dict[tuple[int, int], bool]:
    """(start, end) of each skill mention -> whether it is used in the sense of its area.

    In sense: a mention with no area, one in a skills/certifications list, or one inside a
    statement about one of its areas (probability >= the model's sense threshold). Product
    names get no pass: "VoIP" in a statement about desk phones for a call centre, or "Kronos"
    in a list of repaired devices, is not evidence of the area the lexicon files it under
    (cross-validated on the dev statements, a pass for product names and acronyms cost
    precision: 0.727 against 0.750, for 0.704 against 0.708 F1).

    Never in sense, whatever its area: a capitalised name on the line of a dated role, which is
    the employer's or the place's name ("Northwind Logistics, Springfield  Jan 2019 - Present"),
    and a product's name that starts the name of a place or a business anywhere ("the Azure Bay
    Hotel", ``analyzer.skills.place_name_ranges``), or a skill's word that names a role or a
    business ("the hiring manager": the lexicon record's ``not_before``).
    """
    import bisect

    text = doc_text(doc)
    lines = []
    for role in doc.spans.get("roles", ()):
        line_end = text.find("\n", role.end_char)
        lines.append((text.rfind("\n", 0, role.start_char) + 1, len(text) if line_end < 0 else line_end))
    role_lines = merge(lines)
    places = other_things_names(doc_info(doc))
    section = section_lookup(doc)
    starts = [s.start for s in statements]
    col = {a: i for i, a in enumerate(model.areas_)}
    out: dict[tuple[int, int], bool] = {}
    for span in doc.spans.get("skills", ()):
        areas = [col[a] for a in area_map.get(span.kb_id_, ()) if a in col]
        key = (span.start_char, span.end_char)
        on_role_line = text[span.start_char : span.start_char + 1].isupper() and covers(
            role_lines, span.start_char
        )
        if on_role_line or covers(places, span.start_char):
            out[key] = False
            continue
        if not areas or section(span.start_char) in LISTED_SECTIONS:
            out[key] = True
            continue
        i = bisect.bisect_right(starts, span.start_char) - 1
        inside = i >= 0 and span.end_char <= statements[i].end
        out[key] = bool(inside and max(probs[i, a] for a in areas) >= model.sense_threshold_)
    return out
