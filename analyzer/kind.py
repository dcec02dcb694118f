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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import compress, repeat

from .document import Kind
from .vocabulary import IRREGULAR_DONE_VERBS, MONTH_STEM_PATTERN, YEAR_PATTERN

SCAN_CHARS = 20_000

# Section names (analyzer.sections) that only one kind of document has as a heading.
POSTING_HEADINGS = frozenset({"responsibilities", "requirements", "preferred", "benefits", "about"})
RESUME_HEADINGS = frozenset(
    {"experience", "education", "summary", "certifications", "projects", "activities"}
)

_MONTH = MONTH_STEM_PATTERN + r"[a-z]*\.?,?\s*"
_YEAR = YEAR_PATTERN
_DATE_SEPARATOR = "(?:-|–|—|ï¼|â€“|to|until)"

# Irregular done verbs ("wrote", "ran", "oversaw") that also are resume cues: not those a posting
# uses as often in another sense ("skill set", "made up of", "requirements met", "held
# accountable", "found in", "kept up to date") or in its blurb ("has won awards", "began in
# 1990"), nor those that read as the imperative a posting opens a duty with ("Set priorities",
# "Cut costs").
_IRREGULAR_PAST = tuple(
    v
    for v in IRREGULAR_DONE_VERBS
    if v not in frozenset("set cut made met held found kept won began".split())
)
_LINE_START_PAST = tuple(v.capitalize() for v in IRREGULAR_DONE_VERBS if v not in ("set", "cut"))

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
        + list(_IRREGULAR_PAST)
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
    # start (checked on the character before, see cue_counts). The word boundary before
    # "The"/"This"/"Each" is a lookbehind after the word, so the pattern opens with a literal and
    # the regex engine skips to the next "T" or "E" in C.
    "role_subject": re.compile(
        r"(?:The(?<!\wThe)|This(?<!\wThis)|Each(?<!\wEach))\s+(?:[A-Z][\w/&-]*\s+){1,6}"
        r"(?:is|will|must|[a-z]{3,}(?<!ss)s)\b"
    ),
    "date_range": re.compile(
        rf"(?<![\w/])(?:{_MONTH}|\d{{1,2}}\s*/\s*)?{_YEAR}\s*{_DATE_SEPARATOR}\s*"
        rf"(?:(?:{_MONTH}|\d{{1,2}}\s*/\s*)?{_YEAR}|present|current|now|today|date)\b",
        re.I,
    ),
    # "I" standing alone (the boundary before it checked after it, as above).
    "first_person": re.compile(r"I(?<!\wI)\b"),
    # Any other capitalised past-tense word opening a line ("Scheduled 120 volunteers", "Wrote
    # the runbook"), but not the adjectives postings open lines with ("Required:", "Preferred",
    # "Certified"), nor a name ("Mohammed Al-Sayed", "Ahmed Khan": the next word must be lower
    # case or a number).
    "past_bullet": re.compile(
        r"(?m)^[ \t•*·▪●◦-]*(?:(?!(?:Required|Preferred|Desired|Needed|Detailed|Advanced|Related|Based"
        r"|Skilled|Experienced|Qualified|Interested|Licensed|Certified|Dedicated|Motivated|Talented"
        r"|Seasoned|Proposed|Expected|Limited|United|Red|Founded|Located|Headquartered|Established"
        r"|Needed|Dedicated)\b)[A-Z][a-z]{2,}ed|" + "|".join(_LINE_START_PAST) + r")[ \t]+[a-z0-9$]"
    ),
    # A degree with the year it was earned ("BA in Economics (2019)", "MBA, 2012"): a posting
    # asks for degrees, it does not date them. A match stays on one line and ends in a year
    # token, so it is looked for only on lines with one (see ``_dated_degrees``).
    "dated_degree": re.compile(
        r"\b(?:B\.?A|B\.?S|B\.?Sc|M\.?A|M\.?S|M\.?Sc|MBA|Ph\.?D|bachelor\w*|master\w*|degree|diploma)\b"
        r"[^\n]{0,80}?(?<![\d$.,])(?:19[6-9]\d|20[0-3]\d)(?![\d,])",
        re.I,
    ),
}
FAMILIES = tuple(dict.fromkeys((*_WORD_CUES, *_LITERAL_CUES, *_PHRASE_CUES)))
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


# A calendar year standing alone (not a price, a version or part of a longer number). The
# character before is checked after the four digits (a lookbehind over five characters), so the
# pattern opens with a literal "19" or "20" that the regex engine finds in C.
_YEAR_TOKEN = re.compile(r"(?:19[6-9]\d|20[0-3]\d)(?<![\d$.,]\d{4})(?![\d,])")
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


def _word_counts(lower: str) -> Counter[str]:
    """How often each word occurs, without its trailing apostrophes and hyphens ("you'")."""
    words = Counter(_TOKEN.findall(lower))
    # Counted in C first; only the few distinct words with such an ending are merged here.
    for word in [w for w in words if w[-1] in "'-"]:
        words[word.rstrip("'-")] += words.pop(word)
    return words


def _has_border(phrase: str) -> bool:
    """Whether two occurrences of ``" " + phrase`` can overlap ("corp to corp to corp")."""
    spaced = " " + phrase
    return any(spaced[:k] == spaced[-k:] for k in range(1, len(spaced)))


# A phrase of several words: its family, its words, whether its occurrences can overlap.
_Phrase = tuple[str, tuple[str, ...], bool]


def _phrase_table() -> tuple[dict[str, tuple[tuple[str, ...], tuple[_Phrase, ...]]], list[tuple[str, str]]]:
    """The literal phrases of several words by their first word (with the words that may follow
    it, for a quick test), and the one-word ones.

    A phrase counts where ``" " + phrase`` occurs in the text with its spaces collapsed
    (``str.count`` semantics: whole words, but the last word may run on: "a plus" in "a plus.").
    """
    by_first: dict[str, list[_Phrase]] = {}
    single: list[tuple[str, str]] = []
    for family, phrases in _LITERAL_CUES.items():
        for phrase in phrases:
            words = tuple(phrase.split(" "))
            if len(words) == 1:
                single.append((family, phrase))
            else:
                by_first.setdefault(words[0], []).append((family, words, _has_border(phrase)))
    table = {
        first: (tuple(sorted({words[1] for _, words, _ in items})), tuple(items))
        for first, items in by_first.items()
    }
    return table, single


_PHRASES_BY_FIRST, _SINGLE_PHRASES = _phrase_table()
_PHRASE_FIRST_WORDS = frozenset(_PHRASES_BY_FIRST)


def _phrase_counts(lower: str) -> Counter[str]:
    """Occurrences of the literal phrases per family, as ``" " + phrase`` counted (without
    overlaps) in ``" " + lower`` with each run of white space made one space.

    The phrases are matched on the white-space-split words, looked at only where a word that
    starts a phrase stands: one pass over the words instead of one over the text per phrase.
    """
    out: Counter[str] = Counter()
    words = lower.split()
    n = len(words)
    # A phrase that can overlap itself -> the word index where its last counted occurrence
    # ends, so an occurrence overlapping it is not counted again, as with str.count.
    ends: dict[tuple[str, tuple[str, ...]], int] = {}
    for i in compress(range(n - 1), map(_PHRASE_FIRST_WORDS.__contains__, words)):
        seconds, phrases = _PHRASES_BY_FIRST[words[i]]
        if not words[i + 1].startswith(seconds):
            continue  # most "the", "a", "will" start none of the phrases
        for family, phrase, border in phrases:
            k = len(phrase)
            last = i + k - 1
            if (
                last < n
                and words[last].startswith(phrase[-1])
                and (k == 2 or words[i + 1 : last] == list(phrase[1:-1]))
                and (not border or i >= ends.get((family, phrase), 0))
            ):
                out[family] += 1
                if border:
                    ends[family, phrase] = i + k
    for family, literal in _SINGLE_PHRASES:
        pos = lower.find(literal)
        while pos >= 0:
            if pos == 0 or lower[pos - 1].isspace():
                out[family] += 1
            pos = lower.find(literal, pos + 1)
    return out


# Where a date range can start: every match holds a year followed by a separator, and starts at
# that year or at the word (a month, a day or month number) right before it.
_DATE_YEAR = re.compile(rf"(?:19|20)(?=\d\d\s*{_DATE_SEPARATOR})", re.I)
# Read backwards from a year: what may stand between a month or a day and the year, then the word.
_BEFORE_DATE_YEAR = re.compile(r"[\s.,/]*\w*")


def _date_ranges(head: str) -> Iterator[re.Match[str]]:
    """The matches of ``_PHRASE_CUES["date_range"]`` in ``head``, as ``finditer`` gives them, tried
    only at the few places where one can start (most of a text has no year in it)."""
    candidates: set[int] = set()
    reverse = ""
    for year in _DATE_YEAR.finditer(head):
        start = year.start()
        candidates.add(start)
        # Back over what may stand between a month or a day and the year (white space, ".,/"),
        # then over the word itself: the only other place a match holding this year can start.
        reverse = reverse or head[::-1]
        back = _BEFORE_DATE_YEAR.match(reverse, len(head) - start)
        candidates.add(start - len(back.group()) if back else start)
    pattern = _PHRASE_CUES["date_range"]
    pos = 0
    for start in sorted(candidates):
        if start < pos:
            continue
        match = pattern.match(head, start)
        if match is not None:
            yield match
            pos = match.end()


def _line_spans(text: str, positions: Iterable[int]) -> list[tuple[int, int]]:
    """(start, end) of the distinct lines holding ``positions``, the end after the newline."""
    spans: list[tuple[int, int]] = []
    for pos in positions:
        if spans and pos < spans[-1][1]:
            continue
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        spans.append((start, len(text) if end < 0 else end + 1))
    return spans


def cue_counts(text: str, sections: Iterable[str] = ()) -> dict[str, int]:
    """How often each cue family occurs in the first ``SCAN_CHARS`` characters."""
    head = text[:SCAN_CHARS]
    lower = head.lower().replace("’", "'")
    words = _word_counts(lower)
    phrases = _phrase_counts(lower)
    year_tokens = list(_YEAR_TOKEN.finditer(head))
    counts = {}
    for name in FAMILIES:
        n = sum(map(words.get, _WORD_CUES.get(name, ()), repeat(0)))
        n += phrases[name]
        pattern = _PHRASE_CUES.get(name)
        if pattern is not None:
            if name == "role_subject":  # only where a sentence starts
                n += sum(
                    m.start() == 0 or head[m.start() - 1] == "\n" or head[max(0, m.start() - 2)] in ".!?"
                    for m in pattern.finditer(head)
                )
            elif name == "date_range":  # a career's dates, not a job's terms ("fixed term 2024 - 2025")
                n += sum(not _JOB_TERM.search(_line_of(head, m.start())) for m in _date_ranges(head))
            elif name == "dated_degree":  # a match is on one line and ends in a year token
                n += sum(
                    len(pattern.findall(head, start, end))
                    for start, end in _line_spans(head, (m.start() for m in year_tokens))
                )
            else:
                n += len(pattern.findall(head))
        counts[name] = n
    # A career spans many years (each role, each degree); a posting names one or two at most
    # (when it was posted, when the company was founded).
    years: set[str] = set()
    for m in year_tokens:
        if m.group() in years:
            continue  # already counted: the checks below cannot take it out again
        start = m.start()
        if not _BIRTH.search(head, max(0, start - 30), start) and not _on_school_line(head, start):
            years.add(m.group())
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
