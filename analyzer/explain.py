"""Why the statement recogniser reads a statement as it does: each area's log-odds, feature by
feature.

The recogniser is one logistic regression per area, so a probability is exactly
``sigmoid(bias + sum of (feature value x weight))``. ``explain_statement`` gives that sum for the
part of the statement the probability came from (the whole statement, one of its clauses, or the
statement read without a word of two senses, as ``read_statements`` names it), split into its
largest terms: a word of the vocabulary, a cue phrase, an area's count of cues, a word's meaning
(its share of the statement's word vector, which is linear in its words, so the shares are
exact), the bias, and the rest. The terms add up to the log-odds, so every point of a
probability is accounted for.

    >>> from analyzer.competencies import load_model
    >>> reading = explain_statement(load_model(), "Led a team of 14 engineers.", ["leadership"])[0]
    >>> reading.status, [c.name for c in reading.contributions[:2]]  # doctest: +SKIP
    ('demonstrated', ['team of #', 'led'])

A statement is read as the pipeline reads it when it is a document of its own: whitespace runs
become single spaces. Inside a document the pipeline also blanks the person's name and place
names that start with a product's name (``masked_text``), which a lone statement does not hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np

from .competencies import (
    VECTOR_SCALE,
    WHOLE,
    WITHOUT_SENSE_WORD,
    CompetencyRecogniser,
    StatementFeaturizer,
    load_word_senses,
    read_statements,
)
from .errors import UsageError
from .statements import clause_spans, normalise

# What a term of the log-odds is.
WORD = "word"
CUE = "cue"
CUE_COUNT = "cue count"
MEANING = "meaning"  # a word through its word vector: what it is near, not the word itself
BIAS = "bias"
REST = "other features"

DEMONSTRATED = "demonstrated"  # at or above the threshold: the statement earns the area
ABOUT = "about"  # at or above the sense threshold: a skill of the area named in it counts
BELOW = "below"


@dataclass(frozen=True)
class Contribution:
    """One term of an area's log-odds: ``weight`` = the feature's value x its learned weight."""

    kind: str  # WORD, CUE, CUE_COUNT, MEANING, BIAS or REST
    name: str  # the word, the cue as written in statement_cues.json, an area id, or ""
    area: str  # for a cue or a cue count, the area whose cue it is; else ""
    weight: float


@dataclass(frozen=True)
class AreaReading:
    """How one area reads a statement. ``log_odds`` = the sum of ``contributions`` (bias and
    rest included); ``p`` = its sigmoid."""

    id: str
    p: float
    status: str  # DEMONSTRATED, ABOUT or BELOW
    part: str  # "statement", "clause" or "without a word of two senses"
    start: int  # the part read, in the statement with single spaces
    end: int
    text: str  # exactly what was read
    log_odds: float
    contributions: tuple[Contribution, ...]  # largest first, then the rest, then the bias


@lru_cache(maxsize=4)
def _terms(featurizer: StatementFeaturizer) -> tuple[str, ...]:
    """The vocabulary by feature id (once per loaded model)."""
    return tuple(sorted(featurizer.vocabulary_, key=featurizer.vocabulary_.__getitem__))


def check_areas(model: CompetencyRecogniser, areas: Sequence[str]) -> None:
    """Refuse, in one line, an area id the model does not know."""
    unknown = [a for a in areas if a not in model.areas_]
    if unknown:
        raise UsageError(f"unknown area {unknown[0]!r} (areas: {', '.join(model.areas_)})")


def _contributions(
    model: CompetencyRecogniser, text: str, column: int, top: int
) -> tuple[float, tuple[Contribution, ...]]:
    featurizer = model.featurizer_
    matcher = featurizer.cue_matcher_
    n_vocab, n_cues = len(featurizer.vocabulary_), len(matcher)
    rows, cols, vals, dense = featurizer.features([text])
    terms = _terms(featurizer)
    found: list[Contribution] = []
    for col, value in zip(cols.tolist(), vals.tolist(), strict=True):
        weight = value * float(model.coef_[col, column])
        if col < n_vocab:
            found.append(Contribution(WORD, terms[col], "", weight))
        elif col < n_vocab + n_cues:
            area, _, spec = matcher.names[col - n_vocab].partition(":")
            found.append(Contribution(CUE, spec, area, weight))
        else:
            area = featurizer.areas[col - n_vocab - n_cues]
            found.append(Contribution(CUE_COUNT, area, area, weight))
    vectors = featurizer.vectors
    if vectors is not None and dense.shape[1]:
        # The statement's vector is VECTOR_SCALE x (sum of its distinct words' SIF-weighted
        # vectors) / that sum's length: linear in each word, so each word's share is exact.
        words = sorted({w for w in featurizer.tokens(text) if vectors.get(w) is not None})
        ids = np.array([vectors.get(w) for w in words], dtype=np.int64)
        weighted = vectors.vectors_[ids].astype(np.float64) * vectors.weights_[ids, None]
        length = float(np.linalg.norm(weighted.sum(axis=0)))
        shares = VECTOR_SCALE * (weighted @ model.coef_[featurizer.n_sparse :, column]) / (length or 1.0)
        found += [Contribution(MEANING, w, "", float(x)) for w, x in zip(words, shares.tolist(), strict=True)]
    bias = float(model.intercept_[column])
    found.sort(key=lambda c: (-abs(c.weight), c.kind, c.name))
    shown, rest = found[:top], found[top:]
    out = [replace(c, weight=round(c.weight, 4)) for c in shown]
    if rest:
        out.append(Contribution(REST, f"{len(rest)} more", "", round(sum(c.weight for c in rest), 4)))
    out.append(Contribution(BIAS, "", "", round(bias, 4)))
    return bias + sum(c.weight for c in found), tuple(out)


def _part(text: str, k: int) -> tuple[str, tuple[int, int], str]:
    """The part of ``text`` that ``predict_parts`` named: ``WHOLE``, else clause ``k``."""
    if k == WHOLE:
        return "statement", (0, len(text)), text
    start, end = clause_spans(text)[k]
    return "clause", (start, end), text[start:end]


def explain_statement(
    model: CompetencyRecogniser, statement: str, areas: Sequence[str] | None = None, top: int = 8
) -> list[AreaReading]:
    """How ``model`` reads ``statement`` for ``areas`` (default: every area the statement is at
    least about, else the three most likely), most likely first, with the ``top`` largest terms
    of each area's log-odds."""
    text = normalise(statement)
    if not text:
        raise UsageError("nothing to explain: the statement is empty")
    check_areas(model, areas or ())
    probs, parts = read_statements(model, [text])
    reread = parts[0] == WITHOUT_SENSE_WORD
    row = probs[0]
    if areas:
        columns = [model.areas_.index(a) for a in areas]
    else:
        columns = [j for j in range(len(row)) if row[j] >= model.sense_threshold_]
        if not columns:
            columns = list(np.argsort(-row, kind="stable")[:3])
    columns.sort(key=lambda j: (-row[j], model.areas_[j]))
    blanked = None
    if reread.any():
        blanked = normalise(load_word_senses().blanked(text) or text)
        _, blanked_parts = model.predict_parts([blanked])
    out = []
    for j in columns:
        if blanked is not None and reread[j]:
            # Read again without the word: offsets are those of the statement as a whole.
            _, _, read = _part(blanked, int(blanked_parts[0, j]))
            part, start, end = "without a word of two senses", 0, len(text)
        else:
            part, (start, end), read = _part(text, int(parts[0, j]))
        log_odds, contributions = _contributions(model, read, j, top)
        p = float(row[j])
        status = DEMONSTRATED if p >= model.threshold_ else ABOUT if p >= model.sense_threshold_ else BELOW
        out.append(
            AreaReading(
                model.areas_[j],
                round(p, 4),
                status,
                part,
                start,
                end,
                read,
                round(log_odds, 4),
                contributions,
            )
        )
    return out


# From this probability a statement is a near miss worth showing under a gap. Out of fold on the
# 857 hand-labelled dev statements, a statement read at 0.7 to 0.85 for an area shows it by the
# guide about a third of the time (0.345 and 0.368 for 0.7-0.8 and 0.8-0.85), at 0.5 to 0.7 a
# fifth (0.18, 0.23): below 0.7 the closest statement is mostly about something else.
NEAR_FLOOR = 0.7


@dataclass(frozen=True)
class NearMiss:
    """A document's statement closest to an area it does not show: read at ``NEAR_FLOOR`` or
    more, but under the threshold that credits it."""

    id: str
    p: float
    threshold: float
    start: int  # the statement, in the document
    end: int
    text: str


def near_misses(
    model: CompetencyRecogniser, statements: Sequence[Any], areas: Sequence[str]
) -> list[NearMiss]:
    """For each of ``areas`` the model knows, the statement (``start``, ``end``, ``text``, as in
    an extraction's ``statements``) most likely to show it, when it is read at ``NEAR_FLOOR`` or
    more and does not yet show it: the bullet that comes closest to filling a gap."""
    wanted = [a for a in areas if a in model.areas_]
    if not wanted or not statements:
        return []
    probs = read_statements(model, [normalise(st.text) for st in statements])[0]
    out = []
    for area in wanted:
        column = probs[:, model.areas_.index(area)]
        best = int(np.argmax(column))
        p = float(column[best])
        if max(NEAR_FLOOR, model.sense_threshold_) <= p < model.threshold_:
            st = statements[best]
            out.append(NearMiss(area, round(p, 4), model.threshold_, st.start, st.end, st.text))
    return out


def closest_statements(
    model: CompetencyRecogniser, statements: Sequence[str], area: str, n: int = 3, top: int = 8
) -> list[tuple[int, AreaReading]]:
    """The ``n`` statements most likely to show ``area`` (index into ``statements``, reading),
    most likely first: what earned a competency, or how close a document came to one it misses."""
    check_areas(model, [area])
    texts = [normalise(s) for s in statements]
    keep = [i for i, t in enumerate(texts) if t]
    if not keep:
        return []
    column = read_statements(model, [texts[i] for i in keep])[0][:, model.areas_.index(area)]
    # A statement printed twice (a summary repeated under a role) is shown once, where it first is.
    best: list[int] = []
    seen: set[str] = set()
    for k in np.argsort(-column, kind="stable").tolist():
        if texts[keep[k]] not in seen:
            seen.add(texts[keep[k]])
            best.append(k)
            if len(best) == n:
                break
    return [(keep[k], explain_statement(model, texts[keep[k]], [area], top)[0]) for k in best]
