"""Split a document into sections from heading cues, and guess whether it is a resume or a posting.

A heading is a short line (a few words, optionally ending in ':') whose words name a known
section. The text before the first heading is ``header`` (a resume's name/contact block or a
posting's title). Every later mention looks its section up with :func:`section_at`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import doc_info, doc_text, ensure_extensions
from .kind import POSTING_HEADINGS, RESUME_HEADINGS, detect_kind

# Re-exported: the section names that only one kind of document has as headings.
RESUME_SECTIONS = RESUME_HEADINGS
POSTING_SECTIONS = POSTING_HEADINGS

# Heading phrases, already lower-cased and stripped of punctuation. Longest match wins.
HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "professional summary",
        "career summary",
        "executive summary",
        "profile",
        "professional profile",
        "career profile",
        "objective",
        "career objective",
        "about me",
        "overview",
        "career overview",
        "executive profile",
        "personal statement",
        "summary of qualifications",
        "qualifications summary",
    ),
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "relevant experience",
        "professional background",
        "career experience",
        "experience summary",
        "leadership experience",
        "management experience",
        "it experience",
    ),
    "education": (
        "education",
        "education and training",
        "academic background",
        "academic qualifications",
        "educational background",
        "education and certifications",
        "training",
        "education & training",
    ),
    "skills": (
        "skills",
        "technical skills",
        "core competencies",
        "competencies",
        "key skills",
        "areas of expertise",
        "expertise",
        "skill highlights",
        "highlights",
        "core skills",
        "technical proficiencies",
        "technologies",
        "tools",
        "skills summary",
        "qualifications",
        "core qualifications",
        "technical expertise",
        "computer skills",
        "software",
    ),
    "certifications": (
        "certifications",
        "certification",
        "certificates",
        "licenses",
        "licenses and certifications",
        "licenses & certifications",
        "certifications and licenses",
        "professional certifications",
        "credentials",
        "accreditations",
    ),
    "projects": ("projects", "key projects", "selected projects", "personal projects"),
    "other": (
        "accomplishments",
        "achievements",
        "references",
        "languages",
        "volunteer",
        "volunteer experience",
        "additional information",
        "additional experience",
    ),
    # Outside work: dated memberships and offices here are not jobs.
    "activities": (
        "activities",
        "extracurricular activity",
        "extracurricular activities",
        "extracurriculars",
        "community",
        "community involvement",
        "honors",
        "awards",
        "honors and awards",
        "awards and honors",
        "international awards",
        "domestic awards",
        "interests",
        "hobbies",
        "affiliations",
        "professional affiliations",
        "memberships",
        "professional memberships",
        "publications",
        "presentations",
        "presentation",
        "writing",
        "program committees",
        "conferences",
    ),
    "responsibilities": (
        "responsibilities",
        "key responsibilities",
        "duties",
        "duties and responsibilities",
        "job duties",
        "essential functions",
        "essential duties",
        "essential duties and responsibilities",
        "what you will do",
        "what you ll do",
        "what youll do",
        "your role",
        "the role",
        "role",
        "job description",
        "position summary",
        "the job",
        "in this role you will",
        "day to day",
        "your responsibilities",
        "main responsibilities",
        "examples of duties",
    ),
    "requirements": (
        "requirements",
        "job requirements",
        "minimum requirements",
        "minimum qualifications",
        "required qualifications",
        "required skills",
        "what you need",
        "what we re looking for",
        "what we are looking for",
        "who you are",
        "must have",
        "must haves",
        "you have",
        "about you",
        "skills and experience",
        "experience and skills",
        "your profile",
        "knowledge skills and abilities",
        "qualifications and experience",
        "basic qualifications",
        "required experience",
        "what you bring",
        "skills required",
    ),
    "preferred": (
        "preferred",
        "preferred qualifications",
        "preferred skills",
        "nice to have",
        "nice to haves",
        "bonus points",
        "bonus",
        "desired",
        "desired qualifications",
        "desired skills",
        "pluses",
        "preferred experience",
        "additional qualifications",
    ),
    "benefits": (
        "benefits",
        "perks",
        "what we offer",
        "compensation",
        "perks and benefits",
        "benefits and perks",
        "why join us",
        "why work with us",
        "salary",
        "we offer",
    ),
    "about": (
        "about us",
        "about the company",
        "who we are",
        "company overview",
        "about the team",
        "our company",
        "company description",
    ),
}

_MAX_HEADING_WORDS = 7
_LINE = re.compile(r"[^\n]*\n?")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def heading_table(headings: dict[str, tuple[str, ...]]) -> tuple[dict[str, str], dict[str, str]]:
    """(phrase -> section, glued phrase -> section) for :func:`heading_section`."""
    phrases = {p: s for s, items in headings.items() for p in items}
    glued = {p.replace(" ", ""): s for p, s in phrases.items() if " " in p}
    return phrases, glued


# PDF text often glues heading words ("ProfessionalExperience"): match those without spaces too.
_PHRASE_TO_SECTION, _GLUED_TO_SECTION = heading_table(HEADINGS)


def heading_section(line: str, table: tuple[dict[str, str], dict[str, str]] | None = None) -> str | None:
    """The canonical section a line names, or None if the line is not a heading.

    ``table`` (from :func:`heading_table`) replaces the default phrases: postings name more
    sections than resumes (how to apply, equal-opportunity text).
    """
    phrases, glued = table or (_PHRASE_TO_SECTION, _GLUED_TO_SECTION)
    stripped = line.strip().strip("#*•-_=|").strip()
    if not stripped or len(stripped) > 60:
        return None
    if stripped.endswith((".", ",", ";")):
        return None
    key = _NON_WORD.sub(" ", stripped.lower().replace("&", " and ")).strip()
    if not key or len(key.split()) > _MAX_HEADING_WORDS:
        return None
    key = key.replace(" amp ", " and ").replace(" & ", " and ")
    if key in phrases:
        return phrases[key]
    if " " not in key and key in glued:
        return glued[key]
    # "Key Responsibilities:" with trailing words is still a heading if it ends with ':'.
    if stripped.endswith(":"):
        words = key.split()
        for n in range(len(words), 0, -1):
            if " ".join(words[:n]) in phrases and n >= len(words) - 2:
                return phrases[" ".join(words[:n])]
    return None


def find_sections(text: str) -> list[tuple[int, int, str]]:
    """(start_char, end_char, name) ranges covering ``text``; the first one is ``header``."""
    bounds: list[tuple[int, str]] = [(0, "header")]
    for match in _LINE.finditer(text):
        line = match.group()
        if not line:
            break
        name = heading_section(line)
        if name is not None:
            bounds.append((match.start(), name))
    out: list[tuple[int, int, str]] = []
    for i, (start, name) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        if end > start:
            out.append((start, end, name))
    return out


def guess_kind(text: str, sections: Iterable[str] = ()) -> str:
    """ "posting" or "resume"; the cues and their weights live in :mod:`analyzer.kind`."""
    return detect_kind(text, sections).kind


# Sections that list what a person knows or holds rather than telling what they did: a skill
# named there counts as named, whatever the words around it.
LISTED_SECTIONS = frozenset({"skills", "certifications"})


def section_lookup(doc: Doc) -> Callable[[int], str]:
    """A function from character offset to section name, reading the section table once (for
    components that look up many offsets)."""
    info = doc_info(doc)
    starts: list[int] = info.get("section_starts", [0])
    names: list[str] = info.get("section_names", ["header"])
    return lambda char: names[max(bisect.bisect_right(starts, char) - 1, 0)]


def section_at(doc: Doc, char: int) -> str:
    """The section a character offset falls in."""
    return section_lookup(doc)(char)


@Language.factory("jobfit_sections")
class SectionsComponent:
    """Writes ``doc.spans["sections"]``, ``doc._.jobfit["kind"]`` and ``["kind_confidence"]``.

    A kind set by the caller (``--kind``, a table's ``kind`` column) is kept, with confidence 1.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ranges = find_sections(doc_text(doc))
        spans = []
        for start, end, label in ranges:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
        doc.spans["sections"] = spans
        info = doc_info(doc)
        info["section_starts"] = [r[0] for r in ranges]
        info["section_names"] = [r[2] for r in ranges]
        if "kind" in info:
            info["kind_confidence"] = 1.0
        else:
            guess = detect_kind(doc_text(doc), info["section_names"])
            info["kind"], info["kind_confidence"] = guess.kind, guess.confidence
        return doc
