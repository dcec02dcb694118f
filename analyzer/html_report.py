"""A self-contained HTML page for fit-score records: readable, printable, offline.

Everything is inline (CSS, SVG; no scripts, fonts, images or links), so the file can be mailed,
archived or opened without a network. Every string that comes from a document or a record is
escaped: a resume is untrusted input and must never become markup. The output is a pure function
of its input (no timestamps), so two runs on the same records give identical bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import Any

from .errors import JobfitError

CONTEXT_CHARS = 80
MAX_SNIPPETS = 60
# Okabe-Ito hues, darkened where needed for 3:1 non-text contrast on white; status is also written
# out next to every bar, so colour is never the only cue.
STATUS_COLOURS = {"met": "#0067A5", "partial": "#B86200", "missing": "#B3401A"}
_WS = re.compile(r"\s+")

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;
 background:#fff;max-width:60rem;margin:0 auto;padding:1rem 1.5rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;margin:0}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0}
th,td{border-bottom:1px solid #c8c8c8;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tfoot td{font-weight:600;border-top:2px solid #555}
.doc{border-top:3px solid #333;margin-top:2rem;padding-top:.8rem}
.head{display:flex;flex-wrap:wrap;gap:1rem;align-items:baseline;justify-content:space-between}
.score{font-size:2.4rem;font-weight:700}.band{font-size:1.1rem;font-weight:600;margin-left:.4rem}
.meta,.note{color:#4a4a4a;font-size:.9rem}
.met{color:#0067A5}.partial{color:#8A4A00}.missing{color:#9E3515}.st{font-weight:600}
.error{color:#9E1B1B;font-weight:600}
svg{max-width:100%;height:auto}svg text{font:13px system-ui,Arial,sans-serif;fill:#1a1a1a}
mark{background:#FFE08A;color:#000;padding:0 .1em}
.snip{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;margin:.1rem 0 .6rem}
ul{margin:.2rem 0;padding-left:1.3rem}
footer{margin-top:2rem;border-top:1px solid #c8c8c8;padding-top:.5rem;color:#4a4a4a;font-size:.85rem}
@media print{body{max-width:none;padding:0;font-size:11pt}.doc{break-before:page}
 tr,.snip,svg{break-inside:avoid}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _num(value: Any, fmt: str = ".1f") -> str:
    try:
        return format(float(value), fmt)
    except (TypeError, ValueError):
        return _e(value)


def _status(status: Any) -> str:
    name = status if status in STATUS_COLOURS else "missing"
    return f'<span class="st {name}">{_e(status)}</span>'


def _table(headers: Sequence[str], rows: Sequence[str], *, caption: str = "", foot: str = "") -> str:
    # a leading "#" marks a numeric, right-aligned column
    head = "".join(f'<th scope="col"{" class=num" if h[:1] == "#" else ""}>{_e(h.lstrip("#"))}</th>'
                   for h in headers)
    cap = f"<caption class=note>{_e(caption)}</caption>" if caption else ""
    tfoot = f"<tfoot>{foot}</tfoot>" if foot else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead>{tfoot}<tbody>{''.join(rows)}</tbody></table>"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def competency_chart(competencies: Sequence[dict[str, Any]], *, label: str) -> str:
    """Horizontal bars: length = credit (0..1), colour + written status, weight on the right."""
    row_h, label_w, bar_w, tail_w = 26, 330, 280, 170
    height = row_h * max(1, len(competencies)) + 10
    width = label_w + bar_w + tail_w
    parts = [
        f'<svg role="img" aria-labelledby="{label}-t {label}-d" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        f'<title id="{label}-t">Competency credit</title>',
        f'<desc id="{label}-d">One bar per competency; bar length is the credit from 0 to 100%, '
        "the status and the competency's weight are written beside it.</desc>",
    ]
    for i, comp in enumerate(competencies):
        y = 5 + i * row_h
        status = comp.get("status") if comp.get("status") in STATUS_COLOURS else "missing"
        credit = min(1.0, max(0.0, float(comp.get("credit") or 0.0)))
        name = str(comp.get("name") or comp.get("id") or "")
        summary = (f"{name}: {status}, credit {credit:.0%}, weight {float(comp.get('weight') or 0):.3f}")
        parts.append(
            f'<g class="bar" data-status="{status}"><title>{_e(summary)}</title>'
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{_e(_short(name, 44))}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="16" fill="#f2f2f2" stroke="#8c8c8c"/>'
            f'<rect x="{label_w}" y="{y + 4}" width="{credit * bar_w:.1f}" height="16" '
            f'fill="{STATUS_COLOURS[status]}"/>'
            f'<text x="{label_w + bar_w + 8}" y="{y + 17}">{_e(status)} {credit:.0%} \u00b7 '
            f"w {float(comp.get('weight') or 0):.3f}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _points_table(record: dict[str, Any]) -> str:
    rows, total = [], 0.0
    for kind, key in (("competency", "competencies"), ("requirement", "requirements")):
        for item in record.get(key) or []:
            points = float(item.get("points") or 0.0)
            total += points
            weight = _num(item["weight"], ".3f") if "weight" in item else ""
            rows.append(
                f'<tr><td>{_e(item.get("name"))}</td><td>{kind}</td><td class=num>{weight}</td>'
                f'<td class=num>{_num(item.get("credit"), ".0%")}</td><td>{_status(item.get("status"))}</td>'
                f'<td class="num pts">{points:.2f}</td></tr>'
            )
    score = float(record.get("score") or 0.0)
    foot = f'<tr><td colspan=5>Total (score {score:.1f})</td><td class=num>{total:.2f}</td></tr>'
    # Points are rounded to 2 decimals and the score to 1 (and capped at 100): say so if visible.
    caption = "" if abs(total - score) < 0.05 else "The score is the total rounded and capped at 100."
    headers = ["Item", "Kind", "#Weight", "#Credit", "Status", "#Points"]
    return _table(headers, rows, caption=caption, foot=foot)


def _evidence_list(evidence: Sequence[dict[str, Any]]) -> str:
    texts = list(dict.fromkeys(_short(_WS.sub(" ", str(e.get("text") or "")).strip(), 80) for e in evidence))
    return "; ".join(f"\u201c{_e(t)}\u201d" for t in texts) or '<span class="note">no evidence</span>'


def evidence_spans(record: dict[str, Any], text: str) -> dict[tuple[int, int], list[str]]:
    """(start, end) of each evidence span that fits ``text`` -> names of the items it supports."""
    spans: dict[tuple[int, int], list[str]] = {}
    for key in ("competencies", "requirements"):
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


def _snippets(record: dict[str, Any], text: str) -> str:
    """Each evidence span once, in document order, with what it supports and ~80 chars around it."""
    spans = evidence_spans(record, text)
    if not spans:
        return '<p class="note">No evidence spans to show.</p>'
    out = []
    for start, end in sorted(spans)[:MAX_SNIPPETS]:
        lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
        before = ("\u2026" if lo else "") + _WS.sub(" ", text[lo:start]).lstrip()
        after = _WS.sub(" ", text[end:hi]).rstrip() + ("\u2026" if hi < len(text) else "")
        out.append(
            f'<p class="snip"><span class="note">{_e(", ".join(spans[(start, end)]))} '
            f"[{start}\u2013{end}]</span><br>{_e(before)}<mark>{_e(_WS.sub(' ', text[start:end]))}</mark>"
            f"{_e(after)}</p>"
        )
    if len(spans) > MAX_SNIPPETS:
        out.append(f'<p class="note">{len(spans) - MAX_SNIPPETS} more evidence spans not shown.</p>')
    return "".join(out)


def _document(record: dict[str, Any], text: str | None, anchor: str) -> str:
    comps = list(record.get("competencies") or [])
    reqs = list(record.get("requirements") or [])
    met = [c for c in comps if c.get("status") == "met"]
    band = str(record.get("band") or "")
    meta = " \u00b7 ".join(
        _e(v) for v in (record.get("kind"), record.get("source"), record.get("profile") and
                        f"profile {record['profile']}") if v
    )
    facts = (
        f"{_num(record.get('total_years'))} years of experience, {_num(record.get('management_years'))} "
        f"managing; education: {_e(record.get('highest_education') or 'none found')}; certifications: "
        f"{_e(', '.join(record.get('certifications') or []) or 'none found')}"
    )
    parts = [
        f'<section class="doc" id="{anchor}" aria-labelledby="{anchor}-h"><div class="head">'
        f'<div><h2 id="{anchor}-h">{_e(record.get("id"))}</h2><p class="meta">{meta}</p></div>'
        f'<p><span class="score" aria-label="score">{_num(record.get("score"))}</span>'
        f'<span class="band">{_e(band)}</span></p></div><p class="meta">{facts}</p>',
        "<h3>Competencies</h3>", competency_chart(comps, label=f"{anchor}-chart"),
        "<h3>How the score is made up</h3>", _points_table(record),
        "<h3>Met competencies</h3>",
        "<ul>" + "".join(f"<li><strong>{_e(c.get('name'))}</strong>: "
                         f"{_evidence_list(c.get('evidence') or [])}</li>" for c in met) + "</ul>"
        if met else '<p class="note">None.</p>',
        "<h3>Gaps</h3>",
        "<ul>" + "".join(f"<li>{_e(g)}</li>" for g in record.get("gaps") or []) + "</ul>"
        if record.get("gaps") else '<p class="note">No gaps.</p>',
        "<h3>Requirements</h3>",
        _table(["Requirement", "Required", "Found", "Status", "#Points", "Evidence"], [
            f'<tr><td>{_e(r.get("name"))}</td><td>{_e(r.get("required"))}</td><td>{_e(r.get("found"))}</td>'
            f'<td>{_status(r.get("status"))}</td><td class=num>{_num(r.get("points"), ".2f")}</td>'
            f'<td>{_evidence_list(r.get("evidence") or [])}</td></tr>' for r in reqs]),
    ]
    if record.get("warnings"):
        warnings = "".join(f"<li>{_e(w)}</li>" for w in record["warnings"])
        parts.append(f"<h3>Warnings</h3><ul>{warnings}</ul>")
    if text is not None:
        parts += ["<h3>Evidence in context</h3>", _snippets(record, text)]
    parts.append("</section>")
    return "".join(parts)


def _summary(records: Sequence[tuple[dict[str, Any], str]]) -> str:
    rows = []
    for record, anchor in records:
        if record.get("error"):
            err = record["error"]
            rows.append(f'<tr><td>{_e(record.get("id"))}</td><td class=num>\u2014</td><td class="error">error'
                        f'</td><td>{_e(err.get("code"))}: {_e(err.get("message"))}</td></tr>')
        else:
            gaps = ", ".join(str(g) for g in (record.get("gaps") or [])[:3]) or "none"
            rows.append(f'<tr><td><a href="#{anchor}">{_e(record.get("id"))}</a></td>'
                        f'<td class=num>{_num(record.get("score"))}</td><td>{_e(record.get("band"))}</td>'
                        f"<td>{_e(gaps)}</td></tr>")
    return ('<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'
            + _table(["Document", "#Score", "Band", "Top gaps"], rows) + "</section>")


def _failures(records: Sequence[dict[str, Any]]) -> str:
    rows = [f'<tr class="failure"><td>{_e(r.get("id"))}</td><td>{_e(r.get("source"))}</td>'
            f'<td class="error">{_e(r["error"].get("code"))}</td>'
            f'<td>{_e(r["error"].get("message"))}</td></tr>' for r in records]
    return ('<section class="doc" aria-labelledby="failures-h"><h2 id="failures-h">Not analysed</h2>'
            + _table(["Document", "Source", "Error", "Message"], rows) + "</section>")


def render_report(items: Sequence[tuple[dict, str | None]], *, title: str = "jobfit report",
                  profile_role: str = "", credit: str = "") -> str:
    """One HTML page for (score record, document text or None) pairs; failures become rows."""
    anchored: list[tuple[dict[str, Any], str | None, str]] = []
    for i, item in enumerate(items, 1):
        if not (isinstance(item, tuple | list) and len(item) == 2 and isinstance(item[0], dict)):
            raise JobfitError(f"report: item {i} is not a (score record, text) pair", code="report")
        record, text = item
        if not record.get("error") and "score" not in record:
            raise JobfitError(f"report: item {i} has neither a score nor an error", code="report")
        anchored.append((record, text if isinstance(text, str) else None, f"doc-{i}"))
    failures = [r for r, _, _ in anchored if r.get("error")]
    body = [f"<header><h1>{_e(title)}</h1>"]
    if profile_role:
        body.append(f'<p class="meta">Scored against the profile: {_e(profile_role)}</p>')
    body.append("</header><main>")
    if len(anchored) > 1:
        body.append(_summary([(r, a) for r, _, a in anchored]))
    body += [_document(r, t, a) for r, t, a in anchored if not r.get("error")]
    if failures:
        body.append(_failures(failures))
    if not anchored:
        body.append('<p class="note">No documents.</p>')
    body.append("</main>")
    if credit:
        body.append(f"<footer><p>{_e(credit)}</p></footer>")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>{''.join(body)}</body></html>\n")
