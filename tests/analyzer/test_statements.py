from __future__ import annotations

from analyzer.document import Document
from analyzer.extract import Extractor
from analyzer.statements import find_statements, normalise

RESUME = """Jordan Reyes
jordan@example.com | (555) 010-2030

Experience
Director of Technology Operations, Acme Health    Jan 2016 - Present
- Led a team of 14 engineers and help desk analysts across three sites, hiring and
  coaching every new analyst.
- Owned a $2.4M operating budget.
• Negotiated contracts with hardware suppliers. Cut annual spend by 18%.

Skills
Project management, vendor management, IT budgeting
"""


def _texts(text: str) -> list[str]:
    return [normalise(text[a:b]) for a, b in find_statements(text)]


def test_bullets_are_statements_and_wrapped_lines_are_joined() -> None:
    texts = _texts(RESUME)
    assert (
        "Led a team of 14 engineers and help desk analysts across three sites, hiring and "
        "coaching every new analyst." in texts
    )
    assert "Owned a $2.4M operating budget." in texts
    # Sentences of one bullet are two statements.
    assert "Negotiated contracts with hardware suppliers." in texts
    assert "Cut annual spend by 18%." in texts


def test_list_markers_open_statements() -> None:
    # Each marker opens a new statement, even after a line that ends without punctuation.
    text = (
        "Highlights\n"
        "1) Negotiated contracts with hardware suppliers\n"
        "2. Built the technology roadmap with the CFO\n"
        "(3) Wrote the acceptable-use policy\n"
        "a) Migrated 300 mailboxes to Office 365\n"
        "(b) Managed the service desk of 12 analysts\n"
        "iv) Ran the change advisory board every week\n"
        "– Renewed the copier lease for three years\n"
        "➢ Owned a $2.4M operating budget\n"
        "+ Led a team of 14 engineers and help desk analysts across three sites\n"
        "+ Hired five analysts\n"
        "○ Cut annual spend on hardware and software licences by 18 percent\n"
        "☐ Trained all staff on phishing\n"
    )
    assert _texts(text) == [
        "Negotiated contracts with hardware suppliers",
        "Built the technology roadmap with the CFO",
        "Wrote the acceptable-use policy",
        "Migrated 300 mailboxes to Office 365",
        "Managed the service desk of 12 analysts",
        "Ran the change advisory board every week",
        "Renewed the copier lease for three years",
        "Owned a $2.4M operating budget",
        "Led a team of 14 engineers and help desk analysts across three sites",
        "Hired five analysts",
        "Cut annual spend on hardware and software licences by 18 percent",
        "Trained all staff on phishing",
    ]


def test_lines_that_start_with_a_done_verb_are_statements_even_without_bullets() -> None:
    # PDF text often loses the bullet glyphs; lines that ran to the margin used to be joined.
    text = (
        "Experience\n"
        "Worked with the CFO and the board on the three-year technology roadmap\n"
        "Led a team of 14 engineers and help desk analysts across three sites and\n"
        "two data centres, hiring and coaching every new analyst on the team\n"
        "Migrated 300 mailboxes and the shared drives of the finance team to\n"
        "Microsoft 365 over one weekend with no lost mail for any of the users\n"
        "Built the asset register for every laptop, printer and mobile phone we own\n"
    )
    assert _texts(text) == [
        "Worked with the CFO and the board on the three-year technology roadmap",
        "Led a team of 14 engineers and help desk analysts across three sites and two data centres, "
        "hiring and coaching every new analyst on the team",
        "Migrated 300 mailboxes and the shared drives of the finance team to Microsoft 365 over one "
        "weekend with no lost mail for any of the users",
        "Built the asset register for every laptop, printer and mobile phone we own",
    ]


def test_headings_contact_lines_and_fragments_are_not_statements() -> None:
    texts = _texts(RESUME)
    assert not any(t in ("Experience", "Skills") for t in texts)
    assert not any("@" in t for t in texts)
    assert "Jordan Reyes" not in texts


def test_offsets_index_the_text_exactly() -> None:
    for a, b in find_statements(RESUME):
        assert RESUME[a:b] == RESUME[a:b].strip()
        assert not RESUME[a].isspace() and not RESUME[b - 1].isspace()


def test_glued_pdf_sentences_and_abbreviations() -> None:
    text = "Managed all IT projects.In addition, ran the help desk for 40 users e.g. printers."
    assert _texts(text) == [
        "Managed all IT projects.",
        "In addition, ran the help desk for 40 users e.g. printers.",
    ]


def test_extraction_records_statements_with_sections_and_labels() -> None:
    ext = Extractor(as_of="2026-11").extract(Document(id="r", source="r", text=RESUME, kind="resume"))
    by_text = {s.text: s for s in ext.statements}
    budget = by_text["Owned a $2.4M operating budget."]
    assert budget.section == "experience"
    assert RESUME[budget.start : budget.end] == budget.text
    assert [lab.id for lab in budget.labels] == ["budgeting"]
    assert all(0.0 <= lab.p <= 1.0 for s in ext.statements for lab in s.labels)
    skills_line = next(s for s in ext.statements if s.text.startswith("Project management"))
    assert skills_line.section == "skills"
    record = ext.to_dict()
    assert record["statements"][0].keys() == {"start", "end", "text", "section", "labels"}


def test_clauses_are_parts_between_semicolons_of_three_words_or_more() -> None:
    from analyzer.statements import clauses

    assert clauses("Owned a $15MM budget; hired and led 75 FTEs.") == [
        "Owned a $15MM budget",
        "hired and led 75 FTEs.",
    ]
    assert clauses("Led a team of 14 engineers.") == []
    assert clauses("Budget; led the team of five") == []  # one part too short: not two clauses
    assert clauses("Skills: Excel - Word - Access") == []  # colons and dashes are not clause breaks
