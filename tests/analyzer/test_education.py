from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import analyzer.education  # noqa: F401  (registers jobfit_education)
import analyzer.experience  # noqa: F401  (registers jobfit_experience)
from analyzer.education import find_degrees, highest_level
from analyzer.extensions import doc_info


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("jobfit_sections")
    nlp.add_pipe("jobfit_experience")
    nlp.add_pipe("jobfit_education")
    return nlp


def run(nlp: Language, text: str, *, kind: str = "resume") -> Doc:
    doc = nlp.make_doc(text)
    doc_info(doc).update({"as_of": "2024-06", "kind": kind})
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


@pytest.mark.parametrize(
    ("text", "mention", "level", "field"),
    [
        ("B.S. in Computer Science", "B.S. in Computer Science", "bachelor", "Computer Science"),
        ("BS Computer Science", "BS Computer Science", "bachelor", "Computer Science"),
        (
            "Bachelor of Science in Information Technology",
            "Bachelor of Science in Information Technology",
            "bachelor",
            "Information Technology",
        ),
        (
            "Bachelor's degree in computer science, information technology, or a related field.",
            "Bachelor's degree in computer science, information technology",
            "bachelor",
            "computer science, information technology",
        ),
        ("Bachelor's degree in a related field", "Bachelor's degree", "bachelor", None),
        ("BA in Economics, University of Chicago", "BA in Economics", "bachelor", "Economics"),
        ("Bachelor of Arts, Economics", "Bachelor of Arts, Economics", "bachelor", "Economics"),
        ("MBA", "MBA", "master", "Business Administration"),
        (
            "Master of Science in Information Systems",
            "Master of Science in Information Systems",
            "master",
            "Information Systems",
        ),
        (
            "Master of Business Administration",
            "Master of Business Administration",
            "master",
            "Business Administration",
        ),
        ("M.S.", "M.S.", "master", None),
        ("MSc", "MSc", "master", None),
        ("Master's degree preferred", "Master's degree", "master", None),
        ("Masters in IT", "Masters in IT", "master", "IT"),
        ("Ph.D.", "Ph.D.", "doctorate", None),
        ("PhD in law", "PhD in law", "doctorate", "law"),
        ("Doctor of Philosophy", "Doctor of Philosophy", "doctorate", None),
        ("Doctor of Education", "Doctor of Education", "doctorate", "Education"),
        ("Associate of Applied Science", "Associate of Applied Science", "associate", None),
        ("A.A.S.", "A.A.S.", "associate", None),
        (
            "Associates Degree:Computer Science 1995",
            "Associates Degree:Computer Science",
            "associate",
            "Computer Science",
        ),
        ("High School Diploma", "High School Diploma", "high_school", None),
        ("high school diploma or equivalent", "high school diploma", "high_school", None),
        ("GED", "GED", "high_school", None),
        (
            "Certificate in Project Management",
            "Certificate in Project Management",
            "certificate",
            "Project Management",
        ),
        # PDF extraction glues words and columns together.
        (
            "Bachelor ofScience:Psychology/History , 1998 Rutgers University",
            "Bachelor ofScience:Psychology/History",
            "bachelor",
            "Psychology/History",
        ),
        (
            "B.S :Computer Science 1999 Montclair State University",
            "B.S :Computer Science",
            "bachelor",
            "Computer Science",
        ),
        ("Bachelor ofArts :FrenchUniversity of X", "Bachelor ofArts :French", "bachelor", "French"),
    ],
)
def test_degrees(text: str, mention: str, level: str, field: str | None) -> None:
    found = find_degrees(text)
    assert len(found) == 1
    start, end, attrs = found[0]
    assert text[start:end] == mention
    assert attrs == {"level": level, "field": field}


@pytest.mark.parametrize(
    "text",
    [
        "Proficient in MS Office, MS Excel and MS-DOS",
        "Certified Scrum Master",
        "Led master data management",
        "Boston, MA 02110",
        "Sales Associate at a retail store",
        "Worked with the BA team",
        "Renewed SSL certificates and the certificate of insurance",
        "Saw the doctor twice",
    ],
)
def test_not_degrees(text: str) -> None:
    assert find_degrees(text) == []


def test_alternatives_share_the_field() -> None:
    found = find_degrees("Bachelor's or Master's degree in Computer Science")
    assert [(a["level"], a["field"]) for _s, _e, a in found] == [
        ("bachelor", "Computer Science"),
        ("master", "Computer Science"),
    ]
    found = find_degrees("BS/MS in Computer Science")
    assert [(a["level"], a["field"]) for _s, _e, a in found] == [
        ("bachelor", "Computer Science"),
        ("master", "Computer Science"),
    ]


def test_highest_level() -> None:
    assert highest_level(["bachelor", "doctorate", "master"]) == "doctorate"
    assert highest_level(["high_school", "certificate"]) == "certificate"
    assert highest_level([]) is None


def test_spans_and_summary(nlp: Language) -> None:
    text = (
        "Jane Doe\n\nSkills\nMS Office, Windows\n\nEducation\n"
        "Master of Science in Information Systems, 2012\n"
        "B.S. in Computer Science, 2008\nLincoln High School\n"
    )
    doc = run(nlp, text)
    spans = doc.spans["education"]
    assert [s.text for s in spans] == [
        "Master of Science in Information Systems",
        "B.S. in Computer Science",
        "High School",
    ]
    assert all(s.label_ == "EDUCATION" for s in spans)
    assert [s._.attrs["level"] for s in spans] == ["master", "bachelor", "high_school"]
    for span in spans:
        assert doc.text[span.start_char : span.end_char] == span.text
    assert doc_info(doc)["education_summary"] == {"highest_level": "master"}


def test_bare_high_school_outside_education_is_not_a_degree(nlp: Language) -> None:
    doc = run(nlp, "Experience\nTaught High School students math, 2015 - 2018\n")
    assert list(doc.spans["education"]) == []
    assert doc_info(doc)["education_summary"] == {"highest_level": None}


def test_posting_benefits_are_not_requirements(nlp: Language) -> None:
    text = (
        "Requirements\nBachelor's degree in Computer Science.\n\nBenefits\n"
        "Tuition support for a Master's degree.\n"
    )
    doc = run(nlp, text, kind="posting")
    assert [s._.attrs["level"] for s in doc.spans["education"]] == ["bachelor"]
    assert doc_info(doc)["education_summary"] == {"highest_level": "bachelor"}
