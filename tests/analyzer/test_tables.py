"""Table inputs: .csv .tsv .jsonl .xlsx .parquet, named columns, carried columns, checks before work."""

from __future__ import annotations

import builtins
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from analyzer import errors
from analyzer.document import Document, Failure
from analyzer.ingest import iter_inputs
from analyzer.tables import ColumnsError, TableSpec, carried_columns, check_tables, count_rows

TEXT = "IT Manager\n\nRequirements\n- 5+ years of IT management.\n- ITIL, AWS.\n"
ATS = pd.DataFrame(
    {
        "Req ID": [101, 102, 103, 104],
        "Job Title": ["IT Manager", "Help desk lead", "Empty", "Odd kind"],
        "Job Description": [TEXT, TEXT + "More.", None, TEXT],
        "Type": ["posting", "Resume", "", "cv"],
        "Opened": pd.to_datetime(["2026-01-05", "2026-02-01", "2026-03-01", "2026-04-01"]),
    }
)
SPEC = TableSpec(text_column="Job Description", id_column="Req ID", kind_column="Type")


def write(tmp_path: Path, ext: str, df: pd.DataFrame = ATS) -> Path:
    path = tmp_path / f"ats{ext}"
    if ext == ".xlsx":
        df.to_excel(path, index=False, sheet_name="Postings")
    elif ext == ".csv":
        df.to_csv(path, index=False)
    elif ext == ".tsv":
        df.to_csv(path, index=False, sep="\t")
    elif ext == ".jsonl":
        df.to_json(path, orient="records", lines=True, date_format="iso")
    elif ext == ".parquet":
        df.to_parquet(path)
    return path


@pytest.mark.parametrize("ext", [".xlsx", ".csv", ".tsv", ".jsonl", ".parquet"])
def test_every_format_gives_the_same_rows(tmp_path: Path, ext: str) -> None:
    path = write(tmp_path, ext)
    out = list(iter_inputs([path], table=SPEC))
    assert [type(o).__name__ for o in out] == ["Document", "Document", "Failure", "Failure"]
    first, second, empty, odd = out
    assert isinstance(first, Document) and isinstance(second, Document)
    assert isinstance(empty, Failure) and isinstance(odd, Failure)
    assert (first.id, first.source, first.kind, first.text) == ("101", f"{path}#101", "posting", TEXT)
    assert second.kind == "resume"  # case-insensitive
    assert dict(first.columns)["Job Title"] == "IT Manager"
    assert str(dict(first.columns)["Opened"]).startswith("2026-01-05")  # dates as ISO text
    assert set(dict(first.columns)) == {"Job Title", "Opened"}  # id, text and kind are not carried
    assert (empty.code, empty.id) == (errors.EMPTY, "103") and dict(empty.columns)["Job Title"] == "Empty"
    assert odd.code == errors.BAD_KIND and "'cv'" in odd.message and TEXT not in odd.message


def test_default_columns_and_row_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, ".xlsx", pd.DataFrame({"text": [TEXT, TEXT], "Dept": ["IT", "Ops"]}))
    out = list(iter_inputs([path]))
    assert [d.id for d in out] == ["row-1", "row-2"] and [dict(d.columns) for d in out] == [
        {"Dept": "IT"}, {"Dept": "Ops"},
    ]  # fmt: skip


def test_missing_columns_are_refused_before_work_listing_what_is_there(tmp_path: Path) -> None:
    path = write(tmp_path, ".xlsx")
    with pytest.raises(ColumnsError) as info:
        check_tables([path], TableSpec(text_column="Description", id_column="Req"))
    message = info.value.message
    assert "no text column 'Description'" in message and "no id column 'Req'" in message
    assert "'Req ID', 'Job Title', 'Job Description', 'Type', 'Opened'" in message
    assert "--text-column" in message and "\n" not in message
    assert isinstance(info.value, errors.UsageError)
    # Through iter_inputs (no check first), the same message is one error row.
    [row] = iter_inputs([path], table=TableSpec(text_column="Description"))
    assert isinstance(row, Failure) and row.code == errors.UNSUPPORTED and "columns found" in row.message


def test_columns_match_ignoring_case_and_spaces(tmp_path: Path) -> None:
    path = write(tmp_path, ".csv")
    infos = check_tables([path], TableSpec(text_column=" job description", id_column="req id"))
    assert carried_columns(infos) == ("Job Title", "Type", "Opened")


def test_a_header_that_is_text_is_not_printed(tmp_path: Path) -> None:
    path = tmp_path / "noheader.csv"
    path.write_text(f"{'secret words ' * 10},x\n", encoding="utf-8")
    with pytest.raises(ColumnsError) as info:
        check_tables([path], TableSpec())
    assert "secret" not in info.value.message and "does not look like a header" in info.value.message


def test_sheet_by_name_or_number(tmp_path: Path) -> None:
    path = tmp_path / "two.xlsx"
    with pd.ExcelWriter(path) as xl:
        pd.DataFrame({"a": [1]}).to_excel(xl, sheet_name="Notes", index=False)
        pd.DataFrame({"text": [TEXT], "id": ["p1"]}).to_excel(xl, sheet_name="Postings", index=False)
    for sheet in ("Postings", "2"):
        [doc] = iter_inputs([path], table=TableSpec(sheet=sheet))
        assert isinstance(doc, Document) and doc.id == "p1"
    with pytest.raises(ColumnsError, match="no text column"):
        check_tables([path], TableSpec())  # the first sheet has no text
    with pytest.raises(ColumnsError, match=r"no sheet 'Jobs' \(sheets: 'Notes', 'Postings'\)"):
        check_tables([path], TableSpec(sheet="Jobs"))
    with pytest.raises(errors.UsageError, match="--sheet applies to .xlsx"):
        check_tables([write(tmp_path, ".csv")], TableSpec(sheet="Postings", text_column="Job Description"))


def test_damaged_workbook_is_one_error_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    assert check_tables([path], TableSpec()) == []  # unreadable: left to the error row
    [row] = iter_inputs([path])
    assert isinstance(row, Failure) and row.code == errors.CORRUPT and row.id == "bad"


def test_parquet_without_pyarrow_is_a_clear_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, ".parquet")
    real = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(errors.UsageError, match=r"pip install 'jobfit\[parquet\]'"):
        check_tables([path], SPEC)


def test_jsonl_rows_carry_their_other_keys(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"id": "a", "text": TEXT, "team": {"name": "IT"}, "n": 2.0}) + "\n")
    [doc] = iter_inputs([path])
    assert dict(doc.columns) == {"team": {"name": "IT"}, "n": 2}


@pytest.mark.parametrize("ext", [".xlsx", ".csv", ".tsv", ".jsonl", ".parquet"])
def test_count_rows_for_the_progress_bar(tmp_path: Path, ext: str) -> None:
    assert count_rows(write(tmp_path, ext), SPEC) == 4


def test_a_workbook_bomb_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    import analyzer.tables as tables

    monkeypatch.setattr(tables, "XLSX_BOMB_BYTES", 1024 * 1024)
    path = write(tmp_path, ".xlsx")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.endswith("sheet1.xml"):  # one cell holding 2 MB of one letter
                data = data.replace(b"IT Manager", b"A" * 2_000_000, 1)
            dst.writestr(item.filename, data)
    [row] = iter_inputs([bomb], table=SPEC)
    assert isinstance(row, Failure) and row.code == errors.TOO_LARGE and "expands" in row.message
