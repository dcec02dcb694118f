from __future__ import annotations

import pytest
import spacy

from analyzer.sections import find_sections, guess_kind, heading_section, section_at


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("EXPERIENCE", "experience"),
        ("Work History:", "experience"),
        ("ProfessionalExperience", "experience"),
        ("## Education", "education"),
        ("Technical Skills", "skills"),
        ("Licenses & Certifications", "certifications"),
        ("Key Responsibilities:", "responsibilities"),
        ("What you'll do", "responsibilities"),
        ("Minimum Qualifications", "requirements"),
        ("Nice to have", "preferred"),
        ("Benefits", "benefits"),
    ],
)
def test_headings(line: str, section: str) -> None:
    assert heading_section(line) == section


@pytest.mark.parametrize(
    "line",
    [
        "Managed the experience of 40 users.",
        "Education is key to our mission, and more.",
        "",
        "Skills, tools.",
    ],
)
def test_sentences_are_not_headings(line: str) -> None:
    assert heading_section(line) is None


def test_sections_cover_text_and_lookup() -> None:
    text = "Jane\nSummary\nIT lead.\nExperience\nIT Manager 2019 - 2021\nEducation\nBS CS\n"
    ranges = find_sections(text)
    assert [r[2] for r in ranges] == ["header", "summary", "experience", "education"]
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    nlp = spacy.blank("en")
    from analyzer.sections import SectionsComponent  # noqa: F401

    nlp.add_pipe("jobfit_sections")
    doc = nlp(text)
    assert section_at(doc, text.index("IT Manager")) == "experience"
    assert section_at(doc, 0) == "header"


def test_guess_kind() -> None:
    posting = "About the role\nYou will lead.\nRequirements\n- 5 years\nBenefits\nWe offer health."
    resume = "Jane Doe\nExperience\nIT Manager Jan 2019 - Present\nEducation\nBS"
    assert guess_kind(posting, [r[2] for r in find_sections(posting)]) == "posting"
    assert guess_kind(resume, [r[2] for r in find_sections(resume)]) == "resume"


@pytest.mark.parametrize("line", ["Extracurricular Activity", "Honors & Awards", "Community", "Publications"])
def test_activity_headings(line: str) -> None:
    assert heading_section(line) == "activities"
