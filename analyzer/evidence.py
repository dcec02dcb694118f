"""Evidence spans of a score record and the words around each: one function for the HTML report
and the web page (which receives only these windows, never the whole document)."""

from __future__ import annotations

import re
from typing import Any

CONTEXT_CHARS = 80
_WS = re.compile(r"\s+")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def evidence_texts(evidence: list[dict[str, Any]], limit: int = 80) -> list[str]:
    """The distinct texts of evidence items, whitespace collapsed and cut at ``limit`` characters."""
    return list(
        dict.fromkeys(_short(_WS.sub(" ", str(e.get("text") or "")).strip(), limit) for e in evidence)
    )


def evidence_spans(record: dict[str, Any], text: str) -> dict[tuple[int, int], list[str]]:
    """(start, end) of each evidence span that fits ``text`` -> names of the items it supports."""
    spans: dict[tuple[int, int], list[str]] = {}
    for key in ("competencies", "requirements", "posting_items"):
        for item in record.get(key) or []:
            for ev in item.get("evidence") or []:
                start, end = ev.get("start"), ev.get("end")
                # Requirement evidence may carry a summary text, so trust offsets only if they fit the text.
                if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
                    continue
                labels = spans.setdefault((start, end), [])
                name = str(item.get("name") or item.get("id") or "")
                if name not in labels:
                    labels.append(name)
    return spans


def evidence_context(
    record: dict[str, Any], text: str, *, chars: int = CONTEXT_CHARS, limit: int | None = None
) -> list[dict[str, Any]]:
    """Each evidence span once, in document order: the words around it and what it supports.

    ``before``/``match``/``after`` have runs of whitespace collapsed; a cut context starts or ends
    with an ellipsis. ``limit`` keeps the first spans only.
    """
    spans = evidence_spans(record, text)
    out = []
    for start, end in sorted(spans)[:limit]:
        lo, hi = max(0, start - chars), min(len(text), end + chars)
        out.append(
            {
                "start": start,
                "end": end,
                "before": ("\u2026" if lo else "") + _WS.sub(" ", text[lo:start]).lstrip(),
                "match": _WS.sub(" ", text[start:end]),
                "after": _WS.sub(" ", text[end:hi]).rstrip() + ("\u2026" if hi < len(text) else ""),
                "supports": spans[(start, end)],
            }
        )
    return out
