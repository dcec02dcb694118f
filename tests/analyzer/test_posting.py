"""Posting structure: title, employer, sections and requirement items with their importance."""

from __future__ import annotations

import pytest

from analyzer.document import Document
from analyzer.extract import Extractor
from analyzer.posting import importance, inline_headings, posting_sections

UK_POSTING = """Facilities Coordinator
Northgate Housing Trust

About us
Northgate Housing Trust is a housing charity. We value teamwork and customer service.

Key Responsibilities
- Coordinate contractors and manage the maintenance budget.
- Use Microsoft Excel to track repairs.

Essential criteria
- Educated to degree level, or equivalent experience.
- NVQ Level 3 in Facilities Management or HNC in Building Services.
- 2yrs' experience in facilities coordination.
- Full UK driving licence.
- Enhanced DBS check.
- Right to work in the UK.

Desirable
- IOSH Managing Safely.
- 6 months exposure to CAFM systems.
- Degree in Building Surveying.

Benefits
- Pension, 25 days leave, free driving lessons.

How to apply
Send your CV to jobs@example.org.

Northgate Housing Trust is an equal opportunity employer and welcomes applications from all
sections of the community, without regard to race, religion or disability.
"""

# Job boards flatten postings to one line and glue labels to the sentence before them.
FLAT_POSTING = (
    "Job Title: Senior Java Developer Location: Austin, TX Duration: 12 months "
    "Acme Labs is seeking a Senior Java Developer to join the platform team.Responsibilities:Build "
    "Java services on AWS. Requirements: Bachelor's degree in Computer Science or equivalent "
    "experience. 5+ years of Java experience. Active Secret clearance. Must be a US citizen.Nice to "
    "have: Kubernetes experience is a plus. Acme is an Equal Opportunity Employer."
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(as_of="2026-11")


def _items(extractor: Extractor, text: str):  # noqa: ANN202 - tuple of RequirementItem
    ext = extractor.extract(Document("p", "p.txt", text, kind="posting"))
    assert ext.posting is not None
    for item in ext.posting.requirements:
        assert text[item.start : item.end] == item.text
    return ext.posting


def _find(items, type_: str, contains: str):  # noqa: ANN001, ANN202
    found = [i for i in items if i.type == type_ and contains.lower() in i.text.lower()]
    assert found, (type_, contains, [(i.type, i.text) for i in items])
    return found[0]


def test_sections_title_employer(extractor: Extractor) -> None:
    posting = _items(extractor, UK_POSTING)
    assert posting.title == "Facilities Coordinator"
    assert posting.employer == "Northgate Housing Trust"
    names = [s.name for s in posting.sections]
    assert names[:1] == ["header"]
    for name in ("about", "responsibilities", "requirements", "preferred", "benefits", "apply", "eeo"):
        assert name in names, name
    covered = sorted((s.start, s.end) for s in posting.sections)
    assert covered[0][0] == 0 and covered[-1][1] == len(UK_POSTING)


def test_uk_requirement_items_and_importance(extractor: Extractor) -> None:
    items = _items(extractor, UK_POSTING).requirements
    degree = _find(items, "degree", "degree level")
    assert degree.importance == "required" and degree.equivalent_experience and degree.level == "bachelor"
    assert _find(items, "qualification", "NVQ Level 3").importance == "required"
    assert _find(items, "qualification", "HNC").importance == "required"
    years = _find(items, "experience", "2yrs")
    assert years.years_min == 2 and years.importance == "required"
    assert _find(items, "licence", "driving licence").name == "driving licence"
    assert _find(items, "clearance", "DBS").name == "background check"
    assert _find(items, "work_eligibility", "right to work").importance == "required"
    assert _find(items, "qualification", "IOSH").importance == "preferred"
    exposure = _find(items, "experience", "exposure")
    assert exposure.years_min == 0.5 and exposure.importance == "preferred"
    field_only = _find(items, "degree", "Building Surveying")
    assert field_only.level is None and field_only.field == "Building Surveying"
    assert field_only.importance == "preferred"
    excel = _find(items, "tool", "Excel")
    assert excel.id and excel.name and excel.section == "responsibilities"


def test_boilerplate_is_not_asked_for(extractor: Extractor) -> None:
    items = _items(extractor, UK_POSTING).requirements
    # "driving lessons" (benefits), "teamwork" (about), "disability" (EEO) are not asks.
    sections = {i.section for i in items}
    assert not sections & {"about", "benefits", "apply", "eeo"}
    assert not [i for i in items if "team" in i.text.lower()]


def test_flattened_posting(extractor: Extractor) -> None:
    posting = _items(extractor, FLAT_POSTING)
    assert posting.title == "Senior Java Developer"
    assert posting.employer == "Acme Labs"
    names = {s.name for s in posting.sections}
    assert {"responsibilities", "requirements", "preferred", "eeo"} <= names
    items = posting.requirements
    degree = _find(items, "degree", "Bachelor")
    assert degree.level == "bachelor" and degree.equivalent_experience
    assert _find(items, "clearance", "Secret clearance").importance == "required"
    assert _find(items, "work_eligibility", "US citizen").importance == "required"
    assert _find(items, "experience", "5+ years").years_min == 5
    kube = [i for i in items if i.name == "Kubernetes"]
    assert kube and kube[0].importance == "preferred"


def test_one_item_per_lexicon_id_required_wins(extractor: Extractor) -> None:
    text = "Requirements\n- Python is a plus.\n- Python required for data pipelines.\n"
    items = [i for i in _items(extractor, text).requirements if i.name == "Python"]
    assert len(items) == 1 and items[0].importance == "required"


@pytest.mark.parametrize(
    ("text", "item", "expected"),
    [
        ("Bachelor's degree required, Master's degree preferred", "Master's", "preferred"),
        ("Bachelor's degree required, Master's degree preferred", "Bachelor's", "required"),
        ("- Go (nice to have)", "Go", "preferred"),
        ("- SQL", "SQL", "required"),
    ],
)
def test_importance_by_nearest_marker(text: str, item: str, expected: str) -> None:
    start = text.index(item)
    assert importance(text, start, start + len(item), "requirements") == expected


def test_resume_has_no_posting_block(extractor: Extractor) -> None:
    text = "Jane Doe\nExperience\nIT Manager 2015 - 2020\n"
    ext = extractor.extract(Document("r", "r.txt", text, kind="resume"))
    assert ext.posting is None and ext.to_dict()["posting"] is None


def test_sections_of_text_without_headings() -> None:
    (only,) = posting_sections("We need a plumber with a van.")
    assert (only.name, only.start) == ("header", 0)


def test_experience_without_years_and_more_qualifications(extractor: Extractor) -> None:
    text = (
        "Requirements\n- Previous experience in a similar role.\n- Exposure to SQL and Power BI.\n"
        "- Qualified to degree standard.\n- A relevant qualification in Health and Social Care.\n"
        "- Full membership of the Chartered Institute of Personnel and Development.\n"
        "We offer a great candidate experience with our team.\n"
    )
    items = _items(extractor, text).requirements
    similar = _find(items, "experience", "similar role")
    assert similar.years_min is None and similar.field == "similar role"
    assert _find(items, "experience", "Exposure to SQL").field == "SQL and Power BI"
    assert _find(items, "degree", "degree standard").level == "bachelor"
    assert _find(items, "qualification", "relevant qualification")
    assert _find(items, "qualification", "membership of the Chartered").name == "professional qualification"
    assert not [i for i in items if "candidate experience" in i.text]


def test_an_experience_that_names_no_area_is_no_ask(extractor: Extractor) -> None:
    # A blurb's "experience in the global ... world" and a list's "experience in the following:"
    # ask nothing themselves (the list's items are asked on their own).
    text = (
        "About us\nYou will gain hands-on experience in the global, fast-changing business world.\n\n"
        "Requirements\n- Experience in the following: Java, Kubernetes.\n"
    )
    items = _items(extractor, text).requirements
    assert not [i for i in items if i.type == "experience" and i.field in ("global", "following")]
    assert {i.name for i in items if i.id} >= {"Java", "Kubernetes"}


def test_the_fields_a_degree_lists_are_not_skill_asks(extractor: Extractor) -> None:
    # "Information Systems" after "degree in Computer Science," is the degree's field: a resume
    # must not be told it misses "management information systems". An ask after the list is one.
    text = (
        "IT Manager\n\nRequirements\n"
        "- Bachelor's degree in Computer Science, Information Systems or a related field.\n"
        "- Bachelor's degree in Computer Science, AWS certification preferred.\n"
    )
    ext = extractor.extract(Document("p", "p", text, kind="posting"))
    assert ext.posting is not None
    skills = {r.text for r in ext.posting.requirements if r.type in ("skill", "tool")}
    assert "Information Systems" not in skills and "AWS" in skills
    assert any(r.type == "degree" for r in ext.posting.requirements)


@pytest.mark.parametrize(
    "glue",
    [
        # Sentences glued by a job board: the equal-opportunity one starts at its capital.
        "in Albany.",
        # No sentence boundary at all before it: it reaches back a bounded distance.
        "in Albany and " + "the role also covers the data centre and its cabling " * 12,
    ],
)
def test_equal_opportunity_text_in_a_flattened_posting_keeps_the_job(glue: str) -> None:
    job = (
        "We need a Network Engineer to configure Cisco switches and manage the firewalls. "
        "Requirements: 5 years of networking experience with BGP and OSPF "
    )
    eeo = "TRIGYN TECHNOLOGIES, INC. is an EQUAL OPPORTUNITY EMPLOYER and has been in business for 30 years."
    text = job + glue + eeo  # one line, as many job boards flatten postings
    sections = posting_sections(text)
    eeo_starts = [s.start for s in sections if s.name == "eeo"]
    assert eeo_starts and min(eeo_starts) > text.index("BGP")
    assert all(s.name != "eeo" for s in sections if s.start <= text.index("Cisco") < s.end)


def test_equal_opportunity_words_stop_at_the_next_label() -> None:
    # An HR duty names affirmative action; the requirements label after it keeps its section.
    text = (
        "We are hiring an HR Generalist to run recruiting. Responsible for the yearly Affirmative "
        "Action Plan and its training.Requirements: Bachelor's degree in Business and 3 years of HR "
        "experience."
    )
    at = text.index("Bachelor")
    assert [s.name for s in posting_sections(text) if s.start <= at < s.end] == ["requirements"]


@pytest.mark.parametrize(
    "pay",
    ["Salary: $120,000 - $140,000", "Compensation: Competitive (DOE).", "Pay Range: $55/hr"],
)
def test_a_pay_field_is_not_a_benefits_section(pay: str) -> None:
    # The job's text after a pay field is the job's again: its asks are listed.
    text = (
        f"Senior Data Engineer\n{pay}\nWe are looking for a Data Engineer with 5 years of Python "
        "and Spark experience. You will build pipelines on AWS.\n"
    )
    at = text.index("Python")
    sections = posting_sections(text)
    assert [s.name for s in sections if s.start <= at < s.end] != ["benefits"]
    assert any(s.name == "benefits" for s in sections)  # the field itself is benefits


def test_a_flattened_pay_field_ends_where_the_next_item_is_glued_on() -> None:
    # One line, as a job board flattened it: the pay value runs straight into the duties.
    text = (
        "Requirements:Python, Django.Salary: 140K to 150K plus bonus and a yearly training "
        "budgetBuild APIs on AWS and Docker for the platform"
    )
    at = text.index("AWS")
    assert [s.name for s in posting_sections(text) if s.start <= at < s.end] != ["benefits"]
    # A label glued right after the value keeps its own section.
    text = "Location: Davidson, NC\nSalary: Excellent compensation + bonus.Skills: SAP ERP, HANA"
    at = text.index("SAP")
    assert [s.name for s in posting_sections(text) if s.start <= at < s.end] == ["requirements"]


def test_a_pay_heading_keeps_its_text() -> None:
    text = "Data Engineer\nSalary:\n$120,000 - $140,000, health insurance and a pension.\n"
    at = text.index("health")
    assert [s.name for s in posting_sections(text) if s.start <= at < s.end] == ["benefits"]


def _asks(text: str) -> set[str]:
    ext = Extractor(as_of="2026-11").extract(Document("p", "p", text, kind="posting"))
    assert ext.posting is not None
    return {r.name or r.text for r in ext.posting.requirements}


def test_a_heading_about_the_job_ends_the_company_blurb() -> None:
    # "About the team" is the company's; "Your Main Tasks" and what follows are the job's.
    text = (
        "Backend Engineer\n\nAbout the team:\nWe are a small team in Lisbon.\n\n**Your Main Tasks:**\n"
        "- Build services in Python and PostgreSQL.\n\n**What You Bring to the Table:**\n"
        "- 3+ years of experience with Kubernetes.\n"
    )
    assert {"Python", "PostgreSQL", "Kubernetes"} <= _asks(text)


def test_a_benefits_subheading_keeps_the_benefits() -> None:
    text = (
        "Backend Engineer\n\nResponsibilities\n- Build services in Python.\n\nBenefits\n"
        "Health & Wellness:\n- Gym membership.\n\nLearning:\n- A yearly budget for AWS courses.\n"
    )
    asks = _asks(text)
    assert "Python" in asks and not any("AWS" in a or "Amazon" in a for a in asks)


def test_a_title_case_label_run_into_a_flattened_posting_is_a_heading() -> None:
    text = (
        "Simulation Engineer Job Overview This is a hands-on role supporting diskless boot "
        "activities Required Qualifications: 9 plus years of C++ and 3 plus years of Linux. "
        "Please note the requirements: they are strict."
    )
    sections = posting_sections(text)
    at = text.index("9 plus")
    assert [s.name for s in sections if s.start <= at < s.end] == ["requirements"]
    # Prose in lower case stays prose.
    assert not any(s.start == text.index("requirements:") for s in sections)


def _section_of(text: str, phrase: str) -> list[str]:
    """The posting section(s) that hold ``phrase`` of ``text``."""
    at = text.index(phrase)
    return [s.name for s in posting_sections(text) if s.start <= at < s.end]


def test_a_label_after_a_no_break_space_is_a_heading() -> None:
    # Job boards flatten a posting to one line with a no-break space where a line break was.
    text = (
        "Acme is hiring a Network Engineer.\xa0Responsibilities:Configure routers for 12 sites."
        "\xa0Requirements:5+ years of Cisco experience\xa0What\u2019s in it for You:Paid leave and a "
        "yearly training budget for AWS courses.\xa0About Maxonic Staffing:Since 2002 we have placed "
        "Java developers."
    )
    assert _section_of(text, "Configure routers") == ["responsibilities"]
    assert _section_of(text, "5+ years") == ["requirements"]
    assert _section_of(text, "Paid leave") == ["benefits"]
    assert _section_of(text, "Since 2002") == ["about"]
    asks = _asks(text)
    assert "Cisco" in " ".join(asks)
    assert not any("AWS" in a or "Amazon" in a or "Java" in a for a in asks)


def test_a_label_glued_to_its_first_item_without_a_colon_is_a_heading() -> None:
    text = (
        "Our client is a leading bank.ResponsibilitiesOperate the Cisco routers of 40 branches."
        "Qualifications3+ years of network experience. What You Will Be DoingAs the lead you will "
        "train the team."
    )
    assert _section_of(text, "Operate the Cisco") == ["responsibilities"]
    assert _section_of(text, "3+ years") == ["requirements"]
    assert _section_of(text, "As the lead") == ["responsibilities"]
    # Not by the Title Case rule: "... with Strong Communication SkillsMust ..." is an item.
    prose = "Requirements:\n- Work with Strong Communication SkillsMust be able to travel"
    assert prose.index("Skills") not in {start for start, _ in inline_headings(prose)}


def test_a_label_after_a_plain_space_mid_sentence_is_prose() -> None:
    # A no-break space counts as a lost line break; an ordinary space inside a sentence does not.
    text = "Skills in demand About Town: we list events.\nRequirements\n- Python"
    assert not any(s.name == "about" for s in posting_sections(text))


def test_the_one_field_of_a_claim_of_years_is_asked_by_the_claim(extractor: Extractor) -> None:
    # "5+ years of IT management experience" asks for the years in IT management, not also for
    # the skill "IT management": a resume with the years is not missing the field. A tool keeps
    # its ask, and so does each of several things a claim names.
    text = (
        "IT Manager\n\nRequirements\n- 5+ years of IT management experience.\n"
        "- 3+ years of experience with VMware.\n- 4+ years of Python and SQL development.\n"
    )
    items = extractor.extract(Document("p", "p", text, kind="posting")).posting.requirements  # type: ignore[union-attr]
    asked = {i.name for i in items if i.type in ("skill", "tool")}
    assert "IT management" not in asked
    assert {"VMware", "Python", "SQL"} <= asked
    claims = {i.field: i.years_min for i in items if i.type == "experience"}
    assert claims["IT management"] == 5 and claims["VMware"] == 3


@pytest.mark.parametrize(
    "text",
    [
        "Job Description\n\nAcme Health is seeking an experienced IT Manager to lead our team.\n",
        "Reports To: CIO\n\nAcme Health is seeking an IT Manager.\n",
    ],
)
def test_an_employer_name_does_not_run_over_a_line_break(text: str) -> None:
    # "Job Description\n\nAcme Health is seeking ..." named the employer "Job Description Acme
    # Health" (or nothing, when the line above held a title word such as CIO).
    from analyzer.posting import find_employer, find_title

    found = find_employer(text, find_title(text))
    assert found is not None and text[found[0] : found[1]] == "Acme Health"


@pytest.mark.parametrize(
    ("sentence", "asked"),
    [
        ("With more than 50 years of experience, Northgate has earned a reputation for quality.", False),
        ("Tapping into its 30+ years of industry experience, Northgate has pioneered a new way.", False),
        ("With over 25 years of experience, our top priority is our people.", False),
        ("With 5+ years of experience, you will lead the platform team.", True),
        ("5+ years of experience with Kubernetes.", True),
    ],
)
def test_the_organisations_own_years_are_no_ask(extractor: Extractor, sentence: str, asked: bool) -> None:
    # "With more than 50 years of experience, Acme ..." is the employer's history: no one is
    # asked for 50 years, and the one-posting profile's years come from the asks alone.
    from analyzer.ingest import from_text
    from analyzer.profile import posting_profile

    text = f"Platform Engineer\n\nRequirements\n- {sentence}\n- Kubernetes and Terraform.\n"
    items = _items(extractor, text).requirements
    assert any(i.type == "experience" and i.years_min for i in items) is asked
    prof = posting_profile(from_text(text, id="p", source="p.txt"), extractor)
    assert (prof.requirements.years_min is not None) is asked
