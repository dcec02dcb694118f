from __future__ import annotations

from functools import lru_cache
from typing import Literal

import pytest
import spacy

from analyzer.extract import Extraction, Extractor
from analyzer.lexicon import Entry
from analyzer.sections import SectionsComponent  # noqa: F401  (registers the factory)
from analyzer.skills import (  # noqa: F401
    SkillsComponent,
    address_ranges,
    business_name_ranges,
    name_mention_ranges,
    place_name_ranges,
    surface_variants,
)


@pytest.fixture(scope="module")
def nlp(mini_lexicon_dir: str):
    nlp = spacy.blank("en")
    nlp.add_pipe("jobfit_sections")
    nlp.add_pipe("jobfit_skills", config={"lexicon_dir": mini_lexicon_dir})
    return nlp


def found(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    spans = list(doc.spans["skills"]) + list(doc.spans["certifications"])
    for span in spans:
        assert doc.text[span.start_char : span.end_char] == span.text
    return sorted((s.kb_id_, s.text) for s in spans)


def ids(nlp, text: str) -> set[str]:
    return {i for i, _ in found(nlp, text)}


@pytest.mark.parametrize(
    "text",
    ["Cyber security lead", "cyber-security lead", "CYBERSECURITY lead", "cybersecurity lead"],
)
def test_hyphen_space_and_case_variants(nlp, text: str) -> None:
    assert ids(nlp, text) == {"domain:cybersecurity"}


def test_plural_of_last_word(nlp) -> None:
    assert ids(nlp, "Configured firewalls daily.") == {"skill:firewall"}


def test_acronym_and_expansion_share_an_id(nlp) -> None:
    assert ids(nlp, "Led ITSM work.") == ids(nlp, "Led IT service management work.") == {"domain:itsm"}


def test_tricky_symbols(nlp) -> None:
    assert ids(nlp, "Built services in C# on .NET.") == {"skill:csharp", "skill:dotnet"}
    assert ids(nlp, "Holds CompTIA A+ and ITIL 4 Foundation.") == {
        "cert:comptia-a-plus",
        "cert:itil4-foundation",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We go to market fast.", set()),
        ("Let's Go to the meeting.", set()),
        ("Languages: Python, Go, R", {"skill:python", "skill:go", "skill:r"}),
        ("Wrote services in Golang.", {"skill:go"}),
        ("Strong Go programming skills.", {"skill:go"}),
        ("You excel at planning.", set()),
        ("Advanced Excel (pivot tables).", {"tool:excel"}),
        ("Reporting in MS Excel.", {"tool:excel"}),
        ("Statistics in R and Python.", {"skill:python", "skill:r"}),
        ("Plan R for the project", set()),
    ],
)
def test_ambiguous_names_decided_by_context(nlp, text: str, expected: set[str]) -> None:
    assert ids(nlp, text) == expected


def test_ambiguous_name_in_skills_section_list(nlp) -> None:
    assert "tool:excel" in ids(nlp, "Skills\nExcel\nWord processing\n")


def test_case_sensitive_acronym(nlp) -> None:
    assert ids(nlp, "Managed the IT budget.") == {"domain:it"}
    assert ids(nlp, "Managed it well.") == set()
    # All-caps lines use IT as an ordinary word.
    assert ids(nlp, "WHAT IT TAKES TO WIN") == set()


def test_overlapping_mentions_kept_for_certifications(nlp) -> None:
    got = found(nlp, "Earned AWS Certified Solutions Architect in 2020.")
    assert ("cert:aws-saa", "AWS Certified Solutions Architect") in got
    assert ("tool:aws", "AWS") in got


def test_nested_generic_skill_dropped(nlp) -> None:
    assert ids(nlp, "Ten years of project management.") == {"skill:project-management"}
    assert ids(nlp, "Strong management.") == {"skill:management"}


def test_mentions_carry_section(nlp) -> None:
    doc = nlp("Jane\nSkills\nPython\nExperience\nPython developer\n")
    from analyzer.sections import section_at

    assert [section_at(doc, s.start_char) for s in doc.spans["skills"]] == ["skills", "experience"]


def test_surface_variants() -> None:
    assert surface_variants("cyber security", "domain") >= {
        "cyber security",
        "cybersecurity",
        "cyber-security",
        "cyber securities",
    }
    assert surface_variants("Python", "tool") == {"Python"}


def test_lowercase_ambiguous_name_only_inside_a_list(nlp) -> None:
    assert ids(nlp, "Stack: python, go, postgres") >= {"skill:python", "skill:go"}
    assert ids(nlp, "Ready, set, go to work") == set()


def test_shipped_lexicon_ambiguity_rules() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("jobfit_sections")
    nlp.add_pipe("jobfit_skills")

    def found(text: str) -> set[str]:
        doc = nlp(text)
        return {s.kb_id_ for s in doc.spans["skills"]}

    assert "domain:information-technology" in found("Ten years of IT experience.")
    assert "domain:information-technology" in found("Skills: IT, networking, budgeting")
    assert "domain:information-technology" not in found("Contact our IT department today.")
    assert "domain:information-technology" in found("A degree in information technology.")
    # A word of a longer name needs context; the full name does not.
    assert "tech:spark" in found("Pipelines on Apache Spark.")
    assert "tech:spark" not in found("Spark joy in the team.")
    # "administration" alone is most often another thing's (Linux, budget, benefits, a degree in
    # Business Administration): only the office's own names are office administration.
    assert "know:administration" not in found("Linux administration and budget administration.")
    assert "know:administration" not in found("MBA, Master of Business Administration.")
    assert "know:administration" in found("Skills: office administration, clerical work")


def _entry(type_: str = "tool", category: str = "database") -> Entry:
    return Entry(id="tech:oracle", name="Oracle", aliases=(), type=type_, category=category, source="test")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Graduated from Oracle High School in 2009.", "Oracle High School"),
        ("Front desk at the Oracle Bay Hotel, nights", "Oracle Bay Hotel"),
        ("Lifeguard at Oracle Park.", "Oracle Park"),
        ("Oracle Inc", "Oracle Inc"),
        ("Cashier, Oracle Dental Practice Ltd", "Oracle Dental Practice Ltd"),
    ],
)
def test_a_product_name_that_starts_a_place_name_is_found(text: str, name: str) -> None:
    start = text.index("Oracle")
    assert [text[a:b] for a, b in place_name_ranges(text, [(start, start + 6, _entry())])] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Tuned Oracle Database performance",  # the product's own words
        "Oracle School of Music",  # "School" alone is ambiguous (a Java school teaches Java)
        "Oracle\nHotel",  # a name does not run over a line break
        "Oracle, Hotel",  # nor over punctuation
        "oracle high school",  # a product's name is written capitalised
        "Oracle Data Center",  # not a place word: System Center, Data Center
        "Oracle migration for the Bay Hotel",  # lower-case words end the name
    ],
)
def test_other_text_after_a_product_name_is_not_a_place(text: str) -> None:
    start = text.lower().index("oracle")
    assert place_name_ranges(text, [(start, start + 6, _entry())]) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Courier at Parcel Networks Inc.", ["Parcel Networks Inc"]),
        ("Van driver for Cloud Nine Couriers, 2019", ["Cloud Nine Couriers"]),
        ("IT MANAGER, ACME CLOUD SERVICES LTD", ["ACME CLOUD SERVICES LTD"]),
        # A job title's words end the name: the title line keeps its title.
        ("Senior Network Engineer Acme Networks Corporation", ["Acme Networks Corporation"]),
        ("Analysed sales with Information Resources Inc data", ["Information Resources Inc"]),
    ],
)
def test_a_business_name_is_found_without_a_product_at_its_start(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in business_name_ranges(text)] == names


@pytest.mark.parametrize(
    "text",
    [
        "Inc",  # a legal form alone names nothing
        "Reverse Logistics and Global Inventory Visibility",  # "Logistics" names a skill too
        "managed the cloud networks ltd",  # names are capitalised
        "Acme\nLtd",  # and on one line
        "eBayInc",  # a legal form glued to a word
    ],
)
def test_other_text_is_no_business_name(text: str) -> None:
    assert business_name_ranges(text) == []


def test_only_products_start_place_names() -> None:
    # A field of study before a university is a degree's subject, not the university's name.
    text = "Accounting High School"
    assert place_name_ranges(text, [(0, 10, _entry("domain", "knowledge domain"))]) == []
    assert place_name_ranges(text, [(0, 10, _entry("hard_skill", "programming language"))]) == [(0, 22)]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Fed the python at the reptile house.", False),
        ("Wrote python scripts for the team.", True),  # beside a word of programming
        ("Automated reports with python.", True),  # three words away
        ("Skills: python, Go", True),  # in a list
        ("Fed Python at the reptile house.", True),  # capitalised: the language
    ],
)
def test_a_language_in_lower_case_needs_programming_around_it(nlp, text: str, kept: bool) -> None:
    doc = nlp(text)
    assert ("skill:python" in {s.kb_id_ for s in doc.spans["skills"]}) is kept
    # A dropped name is marked for the recogniser, which then reads it as a plain word.
    start = text.lower().index("python")
    assert doc._.jobfit["english_word_ranges"] == ([] if kept else [(start, start + 6)])


def _mentions(text: str, skills_from: int | None = None) -> list[str]:
    """The repeated name words ``name_mention_ranges`` hides, for a resume whose name line is
    its first line; text from ``skills_from`` on is a skills list."""
    name = (0, text.index("\n"))
    in_list = skills_from if skills_from is not None else len(text) + 1
    return [
        text[a:b]
        for a, b in name_mention_ranges(text, [name], lambda at: "skills" if at >= in_list else "experience")
    ]


@pytest.mark.parametrize(
    ("body", "hidden"),
    [
        ("Ruby led the migration to the cloud.", ["Ruby"]),  # the subject of a sentence
        ("- Ruby cut costs by 20%.", ["Ruby"]),  # after a bullet
        ("Ran the desk, and Ruby wrote the runbooks.", ["Ruby"]),  # the subject of a clause
        ("Contact Ruby Okafor for references.", ["Ruby", "Okafor"]),  # the whole name
        ("Praised by the CIO for Ruby's reports.", ["Ruby"]),  # a possessive
        ("Ms Okafor chaired the board.", ["Ms Okafor"]),  # after a title, with it
        ("Built web apps with Ruby on Rails.", []),  # the language
        ("Ruby on Rails apps for three clients.", []),  # a preposition after it: the language
        ("Moved mail to Microsoft 365 and Ruby.", []),  # the end of a list
        ("Wrote to ruby.okafor@example.com daily.", []),  # an e-mail address
    ],
)
def test_the_persons_name_used_in_the_text_is_hidden(body: str, hidden: list[str]) -> None:
    assert _mentions(f"Ruby Okafor\n{body}\n") == hidden


def test_the_persons_name_in_a_skills_list_stays() -> None:
    text = "Ruby Okafor\nRuby led the team.\nSkills\nRuby leads the list of languages.\n"
    assert _mentions(text, skills_from=text.index("Skills")) == ["Ruby"]


@pytest.mark.parametrize(
    ("header", "addresses"),
    [
        (
            "12 Elm Street, Springfield, IL 62704 | jane@example.com | (555) 010-4477",
            ["12 Elm Street, Springfield, IL 62704"],
        ),
        ("jane@example.com · 5 Azure Way, Apple Valley, MN 55124", ["5 Azure Way, Apple Valley, MN 55124"]),
        ("Address: Salesforce Tower, San Francisco", ["Salesforce Tower, San Francisco"]),
        (
            "Flat 4, 22 Baker Street, London NW1 6XE, United Kingdom",
            ["Flat 4, 22 Baker Street, London NW1 6XE, United Kingdom"],
        ),
        ("Calle Mayor 5, 28013 Madrid, Spain", ["Calle Mayor 5, 28013 Madrid, Spain"]),
        ("Bahnhofstrasse 1, 8001 Zürich", ["Bahnhofstrasse 1, 8001 Zürich"]),
        ("Azure Cloud Architect | AWS | 10+ years", []),  # a headline
        ("IT Manager since 2015, 3 sites", []),
    ],
)
def test_the_postal_address_in_a_resume_header_is_found(header: str, addresses: list[str]) -> None:
    text = f"Jane Doe\n{header}\nExperience\n"
    assert [text[a:b] for a, b in address_ranges(text, text.index("Experience"))] == addresses


def test_an_address_after_the_header_or_in_one_line_is_not_read() -> None:
    text = "Jane Doe\nExperience\nMoved the office to 1 Oracle Parkway, Redwood City, CA 94065.\n"
    assert address_ranges(text, text.index("Experience")) == []
    # A statement scored alone is one line: its words are what the person did.
    line = "Moved 40 staff to the 3rd Floor of Harbor House, 1 Oracle Parkway, CA 94065."
    assert address_ranges(line, len(line)) == []


@lru_cache(maxsize=1)
def _extractor() -> Extractor:
    return Extractor(as_of="2026-11")


def _read(text: str, kind: Literal["resume", "posting"]) -> Extraction:
    """``text`` read as a resume or a posting, through the whole pipeline."""
    import dataclasses

    from analyzer.ingest import from_text

    return _extractor().extract(dataclasses.replace(from_text(text, id=kind), kind=kind))


def test_a_skill_word_that_names_a_role_or_a_business_is_out_of_sense() -> None:
    # "hiring manager" is a role, "staffing agency" a business (the record's not_before): the
    # mention is kept, out of its sense, and a posting does not ask for it.
    resume = (
        "EXPERIENCE\nRecruiter\nNorthwind    2019 - Present\n"
        "- Partnered with hiring managers to fill 40 engineering roles.\n"
        "- Led hiring for a team of 12 support analysts.\n"
    )
    ext = _read(resume, "resume")
    assert [(m.text, m.in_sense) for m in ext.skills if m.id == "skill:hiring"] == [
        ("hiring", False),
        ("hiring", True),
    ]
    posting = (
        "Platform Engineer\n\nRequirements\n- Kubernetes and Terraform.\n"
        "- Two interviews: one with the hiring manager, one with the team.\n"
    )
    asks = _read(posting, "posting").posting
    assert asks is not None and {q.name for q in asks.requirements} == {"Kubernetes", "Terraform"}
    # The same for a business: a consulting firm is no consulting asked.
    posting = "Data Engineer\n\nRequirements\n- Python.\n- Experience at a consulting firm is a plus.\n"
    asks = _read(posting, "posting").posting
    assert asks is not None and {q.name for q in asks.requirements} == {"Python"}


def test_the_employers_own_hiring_asks_nothing() -> None:
    # "We're hiring", "Acme is currently recruiting" (the record's not_after) and a pay range's
    # "hiring range" are the employer's act, not the skill: out of sense, not asked; a duty of
    # hiring still is, and so is a recruiter's own "Currently recruiting for 20 roles".
    posting = (
        "IT Manager\n\nWe're hiring! Acme Health is currently recruiting an IT Manager.\n\n"
        "Responsibilities\n- Lead a team of 6 and run hiring for the help desk.\n"
        "- Own the VMware estate.\n\nThe hiring range for this role is $90,000 - $110,000.\n"
    )
    ext = _read(posting, "posting")
    hiring = [(m.text, m.in_sense) for m in ext.skills if m.id == "skill:hiring"]
    assert hiring == [("hiring", False), ("recruiting", False), ("hiring", True), ("hiring", False)]
    assert ext.posting is not None
    asked = [q for q in ext.posting.requirements if q.id == "skill:hiring"]
    assert [posting[q.start : q.end] for q in asked] == ["hiring"]
    assert posting.rfind("run hiring") + 4 == asked[0].start
    resume = "EXPERIENCE\nRecruiter\nNorthwind    2019 - Present\n- Currently recruiting for 20 open roles.\n"
    ext = _read(resume, "resume")
    assert [(m.text, m.in_sense) for m in ext.skills if m.id == "skill:hiring"] == [("recruiting", True)]


def test_a_rank_written_with_a_hyphen_is_no_programming_language() -> None:
    # "C-level", "the C-suite": the record's not_before read over a hyphen that joins the words.
    posting = (
        "Platform Engineer\n\nRequirements\n- Present to C-level executives and the C-suite.\n"
        "- Kubernetes and Terraform.\n"
    )
    ext = _read(posting, "posting")
    assert [(m.text, m.in_sense) for m in ext.skills if m.id == "skill:c"] == [("C", False), ("C", False)]
    assert ext.posting is not None and {q.name for q in ext.posting.requirements} == {
        "Kubernetes",
        "Terraform",
    }
    listed = "Platform Engineer\n\nRequirements\n- Embedded C, C++ and Python.\n"
    ext = _read(listed, "posting")
    assert ext.posting is not None and "C" in {q.name for q in ext.posting.requirements}
