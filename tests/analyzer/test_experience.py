from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import analyzer.education  # noqa: F401  (registers jobfit_education)
import analyzer.experience  # noqa: F401  (registers jobfit_experience)
from analyzer.errors import JobfitError
from analyzer.experience import find_experience_claims, find_roles, union_months
from analyzer.extensions import doc_info

AS_OF = "2024-06"


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("jobfit_sections")
    nlp.add_pipe("jobfit_experience")
    nlp.add_pipe("jobfit_education")
    return nlp


def run(nlp: Language, text: str, *, kind: str | None = "resume", as_of: str = AS_OF) -> Doc:
    doc = nlp.make_doc(text)
    info = doc_info(doc)
    info["as_of"] = as_of
    if kind is not None:
        info["kind"] = kind
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def assert_spans_align(doc: Doc) -> None:
    for key in ("experience", "roles", "education"):
        for span in doc.spans.get(key, []):
            assert doc.text[span.start_char : span.end_char] == span.text


@pytest.mark.parametrize(
    ("text", "claim", "years_min", "years_max", "area"),
    [
        (
            "5+ years of experience in IT management.",
            "5+ years of experience in IT management",
            5,
            None,
            "IT management",
        ),
        ("over ten years of experience", "over ten years of experience", 10, None, None),
        (
            "more than 10 years experience with Linux",
            "more than 10 years experience with Linux",
            10,
            None,
            "Linux",
        ),
        ("at least 8 years of relevant experience", "at least 8 years of relevant experience", 8, None, None),
        (
            "A minimum of 7 years experience in networking.",
            "A minimum of 7 years experience in networking",
            7,
            None,
            "networking",
        ),
        ("3-5 years of experience", "3-5 years of experience", 3, 5, None),
        ("3 to 5 years experience", "3 to 5 years experience", 3, 5, None),
        (
            "3–5 yrs experience in help desk support",
            "3–5 yrs experience in help desk support",
            3,
            5,
            "help desk support",
        ),
        (
            "5 years' experience managing teams.",
            "5 years' experience managing teams",
            5,
            None,
            "managing teams",
        ),
        ("a decade of experience in IT", "a decade of experience in IT", 10, None, "IT"),
        ("10+ yrs managing IT teams, budgets", "10+ yrs managing IT teams", 10, None, "managing IT teams"),
        (
            "Seven (7) years of progressively responsible experience in information technology, including",
            "Seven (7) years of progressively responsible experience in information technology",
            7,
            None,
            "information technology",
        ),
        (
            "2 or more years of experience as a manager",
            "2 or more years of experience as a manager",
            2,
            None,
            "manager",
        ),
        (
            "10 years of IT management experience",
            "10 years of IT management experience",
            10,
            None,
            "IT management",
        ),
        ("Brings 15 years in healthcare IT.", "15 years in healthcare IT", 15, None, "healthcare IT"),
        ("Experience: 5 years", "5 years", 5, None, None),
        ("1.5 years of experience with SQL", "1.5 years of experience with SQL", 1.5, None, "SQL"),
        ("5+ years Java development", "5+ years Java development", 5, None, "Java development"),
        ("in a data engineer role or equivalent", None, None, None, None),
        # "minimum" after the unit qualifies the years; the area is what follows the experience.
        (
            "2 years minimum experience in managing a team; required",
            "2 years minimum experience in managing a team",
            2,
            None,
            "managing a team",
        ),
        ("3 years min. experience with SQL", "3 years min. experience with SQL", 3, None, "SQL"),
        # Words that point elsewhere or only qualify name no area.
        ("4+ years of directly related experience", "4+ years of directly related experience", 4, None, None),
        ("Minimum 7-10 years of experience in the field.", "Minimum 7-10 years of experience", 7, 10, None),
        ("6 years' experience in the following: Java, Go", "6 years' experience", 6, None, None),
        (
            "5 years of experience in global supply chain management",
            "5 years of experience in global supply chain management",
            5,
            None,
            "global supply chain management",
        ),
        (
            "5 years minimum successful fundraising experience",
            "5 years minimum successful fundraising experience",
            5,
            None,
            "fundraising",
        ),
    ],
)
def test_experience_claims(
    text: str,
    claim: str | None,
    years_min: float | None,
    years_max: int | None,
    area: str | None,
) -> None:
    found = find_experience_claims(text)
    if claim is None:
        assert found == []
        return
    assert len(found) == 1
    start, end, attrs = found[0]
    assert text[start:end] == claim
    assert attrs == {"years_min": years_min, "years_max": years_max, "area": area}


@pytest.mark.parametrize(
    "text",
    [
        "He is 25 years old.",
        "I moved here 5 years ago.",
        "This is a 2 year contract.",
        "Managed the help desk for 3 years.",
        "Winner three years in a row",
        "Windows 10 and 25 years of age",
        "We have been in business for 30 years.",
    ],
)
def test_no_false_experience_claims(text: str) -> None:
    assert find_experience_claims(text) == []


def test_area_stops_at_clause_and_bullet_boundaries() -> None:
    text = "3+ years of experience in an analytical role  Strong SQL skills"
    ((_s, _e, attrs),) = find_experience_claims(text)
    assert attrs["area"] == "analytical role"
    text = "6-9 years of experience in software development.2 BS degree"
    ((_s, _e, attrs),) = find_experience_claims(text)
    assert attrs["area"] == "software development"


@pytest.mark.parametrize(
    ("text", "area"),
    [
        # The next flattened bullet glued on: as the tokenizer splits words...
        (
            "5+ years of experience delivering successful solutionsExcellent knowledge of SQL",
            "delivering successful solutions",
        ),
        ("3 years of experience in a product roleTeam player", "product role"),
        # ...or a word that opens a bullet, glued to a capitalised one.
        ("4+ years of experience in Product ManagementExperience with Scrum", "Product Management"),
        ("2 years of experience in the software industryBS/BA degree", "software industry"),
        # Names that only look glued stay whole.
        ("5 years of experience with SharePoint and DevOps tools", "SharePoint and DevOps tools"),
    ],
)
def test_area_stops_at_a_glued_bullet(text: str, area: str) -> None:
    ((_s, _e, attrs),) = find_experience_claims(text)
    assert attrs["area"] == area


def test_claims_become_spans(nlp: Language) -> None:
    doc = run(nlp, "Summary\nIT leader with over 15 years of experience in IT management.\n")
    (span,) = doc.spans["experience"]
    assert span.label_ == "EXPERIENCE"
    assert span.text == "over 15 years of experience in IT management"
    assert span._.attrs == {"years_min": 15, "years_max": None, "area": "IT management"}
    assert_spans_align(doc)


def test_posting_benefits_are_not_requirements(nlp: Language) -> None:
    text = (
        "Requirements\n5+ years of experience in IT operations.\n\nBenefits\n"
        "Sabbatical after 6 years of service; our founders have 30 years of experience "
        "in retail.\n"
    )
    doc = run(nlp, text, kind="posting")
    assert [s.text for s in doc.spans["experience"]] == ["5+ years of experience in IT operations"]


ASOF_INDEX = 2024 * 12 + 5  # 2024-06 as a month index


@pytest.mark.parametrize(
    ("text", "range_text", "start", "end", "months"),
    [
        ("Jan 2015 - Present", "Jan 2015 - Present", "2015-01", None, 114),
        ("January 2015 – Current", "January 2015 – Current", "2015-01", None, 114),
        ("2012-2016", "2012-2016", "2012-01", "2016-12", 60),
        ("2012 to 2016", "2012 to 2016", "2012-01", "2016-12", 60),
        ("03/2018 to 06/2021", "03/2018 to 06/2021", "2018-03", "2021-06", 40),
        ("3/2018 - 6/2021", "3/2018 - 6/2021", "2018-03", "2021-06", 40),
        ("2018.03 - 2021.06", "2018.03 - 2021.06", "2018-03", "2021-06", 40),
        ("Mar. 2019 – Now", "Mar. 2019 – Now", "2019-03", None, 64),
        ("01/2015 to Current", "01/2015 to Current", "2015-01", None, 114),
        ("Sept 2019 to date", "Sept 2019 to date", "2019-09", None, 58),
        ("03/15/2018 - 06/30/2021", "03/15/2018 - 06/30/2021", "2018-03", "2021-06", 40),
        ("Jan 2020 - Jan 2020", "Jan 2020 - Jan 2020", "2020-01", "2020-01", 1),
    ],
)
def test_date_ranges(text: str, range_text: str, start: str, end: str | None, months: int) -> None:
    ((s, e, attrs),) = find_roles(text, ASOF_INDEX)
    assert text[s:e] == range_text
    assert (attrs["start_date"], attrs["end_date"], attrs["months"]) == (start, end, months)


@pytest.mark.parametrize(
    "text",
    [
        "Jan 2020 - Dec 2019",  # ends before it starts
        "1950 - 1958",  # before 1960
        "Windows Server 2003 - 2008",  # product versions
        "Phone 555-2012-2016",
        "Jan 2030 - Present",  # starts after the reference date
    ],
)
def test_implausible_ranges_are_ignored(text: str) -> None:
    assert find_roles(text, ASOF_INDEX) == []


@pytest.mark.parametrize(
    ("text", "title", "management"),
    [
        ("IT Manager  Jan 2015 - Present\nAcme Corp", "IT Manager", True),
        ("Company Name  City , State  IT Manager  01/2015 to Current", "IT Manager", True),
        ("IT Manager   Jan 2015 to Current\nCompany Name - City, State", "IT Manager", True),
        (
            "Director of Information Technology\nJanuary 2005 to Current Company Name City , State",
            "Director of Information Technology",
            True,
        ),
        ("ITManager , 07/2012 - Current CompanyName- City , State", "ITManager", True),
        (
            "Professional Experience\n02/2015 to 11/2016\nSenior Director, Information Technology"
            "CompanyName City , State",
            "Senior Director, Information Technology",
            True,
        ),
        ("Acme Corp | Boston, MA\nSenior Network Engineer | 2016 - 2019", "Senior Network Engineer", False),
        ("Systems Administrator, 2016 - 2019", "Systems Administrator", False),
        ("Team Lead  2016 - 2019", "Team Lead", True),
        ("Vice President, Infrastructure  2016 - 2019", "Vice President, Infrastructure", True),
        ("Chief Information Officer | 2016 - 2019", "Chief Information Officer", True),
        ("Did many things for clients.\n2016 - 2019\nAnswered phones for clients.", None, False),
    ],
)
def test_role_titles(text: str, title: str | None, management: bool) -> None:
    ((_s, _e, attrs),) = find_roles(text, ASOF_INDEX)
    assert attrs["title"] == title
    assert attrs["is_management"] is management


def test_union_counts_overlaps_once() -> None:
    assert union_months([(0, 11), (6, 17)]) == 18
    assert union_months([(0, 11), (12, 23)]) == 24
    assert union_months([(0, 11), (24, 35)]) == 24
    assert union_months([]) == 0


RESUME = """Jane Doe
jane@example.com

Experience
IT Manager  2017 - 2020
Acme Corp
Systems Administrator  2015 - 2018
Beta Inc

Education
B.S. in Computer Science  2010 - 2014
"""


def test_overlapping_roles_and_summary(nlp: Language) -> None:
    doc = run(nlp, RESUME)
    roles = doc.spans["roles"]
    assert [r.text for r in roles] == ["2017 - 2020", "2015 - 2018"]
    assert all(r.label_ == "ROLE" for r in roles)
    assert [r._.attrs["title"] for r in roles] == ["IT Manager", "Systems Administrator"]
    # 2015-01..2020-12 is six years even though the roles add up to eight.
    assert doc_info(doc)["experience_summary"] == {
        "total_years": 6.0,
        "management_years": 4.0,
        "roles": 2,
    }
    assert_spans_align(doc)


def test_present_uses_as_of(nlp: Language) -> None:
    text = "Experience\nIT Director  Jul 2020 - Present\nAcme\n"
    doc = run(nlp, text, as_of="2022-06")
    (role,) = doc.spans["roles"]
    assert role._.attrs == {
        "title": "IT Director",
        "start_date": "2020-07",
        "end_date": None,
        "months": 24,
        "is_management": True,
    }
    assert doc_info(doc)["experience_summary"]["management_years"] == 2.0


def test_as_of_from_component_config() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("jobfit_experience", config={"as_of": "2021-12"})
    doc = nlp("Help Desk Technician  Jan 2021 - Present")
    assert doc.spans["roles"][0]._.attrs["months"] == 12


def test_bad_as_of_is_a_jobfit_error(nlp: Language) -> None:
    with pytest.raises(JobfitError, match="as_of"):
        run(nlp, "Manager 2019 - Present", as_of="June 2020")


def test_postings_have_no_roles(nlp: Language) -> None:
    doc = run(nlp, "Requirements\nIT Manager 2015 - 2018 experience preferred\n", kind="posting")
    assert list(doc.spans["roles"]) == []
    assert doc_info(doc)["experience_summary"]["total_years"] == 0.0


def test_role_dates_in_education_are_studies(nlp: Language) -> None:
    doc = run(nlp, RESUME)
    assert "2010 - 2014" not in [r.text for r in doc.spans["roles"]]


def test_job_inside_misdetected_section_is_kept(nlp: Language) -> None:
    # A glued heading ("ProfessionalExperience") leaves jobs under the previous section.
    text = "Skills\nLAN, WAN\nProfessionalExperience\nIT Manager  2016 - 2019\nAcme\n"
    doc = run(nlp, text)
    assert [r._.attrs["title"] for r in doc.spans["roles"]] == ["IT Manager"]


def test_repeated_history_counts_roles_once(nlp: Language) -> None:
    block = "IT Manager  2016 - 2019\nAcme\n"
    doc = run(nlp, "Experience\n" + block + block)
    assert len(doc.spans["roles"]) == 2
    assert doc_info(doc)["experience_summary"]["roles"] == 1
    assert doc_info(doc)["experience_summary"]["total_years"] == 4.0


def test_empty_doc(nlp: Language) -> None:
    doc = run(nlp, "")
    assert list(doc.spans["experience"]) == [] and list(doc.spans["roles"]) == []
    assert doc_info(doc)["experience_summary"] == {
        "total_years": 0.0,
        "management_years": 0.0,
        "roles": 0,
    }


def test_company_after_comma_is_not_part_of_the_title() -> None:
    from analyzer.experience import find_roles

    text = (
        "Experience\nIT Manager, Acme Corp\nJan 2018 - Dec 2019\n"
        "Director, Information Technology\n2015 - 2017\n"
    )
    titles = [attrs["title"] for _, _, attrs in find_roles(text, 2026 * 12)]
    assert titles == ["IT Manager", "Director, Information Technology"]


@pytest.mark.parametrize(
    "line",
    [
        "Degree: BA in Economics (2015 - 2019)",
        "Bachelor of Science, Computer Science 2008 - 2012",
        "MBA, 2016 - 2018",
    ],
)
def test_a_dated_degree_is_not_a_role_in_any_section(line: str) -> None:
    from analyzer.experience import find_roles

    assert find_roles(f"Experience\n{line}\n", 2026 * 12) == []


def test_scrum_master_is_still_a_role() -> None:
    from analyzer.experience import find_roles

    roles = find_roles("Experience\nScrum Master\nJan 2018 - Dec 2019\n", 2026 * 12)
    assert [r[2]["title"] for r in roles] == ["Scrum Master"]


def test_dated_offices_in_activities_are_not_jobs() -> None:
    import spacy

    from analyzer.experience import ExperienceComponent  # noqa: F401
    from analyzer.extensions import doc_info
    from analyzer.sections import SectionsComponent  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("jobfit_sections")
    nlp.add_pipe("jobfit_experience")
    text = (
        "Experience\nIT Manager\nJan 2018 - Dec 2019\n"
        "Extracurricular Activity\nChess Club President\n2010 - 2017\n"
    )
    doc = nlp.make_doc(text)
    doc_info(doc)["as_of"] = "2026-11"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [s._.attrs["title"] for s in doc.spans["roles"]] == ["IT Manager"]


@pytest.mark.parametrize(
    ("text", "years_min", "years_max", "area"),
    [
        ("5yrs experience in Java", 5, None, "Java"),
        ("Minimum 3yrs' experience", 3, None, None),
        ("3-5yrs of experience", 3, 5, None),
        ("6 months experience in a warehouse", 0.5, None, "warehouse"),
        ("18 months' experience of customer service", 1.5, None, "customer service"),
        ("2 years’ exposure to SQL Server", 2, None, "SQL Server"),
        ("a year's experience in sales", 1, None, "sales"),
        ("at least two years' experience in retail", 2, None, "retail"),
    ],
)
def test_claim_forms_of_postings(
    text: str, years_min: float, years_max: float | None, area: str | None
) -> None:
    ((start, end, attrs),) = find_experience_claims(text)
    assert (attrs["years_min"], attrs["years_max"], attrs["area"]) == (years_min, years_max, area)
    assert start == 0


@pytest.mark.parametrize(
    "text",
    ["6+ month contract in Boston", "4+ months paid parental leave", "a year of growth", "2 years old"],
)
def test_terms_of_the_job_are_not_claims(text: str) -> None:
    assert find_experience_claims(text) == []


def test_markdown_bold_is_not_part_of_a_role_title() -> None:
    from analyzer.extract import Extractor
    from analyzer.ingest import from_text

    text = "Experience\n\n**Software Developer**, Acme Apps — Jun 2021 - Present\n- Built APIs in Go.\n"
    roles = Extractor(as_of="2026-11").extract(from_text(text, id="md")).roles
    assert roles and all("*" not in (r.title or "") for r in roles)
    assert roles[0].title and roles[0].title.startswith("Software Developer")
