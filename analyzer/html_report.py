"""A self-contained HTML page for fit-score records: readable, printable, offline.

Everything is inline (CSS, SVG, one small script of ours; no external scripts, fonts, images or
links), so the file can be mailed, archived or opened without a network. Every string that comes
from a document or a record is escaped: a resume is untrusted input and must never become markup.
The output is a pure function of its input (no timestamps), so two runs on the same records give
identical bytes.

A batch page opens with a ranked table (score descending); the script only adds sorting by any
column and a filter by band, so without it the page is still the ranked table.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from html import escape
from typing import Any

from .errors import JobfitError
from .profile import level_name
from .reports import against, certification_names, requirement_value, suggestion_text, years_line

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
button.sort{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
button.sort::after{content:" \\2195";color:#777}th[aria-sort=ascending] button.sort::after{content:" \\2191"}
th[aria-sort=descending] button.sort::after{content:" \\2193"}.filter{margin:.4rem 0}
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


def _item_status(status: Any) -> str:
    # A posting ask is found, partial or missing; found takes the colour of met.
    return '<span class="st met">found</span>' if status == "found" else _status(status)


def _table(headers: Sequence[str], rows: Sequence[str], *, caption: str = "", foot: str = "") -> str:
    # a leading "#" marks a numeric, right-aligned column
    head = "".join(
        f'<th scope="col"{" class=num" if h[:1] == "#" else ""}>{_e(h.lstrip("#"))}</th>' for h in headers
    )
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
        status = comp["status"] if comp.get("status") in STATUS_COLOURS else "missing"
        credit = min(1.0, max(0.0, float(comp.get("credit") or 0.0)))
        name = str(comp.get("name") or comp.get("id") or "")
        summary = f"{name}: {status}, credit {credit:.0%}, weight {float(comp.get('weight') or 0):.3f}"
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
    groups = (
        ("competency", "competencies"),
        ("requirement", "requirements"),
        ("posting ask", "posting_items"),
    )
    for kind, key in groups:
        for item in record.get(key) or []:
            points = float(item.get("points") or 0.0)
            total += points
            if key == "posting_items" and not item.get("points"):
                continue  # only asks that cost points; every ask is in its own table
            weight = _num(item["weight"], ".3f") if "weight" in item else ""
            rows.append(
                f"<tr><td>{_e(item.get('name'))}</td><td>{kind}</td><td class=num>{weight}</td>"
                f"<td class=num>{_num(item.get('credit'), '.0%')}</td>"
                f"<td>{_item_status(item.get('status'))}</td>"
                f'<td class="num pts">{points:.2f}</td></tr>'
            )
    score = float(record.get("score") or 0.0)
    foot = f"<tr><td colspan=5>Total (score {score:.1f})</td><td class=num>{total:.2f}</td></tr>"
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
            f'<p class="snip"><span class="note">{_e(", ".join(spans[(start, end)]))}'
            f"</span><br>{_e(before)}<mark>{_e(_WS.sub(' ', text[start:end]))}</mark>"
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
        _e(v)
        for v in (
            record.get("kind"),
            record.get("source"),
            record.get("profile") and f"against {against(record)}",
        )
        if v
    )
    education = record.get("highest_education")
    certs = ", ".join(certification_names(record.get("certifications") or [])) or "none found"
    level = level_name(education) if education else "none found"
    facts = f"{_e(years_line(record).strip())}; education: {_e(level)}; certifications: {_e(certs)}"
    items = list(record.get("posting_items") or [])
    asks = (
        [
            "<h3>What the posting asks for</h3>",
            _table(
                ["Item", "Type", "Importance", "Status", "#Points", "Evidence"],
                [
                    f'<tr data-status="{_e(i.get("status"))}"><td>{_e(i.get("name"))}</td>'
                    f"<td>{_e(i.get('type'))}</td><td>{_e(i.get('importance'))}</td>"
                    f"<td>{_item_status(i.get('status'))}</td>"
                    f"<td class=num>{_num(i.get('points'), '.2f')}</td>"
                    f"<td>{_evidence_list(i.get('evidence') or [])}</td></tr>"
                    for i in items
                ],
            ),
        ]
        if items
        else []
    )
    suggestions = list(record.get("suggestions") or [])
    advice = (
        [
            "<h3>How to close the gaps</h3>",
            '<p class="note">What would count, from the profile or the posting; add it only if it is true '
            "of you. Points: what the item alone would add.</p>",
            "<ul>"
            + "".join(
                f"<li><strong>+{_num(sg.get('points'), '.2f')}</strong> {_e(suggestion_text(sg))}</li>"
                for sg in suggestions
            )
            + "</ul>",
        ]
        if suggestions
        else []
    )
    parts = [
        f'<section class="doc" id="{anchor}" aria-labelledby="{anchor}-h"><div class="head">'
        f'<div><h2 id="{anchor}-h">{_e(record.get("id"))}</h2><p class="meta">{meta}</p></div>'
        f'<p><span class="score" aria-label="score">{_num(record.get("score"))}</span>'
        f'<span class="band">{_e(band)}</span></p></div><p class="meta">{facts}</p>',
        "<h3>Competencies</h3>",
        competency_chart(comps, label=f"{anchor}-chart"),
        "<h3>How the score is made up</h3>",
        _points_table(record),
        "<h3>Met competencies</h3>",
        "<ul>"
        + "".join(
            f"<li><strong>{_e(c.get('name'))}</strong>: {_evidence_list(c.get('evidence') or [])}</li>"
            for c in met
        )
        + "</ul>"
        if met
        else '<p class="note">None.</p>',
        "<h3>Gaps</h3>",
        "<ul>" + "".join(f"<li>{_e(g)}</li>" for g in record.get("gaps") or []) + "</ul>"
        if record.get("gaps")
        else '<p class="note">No gaps.</p>',
        *asks,
        *advice,
        "<h3>Requirements</h3>",
        _table(
            ["Requirement", "Required", "Found", "Status", "#Points", "Evidence"],
            [
                f"<tr><td>{_e(r.get('name'))}</td><td>{_e(requirement_value(r, 'required'))}</td>"
                f"<td>{_e(requirement_value(r, 'found'))}</td>"
                f"<td>{_status(r.get('status'))}</td><td class=num>{_num(r.get('points'), '.2f')}</td>"
                f"<td>{_evidence_list(r.get('evidence') or [])}</td></tr>"
                for r in reqs
            ],
        ),
    ]
    if record.get("warnings"):
        warnings = "".join(f"<li>{_e(w)}</li>" for w in record["warnings"])
        parts.append(f"<h3>Warnings</h3><ul>{warnings}</ul>")
    if text is not None:
        parts += ["<h3>Evidence in context</h3>", _snippets(record, text)]
    parts.append("</section>")
    return "".join(parts)


# Sorting by a column and filtering by band; the table is already ranked without it.
_SCRIPT = """(function(){var t=document.getElementById("ranked");if(!t)return;
var body=t.tBodies[0],heads=t.tHead.rows[0].cells;
function key(row,i){var c=row.cells[i];
return c.hasAttribute("data-v")?c.getAttribute("data-v"):c.textContent;}
Array.prototype.forEach.call(heads,function(th,i){var b=document.createElement("button");
b.type="button";b.className="sort";b.textContent=th.textContent;th.textContent="";th.appendChild(b);
b.addEventListener("click",function(){var asc=th.getAttribute("aria-sort")!=="ascending",
num=th.classList.contains("num");Array.prototype.forEach.call(heads,function(h){h.removeAttribute("aria-sort");});
th.setAttribute("aria-sort",asc?"ascending":"descending");var rows=Array.prototype.slice.call(body.rows);
rows.sort(function(a,b){var x=key(a,i),y=key(b,i),c;if(num){x=parseFloat(x);y=parseFloat(y);
c=(isNaN(x)?-1e9:x)-(isNaN(y)?-1e9:y);}else{c=x.localeCompare(y);}return asc?c:-c;});
rows.forEach(function(r){body.appendChild(r);});});});
var bands=[];Array.prototype.forEach.call(body.rows,function(r){var v=r.getAttribute("data-band");
if(bands.indexOf(v)<0)bands.push(v);});var label=document.createElement("label");label.className="filter";
label.textContent="Band: ";var sel=document.createElement("select");sel.id="band-filter";
[["","all"]].concat(bands.map(function(b){return [b,b];})).forEach(function(o){
var opt=document.createElement("option");opt.value=o[0];opt.textContent=o[1];sel.appendChild(opt);});
sel.addEventListener("change",function(){Array.prototype.forEach.call(body.rows,function(r){
r.hidden=!!sel.value&&r.getAttribute("data-band")!==sel.value;});});label.appendChild(sel);
t.parentNode.insertBefore(label,t);})();"""


def _rank_key(record: dict[str, Any], index: int) -> tuple[int, float, int]:
    # Score descending, errors last, ties in input order.
    if record.get("error"):
        return (1, 0.0, index)
    return (0, -float(record.get("score") or 0.0), index)


def _summary(records: Sequence[tuple[dict[str, Any], str | None]], columns: Sequence[str]) -> str:
    """The ranked table: a row per document, best first; its id links to its evidence when detailed."""
    order = sorted(range(len(records)), key=lambda i: _rank_key(records[i][0], i))
    rows = []
    for rank, i in enumerate(order, 1):
        record, anchor = records[i]
        values = record.get("columns") or {}
        ident = _e(record.get("id"))
        cells = [
            f"<td class=num>{rank}</td>",
            f'<td><a href="#{anchor}">{ident}</a></td>' if anchor else f"<td>{ident}</td>",
        ]
        cells += [f"<td>{_e(values.get(c, ''))}</td>" for c in columns]
        if record.get("error"):
            err = record["error"]
            cells += [
                "<td></td>",
                '<td class=num data-v="">\u2014</td><td class="error">error</td>',
                f"<td>{_e(err.get('code'))}: {_e(err.get('message'))}</td>",
            ]
            band = "error"
        else:
            gaps = ", ".join(str(g) for g in (record.get("gaps") or [])[:3]) or "none"
            band = str(record.get("band") or "")
            cells += [
                f"<td>{_e(record.get('kind'))}</td>",
                f'<td class=num data-v="{_num(record.get("score"))}">{_num(record.get("score"))}</td>',
                f"<td>{_e(band)}</td><td>{_e(gaps)}</td>",
            ]
        rows.append(f'<tr data-band="{_e(band)}">{"".join(cells)}</tr>')
    headers = ["#Rank", "Document", *columns, "Kind", "#Score", "Band", "Top gaps"]
    table = _table(headers, rows).replace("<table>", '<table id="ranked">', 1)
    # The score column starts sorted, descending.
    table = table.replace(
        '<th scope="col" class=num>Score</th>',
        '<th scope="col" class=num aria-sort="descending">Score</th>',
        1,
    )
    note = ""
    undetailed = sum(1 for r, a in records if not a and not r.get("error"))
    if undetailed:
        note = (
            f'<p class="note">{undetailed} documents are listed without details: the page details '
            "the best-scoring ones only.</p>"
        )
    return (
        '<section aria-labelledby="summary-h"><h2 id="summary-h">Ranking</h2>'
        '<p class="note">Best score first. Choose a column heading to sort by it.</p>'
        + table
        + note
        + "</section>"
    )


def _failures(records: Sequence[dict[str, Any]]) -> str:
    rows = [
        f'<tr class="failure"><td>{_e(r.get("id"))}</td><td>{_e(r.get("source"))}</td>'
        f'<td class="error">{_e(r["error"].get("code"))}</td>'
        f"<td>{_e(r['error'].get('message'))}</td></tr>"
        for r in records
    ]
    return (
        '<section class="doc" aria-labelledby="failures-h"><h2 id="failures-h">Not analysed</h2>'
        + _table(["Document", "Source", "Error", "Message"], rows)
        + "</section>"
    )


def render_report(
    items: Sequence[tuple[dict, str | None]],
    *,
    title: str = "jobfit report",
    profile_role: str = "",
    credit: str = "",
    more: Sequence[dict[str, Any]] = (),
    columns: Sequence[str] = (),
) -> str:
    """One HTML page for (score record, document text or None) pairs; failures become rows.

    ``more`` are records listed in the ranking only (no details); ``columns`` are a table
    input's carried columns to show in the ranking.
    """
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
    listed: list[tuple[dict[str, Any], str | None]] = [
        (r, None if r.get("error") else a) for r, _, a in anchored
    ] + [(r, None) for r in more]
    if len(listed) > 1:
        body.append(_summary(listed, columns))
    body += [_document(r, t, a) for r, t, a in anchored if not r.get("error")]
    if failures:
        body.append(_failures(failures))
    if not anchored:
        body.append('<p class="note">No documents.</p>')
    body.append("</main>")
    if credit:
        body.append(f"<footer><p>{_e(credit)}</p></footer>")
    script = f"<script>{_SCRIPT}</script>" if len(listed) > 1 else ""
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>{''.join(body)}{script}"
        "</body></html>\n"
    )


def _light(record: dict[str, Any]) -> dict[str, Any]:
    """What the ranking shows of a document that is not detailed."""
    keys = ("id", "source", "kind", "score", "band", "error", "columns")
    light = {k: record[k] for k in keys if k in record}
    light["gaps"] = list(record.get("gaps") or [])[:3]
    return light


class RankedReport:
    """A batch's records for one ranked page: every document a row, the best ``limit`` in detail.

    Memory stays small for a long batch: the detailed records (with their text) are a bounded
    heap, every other document a short row.
    """

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self.count = 0
        self._best: list[tuple[float, int, dict[str, Any], str | None]] = []  # min-heap
        self._others: list[tuple[int, dict[str, Any]]] = []
        self._failures: list[dict[str, Any]] = []
        self.columns: list[str] = []

    def add(self, record: dict[str, Any], text: str | None = None) -> None:
        index = self.count
        self.count += 1
        for name in record.get("columns") or {}:
            if name not in self.columns:
                self.columns.append(name)
        if record.get("error"):
            self._failures.append(record)
            return
        # Ties go to the earlier document: -index makes it the larger key.
        entry = (float(record.get("score") or 0.0), -index, record, text)
        if len(self._best) < self.limit:
            heapq.heappush(self._best, entry)
            return
        if entry[:2] > self._best[0][:2]:
            entry = heapq.heapreplace(self._best, entry)
        self._others.append((-entry[1], _light(entry[2])))

    def render(self, *, title: str = "jobfit report", profile_role: str = "", credit: str = "") -> str:
        best = sorted(self._best, key=lambda e: (-e[0], -e[1]))
        items = [(r, t) for _, _, r, t in best] + [(f, None) for f in self._failures]
        more = [r for _, r in sorted(self._others, key=lambda o: o[0])]
        return render_report(
            items, title=title, profile_role=profile_role, credit=credit, more=more, columns=self.columns
        )
