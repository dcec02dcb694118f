"""The command-line contract of `jobfit extract` (other tools depend on it) and `jobfit profile`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

RESUME = (
    "Sam Rivera\nIT Manager\n\nSummary\nIT manager with 10+ years of experience in IT management.\n\n"
    "Experience\nIT Manager, Acme Corp\nJan 2018 - Present\n- Led cybersecurity and ITIL service desk.\n"
    "Systems Administrator, Beta LLC\n2012 - 2017\n- Ran Active Directory and VMware.\n\n"
    "Education\nB.S. in Computer Science\n\nCertifications\nCompTIA Security+, PMP\n\n"
    "Skills\nC#, .NET, Go, R, Excel, project management\n"
)
CONTRACT = {
    "id",
    "source",
    "kind",
    "skills",
    "certifications",
    "experience",
    "roles",
    "education",
    "warnings",
}


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def resume(tmp_path: Path) -> Path:
    path = tmp_path / "sam_rivera.txt"
    path.write_text(RESUME, encoding="utf-8")
    return path


def test_extract_json_contract(resume: Path) -> None:
    code, out, _ = run("extract", str(resume), "--format", "json", "--as-of", "2026-11")
    assert code == 0
    (record,) = json.loads(out)
    assert CONTRACT <= set(record)
    assert record["id"] == "sam_rivera" and record["kind"] == "resume"
    text = resume.read_text(encoding="utf-8")
    for key in ("skills", "certifications", "experience", "education"):
        for item in record[key]:
            assert text[item["start"] : item["end"]] == item["text"]
    assert set(record["skills"][0]) >= {"id", "name", "type", "category", "section", "start", "end", "text"}
    assert set(record["certifications"][0]) >= {"id", "name", "issuer", "start", "end", "text"}
    ids = {s["id"] for s in record["skills"]}
    assert {"skill:csharp", "skill:go", "skill:r"} <= ids
    certs = {c["id"] for c in record["certifications"]}
    assert {"cert:comptia-security-plus", "cert:pmp"} <= certs
    claim = record["experience"][0]
    assert (claim["years_min"], claim["years_max"]) == (10, None)
    assert {r["title"] for r in record["roles"]} >= {"IT Manager"}
    assert set(record["roles"][0]) >= {"title", "start_date", "end_date", "months"}
    assert record["education"][0]["level"] == "bachelor"


def test_table_rows_keep_ids_and_exact_text(tmp_path: Path) -> None:
    table = tmp_path / "docs.csv"
    text = "Needs 5+ years of experience in IT management and PMP.  "
    with table.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["id", "text"], ["row-7", text]])
    code, out, _ = run("extract", str(table), "--format", "jsonl")
    assert code == 0
    record = json.loads(out.splitlines()[0])
    assert record["id"] == "row-7"
    cert = record["certifications"][0]
    assert text[cert["start"] : cert["end"]] == "PMP"


def test_stdin_and_formats(resume: Path) -> None:
    code, out, _ = run("extract", "-", "--format", "csv", input=RESUME)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["id"] and "cert:pmp" in rows[0]["certifications"]
    code, out, _ = run("extract", str(resume), "--format", "table")
    assert code == 0 and "sam_rivera" in out and "skills:" in out


def test_out_file_written_atomically(resume: Path, tmp_path: Path) -> None:
    out = tmp_path / "x" / "out.jsonl"
    code, stdout, _ = run("extract", str(resume), "--out", str(out))
    assert code == 0 and stdout == ""
    assert json.loads(out.read_text())["id"] == "sam_rivera"
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".part")]


def test_bad_input_is_one_line_and_nonzero(tmp_path: Path, resume: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    code, out, err = run("extract", str(empty), str(resume), "--format", "jsonl")
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0]["error"]["code"] == "empty" and lines[1]["id"] == "sam_rivera"
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    code, _, err = run("extract", str(tmp_path / "missing.pdf"))
    assert code == 1 and "not_found" in err


def test_bad_options_are_usage_errors(resume: Path) -> None:
    code, _, err = run("extract", str(resume), "--as-of", "2026-13")
    assert code == 2 and "YYYY-MM" in err


def test_profile_show() -> None:
    code, out, _ = run("profile", "show")
    assert code == 0 and "IT Manager" in out and "education: bachelor" in out
    code, out, _ = run("profile", "show", "--format", "json")
    assert json.loads(out)["role"] == "IT Manager"
    code, _, err = run("profile", "show", "nope")
    assert code == 1 and "no profile" in err


def test_every_command_has_help_with_an_example() -> None:
    for args in (["extract"], ["score"], ["profile", "build"], ["profile", "show"], ["audit"], ["serve"]):
        code, out, _ = run(*args, "--help")
        assert code == 0 and "Example" in out, args


def test_unexpected_error_is_one_line_without_document_text(resume: Path, monkeypatch) -> None:
    import analyzer.extract

    def boom(self, items, batch_size=64):
        raise RuntimeError("secret resume text Sam Rivera")
        yield  # pragma: no cover

    monkeypatch.setattr(analyzer.extract.Extractor, "extract_many", boom)
    monkeypatch.delenv("JOBFIT_DEBUG", raising=False)
    code, _, err = run("extract", str(resume))
    assert code == 1
    assert err.strip() == (
        "jobfit: error: internal: unexpected RuntimeError; rerun with JOBFIT_DEBUG=1 for details"
    )
    assert "Sam Rivera" not in err


def test_a_document_failing_inside_extraction_is_an_error_row(tmp_path: Path, monkeypatch) -> None:
    # --jobs 1 as in worker processes: the other documents are written, the failure is one
    # line on stderr naming no document text, and the exit code is 1.
    import analyzer.extract

    process = analyzer.extract.Extractor.process

    def fails_on_budgets(self, document):
        if "budget" in document.text:
            raise RuntimeError("Owned a budget")
        return process(self, document)

    monkeypatch.setattr(analyzer.extract.Extractor, "process", fails_on_budgets)
    (tmp_path / "a.txt").write_text("Led a team of 14 engineers.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Owned a budget.\n", encoding="utf-8")
    code, out, err = run("extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [r["id"] for r in records] == ["a", "b"]
    assert "error" not in records[0] and records[1]["error"]["code"] == "internal"
    failed = tmp_path / "b.txt"
    assert err.strip() == f"jobfit: error: internal: {failed}: could not be analysed (RuntimeError)"


def test_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    import subprocess
    import sys

    table = tmp_path / "many.jsonl"
    row = json.dumps({"id": "r", "text": RESUME})
    table.write_text("\n".join(row for _ in range(400)) + "\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "extract", str(table), "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()  # like `| head -c 100`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in err and "error" not in err


def test_score_against_a_posting_and_a_bad_posting(resume: Path, tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(
        "IT Manager\nRequirements\n- 5+ years of experience managing IT teams.\n"
        "- Cybersecurity, budgeting and vendor management.\n- Bachelor's degree.\n",
        encoding="utf-8",
    )
    code, out, _ = run("score", str(resume), "--against", str(posting), "-f", "json", "--as-of", "2026-11")
    assert code == 0
    (record,) = json.loads(out)
    assert record["profile"] == "posting:posting"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run("score", str(resume), "--against", str(empty))
    assert code == 1 and out == ""
    assert err.strip().startswith("jobfit: error: empty:") and "Traceback" not in err


def test_kind_and_confidence_in_records_and_override(tmp_path: Path) -> None:
    table = tmp_path / "docs.jsonl"
    table.write_text(
        json.dumps({"id": "r", "text": RESUME})
        + "\n"
        + json.dumps({"id": "p", "kind": "resume", "text": "You will lead. Apply now. We offer pay."})
        + "\n",
        encoding="utf-8",
    )
    code, out, _ = run("extract", str(table), "--format", "jsonl", "--as-of", "2026-11")
    assert code == 0
    r, p = (json.loads(line) for line in out.splitlines())
    assert r["kind"] == "resume" and 0.9 <= r["kind_confidence"] < 1.0
    assert p["kind"] == "resume" and p["kind_confidence"] == 1.0  # the table's column wins
    code, out, _ = run("extract", str(table), "--format", "jsonl", "--kind", "posting")
    assert code == 0
    assert {json.loads(line)["kind"] for line in out.splitlines()} == {"posting"}  # --kind wins


def test_extract_in_worker_processes_writes_the_same_records(tmp_path: Path, resume: Path) -> None:
    # A table with carried columns and an empty row, and a file read by the workers themselves.
    table = tmp_path / "rows.csv"
    with table.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Req ID", "Body", "Dept"])
        writer.writerow(["r1", RESUME, "IT"])
        writer.writerow(["r2", "", "Ops"])
        writer.writerow(["r3", "We are hiring an IT Manager.\nRequirements\n- 5+ years of ITIL", "IT"])
    args = ["extract", str(table), str(resume), "--text-column", "Body", "--id-column", "Req ID"]
    args += ["--as-of", "2026-11"]
    for fmt in ("jsonl", "csv"):
        one = run(*args, "--format", fmt)
        two = run(*args, "--format", fmt, "--jobs", "2")
        assert one[1] == two[1] and one[1]
        # The empty row is an error row in both, with one line on stderr and exit 1.
        assert one[0] == two[0] == 1
        assert two[2].count("jobfit: error: empty:") == 1
    records = [json.loads(line) for line in run(*args, "--with-text", "-j", "2")[1].splitlines()]
    assert [r["id"] for r in records] == ["r1", "r2", "r3", "sam_rivera"]
    assert records[0]["columns"] == {"Dept": "IT"} and records[0]["text"] == RESUME
    assert "error" in records[1]


def test_an_extraction_batch_keeps_no_store(tmp_path: Path) -> None:
    from analyzer.batch import iter_batch, make_extract_config
    from analyzer.errors import UsageError
    from analyzer.store import ResultStore

    doc = tmp_path / "a.txt"
    doc.write_text(RESUME, encoding="utf-8")
    with ResultStore(tmp_path / "s.sqlite") as store, pytest.raises(UsageError, match="store keeps scores"):
        list(iter_batch([doc], make_extract_config(), store=store))
