"""`jobfit score` on ATS exports: named columns, carried columns, ranked report, options checked first."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from cli import main
from tests.test_cli_score import AS_OF, POSTING, RESUME

ATS = pd.DataFrame(
    {
        "Applicant ID": ["A-1", "A-2", "A-3"],
        "Name": ["Casey Lee", "Sam Roe", "Kim Poe"],
        "Resume Text": [RESUME, POSTING, ""],
        "Type": ["resume", "posting", "resume"],
    }
)
ARGS = ["--text-column", "Resume Text", "--id-column", "Applicant ID", "--kind-column", "Type"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "applicants.xlsx"
    ATS.to_excel(path, index=False)
    return path


def test_xlsx_export_scores_with_carried_columns(xlsx: Path, tmp_path: Path) -> None:
    out, gaps, report = tmp_path / "s.csv", tmp_path / "g.csv", tmp_path / "r.html"
    code, _, stderr = run("score", str(xlsx), *ARGS, "--as-of", AS_OF, "-q", "--out", str(out),
                          "--gaps", str(gaps), "--report", str(report))  # fmt: skip
    assert code == 1 and "A-3: row has no text" in stderr  # the empty row is an error row
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert [(r["id"], r["Name"], r["kind"]) for r in rows] == [
        ("A-1", "Casey Lee", "resume"), ("A-2", "Sam Roe", "posting"), ("A-3", "Kim Poe", ""),
    ]  # fmt: skip
    assert list(rows[0])[:4] == ["id", "source", "Name", "kind"]
    assert "Resume Text" not in rows[0] and "Type" not in rows[0]
    gap_rows = list(csv.DictReader(gaps.read_text(encoding="utf-8").splitlines()))
    assert {r["Name"] for r in gap_rows} == {"Casey Lee", "Sam Roe", "Kim Poe"}
    assert all(r["status"] != "met" for r in gap_rows)  # gaps only by default
    page = report.read_text(encoding="utf-8")
    found = re.search(r'<table id="ranked">.*?</table>', page, re.S)
    assert found is not None
    ranked = found.group(0)
    assert ranked.index("A-1") < ranked.index("A-2") < ranked.index("A-3")  # the resume scores higher
    assert '<th scope="col">Name</th>' in ranked and "Casey Lee" in ranked


def test_jsonl_records_carry_columns_and_gaps_all(xlsx: Path, tmp_path: Path) -> None:
    gaps = tmp_path / "g.csv"
    code, stdout, _ = run("score", str(xlsx), *ARGS, "--as-of", AS_OF, "-q", "-f", "jsonl",
                          "--gaps", str(gaps), "--gaps-all")  # fmt: skip
    records = [json.loads(line) for line in stdout.splitlines()]
    assert [r["columns"] for r in records] == [{"Name": n} for n in ATS["Name"]]
    statuses = [r["status"] for r in csv.DictReader(gaps.read_text(encoding="utf-8").splitlines())]
    assert "met" in statuses and "missing" in statuses


def test_files_and_tables_without_extra_columns_keep_their_records(tmp_path: Path) -> None:
    (tmp_path / "cv.txt").write_text(RESUME, encoding="utf-8")
    _, stdout, _ = run("score", str(tmp_path / "cv.txt"), "--as-of", AS_OF, "-f", "jsonl")
    assert "columns" not in json.loads(stdout)


def test_extract_reads_tables_with_named_columns(xlsx: Path) -> None:
    code, stdout, _ = run("extract", str(xlsx), *ARGS, "--as-of", AS_OF, "-f", "csv")
    rows = list(csv.DictReader(stdout.splitlines()))
    assert [r["id"] for r in rows] == ["A-1", "A-2", "A-3"] and rows[0]["Name"] == "Casey Lee"
    assert code == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--text-column", "Body"], "no text column 'Body' (columns found: 'Applicant ID', 'Name'"),
        (["--text-column", "Resume Text", "--id-column", "ID"], "no id column 'ID'"),
        (["--text-column", "Resume Text", "--kind", "resume", "--kind-column", "Type"], "exclude each other"),
        (["--text-column", "Resume Text", "--sheet", "Jobs"], "no sheet 'Jobs'"),
        (["--text-column", "Resume Text", "--chart", "{tmp}/gaps.jpg"], "must end in .svg or .png"),
        (["--text-column", "Resume Text", "--summary", "{tmp}/s.txt"], "must end in .csv or .json"),
        (["--text-column", "Resume Text", "--store", "{tmp}"], "is a directory"),
        (["--text-column", "Resume Text", "--store", "{xlsx}"], "not a SQLite file"),
        (["--text-column", "Resume Text", "--out", "{tmp}"], "is a directory"),
        (["--text-column", "Resume Text", "--gaps-all"], "--gaps-all needs --gaps"),
        (["--text-column", "Resume Text", "--out", "{tmp}/s.xlsx"], "not .xlsx (Excel: .csv with --bom)"),
    ],
)
def test_mistakes_are_usage_errors_before_any_work(
    xlsx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: list[str], message: str
) -> None:
    import analyzer.batch

    def no_work(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the batch must not start")

    monkeypatch.setattr(analyzer.batch, "iter_batch", no_work)
    args = [a.format(tmp=tmp_path, xlsx=xlsx) for a in extra]
    code, stdout, stderr = run("score", str(xlsx), *args)
    assert code == 2 and stdout == ""
    assert message in stderr
    # Ours are one line; click's own checks of a path (a directory for a file) keep click's usage lines.
    assert len(stderr.strip().splitlines()) == 1 or stderr.startswith("Usage:")
    assert "internal" not in stderr and "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["applicants.xlsx"]  # nothing written


def test_store_path_of_a_real_store_is_accepted(xlsx: Path, tmp_path: Path) -> None:
    store = tmp_path / "r.sqlite"
    for _ in range(2):
        code, _, _ = run("score", str(xlsx), *ARGS, "--as-of", AS_OF, "-q", "--store", str(store), "-o",
                         str(tmp_path / "s.jsonl"))  # fmt: skip
        assert code == 1
    records = [json.loads(x) for x in (tmp_path / "s.jsonl").read_text().splitlines()]
    assert records[0]["columns"] == {"Name": "Casey Lee"}  # a stored result takes its row's columns
