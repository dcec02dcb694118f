"""A resume against a posting: every ask listed, found or not; missing required asks cost points;
suggestions say what would count, where, and for how many points; people read names, not ids."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.errors import POSTING_NO_SKILLS, JobfitError
from analyzer.exports import gaps_csv
from analyzer.extract import Extractor
from analyzer.html_report import render_report
from analyzer.ingest import from_text
from analyzer.policy import DEFAULT_POLICY
from analyzer.profile import STATEMENT_EVIDENCE, Profile, load_profile, posting_profile
from analyzer.reports import score_row, score_table
from analyzer.scoring import NOTHING_FOUND, Evidence, Scorer, ScoreResult
from cli import main

AS_OF = "2026-11"
# Written for these tests.
POSTING = """Platform Engineering Manager
Northgate Analytics

Responsibilities
- Lead a team of six platform engineers and run hiring and performance reviews.
- Own the cloud budget and the roadmap for our data platform.

Requirements
- 5+ years of experience in software engineering, including 2+ years managing engineers.
- Hands-on experience with Kubernetes, Terraform and Snowflake.
- Bachelor's degree in Computer Science or a related field.
- Must have the right to work in the UK.

Preferred
- AWS Certified Solutions Architect.
- Experience with SAP S/4HANA is a plus.
"""
RESUME = """Robin Vale
Platform Engineering Manager

EXPERIENCE
Platform Engineering Manager
Eastwind Data    Jan 2019 - Present
- Lead a team of 7 platform engineers; hiring and performance reviews.
- Built the data platform on Kubernetes and Terraform; moved the warehouse to Snowflake.
- Own the cloud budget with finance.

Software Engineer
Eastwind Data    2014 - 2018
- Built Python services and SQL reporting.

EDUCATION
Bachelor of Science in Computer Science, 2013

CERTIFICATIONS
AWS Certified Solutions Architect - Associate
"""
INTERNAL = re.compile(
    r"\b(?:cert|skill|domain|tech|soft|method):[a-z0-9]|high_school|\[\d+\s*[-\u2013]\s*\d+\]"
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(as_of=AS_OF)


@pytest.fixture(scope="module")
def prof(extractor: Extractor) -> Profile:
    return posting_profile(from_text(POSTING, id="northgate", source="posting.txt"), extractor)


def score(prof: Profile, extractor: Extractor, text: str) -> ScoreResult:
    doc = dataclasses.replace(from_text(text, id="robin", source="resume.txt"), kind="resume")
    return Scorer(prof, as_of=AS_OF).score(extractor.extract(doc))


def items(result: ScoreResult) -> dict[str, tuple[str, str, str]]:
    return {i.name: (i.type, i.importance, i.status) for i in result.posting_items}


def test_every_ask_is_listed_with_type_importance_and_status(prof: Profile, extractor: Extractor) -> None:
    result = score(prof, extractor, RESUME)
    got = items(result)
    assert got["Kubernetes"] == ("tool", "required", "found")
    assert got["Snowflake"] == ("tool", "required", "found")
    assert got["bachelor's degree in Computer Science"] == ("degree", "required", "found")
    assert got["5+ years of experience in software engineering"][:2] == ("experience", "required")
    assert got["2+ years managing engineers"] == ("experience", "required", "found")
    assert got["AWS Certified Solutions Architect - Associate"] == ("certification", "preferred", "found")
    assert got["SAP"] == ("tool", "preferred", "missing")
    assert got["Platform Engineering Manager"] == ("title", "required", "found")
    # "Experience with SAP S/4HANA" is the tool SAP, not a second ask.
    assert not any(name.startswith("Experience with SAP") for name in got)
    # A preferred ask costs nothing; the right to work is listed but has no path into the score.
    assert all(i.points == 0 for i in result.posting_items if i.importance == "preferred")
    assert all(i.points == 0 for i in result.posting_items if i.name == "work eligibility")
    # Points still add up to the score.
    total = sum(c.points for c in result.competencies) + sum(r.points for r in result.requirements)
    assert result.score == pytest.approx(total + sum(i.points for i in result.posting_items), abs=0.06)
    assert result.profile_role == "Platform Engineering Manager"


def test_each_required_ask_taken_out_lowers_the_score_by_at_least_three(
    prof: Profile, extractor: Extractor
) -> None:
    steps = [
        RESUME,
        RESUME.replace("Kubernetes and Terraform", "our own tools"),
        RESUME.replace("Kubernetes and Terraform", "our own tools").replace("to Snowflake", "to the cloud"),
        RESUME.replace("Kubernetes and Terraform", "our own tools")
        .replace("to Snowflake", "to the cloud")
        .replace("Bachelor of Science in Computer Science, 2013", "Evening classes, 2013"),
    ]
    scores = [score(prof, extractor, text).score for text in steps]
    assert all(a - b >= 3 for a, b in zip(scores, scores[1:], strict=False)), scores
    last = score(prof, extractor, steps[-1])
    assert {"Kubernetes", "Terraform", "Snowflake"} <= set(last.gaps[:6])
    # The missing required asks take their share of DEFAULT_POLICY.item_penalty.
    lost = -sum(i.points for i in last.posting_items)
    assert 0 < lost < DEFAULT_POLICY.item_penalty


def test_title_partial_and_missing(prof: Profile, extractor: Extractor) -> None:
    other = RESUME.replace("Platform Engineering Manager\nEastwind", "Engineering Team Lead\nEastwind")
    assert items(score(prof, extractor, other))["Platform Engineering Manager"][2] == "partial"
    far = RESUME.replace("Platform Engineering Manager\nEastwind", "Sales Associate\nEastwind")
    assert items(score(prof, extractor, far))["Platform Engineering Manager"][2] == "missing"


def test_suggestions_say_what_where_and_points(prof: Profile, extractor: Extractor) -> None:
    text = RESUME.replace("Kubernetes and Terraform", "our own tools")
    result = score(prof, extractor, text)
    by_item = {s.item: s for s in result.suggestions}
    for item in result.posting_items:
        if item.status == "found" or item.name == "work eligibility":
            assert item.name not in by_item
            continue
        sug = by_item[item.name]
        assert sug.points == -item.points and item.name in sug.what and sug.where
    assert "skills list" in by_item["Kubernetes"].where
    # Best first.
    assert [s.points for s in result.suggestions] == sorted(
        (s.points for s in result.suggestions), reverse=True
    )


def test_the_employers_checks_at_hiring_are_listed_but_never_scored_or_advised(extractor: Extractor) -> None:
    # A resume cannot show a background check or drug test not yet made, nor should it state its
    # right to work: listed as the posting asks them, no points, no advice, not among the gaps.
    # A driving licence is a qualification a resume can state: it still costs points.
    posting = POSTING.replace(
        "- Must have the right to work in the UK.",
        "- Must pass a background check and drug screen.\n- Valid driver's license required.",
    )
    prof = posting_profile(from_text(posting, id="checks", source="posting.txt"), extractor)
    result = score(prof, extractor, RESUME)
    got = {i.name: i for i in result.posting_items}
    check, licence = got["background check"], got["driving licence"]
    assert (check.type, check.importance, check.status) == ("qualification", "required", "missing")
    assert check.points == 0
    assert licence.status == "missing" and licence.points < -3
    assert "background check" not in result.gaps and "driving licence" in result.gaps
    assert {s.item for s in result.suggestions} >= {"driving licence"}
    assert "background check" not in {s.item for s in result.suggestions}
    rows = list(csv.DictReader(io.StringIO(gaps_csv(result.to_dict(), bom=False))))
    assert "driving licence" in {r["item"] for r in rows}
    assert "background check" not in {r["item"] for r in rows}


def test_competency_suggestions_name_only_what_the_profile_holds(extractor: Extractor) -> None:
    role = load_profile("it_manager")
    result = Scorer(role, as_of=AS_OF).score(
        extractor.extract(
            dataclasses.replace(from_text("Sales associate since 2020.", id="x"), kind="resume")
        )
    )
    from analyzer.lexicon import load_lexicon

    lexicon = load_lexicon()
    by_id = {c.id: c for c in role.competencies}
    comps = {c.name: c for c in result.competencies}
    sugs = [s for s in result.suggestions if s.item_type == "competency"]
    assert len(sugs) == sum(1 for c in result.competencies if c.status != "met")
    for sug in sugs:
        comp = by_id[comps[sug.item].id]
        allowed = {lexicon.get(i).name for i in (comp.core_ids or comp.ids) if i in lexicon}
        named, statement = sug.what[:-1], sug.what[-1]
        assert set(named) <= allowed and statement.startswith("a statement showing")
        assert sug.points == pytest.approx(50 * comp.weight * (1 - comps[sug.item].credit), abs=0.01)
    # A role profile has no posting asks.
    assert result.posting_items == () and result.to_dict()["posting_items"] == []


def test_outputs_name_things_and_show_no_ids_or_offsets(prof: Profile, extractor: Extractor) -> None:
    text = RESUME.replace("Kubernetes and Terraform", "our own tools")
    result = score(prof, extractor, text)
    record = result.to_dict()
    table = score_table(record)
    assert "Kubernetes (tool)" in table and "what would count" in table
    assert not INTERNAL.search(table), INTERNAL.search(table)
    page = render_report([(record, text)])
    assert "What the posting asks for" in page and "How to close the gaps" in page
    assert not INTERNAL.search(re.sub(r"<[^>]+>", " ", page))
    assert "the posting (Platform Engineering Manager)" in page


def test_gaps_csv_has_posting_rows_and_a_suggestion_column(prof: Profile, extractor: Extractor) -> None:
    result = score(prof, extractor, RESUME.replace("Kubernetes and Terraform", "our own tools"))
    rows = list(csv.DictReader(io.StringIO(gaps_csv(result.to_dict(), bom=False))))
    kube = next(r for r in rows if r["item"] == "Kubernetes")
    assert (
        kube["item_type"] == "posting tool" and kube["status"] == "missing" and kube["required"] == "required"
    )
    assert float(kube["points"]) < 0 and "skills list" in kube["suggestion"]
    assert all(r["suggestion"] for r in rows if r["item_type"] == "competency")


def test_a_posting_that_names_nothing_known_is_one_clear_error(extractor: Extractor, tmp_path: Path) -> None:
    with pytest.raises(JobfitError) as info:
        posting_profile(
            from_text("Friendly team, nice office, free lunch.", id="p", source="p.txt"), extractor
        )
    assert info.value.code == POSTING_NO_SKILLS and "posting" in info.value.message
    # The command line: one line on stderr, non-zero exit, no traceback.
    resume, posting = tmp_path / "r.txt", tmp_path / "p.txt"
    resume.write_text(RESUME, encoding="utf-8")
    posting.write_text("Friendly team, nice office, free lunch.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(resume), "--against", str(posting), "--as-of", AS_OF])
    assert result.exit_code != 0 and POSTING_NO_SKILLS in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_nothing_found_is_a_warning(extractor: Extractor) -> None:
    result = Scorer(load_profile("it_manager"), as_of=AS_OF).score(
        extractor.extract(from_text("hello world", id="h"))
    )
    assert NOTHING_FOUND in result.warnings
    assert (
        NOTHING_FOUND
        not in score(posting_profile(from_text(POSTING, id="p"), extractor), extractor, RESUME).warnings
    )


def test_a_word_written_out_of_its_sense_is_partial_not_missing() -> None:
    # The resume names Kubernetes, but in no statement about it and in no skills list: the
    # job seeker wrote the word, so the ask is partial ("show where you used it"), not missing.
    posting = posting_profile(from_text(POSTING, id="posting"), Extractor(as_of=AS_OF))
    ext = Extractor(as_of=AS_OF).extract(from_text(RESUME, id="resume"))
    k8s = [m for m in ext.skills if m.name.lower() == "kubernetes"]
    assert k8s
    off = dataclasses.replace(
        ext, skills=tuple(dataclasses.replace(m, in_sense=False) if m in k8s else m for m in ext.skills)
    )
    items = {i.name.lower(): i for i in Scorer(posting, as_of=AS_OF).score(off).posting_items}
    assert items["kubernetes"].status == "partial"
    assert items["kubernetes"].evidence and items["kubernetes"].evidence[0].text == k8s[0].text


def test_a_skill_shown_by_statements_but_not_named_is_advised_as_a_missing_word(extractor: Extractor) -> None:
    posting = from_text(
        "IT Manager\nAcme\n\nRequirements\n- Strong leadership.\n- Experience with Kubernetes.\n",
        id="p",
        source="p.txt",
    )
    prof = posting_profile(posting, extractor)
    resume = (
        "EXPERIENCE\nIT Manager\nAcme    Jan 2019 - Present\n"
        "- Led a team of 9 engineers; hiring, mentoring and performance reviews.\n"
    )
    result = score(prof, extractor, resume)
    items = {i.name: i for i in result.posting_items}
    leadership = items["leadership"]
    assert leadership.status == "partial" and any(e.p is not None for e in leadership.evidence)
    advice = {s.item: s.where for s in result.suggestions}
    assert "already show it" in advice["leadership"]
    # A skill neither named nor shown keeps the advice to name it and show where it was used.
    assert "a bullet under the role" in advice[next(n for n in items if n.lower() == "kubernetes")]


# Written for these tests: duties that show management functions without naming a skill of them.
SHOWN_DUTIES = """Service Desk Manager
Harbour Clinics

Responsibilities
- Supervise and coach a team of eight service desk analysts.
- Negotiate support contracts with our hardware suppliers and review their performance each quarter.
- Prepare the annual operating budget for the service desk.

Requirements
- Experience with ServiceNow.
"""
UNLED_JOB = """Senior Data Engineer
Harbour Clinics

This is an individual contributor role with no direct reports.

Responsibilities
- Build data pipelines in Python and SQL.
- Mentor junior engineers and take part in hiring interviews.
- Negotiate support contracts with our cloud suppliers.
"""


def test_a_posting_asks_the_management_functions_its_duties_show(extractor: Extractor) -> None:
    prof = posting_profile(from_text(SHOWN_DUTIES, id="harbour", source="p.txt"), extractor)
    comps = {c.id: c for c in prof.competencies}
    # Named by no skill, shown by a duty: asked, with the statement as provenance (offsets only).
    for area in ("leadership", "vendors", "budgeting"):
        assert area in comps and all(p.id == STATEMENT_EVIDENCE for p in comps[area].provenance)
        assert not comps[area].core_ids
    assert "service" in comps
    # A resume that shows them by its own statements meets them; one that does not has them as gaps.
    shows = (
        "EXPERIENCE\nService Desk Lead\nNorthwind Health    Jan 2019 - Present\n"
        "- Led a team of 6 service desk analysts.\n"
        "- Negotiated support contracts with hardware vendors and cut annual spend by 12%.\n"
        "- Owned the service desk's $300K operating budget.\n"
        "- Ran the ServiceNow queue.\n"
    )
    lacks = (
        "EXPERIENCE\nService Desk Analyst\nNorthwind Health    Jan 2019 - Present\n"
        "- Ran the ServiceNow queue.\n"
    )
    met = {c.id: c.status for c in score(prof, extractor, shows).competencies}
    assert all(met[a] == "met" for a in ("leadership", "vendors", "budgeting"))
    gaps = score(prof, extractor, lacks).gaps
    assert all(comps[a].name in gaps for a in ("leadership", "vendors", "budgeting"))


def test_an_individual_contributor_posting_asks_no_team_leadership(extractor: Extractor) -> None:
    # It names hiring and its duties mentor, but it says it manages no one.
    prof = posting_profile(from_text(UNLED_JOB, id="ic", source="p.txt"), extractor)
    comps = {c.id for c in prof.competencies}
    assert "leadership" not in comps and "vendors" in comps


def test_technology_areas_are_asked_only_by_the_skills_a_posting_names(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The recogniser also labels other fields' duties with technology areas by their managing
    # verbs: a statement alone asks a management function, never a technology area.
    import analyzer.scoring as scoring

    def shown(ext: object) -> dict[str, list[Evidence]]:
        return {
            area: [Evidence(0, 10, "x", None, "responsibilities", 0.99)] for area in ("security", "strategy")
        }

    monkeypatch.setattr(scoring, "posting_demonstrated", shown)
    prof = posting_profile(from_text(SHOWN_DUTIES, id="harbour", source="p.txt"), extractor)
    comps = {c.id for c in prof.competencies}
    assert "strategy" in comps and "security" not in comps


# Written for these tests: a long list of required tools, more than the score can take away.
LONG_ASKS = """Platform Engineer
Northgate Analytics

Requirements
- Experience with Kubernetes, Terraform, Snowflake, SAP, Salesforce, Oracle, VMware, Active Directory,
  ServiceNow, Jira, Tableau, Python, Java, PowerShell, Ansible, Jenkins, Docker, Splunk and SQL.
- Experience with Amazon Web Services and Microsoft Azure.
"""
CASHIER = "EXPERIENCE\nCashier\nCorner Shop    2019 - Present\n- Served customers at the till.\n"
ENGINEER = (
    "EXPERIENCE\nPlatform Engineer\nEastwind    2019 - Present\n"
    "- Built services in Python and Java on Docker and Kubernetes.\n- Wrote SQL reports.\n"
)


def test_resumes_at_the_floor_keep_their_points_total(extractor: Extractor) -> None:
    prof = posting_profile(from_text(LONG_ASKS, id="long", source="p.txt"), extractor)
    cashier, engineer = score(prof, extractor, CASHIER), score(prof, extractor, ENGINEER)
    # Both lose more to missing required asks than they earn: the score stops at 0 ...
    assert cashier.score == engineer.score == 0.0
    # ... and the total of every item's points still tells them apart.
    for result in (cashier, engineer):
        points = (
            sum(c.points for c in result.competencies)
            + sum(r.points for r in result.requirements)
            + sum(i.points for i in result.posting_items)
        )
        assert result.total_points == pytest.approx(points, abs=0.01)
    assert cashier.total_points < engineer.total_points < 0
    record = cashier.to_dict()
    assert score_row(record)["total_points"] == cashier.total_points
    assert f"points total {cashier.total_points:.1f} (the score stops at 0)" in score_table(record)
    assert "The score stops at 0" in render_report([(record, CASHIER)])
    # Above the floor the total is the score (to its rounding) and the table says nothing more.
    above = score(posting_profile(from_text(POSTING, id="p"), extractor), extractor, RESUME)
    assert above.total_points == pytest.approx(above.score, abs=0.05)
    assert "points total" not in score_table(above.to_dict())


def test_a_common_work_word_done_in_another_form_is_partial(extractor: Extractor) -> None:
    # "design" asked in a list of duties; the resume's "Designed the WAN" is the same work in
    # another form of the word: partial, with the statement as evidence. A resume that never
    # designs anything still misses it; a product's name is never matched by its word forms.
    posting = (
        "Network Engineer\n\nResponsibilities\n"
        "- Research, design, develop and test network solutions for our sites.\n"
        "- Upgrades with Cisco and VMware.\n"
    )
    prof = posting_profile(from_text(posting, id="net", source="posting.txt"), extractor)
    assert {a.name for a in prof.asks} >= {"design", "Cisco", "VMware"}
    base = "EXPERIENCE\nNetwork Engineer\nEastwind Data    Jan 2019 - Present\n"
    did = score(prof, extractor, base + "- Designed the WAN for 3 sites on Cisco routers.\n")
    got = {i.name: i for i in did.posting_items}
    assert got["design"].status == "partial"
    assert [e.text for e in got["design"].evidence] == ["Designed the WAN for 3 sites on Cisco routers."]
    assert got["Cisco"].status == "found" and got["VMware"].status == "missing"
    not_done = score(prof, extractor, base + "- Ran the help desk for 3 sites on Cisco routers.\n")
    assert {i.name: i.status for i in not_done.posting_items}["design"] == "missing"
    assert did.score > not_done.score


def test_a_posting_without_a_title_names_no_field_for_management_years(extractor: Extractor) -> None:
    # Its first line is a label, not a title: its words ("reports", "information") must not
    # become the field whose management years the score counts.
    posting = "Reports To: Chief Information Officer\n\n" + POSTING.split("\n", 2)[2]
    prof = posting_profile(from_text(posting, id="untitled", source="posting.txt"), extractor)
    assert prof.title_terms == () and prof.role == "the posting untitled"
    assert not any(a.type == "title" for a in prof.asks)
    result = score(prof, extractor, RESUME)
    years = {r.id: r for r in result.requirements}["management_years"]
    assert years.status == "met" and years.points > 0


def test_an_abbreviated_field_and_its_words_are_the_same_field(extractor: Extractor) -> None:
    # The posting says "IT", the resume's title "Information Technology" (and the reverse):
    # the years managing in the field are the same years.
    def years(posting_title: str, role_title: str) -> float:
        posting = f"{posting_title}\n\n" + POSTING.split("\n", 2)[2]
        prof = posting_profile(from_text(posting, id="it", source="posting.txt"), extractor)
        resume = RESUME.replace("Platform Engineering Manager\nEastwind", f"{role_title}\nEastwind")
        return score(prof, extractor, resume).management_years_in_field

    assert years("IT Manager", "Director of Information Technology") > 5
    assert years("Information Technology Manager", "IT Manager") > 5
    assert years("ICT Manager", "IT Manager") > 5
    assert years("IT Manager", "Sales Manager") == 0


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("Acme Health is seeking an experienced IT Manager to lead our team.", "IT Manager"),
        (
            "We're currently looking for a Platform Engineering Manager to join us.",
            "Platform Engineering Manager",
        ),
        ("Our client is looking for a JOB TITLE for a contract assignment.", None),
    ],
)
def test_a_posting_without_a_title_line_takes_the_job_its_text_names(
    extractor: Extractor, first: str, title: str | None
) -> None:
    # The job the text names as its own (posting.named_title) is the posting's title, marked
    # as named in the text; it is the title asked for and the field of the management years.
    posting = "Reports To: Chief Information Officer\n\n" + first + "\n\n" + POSTING.split("\n", 2)[2]
    doc = from_text(posting, id="named", source="posting.txt")
    info = extractor.extract(dataclasses.replace(doc, kind="posting")).posting
    assert info is not None and info.title == title and info.title_line is None
    if title is not None:
        assert info.title_from_text and posting[info.title_start : info.title_end] == title
    prof = posting_profile(doc, extractor)
    asked = [a.name for a in prof.asks if a.type == "title"]
    if title is None:
        assert asked == [] and prof.title_terms == ()
    else:
        assert asked == [title] and prof.role == title and prof.title_terms


def test_a_licence_or_clearance_is_found_by_its_own_patterns_not_by_one_word(extractor: Extractor) -> None:
    # "Valid driver's license" is the driving licence asked; "cut licence spend 18%" is not,
    # though it shares a word. A trait ("independent") weighs as a soft skill.
    posting = POSTING.replace(
        "- Must have the right to work in the UK.",
        "- Valid driving licence and an active TS/SCI clearance.\n- Able to work independently.",
    )
    prof = posting_profile(from_text(posting, id="lic", source="posting.txt"), extractor)
    spend = RESUME.replace(
        "- Own the cloud budget with finance.", "- Own the cloud budget; cut licence spend 18%."
    )
    got = {i.name: i for i in score(prof, extractor, spend).posting_items}
    assert got["driving licence"].status == "missing" and got["security clearance"].status == "missing"
    assert got["independent"].status == "missing"
    ratio = got["independent"].points / got["driving licence"].points
    assert ratio == pytest.approx(DEFAULT_POLICY.soft_item_weight, abs=0.01)
    held = spend + "\nLICENCES\n- Valid driver's license\n- Active TS/SCI clearance\n"
    got = {i.name: i for i in score(prof, extractor, held).posting_items}
    assert got["driving licence"].status == "found" and got["security clearance"].status == "found"
    assert got["driving licence"].evidence[0].text == "Valid driver's license"


def test_a_name_out_of_its_sense_and_not_asked_adds_no_competency(extractor: Extractor) -> None:
    # "We're hiring" is no team leadership asked, "the C-suite" no programming: names out of
    # their sense that the posting does not ask. The same skill asked as a duty is.
    blurb = "We're hiring! Northgate reports to the C-suite.\n\n"
    body = "Requirements\n- Hands-on experience with Kubernetes, Terraform and Snowflake.\n"
    prof = posting_profile(
        from_text("Platform Engineer\n\n" + blurb + body, id="b", source="p.txt"), extractor
    )
    areas = {c.id for c in prof.competencies}
    assert not areas & {"leadership", "software"}, areas
    duties = "Responsibilities\n- Run hiring and onboarding for the platform team.\n\n"
    prof = posting_profile(
        from_text("Platform Engineer\n\n" + duties + body, id="d", source="p.txt"), extractor
    )
    assert "leadership" in {c.id for c in prof.competencies}
