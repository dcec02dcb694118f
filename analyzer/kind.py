"""Is a document a resume or a job posting? A feature score from structure and wording.

A resume tells what one person *did*: dated roles ("Jan 2015 - Present"), many distinct years,
past-tense bullets ("Managed", "Led"), first person, a dated degree, a name line, resume
headings. A posting tells what a job *asks*: second person ("you will"), the employer's
"we/our", requirement and hiring words ("must", "preferred", "apply", "salary"), future duties
("will be responsible"), the role as subject ("The Coordinator recruits ...", "under general
supervision"), posting headings. Each family of cues is counted over the first 20,000
characters, damped with ``log1p`` (so one long careers page or one long CV does not win by
length) and weighed; the two sums are compared.

``confidence`` is the logistic of the margin: 0.5 means the cues cancel out, 0.99 that one side
has about 4.6 more weighted evidence than the other. The weights were set by hand from how often
each cue family appears in real resumes and postings (not fitted to single documents).

Who someone is has no path into the kind: a name line counts the same for every name (names
ending in "-ed" are not past-tense bullets), birth dates and years on a school line are not
counted as career years, pronouns are no cue (tested with the fairness edits).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .document import Kind
from .vocabulary import MONTH_STEM_PATTERN, YEAR_PATTERN

SCAN_CHARS = 20_000

# Section names (analyzer.sections) that only one kind of document has as a heading.
POSTING_HEADINGS = frozenset({"responsibilities", "requirements", "preferred", "benefits", "about"})
RESUME_HEADINGS = frozenset(
    {"experience", "education", "summary", "certifications", "projects", "activities"}
)

_MONTH = MONTH_STEM_PATTERN + r"[a-z]*\.?,?\s*"
_YEAR = YEAR_PATTERN

# Each cue family is single words (counted from one pass over the text's words: a set lookup
# per word, much cheaper than a long regex alternation tried at every position) plus phrases.
_WORD_CUES: dict[str, frozenset[str]] = {
    # --- a posting speaks to the reader and for an employer
    "second_person": frozenset("you your you'll you're you've yourself".split()),
    "employer_voice": frozenset("we our we're we've we'll".split()),
    "hiring": frozenset(
        """apply applying applicant applicants candidate candidates candidate's hiring hire salary
        compensation eoe benefits pto seeks recruit recruits recruiter recruiters recruiting recruitment
        incumbent w2 c2c duration remote onsite on-site relocation visa sponsorship full-time part-time
        deadline""".split()
    ),
    "requirement": frozenset(
        """must required requires requirement requirements preferred desired desirable bonus should
        qualification qualifications minimum demonstrated""".split()
    ),
    # --- a resume is one person's dated record
    "first_person": frozenset("my me i've i'm myself".split()),
    # Past tense of common action verbs: what resume bullets and summaries are made of.
    "past_action": frozenset(
        """managed led developed created implemented designed supervised maintained provided performed
        coordinated assisted prepared trained built reduced increased improved established achieved
        delivered oversaw directed launched streamlined negotiated resolved handled installed configured
        migrated completed served worked organized conducted generated processed spearheaded collaborated
        executed administered responded analyzed""".split()
    ),
    "schooling": frozenset("gpa graduated university college coursework honors".split()),
}
# Literal phrases, counted with ``str.count`` on the lower-cased text with single spaces.
_LITERAL_CUES: dict[str, tuple[str, ...]] = {
    "employer_voice": ("join us",),
    "hiring": (
        "job description",
        "job type",
        "job title",
        "job id",
        "this role",
        "this position",
        "this job",
        "the role",
        "the position",
        "position summary",
        "position overview",
        "position description",
        "pay range",
        "pay rate",
        "per hour",
        "per year",
        "per annum",
        "equal opportunity",
        "paid time off",
        "401(k)",
        "401k",
        "is seeking",
        "are seeking",
        "looking for",
        "successful candidate",
        "reports to",
        "report to",
        "corp to corp",
        "corp-to-corp",
        "contract to hire",
        "full time",
        "part time",
        "on site",
        "background check",
        "cover letter",
        "send your resume",
        "send a resume",
        "send your cv",
        "closing date",
    ),
    "requirement": (
        "nice to have",
        "a plus",
        "ability to",
        "able to",
        "at least",
        "or equivalent",
        "or related",
        "proficiency in",
        "knowledge of",
        "familiarity with",
        "experience with",
        "experience in",
    ),
    "future_duty": tuple(
        [
            f"will {v}"
            for v in (
                "be have work lead manage support help own report join play partner build drive develop"
                " design provide ensure oversee assist perform collaborate"
            ).split()
        ]
        + ["responsibilities include", "duties include", "is responsible for", "are responsible for"]
    ),
    # A job spec's subject is the role (see ``role_subject`` below): "works under general
    # supervision", "other duties as assigned".
    "role_subject": (
        "under general supervision",
        "under close supervision",
        "under direct supervision",
        "under immediate supervision",
        "under limited supervision",
        "under the general supervision",
        "under the direct supervision",
        "under supervision",
        "under general direction",
        "under the direction",
        "other duties",
        "other related duties",
        "duties as assigned",
        "duties as required",
    ),
    "schooling": ("dean's list",),
}
_PHRASE_CUES: dict[str, re.Pattern[str]] = {
    # "The Coordinator recruits and schedules ...", "This position reports to ..." at a sentence
    # start (checked on the character before, see cue_counts).
    "role_subject": re.compile(
        r"\b(?:The|This|Each)\s+(?:[A-Z][\w/&-]*\s+){1,6}(?:is|will|must|[a-z]{3,}(?<!ss)s)\b"
    ),
    "date_range": re.compile(
        rf"(?<![\w/])(?:{_MONTH}|\d{{1,2}}\s*/\s*)?{_YEAR}\s*(?:-|–|—|ï¼|â€“|to|until)\s*"
        rf"(?:(?:{_MONTH}|\d{{1,2}}\s*/\s*)?{_YEAR}|present|current|now|today|date)\b",
        re.I,
    ),
    "first_person": re.compile(r"\bI\b"),
    # Any other capitalised past-tense word opening a line ("Scheduled 120 volunteers"), but
    # not the adjectives postings open lines with ("Required:", "Preferred", "Certified"), nor
    # a name ("Mohammed Al-Sayed", "Ahmed Khan": the next word must be lower case or a number).
    "past_bullet": re.compile(
        r"(?m)^[ \t•*·▪●◦-]*(?!(?:Required|Preferred|Desired|Needed|Detailed|Advanced|Related|Based"
        r"|Skilled|Experienced|Qualified|Interested|Licensed|Certified|Dedicated|Motivated|Talented"
        r"|Seasoned|Proposed|Expected|Limited|United|Red|Founded|Located|Headquartered|Established"
        r"|Needed|Dedicated)\b)[A-Z][a-z]{2,}ed[ \t]+[a-z0-9$]"
    ),
    # A degree with the year it was earned ("BA in Economics (2019)", "MBA, 2012"): a posting
    # asks for degrees, it does not date them.
    "dated_degree": re.compile(
        r"\b(?:B\.?A|B\.?S|B\.?Sc|M\.?A|M\.?S|M\.?Sc|MBA|Ph\.?D|bachelor\w*|master\w*|degree|diploma)\b"
        r"[^\n]{0,80}?(?<![\d$.,])(?:19[6-9]\d|20[0-3]\d)(?![\d,])",
        re.I,
    ),
}
FAMILIES = tuple(dict.fromkeys((*_WORD_CUES, *_LITERAL_CUES, *_PHRASE_CUES)))
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'’-]*")


# Weights per cue family; positive = posting, negative = resume. Families differ in how
# specific they are: "you" almost never appears in a resume, a date range almost never in a
# posting, while "must" or "university" appear in both kinds and weigh less.
WEIGHTS: dict[str, float] = {
    "second_person": 0.8,
    "employer_voice": 0.6,
    "hiring": 0.5,
    "requirement": 1.0,
    "future_duty": 0.6,
    "role_subject": 0.8,
    "posting_headings": 0.8,
    "date_range": -2.4,
    "first_person": -0.6,
    "past_action": -1.0,
    "past_bullet": -0.6,
    "schooling": -0.7,
    "dated_degree": -1.0,
    "resume_headings": -1.6,
    "timeline_years": -1.5,
    "name_line": -1.0,
}
# A text with none of the cues is more often a pasted job ad (a few lines of duties) than a
# resume, which nearly always has a dated role or a past-tense bullet.
BIAS = 0.3


@dataclass(frozen=True)
class KindGuess:
    """The decided kind, how sure, and the cue counts behind it (for explanations and tests)."""

    kind: Kind
    confidence: float
    counts: tuple[tuple[str, int], ...]


# A calendar year standing alone (not a price, a version or part of a longer number).
_YEAR_TOKEN = re.compile(r"(?<![\d$.,])(?:19[6-9]\d|20[0-3]\d)(?![\d,])")
# A birth date says nothing about the kind of document and must not change it (fairness).
_BIRTH = re.compile(r"(?:born|birth|d\.?o\.?b\.?|age)\W*(?:\w+\W+){0,3}$", re.I)


_SCHOOL_LINE = re.compile(
    r"\b(?:B\.?A|B\.?S|B\.?Sc|M\.?A|M\.?S|M\.?Sc|MBA|Ph\.?D|GED|bachelor\w*|master\w*|associate|degree|diploma"
    r"|universit\w*|college|school|institute|academy|graduat\w*|gpa|class\s+of)\b",
    re.I,
)


def _on_school_line(text: str, pos: int) -> bool:
    """A year on a line naming a degree or a school is a graduation year: counting it would let
    the graduation year (an age proxy) move the result; ``dated_degree`` already notes it."""
    start = text.rfind("\n", max(0, pos - 200), pos) + 1 or max(0, pos - 200)
    end = text.find("\n", pos, pos + 200)
    return _SCHOOL_LINE.search(text, start, end if end >= 0 else min(len(text), pos + 200)) is not None


_JOB_TERM = re.compile(
    r"\b(?:fixed[- ]term|contract|duration|temporary|maternity|secondment|closing|deadline|interviews?"
    r"|start(?:ing)?\s+date|posted|apply\s+by)\b",
    re.I,
)


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", max(0, pos - 200), pos) + 1 or max(0, pos - 200)
    end = text.find("\n", pos, pos + 200)
    return text[start : end if end >= 0 else min(len(text), pos + 200)]


# A line like "Development Associate" reads as a name but is a job title (whole words only, so
# "Sam Leadbetter" or "Ann Whitehead" stay names).
_JOB_WORD = re.compile(
    r"\b(?:manager|director|engineer|developer|analyst|consultant|specialist|technician|architect"
    r"|coordinator|assistant|associate|intern|officer|administrator|supervisor|executive|representative"
    r"|designer|programmer|scientist|teacher|worker|clerk|advisor|adviser|lead|head)s?\b",
    re.I,
)
_RESUME_LABEL = re.compile(r"(?:resume|résumé|cv|curriculum\s+vitae)\W*", re.I)


def cue_counts(text: str, sections: Iterable[str] = ()) -> dict[str, int]:
    """How often each cue family occurs in the first ``SCAN_CHARS`` characters."""
    head = text[:SCAN_CHARS]
    lower = head.lower().replace("’", "'")
    words = Counter(w.rstrip("'-") for w in _TOKEN.findall(lower))
    flat = " " + _SPACES.sub(" ", lower)
    counts = {}
    for name in FAMILIES:
        n = sum(words[w] for w in _WORD_CUES.get(name, ()))
        n += sum(flat.count(" " + phrase) for phrase in _LITERAL_CUES.get(name, ()))
        pattern = _PHRASE_CUES.get(name)
        if pattern is not None:
            if name == "role_subject":  # only where a sentence starts
                n += sum(
                    m.start() == 0 or head[m.start() - 1] == "\n" or head[max(0, m.start() - 2)] in ".!?"
                    for m in pattern.finditer(head)
                )
            elif name == "date_range":  # a career's dates, not a job's terms ("fixed term 2024 - 2025")
                n += sum(not _JOB_TERM.search(_line_of(head, m.start())) for m in pattern.finditer(head))
            else:
                n += len(pattern.findall(head))
        counts[name] = n
    # A career spans many years (each role, each degree); a posting names one or two at most
    # (when it was posted, when the company was founded).
    years = {
        m.group()
        for m in _YEAR_TOKEN.finditer(head)
        if not _BIRTH.search(head, max(0, m.start() - 30), m.start()) and not _on_school_line(head, m.start())
    }
    counts["timeline_years"] = max(0, len(years) - 2)
    # A person's name opening the text (the same test that keeps names out of skills; imported
    # here to avoid a cycle: skills -> sections -> kind). Only on the first line, or after a
    # "Resume"/"CV" label: a posting's second line is often its employer ("Eastside Trust").
    from .skills import name_ranges

    counts["name_line"] = sum(
        (not head[:start].strip() or _RESUME_LABEL.fullmatch(head[:start].strip()) is not None)
        and _JOB_WORD.search(head, start, end) is None
        for start, end in name_ranges(head, len(head))
    )
    names = set(sections)
    counts["posting_headings"] = len(names & POSTING_HEADINGS)
    counts["resume_headings"] = len(names & RESUME_HEADINGS)
    return counts


def margin(counts: dict[str, int]) -> float:
    """Weighted evidence for "posting" minus evidence for "resume"."""
    return BIAS + sum(w * math.log1p(counts.get(name, 0)) for name, w in WEIGHTS.items())


def detect_kind(text: str, sections: Iterable[str] = ()) -> KindGuess:
    """Posting or resume, with a confidence in [0.5, 1]."""
    counts = cue_counts(text, sections)
    m = margin(counts)
    kind: Kind = "posting" if m > 0 else "resume"
    confidence = 1.0 / (1.0 + math.exp(-abs(m)))
    return KindGuess(kind, round(confidence, 3), tuple(sorted(counts.items())))
