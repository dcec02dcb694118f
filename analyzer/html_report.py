"""A self-contained HTML page for fit-score records: readable, printable, offline.

Everything is inline (CSS, SVG, one small script of ours; no external scripts, fonts, images or
links), so the file can be mailed, archived or opened without a network. The page is the template
``analyzer/templates/report.html`` rendered with autoescape: every string that comes
from a document or a record is escaped: a resume is untrusted input and must never become markup.
The output is a pure function of its input (no timestamps), so two runs on the same records give
identical bytes.

A batch page opens with a ranked table (score descending, equal scores by their points total);
the script only adds sorting by any column and a filter by band, so without it the page is still
the ranked table.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from .errors import JobfitError
from .evidence import evidence_context, evidence_spans
from .profile import level_name
from .reports import STATUS_COLOURS, against, certification_names, years_line
from .templating import render

__all__ = ["RankedReport", "evidence_spans", "render_report"]

MAX_SNIPPETS = 60


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def competency_chart(competencies: Sequence[dict[str, Any]], *, label: str) -> dict[str, Any]:
    """Horizontal bars (the template's ``chart``): length = credit (0..1), colour + written status,
    weight on the right."""
    row_h, label_w, bar_w, tail_w = 26, 330, 280, 170
    bars = []
    for i, comp in enumerate(competencies):
        status = comp["status"] if comp.get("status") in STATUS_COLOURS else "missing"
        credit = min(1.0, max(0.0, float(comp.get("credit") or 0.0)))
        weight = float(comp.get("weight") or 0)
        name = str(comp.get("name") or comp.get("id") or "")
        bars.append(
            {
                "y": 5 + i * row_h,
                "status": status,
                "fill": STATUS_COLOURS[status],
                "length": f"{credit * bar_w:.1f}",
                "percent": f"{credit:.0%}",
                "weight": f"{weight:.3f}",
                "short": _short(name, 44),
                "summary": f"{name}: {status}, credit {credit:.0%}, weight {weight:.3f}",
            }
        )
    return {
        "label": label,
        "label_w": label_w,
        "bar_w": bar_w,
        "width": label_w + bar_w + tail_w,
        "height": row_h * max(1, len(competencies)) + 10,
        "bars": bars,
    }


def _points(record: dict[str, Any]) -> dict[str, Any]:
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
            weight = format(float(item["weight"]), ".3f") if "weight" in item else ""
            rows.append({"item": item, "kind": kind, "weight": weight, "points": f"{points:.2f}"})
    score = float(record.get("score") or 0.0)
    # Points are rounded to 2 decimals and the score to 1 (and kept between 0 and 100): say so
    # if visible.
    caption = (
        ""
        if abs(total - score) < 0.05
        else "The score stops at 0: the missing required asks cost more than the rest earned."
        if total < 0
        else "The score is the total rounded and capped at 100."
    )
    return {"rows": rows, "total": f"{total:.2f}", "score": f"{score:.1f}", "caption": caption}


def _document(record: dict[str, Any], text: str | None, anchor: str) -> dict[str, Any]:
    """What the template's ``document`` shows of one scored record."""
    comps = list(record.get("competencies") or [])
    meta = [
        str(v)
        for v in (
            record.get("kind"),
            record.get("source"),
            record.get("profile") and f"against {against(record)}",
        )
        if v
    ]
    education = record.get("highest_education")
    certs = ", ".join(certification_names(record.get("certifications") or [])) or "none found"
    level = level_name(education) if education else "none found"
    doc: dict[str, Any] = {
        "record": record,
        "anchor": anchor,
        "meta": meta,
        "facts": f"{years_line(record).strip()}; education: {level}; certifications: {certs}",
        "chart": competency_chart(comps, label=f"{anchor}-chart"),
        "points": _points(record),
        "met": [c for c in comps if c.get("status") == "met"],
        "snippets": None,
        "hidden_snippets": 0,
    }
    if text is not None:
        # Each evidence span once, in document order, with what it supports and ~80 chars around it.
        snippets = evidence_context(record, text)
        doc["snippets"] = snippets[:MAX_SNIPPETS]
        doc["hidden_snippets"] = max(0, len(snippets) - MAX_SNIPPETS)
    return doc


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


def _rank_key(record: dict[str, Any], index: int) -> tuple[int, float, float, int]:
    # Score descending, errors last; among equal scores (many at 0 against a long posting) the
    # higher points total first, then input order.
    if record.get("error"):
        return (1, 0.0, 0.0, index)
    return (0, -float(record.get("score") or 0.0), -_total(record), index)


def _total(record: dict[str, Any]) -> float:
    return float(record.get("total_points") or record.get("score") or 0.0)


def _ranking(records: Sequence[tuple[dict[str, Any], str | None]], columns: Sequence[str]) -> dict[str, Any]:
    """The ranked table: a row per document, best first; its id links to its evidence when detailed."""
    order = sorted(range(len(records)), key=lambda i: _rank_key(records[i][0], i))
    rows = []
    for rank, i in enumerate(order, 1):
        record, anchor = records[i]
        values = record.get("columns") or {}
        rows.append(
            {
                "rank": rank,
                "record": record,
                "anchor": anchor,
                "columns": [values.get(c, "") for c in columns],
                "band": "error" if record.get("error") else str(record.get("band") or ""),
                "gaps": ", ".join(str(g) for g in (record.get("gaps") or [])[:3]) or "none",
            }
        )
    undetailed = sum(1 for r, a in records if not a and not r.get("error"))
    headers = ["#Rank", "Document", *columns, "Kind", "#Score", "Band", "Top gaps"]
    return {"headers": headers, "rows": rows, "undetailed": undetailed}


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
    listed: list[tuple[dict[str, Any], str | None]] = [
        (r, None if r.get("error") else a) for r, _, a in anchored
    ] + [(r, None) for r in more]
    return render(
        "report.html",
        title=title,
        profile_role=profile_role,
        credit=credit,
        script=Markup(_SCRIPT) if len(listed) > 1 else "",  # ours, constant
        ranking=_ranking(listed, columns) if len(listed) > 1 else None,
        documents=[_document(r, t, a) for r, t, a in anchored if not r.get("error")],
        failures=[r for r, _, _ in anchored if r.get("error")],
        empty=not anchored,
    )


def _light(record: dict[str, Any]) -> dict[str, Any]:
    """What the ranking shows of a document that is not detailed."""
    keys = ("id", "source", "kind", "score", "total_points", "band", "error", "columns")
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
        self._best: list[tuple[float, float, int, dict[str, Any], str | None]] = []  # min-heap
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
        # Equal scores go to the higher points total, then to the earlier document: -index
        # makes it the larger key.
        entry = (float(record.get("score") or 0.0), _total(record), -index, record, text)
        if len(self._best) < self.limit:
            heapq.heappush(self._best, entry)
            return
        if entry[:3] > self._best[0][:3]:
            entry = heapq.heapreplace(self._best, entry)
        self._others.append((-entry[2], _light(entry[3])))

    def render(self, *, title: str = "jobfit report", profile_role: str = "", credit: str = "") -> str:
        best = sorted(self._best, key=lambda e: (-e[0], -e[1], -e[2]))
        items = [(r, t) for _, _, _, r, t in best] + [(f, None) for f in self._failures]
        more = [r for _, r in sorted(self._others, key=lambda o: o[0])]
        return render_report(
            items, title=title, profile_role=profile_role, credit=credit, more=more, columns=self.columns
        )
