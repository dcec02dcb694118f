"""Statements: the bullets, sentences and list items of a document, with offsets and section.

A statement is what a person did or a job asks for ("Led a team of 14 engineers ..."): the unit
the competency recogniser (:mod:`analyzer.competencies`) labels. Lines are joined when a bullet
or sentence wraps onto the next line (never after a line that ends in its dates), paragraphs are
split into sentences, and bullets that PDF text ran together on one line are split at their done
verbs, and list items a job board's flattening glued together ("appsInteract") at the glue.
Headings, date lines, contact lines and very short fragments are not statements.

Offsets index the document text exactly (``text[start:end]`` is the statement, wrapped lines
and all); :func:`normalise` gives the one-line form the recogniser reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .experience import _MONTH_NAME as MONTH_NAME  # one month vocabulary for dates
from .extensions import doc_info, doc_text, ensure_extensions
from .sections import heading_section, section_lookup
from .tokenizer import unglued
from .vocabulary import IRREGULAR_DONE_VERBS, ONGOING_PATTERN, YEAR_PATTERN

# Bullet glyphs and list markers that open a new statement: glyphs, a hyphen, en dash or
# Markdown's "+" (followed by a space, so "+1 555" is no bullet), "1."
# "2)" "(3)", and letters or roman numerals closed by a parenthesis ("a)", "(b)", "iv)"; "a."
# would also take initials at a line's start, and PDF text breaks lines before an em dash
# inside a sentence).
# Glyphs that are bullets even glued to the word after them; the other markers need a space.
_GLYPHS = "•▪●◦○◯‣⁃∙■□☐☑✓✔✗✘❖◆◇♦➢➤►"
_BULLET = re.compile(
    rf"[ \t]*(?:[-–+*·o§→{_GLYPHS}]|\(?\d{{1,2}}[.)]|\(?(?:[A-Za-z]|[ivxIVX]{{2,4}})\))[ \t]+"
    rf"|[ \t]*[{_GLYPHS}]"
)
_LINE = re.compile(r"[^\n]*(?:\n|$)")
# Words that link a phrase to what comes after them.
_LINKING_WORDS = frozenset(
    """and or of the a an to for with in on at by from as including such via while across into
    over under within through per""".split()
)
# Wrapped-line cues: the previous line ends mid-phrase, or the next one starts in lower case.
_OPEN_END = re.compile(rf"(?:[,&(/\-–]|\b(?:{'|'.join(sorted(_LINKING_WORDS))}))\s*$", re.I)
# A line that starts with a capitalised verb of what someone did ("Managed …", "Led …") opens a
# statement even when the line before ran to the margin: PDF text loses bullet glyphs, and a
# sentence wrapped at the margin goes on in lower case or with a name, not with "Improved".
# Unlike kind detection's "past_bullet" cue, it also takes the adjectives that open list items
# ("Certified …", "Skilled in …", "Advanced …"): with that cue's exceptions, 50 dev documents
# joined such items to the line before. "Responsible for" opens resume bullets as often.
_ACTION_START = re.compile(
    r"(?:[A-Z][a-z]+ed|" + "|".join(v.capitalize() for v in IRREGULAR_DONE_VERBS) + r"|Responsible(?= for))\b"
)
# Bullets run together on one line (PDF text that lost its glyphs: "… material management
# operations Processed information retrievals …"): a done verb after a word in lower case opens
# a statement when what follows it reads as its object ("Processed information", "Cut, buff";
# not "Registered Nurse", "Advanced Excel") and the word before it does not make it a name's
# part or a predicate ("in Advanced …", "is Committed to …").
_RUN_ON = re.compile(rf"(?<=[a-z0-9%)])\s+(?={_ACTION_START.pattern},?\s+[a-z0-9$(])")
_NOT_BEFORE_A_VERB = _LINKING_WORDS | frozenset(
    """our their its his her my your this that is are was were be been being has have had not
    also who which""".split()
)
_SENTENCE_END = re.compile(r"[.!?:;]['\")\]]*\s*$")
# A line that ends in a year or "present" (a role's or a degree's date line) is complete: the
# line after it opens a statement of its own even when the date line ran to the margin.
_DATE_END = re.compile(rf"\b(?:{YEAR_PATTERN}|{ONGOING_PATTERN})\W*$", re.I)
# Sentence breaks inside a line: ". " before a capital, or a glued ".In" from PDF text. After an
# acronym ("… the district WAN. Automated …", "… Eagan, MN. Genesis10 …") only with a space:
# glued, the period is part of a name ("ASP.Net"). Single capitals are initials (_ABBREV).
_SENTENCE_BREAK = re.compile(
    r"(?:(?<=[a-z0-9%)\]][.!?])(?:\s+|(?=[A-Z][a-z]))|(?<=[A-Z]{2}[.!?])\s+)(?=[A-Z\"“(])"
)
# Abbreviations before a period that do not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|inc|ltd|co|corp|mr|mrs|ms|dr|st|jr|sr|vs|no|dept|approx|"
    r"incl|avg|est|govt|intl|u\.s|u\.k|a\.m|p\.m)|\b[A-Z])\.$",
    re.I,
)
_DATE_ONLY = re.compile(
    rf"^[\W\d_]*(?:{MONTH_NAME}\.?|{ONGOING_PATTERN}|to|\d{{1,4}}|[-–—/,.]|\s)*$",
    re.I,
)
_CONTACT = re.compile(r"@|https?://|www\.|\(\d{3}\)|\b\d{3}[-.\s]\d{3}[-.\s]\d{4}\b")
_WORD = r"[A-Za-z][A-Za-z'’-]*"
MIN_WORDS = 3
# MIN_WORDS words (maximal runs of _WORD) anywhere: found without listing every word of a long
# segment. A word ends where a character that cannot continue it comes.
_ENOUGH_WORDS = re.compile(_WORD + rf"(?:[^A-Za-z'’-][^A-Za-z]*{_WORD}){{{MIN_WORDS - 1}}}")
MIN_CHARS = 12
# A "statement" longer than this is a flattened paragraph or table: cut at clause breaks.
MAX_CHARS = 600
_CLAUSE_BREAK = re.compile(r";\s+|\s+[•|]\s+")


@dataclass(frozen=True)
class Statement:
    start: int
    end: int
    section: str


def normalise(text: str) -> str:
    """One line, single spaces: what the recogniser reads (offsets still index the original)."""
    return " ".join(text.split())


def is_bullet(line: str) -> bool:
    """Whether ``line`` opens with a list marker (a bullet glyph, "-", "1.", "a)", "(iv)" …)."""
    return bool(_BULLET.match(line))


def _units(text: str, headings: frozenset[int] | None = None) -> list[tuple[int, int]]:
    """Bullets and paragraphs as (start, end), wrapped lines joined, headings and blanks dropped.

    ``headings``: start offsets of the heading lines when the caller knows them already.
    """
    units: list[tuple[int, int]] = []
    cur: list[int] | None = None  # [start, end] of the unit being built
    prev_line = ""
    for match in _LINE.finditer(text):
        raw = match.group()
        if not raw:
            break
        line = raw.rstrip("\n")
        stripped = line.strip()
        is_heading = match.start() in headings if headings is not None else heading_section(line) is not None
        if not stripped or is_heading:
            if cur:
                units.append((cur[0], cur[1]))
            cur, prev_line = None, ""
            continue
        bullet = _BULLET.match(line)
        lead = bullet.end() if bullet else len(line) - len(line.lstrip())
        start = match.start() + lead
        end = match.start() + len(line.rstrip())
        if start >= end:
            continue
        first = text[start]
        joins = (
            cur is not None
            and not bullet
            and (
                first.islower()
                or first in "(&"
                # Both cues sit at the end of the line: look at its tail only.
                or bool(_OPEN_END.search(prev_line[-24:]))
                # A long line that stops without punctuation wrapped at the margin.
                or (
                    len(prev_line) >= 60
                    and not _SENTENCE_END.search(prev_line[-8:])
                    and not first.isdigit()
                    and not _ACTION_START.match(text, start)
                    and not _DATE_END.search(prev_line[-24:])
                )
            )
        )
        if joins and cur is not None:
            cur[1] = end
        else:
            if cur:
                units.append((cur[0], cur[1]))
            cur = [start, end]
        prev_line = line
    if cur:
        units.append((cur[0], cur[1]))
    return units


def _run_on_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for m in _RUN_ON.finditer(text, start, end):
        before = text[max(start, m.start() - 24) : m.start()].split()
        # A capitalised word before it makes a title's words ("Commercially Insured patients").
        if before and not before[-1][0].isupper() and before[-1].lower() not in _NOT_BEFORE_A_VERB:
            out.append((pos, m.start()))
            pos = m.end()
    out.append((pos, end))
    return out


# Words a job board's flattening glued together ("appsInteract"): where one list item ended and
# the next began. The tokenizer splits them by the same rule (``tokenizer.unglued``).
_GLUED_WORD = re.compile(r"(?<![A-Za-z0-9])[a-z]{3,}(?:[A-Z][a-z]{2,})+(?![A-Za-z0-9])")


def _glue_breaks(text: str, start: int, end: int, keep: frozenset[str]) -> list[tuple[int, int]]:
    cuts: list[int] = []
    for m in _GLUED_WORD.finditer(text, start, end):
        at = m.start()
        for piece in unglued(m.group(), keep)[:-1]:
            at += len(piece)
            cuts.append(at)
    out: list[tuple[int, int]] = []
    pos = start
    # Only where both sides are statements: a fragment too short to be one ("...college
    # boundProcess Improvement") stays with its neighbour, as it was before the cut.
    for at in cuts:
        if _keep(text[pos:at]) and _keep(text[at:end]):
            out.append((pos, at))
            pos = at
    out.append((pos, end))
    return out


def _sentences(text: str, start: int, end: int, keep: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE_BREAK.finditer(text, start, end):
        if _ABBREV.search(text, max(start, m.start() - 6), m.start()):
            continue
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    pieces: list[tuple[int, int]] = []
    for a, b in out:
        if b - a > MAX_CHARS:
            p = a
            for m in _CLAUSE_BREAK.finditer(text, a, b):
                pieces.append((p, m.start()))
                p = m.end()
            pieces.append((p, b))
        else:
            pieces.append((a, b))
    # Run-on bullets are parted last, so a long sentence is cut at its clauses as before.
    return [
        part
        for a, b in pieces
        for run in _run_on_breaks(text, a, b)
        for part in _glue_breaks(text, *run, keep)
    ]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "-–—•*·|,;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "-–—•*·|,;"):
        end -= 1
    return start, end


def _keep(segment: str) -> bool:
    if len(segment) < MIN_CHARS or _ENOUGH_WORDS.search(segment) is None or _CONTACT.search(segment):
        return False
    # A line of dates only is short; longer text is never only dates.
    return len(segment) > 80 or not _DATE_ONLY.match(segment)


def find_statements(
    text: str, headings: frozenset[int] | None = None, keep: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """(start, end) of every statement in ``text``, in reading order; ``keep``: lower-cased
    names that look like glued words but are not (the tokenizer's, from the lexicon)."""
    out: list[tuple[int, int]] = []
    for u_start, u_end in _units(text, headings):
        for s_start, s_end in _sentences(text, u_start, u_end, keep):
            a, b = _trim(text, s_start, s_end)
            if b > a and _keep(text[a:b]):
                out.append((a, b))
    return out


# One statement's clauses are joined by semicolons ("Owned a $15MM budget; hired and led 75
# FTEs") or by "and" before a done verb ("Negotiated contracts with hardware suppliers and cut
# annual spend by 18%"). Sentences are statements of their own already; colons and dashes were
# measured as clause breaks too and lost precision (they open lists and titles), and so did
# every "and" (it joins nouns more often than clauses).
_CLAUSE_MIN_WORDS = 3
_CLAUSE_JOIN = re.compile(r"(;|,?\s+and\s+(?=(?:[a-z]+ed|" + "|".join(IRREGULAR_DONE_VERBS) + r")\b))")


def clauses(statement: str) -> list[str]:
    """The clauses of ``statement`` when it holds two or more of at least three words (else
    none): what a statement shows is what any of its clauses shows, and a clause's words are
    not diluted by the others'. Verbs joined by "and" share what follows them ("hired and led 75
    FTEs"): a part of fewer than three words before an "and" stays with the part after it."""
    return [statement[a:b] for a, b in clause_spans(statement)]


def clause_spans(statement: str) -> list[tuple[int, int]]:
    """Where in ``statement`` its ``clauses`` are (start, end), in order."""
    if ";" not in statement and " and " not in statement:
        return []
    pieces = _CLAUSE_JOIN.split(statement)  # part, separator, part, ...
    spans: list[tuple[int, int]] = []
    start = pos = 0  # where the part being built starts; where the next piece starts
    for i in range(0, len(pieces), 2):
        pos += len(pieces[i])
        joined_by_and = i + 1 < len(pieces) and pieces[i + 1] != ";"
        if joined_by_and and len(statement[start:pos].split()) < _CLAUSE_MIN_WORDS:
            pos += len(pieces[i + 1])  # carried into the next part, its "and" too
            continue
        part = statement[start:pos]
        lead = len(part) - len(part.lstrip())
        spans.append((start + lead, start + len(part.rstrip())))
        if i + 1 < len(pieces):
            pos += len(pieces[i + 1])
        start = pos
    spans = [(a, b) for a, b in spans if len(statement[a:b].split()) >= _CLAUSE_MIN_WORDS]
    return spans if len(spans) > 1 else []


def statements_of(doc: Doc) -> list[Statement]:
    """The statements the pipeline found (empty before ``jobfit_statements`` ran)."""
    return list(doc_info(doc).get("statements", ()))


@Language.factory("jobfit_statements")
class StatementsComponent:
    """Writes ``doc.spans["statements"]`` and the exact offsets in ``doc._.jobfit["statements"]``.

    Spans snap to token edges (a PDF's glued "projects.In" is one token); the records use the
    exact character offsets kept beside them.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extensions()
        self.name = name
        self.keep: frozenset[str] = getattr(nlp.tokenizer, "keep", frozenset())

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        info = doc_info(doc)
        starts: list[int] = info.get("section_starts", [0])
        section = section_lookup(doc)
        # The sections component found the heading lines already: every section but the first
        # starts at one.
        found = [
            Statement(a, b, section(a)) for a, b in find_statements(text, frozenset(starts[1:]), self.keep)
        ]
        info["statements"] = found
        spans = []
        for st in found:
            span = doc.char_span(st.start, st.end, label=st.section, alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
        doc.spans["statements"] = spans
        return doc
