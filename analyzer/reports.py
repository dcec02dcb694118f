"""How records look in the csv and table formats (json/jsonl are the records themselves)."""

from __future__ import annotations

from typing import Any

from .document import Failure
from .extract import Extraction
from .output import shorten, wrap_list


def failure_record(failure: Failure) -> dict[str, Any]:
    return {
        "id": failure.id,
        "source": failure.source,
        "error": {"code": failure.code, "message": failure.message},
    }


def extraction_record(item: Extraction | Failure) -> dict[str, Any]:
    if isinstance(item, Failure):
        return failure_record(item)
    return item.to_dict()


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def extraction_row(record: dict[str, Any]) -> dict[str, Any]:
    """One CSV row per document."""
    error = record.get("error") or {}
    return {
        "id": record["id"],
        "source": record["source"],
        "kind": record.get("kind", ""),
        "skills": _unique([s["id"] for s in record.get("skills", [])]),
        "certifications": _unique([c["id"] for c in record.get("certifications", [])]),
        "experience_claims": [c["text"] for c in record.get("experience", [])],
        "total_years": record.get("total_years", ""),
        "management_years": record.get("management_years", ""),
        "highest_education": record.get("highest_education") or "",
        "education": [f"{e['level']}:{e['field'] or ''}" for e in record.get("education", [])],
        "warnings": record.get("warnings", []),
        "error": f"{error['code']}: {error['message']}" if error else "",
    }


def extraction_table(record: dict[str, Any]) -> str:
    if record.get("error"):
        return f"{record['id']}  ERROR {record['error']['code']}: {record['error']['message']}\n"
    skills = _unique([s["name"] for s in record["skills"]])
    certs = _unique([c["name"] for c in record["certifications"]])
    head = (
        f"{record['id']} ({record['kind']}, {record['source']}): {len(skills)} skills, "
        f"{len(certs)} certifications, {record['total_years']:g} years"
        f" ({record['management_years']:g} managing), education: "
        f"{record.get('highest_education') or '-'}"
    )
    claims = [shorten(c["text"], 60) for c in record["experience"]]
    roles = [
        f"{r['title'] or '?'} {r['start_date']}..{r['end_date'] or 'present'} ({r['months']} mo)"
        for r in record["roles"]
    ]
    education = [f"{e['level']}" + (f" in {e['field']}" if e["field"] else "") for e in record["education"]]
    lines = [
        head,
        wrap_list("skills", skills),
        wrap_list("certifications", certs),
        wrap_list("experience claims", claims),
        wrap_list("roles", roles),
        wrap_list("education", _unique(education)),
    ]
    if record.get("warnings"):
        lines.append(wrap_list("warnings", list(record["warnings"])))
    return "\n".join(lines) + "\n"
