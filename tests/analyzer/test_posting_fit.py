"""Posting-fit signals: what the job is, not how many of the role's words the posting repeats."""

from __future__ import annotations

import dataclasses

import pytest

from analyzer.document import Document
from analyzer.extract import Extractor
from analyzer.posting_fit import PostingFit, match_title, posting_fit
from analyzer.profile import load_profile

IT_MANAGER = """Director of IT
Riverbend Health

Responsibilities
- Plan, coordinate and direct IT operations across four hospitals.
- Manage a team of 12 engineers and technicians; hire, train and conduct performance reviews.
- Own the IT budget and manage vendors and service contracts.
- Oversee the service desk, network infrastructure and disaster recovery.
- Ensure cybersecurity and HIPAA compliance.

Requirements
- 8+ years of IT experience, 3 in management.

Benefits
Health insurance, 401(k).
"""

# An individual contributor whose posting is full of soft-skill and leadership words.
IC_ENGINEER = """Senior Software Engineer
Acme Apps

Responsibilities
- Write Java and Python services on AWS.
- Mentor junior engineers; strong leadership, communication and mentorship skills.
- Take part in hiring interviews.
- Debug production issues and write tests.

About us
We are a leader in IT management software: help desk, IT budgeting, vendor management and
cybersecurity for IT managers. Equal opportunity employer.
"""

FINANCE_MANAGER = """Finance Manager
Responsibilities
- Manage a team of five accountants; hire, train and supervise staff.
- Own the departmental budget and negotiate with suppliers.
- Prepare monthly management accounts and payroll.
"""


@pytest.fixture(scope="module")
def fits() -> dict[str, PostingFit]:
    extractor = Extractor(as_of="2026-11")
    profile = load_profile("it_manager")
    out = {}
    for name, text in (("it", IT_MANAGER), ("ic", IC_ENGINEER), ("finance", FINANCE_MANAGER)):
        ext = extractor.extract(Document(name, name, text, kind="posting"))
        out[name] = posting_fit(ext, profile, text)
    return out


def test_title_against_role_titles() -> None:
    titles = load_profile("it_manager").titles
    assert match_title("IT Manager", titles).score == 1.0
    assert match_title("Director of Information Technology", titles).score >= 0.9
    assert match_title("Sr. IT Operations Manager", titles).score >= 0.5
    assert match_title("Contact Centre Supervisor", titles).score == 0.0
    assert match_title("Accounting Manager", titles).score == 0.0
    assert (
        match_title("Security Engineering Director", titles).score
        < match_title("Director of IT", titles).score
    )


def test_it_manager_outranks_ic_and_other_managers(fits: dict[str, PostingFit]) -> None:
    it, ic, finance = fits["it"], fits["ic"], fits["finance"]
    assert it.manages_people.found and it.manages_people.strength == 1.0
    assert it.owns_budget.found and it.owns_vendors.found
    assert it.fit > ic.fit and it.fit > finance.fit
    assert it.duty_share > 0.5


def test_soft_skills_and_boilerplate_earn_nothing(fits: dict[str, PostingFit]) -> None:
    ic = fits["ic"]
    # Mentoring, "leadership" and hiring interviews are not supervision.
    assert not ic.manages_people.found
    # Budget and vendor words in the company blurb are not duties.
    assert not ic.owns_budget.found and not ic.owns_vendors.found
    assert all(c.boilerplate >= 0 for c in ic.competencies)
    assert sum(c.boilerplate for c in ic.competencies) > 0
    assert all(e.section not in ("about", "benefits", "eeo") for e in ic.manages_people.evidence)


def test_non_it_manager_gains_little_from_managing(fits: dict[str, PostingFit]) -> None:
    finance = fits["finance"]
    assert finance.manages_people.strength == 1.0 and finance.owns_budget.found
    assert finance.duty_share < 0.5 and finance.fit < 0.25


def test_length_and_boilerplate_do_not_raise_the_fit() -> None:
    extractor = Extractor(as_of="2026-11")
    profile = load_profile("it_manager")
    blurb = "\nAbout us\n" + "We build IT budgeting, help desk and cybersecurity tools. " * 40
    base = posting_fit(extractor.extract(Document("a", "a", IT_MANAGER, kind="posting")), profile, IT_MANAGER)
    longer_text = IT_MANAGER + blurb
    longer = posting_fit(
        extractor.extract(Document("b", "b", longer_text, kind="posting")), profile, longer_text
    )
    assert longer.fit == base.fit
    assert dataclasses.is_dataclass(longer) and isinstance(longer.competencies, tuple)


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("We are seeking an experienced IT Manager to join our team.", "IT Manager"),
        ("We're looking for an IT manager based at our head office.", "IT manager"),
        ("We are looking for a team player with a can-do attitude.", None),
        (
            "As the Director of Information Technology, you will set the IT strategy.",
            "Director of Information Technology",
        ),
        ("The IT Operations Manager is responsible for the service desk.", "IT Operations Manager"),
        ("The Help Desk Technician reports to the IT Manager.", None),
        ("The IT team will support four offices.", None),
    ],
)
def test_title_named_in_the_text(sentence: str, named: str | None) -> None:
    from analyzer.posting_fit import title_in_text

    titles = load_profile("it_manager").titles
    text = f"Responsibilities\n- {sentence}\n- Manage the network and the help desk.\n"
    ext = Extractor(as_of="2026-11").extract(Document("t", "t", text, kind="posting"))
    found = title_in_text(ext, titles)
    if named is None:
        assert found is None
    else:
        assert found is not None and found.match.title == named
        assert text[found.start : found.end] == named
        assert found.match.score >= 0.6


def test_a_title_named_in_the_text_counts_at_a_factor() -> None:
    """Without a title line, the job the text names earns part of the title credit; with a title
    line the line alone counts."""
    from analyzer.scoring import Scorer

    profile = load_profile("it_manager")
    extractor = Extractor(as_of="2026-11")
    body = IT_MANAGER.split("\n", 1)[1]
    named = "Responsibilities\n- We are seeking an IT Manager to run IT for four hospitals.\n" + body
    scores = {}
    for name, text in (("titled", IT_MANAGER), ("untitled", body), ("named", named)):
        result = Scorer(profile).score(extractor.extract(Document(name, name, text, kind="posting")))
        scores[name] = next(r for r in result.requirements if r.id == "title")
    assert scores["untitled"].credit == 0.0
    assert scores["named"].credit == profile.policy.text_title_factor
    assert scores["named"].found.startswith("IT Manager") and scores["named"].evidence
    assert scores["titled"].found == "Director of IT"


def test_a_management_function_shown_only_by_statements_counts_in_full_in_a_posting() -> None:
    """Leading staff, owning a budget, negotiating with suppliers: management functions are shown
    by a posting's statements in any field, with no skill named (the cap is for technology)."""
    from analyzer.profile import management_areas
    from analyzer.scoring import Scorer

    profile = load_profile("it_manager")
    extractor = Extractor(as_of="2026-11")
    cap = profile.policy.posting_unnamed_strength / profile.policy.max_distinct
    ext = extractor.extract(Document("posting", "posting", FINANCE_MANAGER, kind="posting"))
    unnamed = {
        c.id: c.credit
        for c in Scorer(profile).score(ext).competencies
        if c.evidence and not any(e.id for e in c.evidence)
    }
    assert {"leadership", "budgeting"} <= set(unnamed) <= management_areas()
    assert min(unnamed.values()) > cap


def _posting(text: str) -> object:
    return Extractor(as_of="2026-11").extract(Document("p", "p", text, kind="posting")).posting


@pytest.mark.parametrize(
    "sentence",
    [
        "This is an individual contributor role with no direct reports.",
        "In this individual contributor role, you will design the campus network.",
        "Job Level: Individual Contributor",
        "The role has no supervisory responsibilities.",
        "This is a non-supervisory position.",
    ],
)
def test_a_job_that_manages_no_one(sentence: str) -> None:
    text = f"Network Engineer\n\nResponsibilities\n- {sentence}\n- Configure switches and firewalls.\n"
    posting = _posting(text)
    assert posting.individual_contributor.found  # type: ignore[attr-defined]
    assert not posting.manages_people.found  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "sentence",
    [
        # A manager of managers and of individual contributors.
        "Supervise 40 staff, including managers and individual contributor positions.",
        # A manager who also does hands-on work.
        "Manage a team of 6 engineers and serve in an individual contributor capacity as needed.",
        "Experience as an individual contributor and as a manager of staff; manage staff of 12.",
    ],
)
def test_a_manager_who_names_individual_contributors(sentence: str) -> None:
    posting = _posting(f"IT Manager\n\nResponsibilities\n- {sentence}\n")
    assert not posting.individual_contributor.found  # type: ignore[attr-defined]
    assert posting.manages_people.found  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("sentence", "owns"),
    [
        ("Management of vendors and service contracts.", True),
        ("Managing software vendors and renewals.", True),
        ("Manage relationships with external vendors.", True),
        ("Manage SLAs across multiple vendors.", True),
        # Working with a vendor's product, or taking requests from vendors, owns no vendor.
        ("Manage the integration of vendor products.", False),
        ("Manages support requests from vendors.", False),
    ],
)
def test_owning_vendors_in_the_words_postings_use(sentence: str, owns: bool) -> None:
    posting = _posting(f"IT Manager\n\nResponsibilities\n- {sentence}\n")
    assert posting.owns_vendors.found is owns  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("sentence", "manages"),
    [
        ("You will have no direct reports.", False),
        ("There is no staff management in this job.", False),
        ("This job does not manage staff.", False),
        ("You will have 5 direct reports.", True),
        ("Conduct performance reviews for the team.", True),
        # Two verbs before the people: the job leads them.
        ("Lead and develop a team of six.", True),
        ("Supervise and coach a team of eight service desk analysts.", True),
        ("Manage and mentor the platform engineers.", True),
        # A second verb that is not about people does not make a thing a team.
        ("Manage and maintain the group policy objects.", False),
        # People counted in words: supervised; things counted in words are no staff.
        ("You will supervise two receptionists.", True),
        ("Supervises a team of three technicians.", True),
        ("Manage two projects at a time.", False),
    ],
)
def test_a_denied_duty_is_not_a_duty(sentence: str, manages: bool) -> None:
    # A duty the text denies is none; one said with two verbs ("Lead and develop") is one.
    posting = _posting(f"Systems Engineer\n\nResponsibilities\n- {sentence}\n- Patch the servers.\n")
    assert posting.manages_people.found is manages  # type: ignore[attr-defined]
