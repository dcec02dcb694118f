"""How records look in the csv and table formats (json/jsonl are the records themselves)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from .document import Failure
from .explain import BIAS, CUE, CUE_COUNT, REST
from .extract import Extraction
from .output import shorten, wrap_list


def failure_record(failure: Failure) -> dict[str, Any]:
    return {
        "id": failure.id,
        "source": failure.source,
        "error": {"code": failure.code, "message": failure.message},
    }


def extraction_record(item: Extraction | Failure, text: str | None = None) -> dict[str, Any]:
    """The public record; with ``text``, also the document's plain text as ``"text"`` (what
    every ``start``/``end`` indexes)."""
    if isinstance(item, Failure):
        return failure_record(item)
    record = item.to_dict()
    if text is not None:
        record["text"] = text
    return record


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def extraction_row(record: dict[str, Any]) -> dict[str, Any]:
    """One CSV row per document."""
    error = record.get("error") or {}
    posting = record.get("posting") or {}
    return {
        "id": record["id"],
        "source": record["source"],
        "kind": record.get("kind", ""),
        "kind_confidence": record.get("kind_confidence", ""),
        "skills": _unique([s["id"] for s in record.get("skills", [])]),
        "certifications": _unique([c["id"] for c in record.get("certifications", [])]),
        "experience_claims": [c["text"] for c in record.get("experience", [])],
        "total_years": record.get("total_years", ""),
        "management_years": record.get("management_years", ""),
        "highest_education": record.get("highest_education") or "",
        "education": [f"{e['level']}:{e['field'] or ''}" for e in record.get("education", [])],
        "warnings": record.get("warnings", []),
        "posting_title": posting.get("title") or "",
        "posting_employer": posting.get("employer") or "",
        "requirements": [_requirement_label(r) for r in posting.get("requirements", [])],
        "error": f"{error['code']}: {error['message']}" if error else "",
    }


def _requirement_label(item: dict[str, Any]) -> str:
    """ "required:tech:vmware" (a lexicon id says its type), "preferred:degree:master",
    "required:experience:5+", "required:licence:driving licence"."""
    if item.get("id"):
        return f"{item['importance']}:{item['id']}"
    if item["type"] == "experience":
        low, high = item["years_min"], item.get("years_max")
        what = "any" if low is None else f"{low:g}+" if high is None else f"{low:g}-{high:g}"
    elif item["type"] == "degree":
        what = item.get("level") or "any"
    else:
        what = item.get("name") or item["text"]
    return f"{item['importance']}:{item['type']}:{what}"


def extraction_table(record: dict[str, Any]) -> str:
    if record.get("error"):
        return f"{record['id']}  ERROR {record['error']['code']}: {record['error']['message']}\n"
    from .profile import ask_name, level_name

    skills = _unique([s["name"] for s in record["skills"]])
    certs = _unique([c["name"] for c in record["certifications"]])
    head = (
        f"{record['id']} ({record['kind']} {record.get('kind_confidence', 1.0):.2f}, {record['source']}): "
        f"{len(skills)} skills, "
        f"{len(certs)} certifications, {record['total_years']:g} years in dated roles"
        f" ({record['management_years']:g} in management roles), education: "
        f"{level_name(record.get('highest_education')) if record.get('highest_education') else '-'}"
    )
    claims = [shorten(c["text"], 60) for c in record["experience"]]
    roles = [
        f"{r['title'] or '?'} {r['start_date']}..{r['end_date'] or 'present'} ({r['months']} mo)"
        for r in record["roles"]
    ]
    education = [
        level_name(e["level"]) + (f" in {e['field']}" if e["field"] else "") for e in record["education"]
    ]
    lines = [
        head,
        wrap_list("skills", skills),
        wrap_list("certifications", certs),
        wrap_list("experience claims", claims),
        wrap_list("roles", roles),
        wrap_list("education", _unique(education)),
    ]
    posting = record.get("posting")
    if posting:
        lines.append(f"  posting: {posting.get('title') or '?'} at {posting.get('employer') or '?'}")
        for importance in ("required", "preferred"):
            # Names as a person reads them; the CSV keeps the ids (_requirement_label).
            items = [
                ask_name(SimpleNamespace(**r))
                for r in posting["requirements"]
                if r["importance"] == importance
            ]
            lines.append(wrap_list(importance, _unique(items)))
    if record.get("warnings"):
        lines.append(wrap_list("warnings", list(record["warnings"])))
    return "\n".join(lines) + "\n"


def score_record(item: Any) -> dict[str, Any]:
    """A scored document's record, or a failure row."""
    if isinstance(item, Failure):
        return failure_record(item)
    result, _extraction = item
    return result.to_dict()


def score_row(record: dict[str, Any]) -> dict[str, Any]:
    """One CSV row per document, Excel-friendly (lists joined with '; ')."""
    error = record.get("error") or {}
    comps = record.get("competencies", [])
    reqs = {r["id"]: r for r in record.get("requirements", [])}
    return {
        "id": record["id"],
        "source": record["source"],
        "kind": record.get("kind", ""),
        "score": record.get("score", ""),
        "band": record.get("band", ""),
        "total_points": record.get("total_points", ""),
        "met": [c["name"] for c in comps if c["status"] == "met"],
        "partial": [c["name"] for c in comps if c["status"] == "partial"],
        "missing": [c["name"] for c in comps if c["status"] == "missing"],
        "management_years": (reqs.get("management_years") or {}).get("found", ""),
        "total_years": record.get("total_years", ""),
        "degree": record.get("highest_education") or "",
        "certifications": record.get("certifications", []),
        "certification_names": certification_names(record.get("certifications", [])),
        # A recruiter ranking postings reads what the job is next to its score.
        "title": (reqs.get("title") or {}).get("found") or "",
        "manages": (reqs.get("manages") or {}).get("found") or "",
        "warnings": record.get("warnings", []),
        "error": f"{error['code']}: {error['message']}" if error else "",
    }


def certification_names(ids: list[str]) -> list[str]:
    """Human names of certification ids ("cert:vcp" -> "VMware Certified Professional")."""
    if not ids:
        return []
    from .lexicon import load_lexicon

    lexicon = load_lexicon()
    return [lexicon.get(i).name if i in lexicon else i for i in ids]


_MARK = {"met": "+", "partial": "~", "missing": "-"}


def below_floor(record: dict[str, Any]) -> str:
    """ ", points total -34.5 (the score stops at 0)" when the items' points add up below 0:
    two resumes at 0 against a long posting are not equally far from it."""
    total = record.get("total_points")
    if not isinstance(total, int | float) or total >= 0:
        return ""
    return f", points total {total:.1f} (the score stops at 0)"


def score_table(record: dict[str, Any]) -> str:
    if record.get("error"):
        return f"{record['id']}  ERROR {record['error']['code']}: {record['error']['message']}\n"
    lines = [
        f"{record['id']} ({record['kind']}, {record['source']}): score {record['score']:.1f}/100 "
        f"[{record['band']}] against {against(record)}{below_floor(record)}",
        years_line(record),
        f"  {'':1} {'competency':<46} {'weight':>6} {'points':>6}  evidence",
    ]
    for c in record["competencies"]:
        ev = ", ".join(dict.fromkeys(shorten(e["text"], 30) for e in c["evidence"]))
        lines.append(
            f"  {_MARK[c['status']]} {shorten(c['name'], 46):<46} {c['weight']:6.3f} {c['points']:6.2f}  "
            f"{shorten(ev, 60) or '-'}"
        )
    lines.append(f"  {'':1} {'requirement':<46} {'needs':>6} {'found':>6}")
    for r in record["requirements"]:
        needs, found = requirement_value(r, "required"), requirement_value(r, "found")
        lines.append(
            f"  {_MARK[r['status']]} {shorten(r['name'], 46):<46} {shorten(needs, 12):>6} "
            f"{shorten(found, 30):>6}  ({r['points']:.2f} points)"
        )
    items = record.get("posting_items") or []
    if items:
        lines.append(f"  {'':1} {'the posting asks for':<46} {'importance':<10} {'status':<8} {'points':>6}")
        for i in items:
            lines.append(
                f"  {_ITEM_MARK[i['status']]} {shorten(i['name'] + ' (' + i['type'] + ')', 46):<46} "
                f"{i['importance']:<10} {i['status']:<8} {i['points']:6.2f}"
            )
    gaps = list(record.get("gaps", []))[:8]
    lines.append(wrap_list("top gaps", gaps))
    for sug in list(record.get("suggestions", []))[:MAX_TABLE_SUGGESTIONS]:
        lines.append(f"  +{sug['points']:.2f} points: {suggestion_text(sug)}")
    return "\n".join(lines) + "\n"


_ITEM_MARK = {"found": "+", "partial": "~", "missing": "-"}
# The one palette of every chart (the HTML report's bars, the batch chart, the web page's CSS):
# Okabe-Ito hues, darkened where needed for 3:1 non-text contrast on white, so they stay apart
# for colour-blind readers; status is also written out, so colour is never the only cue.
STATUS_COLOURS = {"met": "#0067A5", "partial": "#B86200", "missing": "#B3401A"}
MAX_TABLE_SUGGESTIONS = 8


def against(record: dict[str, Any]) -> str:
    """What a score is against, as a person reads it (never the profile's id)."""
    role = record.get("profile_role") or record.get("profile", "")
    if record.get("posting_items") or str(record.get("profile", "")).startswith("posting:"):
        return f"the posting ({role})"
    return f"the {role} profile"


def years_line(record: dict[str, Any]) -> str:
    """The three years a record holds, each said for what it is."""
    total, managing = record.get("total_years", 0), record.get("management_years", 0)
    return (
        f"  years: {total:.1f} in dated roles; {managing:.1f} in management roles; "
        f"{record.get('management_years_in_field', 0):.1f} managing in the field "
        "(management titles naming the role's field, supervisory ones at half: the score uses this)"
    )


def requirement_value(requirement: dict[str, Any], key: str) -> str:
    """A requirement's needs/found cell; education levels by their names."""
    value = str(requirement.get(key, ""))
    if requirement.get("id") == "education":
        from .profile import LEVEL_NAMES

        return LEVEL_NAMES.get(value, value)
    return value


def suggestion_text(sug: dict[str, Any]) -> str:
    """One suggestion as a sentence: the gap, what would count, where it goes."""
    what = "; ".join(sug.get("what", []))
    return (
        f"{sug['item']} ({sug['item_type']}, {sug['status']}): what would count, if it is true of you: "
        f"{what}. Where: {sug['where']}."
    )


def _term(contribution: dict[str, Any]) -> str:
    kind, name, area = contribution["kind"], contribution["name"], contribution["area"]
    if kind == CUE:
        return f'cue "{shorten(name, 40)}" ({area})'
    if kind == CUE_COUNT:
        return f"count of {area} cues"
    if kind in (BIAS, REST):
        return f"{kind} ({name})" if name else kind
    return f'{kind} "{name}"'


def explanation_row(record: dict[str, Any]) -> dict[str, Any]:
    """One CSV row per statement and area; the terms as "weight term" joined by "; "."""
    row = {k: v for k, v in record.items() if k != "contributions"}
    row["contributions"] = "; ".join(f"{c['weight']:+.3f} {_term(c)}" for c in record["contributions"])
    return row


def explanation_table(record: dict[str, Any]) -> str:
    where = "" if record["part"] == "statement" else f", {record['part']}: {shorten(record['read'], 70)}"
    # A document's statement says where it is: its number and section.
    where_in = f"  [statement {record['statement']}, {record['section']}]" if "section" in record else ""
    lines = [
        f"{shorten(record['text'], 90)}{where_in}",
        f"  {record['area']}: p {record['p']:.3f} ({record['status']}), "
        f"log-odds {record['log_odds']:+.3f}{where}",
    ]
    lines += [f"    {c['weight']:+7.3f}  {_term(c)}" for c in record["contributions"]]
    return "\n".join(lines)
