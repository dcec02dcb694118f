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


def test_a_sentence_that_ends_in_an_acronym_ends_there() -> None:
    text = (
        "Administered 60 Windows and Linux servers and the district WAN. Automated account "
        "provisioning with PowerShell. Seeking a Sr. Analyst in Eagan, MN. This is a direct hire."
    )
    assert _texts(text) == [
        "Administered 60 Windows and Linux servers and the district WAN.",
        "Automated account provisioning with PowerShell.",
        "Seeking a Sr. Analyst in Eagan, MN.",
        "This is a direct hire.",
    ]
    # Glued to the next word the period is part of a name; initials and "U.S." are no ends.
    assert _texts("Built web applications with ASP.Net and C# for the U.S. Army and J. Smith.") == [
        "Built web applications with ASP.Net and C# for the U.S. Army and J. Smith."
    ]


def test_bullets_run_together_on_one_line_are_split_at_their_done_verbs() -> None:
    # PDF text that lost its bullet glyphs puts several achievements on one line.
    text = (
        "Acted as the expert on material management systems and operations Processed information "
        "retrievals using supply databases Developed retrieval scripts for analysis Cut, buffed "
        "and ground bevels on the main line"
    )
    assert _texts(text) == [
        "Acted as the expert on material management systems and operations",
        "Processed information retrievals using supply databases",
        "Developed retrieval scripts for analysis",
        "Cut, buffed and ground bevels on the main line",
    ]
    # "Responsible for" opens bullets as a done verb does, on its own line too.
    text = (
        "Senior Technology Counselor , 05/2006 to 08/2008 Company Name City , State\n"
        "Responsible for the help desk of 40 users and dressing wounds Responsible for scheduling\n"
    )
    assert _texts(text) == [
        "Senior Technology Counselor , 05/2006 to 08/2008 Company Name City , State",
        "Responsible for the help desk of 40 users and dressing wounds",
        "Responsible for scheduling",
    ]
    # A capitalised -ed word that names something, or follows a word that makes it a predicate
    # or a name's part, is no new statement.
    for kept in (
        "Worked as a nurse with Registered Nurse licence and Advanced Excel skills",
        "Proficient in Advanced networking and Managed services for clients",
        "Our company is Committed to the growth of every employee and client",
        "Supported the sales team and Managed budgets for the northern region",
    ):
        assert _texts(kept) == [kept]


def test_a_date_line_that_runs_to_the_margin_does_not_take_the_next_line() -> None:
    # A role's header line ends in its dates: the duty under it is a statement of its own, even
    # in the present tense, which the done-verb rule does not know.
    text = (
        "Work History\n"
        "IT Operations Manager — Harbor Credit Union — 03/2017 to present\n"
        "Lead a team of 11 across support, infrastructure and security.\n"
        "Company Name City , State Deputy Principal Operations 06/2013 to 2017\n"
        "Direct the daily operations of the campus and its 35 staff members.\n"
    )
    assert _texts(text) == [
        "IT Operations Manager — Harbor Credit Union — 03/2017 to present",
        "Lead a team of 11 across support, infrastructure and security.",
        "Company Name City , State Deputy Principal Operations 06/2013 to 2017",
        "Direct the daily operations of the campus and its 35 staff members.",
    ]
    # A long line that wraps before a year still joins when the next line goes on in lower case.
    wrapped = (
        "Experience\n"
        "Moved the finance team and all of its shared drives to the new file servers in 2019\n"
        "and retired the old ones.\n"
    )
    assert len(_texts(wrapped)) == 1


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


def test_clause_spans_are_where_the_clauses_are() -> None:
    from analyzer.statements import clause_spans, clauses

    for text in (
        "Owned a $15MM budget;  hired and led 75 FTEs. ",
        "Hired and trained 12 staff and cut overtime by 20%",
        "Led the migration, and reduced costs by 10%; wrote the runbook for the team",
        "Led a team of 14 engineers.",
    ):
        spans = clause_spans(text)
        assert [text[a:b] for a, b in spans] == clauses(text)
        assert all(a < b for a, b in spans) and spans == sorted(spans)


def test_and_before_a_done_verb_joins_two_clauses() -> None:
    from analyzer.statements import clauses

    assert clauses("Negotiated contracts with hardware suppliers and cut annual spend by 18%.") == [
        "Negotiated contracts with hardware suppliers",
        "cut annual spend by 18%.",
    ]
    assert clauses("Led the migration, and reduced costs by 10%") == [
        "Led the migration",
        "reduced costs by 10%",
    ]
    # Verbs joined by "and" share their object: one clause.
    assert clauses("Hired and trained 12 staff and cut overtime by 20%") == [
        "Hired and trained 12 staff",
        "cut overtime by 20%",
    ]
    assert clauses("Managed budgets and vendors for three sites") == []  # nouns joined: no clause
    assert clauses("Planned the budget and staffing plan for 2024") == []  # "staffing" is no done verb


def test_list_items_a_flattening_glued_together_are_statements() -> None:
    # A job board's flattening ran the duties into one line, each item glued to the next.
    text = (
        "Responsibilities:Own the roadmap for the iOS appsInteract with sales to gather "
        "requirementsPerform analyses of KPIs across the platform"
    )
    assert _texts(text) == [
        "Responsibilities:Own the roadmap for the iOS apps",
        "Interact with sales to gather requirements",
        "Perform analyses of KPIs across the platform",
    ]
    # Names that only look glued stay whole: "iPhone", "SharePoint", and the lexicon's own.
    assert len(_texts("Supported the iPhone fleet and the SharePoint sites for staff")) == 1
    kept = "Rolled out webMethods integrations for the finance team"
    assert len(_texts(kept)) == 2
    assert [normalise(kept[a:b]) for a, b in find_statements(kept, keep=frozenset({"webmethods"}))] == [kept]


def test_glued_list_items_are_statements_in_the_pipeline() -> None:
    text = "Duties:Configure the routers at every siteTrain the help desk staff on new tickets tools"
    ext = Extractor(as_of="2026-11").extract(Document("p", "p.txt", text, kind="posting"))
    starts = [s.text for s in ext.statements]
    assert "Train the help desk staff on new tickets tools" in starts
