from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from analyzer.competencies import CompetencyRecogniser
from analyzer.errors import ModelError
from analyzer.word_vectors import WordVectors, text_lines, tokens

from .test_competencies import AREAS, CUES, LABELS, TEXTS, assert_round_trip

# A tiny unlabelled corpus written for this test: "switches" and "routers" share their contexts,
# "budget" and "spend" share theirs; the two groups never meet.
_NETWORK = [
    f"configured the {a} and {b} for the {c} network"
    for a in ("routers", "switches", "firewalls")
    for b in ("cables", "links", "ports")
    for c in ("branch", "office", "campus")
]
_MONEY = [
    f"planned the yearly {a} and cut the {b} by a {c}"
    for a in ("budget", "spend", "costs")
    for b in ("travel", "licence", "hardware")
    for c in ("tenth", "fifth", "quarter")
]
LINES = _NETWORK + _MONEY


def _vectors() -> WordVectors:
    return WordVectors(dim=4, min_count=2).fit(LINES)


def _cosine(v: WordVectors, a: str, b: str) -> float:
    ia, ib = v.get(a), v.get(b)
    assert ia is not None and ib is not None
    return float(v.vectors_[ia] @ v.vectors_[ib])


def test_words_of_shared_contexts_are_near_and_others_far() -> None:
    v = _vectors()
    # Both groups share "the" and "and", so far is not orthogonal; near is nearly the same.
    assert _cosine(v, "routers", "switches") > 0.95 > _cosine(v, "routers", "budget") + 0.3
    assert _cosine(v, "budget", "spend") > 0.95 > _cosine(v, "spend", "firewalls") + 0.3
    assert np.allclose(np.linalg.norm(v.vectors_, axis=1), 1.0, atol=1e-3)


def test_fit_is_deterministic_and_reads_pronouns_and_numbers_as_one_word() -> None:
    a, b = _vectors(), _vectors()
    assert a.words_ == b.words_ and np.array_equal(a.vectors_, b.vectors_)
    assert tokens("She cut 14 of them in 2008") == ["pron", "cut", "0", "of", "pron", "in", "0"]
    assert text_lines("Led a team. Cut costs\n• Wrote policy") == [
        "Led a team.",
        "Cut costs",
        " Wrote policy",
    ]


def test_too_little_text_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="too few"):
        WordVectors(dim=50, min_count=2).fit(LINES)


def test_statement_vectors_are_unit_length_or_zero() -> None:
    v = _vectors()
    ids = np.array([v.get("routers"), v.get("budget"), v.get("switches")], dtype=np.int64)
    out = v.embed(np.array([0, 0, 2]), ids, 3)
    assert out.shape == (3, 4)
    assert np.isclose(np.linalg.norm(out[0]), 1.0) and np.isclose(np.linalg.norm(out[2]), 1.0)
    assert not out[1].any()  # a statement with no known word has no vector


def _model_with_vectors() -> CompetencyRecogniser:
    return CompetencyRecogniser(C=4.0, min_df=1, threshold=0.5).fit(TEXTS, LABELS, AREAS, CUES, _vectors())


def test_vectors_carry_what_a_statement_means_past_its_words() -> None:
    model = _model_with_vectors()
    assert model.featurizer_.n_features == model.featurizer_.n_sparse + 4
    plain = CompetencyRecogniser(C=4.0, min_df=1, threshold=0.5).fit(TEXTS, LABELS, AREAS, CUES)
    # "firewalls" and "cables" are in no labelled statement: only the vectors know them.
    text = ["firewalls and cables"]
    col = model.areas_.index("infrastructure")
    assert model.predict_proba(text)[0, col] > plain.predict_proba(text)[0, col]


def test_vectors_round_trip_through_the_model_file() -> None:
    assert_round_trip(
        _model_with_vectors(), ["Configured switches for the campus", "ofthe yearly spend", "nothing at all"]
    )


def test_who_the_person_is_does_not_move_probabilities_through_vectors() -> None:
    she, they = _model_with_vectors().predict_proba(
        ["She configured the routers in 2008 for 14 sites", "They configured the routers in 2015 for 9 sites"]
    )
    np.testing.assert_allclose(she, they)


def test_a_model_file_of_another_format_is_refused() -> None:
    import io

    data = io.BytesIO(_model_with_vectors().to_bytes())
    with np.load(data) as z:
        arrays: dict[str, Any] = {k: z[k] for k in z.files}
    arrays["format"] = np.array([1])
    out = io.BytesIO()
    np.savez(out, **arrays)
    with pytest.raises(ModelError, match="model format 1"):
        CompetencyRecogniser.from_bytes(out.getvalue())
