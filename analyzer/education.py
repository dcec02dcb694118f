"""Degrees and diplomas ("B.S. in Computer Science", "MBA", "High School Diploma") as spans.

One regex pass over ``doc.text`` finds degree heads (long forms case-insensitive, abbreviations
case-sensitive so "ms office" and "Ms Smith" stay out); each head is then checked against its
context, because bare abbreviations are ambiguous ("MS Office", "Boston, MA", "BA team") and
"master" is also a role ("Scrum Master") or a noun ("master data").
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import doc_info, doc_text, ensure_extensions
from .regex_guard import guarded
from .sections import section_at
from .vocabulary import DEGREE_LEVELS, DEGREE_RANK, MONTH_FORMS

LEVELS = DEGREE_LEVELS
_RANK = DEGREE_RANK

_HEAD = re.compile(
    r"(?<![\w.'’])(?:"
    r"(?P<long>(?i:bachelor|master|associate|doctorate|doctoral|doctor|high[\s-]*school))"
    r"(?P<poss>'s|’s|\x92s|s)?(?![\w])"
    r"|(?P<abbr>Ph\.?\s?D\.?|PHD|Ed\.D\.?|D\.B\.A\.|M\.B\.A\.?|MBA|M\.Sc\.?|MSc|M\.S\.?|M\.A\.?"
    r"|M\.Ed\.?|M\.Eng\.?|MEng|MSIT|MSCS|MSIS|MPA|MS|MA|B\.Sc\.?|BSc|B\.S\.?|B\.A\.?|B\.E\.|B\.Eng\.?"
    r"|BEng|B\.Tech\.?|BTech|B\.B\.A\.?|BBA|BSBA|BSIT|BSCS|BSEE|BS|BA|A\.A\.S\.?|AAS|A\.S\.|A\.A\."
    r"|GED)(?![\w])"
    r"|(?P<cert>(?i:(?:graduate\s+|professional\s+|post-?graduate\s+)?certificate)(?=\s+(?i:in|of)\s))"
    r")"
)

_ABBR_LEVEL = {
    "PHD": "doctorate",
    "EDD": "doctorate",
    "DBA": "doctorate",
    "MBA": "master",
    "MSC": "master",
    "MS": "master",
    "MA": "master",
    "MED": "master",
    "MENG": "master",
    "MSIT": "master",
    "MSCS": "master",
    "MSIS": "master",
    "MPA": "master",
    "BSC": "bachelor",
    "BS": "bachelor",
    "BA": "bachelor",
    "BE": "bachelor",
    "BENG": "bachelor",
    "BTECH": "bachelor",
    "BBA": "bachelor",
    "BSBA": "bachelor",
    "BSIT": "bachelor",
    "BSCS": "bachelor",
    "BSEE": "bachelor",
    "AAS": "associate",
    "AS": "associate",
    "AA": "associate",
    "GED": "high_school",
}
# Fields implied by the abbreviation itself.
_ABBR_FIELD = {
    "MBA": "Business Administration",
    "BBA": "Business Administration",
    "BSBA": "Business Administration",
    "MSIT": "Information Technology",
    "BSIT": "Information Technology",
    "MSCS": "Computer Science",
    "BSCS": "Computer Science",
    "MSIS": "Information Systems",
    "BSEE": "Electrical Engineering",
    "MPA": "Public Administration",
}
# Bare two-letter abbreviations are degrees only before a field word or an explicit marker.
_AMBIGUOUS_ABBR = frozenset({"MS", "MA", "BS", "BA"})
_FIELD_START = frozenset(
    """computer information business electrical electronic electronics mechanical civil chemical
    industrial engineering economics accounting finance financial mathematics math applied
    physics chemistry biology psychology management marketing english history communication
    communications political sociology criminal criminology nursing education software
    science sciences statistics data cyber cybersecurity network networking health healthcare
    human international systems technology it cs mis liberal philosophy journalism general
    organizational project public aerospace biomedical environmental geology geography law
    legal economy operations supply logistics hospitality graphic art arts music design
    architecture anthropology kinesiology biochemistry telecommunications""".split()
)
# Microsoft products and similar words after "MS"/"BA" that are not fields of study.
_NOT_FIELD = frozenset(
    """office excel word access project outlook powerpoint visio sql windows teams dynamics
    exchange sharepoint dos azure server publisher onenote intune paint crm edge team role
    analyst manager""".split()
)
# Words after "of" that name the kind of degree rather than its field.
_DEGREE_TYPE = re.compile(
    r"(?i:applied\s+sciences?|applied\s+arts|fine\s+arts|liberal\s+arts|science|arts|philosophy)"
    r"(?![a-z0-9_])"  # glued PDF text: "ofScienceJohnBrownUniversity"
)
# PDF text glues words ("Bachelor ofScience"): "of"/"in" before a capital counts as a word.
_LONG_FIELD_LEAD = re.compile(
    r"[ \t]*(?i:degree|diploma)?[ \t]*(?P<of>(?i:of|in)(?:(?![\w])|(?=[A-Z])))?[ \t]*"
)
_FIELD_LEAD = re.compile(r"[ \t]*(?i:degree[ \t]*)?(?:(?i:in)(?![\w])|:|,|-|–|—)?[ \t]*")
# Two spaces or a no-break space usually separate flattened columns or bullets.
_FIELD_RAW = re.compile(r"(?:(?![\n\t\xa0]|[ ]{2})[^.;:()\[\]|•\d])*")
# Institutions and places glued to the field by PDF extraction ("FrenchUniversity of ...").
_FIELD_CUT = re.compile(
    r"(?:University|College|Institute|School|Academy|Community|ï¼|Â|\bCity\b|\bState\b"
    r"|\b(?:" + "|".join(form.capitalize() for forms in MONTH_FORMS for form in forms) + r")\b)"
)
_VAGUE_FIELD = re.compile(
    r"(?i:(?:a|an|any)\s+)?(?i:related|relevant|similar|equivalent|appropriate|applicable"
    r"|comparable|technical|quantitative)(?:\s+(?i:field|discipline|area|subject|major)s?)?"
)
_FIELD_STOP = frozenset(
    """from at university college institute school gpa with preferred required is are degree
    degrees program programme graduated graduate expected minor concentration which that plus
    strongly highly desired desirable preferably ideally will must and/or who where while
    including such equivalent""".split()
)
_OR_TAIL = frozenset("equivalent related similar comparable other relevant relatable".split())
_EDGE_STOP = frozenset("and or the a an of in with to for at on by & , -".split())
_MASTER_NOT_AFTER = frozenset(
    """scrum web post quiz grand head band ring tool station harbor yard chess concert task
    data""".split()
)
_MAX_FIELD_WORDS = 8
_FIELD_WINDOW = 160  # chars; keeps a text without terminators linear
_ASSOCIATE_KIND = re.compile(
    r"[ \t]*(?:(?i:degree)|(?i:of|in)[ \t]*(?i:applied[ \t]*)?(?i:science|arts|business|general"
    r"|occupational))(?![\w])"
)
_HIGH_SCHOOL_KIND = re.compile(
    r"[ \t]*(?:(?i:diploma|degree|graduate|education|equivalent|or[ \t]+(?:equivalent|ged))"
    r"(?![\w])|/[ \t]*GED)"
)
_CERT_NOT = re.compile(r"[ \t]+(?i:of[ \t]+(?:insurance|occupancy|authority|deposit|title|good))")
_SKIP_IN_POSTINGS = frozenset({"benefits", "about"})


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start() + start, m.end() + start, m.group()) for m in re.finditer(r"[^\s,]+", text[start:end])]


def _trim(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for i, (ws, we, w) in enumerate(words):
        key = w.lower().strip("'’-–—,")
        if key in _FIELD_STOP:
            break
        if key == "or":
            nxt = [x[2].lower() for x in words[i + 1 : i + 3]]
            if any(n in _OR_TAIL for n in nxt):
                break
        kept.append((ws, we, w))
        if len(kept) == _MAX_FIELD_WORDS:
            break
    while kept and kept[-1][2].lower() in _EDGE_STOP:
        kept.pop()
    while kept and kept[0][2].lower() in ("the", "a", "an", "and", "or"):
        kept.pop(0)
    return kept


def _field(text: str, pos: int) -> tuple[int, int] | None:
    """(start, end) of the field of study starting at ``pos``.

    A comma list continues only as an enumeration that ends in "or/and ..." ("computer
    science, information technology, or a related field"); otherwise the comma ends the field
    ("Computer Science, Boston University").
    """
    raw = _FIELD_RAW.match(text, pos, pos + _FIELD_WINDOW)
    if raw is None or raw.end() == pos:
        return None
    cut = _FIELD_CUT.search(text, pos, raw.end())
    raw_end = cut.start() if cut is not None else raw.end()
    items: list[tuple[int, int]] = []
    item_start = pos
    for m in re.finditer(",", text[pos:raw_end]):
        items.append((item_start, pos + m.start()))
        item_start = pos + m.end()
    items.append((item_start, raw_end))
    first = _trim(_words(text, *items[0]))
    if not first:
        return None
    # Stop words cut the first item short: then there is no enumeration to follow.
    end = first[-1][1]
    cut_short = len(first) < len(_words(text, *items[0]))
    joined = [text[a:b].strip().lower() for a, b in items[1:]]
    enumeration = any(j.startswith(("or ", "and ")) for j in joined)
    if not cut_short and enumeration:
        for (a, b), j in zip(items[1:], joined, strict=True):
            kept = _trim(_words(text, a, b))
            if not kept:
                break
            end = kept[-1][1]
            if j.startswith(("or ", "and ")) or len(kept) < len(_words(text, a, b)):
                break
    while end > first[0][0] and not text[end - 1].isalnum():
        end -= 1
    if end <= first[0][0] or _VAGUE_FIELD.fullmatch(text[first[0][0] : end]):
        return None
    return first[0][0], end


def field_after(text: str, pos: int) -> tuple[int, int] | None:
    """(start, end) of a field of study right after ``pos`` ("Computer Science, or a related
    field"), by the same rules as a degree's field; None when there is none or it is vague."""
    lead = _FIELD_LEAD.match(text, pos)
    return _field(text, lead.end() if lead is not None else pos)


def _first_word(text: str, pos: int) -> str:
    match = re.match(r"[ \t]*([A-Za-z][\w'’]*)", text[pos : pos + 40])
    return match.group(1) if match else ""


def find_degrees(text: str, *, allow_bare_high_school: bool = True) -> list[tuple[int, int, dict[str, Any]]]:
    """(start_char, end_char, attrs) of every degree mention in ``text``."""
    out: list[tuple[int, int, dict[str, Any]]] = []
    for head in guarded(_HEAD).finditer(text):  # the same matches, found faster
        found = _parse(text, head, allow_bare_high_school)
        if found is not None:
            out.append(found)
    # "Bachelor's or Master's degree in CS", "BS/MS in Computer Science": share the field.
    for i in range(len(out) - 1, 0, -1):
        (_s0, e0, a0), (s1, _e1, a1) = out[i - 1], out[i]
        gap = text[e0:s1].strip().lower()
        if a0["field"] is None and a1["field"] is not None and gap in ("or", "/", "and", ","):
            a0["field"] = a1["field"]
    return out


def _parse(text: str, head: re.Match[str], allow_bare_hs: bool) -> tuple[int, int, dict[str, Any]] | None:
    start, end = head.span()
    level: str
    field: str | None = None
    field_span: tuple[int, int] | None = None
    if head.group("long"):
        word = re.sub(r"[\s-]+", " ", head.group("long").lower())
        poss = head.group("poss") or ""
        if word == "high school":
            kind = _HIGH_SCHOOL_KIND.match(text, end)
            if kind is not None:
                end = kind.end()
            elif not allow_bare_hs or not head.group("long")[0].isupper():
                return None
            return start, end, {"level": "high_school", "field": None}
        if word == "associate":
            kind = _ASSOCIATE_KIND.match(text, end)
            if kind is None:
                return None  # "Associate" alone is a job title
            level, pos = "associate", end
        elif word.startswith("doctor"):
            level, pos = "doctorate", end
            if word == "doctor" and not re.match(r"[ \t]*(?i:of)\s*[A-Za-z]", text[end : end + 8]):
                return None
            if word == "doctoral" and not re.match(r"[ \t]+(?i:degree)", text[end : end + 10]):
                return None
        elif word == "master":
            before = re.search(r"([A-Za-z]+)[ \t]*$", text[max(0, start - 20) : start])
            if before is not None and before.group(1).lower() in _MASTER_NOT_AFTER:
                return None
            lead = _LONG_FIELD_LEAD.match(text, end)
            has_degree = lead is not None and "degree" in lead.group().lower()
            if poss not in ("'s", "’s") and not has_degree:
                if lead is None or lead.group("of") is None:
                    return None
                nxt = _first_word(text, lead.end())
                if not nxt or not (nxt[0].isupper() or nxt.lower() in _FIELD_START):
                    return None
            level, pos = "master", end
        else:  # bachelor
            level, pos = "bachelor", end
        lead = _LONG_FIELD_LEAD.match(text, pos)
        assert lead is not None  # every part of the pattern is optional
        after = lead.end()
        if lead.group().strip():
            end = lead.end() if lead.group("of") else pos + len(lead.group().rstrip())
        if lead.group("of") and lead.group("of").lower() == "of":
            kind = _DEGREE_TYPE.match(text, after)
            if kind is not None:
                end = kind.end()
                field_lead = _FIELD_LEAD.match(text, end)
                after = field_lead.end() if field_lead is not None and field_lead.group().strip() else -1
        elif not lead.group("of"):
            # "Bachelor's degree: Computer Science", "Bachelor of Science: Psychology".
            field_lead = _FIELD_LEAD.match(text, lead.end())
            after = field_lead.end() if field_lead is not None and field_lead.group().strip() else -1
        if after >= 0:
            field_span = _field(text, after)
        if field_span is None:
            end = pos + len(text[pos:end].rstrip(" \t:,-–—(")) if end > pos else end
            end = _strip_dangling(text, pos, end)
    elif head.group("abbr"):
        key = re.sub(r"[.\s]", "", head.group("abbr")).upper()
        level = _ABBR_LEVEL[key]
        if key in _ABBR_FIELD:
            return start, end, {"level": level, "field": _ABBR_FIELD[key]}
        if key == "GED":
            return start, end, {"level": level, "field": None}
        lead = _FIELD_LEAD.match(text, end)
        assert lead is not None
        marker = lead.group().strip().lower()
        nxt = _first_word(text, lead.end())
        if nxt.lower() in _NOT_FIELD:
            return None
        if key in _AMBIGUOUS_ABBR and "." not in head.group("abbr"):
            explicit = marker.startswith(("in", "degree")) or text.startswith("/", end)
            if not explicit and nxt.lower() not in _FIELD_START:
                return None
        if text.startswith("/", end):
            return start, end, {"level": level, "field": None}
        if marker or nxt:
            field_span = _field(text, lead.end())
    else:
        if _CERT_NOT.match(text, end):
            return None
        level = "certificate"
        lead = re.match(r"\s+(?i:in|of)\s+", text[end : end + 8])
        if lead is not None:
            field_span = _field(text, end + lead.end())
        if field_span is None:
            return None
    if field_span is not None:
        field = text[field_span[0] : field_span[1]]
        end = field_span[1]
    return start, end, {"level": level, "field": field}


def _strip_dangling(text: str, start: int, end: int) -> int:
    """Drop a trailing "degree in"/"of" left when no field followed."""
    while True:
        match = re.search(r"[ \t]+(?i:in|of)$", text[start:end])
        if match is None:
            return end
        end = start + match.start()


def highest_level(levels: list[str]) -> str | None:
    return max(levels, key=_RANK.__getitem__) if levels else None


@Language.factory("jobfit_education")
class EducationComponent:
    """Writes ``doc.spans["education"]`` and ``doc._.jobfit["education_summary"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        info = doc_info(doc)
        kind = info.get("kind", "resume")
        found = find_degrees(doc_text(doc))
        spans = []
        for start, end, attrs in found:
            section = section_at(doc, start)
            if kind == "posting" and section in _SKIP_IN_POSTINGS:
                continue  # "tuition help for a master's degree" is a benefit, not a requirement
            if attrs["level"] == "high_school" and not _explicit_high_school(doc_text(doc), start, end):
                # A bare "Lincoln High School" is a degree only where studies are listed.
                if kind != "resume" or section not in ("education", "header"):
                    continue
            span = doc.char_span(start, end, label="EDUCATION", alignment_mode="expand")
            if span is None or not len(span):
                continue
            span._.attrs = attrs
            spans.append(span)
        doc.spans["education"] = spans
        info["education_summary"] = {"highest_level": highest_level([s._.attrs["level"] for s in spans])}
        return doc


def _explicit_high_school(text: str, start: int, end: int) -> bool:
    return text[start:end].strip().upper() == "GED" or _HIGH_SCHOOL_KIND.search(text, start, end) is not None
