"""Experience claims ("5+ years of experience in IT management") and dated roles on resumes.

Everything is found by scanning ``doc.text`` with precompiled regexes and only then mapped to
token spans, so the component costs a few regex passes rather than a Python loop per token.

Date conventions (month granularity, both ends inclusive, as LinkedIn counts them):

* a year without a month starts in January and ends in December, so "2015 - 2018" is 48 months;
* "Jan 2015 - Jan 2016" is 13 months; a range within one month is 1 month;
* "Present/Current/Now/Today/Date/Ongoing" ends at the reference month: ``doc._.jobfit["as_of"]``
  ("YYYY-MM") if the caller set it, else the component's ``as_of`` config, else today.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .errors import UsageError
from .extensions import doc_info, doc_text, ensure_extensions
from .intervals import union_length
from .lexicon import glued_names
from .regex_guard import guarded
from .sections import HEADINGS, heading_section, section_at
from .tokenizer import unglued
from .vocabulary import (
    JOB_TITLE_WORD_PATTERN,
    MANAGEMENT_TITLE_PATTERN,
    MONTH_NAME_PATTERN,
    MONTH_NUMBERS,
    NUMBER_WORDS,
    ONGOING_PATTERN,
    YEAR_PATTERN,
)

# ---------------------------------------------------------------------------------------------
# Experience claims
# ---------------------------------------------------------------------------------------------

# Digits may be glued to a preceding word by PDF/HTML flattening ("skills.3+ years"), number
# words may not ("often years" is not ten years).
_NUM = (
    r"(?:(?<!\d)(?<!\d\.)\d{1,2}(?:\.\d{1,2})?|\b(?:"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r"))"
)

# The unit is the cheap anchor we scan for; the number and qualifier are read backwards from it.
# Digits may be glued to the unit ("5yrs", "3-5yrs"); months count as a fraction of a year.
_UNIT = re.compile(
    r"(?:\b|(?<=\d))(?:year\(s\)|month\(s\)|(?:years?|yrs?|decades?|months?|mths?)\b\.?)", re.I
)

# Matched against the 80 characters before the unit, anchored at their end.
_HEAD = re.compile(
    r"(?:(?<![\w.])(?P<qual>(?:over|more\s+than|at\s+least|a\s+minimum\s+of|minimum\s+of|minimum|min\.?"
    r"|in\s+excess\s+of|upwards\s+of|nearly|almost|approximately|approx\.?|about|around"
    r"|roughly|close\s+to|well\s+over|~)\s*))?"
    rf"(?P<n1>{_NUM})(?:\s*\(\s*\d{{1,2}}\s*\))?"
    rf"(?:\s*(?:-|–|—|to|or)\s*(?P<n2>{_NUM})(?:\s*\(\s*\d{{1,2}}\s*\))?)?"
    r"(?P<more>\s+or\s+more|\s+or\s+greater|\s+plus|\s*\+)?"
    r"[\s-]*$",
    re.I,
)

# Words that may sit between "years of" and "experience" without naming an area ("2 years
# minimum experience in managing a team" is about managing a team, not about "minimum").
_EXP_ADJECTIVES = frozenset(
    """relevant related professional progressive progressively responsible increasing increasingly
    hands-on handson proven direct demonstrated solid extensive practical total combined full-time
    fulltime paid work working industry post-graduate postgraduate post-degree recent successful
    senior prior previous strong verifiable documented applicable comparable similar equivalent
    overall cumulative general broad significant substantial qualifying qualified diverse varied
    in-depth deep experienced of minimum min min. directly""".split()
)
# Words that alone name no area: they point elsewhere ("experience in the following:", "as
# follows", "in the field") or only qualify one ("in the global, fast-changing business world").
_VAGUE_AREAS = frozenset("following follows below above field global international know".split())
_WORD = r"[A-Za-z][\w/&+#.'’-]*"
_PRE_WORD = r"[A-Za-z(][\w/&+#.'’()-]*,?"
# Decorations between the unit and what follows: "5 years+", "5 years'", "a year's", "**7+ years**".
_AFTER_UNIT = r"[ \t]*\+?[ \t]*(?:['’]s\b|['’*])*[ \t]*\+?[ \t]*"
_AFTER_UNIT_RE = re.compile(_AFTER_UNIT)
# "years" ... "experience": up to five plain words in between (no clause punctuation).
_TAIL_EXP = re.compile(
    rf"(?P<lead>{_AFTER_UNIT})(?:of(?!f|ten)\s*)?"
    rf"(?P<pre>(?:(?!experience\b){_PRE_WORD}\s+){{0,7}}?)"
    # "exposure" is how UK and entry-level postings often say it ("2 years' exposure to SQL").
    r"(?P<exp>experience|exp\.|exposure)(?!d)",
    re.I,
)
_AREA_LEAD = re.compile(
    r"\s*(?:(?P<prep>in|with|within|as|on|across|at|of|for|doing|to)\s+"  # may be glued: "experiencein"
    r"|(?P<verb>managing|leading|supervising|directing|overseeing|running|building|developing|"
    r"designing|administering|implementing|delivering|supporting|working|providing|architecting|"
    r"coordinating|engineering|operating|maintaining|handling|serving|planning|creating|writing|"
    r"programming|testing|deploying|configuring|troubleshooting)\b\s*)",
    re.I,
)
# Single spaces only: two or more usually separate flattened bullet items in PDF/HTML text.
_AREA_WORDS = re.compile(rf"{_WORD}(?: {_WORD}){{0,11}}")
_AREA_STOP = frozenset(
    """including include includes such preferably preferred required is are was were that which
    who whom where while when plus years year yrs yr etc e.g i.e ideally desired desirable
    strongly highly must should will would can could may might experience least using utilizing
    leveraging""".split()
)
# Capitalised mid-phrase, these start the next flattened bullet ("...with SQL Strong knowledge").
_NEXT_ITEM = frozenset(
    """Strong Excellent Ability Knowledge Proven Demonstrated Must Familiarity Understanding Good
    Solid Bachelor Bachelors Bachelor's BS BA Degree Experience Comfortable Proficiency Proficient
    Working Ideally Preferred Required Nice Bonus Plus""".split()
)
_GLUE = re.compile(r"(?<=([A-Za-z]))(?=[A-Z])")
_LETTERS = re.compile(r"[A-Za-z]+")


def _next_item_glued(word: str) -> int | None:
    """Where the next flattened bullet starts inside ``word``: at words glued as the tokenizer
    splits them ("solutionsExcellent", ``tokenizer.unglued``), or before a word that opens a
    bullet glued to a capitalised one ("ManagementExperience", "CassandraGood"); else None."""
    for run in _LETTERS.finditer(word):
        pieces = unglued(run.group(), glued_names())
        if len(pieces) > 1:
            return run.start() + len(pieces[0])
        for m in _GLUE.finditer(run.group()):
            if m.group(1).islower() and _LETTERS.match(run.group(), m.start()).group() in _NEXT_ITEM:  # type: ignore[union-attr]
                return run.start() + m.start()
    return None


_GLUED_END = re.compile(r"(?<=[a-z)])(?:\.(?:[A-Z0-9].*)?|\d+\+?)$")
_OR_TAIL = frozenset("equivalent related similar comparable other".split())
_EDGE_STOP = frozenset(
    """and or the a an of in with to for at on by from as our your their its this that these
    those both either any all some other""".split()
)
_NOT_AREA_HEADS = frozenset(
    "row business operation operations existence prison age jail office power advance".split()
)
_EXP_BEFORE = re.compile(r"experience\s*(?:of|:|-|–|—)?\s*\(?\s*$", re.I)
_MAX_AREA_WORDS = 8


def _number(token: str) -> float | None:
    token = token.lower()
    if token in NUMBER_WORDS:
        return float(NUMBER_WORDS[token])
    try:
        return float(token)
    except ValueError:
        return None


def _as_int_if_whole(value: float) -> float | int:
    return int(value) if value == int(value) else value


def _clean_area(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim an area slice to its content words; ``None`` if nothing meaningful is left."""
    words = [(m.start() + start, m.end() + start, m.group()) for m in re.finditer(r"\S+", text[start:end])]
    kept: list[tuple[int, int, str]] = []
    for i, (ws, we, w) in enumerate(words):
        key = w.lower().rstrip(".'’")
        if key in _AREA_STOP or any(c.isdigit() for c in key[:1]):
            break
        if kept and w in _NEXT_ITEM:
            break
        if key == "or" and i + 1 < len(words) and words[i + 1][2].lower() in _OR_TAIL:
            break
        # Flattened text glues the next bullet to a word: "platformsExperience with ...".
        cut = _next_item_glued(w)
        if cut is not None:
            kept.append((ws, ws + cut, w[:cut]))
            break
        # Flattened text glues the next sentence or bullet on: "development.2", "capacity. A".
        glued = _GLUED_END.search(w)
        if glued is not None:
            if glued.start() > 0:
                kept.append((ws, ws + glued.start(), w[: glued.start()]))
            break
        kept.append((ws, we, w))
        if len(kept) == _MAX_AREA_WORDS or w.endswith(("-", "–")):
            break
    while kept and kept[-1][2].lower().rstrip(".") in _EDGE_STOP:
        kept.pop()
    while kept and kept[0][2].lower() in ("the", "a", "an"):
        kept.pop(0)
    if not kept:
        return None
    s, e = kept[0][0], kept[-1][1]
    while e > s and text[e - 1] in ".'’-/&":
        e -= 1
    alone = len(kept) == 1 and kept[0][2].lower().rstrip(".:,") in _EXP_ADJECTIVES | _VAGUE_AREAS
    if kept[0][2].lower() in _NOT_AREA_HEADS or alone:
        return None
    return (s, e) if e > s else None


def _area_after(text: str, pos: int, *, need_verb: bool = False) -> tuple[int, int, int] | None:
    """(area_start, area_end, area_lead_start) for the phrase at ``pos``, or None.

    Prepositions ("in IT management") are dropped from the area, gerunds ("managing IT teams")
    are kept because they say what the experience was.
    """
    lead = _AREA_LEAD.match(text, pos)
    if lead is None:
        return None
    if (
        need_verb
        and lead.group("prep") is not None
        and lead.group("prep").lower() not in ("in", "as", "within", "across")
    ):
        return None
    area_start = lead.start("verb") if lead.group("verb") else lead.end()
    words = _AREA_WORDS.match(text, lead.end())
    if words is None:
        return None
    area = _clean_area(text, area_start, words.end())
    if area is None or (lead.group("verb") and area[1] <= lead.end("verb")):
        return None
    return area[0], area[1], lead.start()


_OF = re.compile(r"(?:of\s+)?", re.I)


def _bare_area(text: str, pos: int) -> tuple[int, int, int] | None:
    """An area right after the unit with no preposition or verb ("5+ years Java development")."""
    start = _OF.match(text, pos).end()  # type: ignore[union-attr]
    words = _AREA_WORDS.match(text, start)
    if words is None:
        return None
    area = _clean_area(text, start, words.end())
    if area is None or text[area[0] : area[1]].split()[0].lower() in _BARE_NOT_AREA:
        return None
    return area[0], area[1], pos


_BARE_NOT_AREA = frozenset("old ago age of service college school".split())


def _pre_area(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The area named between "years of" and "experience" ("IT management experience")."""
    words = [(m.start() + start, m.end() + start, m.group()) for m in re.finditer(r"\S+", text[start:end])]
    while words and words[0][2].lower() in _EXP_ADJECTIVES:
        words.pop(0)
    while words and words[-1][2].lower() in _EXP_ADJECTIVES:
        words.pop()
    if not words or (len(words) == 1 and words[0][2].lower() in _VAGUE_AREAS):
        return None
    return words[0][0], words[-1][1]


def find_experience_claims(text: str) -> list[tuple[int, int, dict[str, Any]]]:
    """(start_char, end_char, attrs) of every experience claim in ``text``."""
    out: list[tuple[int, int, dict[str, Any]]] = []
    last_end = -1
    for unit in guarded(_UNIT).finditer(text):  # the same matches, found faster
        us, ue = unit.span()
        if us < last_end:
            continue
        window_start = max(0, us - 80)
        # Do not read a number across a line break: "2015\nYears of ..." is not a claim.
        nl = text.rfind("\n", window_start, us)
        if nl >= 0:
            window_start = nl + 1
        head = _HEAD.search(text, window_start, us)
        if head is None:
            continue
        unit_word = unit.group().lower()
        n1 = _number(head.group("n1"))
        n2 = _number(head.group("n2")) if head.group("n2") else None
        if n1 is None:
            continue
        tail = _TAIL_EXP.match(text, ue)
        if head.group("n1").lower() in ("a", "an") and not unit_word.startswith("decade"):
            # "a year's experience" is a claim; "a year of growth" is too vague to be one.
            if tail is None or tail.group("pre").strip():
                continue
        if unit_word.startswith("decade"):
            n1 *= 10
            n2 = n2 * 10 if n2 is not None else None
        elif unit_word.startswith("m"):
            # Months are a claim only when "experience" follows: "6+ month contract" and
            # "4 months paid leave" are terms of the job.
            if tail is None or "\n" in text[ue : tail.end()]:
                continue
            n1 = round(n1 / 12, 2)
            n2 = round(n2 / 12, 2) if n2 is not None else None
        if n1 <= 0 or n1 > 50 or (n2 is not None and (n2 < n1 or n2 > 60)):
            continue
        claim_end: int | None = None
        area: tuple[int, int] | None = None
        if tail is not None and "\n" not in text[ue : tail.end()]:
            claim_end = tail.end()
            pre = _pre_area(text, tail.start("pre"), tail.end("pre"))
            if pre is not None:
                area = pre
                claim_end = tail.end()
            else:
                after = _area_after(text, tail.end())
                if after is not None and "\n" not in text[tail.end() : after[1]]:
                    area = (after[0], after[1])
                    claim_end = after[1]
        else:
            # "10+ yrs managing IT teams", "15 years in healthcare IT", "Experience: 5 years".
            pos = _AFTER_UNIT_RE.match(text, ue).end()  # type: ignore[union-attr]
            after = _area_after(text, pos, need_verb=True)
            if after is None and head.group("more"):
                # "5+ years Java", "3+ years of Android development": the "+" marks a requirement.
                after = _bare_area(text, pos)
            if after is not None and "\n" not in text[pos : after[1]]:
                area = (after[0], after[1])
                claim_end = after[1]
            elif _EXP_BEFORE.search(text, max(0, head.start() - 30), head.start()):
                claim_end = ue + len(text[ue:pos].rstrip())
        if claim_end is None:
            continue
        more = head.group("more") is not None
        attrs: dict[str, Any] = {
            "years_min": _as_int_if_whole(n1),
            "years_max": _as_int_if_whole(n2) if n2 is not None and not more else None,
            "area": text[area[0] : area[1]] if area else None,
        }
        start = head.start()
        while start < us and text[start].isspace():
            start += 1
        out.append((start, claim_end, attrs))
        last_end = claim_end
    return out


# ---------------------------------------------------------------------------------------------
# Dated roles
# ---------------------------------------------------------------------------------------------

# The name analyzer.statements imports the month alternation by (from analyzer.vocabulary).
_MONTH_NAME = MONTH_NAME_PATTERN


def _date(tag: str) -> str:
    return (
        rf"(?:(?P<{tag}mn>{MONTH_NAME_PATTERN})\.?,?\s*(?P<{tag}y1>{YEAR_PATTERN})"
        rf"|(?P<{tag}mm>0?[1-9]|1[0-2])\s*[/.-]\s*(?:(?:0?[1-9]|[12]\d|3[01])\s*/\s*)?"
        rf"(?P<{tag}y2>{YEAR_PATTERN})"
        rf"|(?P<{tag}y3>{YEAR_PATTERN})\s*[./]\s*(?P<{tag}m3>0[1-9]|1[0-2])(?![\d/])"
        rf"|(?P<{tag}y4>{YEAR_PATTERN}))"
    )


_GLUED_MONTH = re.compile(
    r"(?<=[a-z])(" + "|".join(stem.capitalize() for stem in MONTH_NUMBERS) + r")[a-z]*\.?,?\s*$"
)
_PRESENT = rf"(?P<present>{ONGOING_PATTERN}|currently|date|ongoing)"
_RANGE = re.compile(
    r"(?<![\w/.-])"
    + _date("a")
    + r"(?!\d)\s*(?:-{1,2}|–|—|~|â€“|â€”|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b)\s*"
    + r"(?:"
    + _date("b")
    + r"(?![\d/])|(?:the\s+)?"
    + _PRESENT
    + r"\b)",
    re.I,
)
# A year-only range right after a product name is a version span, not a job ("Server 2003 - 2008").
_PRODUCT_BEFORE = re.compile(
    r"(?:windows|server|office|exchange|sql|studio|visual|excel|word|outlook|sharepoint|project|"
    r"oracle|dynamics|xp|nt|iis|version|v\.?|release|sbs)\s*$",
    re.I,
)
_MANAGEMENT = re.compile(MANAGEMENT_TITLE_PATTERN, re.I)
# Words that make a line look like a job title rather than a company, a place or a sentence.
_TITLE_WORD = re.compile(JOB_TITLE_WORD_PATTERN, re.I)
_EDU_CONTEXT = re.compile(
    r"universit|college|institute|school|academy|bachelor|master|degree|diploma|\bgpa\b"
    r"|\bb\.?s\.?c?\b|\bm\.?s\.?c?\b|\bmba\b|ph\.?d|associate of|graduat",
    re.I,
)
# A degree named on the same line as a date range: the range is a study, in any section.
_DEGREE_LINE = re.compile(
    r"\b(?:degree|diploma|bachelor|master of|master's|masters|mba|ph\.?\s?d|b\.\s?[as]\.?|m\.\s?[as]\.|"
    r"b\.?sc|m\.?sc|ged|high school)\b",
    re.I,
)
_SEPARATORS = re.compile(r"\s*(?:\||\t|\s{2,}|•|·|–|—|ï¼|\bat\b|@)\s*")
_COMPANY = re.compile(
    r"\b(?:inc|llc|l\.l\.c|corp|corporation|ltd|limited|co|company|gmbh|plc|group|holdings|partners)\b\.?\s*$",
    re.I,
)
_PLACEHOLDER = re.compile(r"company\s*name|\bcity\s*,\s*state\b|(?<=[|,\-ï¼])\s*state\b|\bstate\s*$", re.I)
_GLUED_HEADINGS = frozenset(p.replace(" ", "") for phrases in HEADINGS.values() for p in phrases) | {
    "professionalexperience",
    "workhistory",
}
_ROLE_SECTIONS = frozenset({"experience", "header", "summary", "projects", "other"})
_MIN_YEAR = 1960
_LINE_WINDOW = 200
_MAX_MONTHS = 50 * 12


def _month_index(year: int, month: int) -> int:
    return year * 12 + (month - 1)


def _parse_as_of(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, _dt.date):
        return _month_index(value.year, value.month)
    match = re.fullmatch(rf"({YEAR_PATTERN})-(0[1-9]|1[0-2])(?:-\d\d)?", str(value).strip())
    if match is None:
        raise UsageError(f"as_of must be a YYYY-MM date, got {str(value)[:40]!r}")
    return _month_index(int(match.group(1)), int(match.group(2)))


def _endpoint(match: re.Match[str], tag: str, *, is_end: bool) -> int | None:
    """Month index of one side of a range; bare years start in January and end in December."""
    year = (
        match.group(f"{tag}y1")
        or match.group(f"{tag}y2")
        or match.group(f"{tag}y3")
        or match.group(f"{tag}y4")
    )
    if year is None:
        return None
    if match.group(f"{tag}mn"):
        month = MONTH_NUMBERS[match.group(f"{tag}mn")[:3].lower()]
    elif match.group(f"{tag}mm"):
        month = int(match.group(f"{tag}mm"))
    elif match.group(f"{tag}m3"):
        month = int(match.group(f"{tag}m3"))
    else:
        month = 12 if is_end else 1
    return _month_index(int(year), month)


def _fmt(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# Separators, bullets and Markdown marks that edge a title fragment.
_TITLE_EDGES = " ,;:-–—|•*·()"


def _clean_title(candidate: str, *, prefer_last: bool) -> tuple[str | None, bool]:
    """A job title from a line fragment, with company/location parts and separators removed.

    ``prefer_last``: the fragment precedes the date, so the part nearest to it wins. The flag
    returned says whether an anonymised "Company Name"/"City, State" part was cut out, which
    tells the remainder is the title even when it has no title word ("Automobile Transporter").
    """
    # LiveCareer anonymises employers and places, often glued to the title next to them.
    replaced = _PLACEHOLDER.sub("|", candidate)
    parts: list[str] = []
    for part in _SEPARATORS.split(replaced):
        part = part.strip(_TITLE_EDGES)
        if part and re.search(r"[A-Za-z]{2}", part):
            parts.append(part)
    if not parts:
        return None, False
    titled = [p for p in parts if _TITLE_WORD.search(p)]
    pool = titled or parts
    title = pool[-1] if prefer_last else pool[0]
    # "IT Manager, Acme Corp": a trailing comma part that names a company is not the title.
    head, sep, tail = title.rpartition(",")
    if sep and head.strip() and _COMPANY.search(tail):
        title = head.strip(_TITLE_EDGES)
    # Markdown bold inside the fragment ("**Software Developer**, Acme Apps") is not the title's.
    title = " ".join(title.replace("**", " ").replace("__", " ").split()).replace(" ,", ",")
    if len(title) > 90 or len(title.split()) > 12 or title.endswith("."):
        return None, False
    return title, replaced != candidate


def _looks_like_title_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 160 or len(stripped.split()) > 20:
        return False
    if stripped.endswith((".", ";")) or heading_section(stripped) is not None:
        return False
    if re.sub(r"[^a-z]", "", stripped.lower()) in _GLUED_HEADINGS:
        return False
    return _RANGE.search(stripped) is None


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line around [start, end), cut to a window so a text without newlines stays linear."""
    lo = max(0, start - _LINE_WINDOW)
    hi = min(len(text), end + _LINE_WINDOW)
    line_start = text.rfind("\n", lo, start)
    line_end = text.find("\n", end, hi)
    return (lo if line_start < 0 else line_start + 1), (hi if line_end < 0 else line_end)


def _find_title(text: str, start: int, end: int) -> str | None:
    """The job title nearest to a date range, preferring fragments that contain a title word."""
    line_start, line_end = _line_bounds(text, start, end)
    candidates: list[tuple[str, bool]] = []  # (fragment, fragment precedes the date)
    before = text[line_start:start]
    if re.search(r"[A-Za-z]{2}", before):
        candidates.append((before, True))
    prev_end = line_start - 1
    for _ in range(3):  # previous non-empty line, across at most two blank ones
        if prev_end <= 0 or text[prev_end] != "\n":
            break
        prev_start = _line_bounds(text, prev_end, prev_end)[0]
        prev = text[prev_start:prev_end]
        if prev.strip():
            if _looks_like_title_line(prev):
                candidates.append((prev, True))
            break
        prev_end = prev_start - 1
    following = [text[end:line_end]]
    if line_end + 1 < len(text):
        following.append(text[line_end + 1 : _line_bounds(text, line_end + 1, line_end + 1)[1]])
    for frag in following:
        if re.search(r"[A-Za-z]{2}", frag) and _looks_like_title_line(frag):
            candidates.append((frag, False))
    fallback: str | None = None
    for frag, precedes in candidates:
        title, anonymised = _clean_title(frag, prefer_last=precedes)
        if title is None:
            continue
        if _TITLE_WORD.search(title):
            return title
        if fallback is None and (precedes or anonymised):
            fallback = title
    return fallback


def find_roles(
    text: str, as_of: int, section_for: Callable[[int], str] | None = None
) -> list[tuple[int, int, dict[str, Any]]]:
    """(start_char, end_char, attrs) of every plausible dated role ending by month ``as_of``.

    ``section_for`` names the section of a char offset (None: everything is experience).
    """
    out: list[tuple[int, int, dict[str, Any]]] = []
    for match in guarded(_RANGE).finditer(text):  # the same matches, found faster
        s, e = match.span()
        start = _endpoint(match, "a", is_end=False)
        glued = _GLUED_MONTH.search(text, max(0, s - 12), s) if match.group("ay4") else None
        if glued is not None and start is not None:
            # "SpecialistJan 1990 to Apr 1994": the month the regex could not see as a word.
            start = _month_index(start // 12, MONTH_NUMBERS[glued.group(1)[:3].lower()])
            s = glued.start(1)
        if match.group("present"):
            end: int | None = None
            end_index = as_of
        else:
            end = _endpoint(match, "b", is_end=True)
            end_index = end if end is not None else as_of
        if start is None:
            continue
        if start // 12 < _MIN_YEAR or end_index < start or end_index - start >= _MAX_MONTHS or start > as_of:
            continue
        if (
            match.group("ay4")
            and (match.group("by4") or match.group("present"))
            and _PRODUCT_BEFORE.search(text, max(0, s - 20), s)
        ):
            continue
        title = _find_title(text, s, e)
        section = section_for(s) if section_for is not None else "experience"
        if section == "activities":  # clubs, awards, committees: not employment
            continue
        line_start, line_end = _line_bounds(text, s, e)
        if _DEGREE_LINE.search(text, line_start, line_end):
            continue
        if section not in _ROLE_SECTIONS:
            # Headings glued by PDF extraction ("ProfessionalExperience") leave roles inside
            # skills or education; keep a range only when it reads as a job, not as a study.
            line_start, line_end = _line_bounds(text, s, e)
            line = text[line_start:line_end]
            if (
                title is None
                or not _TITLE_WORD.search(title)
                or _EDU_CONTEXT.search(line)
                or _EDU_CONTEXT.search(title)
            ):
                continue
        out.append(
            (
                s,
                e,
                {
                    "title": title,
                    "start_date": _fmt(start),
                    "end_date": _fmt(end) if end is not None else None,
                    "months": end_index - start + 1,
                    "is_management": bool(title and _MANAGEMENT.search(title)),
                },
            )
        )
    return out


def union_months(intervals: Iterable[tuple[int, int]]) -> int:
    """Months covered by inclusive month intervals, overlaps counted once."""
    return union_length((start, end + 1) for start, end in intervals)


def _interval(attrs: dict[str, Any]) -> tuple[int, int]:
    y, m = attrs["start_date"].split("-")
    start = _month_index(int(y), int(m))
    return start, start + attrs["months"] - 1


def experience_summary(roles: Iterable[dict[str, Any]]) -> dict[str, float | int]:
    """Total and management years as unions of role intervals, so overlaps count once."""
    roles = list(roles)
    total = union_months(_interval(r) for r in roles)
    mgmt = union_months(_interval(r) for r in roles if r["is_management"])
    return {
        "total_years": round(total / 12, 2),
        "management_years": round(mgmt / 12, 2),
        # A role repeated verbatim (multi-column PDFs often print the history twice) counts once.
        "roles": len({(r["start_date"], r["end_date"], r["title"]) for r in roles}),
    }


def _spans(doc: Doc, found: list[tuple[int, int, dict[str, Any]]], label: str) -> list[Span]:
    spans: list[Span] = []
    for start, end, attrs in found:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or not len(span):
            continue
        span._.attrs = attrs
        spans.append(span)
    return spans


_CLAIM_SKIP_IN_POSTINGS = frozenset({"benefits", "about"})


@Language.factory("jobfit_experience", default_config={"as_of": None})
class ExperienceComponent:
    """Writes ``doc.spans["experience"]``, ``doc.spans["roles"]`` and the experience summary."""

    def __init__(self, nlp: Language, name: str, as_of: str | None = None) -> None:
        ensure_extensions()
        self.name = name
        self.as_of = _parse_as_of(as_of)

    def _reference_month(self, info: dict) -> int:
        from_doc = _parse_as_of(info.get("as_of"))
        if from_doc is not None:
            return from_doc
        if self.as_of is not None:
            return self.as_of
        today = _dt.date.today()
        return _month_index(today.year, today.month)

    def __call__(self, doc: Doc) -> Doc:
        info = doc_info(doc)
        text = doc_text(doc)
        kind = info.get("kind", "resume")
        claims = find_experience_claims(text)
        if kind == "posting":
            claims = [c for c in claims if section_at(doc, c[0]) not in _CLAIM_SKIP_IN_POSTINGS]
        doc.spans["experience"] = _spans(doc, claims, "EXPERIENCE")
        roles: list[tuple[int, int, dict[str, Any]]] = []
        if kind == "resume":
            roles = find_roles(text, self._reference_month(info), lambda char: section_at(doc, char))
        doc.spans["roles"] = _spans(doc, roles, "ROLE")
        info["experience_summary"] = experience_summary(r[2] for r in roles)
        return doc
