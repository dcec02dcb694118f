"""A job posting's structure: title, employer, sections, and the items it requires or prefers.

Everything is read from the posting's plain text and from what the pipeline already found
(skills, certifications, experience claims, degrees), so offsets index ``Document.text``:

* **sections**: headings on their own line ("Requirements", "What you'll bring") and, for text
  flattened by job boards, inline labels ("...team.Requirements:BA/BS in ..."); the resume-style
  headings a posting uses for its asks ("Qualifications", "Skills", "Education", "Experience")
  count as ``requirements``; an equal-opportunity paragraph is ``eeo`` even without a heading.
* **requirement items**: skills and tools (with their lexicon id and name, one item per id),
  certifications, degrees (any level, a bare "degree", a field with no level, with
  ``equivalent_experience`` when "or equivalent experience" follows), years of experience,
  licences, clearances and background checks, work eligibility, and other qualifications
  (UK vocational and professional-body qualifications, registrations).
* **importance**: ``preferred`` when the item's clause says so ("a plus", "desirable",
  "ideally", "preferred") or it sits in a preferred / nice-to-have section; else ``required``.

Items in the company blurb, benefits, how-to-apply and equal-opportunity text are not asks of
the job and are left out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .education import field_after
from .experience import _area_after
from .intervals import covers, merge
from .regex_guard import guarded
from .sections import HEADINGS, heading_section, heading_table
from .vocabulary import JOB_TITLE_WORD_PATTERN

SECTIONS = (
    "header",
    "about",
    "responsibilities",
    "requirements",
    "preferred",
    "benefits",
    "apply",
    "eeo",
    "other",
)
# Where a posting's asks are not: text about the employer, the offer, the process, the law.
BOILERPLATE = frozenset({"about", "benefits", "apply", "eeo"})
# The boilerplate a heading starts (an equal-opportunity statement is found by its words).
_BLURB = frozenset({"about", "benefits", "apply"})
ITEM_TYPES = (
    "skill",
    "tool",
    "certification",
    "degree",
    "experience",
    "licence",
    "clearance",
    "work_eligibility",
    "qualification",
)

# Heading phrases a posting uses beyond the shared ones in analyzer.sections.
_POSTING_EXTRA: dict[str, tuple[str, ...]] = {
    "responsibilities": (
        "job summary",
        "position overview",
        "role overview",
        "about the role",
        "about this role",
        "about the job",
        "about the position",
        "the opportunity",
        "what you ll be doing",
        "what you will be doing",
        "key duties",
        "main duties",
        "key accountabilities",
        "accountabilities",
        "job purpose",
        "purpose of the role",
        "the position",
        "position",
        "description",
        "overview of the role",
        "role description",
        "job overview",
        "duties include",
        "typical duties",
    ),
    "requirements": (
        "essential criteria",
        "essential skills",
        "essential",
        "person specification",
        "requirements and qualifications",
        "qualifications and requirements",
        "what we need",
        "skills and qualifications",
        "qualifications required",
        "education and experience",
        "experience and education",
        "required education",
        "you should have",
        "you will have",
        "ideal candidate",
        "the ideal candidate",
        "who we re looking for",
        "what you ll bring",
        "what you will bring",
        "what we expect",
        "necessary skills",
        "required skills and experience",
        "minimum requirements",
        "requirements include",
        "desired skills and experience",
        "skills and experience required",
        "education",
        "experience",
        "skills",
        "qualifications",
        "certifications",
        "licenses",
        "licences",
        "education requirements",
        "experience required",
    ),
    "preferred": (
        "desirable",
        "desirable criteria",
        "desirable skills",
        "preferred requirements",
        "bonus if you have",
        "extra credit",
        "it would be great if you have",
        "additional skills",
        "nice to have skills",
        "preferred but not required",
        "even better if you have",
    ),
    "benefits": (
        "what s in it for you",
        "what we offer you",
        "our benefits",
        "rewards",
        "salary and benefits",
        "pay and benefits",
        "compensation and benefits",
        "why you ll love working here",
        "total rewards",
        "package",
        "the package",
        "pay",
        "pay range",
        "salary range",
    ),
    "about": (
        "about",
        "about the organization",
        "about the organisation",
        "about the employer",
        "the company",
        "company",
        "our mission",
        "our story",
        "about our company",
        "who are we",
    ),
    "apply": (
        "how to apply",
        "to apply",
        "application process",
        "apply",
        "apply now",
        "application",
        "next steps",
        "application instructions",
        "how to apply for this job",
    ),
    "eeo": (
        "equal opportunity",
        "equal opportunity employer",
        "eeo statement",
        "eeo",
        "equal employment opportunity",
        "diversity and inclusion",
        "diversity equity and inclusion",
        "our commitment to diversity",
        "reasonable accommodation",
        "accommodations",
    ),
}
# What the shared (resume-oriented) section names mean in a posting.
_SHARED_AS_POSTING = {
    "summary": "responsibilities",
    "experience": "requirements",
    "education": "requirements",
    "skills": "requirements",
    "certifications": "requirements",
    "projects": "other",
    "activities": "other",
}


def _posting_headings() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for name, phrases in HEADINGS.items():
        out.setdefault(_SHARED_AS_POSTING.get(name, name), []).extend(phrases)
    for name, phrases in _POSTING_EXTRA.items():
        out.setdefault(name, []).extend(phrases)
    return {name: tuple(phrases) for name, phrases in out.items()}


_TABLE: tuple[dict[str, str], dict[str, str]] | None = None


def _table() -> tuple[dict[str, str], dict[str, str]]:
    """Built on first use (no work at import time)."""
    global _TABLE
    if _TABLE is None:
        _TABLE = heading_table(_posting_headings())
    return _TABLE


_COLON = re.compile(r":")
# Where a label may end without its colon: a word in lower case glued to a capital or a digit.
_LABEL_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z0-9])")
# Words split at case changes too: flattened text glues a label to the word before it
# ("citizenNice to have:").
_LABEL_WORD = re.compile(r"[A-Z]?[a-z0-9]+(?:['’][a-z]+)?|[A-Z]+(?![a-z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_LABEL_REACH = 70  # characters before a colon a heading phrase may take
_SENTENCE_EDGE = "\n.!?:;)•*#|"
# What may stand between a label and the text before it: spaces of any kind (job boards run a
# label on after a no-break space, ".\xa0Responsibilities:"), and Markdown's emphasis or heading marks.
_LABEL_LEAD = re.compile(r"(?:[^\S\n]|[*#])+\Z")


def inline_headings(text: str) -> list[tuple[int, str]]:
    """(start, section) of heading labels inside lines, as job boards flatten them:
    "...the team.Requirements:BA/BS in ...", "Responsibilities: Own the roadmap".

    Only a capitalised phrase right before a colon counts, and only at a line or sentence
    start or glued to the previous word: "the requirements: ..." mid-sentence is prose. A
    flattening may also drop the colon and glue the label to the first item under it
    ("...client.ResponsibilitiesOperate and support ...", "QualificationsBachelor's degree"):
    such a label counts only where it plainly starts (not by the Title Case rule).
    """
    phrases = _table()[0]
    out: list[tuple[int, str]] = []
    ends = sorted(
        [(m.start(), False) for m in _COLON.finditer(text)]
        + [(m.start(), True) for m in _LABEL_GLUE.finditer(text)]
    )
    for end, glued_on in ends:
        lo = max(0, end - _LABEL_REACH)
        words = list(_LABEL_WORD.finditer(text, lo, end))
        if not words or text[words[-1].end() : end].strip(" \t*"):
            continue
        for n in range(min(_MAX_LABEL_WORDS, len(words)), 0, -1):
            first = words[-n]
            start = first.start()
            if not text[start].isupper():
                continue
            key = _NON_WORD.sub(" ", text[start : words[-1].end()].lower().replace("&", " and ")).strip()
            name = phrases.get(key)
            # "About Acme Health:" only where a label plainly starts (not by the Title Case rule
            # below: "... events About Town: ..." is prose).
            employer = name is None and _about_employer(words[-n:])
            if employer:
                name = "about"
            if name is None:
                continue
            lead = text[lo:start]
            before = _LABEL_LEAD.sub("", lead)
            glued = start > 0 and text[start - 1].isalnum()
            if not before and lo > 0 and not glued:
                continue
            if (
                not before
                or glued
                or before[-1] in _SENTENCE_EDGE
                # A no-break space is where a job board's flattening lost a line break
                # ("...strongly preferred\xa0What's in it for You:").
                or "\xa0" in lead[len(before) :]
                # A Title Case label after a word, as a flattened posting runs on: "...boot
                # activities Required Qualifications: ...", "... Primary Responsibilities: ...".
                or (not employer and not glued_on and _title_case_label(text, words, n))
            ):
                out.append((start, name))
            break
    return out


_MAX_LABEL_WORDS = 7


def _about_employer(words: list[re.Match[str]]) -> bool:
    """ "About Maxonic:", "About Acme Health:": a label that opens the employer's blurb, named
    by the employer (two to four capitalised words; "About the role:" is a table phrase)."""
    return (
        2 <= len(words) <= 4
        and words[0].group() == "About"
        and all(w.group()[:1].isupper() for w in words[1:])
    )


_LINE = re.compile(r"[^\n]*\n?")


def _title_case_label(text: str, words: list[re.Match[str]], n: int) -> bool:
    """The label's words, with the word right before them, are two or more capitalised words
    separated by single spaces: a heading run into the text, not prose ("the requirements")."""

    def capitalised(word: re.Match[str]) -> bool:
        return word.group()[:1].isupper() and not word.group().isupper()

    run = words[-n:]
    if n == 1 and len(words) > 1 and text[words[-2].end() : run[0].start()] == " " and capitalised(words[-2]):
        run = words[-2:]  # "Primary Responsibilities:", of which only the last word is a phrase
    return len(run) >= 2 and all(capitalised(w) for w in run)


_EEO = re.compile(
    r"equal (?:employment )?opportunit|without regard to|regardless of (?:race|age|gender|sex)"
    r"|\bEOE\b|affirmative action|protected veteran|national origin|sexual orientation"
    r"|gender identity|reasonable accommodation",
    re.I,
)
_EEO_TRIGGERS = (
    "equal",
    "regard",
    "eoe",
    "affirmative",
    "veteran",
    "national origin",
    "orientation",
    "gender identity",
    "accommodation",
)
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
# A sentence starts after end punctuation and a space, a line break, or, in text flattened by a
# job board, end punctuation glued to a capital ("...in Canada.TRIGYN TECHNOLOGIES is an EOE").
_SENTENCE_START = re.compile(r"(?:[.!?]\s+|\n|[.!?](?=[A-Z][A-Za-z]))(?=[A-Z0-9\"“(])")
_EEO_REACH = 400  # characters before an equal-opportunity phrase searched for its sentence start
_MAX_EEO_CHARS = 1500


@dataclass(frozen=True)
class PostingSection:
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class RequirementItem:
    """One thing the posting asks for. Type-specific fields are None where they do not apply."""

    type: str
    importance: str  # "required" | "preferred"
    section: str
    start: int
    end: int
    text: str
    id: str | None = None  # lexicon id of a skill, tool or certification
    name: str | None = None  # lexicon name, or the canonical name of a licence/clearance/...
    years_min: float | None = None
    years_max: float | None = None
    level: str | None = None  # degree level; None for a bare "degree"
    field: str | None = None  # degree field, or the area of an experience claim
    equivalent_experience: bool = False  # "degree ... or equivalent experience"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    section: str


@dataclass(frozen=True)
class Signal:
    found: bool
    evidence: tuple[Span, ...]
    # 1.0 for the ask itself (supervision, a budget owned); 0.5 when only a weaker form is there
    # (leading a team, which technical leads do too).
    strength: float = 1.0


@dataclass(frozen=True)
class PostingInfo:
    title: str | None
    title_start: int | None
    title_end: int | None
    employer: str | None
    employer_start: int | None
    employer_end: int | None
    sections: tuple[PostingSection, ...]
    requirements: tuple[RequirementItem, ...]
    # What the job is, from its duties (analyzer.posting_fit.duty_signals): manages people
    # (strength 1 for supervision, 0.5 for only leading a team), owns a budget, owns vendors.
    manages_people: Signal | None = None
    owns_budget: Signal | None = None
    owns_vendors: Signal | None = None
    # The posting says the job manages no one ("This is an individual contributor role").
    individual_contributor: Signal | None = None
    # The title is the job the text names as its own ("Acme is seeking a Data Architect to
    # ..."), the posting having no title line or label.
    title_from_text: bool = False

    @property
    def title_line(self) -> str | None:
        """The title from a title line or label; None when only the text names the job (the
        posting's own score counts such a title at ``policy.text_title_factor``)."""
        return None if self.title_from_text else self.title


# --------------------------------------------------------------------------- sections


def posting_sections(text: str) -> list[PostingSection]:
    """Ranges covering ``text`` in posting section names; the first one is ``header``."""
    table = _table()
    bounds: list[tuple[int, str]] = [(0, "header")]
    job_headings: list[int] = []
    for match in _LINE.finditer(text):
        line = match.group()
        if not line:
            break
        name = heading_section(line, table)
        if name is not None:
            bounds.append((match.start(), name))
        elif (
            len(line) <= _JOB_HEADING_CHARS
            # (a cheap look at the marks first: most short lines are list items)
            and (line.rstrip()[-1:] in (":", "?", "*") or line.lstrip()[:1] == "#")
            and _JOB_HEADING.match(line)
        ):
            job_headings.append(match.start())
    inline = inline_headings(text)
    bounds.extend(inline)
    # One heading per position: a line heading also found as an inline label counts once.
    by_start = dict(sorted(bounds))
    _end_pay_fields(text, inline, by_start)
    _end_boilerplate_at_job_headings(job_headings, by_start)
    out = _ranges(sorted(by_start.items()), len(text))
    return _mark_eeo(text, out)


# A heading this module does not know, that speaks of the job ("What's the Job?", "Your Main
# Tasks:", "What You Bring to the Table:", "You'll be successful here if:"): a short line with
# no sentence punctuation, marked as a heading (a closing colon or question mark, bold, a
# markdown hash). Not "How we will support you" or "Do you?": benefits and culture text.
_JOB_HEADING = re.compile(
    r"[ \t]*(?=[^\n]*?(?i:\b(?:job|role|position|tasks|duties|need|needed|required|requirements"
    r"|responsibilities|qualifications|skills|project|bring|you(?:['’]ll|\s+will)?\s+do|succeed|successful|ideal"
    r"|must)\b))"
    r"(?:#+[ \t]*(?:\*\*)?[^\n.,;*#]{3,}(?:\*\*)?[ \t]*[:?]?"  # "### What you'll do"
    r"|\*\*[^\n.,;*#]{3,}\*\*[ \t]*:?"  # "**Your Main Tasks**:"
    r"|\*\*[^\n.,;*#]{3,}[:?]\*\*"  # "**Your Main Tasks:**"
    r"|[A-Z][^\n.,;*#]{2,}[:?])"  # "What's Needed?"
    r"[ \t]*\r?\n?$"
)
_JOB_HEADING_CHARS = 70


def _end_boilerplate_at_job_headings(starts: list[int], by_start: dict[int, str]) -> None:
    """A company blurb, benefits or how-to-apply section ends at such a heading: what follows is
    the job again ("About the team" then "Your Main Tasks:" and the asks), read as ``other``
    until the next heading this module knows."""
    known = sorted(by_start)
    for start in starts:
        i = bisect.bisect_right(known, start) - 1
        if i >= 0 and by_start[known[i]] in _BLURB:
            by_start[start] = "other"
            known.insert(i + 1, start)


# A pay label with its value on the same line ("Salary: $70,000 - $90,000", "Compensation:
# Competitive (DOE)") is a field, not a heading: what follows its line or sentence is the job's
# text again, not benefits (a flattened posting would otherwise lose every ask after it).
_PAY_LABEL = re.compile(r"(?:salary|compensation|pay|wages?|hourly\s+rate|pay\s+rate)(?:\s+range)?\s*:", re.I)
# A field's value ends at its line, its sentence, or where a flattening glued the next item on
# ("Salary: competitive based on salary historyRequirements4+ years ...").
_FIELD_END = re.compile(r"\n|[.!?](?=\s|[A-Z])|(?<=[a-z]{3})(?=[A-Z][a-z]{2})")


def _end_pay_fields(text: str, inline: list[tuple[int, str]], by_start: dict[int, str]) -> None:
    """Ends each pay field at its line or sentence; the section before it resumes there."""
    for start, name in inline:
        label = _PAY_LABEL.match(text, start)
        if name != "benefits" or label is None:
            continue
        value = _FIELD_END.search(text, label.end())
        end = value.end() if value is not None else len(text)
        if not text[label.end() : end].strip() or end >= len(text):
            continue  # "Salary:" ending its line is a heading: its text is below it
        if any(start < b < end for b in by_start):
            continue
        before = [b for b in by_start if b < start]
        # A label glued right after the value ("...+ bonusSkills: SAP") keeps its own section.
        by_start.setdefault(end, by_start[max(before)] if before else "header")


def _ranges(bounds: list[tuple[int, str]], length: int) -> list[PostingSection]:
    out: list[PostingSection] = []
    for i, (start, name) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else length
        if end > start:
            out.append(PostingSection(name, start, end))
    return out


def _mark_eeo(text: str, sections: list[PostingSection]) -> list[PostingSection]:
    """An equal-opportunity statement is boilerplate wherever it stands, heading or not."""
    pos = 0
    hits = around_triggers(text.lower(), text, _EEO_TRIGGERS, _EEO)
    while True:
        match = None
        for candidate in hits:
            if candidate.start() >= pos and _section_of(sections, candidate.start()) != "eeo":
                match = candidate
                break
        if match is None:
            return sections
        start, end = _statement_bounds(text, match)
        # It never runs over the next heading or label ("...Affirmative Action Plan.Basic Hiring
        # Criteria: ..." in a flattened posting): what follows keeps its own section.
        end = min([end, *(s.start for s in sections if s.start > match.end())])
        sections = _carve(sections, start, end, "eeo")
        pos = max(end, match.end())


def _statement_bounds(text: str, match: re.Match[str]) -> tuple[int, int]:
    """From the sentence the phrase is in to the end of its paragraph (or just the sentence,
    when the paragraph is the whole flattened posting)."""
    lo = max(0, match.start() - _EEO_REACH)
    starts = [m.end() for m in _SENTENCE_START.finditer(text, lo, match.start())]
    # No sentence start within reach (a flattened text, sentences glued): the statement starts
    # at most that far back, at a word, never at the top of a posting that has no line breaks.
    fallback = max(text.rfind("\n", 0, match.start()) + 1, lo)
    if fallback == lo and lo > 0:
        space = text.find(" ", lo, match.start())
        fallback = space + 1 if space >= 0 else lo
    start = starts[-1] if starts else fallback
    para = _PARAGRAPH_END.search(text, match.end())
    end = para.start() if para is not None else len(text)
    if end - start > _MAX_EEO_CHARS:
        sentence_end = re.search(r"[.!?](?:\s|$)", text[match.end() :])
        end = match.end() + (sentence_end.end() if sentence_end else 0)
    return start, end


def _carve(sections: list[PostingSection], start: int, end: int, name: str) -> list[PostingSection]:
    """Sections with [start, end) given to ``name``; what follows keeps its own section."""
    out: list[PostingSection] = []
    for s in sections:
        if s.end <= start or s.start >= end:
            out.append(s)
            continue
        if s.start < start:
            out.append(PostingSection(s.name, s.start, start))
        if s.end > end:
            out.append(PostingSection(s.name, end, s.end))
    out.append(PostingSection(name, start, end))
    return sorted(out, key=lambda s: s.start)


def _section_of(sections: Sequence[PostingSection], char: int) -> str:
    for s in sections:
        if s.start <= char < s.end:
            return s.name
    return "other"


# --------------------------------------------------------------------------- title, employer

_TITLE_LABEL_BODY = (
    r"(?i:job\s*title|position\s*title|position|role|title|vacancy)\s*[:\-–]\s*"
    r"(?P<t>[^\n]{2,90}?)(?=\s*(?:\n|$|\s{2,}|\|"
    r"|(?:Location|Duration|Type|Salary|Rate|Job\s*Type|Start|Client|Req|Reference)\b))"
)
_TITLE_LABEL = re.compile(r"(?:^|\n|\s)" + _TITLE_LABEL_BODY)
# The same after the text's first character, where "^" cannot match and "\n" is one of "\s":
# opening with a character class, the regex engine skips to the next space in C, and the
# guard on the label's first letter spares trying every label after every space.
_TITLE_LABEL_AFTER_SPACE = re.compile(r"\s(?i:(?=[jprtv]))" + _TITLE_LABEL_BODY)
_TITLE_REACH = 3000


def _title_labels(text: str) -> Iterator[re.Match[str]]:
    """``_TITLE_LABEL.finditer(text, 0, 3000)``, found faster."""
    first = _TITLE_LABEL.match(text, 0, _TITLE_REACH)
    if first is not None:
        yield first
    yield from _TITLE_LABEL_AFTER_SPACE.finditer(text, first.end() if first else 0, _TITLE_REACH)


_EMPLOYER_LABEL = re.compile(
    r"(?:^|\n)[ \t*]*(?i:company|employer|organi[sz]ation|hiring\s+organi[sz]ation|company\s+name)"
    r"\s*:\s*(?P<e>[^\n]{2,80}?)[ \t*]*(?=\n|$)"
)
_NAME = r"[A-Z][\w&.'’-]*(?:[ \t]+(?:of|and|&|the|for|de|[A-Z][\w&.'’-]*)){0,5}"
_EMPLOYER_SEEKS = re.compile(
    rf"(?:^|(?<=[\s.!?:\ufeff]))(?P<e>{_NAME})\s+(?:is|are)\s+(?:currently\s+)?"
    r"(?:seeking|looking\s+for|hiring|searching\s+for|recruiting)\b"
)
_ABOUT_NAME = re.compile(rf"(?:^|\n|(?<=[.!?]))[ \t*#]*About\s+(?P<e>{_NAME})[ \t*]*:?[ \t*]*(?=\n|:)")
_NOT_EMPLOYER = re.compile(
    r"^(?:we|our|us|you|this|the|it|they|he|she|i|our\s+client|the\s+company|the\s+team"
    r"|the\s+role|the\s+job|the\s+position|the\s+opportunity|this\s+role|company|client)\b"
    r"|\bclient\b|^[A-Z]{2}$",  # "our Boston, MA client", a state code
    re.I,
)
_MD_LINK = re.compile(r"\[(?P<t>[^\]\n]{2,100})\]\([^)\n]*\)")
_TITLE_SPLIT = re.compile(r"\s+(?:at|@|\||–|—|-)\s+")
_MAX_TITLE_WORDS = 12
_TITLE_WORD = re.compile(JOB_TITLE_WORD_PATTERN, re.I)


def _strip_marks(line: str) -> tuple[int, int]:
    """(start, end) of a line without markdown marks and surrounding spaces."""
    start, end = 0, len(line)
    while start < end and line[start] in " \t#*_>•-":
        start += 1
    while end > start and line[end - 1] in " \t#*_\r:":
        end -= 1
    return start, end


# Occupations the shared title words (analyzer.experience) do not name.
_OCCUPATION = re.compile(
    r"\b(?:nurse|chef|cook|driver|cleaner|teacher|tutor|cashier|clerk|worker|attendant|receptionist|secretary"
    r"|accountant|bookkeeper|buyer|planner|inspector|surveyor|electrician|plumber|carpenter|welder|mechanic"
    r"|machinist|operative|labou?rer|porter|caretaker|carer|caregiver|aide|therapist|pharmacist|physician"
    r"|doctor|dentist|paralegal|lawyer|solicitor|attorney|counsel(?:l)?or|librarian|editor|writer|producer"
    r"|recruiter|trainer|fundraiser|economist|estimator|dispatcher|guard|server|barista|bartender"
    r"|housekeeper|stylist|photographer|translator|interpreter|intern|apprentice|fellow|volunteer)s?\b",
    re.I,
)
# Words of a line that labels a block rather than naming a job.
_NOT_TITLE = re.compile(
    r"\b(?:description|summary|overview|requirements|responsibilities|qualifications|about|benefits|grade"
    r"|impact|reports\s+to|salary|compensation|location|posted|deadline|apply|company)\b|[:$|@]|^\d",
    re.I,
)


def _looks_like_title(candidate: str) -> bool:
    """A short line naming an occupation, not a sentence, a label or a heading."""
    words = candidate.split()
    return (
        0 < len(words) <= _MAX_TITLE_WORDS
        and len(candidate) <= 100
        and not candidate.endswith((".", "!", "?", ","))
        and heading_section(candidate, _table()) is None
        and _NOT_TITLE.search(candidate) is None
        and (_TITLE_WORD.search(candidate) is not None or _OCCUPATION.search(candidate) is not None)
    )


def find_title(text: str) -> tuple[int, int] | None:
    """The job title: a "Job title:" label, else the first line when it reads as a title."""
    for label in _title_labels(text):
        if re.search(r"[A-Za-z]{2}", label.group("t")):
            s, e = _strip_marks(label.group("t"))
            if e > s:
                return label.start("t") + s, label.start("t") + e
    pos = 0
    while pos < min(len(text), 2000):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if line.strip():
            s, e = _strip_marks(line)
            link = _MD_LINK.match(line, s, e)
            if link is not None:  # "# [IT Manager](https://...)": the link's text
                s, e = link.start("t"), link.end("t")
                while e > s and line[e - 1].isspace():
                    e -= 1
            candidate = line[s:e]
            if _looks_like_title(candidate):
                # "IT Manager - Acme Corp", "IT Manager at Acme": the part with a title word.
                parts = _TITLE_SPLIT.split(candidate)
                if len(parts) > 1:
                    titled = [p for p in parts if _TITLE_WORD.search(p)]
                    if titled:
                        off = candidate.index(titled[0])
                        return pos + s + off, pos + s + off + len(titled[0])
                return pos + s, pos + e
            return None
        pos = end + 1
    return None


# The job naming itself: "We are seeking an IT Manager to ...", "As the IT Manager, you will ...",
# a statement opening "The IT Manager is responsible for ...", "the position of IT Director". The
# article and the verb make the title the job's own, not a person it reports to ("reports to the
# IT Manager" matches none). A title is capitalised words with inner "of", "and", "&", "," and
# must hold a job-title word ("manager", "director", "administrator"): "The IT team will" is no
# title. Prose writes the title word in lower case too ("an IT manager").
_NAMED_WORD = rf"(?:[A-Z][\w&/+.\-]*|(?:{JOB_TITLE_WORD_PATTERN})s?\b)"
_NAMED = rf"(?P<title>{_NAMED_WORD}(?:,?\s+(?:(?:of|and|&|for|-)\s+)?{_NAMED_WORD}){{0,5}})"
_ADJECTIVES = (
    r"(?:(?i:experienced|talented|skilled|dynamic|motivated|seasoned|strong|proven|hands-on|new|full-time"
    r"|permanent|qualified|highly\s+motivated|results-driven|strategic)\s+)*"
)
_SELF_NAMED = (
    re.compile(
        r"\b(?i:seeking|looking\s+for|hiring|recruiting|searching\s+for|in\s+search\s+of)\s+"
        rf"(?i:an?|the|our)\s+{_ADJECTIVES}{_NAMED}"
    ),
    re.compile(rf"\b(?i:as)\s+(?i:an?|the|our)\s+{_NAMED}\s*,?\s+(?i:you)\b"),
    re.compile(
        rf"^\W*(?:The|This|Our)\s+{_NAMED}\s+(?i:is|will|leads|oversees|manages|directs|plans|provides"
        r"|serves|shall|ensures)\b"
    ),
    re.compile(rf"\b(?i:position|role)\s+(?i:of|as)\s+(?:(?i:an?|the)\s+)?{_NAMED}"),
)


def named_title(statements: Iterable[Any]) -> tuple[str, int, int, str] | None:
    """The first title a posting's statements (``start``, ``text``, ``section``) name as the
    job's own, outside boilerplate: (title, start, end, section); None when none is named."""
    for st in statements:
        if st.section in BOILERPLATE:
            continue
        found = [m for pattern in _SELF_NAMED for m in pattern.finditer(st.text)]
        for m in sorted(found, key=lambda m: m.start("title")):
            named = m.group("title").rstrip(" ,.-")
            if _TITLE_WORD.search(named):
                start = st.start + m.start("title")
                return named, start, start + len(named), st.section
    return None


def find_employer(text: str, title: tuple[int, int] | None) -> tuple[int, int] | None:
    """The employer: a "Company:" label, "About <Name>", "<Name> is seeking ...", or the part
    of the title line beside the title ("IT Manager at Acme")."""
    head = text[:6000]
    lower = head.lower()
    for pattern, triggers in (
        (_EMPLOYER_LABEL, ("company", "employer", "organi")),
        (_ABOUT_NAME, ("about",)),
        (_EMPLOYER_SEEKS, ("seeking", "looking", "hiring", "searching", "recruiting")),
    ):
        for match in around_triggers(lower, head, triggers, pattern):
            name = match.group("e").strip()
            if (
                name
                and not _NOT_EMPLOYER.match(name)
                and len(name.split()) <= 6
                and not (pattern is _EMPLOYER_SEEKS and _TITLE_WORD.search(name))
            ):
                start = match.start("e") + (len(match.group("e")) - len(match.group("e").lstrip()))
                return start, start + len(name)
    if title is not None:
        nxt = _next_line(text, title[1])
        if nxt is not None:
            s, e = _strip_marks(text[nxt[0] : nxt[1]])
            line = text[nxt[0] + s : nxt[0] + e]
            words = line.split()
            if (
                0 < len(words) <= 6
                and all(w[:1].isupper() or w in ("of", "and", "&", "the", "for") for w in words)
                and not _TITLE_WORD.search(line)
                and not _PLACE.search(line)
                and not _NOT_TITLE.search(line)
                and heading_section(line, _table()) is None
            ):
                return nxt[0] + s, nxt[0] + e
        line_end = text.find("\n", title[1])
        rest = text[title[1] : line_end if line_end >= 0 else len(text)]
        split = re.match(r"\s+(?:at|@|\||–|—|-)\s+(?P<e>[^\n|]{2,60}?)\s*$", rest)
        if split is not None and not _TITLE_WORD.search(split.group("e")):
            return title[1] + split.start("e"), title[1] + split.end("e")
    return None


# A place or a work mode rather than a name: "Charlotte, NC", "Remote (USA)", "London".
_PLACE = re.compile(r",\s*[A-Z]{2}\b|\bremote\b|\bhybrid\b|\bon-?site\b|[`🌎]|\d", re.I)


def _next_line(text: str, pos: int) -> tuple[int, int] | None:
    """The next non-empty line after the line holding ``pos``, within a short reach."""
    line_end = text.find("\n", pos)
    while 0 <= line_end < min(len(text), pos + 400):
        start = line_end + 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            return start, end
        line_end = end if end < len(text) else -1
    return None


# --------------------------------------------------------------------------- requirement items

_PREFERRED = re.compile(
    r"\b(?:preferred|preferably|preference|a plus|plus\b(?!\s+\d)|nice[\s-]to[\s-]haves?|desired|desirable"
    r"|ideally|ideal|bonus|advantageous|an advantage|beneficial|would be great|helpful|not required"
    r"|optional|welcome|is an asset|an asset)\b",
    re.I,
)
_REQUIRED = re.compile(
    r"\b(?:required|requires?|must|essential|mandatory|minimum|necessary|need to|needs to)\b", re.I
)
_PREFERRED_TRIGGERS = (
    "prefer",
    "plus",
    "nice",
    "desir",
    "ideal",
    "bonus",
    "advantage",
    "beneficial",
    "great",
    "helpful",
    "not required",
    "optional",
    "welcome",
    "asset",
)
_REQUIRED_TRIGGERS = ("requir", "must", "essential", "mandatory", "minimum", "necessary", "need")
# A clause: what lies between list or sentence boundaries around an item: one of ".;•" or a
# newline and a space after it, else one of "\n•;" alone, else a full stop glued between a lower
# case and a capital ("team.Requirements"). Written to open with the character class, so the
# regex engine skips to the next candidate in C instead of trying every position.
_CLAUSE_BREAK = re.compile(r"[.;•\n](?:\s|(?<=[\n•;])|(?<=[a-z)]\.)(?=[A-Z]))")
_CLAUSE_WINDOW = 300


class _Clauses:
    """Clause breaks and importance markers of one text, found once and looked up by bisection
    (a posting has hundreds of items; rescanning the text around each one was the slow part)."""

    def __init__(self, text: str, lower: str | None = None) -> None:
        self.text = text
        breaks = list(_CLAUSE_BREAK.finditer(text))
        self.break_starts = [m.start() for m in breaks]
        self.break_ends = [m.end() for m in breaks]
        lower = text.lower() if lower is None else lower
        markers = [
            (m.start(), m.end(), label)
            for label, triggers, pattern in (
                ("preferred", _PREFERRED_TRIGGERS, _PREFERRED),
                ("required", _REQUIRED_TRIGGERS, _REQUIRED),
            )
            for m in around_triggers(lower, text, triggers, pattern)
        ]
        markers.sort()
        self.markers = markers
        self.marker_starts = [m[0] for m in markers]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        lo = max(0, start - _CLAUSE_WINDOW)
        i = bisect.bisect_right(self.break_ends, start) - 1
        cs = self.break_ends[i] if i >= 0 and self.break_ends[i] >= lo else lo
        j = bisect.bisect_left(self.break_starts, end)
        hi = min(len(self.text), end + _CLAUSE_WINDOW)
        ce = self.break_starts[j] if j < len(self.break_starts) and self.break_starts[j] < hi else hi
        return cs, ce

    def clause(self, start: int, end: int) -> str:
        cs, ce = self.bounds(start, end)
        return self.text[cs:ce]

    def importance(self, start: int, end: int, section: str) -> str:
        """``preferred`` or ``required`` by the nearest marker in the item's clause ("Bachelor's
        degree required, Master's preferred": each item its own), else by its section."""
        cs, ce = self.bounds(start, end)
        best: tuple[int, str] | None = None
        markers = self.markers
        # By index, not over a slice: a slice copies the rest of the markers for every item.
        for k in range(bisect.bisect_left(self.marker_starts, cs), len(markers)):
            m_start, m_end, label = markers[k]
            if m_start >= ce:
                break
            if m_end > ce:
                continue
            if start <= m_start < end:
                distance = 0
            elif m_start >= end:
                distance = m_start - end  # "X preferred", "X is a plus"
            else:
                distance = start - m_end + 20  # "Preferred: X" binds less than a trailing word
            if best is None or distance < best[0]:
                best = (distance, label)
        if best is not None:
            return best[1]
        return "preferred" if section == "preferred" else "required"


def importance(text: str, start: int, end: int, section: str) -> str:
    """The importance of the item at [start, end) of ``text`` (see :class:`_Clauses`)."""
    return _Clauses(text).importance(start, end, section)


# A country or region after "work in (the)": glued flattened text ("the USFulltime") stops at
# the capital that starts the next word.
_COUNTRY = (
    r"(?-i:U\.S\.(?:A\.)?|USA|US|UK|EU|United\s+States|United\s+Kingdom|European\s+Union"
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?![a-z])"
)
# Checks the employer makes when it hires, not fit a resume can show (README: the score): the
# right to work, a background check or drug test. Still listed as asks.
BACKGROUND_CHECK = "background check"
WORK_ELIGIBILITY = "work eligibility"
CONDITIONS_OF_HIRE = frozenset({BACKGROUND_CHECK, WORK_ELIGIBILITY})


def condition_of_hire(item_type: str, name: str) -> bool:
    """Whether an ask is one of the employer's checks at hiring: listed, never scored, no gap,
    no advice. ``item_type`` as the posting's items have it or folded ("qualification") as asks
    and score records have it."""
    return item_type in ("qualification", "clearance", "work_eligibility") and name in CONDITIONS_OF_HIRE


# (type, canonical name, pattern); first pattern that matches a span wins.
_PATTERNS: tuple[tuple[str, str, str], ...] = (
    (
        "licence",
        "driving licence",
        r"\b(?:(?:full|clean|valid|current|UK|US|EU|state|manual|class\s+[\"“]?[A-E]\d?[\"”]?|[A-Z][a-z]+)\s+){0,4}"
        r"(?:driver['’]?s['’]?|driving|drivers)\s+licen[cs]es?\b"
        r"|\bcommercial\s+driver['’]?s['’]?\s+licen[cs]e\b|\bCDL\b|\bHGV\b|\bLGV\b",
    ),
    (
        "licence",
        "professional licence",
        r"\b(?:(?:valid|current|active|unrestricted|state|professional|nursing|teaching|pharmacy|medical"
        r"|real\s+estate|insurance|contractor['’]?s?|forklift|SIA|CSCS|PE|CPA|RN|LPN)\s+)+licen[cs]e[sd]?\b"
        r"|\blicen[cs]ed\s+(?:as\s+an?\s+)?(?:registered\s+nurse|RN|LPN|CPA|pharmacist|electrician|plumber"
        r"|professional\s+engineer|PE|social\s+worker|LCSW|therapist|counse(?:l)?lor|attorney|teacher)\b"
        r"|\blicen[cs]e\s+to\s+practi[cs]e\b",
    ),
    (
        "clearance",
        "security clearance",
        r"\b(?:(?:active|current|valid|ability\s+to\s+obtain|able\s+to\s+obtain|eligible\s+for|obtain|maintain)\s+(?:an?\s+)?)?"
        r"(?:(?:top\s+secret|secret|TS/SCI|TS|SC|DV|NV\d|public\s+trust|government|federal|security|DoD|BPSS|CTC"
        r"|baseline|MOD|NATO)[\s/]+)+clearance\b|\bTS/SCI\b|\bsecurity\s+vetting\b|\bpolygraph\b",
    ),
    (
        "clearance",
        BACKGROUND_CHECK,
        r"\b(?:enhanced\s+)?DBS(?:\s+(?:check|clearance|disclosure|certificate))?\b|\bCRB\s+check\b|\bPVG\b"
        r"|\b(?:criminal\s+)?background\s+(?:check|screening|investigation)s?\b"
        r"|\bcriminal\s+(?:record|history)\s+check\b|\bdrug\s+(?:screen|test)(?:ing|s)?\b"
        r"|\bfingerprint(?:ing)?\s+(?:check|clearance)\b",
    ),
    (
        "work_eligibility",
        WORK_ELIGIBILITY,
        rf"\bright\s+to\s+work\s+in\s+(?:the\s+)?{_COUNTRY}"
        rf"|\beligib(?:le|ility)\s+to\s+work\s+in\s+(?:the\s+)?{_COUNTRY}"
        rf"|\b(?:legally\s+)?authori[sz]ed\s+to\s+work\s+in\s+(?:the\s+)?{_COUNTRY}"
        r"|\bwork\s+(?:authori[sz]ation|permit|visa)\b"
        r"|\b(?:US|U\.S\.|United\s+States|British|UK|EU|Canadian|Australian)\s+citizen(?:ship|s)?\b"
        r"|\bgreen\s+card(?:\s+holders?)?\b|\bpermanent\s+residen(?:t|cy)\b"
        r"|\b(?:visa\s+)?sponsorship\b|\bH-?1B\b|\bGC\s+holders?\b",
    ),
    (
        "qualification",
        "vocational qualification",
        r"\b(?:NVQ|SVQ|QCF|RQF)(?:\s*(?:[Ll]evel\s*)?\d)?\b|\bLevel\s+[1-7]\s+(?:diploma|certificate|award|qualification"
        r"|NVQ|apprenticeship)\b|\bHN[CD]s?\b|\bBTEC\b|(?-i:\bA[- ]levels?\b)|\bGCSEs?\b"
        r"|\bCity\s*(?:&|and)\s*Guilds\b"
        r"|\bapprenticeship\b|(?-i:\bT[- ]levels?\b)|\btrade\s+(?:certificate|qualification)\b"
        r"|\bjourneyman\b",
    ),
    (
        "qualification",
        "professional qualification",
        r"\bCIPD\b|\bACCA\b|\bCIMA\b|\bAAT\b|\bCIPS\b|\bRICS\b|\bNEBOSH\b|\bIOSH\b|\bCSCS\b|\bQTS\b"
        r"|\bqualified\s+teacher\s+status\b|\bchartered\s+(?:accountant|engineer|surveyor|member|status|manager)\b"
        r"|\bpart[- ]qualified\b|\bqualified\s+(?:accountant|teacher|social\s+worker|nurse|electrician"
        r"|plumber|chef|solicitor|engineer|pharmacist|dietitian|physiotherapist)\b"
        r"|\bNMC\s+(?:registration|registered|PIN)\b|\bHCPC(?:\s+registered|\s+registration)?\b|\bGMC\s+registration\b"
        r"|\bregistered\s+(?:nurse|general\s+nurse|mental\s+health\s+nurse|social\s+worker|dietitian|pharmacist)\b"
        r"|\bfirst\s+aid(?:\s+at\s+work)?\s+(?:certificate|certification|qualification|trained)\b"
        r"|\bfood\s+(?:hygiene|safety)\s+(?:certificate|level\s*\d)\b|\bCPR\b|\bCNA\b|\bEMT\b"
        r"|\b(?:full\s+|chartered\s+|associate\s+)?membership\s+of\s+(?:the\s+)?(?-i:[A-Z][\w&]*)"
        r"(?:\s+(?-i:[A-Z&][\w&]*)|\s+of|\s+for|\s+and){0,6}",
    ),
    # Any other named qualification: "a relevant qualification", "teaching qualification",
    # "Level 3 qualification in Health and Social Care" (checked after the specific ones).
    (
        "qualification",
        "qualification",
        r"\b(?:(?:a|an|any)\s+)?(?:relevant|recognised|recognized|professional|formal|accredited|appropriate"
        r"|equivalent|teaching|accountancy|accounting|care|childcare|trade|technical|vocational|nursing"
        r"|management|coaching|security|industry|marketing|HR|IT)\s+qualifications?\b"
        r"|\bqualifications?\s+in\s+(?-i:[A-Z][\w&]*)(?:\s+(?:and\s+)?(?-i:[A-Z][\w&]*)){0,4}"
        r"|\b(?:qualified|educated)\s+to\s+(?:level\s+\d|(?-i:A)[- ]level|GCSE)\b"
        r"(?:\s+(?:standard|or\s+equivalent))?",
    ),
)
# A cheap literal test per pattern: most postings name no licence, clearance or UK
# qualification, and scanning for the full patterns at every position is the slow part.
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "driving licence": ("licen", "cdl", "hgv", "lgv"),
    "professional licence": ("licen",),
    "security clearance": ("clearance", "ts/sci", "vetting", "polygraph"),
    BACKGROUND_CHECK: ("dbs", "crb", "pvg", "background", "criminal", "drug", "fingerprint"),
    WORK_ELIGIBILITY: (
        "to work",
        "work auth",
        "work permit",
        "work visa",
        "citizen",
        "green card",
        "residen",
        "sponsor",
        "h1b",
        "h-1b",
        "gc holder",
    ),
    "vocational qualification": (
        "nvq",
        "svq",
        "qcf",
        "rqf",
        "level",
        "hnc",
        "hnd",
        "btec",
        "a-level",
        "a level",
        "gcse",
        "guilds",
        "apprentice",
        "t-level",
        "t level",
        "trade",
        "journeyman",
    ),
    "qualification": ("qualification", "qualified to", "educated to"),
    "professional qualification": (
        "cipd",
        "acca",
        "cima",
        "aat",
        "cips",
        "rics",
        "nebosh",
        "iosh",
        "cscs",
        "qts",
        "teacher status",
        "chartered",
        "qualified",
        "nmc",
        "hcpc",
        "gmc",
        "registered",
        "first aid",
        "food",
        "cpr",
        "cna",
        "emt",
        "membership of",
    ),
}
_TRIGGER_REACH = 100  # characters a full pattern may extend around its trigger
_COMPILED: list[tuple[str, str, tuple[str, ...], re.Pattern[str]]] | None = None

_EXPERIENCE_ASK = re.compile(
    r"\b(?:(?:proven|previous|prior|demonstrable|demonstrated|relevant|extensive|solid|strong|significant"
    r"|some|practical|hands-on|substantial|good|considerable|recent|professional|direct)\s+)*"
    r"(?:work(?:ing)?\s+)?(?P<word>experience|exposure)(?=\s+(?:of|in|with|working|as|within|using|managing"
    r"|leading|delivering|supporting|across|to)\b)",
    re.I,
)
_CONDITIONS = frozenset(
    "conditions noise dust fumes hazards hazardous chemicals weather heat cold extreme loud outdoor elements"
    " risk risks".split()
)
_EXPERIENCE_OF = frozenset(
    "candidate customer user guest employee patient client learning onboarding member visitor digital"
    " shopping student".split()
)
_BARE_DEGREE = re.compile(
    r"\b(?:(?:a|an)\s+)?(?:(?:university|college|undergraduate|graduate|postgraduate|4[- ]year|four[- ]year"
    r"|relevant|related|technical|professional|accredited|recognised|recognized)\s+)*degree(?:\s+level)?\b"
    r"|\b(?:educated|qualified)\s+to\s+degree\s+(?:level|standard)\b|\bgraduate\s+calibre\b",
    re.I,
)
_EQUIVALENT = re.compile(
    r"\s*,?\s*(?:\(|or\s+|and/or\s+)(?:an?\s+|the\s+)?equivalent(?:\s+(?:combination\s+of\s+education\s+and\s+)?"
    r"(?:work\s+|professional\s+|practical\s+|relevant\s+|industry\s+)?experience)?",
    re.I,
)
_EQUIVALENT_WINDOW = 160


def _compiled() -> list[tuple[str, str, tuple[str, ...], re.Pattern[str]]]:
    global _COMPILED
    if _COMPILED is None:
        # Case-insensitive, except where case tells an acronym from a word ("A levels", "US").
        _COMPILED = [(t, n, _TRIGGERS[n], re.compile(p, re.I)) for t, n, p in _PATTERNS]
    return _COMPILED


def names_qualification(text: str, name: str) -> bool:
    """Whether ``text`` names the licence, clearance or qualification of canonical ``name`` (a
    name of ``_PATTERNS``) by the patterns that find a posting's asks: "Valid driver's license"
    names a "driving licence", "Active TS/SCI clearance" a "security clearance"."""
    lower = text.lower()
    return any(
        around_triggers(lower, text, triggers, pattern)
        for _, canonical, triggers, pattern in _compiled()
        if canonical == name
    )


QUALIFICATION_NAMES = frozenset(name for _, name, _ in _PATTERNS)


def _lexicon_type(entry_type: str) -> str:
    return {"tool": "tool", "certification": "certification"}.get(entry_type, "skill")


_SECTION_RANK = {"requirements": 0, "preferred": 1, "responsibilities": 2, "header": 3, "other": 4}


# The years of the organisation, not of the person asked for: "its 30+ years of industry
# experience", "our 25 years", and a sentence that opens "With more than 50 years of experience,"
# before the organisation's name ("..., TAD PGS has earned"; not "..., you will lead").
_ORGANISATION_BEFORE = re.compile(
    r"(?:\b(?:its|our|their)|(?:^|[.!?:]\s+|\n)[\s*•-]*With)\s+"
    r"(?:(?:more\s+than|over|nearly|almost|some)\s+)?$",
    re.I,
)
_ORGANISATION_AFTER = re.compile(r"\s*,\s*(?:(?!You\b)[A-Z]|(?:we|our)\b)")


def _organisation_years(text: str, start: int, end: int) -> bool:
    before = _ORGANISATION_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    if before.group().strip().lower().startswith(("its", "our", "their")):
        return True
    return _ORGANISATION_AFTER.match(text, end) is not None


def requirement_items(
    text: str,
    sections: Sequence[PostingSection],
    *,
    skills: Sequence[Any] = (),
    certifications: Sequence[Any] = (),
    experience: Sequence[Any] = (),
    education: Sequence[Any] = (),
    names: Sequence[tuple[int, int]] = (),
) -> list[RequirementItem]:
    """Every ask of the posting outside its boilerplate, in text order.

    ``skills``/``certifications``/``experience``/``education`` are the extraction's mentions
    (anything with ``start``, ``end``, ``text`` and the type's fields). ``names`` are character
    ranges of other things' names (a business's, a place's, a role's: "Trident Consulting",
    "the hiring manager"): a skill's word inside one asks nothing.
    """
    named = merge(names)
    out: list[RequirementItem] = []
    taken: list[tuple[int, int]] = []
    lower = text.lower()
    clauses = _Clauses(text, lower)
    # A skill named inside a degree ("degree in Computer Science") or a certification ("ITIL
    # Foundation") is that item's field or subject, not a separate ask; so are the other fields
    # a degree lists ("..., Information Systems or a related field").
    inside = [(m.start, _degree_fields_end(text, m.end)) for m in education]
    inside += [(m.start, m.end) for m in certifications]
    # A field of knowledge or a skill that is the one thing a claim of years names ("5+ years
    # of IT management experience", "10+ years of software development") is asked by that
    # claim: a resume with the years in it is not missing the field. A tool keeps its own ask,
    # and so does each of several things named ("5+ years of Java, Python and SQL": each is
    # checked by its name).
    for claim in experience:
        if claim.years_min and claim.area:
            within = [m for m in skills if claim.start <= m.start and m.end <= claim.end]
            if len(within) == 1 and getattr(within[0], "type", "") != "tool":
                inside.append((claim.start, claim.end))

    starts = [sec.start for sec in sections]

    def where(start: int) -> str | None:
        i = bisect.bisect_right(starts, start) - 1
        name = sections[i].name if i >= 0 and start < sections[i].end else "other"
        return None if name in BOILERPLATE else name

    # Skills, tools, certifications: one item per lexicon id, at its most telling mention (a
    # requirements list before a duty, a duty before the header), required if any mention is.
    by_id: dict[str, list[tuple[int, str, Any]]] = {}
    for mention in (*skills, *certifications):
        section = where(mention.start)
        nested = not hasattr(mention, "issuer") and any(
            a <= mention.start and mention.end <= b for a, b in inside
        )
        if section is not None and not nested and not (named and covers(named, mention.start)):
            by_id.setdefault(mention.id, []).append((_SECTION_RANK.get(section, 5), section, mention))
    for entry_id, mentions in by_id.items():
        mentions.sort(key=lambda m: (m[0], m[2].start))
        _, section, best = mentions[0]
        required = any(clauses.importance(m.start, m.end, s) == "required" for _, s, m in mentions)
        entry_type = "certification" if hasattr(best, "issuer") else getattr(best, "type", "hard_skill")
        out.append(
            RequirementItem(
                _lexicon_type(entry_type),
                "required" if required else "preferred",
                section,
                best.start,
                best.end,
                best.text,
                id=entry_id,
                name=best.name,
            )
        )
        taken.extend((m.start, m.end) for _, _, m in mentions if hasattr(m, "issuer"))
    for claim in experience:
        section = where(claim.start)
        if section is None or _organisation_years(text, claim.start, claim.end):
            continue
        out.append(
            RequirementItem(
                "experience",
                clauses.importance(claim.start, claim.end, section),
                section,
                claim.start,
                claim.end,
                claim.text,
                years_min=claim.years_min,
                years_max=claim.years_max,
                field=claim.area,
            )
        )
    # Experience asked for without a number: "previous experience in a similar role",
    # "experience of working with children", "exposure to SQL".
    claimed = [(c.start, c.end) for c in experience]
    for match in around_triggers(lower, text, ("experience", "exposure"), _EXPERIENCE_ASK):
        section = where(match.start())
        if section is None or any(a < match.end() and match.start() < b for a, b in claimed):
            continue
        before = re.search(r"([A-Za-z]+)\W*$", text[max(0, match.start() - 20) : match.start()])
        if before is not None and before.group(1).lower() in _EXPERIENCE_OF:
            continue  # "a great candidate experience": what someone goes through, not an ask
        area = _area_after(text, match.end("word"))
        if area is None or "\n" in text[match.end("word") : area[1]]:
            continue
        first_word = text[area[0] : area[1]].split()[0].lower()
        if match.group("word").lower() == "exposure" and first_word in _CONDITIONS:
            continue  # "limited exposure to conditions such as dust": the workplace, not an ask
        start, end = match.start(), area[1]
        claimed.append((start, end))
        out.append(
            RequirementItem(
                "experience",
                clauses.importance(start, end, section),
                section,
                start,
                end,
                text[start:end],
                field=text[area[0] : area[1]],
            )
        )
    degree_spans: list[tuple[int, int]] = []
    for mention in education:
        section = where(mention.start)
        degree_spans.append((mention.start, mention.end))
        if section is None:
            continue
        out.append(_degree_item(clauses, section, mention.start, mention.end, mention.level, mention.field))
    for match in around_triggers(lower, text, ("degree", "calibre"), _BARE_DEGREE):
        start, end = match.span()
        section = where(start)
        if section is None or any(a <= start < b or a < end <= b for a, b in degree_spans):
            continue
        if _near_degree(text, degree_spans, start, end):
            continue  # "Bachelor's or equivalent degree": the named level already says it
        lowered = match.group().lower()
        level = "bachelor" if any(w in lowered for w in ("level", "standard", "calibre")) else None
        field_span = field_after(text, end) if re.match(r"\s*(?:in|of)\s", text[end : end + 5]) else None
        field = text[field_span[0] : field_span[1]] if field_span else None
        item_end = field_span[1] if field_span else end
        degree_spans.append((start, item_end))
        out.append(_degree_item(clauses, section, start, item_end, level, field))
    seen: set[tuple[str, str]] = set()
    for item_type, name, trigger, pattern in _compiled():
        for match in around_triggers(lower, text, trigger, pattern):
            start, end = match.span()
            section = where(start)
            key = (item_type, re.sub(r"\s+", " ", match.group().lower()))
            if section is None or key in seen or any(a < end and start < b for a, b in taken):
                continue
            seen.add(key)
            taken.append((start, end))
            out.append(
                RequirementItem(
                    item_type,
                    clauses.importance(start, end, section),
                    section,
                    start,
                    end,
                    match.group(),
                    name=name,
                )
            )
    return sorted(out, key=lambda i: (i.start, i.end, i.type))


def around_triggers(
    lower: str, text: str, triggers: tuple[str, ...], pattern: re.Pattern[str]
) -> list[re.Match[str]]:
    """Matches of ``pattern`` in windows around the literal ``triggers`` in ``lower`` (the
    lower-cased text): ``str.find`` skips the text without a candidate at C speed."""
    pattern = guarded(pattern)  # the same matches, found faster (analyzer.regex_guard)
    if len(lower) != len(text):  # a character whose lower case is longer: scan it all
        return list(pattern.finditer(text))
    hits: list[int] = []
    for literal in triggers:
        pos = lower.find(literal)
        while pos >= 0:
            hits.append(pos)
            pos = lower.find(literal, pos + len(literal))
    if not hits:
        return []
    hits.sort()
    # Windows closer than their reach are merged, so they are disjoint and in order: the matches
    # of one window after another are already sorted and never the same span twice.
    found: list[re.Match[str]] = []
    length = len(text)
    lo = max(0, hits[0] - _TRIGGER_REACH)
    hi = min(length, hits[0] + _TRIGGER_REACH)
    for hit in hits:
        if hit - _TRIGGER_REACH > hi:
            found.extend(pattern.finditer(text, lo, hi))
            lo = hit - _TRIGGER_REACH
        hi = min(length, hit + _TRIGGER_REACH)
    found.extend(pattern.finditer(text, lo, hi))
    return found


# More fields after a degree's first: ", Information Systems or a related field", "/ Engineering".
_MORE_FIELDS = re.compile(
    r"(?:\s*(?:,|/|&|\bor\b|\band\b)\s*(?:an?\s+)?(?:equivalent|related|relevant|similar)?\s*"
    r"(?:field|discipline|subject|area|[A-Z][\w&+.-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w&+.-]*)*))+"
)


# A field list ends its clause: "...or a related field.", "..., or equivalent experience".
_FIELDS_CLOSE = re.compile(r"\s*(?:[.;:)\n]|$|,?\s*or\s+(?:an?\s+)?equivalent\b)")


def _degree_fields_end(text: str, end: int) -> int:
    """Where the fields a degree mention lists end (its own end if it lists one). Only a list
    that closes its clause: in "degree in Computer Science, AWS certification preferred" AWS is
    an ask of its own."""
    more = _MORE_FIELDS.match(text, end)
    if more is None or not _FIELDS_CLOSE.match(text, more.end()):
        return end
    return more.end()


def _near_degree(text: str, spans: list[tuple[int, int]], start: int, end: int) -> bool:
    for a, b in spans:
        gap = text[b:start] if b <= start else text[end:a]
        if len(gap) <= 25 and re.fullmatch(r"[\s,/'’a-z]*", gap, re.I) and "\n" not in gap:
            return True
    return False


def _degree_item(
    clauses: _Clauses, section: str, start: int, end: int, level: str | None, field: str | None
) -> RequirementItem:
    text = clauses.text
    window = text[end : end + _EQUIVALENT_WINDOW]
    equivalent = (
        _EQUIVALENT.match(window) is not None
        or re.search(r"\bor\s+(?:an?\s+)?equivalent\b", clauses.clause(start, end), re.I) is not None
    )
    return RequirementItem(
        "degree",
        clauses.importance(start, end, section),
        section,
        start,
        end,
        text[start:end],
        level=level,
        field=field,
        equivalent_experience=equivalent,
    )


def analyze_posting(
    text: str,
    *,
    skills: Sequence[Any] = (),
    certifications: Sequence[Any] = (),
    experience: Sequence[Any] = (),
    education: Sequence[Any] = (),
    names: Sequence[tuple[int, int]] = (),
) -> PostingInfo:
    """Title, employer, sections and requirement items of one posting (``names``: see
    :func:`requirement_items`)."""
    sections = posting_sections(text)
    title = find_title(text)
    employer = find_employer(text, title)
    items = requirement_items(
        text,
        sections,
        skills=skills,
        certifications=certifications,
        experience=experience,
        education=education,
        names=names,
    )
    return PostingInfo(
        title=text[title[0] : title[1]] if title else None,
        title_start=title[0] if title else None,
        title_end=title[1] if title else None,
        employer=text[employer[0] : employer[1]] if employer else None,
        employer_start=employer[0] if employer else None,
        employer_end=employer[1] if employer else None,
        sections=tuple(sections),
        requirements=tuple(items),
    )
