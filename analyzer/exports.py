"""Spreadsheet exports of a scored batch: scores, skill gaps (long or wide), a batch summary, a chart.

CSV files are UTF-8, comma-separated, with lists joined by "; ". Excel on Windows reads UTF-8 only
when the file starts with a byte-order mark: pass ``bom=True`` (``--bom`` on the command line);
it is off by default because most other tools (pandas, csvkit, databases) do not want one.
Evidence text (the document's own words) is left out unless asked for, and then redacted if the
records were (``--redact`` redacts them as they are made, see :mod:`analyzer.batch`).
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .errors import UsageError
from .output import atomic_writer, csv_cell
from .posting import condition_of_hire
from .reports import STATUS_COLOURS, score_row, suggestion_text

GAP_FORMATS = ("long", "wide")
# The long gaps table, shared by `jobfit score --gaps`, the web page's download and
# `analyzer.gaps_frame` (docs/columns.md describes each column). A table input's other
# columns come right after ``source``; ``evidence`` is last, when asked for.
GAP_COLUMNS = (
    "document_id",
    "source",
    "item_type",
    "item_id",
    "item",
    "status",
    "credit",
    "weight",
    "points",
    "required",
    "found",
    "suggestion",
    "error",
)
STATUSES = ("missing", "partial", "met")
EVIDENCE_SEPARATOR = " | "


def _evidence_text(item: dict[str, Any]) -> str:
    return EVIDENCE_SEPARATOR.join(
        dict.fromkeys(" ".join(e["text"].split()) for e in item.get("evidence", []))
    )


def carry_columns(row: dict[str, Any], record: dict[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    """``row`` with a table row's other columns inserted after ``source`` (blank where absent)."""
    if not columns:
        return row
    values = record.get("columns") or {}
    out: dict[str, Any] = {}
    for key, value in row.items():
        out[key] = value
        if key == "source":
            for name in columns:
                # A carried column never hides one of ours: it keeps its value under "input_<name>".
                out[name if name not in row else f"input_{name}"] = values.get(name, "")
    return out


def scores_row(
    record: dict[str, Any], *, evidence: bool = False, columns: Sequence[str] = ()
) -> dict[str, Any]:
    """One row per document (``reports.score_row``), plus the evidence per competency if asked,
    and a table input's other ``columns``."""
    row = carry_columns(score_row(record), record, columns)
    if evidence:
        row["evidence"] = [
            f"{c['name']}: {_evidence_text(c)}" for c in record.get("competencies", []) if c.get("evidence")
        ]
    return row


def gap_rows(
    record: dict[str, Any],
    *,
    evidence: bool = False,
    all_rows: bool = False,
    columns: Sequence[str] = (),
) -> Iterator[dict[str, Any]]:
    """Long form: one row per (document, competency or requirement not met; every one with
    ``all_rows``); one error row for a failure. Columns: :data:`GAP_COLUMNS`."""
    base = {"document_id": record["id"], "source": record["source"]}
    if record.get("error"):
        row = dict.fromkeys(GAP_COLUMNS, "") | base | {"status": "error"}
        row["error"] = f"{record['error']['code']}: {record['error']['message']}"
        if evidence:
            row["evidence"] = ""
        yield carry_columns(row, record, columns)
        return
    advice = {(s["item_type"], s["item"]): suggestion_text(s) for s in record.get("suggestions", [])}
    for group, item_type in (("competencies", "competency"), ("requirements", "requirement")):
        for item in record.get(group, []):
            if item["status"] == "met" and not all_rows:
                continue
            row = base | {
                "item_type": item_type,
                "item_id": item["id"],
                "item": item["name"],
                "status": item["status"],
                "credit": item.get("credit", ""),
                # Competencies have a profile weight; requirements state what is needed and found.
                "weight": item.get("weight", ""),
                "points": item["points"],
                "required": item.get("required", ""),
                "found": item.get("found", ""),
                "suggestion": advice.get((item_type, item["name"]), ""),
                "error": "",
            }
            if evidence:
                row["evidence"] = _evidence_text(item)
            yield carry_columns(row, record, columns)
    # Against a posting: what it asks for and the resume lacks (every ask with all_rows); the
    # employer's checks at hiring are no gap.
    for item in record.get("posting_items", []):
        if (item["status"] == "found" or condition_of_hire(item["type"], item["name"])) and not all_rows:
            continue
        row = base | {
            "item_type": f"posting {item['type']}",
            "item_id": item.get("id") or item["type"],
            "item": item["name"],
            "status": item["status"],
            "credit": item.get("credit", ""),
            "weight": "",
            "points": item["points"],
            "required": item["importance"],
            "found": item.get("resume_count", ""),
            "suggestion": advice.get((item["type"], item["name"]), ""),
            "error": "",
        }
        if evidence:
            row["evidence"] = _evidence_text(item)
        yield carry_columns(row, record, columns)


def wide_row(
    record: dict[str, Any], competencies: Sequence[tuple[str, str]], *, columns: Sequence[str] = ()
) -> dict[str, Any]:
    """Documents x competencies: a cell is met, partial or missing (requirements are in long form)."""
    status = {c["id"]: c["status"] for c in record.get("competencies", [])}
    error = record.get("error") or {}
    row: dict[str, Any] = {
        "document_id": record["id"],
        "source": record["source"],
        "score": record.get("score", ""),
        "band": record.get("band", ""),
    }
    for cid, name in competencies:
        row[name] = status.get(cid, "")
    row["error"] = f"{error['code']}: {error['message']}" if error else ""
    return carry_columns(row, record, columns)


class CsvExport:
    """A CSV file written row by row, atomically; the header comes from the first row."""

    def __init__(self, stack: ExitStack, path: str | Path, *, bom: bool = False) -> None:
        self.stream: IO[str] = stack.enter_context(atomic_writer(path, newline=""))
        if bom and str(path) != "-":
            self.stream.write("\ufeff")
        self.writer: csv.DictWriter[str] | None = None
        self.rows = 0

    def start(self, fieldnames: list[str]) -> None:
        """Write the header now (otherwise it comes from the first row)."""
        self.writer = csv.DictWriter(self.stream, fieldnames=fieldnames, extrasaction="ignore")
        self.writer.writeheader()

    def write(self, row: dict[str, Any]) -> None:
        cells = {k: csv_cell(v) for k, v in row.items()}
        if self.writer is None:
            self.start(list(cells))
        assert self.writer is not None
        self.writer.writerow(cells)
        self.rows += 1


class GapsExport(CsvExport):
    def __init__(
        self,
        stack: ExitStack,
        path: str | Path,
        *,
        fmt: str = "long",
        competencies: Sequence[tuple[str, str]] = (),
        evidence: bool = False,
        bom: bool = False,
        all_rows: bool = False,
        columns: Sequence[str] = (),
    ) -> None:
        if fmt not in GAP_FORMATS:
            raise ValueError(f"gaps format must be long or wide, not {fmt!r}")
        super().__init__(stack, path, bom=bom)
        self.fmt = fmt
        self.competencies = list(competencies)
        self.evidence = evidence
        self.all_rows = all_rows
        self.columns = tuple(columns)
        if fmt == "long":
            # The header is known before the first row, which may not come (no gaps at all).
            header = carry_columns(dict.fromkeys(GAP_COLUMNS, ""), {}, self.columns)
            self.start(list(header) + (["evidence"] if evidence else []))

    def add(self, record: dict[str, Any]) -> None:
        if self.fmt == "wide":
            self.write(wide_row(record, self.competencies, columns=self.columns))
        else:
            for row in gap_rows(record, evidence=self.evidence, all_rows=self.all_rows, columns=self.columns):
                self.write(row)


def write_scores_csv(
    records: Iterable[dict[str, Any]],
    path: str | Path,
    *,
    evidence: bool = False,
    bom: bool = False,
    columns: Sequence[str] = (),
) -> int:
    with ExitStack() as stack:
        out = CsvExport(stack, path, bom=bom)
        for record in records:
            out.write(scores_row(record, evidence=evidence, columns=columns))
        return out.rows


def gaps_csv(record: dict[str, Any], *, all_rows: bool = False, bom: bool = True) -> str:
    """One score record's long gaps table as CSV text: what the web page downloads."""
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    writer = csv.DictWriter(buf, fieldnames=list(GAP_COLUMNS), extrasaction="ignore")
    writer.writeheader()
    for row in gap_rows(record, all_rows=all_rows):
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return buf.getvalue()


# --------------------------------------------------------------------------- batch summary


@dataclass
class CompetencyTally:
    id: str
    name: str
    missing: int = 0
    partial: int = 0
    met: int = 0

    @property
    def total(self) -> int:
        return self.missing + self.partial + self.met


@dataclass
class BatchSummary:
    """How often each competency is missing, partial or met across a batch (failures counted apart)."""

    tallies: dict[str, CompetencyTally] = field(default_factory=dict)
    documents: int = 0
    scored: int = 0
    errors: int = 0
    bands: dict[str, int] = field(default_factory=dict)
    score_sum: float = 0.0

    def add(self, record: dict[str, Any]) -> None:
        self.documents += 1
        if record.get("error"):
            self.errors += 1
            return
        self.scored += 1
        self.score_sum += float(record.get("score") or 0.0)
        band = record.get("band") or ""
        self.bands[band] = self.bands.get(band, 0) + 1
        for comp in record.get("competencies", []):
            tally = self.tallies.get(comp["id"])
            if tally is None:
                tally = self.tallies[comp["id"]] = CompetencyTally(comp["id"], comp["name"])
            if comp["status"] in STATUSES:
                setattr(tally, comp["status"], getattr(tally, comp["status"]) + 1)

    def ranked(self) -> list[CompetencyTally]:
        """Most often missing first (then most often partial), ties by name for a stable order."""
        return sorted(self.tallies.values(), key=lambda t: (-t.missing, -t.partial, t.name))

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for t in self.ranked():
            n = t.total or 1
            out.append(
                {
                    "competency_id": t.id,
                    "competency": t.name,
                    "documents": t.total,
                    "missing": t.missing,
                    "partial": t.partial,
                    "met": t.met,
                    "missing_share": round(t.missing / n, 4),
                    "partial_share": round(t.partial / n, 4),
                    "met_share": round(t.met / n, 4),
                }
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "scored": self.scored,
            "errors": self.errors,
            "mean_score": round(self.score_sum / self.scored, 2) if self.scored else None,
            "bands": dict(sorted(self.bands.items())),
            "competencies": self.rows(),
        }

    def lines(self, limit: int | None = None) -> list[str]:
        """A short text summary for stderr."""
        head = f"batch: {self.documents} documents, {self.scored} scored, {self.errors} failed"
        if self.scored:
            head += f", mean score {self.score_sum / self.scored:.1f}"
            head += " (" + ", ".join(f"{k} {v}" for k, v in sorted(self.bands.items())) + ")"
        lines = [head]
        if self.tallies:
            lines.append(f"  {'competency':<46} {'missing':>8} {'partial':>8} {'met':>8}")
            for t in self.ranked()[:limit]:
                n = t.total or 1
                lines.append(
                    f"  {t.name[:46]:<46} {t.missing / n:>8.0%} {t.partial / n:>8.0%} {t.met / n:>8.0%}"
                )
        return lines

    def write(self, path: str | Path, *, bom: bool = False) -> None:
        """JSON when the name ends in .json, else CSV (one row per competency)."""
        if str(path).lower().endswith(".json"):
            with atomic_writer(path) as fh:
                fh.write(json.dumps(self.to_dict(), indent=1, ensure_ascii=False) + "\n")
            return
        with ExitStack() as stack:
            out = CsvExport(stack, path, bom=bom)
            for row in self.rows():
                out.write(row)

    def svg(self, title: str = "Competency gaps across the batch") -> str:
        return summary_svg(self.ranked(), title=title, documents=self.scored)

    def write_chart(self, path: str | Path, title: str = "Competency gaps across the batch") -> None:
        """An SVG chart (no dependency); PNG when matplotlib is installed."""
        check_chart_path(path)
        if Path(path).suffix.lower() == ".svg":
            with atomic_writer(path) as fh:
                fh.write(self.svg(title))
        else:
            _write_png(self.ranked(), Path(path), title)


CHART_SUFFIXES = (".svg", ".png")
SUMMARY_SUFFIXES = (".csv", ".json")


def check_chart_path(path: str | Path) -> None:
    """Refuse a chart file jobfit cannot write, before a batch runs (UsageError)."""
    suffix = Path(path).suffix.lower()
    if suffix not in CHART_SUFFIXES:
        raise UsageError(f"--chart: {Path(path).name!r} must end in .svg or .png")
    if suffix == ".png" and importlib.util.find_spec("matplotlib") is None:
        raise UsageError("--chart: a .png chart needs matplotlib (pip install matplotlib); use .svg")


def check_summary_path(path: str | Path) -> None:
    if Path(path).suffix.lower() not in SUMMARY_SUFFIXES:
        raise UsageError(f"--summary: {Path(path).name!r} must end in .csv or .json")


# The palette of every jobfit chart (colour-blind safe; the legend and each bar's title name the status).
COLOURS = STATUS_COLOURS


def summary_svg(tallies: Sequence[CompetencyTally], *, title: str, documents: int) -> str:
    """Horizontal stacked bars: share of documents missing / partial / meeting each competency
    (the template ``analyzer/templates/batch_chart.svg``)."""
    from .templating import render

    label_w, bar_w, row_h, top = 330, 420, 22, 58
    rows = []
    for i, t in enumerate(tallies):
        n = t.total or 1
        x0, segments = float(label_w), []
        for status in STATUSES:
            count = getattr(t, status)
            w = bar_w * count / n
            if w > 0:
                segments.append({"status": status, "count": count, "x": f"{x0:.1f}", "width": f"{w:.1f}"})
            x0 += w
        rows.append(
            {
                "y": top + i * row_h,
                "name": t.name,
                "label": t.name[:52],
                "total": t.total,
                "missing": f"{t.missing / n:.0%}",
                "segments": segments,
            }
        )
    return render(
        "batch_chart.svg",
        title=title,
        documents=documents,
        width=label_w + bar_w + 70,
        height=top + row_h * max(len(tallies), 1) + 20,
        label_w=label_w,
        bar_w=bar_w,
        bar_h=row_h - 6,
        legend=[{"status": status, "x": label_w + 80 * k} for k, status in enumerate(STATUSES)],
        rows=rows,
    )


def _write_png(tallies: Sequence[CompetencyTally], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [t.name for t in tallies][::-1]
    fig, ax = plt.subplots(figsize=(10, 0.35 * len(names) + 1.5))
    left = [0.0] * len(names)
    for status in STATUSES:
        shares = [getattr(t, status) / (t.total or 1) for t in tallies][::-1]
        ax.barh(names, shares, left=left, color=COLOURS[status], label=status)
        left = [a + b for a, b in zip(left, shares, strict=True)]
    ax.set_xlim(0, 1)
    ax.set_title(title)
    ax.legend(loc="lower right")
    fig.tight_layout()
    try:
        with atomic_writer(path, binary=True) as fh:
            fig.savefig(fh, format="png")
    finally:
        plt.close(fig)
