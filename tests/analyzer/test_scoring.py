from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from analyzer.document import Document, Kind
from analyzer.extract import Extraction, Extractor, Role, SkillMention, StatementLabel, StatementRecord
from analyzer.profile import (
    CertificationRequirement,
    Competency,
    Profile,
    Requirements,
    load_profile,
    profile_from_extraction,
)
from analyzer.scoring import Scorer, band, relevant_management

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def profile(**req: object) -> Profile:
    comps = (
        Competency("security", "Security", 0.6, ("a", "b", "c", "d"), ("a",), {}, ()),
        Competency("budget", "Budgeting", 0.4, ("e",), ("e",), {}, ()),
    )
    requirements = Requirements(
        education_level=req.get("education_level", "bachelor"),  # type: ignore[arg-type]
        education_fields=(),
        years_min=5.0,
        management_years_min=req.get("management_years_min", 4.0),  # type: ignore[arg-type]
        certifications=(CertificationRequirement("cert:pmp", "PMP", 1.0),),
    )
    return Profile("test", "Test", comps, requirements, "t", "0", title_terms=("it", "network"))


def skill(i: str, section: str = "experience") -> SkillMention:
    return SkillMention(i, i, "hard_skill", "x", section, 0, 1, "x")


def extraction(skills=(), roles=(), kind: str = "resume", **kw: object) -> Extraction:
    base = dict(
        id="d",
        source="s",
        kind=kind,
        pages=1,
        skills=tuple(skills),
        certifications=(),
        experience=(),
        roles=tuple(roles),
        education=(),
        total_years=0.0,
        management_years=0.0,
        highest_education=None,
        warnings=(),
    )
    base.update(kw)
    return Extraction(**base)  # type: ignore[arg-type]


def statement(*labels: str, section: str = "experience", p: float = 0.9) -> StatementRecord:
    return StatementRecord(0, 1, "x", section, tuple(StatementLabel(i, p, 0, 1) for i in labels))


def test_competency_credit_and_status() -> None:
    scorer = Scorer(profile(), as_of="2026-01")
    res = {c.id: c for c in scorer.score(extraction([skill("a", "skills")])).competencies}
    assert (res["security"].status, res["security"].credit) == ("partial", round(1 / 3, 4))
    # Named outside a list is still only named: a statement has to show it.
    res = {c.id: c for c in scorer.score(extraction([skill("a")])).competencies}
    assert (res["security"].status, res["security"].credit) == ("partial", round(1 / 3, 4))
    res = {c.id: c for c in scorer.score(extraction([skill("a"), skill("b"), skill("c")])).competencies}
    assert res["security"].credit == 1.0
    assert res["budget"].status == "missing" and res["budget"].points == 0


def test_statements_demonstrate_competencies() -> None:
    scorer = Scorer(profile(), as_of="2026-01")
    # One statement that shows it: met (2 of 3); two statements: full credit.
    res = {c.id: c for c in scorer.score(extraction(statements=(statement("budget"),))).competencies}
    assert (res["budget"].status, res["budget"].credit) == ("met", round(2 / 3, 4))
    assert res["budget"].evidence[0].p == 0.9
    two = (statement("budget"), statement("budget", "security"))
    res = {c.id: c for c in scorer.score(extraction(statements=two)).competencies}
    assert res["budget"].credit == 1.0 and res["security"].status == "met"
    # A skills list, education or a posting's benefits name things: they demonstrate nothing.
    for section in ("skills", "education", "benefits"):
        ext = extraction(statements=(statement("budget", section=section),))
        res = {c.id: c for c in scorer.score(ext).competencies}
        assert res["budget"].status == "missing", section


def test_a_posting_technology_competency_shown_only_by_statements_is_partial() -> None:
    # The recogniser labels other fields' duties by their managing verbs ("directs amendments to
    # the building code" as software): in a posting, a technology competency none of whose
    # skills is named stays partial; a management function (leadership) does not; a resume keeps
    # the full rule for both.
    comps = (
        Competency("software", "Software", 0.5, ("a",), ("a",), {}, ()),
        Competency("leadership", "Leadership", 0.5, ("b",), ("b",), {}, ()),
    )
    base = profile()
    prof = dataclasses.replace(base, competencies=comps)
    two = (statement("software", "leadership"), statement("software", "leadership"))
    cap = round(prof.policy.posting_unnamed_strength / prof.policy.max_distinct, 4)
    posting = {c.id: c for c in Scorer(prof).score(extraction(statements=two, kind="posting")).competencies}
    assert posting["software"].credit == cap and posting["software"].status == "partial"
    assert posting["leadership"].credit == 1.0
    resume = {c.id: c for c in Scorer(prof).score(extraction(statements=two)).competencies}
    assert resume["software"].credit == 1.0 and resume["leadership"].credit == 1.0


def test_words_out_of_their_sense_earn_nothing() -> None:
    scorer = Scorer(profile(), as_of="2026-01")
    off = dataclasses.replace(skill("a"), in_sense=False)
    res = {c.id: c for c in scorer.score(extraction([off])).competencies}
    assert res["security"].status == "missing" and res["security"].evidence == ()


def test_points_sum_to_score_and_trace_to_evidence() -> None:
    scorer = Scorer(profile(), as_of="2026-01")
    result = scorer.score(extraction([skill("a"), skill("e", "skills")]))
    total = sum(c.points for c in result.competencies) + sum(r.points for r in result.requirements)
    assert result.score == pytest.approx(total, abs=0.05)
    items: list[Any] = [*result.competencies, *result.requirements]
    for item in items:
        assert item.points == 0 or item.evidence, item


def role(title: str, start: str, end: str | None, months: int = 0) -> Role:
    return Role(title, start, end, months, True, 0, 5)


def test_management_years_in_field_only_and_overlaps_once() -> None:
    roles = [
        role("IT Manager", "2015-01", "2018-12"),
        role("Network Manager", "2017-01", "2019-12"),  # overlaps: counted once
        role("Sales Manager", "2000-01", "2014-12"),  # not in the field
    ]
    years, evidence = relevant_management(extraction(roles=roles), profile(), "2026-01")
    assert years == pytest.approx(5.0)
    assert len(evidence) == 2


def test_junior_titles_count_half() -> None:
    roles = [role("IT Team Lead", "2010-01", "2013-12")]
    years, _ = relevant_management(extraction(roles=roles), profile(), "2026-01")
    assert years == pytest.approx(2.0)


def test_management_credit_and_status() -> None:
    scorer = Scorer(profile(management_years_min=4.0), as_of="2026-01")
    ext = extraction(roles=[role("IT Manager", "2020-01", "2023-12")])  # 4 years: the minimum
    req = {r.id: r for r in scorer.score(ext).requirements}["management_years"]
    assert req.status == "met" and req.credit == 0.5  # full credit at twice the minimum


@pytest.mark.parametrize(
    ("level", "credit"), [("master", 1.0), ("bachelor", 1.0), ("associate", 0.5), (None, 0.0)]
)
def test_education_credit(level: str | None, credit: float) -> None:
    from analyzer.extract import EducationMention

    education = (EducationMention(level, None, "education", 0, 1, "x"),) if level else ()
    ext = extraction(education=education)
    req = {r.id: r for r in Scorer(profile()).score(ext).requirements}["education"]
    assert req.credit == credit


def test_bands() -> None:
    assert [band(s) for s in (90, 60, 40, 10)] == ["strong", "good", "fair", "weak"]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(as_of="2026-11")


def load(name: str, kind: Kind | None = None) -> Document:
    path = SAMPLES / name
    return Document(path.stem, str(path), path.read_text(encoding="utf-8"), kind=kind)


def test_manager_sample_beats_developer_sample(extractor: Extractor) -> None:
    scorer = Scorer(load_profile("it_manager"), as_of="2026-11")
    manager = scorer.score(extractor.extract(load("alex_morgan_resume.txt")))
    developer = scorer.score(extractor.extract(load("jordan_lee_resume.md")))
    assert manager.score > 70 > 40 > developer.score
    assert manager.band == "strong"


def test_evidence_offsets_index_the_text(extractor: Extractor) -> None:
    doc = load("alex_morgan_resume.txt")
    result = Scorer(load_profile("it_manager"), as_of="2026-11").score(extractor.extract(doc))
    for comp in result.competencies:
        for ev in comp.evidence:
            assert doc.text[ev.start : ev.end] == ev.text


def test_score_against_a_posting(extractor: Extractor) -> None:
    posting_doc = load("it_manager_posting.txt", kind="posting")
    posting = extractor.extract(posting_doc)
    prof = profile_from_extraction(posting)
    assert {"security", "budgeting", "continuity"} <= {c.id for c in prof.competencies}
    assert prof.requirements.years_min == 5
    assert prof.requirements.education_level == "bachelor"
    resume = extractor.extract(load("alex_morgan_resume.txt"))
    result = Scorer(prof, as_of="2026-11").score(resume)
    assert result.score > 60
    assert result.profile.startswith("posting:")
    from analyzer.policy import DEFAULT_POLICY

    assert prof.policy == DEFAULT_POLICY  # a posting's profile scores by the default policy


def test_postings_are_scored_on_competencies(extractor: Extractor) -> None:
    posting = extractor.extract(load("it_manager_posting.txt", kind="posting"))
    result = Scorer(load_profile("it_manager")).score(posting)
    assert result.kind == "posting"
    assert {r.id for r in result.requirements} == {"title", "manages"}
    assert result.score > 50
    assert "Software development and web" in result.gaps  # an IT manager posting asks for no coding


def test_scores_are_deterministic(extractor: Extractor) -> None:
    scorer = Scorer(load_profile("it_manager"), as_of="2026-11")
    doc = load("alex_morgan_resume.txt")
    assert scorer.score(extractor.extract(doc)) == scorer.score(extractor.extract(dataclasses.replace(doc)))


def test_the_profile_policy_sets_the_numbers() -> None:
    """Shares, credit and bands are the profile's: another policy scores differently, same code."""
    from analyzer.policy import DEFAULT_POLICY, ScoringPolicy

    ext = extraction([skill("a"), skill("e", "skills")], roles=[role("IT Manager", "2020-01", "2023-12")])
    default = Scorer(profile(), as_of="2026-01").score(ext)
    other = ScoringPolicy(
        competency_share={"resume": 0.80, "posting": 0.60},
        requirement_shares={
            "resume": {
                "management_years": 0.10,
                "total_years": 0.0,
                "education": 0.05,
                "certifications": 0.05,
            },
            "posting": {"title": 0.40, "manages": 0.0},
        },
        max_distinct=1,
        bands=((90.0, "top"), (0.0, "rest")),
    )
    scored = Scorer(dataclasses.replace(profile(), policy=other), as_of="2026-01").score(ext)
    assert scored.score != default.score
    comps = {c.id: c for c in scored.competencies}
    assert comps["security"].credit == 1.0 and comps["budget"].credit == 1.0  # one id is enough now
    assert comps["security"].points == pytest.approx(100 * 0.80 * 0.6)
    reqs = {r.id: r for r in scored.requirements}
    assert reqs["management_years"].points == pytest.approx(100 * 0.10 * reqs["management_years"].credit)
    assert scored.band in ("top", "rest") and default.band in ("strong", "good", "fair", "weak")
    assert band(95, other) == "top" and band(95) == band(95, DEFAULT_POLICY) == "strong"


def test_readme_score_section_points_to_the_profile_policy() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### The score", 1)[1].split("\n## ", 1)[0]
    assert "profile's `policy`" in section and "ScoringPolicy" in section


IC_POSTING = """Senior Network Engineer

Responsibilities
- Configure and troubleshoot Cisco switches, routers and firewalls.
- Monitor network performance and respond to incidents.
- We care about hiring, mentorship and teambuilding, and you will mentor new engineers.
{extra}"""


@pytest.mark.parametrize(
    ("extra", "leadership"),
    [
        # Soft-skill words and mentoring, no supervision: at most partial.
        ("", {"partial", "missing"}),
        # The posting says the job manages no one: nothing.
        ("- This is an individual contributor role with no direct reports.\n", {"missing"}),
        # The job supervises people: the words count in full.
        ("- Manage a team of 6 engineers; hire, train and conduct performance reviews.\n", {"met"}),
    ],
)
def test_a_posting_leads_people_only_when_its_duties_supervise(extra: str, leadership: set[str]) -> None:
    scorer = Scorer(load_profile("it_manager"), as_of="2026-11")
    ext = Extractor(as_of="2026-11").extract(
        Document("p", "p", IC_POSTING.format(extra=extra), kind="posting")
    )
    status = {c.id: c.status for c in scorer.score(ext).competencies}
    assert status["leadership"] in leadership
    assert status["infrastructure"] == "met"  # the rest of the job is scored as before


@pytest.mark.parametrize("heading", ["About us", "Benefits"])
def test_a_posting_boilerplate_names_nothing(heading: str) -> None:
    # Skills in the company blurb, its culture, benefits or EEO text are not the job's.
    body = "Network Engineer\n\nResponsibilities\n- Configure Cisco switches and routers.\n\n"
    blurb = f"{heading}\nWe sell ITIL service management, vendor management and IT budgeting tools.\n"
    scorer = Scorer(load_profile("it_manager"), as_of="2026-11")
    ext = Extractor(as_of="2026-11").extract(Document("p", "p", body + blurb, kind="posting"))
    status = {c.id: c.status for c in scorer.score(ext).competencies}
    assert status["vendors"] == status["budgeting"] == status["service"] == "missing"


def test_equal_opportunity_words_that_are_the_whole_text_still_count() -> None:
    # An HR statement scored alone as a posting is not a posting's boilerplate.
    text = "Ensure compliance with EEO and affirmative action regulations; audit hiring records."
    ext = Extractor(as_of="2026-11").extract(Document("p", "p", text, kind="posting"))
    assert ext.posting is not None and [s.name for s in ext.posting.sections] == ["eeo"]
    status = {
        c.id: c.status for c in Scorer(load_profile("it_manager"), as_of="2026-11").score(ext).competencies
    }
    assert status["compliance"] != "missing"
