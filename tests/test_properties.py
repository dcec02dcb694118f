"""Property tests of the text pipeline (hypothesis): any text, no exception, exact offsets,
bounded scores, deterministic output."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.document import Document
from analyzer.extract import Extraction, Extractor
from analyzer.profile import load_profile
from analyzer.scoring import Scorer, ScoreResult

AS_OF = "2026-11"
SETTINGS = settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

# Pieces that make the components work: headings, skills, dates, degrees, claims.
FRAGMENTS = [
    "Experience",
    "EDUCATION",
    "Skills:",
    "Certifications",
    "Summary",
    "IT Manager",
    "Senior Systems Administrator",
    "Head of IT",
    "Jan 2015 - Present",
    "2010 – 2014",
    "03/2019 to 11/2021",
    "Mar. 2008—Jun. 2012",
    "10+ years of experience managing IT teams",
    "5 years' experience in cybersecurity",
    "Bachelor of Science in Computer Science",
    "MBA",
    "Ph.D.",
    "B.S.",
    "ITIL 4 Foundation",
    "PMP",
    "CompTIA Security+",
    "CISSP",
    "Azure",
    "AWS",
    "C#",
    ".NET",
    "Go",
    "R",
    "Excel",
    "project management",
    "Active Directory",
    "VMware",
    "budget",
    "vendor management",
    "Sarah Jenkins",
    "José García",
    "Age: 58",
]
WEIRD = [
    "\x00",
    "\x07",
    "\x1b[31m",
    "\u200b",
    "\u200f",
    "\u202e",
    "\ufeff",
    "\ufffd",
    "\u00ad",
    "\ufffe",
    "\r\n",
    "\r",
    "\t",
    "\f",
    "\v",
    "\u2028",
    "\u0085",
    "👩🏽‍💻",
    "🚀",
    "مدير تقنية المعلومات",
    "מנהל מערכות מידע",
    "管理",
    "ﬁ",
    "Ǆ",
    "İ",
    "ß",
    "e\u0301",
    " " * 50,
    "\n" * 20,
    "-",
    "•",
    "|",
    "(",
    ")",
    ":",
    "20",
    "1999",
    "-2020",
]

pieces = st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(WEIRD), st.text(max_size=12))
separators = st.sampled_from([" ", "\n", ", ", "\t", "", " | ", "\n\n", ". "])
documents = st.lists(st.tuples(pieces, separators), max_size=40).map(
    lambda parts: "".join(p + s for p, s in parts)
)
any_text = st.one_of(documents, st.text(max_size=300))


@functools.cache
def pipeline() -> tuple[Extractor, Scorer]:
    # check=False: the invariants hold for any profile; the stamp check is tested elsewhere.
    return Extractor(as_of=AS_OF), Scorer(load_profile("it_manager", check=False), as_of=AS_OF)


def run(text: str, kind: str | None = None) -> tuple[Extraction, ScoreResult]:
    extractor, scorer = pipeline()
    ext = extractor.extract(Document(id="d", source="<t>", text=text, kind=kind))  # type: ignore[arg-type]
    return ext, scorer.score(ext)


def assert_invariants(text: str, ext: Extraction, result: ScoreResult) -> None:
    for group in (ext.skills, ext.certifications, ext.experience, ext.education):
        for item in group:
            assert 0 <= item.start <= item.end <= len(text)
            assert text[item.start : item.end] == item.text
    for role in ext.roles:
        assert 0 <= role.start <= role.end <= len(text)
        assert role.months >= 0
    for comp in result.competencies:
        assert 0.0 <= comp.credit <= 1.0 and comp.points >= 0.0
        assert comp.status in ("met", "partial", "missing")
        for ev in comp.evidence:
            assert text[ev.start : ev.end] == ev.text
    # Role evidence describes a role ("IT Manager: 2015-01..present"); all other evidence quotes.
    roles = {f"{r.title or '?'}: {r.start_date}..{r.end_date or 'present'}" for r in ext.roles}
    for req in result.requirements:
        assert 0.0 <= req.credit <= 1.0 and req.points >= 0.0
        for ev in req.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start : ev.end] == ev.text or ev.text in roles
    assert 0.0 <= result.score <= 100.0
    assert ext.total_years >= 0 and ext.management_years >= 0


@SETTINGS
@given(text=any_text, kind=st.sampled_from([None, "resume", "posting"]))
def test_pipeline_never_raises_and_offsets_are_exact(text: str, kind: str | None) -> None:
    ext, result = run(text, kind)
    assert_invariants(text, ext, result)


@SETTINGS
@given(text=any_text)
def test_explanations_add_up_for_any_text(text: str) -> None:
    """Any statement is explained (or refused as empty, one line), every term finite, and the
    terms give back the probability; a document's near misses quote it exactly."""
    import math

    from analyzer.competencies import load_model
    from analyzer.errors import UsageError
    from analyzer.explain import explain_statement, near_misses

    model = load_model()
    try:
        readings = explain_statement(model, text)
    except UsageError:
        assert not text.split()
        return
    for reading in readings:
        total = sum(c.weight for c in reading.contributions)
        assert math.isfinite(total) and abs(total - reading.log_odds) < 1e-3 * len(reading.contributions)
        assert abs(1 / (1 + math.exp(-reading.log_odds)) - reading.p) < 1e-3
    ext, _ = run(text)
    for near in near_misses(model, ext.statements, model.areas_):
        assert text[near.start : near.end] == near.text
        assert near.p < near.threshold


@SETTINGS
@given(text=documents)
def test_second_run_is_identical(text: str) -> None:
    first = run(text)
    second = run(text)
    assert first[0].to_dict() == second[0].to_dict()
    assert first[1].to_dict() == second[1].to_dict()


@settings(max_examples=20, deadline=None, derandomize=True)
@given(texts=st.lists(documents.filter(lambda t: bool(t.strip())), min_size=2, max_size=5))
def test_batch_equals_one_by_one(texts: list[str]) -> None:
    """A document's result does not depend on the others in its batch."""
    extractor, _ = pipeline()
    docs = [Document(id=str(i), source="<t>", text=t) for i, t in enumerate(texts)]
    together = [e.to_dict() for e in extractor.extract_many(docs, batch_size=2)]  # type: ignore[union-attr]
    alone = [run(t)[0].to_dict() | {"id": str(i)} for i, t in enumerate(texts)]
    assert together == alone


@SETTINGS
@given(text=st.text(max_size=200))
def test_from_text_raises_only_ingest_errors(text: str) -> None:
    from analyzer.errors import IngestError
    from analyzer.ingest import from_text, load_bytes

    try:
        from_text(text)
    except IngestError as err:
        assert "\n" not in str(err)
    for encoding in ("utf-8", "utf-16", "latin-1"):
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        try:
            doc = load_bytes(data, name="upload.txt")
        except IngestError as err:
            assert "\n" not in str(err)
        else:
            assert doc.text.strip()


def _batch_texts() -> list[str]:
    """A fixed sample of the generated documents (process pools are too slow per example)."""
    import random

    rng = random.Random(6)
    out = []
    for _ in range(12):
        parts = rng.choices(FRAGMENTS + WEIRD, k=rng.randint(5, 40))
        out.append("\n".join(parts) + "\nIT Manager")
    return out


def test_batch_output_is_identical_across_jobs(tmp_path: Path) -> None:
    batch = pytest.importorskip("analyzer.batch")
    if not hasattr(batch, "score_batch"):
        pytest.skip("analyzer.batch.score_batch is not available")
    table = tmp_path / "docs.jsonl"
    table.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(_batch_texts())),
        encoding="utf-8",
    )
    profile = load_profile("it_manager", check=False)

    def records(jobs: int) -> list[dict[str, Any]]:
        return list(batch.score_batch([table], profile, jobs=jobs, as_of=AS_OF))

    one = records(1)
    assert len(one) == 12 and all("score" in r for r in one)
    assert records(2) == one
