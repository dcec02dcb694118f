"""CSV exports (scores, gaps long and wide), the batch summary and its SVG chart."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from contextlib import ExitStack
from pathlib import Path

import pytest

from analyzer.errors import UsageError
from analyzer.exports import (
    GAP_COLUMNS,
    BatchSummary,
    GapsExport,
    gap_rows,
    gaps_csv,
    scores_row,
    wide_row,
    write_scores_csv,
)
from analyzer.reports import STATUS_COLOURS


def _record(doc_id: str, statuses: dict[str, str], score: float = 50.0) -> dict:
    comps = [
        {
            "id": cid,
            "name": cid.title() + " work",
            "weight": 0.5,
            "status": status,
            "credit": 1.0 if status == "met" else 0.0,
            "points": 25.0 if status == "met" else 0.0,
            "evidence": [{"start": 0, "end": 5, "text": f"{cid} evidence"}] if status != "missing" else [],
        }
        for cid, status in statuses.items()
    ]
    reqs = [
        {
            "id": "education",
            "name": "education level",
            "required": "bachelor",
            "found": "none",
            "status": "missing",
            "credit": 0.0,
            "points": 0.0,
            "evidence": [],
        }
    ]
    return {
        "id": doc_id,
        "source": f"{doc_id}.txt",
        "kind": "resume",
        "profile": "p",
        "score": score,
        "band": "good",
        "competencies": comps,
        "requirements": reqs,
        "gaps": [],
        "total_years": 3.0,
        "management_years": 1.0,
        "highest_education": None,
        "certifications": ["cert:pmp", "cert:itil"],
        "warnings": [],
    }


ERROR = {"id": "bad", "source": "bad.pdf", "error": {"code": "corrupt", "message": "bad.pdf: unreadable"}}
COMPS = [("budget", "Budget work"), ("security", "Security work")]


def test_scores_row_leaves_evidence_out_unless_asked() -> None:
    record = _record("a", {"budget": "met", "security": "missing"})
    row = scores_row(record)
    assert "evidence" not in row and "budget evidence" not in json.dumps(row)
    assert row["met"] == ["Budget work"] and row["missing"] == ["Security work"]
    assert scores_row(record, evidence=True)["evidence"] == ["Budget work: budget evidence"]


def test_long_gaps_rows_hold_gaps_only_unless_all() -> None:
    record = _record("a", {"budget": "met", "security": "missing"})
    rows = list(gap_rows(record))
    assert [(r["item_type"], r["item_id"], r["status"]) for r in rows] == [
        ("competency", "security", "missing"),
        ("requirement", "education", "missing"),
    ]
    assert all(tuple(r) == GAP_COLUMNS for r in rows)
    assert rows[0]["document_id"] == "a" and rows[0]["weight"] == 0.5 and "evidence" not in rows[0]
    assert (rows[1]["required"], rows[1]["found"], rows[1]["weight"]) == ("bachelor", "none", "")
    every = list(gap_rows(record, all_rows=True))
    assert [r["item_id"] for r in every] == ["budget", "security", "education"]
    [err] = gap_rows(ERROR, evidence=True)
    assert err["status"] == "error" and err["error"].startswith("corrupt")


def test_no_gap_column_repeats_another() -> None:
    # "category" used to repeat the competency id; each column now says something of its own.
    rows = list(gap_rows(_record("a", {"budget": "met", "security": "partial"}), all_rows=True))
    assert len(set(GAP_COLUMNS)) == len(GAP_COLUMNS) and "category" not in GAP_COLUMNS
    columns = {c: [r[c] for r in rows] for c in GAP_COLUMNS if any(r[c] != "" for r in rows)}
    values = list(columns.values())
    assert len({tuple(map(str, v)) for v in values}) == len(values)


def test_carried_columns_follow_source_and_never_hide_ours() -> None:
    record = _record("a", {"budget": "missing"}) | {"columns": {"Job Title": "IT Manager", "score": "x"}}
    row = scores_row(record, columns=["Job Title", "score", "Dept"])
    assert list(row)[:5] == ["id", "source", "Job Title", "input_score", "Dept"]
    assert (row["Job Title"], row["input_score"], row["Dept"], row["score"]) == ("IT Manager", "x", "", 50.0)
    [gap, _req] = gap_rows(record, columns=["Job Title"])
    assert list(gap)[:3] == ["document_id", "source", "Job Title"] and gap["Job Title"] == "IT Manager"


def test_certification_names_beside_ids() -> None:
    row = scores_row(_record("a", {"budget": "met"}) | {"certifications": ["cert:pmp", "cert:unknown"]})
    assert row["certifications"] == ["cert:pmp", "cert:unknown"]
    assert row["certification_names"] == ["Project Management Professional", "cert:unknown"]


def test_gaps_csv_for_the_web_page_uses_the_shared_columns() -> None:
    text = gaps_csv(_record("a", {"budget": "met", "security": "missing"}))
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(text.lstrip("\ufeff").splitlines()))
    assert tuple(rows[0]) == GAP_COLUMNS and [r["item_id"] for r in rows] == ["security", "education"]


def test_cells_a_spreadsheet_would_run_are_quoted() -> None:
    from analyzer.output import csv_cell

    assert [csv_cell(v) for v in ("=SUM(A1)", "+1", "-x", "@cmd", "ok", -1.5)] == [
        "'=SUM(A1)", "'+1", "'-x", "'@cmd", "ok", -1.5,
    ]  # fmt: skip


def test_wide_row_has_a_column_per_competency() -> None:
    row = wide_row(_record("a", {"security": "partial"}), COMPS)
    assert row["Budget work"] == "" and row["Security work"] == "partial" and row["error"] == ""
    assert wide_row(ERROR, COMPS)["error"].startswith("corrupt")


@pytest.mark.parametrize("bom", [False, True])
def test_csv_files_bom_and_lists(tmp_path: Path, bom: bool) -> None:
    path = tmp_path / "scores.csv"
    write_scores_csv([_record("a", {"budget": "met"}), ERROR], path, bom=bom)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") is bom
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0]["certifications"] == "cert:pmp; cert:itil"
    assert rows[1]["error"] == "corrupt: bad.pdf: unreadable"


def test_gaps_export_wide_file(tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    with ExitStack() as stack:
        out = GapsExport(stack, path, fmt="wide", competencies=COMPS)
        out.add(_record("a", {"budget": "met", "security": "missing"}))
        out.add(ERROR)
        assert not path.exists()  # atomic: appears only when complete
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert list(rows[0]) == [
        "document_id",
        "source",
        "score",
        "band",
        "Budget work",
        "Security work",
        "error",
    ]
    assert (rows[0]["Budget work"], rows[0]["Security work"]) == ("met", "missing")


def _summary() -> BatchSummary:
    summary = BatchSummary()
    summary.add(_record("a", {"budget": "met", "security": "missing"}, 80.0))
    summary.add(_record("b", {"budget": "partial", "security": "missing"}, 40.0))
    summary.add(_record("c", {"budget": "missing", "security": "met"}, 60.0))
    summary.add(ERROR)
    return summary


def test_summary_ranks_most_often_missing_first() -> None:
    data = _summary().to_dict()
    assert (data["documents"], data["scored"], data["errors"], data["mean_score"]) == (4, 3, 1, 60.0)
    first, second = data["competencies"]
    assert (first["competency_id"], first["missing"], first["met"]) == ("security", 2, 1)
    assert (second["competency_id"], second["missing"], second["partial"], second["met"]) == (
        "budget",
        1,
        1,
        1,
    )
    assert second["missing_share"] == pytest.approx(1 / 3, abs=1e-4)
    assert "Security work" in _summary().lines()[2]


def test_summary_files_by_suffix(tmp_path: Path) -> None:
    summary = _summary()
    summary.write(tmp_path / "s.json")
    summary.write(tmp_path / "s.csv")
    assert json.loads((tmp_path / "s.json").read_text())["errors"] == 1
    rows = list(csv.DictReader((tmp_path / "s.csv").read_text().splitlines()))
    assert [r["competency_id"] for r in rows] == ["security", "budget"]


def test_svg_chart_is_well_formed_with_a_bar_per_status(tmp_path: Path) -> None:
    summary = _summary()
    summary.add(_record("d", {"budget": "met", "security": "met"}))
    path = tmp_path / "chart.svg"
    summary.write_chart(path, title="Gaps & <more>")
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    bars = [r for r in root.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    # The one colour-blind-safe palette of the HTML report's chart and the web page.
    assert {b.get("fill") for b in bars} == set(STATUS_COLOURS.values())
    title = root.find(f"{ns}title")
    assert title is not None and title.text is not None
    assert "Gaps & <more>" in title.text  # escaped in the file, intact when parsed


def test_chart_suffix_is_checked(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="svg or .png"):
        _summary().write_chart(tmp_path / "chart.gif")
