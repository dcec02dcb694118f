"""`jobfit score` over a batch: exports, exit codes, and a killed run that resumes from its store."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11"
RESUME = (
    "Casey Lee\ncasey.lee@example.com\n\nExperience\nIT Manager, Acme Corp\nJan 2017 - Present\n"
    "- Led the service desk (ITIL, ServiceNow), the IT budget and vendor contracts.\n"
    "- Ran Azure, VMware and firewalls; disaster recovery tests.\n\nEducation\nB.S. in Computer Science\n"
)
POSTING = "IT Manager\n\nRequirements\n- 5+ years of IT management.\n- ITIL, AWS, cybersecurity.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "casey.txt").write_text(RESUME, encoding="utf-8")
    (docs / "posting.txt").write_text(POSTING, encoding="utf-8")
    (docs / "zz_broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    return docs


def test_batch_exports_and_error_row(folder: Path, tmp_path: Path) -> None:
    out, gaps, summary, chart = (tmp_path / n for n in ("s.csv", "g.csv", "sum.json", "c.svg"))
    code, stdout, stderr = run(
        "score", str(folder), "--as-of", AS_OF, "--out", str(out), "--gaps", str(gaps),
        "--summary", str(summary), "--chart", str(chart), "--bom",
    )  # fmt: skip
    assert code == 1  # a failed document is reported, the others are still written
    assert "zz_broken" in stderr and "corrupt" in stderr
    assert "batch: 3 documents, 2 scored, 1 failed" in stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["id"] for r in rows] == ["casey", "posting", "zz_broken"]
    assert rows[0]["score"] and rows[2]["error"]
    assert "evidence" not in rows[0]
    gap_rows = list(csv.DictReader(gaps.read_text(encoding="utf-8-sig").splitlines()))
    assert {r["document_id"] for r in gap_rows} == {"casey", "posting", "zz_broken"}
    assert {r["status"] for r in gap_rows} <= {"met", "partial", "missing", "error"}
    assert json.loads(summary.read_text())["scored"] == 2
    assert chart.read_text().startswith("<svg")


def test_evidence_redacted_in_gaps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from analyzer.scoring import Evidence, Scorer

    real = Scorer.score

    def with_personal_evidence(self: Scorer, ext):  # noqa: ANN001, ANN202
        # Evidence spans are usually skill names; make one quote the name line and an email.
        result = real(self, ext)
        first = dataclasses.replace(
            result.competencies[0], evidence=(Evidence(0, 9, "Casey Lee <casey.lee@example.com> led ITIL"),)
        )
        return dataclasses.replace(result, competencies=(first, *result.competencies[1:]))

    monkeypatch.setattr(Scorer, "score", with_personal_evidence)
    doc = tmp_path / "r.txt"
    doc.write_text(RESUME, encoding="utf-8")
    plain, redacted = tmp_path / "plain.csv", tmp_path / "redacted.csv"
    assert run("score", str(doc), "--as-of", AS_OF, "--gaps", str(plain), "--evidence", "-q")[0] == 0
    assert "Casey Lee <casey.lee@example.com>" in plain.read_text(encoding="utf-8")
    code, _, _ = run(
        "score", str(doc), "--as-of", AS_OF, "--gaps", str(redacted), "--evidence", "--redact", "-q"
    )
    assert code == 0
    text = redacted.read_text(encoding="utf-8")
    assert "evidence" in text.splitlines()[0] and "led ITIL" in text
    assert "Casey" not in text and "casey.lee@" not in text
    without = tmp_path / "without.csv"
    assert run("score", str(doc), "--as-of", AS_OF, "--gaps", str(without), "-q")[0] == 0
    assert "Casey" not in without.read_text(encoding="utf-8")  # no evidence unless asked


def test_wide_gaps_and_jsonl_stdout(folder: Path, tmp_path: Path) -> None:
    gaps = tmp_path / "wide.csv"
    code, stdout, _ = run(
        "score",
        str(folder),
        "--as-of",
        AS_OF,
        "-f",
        "jsonl",
        "--gaps",
        str(gaps),
        "--gaps-format",
        "wide",
        "-q",
    )
    assert code == 1
    records = [json.loads(line) for line in stdout.splitlines()]
    assert [r["id"] for r in records] == ["casey", "posting", "zz_broken"]
    header = next(csv.reader(gaps.read_text(encoding="utf-8").splitlines()))
    assert header[:4] == ["document_id", "source", "score", "band"] and len(header) > 10


def test_scheduler_needs_dask_engine(folder: Path) -> None:
    code, _, stderr = run("score", str(folder), "--scheduler", "tcp://127.0.0.1:1")
    assert code == 2 and "--engine dask" in stderr and "Traceback" not in stderr


def _store_rows(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT COUNT(*) FROM results").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_killed_run_resumes_from_store(tmp_path: Path) -> None:
    n = 1500
    table = tmp_path / "big.jsonl"
    with table.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = (POSTING if i % 2 else RESUME) + f"\nReference {i}\n"
            fh.write(json.dumps({"id": f"doc-{i:05d}", "text": text}) + "\n")
    store, out = tmp_path / "s.sqlite", tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "cli", "score", str(table), "--as-of", AS_OF, "-q", "--chunk-size", "8"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [*cmd, "--store", str(store), "--out", str(out)], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while _store_rows(store) < 50 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    done = _store_rows(store)
    assert 0 < done < n, "the run should be killed mid-way"
    assert not out.exists()  # outputs are atomic: a killed run leaves none

    subprocess.run([*cmd, "--store", str(store), "--out", str(out)], cwd=ROOT, env=env, check=True)
    clean = tmp_path / "clean.jsonl"
    subprocess.run([*cmd, "--out", str(clean)], cwd=ROOT, env=env, check=True)
    resumed = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    ids = [r["id"] for r in resumed]
    assert ids == [f"doc-{i:05d}" for i in range(n)]  # each exactly once, in order
    assert resumed == [json.loads(line) for line in clean.read_text(encoding="utf-8").splitlines()]
    assert _store_rows(store) == n
