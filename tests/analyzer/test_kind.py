"""Kind detection: postings and resumes told apart from structure and wording; overrides kept."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from analyzer.document import Document
from analyzer.extract import Extractor
from analyzer.ingest import iter_inputs
from analyzer.kind import WEIGHTS, cue_counts, detect_kind
from analyzer.sections import find_sections, guess_kind

# A short nonprofit posting (the known weak spot: it says "resume", names a date and a degree,
# has no "you" and no heading a resume lacks).
SHORT_POSTING = """Program Coordinator
Riverside Community Food Bank

The Riverside Community Food Bank seeks a Program Coordinator to run its weekend meal program for
families in the county. The Coordinator recruits and schedules volunteers, keeps distribution
records, orders supplies within the program budget and reports monthly to the Executive Director.

Qualifications
Two years' experience coordinating volunteers or community programs. Bachelor's degree preferred.
Valid driver's license. Spanish a plus.

Salary $42,000-$46,000, health insurance, 20 days paid leave. Application deadline: March 15, 2024.
Send a resume and cover letter to jobs@example.org. RCFB is an equal opportunity employer.
"""

# A resume with no section heading at all and no "Present".
BARE_RESUME = """Dana Whitfield
dana.w@example.com | 555-0100
Operations coordinator with eight years in community programs.
Riverside Food Bank, Program Coordinator, 2019-2024
Scheduled 120 volunteers weekly; kept distribution records; ordered supplies.
City Youth League, Volunteer Manager, 2015-2019
Recruited and trained volunteers.
B.A. Sociology, State University, 2015
"""

# A recruiter's resume: full of hiring words, still one person's dated record.
HR_RESUME = """HR GENERALIST
Summary
HR generalist: recruiting, candidate screening, benefits administration, job descriptions.
Experience
HR Generalist 03/2016 to Current Acme Corp
Recruited candidates for 40 positions a year; prepared job offers and salary benchmarks.
Managed benefits open enrollment and 401(k) plan questions.
Recruiter 01/2012 to 02/2016 Beta LLC
Screened applicants, scheduled interviews, ran background checks.
Education
B.S. Human Resources, State University, 2011
"""

# A fixed-term post: its one date range is a term of the job, not a career; the employer line
# under the title reads like a name.
FIXED_TERM_POSTING = """Youth Worker (part time, fixed term April 2024 - March 2025)
Eastside Community Trust

Eastside Community Trust runs after-school clubs for young people aged 11-18. The Youth Worker
plans and delivers weekly sessions, keeps attendance records and works with schools and parents.

Experience working with young people. Enhanced DBS check required.

Closing date: 15 March 2024. Interviews: 22 March 2024.
"""

IT_POSTING = """IT Manager
About us
We are a regional hospital group.
What you will do
- Lead a team of six engineers and manage the IT budget.
Requirements
- 5+ years of experience in IT management.
Benefits
Health, dental, 401(k).
"""


def _guess(text: str) -> tuple[str, float]:
    g = detect_kind(text, [r[2] for r in find_sections(text)])
    return g.kind, g.confidence


@pytest.mark.parametrize(
    ("text", "kind", "least"),
    [
        (SHORT_POSTING, "posting", 0.9),
        (IT_POSTING, "posting", 0.9),
        (FIXED_TERM_POSTING, "posting", 0.8),
        (BARE_RESUME, "resume", 0.9),
        (HR_RESUME, "resume", 0.9),
        ("Resume\nJane Smith\nProgram coordinator, Eastside Trust, 2019 - 2023\n", "resume", 0.8),
    ],
)
def test_kind_from_structure_and_wording(text: str, kind: str, least: float) -> None:
    got, confidence = _guess(text)
    assert got == kind
    assert least <= confidence <= 1.0
    assert guess_kind(text, [r[2] for r in find_sections(text)]) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Bullets opened by irregular done verbs are what one person did.
        ("Wrote the disaster recovery runbook and ran failover tests twice a year.", "resume"),
        ("Ran the help desk queue.\nTaught staff the phone system.\nDrove the office move.", "resume"),
        ("Chose a managed print provider after an RFP and oversaw the rollout.", "resume"),
        # "Set" and "Cut" open a posting's duties as often (the imperative reads the same).
        ("Set priorities for the service desk and cut ticket backlogs.", "posting"),
    ],
)
def test_irregular_done_verbs_are_resume_cues(text: str, kind: str) -> None:
    assert _guess(text)[0] == kind


def test_confidence_is_low_when_cues_cancel_out() -> None:
    _, confidence = _guess("Network switches and routers.")
    assert 0.5 <= confidence < 0.9


def test_length_alone_does_not_decide() -> None:
    # Twenty copies of a posting stay a posting; the cues are damped, not summed.
    assert _guess(SHORT_POSTING * 20)[0] == "posting"
    assert _guess(BARE_RESUME * 20)[0] == "resume"


def test_cue_counts_cover_every_weight() -> None:
    assert set(cue_counts("x")) == set(WEIGHTS)


def test_extraction_carries_kind_and_confidence() -> None:
    extractor = Extractor(as_of="2026-11")
    guessed = extractor.extract(Document("p", "p.txt", SHORT_POSTING))
    assert guessed.kind == "posting" and 0.9 <= guessed.kind_confidence < 1.0
    forced = extractor.extract(Document("p", "p.txt", SHORT_POSTING, kind="resume"))
    assert forced.kind == "resume" and forced.kind_confidence == 1.0
    record = guessed.to_dict()
    assert list(record)[:4] == ["id", "source", "kind", "kind_confidence"]


def test_table_kind_column_is_honoured(tmp_path: Path) -> None:
    csv_path = tmp_path / "docs.csv"
    csv_path.write_text(
        'id,kind,text\na,posting,"Jane Doe, 2010-2020 managed IT"\nb,,"We need you to apply."\n'
        'c,memo,"Some text."\n',
        encoding="utf-8",
    )
    a, b, c = list(iter_inputs([csv_path]))
    assert isinstance(a, Document) and a.kind == "posting"
    assert isinstance(b, Document) and b.kind is None  # blank: guessed later
    assert not isinstance(c, Document) and c.code == "bad_kind" and "kind" in c.message
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text(
        json.dumps({"id": "r", "kind": "Resume", "text": "We offer benefits to you."}) + "\n",
        encoding="utf-8",
    )
    (r,) = list(iter_inputs([jsonl]))
    assert isinstance(r, Document) and r.kind == "resume"


def test_who_someone_is_never_changes_kind_or_confidence() -> None:
    # Names (some end in "-ed"), birth dates and graduation years are no cue (fairness).
    from tests.test_fairness import RESUMES, VARIANTS, render

    for key, template in RESUMES.items():
        base = render(template)
        expected = _guess(base)
        assert expected[0] == "resume", key
        for label, changes in VARIANTS:
            assert _guess(render(template, **changes)) == expected, (key, label)


# --- the fast cue scans count what the plain definitions count


def _phrase_counts_by_definition(text: str) -> dict[str, int]:
    """Each literal phrase counted as ``str.count`` of " " + phrase in the text with its white
    space runs made single spaces (the definition ``kind._phrase_counts`` implements)."""
    from analyzer import kind

    flat = " " + re.sub(r"\s+", " ", text.lower().replace("’", "'"))
    counts: dict[str, int] = {}
    for family, phrases in kind._LITERAL_CUES.items():
        counts[family] = sum(flat.count(" " + phrase) for phrase in phrases)
    return counts


_PIECES = [
    "corp to corp",
    " to corp",
    "a plus",
    "a plush",
    "will be",
    "will being",
    "401(k)",
    "x401k",
    "401k",
    "job id",
    "other duties as assigned",
    "under the direction",
    "Jan 2015 - Present",
    "03/2019 to 2021",
    "December, 2012 until now",
    "2015–2016",
    "fixed term 2024 - 2025",
    "BA in History (2019)",
    "MBA, 2012",
    "born 1990",
    "I",
    "The Coordinator recruits",
    "This position reports to",
    "you'",
    "you-",
    "Managed the team",
    " ",
    "  ",
    "\n",
    "\t",
    ". ",
    ",",
    "/",
    "-",
]


def test_fast_cue_scans_match_their_definitions() -> None:
    from analyzer import kind

    rnd = random.Random(7)
    for _ in range(400):
        text = "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 25)))
        lower = text.lower().replace("’", "'")
        by_definition = _phrase_counts_by_definition(text)
        fast = kind._phrase_counts(lower)
        assert {f: fast[f] for f in by_definition} == by_definition, text
        date_range = kind._PHRASE_CUES["date_range"]
        assert [m.span() for m in kind._date_ranges(text)] == [m.span() for m in date_range.finditer(text)]
        words = Counter(w.rstrip("'-") for w in re.findall(r"[a-z0-9][a-z0-9'’-]*", lower))
        assert +kind._word_counts(lower) == +words
        year = re.compile(r"(?<![\d$.,])(?:19[6-9]\d|20[0-3]\d)(?![\d,])")
        assert [m.span() for m in kind._YEAR_TOKEN.finditer(text)] == [m.span() for m in year.finditer(text)]
        # The boundary before "The"/"I" checked after the word: the same matches as a plain \b.
        role = re.compile(
            r"\b(?:The|This|Each)\s+(?:[A-Z][\w/&-]*\s+){1,6}(?:is|will|must|[a-z]{3,}(?<!ss)s)\b"
        )
        for fast_pattern, plain in (
            (kind._PHRASE_CUES["role_subject"], role),
            (kind._PHRASE_CUES["first_person"], re.compile(r"\bI\b")),
        ):
            assert [m.span() for m in fast_pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]
        # Dated degrees looked for only on lines with a year token: the same count as a full scan.
        degree = kind._PHRASE_CUES["dated_degree"]
        lines = kind._line_spans(text, (m.start() for m in kind._YEAR_TOKEN.finditer(text)))
        assert sum(len(degree.findall(text, a, b)) for a, b in lines) == len(degree.findall(text))
