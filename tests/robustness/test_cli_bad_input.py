"""Every hostile input through the CLI: one-line errors with a code, exit 1, no traceback,
no document text in messages, batches that carry on, and output files that are whole or absent."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import main
from tests.robustness.corpus import MARKER, Case, cases

CASES = cases()
BAD = [c for c in CASES if not c.ok]
GOOD = [c for c in CASES if c.ok]
# "jobfit: error: <code>: <file>: <reason>" and nothing else.
ERROR_LINE = re.compile(r"^jobfit: error: (?P<code>[a-z_]+): (?P<source>[^:]+): (?P<reason>[^\n]+)$")


def invoke(*args: str, input: bytes | str | None = None) -> tuple[int, str, str, BaseException | None]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr, result.exception


def assert_clean_stderr(stderr: str) -> list[re.Match[str]]:
    """No traceback, no document text; every error is one well-formed line. Other lines (a
    batch summary) may follow."""
    assert "Traceback" not in stderr
    assert MARKER not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("jobfit: error:")]
    matches = [ERROR_LINE.match(line) for line in errors]
    assert all(matches), stderr
    return matches  # type: ignore[return-value]


@pytest.mark.parametrize("command", ["extract", "score"])
@pytest.mark.parametrize("case", BAD, ids=lambda c: c.name)
def test_bad_file_is_one_clear_line_and_exit_1(corpus: dict[str, Path], case: Case, command: str) -> None:
    path = corpus[case.name]
    code, out, err, exc = invoke(command, str(path), "-f", "json", "--as-of", "2026-11")
    assert code == 1 and isinstance(exc, SystemExit)
    (match,) = assert_clean_stderr(err)
    assert case.code is not None and match["code"] in case.code
    # The message names the file, never its content.
    assert match["source"] == str(path)
    (record,) = json.loads(out)
    assert record["error"]["code"] == match["code"]
    assert "score" not in record and "skills" not in record


@pytest.mark.parametrize("case", GOOD, ids=lambda c: c.name)
def test_awkward_but_readable_file_is_scored(corpus: dict[str, Path], case: Case) -> None:
    code, out, err, _ = invoke("score", str(corpus[case.name]), "-f", "json", "--as-of", "2026-11")
    assert code == 0, err
    assert "Traceback" not in err and MARKER not in err
    (record,) = json.loads(out)
    assert "error" not in record
    assert 0.0 <= record["score"] <= 100.0


def test_lying_extension_and_encodings_keep_the_content(corpus: dict[str, Path]) -> None:
    """Files read by content or an unusual encoding give the same result as the plain resume."""
    code, out, _, _ = invoke(
        "score",
        *(
            str(corpus[n])
            for n in (
                "good_resume.txt",
                "pdf_named.txt",
                "pdf_named.docx",
                "latin1.txt",
                "utf16.txt",
                "utf16_nobom.txt",
                "good_resume.docx",
                "good_resume.pdf",
                "encrypted_owner_only.pdf",
                "control_few.txt",
            )
        ),
        "-f",
        "json",
        "--as-of",
        "2026-11",
    )
    assert code == 0
    records = json.loads(out)
    assert len({r["score"] for r in records}) == 1, [(r["id"], r["score"]) for r in records]
    by_id = {r["source"].rsplit("/", 1)[-1]: r for r in records}
    assert any("PDF" in w for w in by_id["pdf_named.txt"]["warnings"])
    assert any("Windows-1252" in w for w in by_id["latin1.txt"]["warnings"])


def test_html_scripts_are_not_text(corpus: dict[str, Path]) -> None:
    code, out, _, _ = invoke("extract", str(corpus["script.html"]), "-f", "json")
    assert code == 0
    (record,) = json.loads(out)
    dumped = json.dumps(record)
    for payload in ("SCRIPT_PAYLOAD", "ONERROR_PAYLOAD", "evil.invalid", "alert", "color: red"):
        assert payload not in dumped
    assert {"method:itil", "tech:azure"} <= {s["id"] for s in record["skills"]}


def test_500_page_pdf_reads_a_bounded_prefix(corpus: dict[str, Path]) -> None:
    code, out, _, _ = invoke("extract", str(corpus["pages_500.pdf"]), "-f", "json")
    assert code == 0
    (record,) = json.loads(out)
    assert record["pages"] == 500
    assert "read first 100 of 500 pages" in record["warnings"]


def test_directory_batch_carries_on_and_writes_whole_file(corpus: dict[str, Path], tmp_path: Path) -> None:
    """Good files are scored, bad ones are error rows (and one stderr line each), exit 1."""
    out = tmp_path / "out" / "scores.json"
    directory = next(iter(corpus.values())).parent
    code, stdout, err, _ = invoke("score", str(directory), "--out", str(out), "--as-of", "2026-11")
    assert code == 1 and stdout == ""
    matches = assert_clean_stderr(err)
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == len(CASES)
    by_name = {Path(r["source"]).name: r for r in records}
    for case in CASES:
        record = by_name[case.name]
        if case.ok:
            assert "error" not in record and 0 <= record["score"] <= 100, case.name
        else:
            assert case.code is not None and record["error"]["code"] in case.code, case.name
    assert sorted(Path(m["source"]).name for m in matches) == sorted(c.name for c in BAD)
    assert [p.name for p in out.parent.iterdir()] == ["scores.json"]  # no temp file left


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_all_bad_batch_still_writes_error_rows(corpus: dict[str, Path], tmp_path: Path, fmt: str) -> None:
    """The output file is defined even when nothing could be read: one error row per input."""
    out = tmp_path / f"scores.{fmt}"
    bad = [str(corpus[c.name]) for c in BAD]
    code, _, err, _ = invoke("score", *bad, "--out", str(out))
    assert code == 1 and len(assert_clean_stderr(err)) == len(bad)
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        rows = json.loads(text)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in text.splitlines()]
    else:
        rows = text.splitlines()[1:]
    assert len(rows) == len(bad)
    assert MARKER not in text


def test_unexpected_error_in_scoring_is_one_row_without_text(
    corpus: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug that raises with document text in its message: an error row, the rest scored."""
    from analyzer import scoring

    real = scoring.Scorer.score

    def flaky(self: scoring.Scorer, ext: Any) -> object:
        if ext.source.endswith(".pdf"):
            raise RuntimeError(f"boom near {MARKER}")
        return real(self, ext)

    monkeypatch.setattr(scoring.Scorer, "score", flaky)
    out = tmp_path / "scores.jsonl"
    good = [str(corpus[c.name]) for c in GOOD[:3]]
    code, _, err, _ = invoke("score", *good, "--out", str(out), "--as-of", "2026-11")
    assert code == 1
    (match,) = assert_clean_stderr(err)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert ["error" in r for r in rows] == [False, True, False]
    assert MARKER not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_crash_while_writing_leaves_no_output_file(tmp_path: Path, fmt: str) -> None:
    """The output layer every command uses: a crash after some records leaves nothing behind."""
    from analyzer.output import write_records

    def records() -> object:
        yield {"id": "a", "score": 1.0}
        raise RuntimeError("boom")

    out = tmp_path / f"scores.{fmt}"
    with pytest.raises(RuntimeError):
        write_records(records(), fmt=fmt, out=out, flatten=dict, table=str)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_missing_file_and_directory_named_explicitly(tmp_path: Path) -> None:
    code, _, err, _ = invoke("extract", str(tmp_path / "nope.pdf"), "-f", "json")
    assert code == 1
    (match,) = assert_clean_stderr(err)
    assert match["code"] == "not_found"


def test_binary_stdin_is_one_line(tmp_path: Path) -> None:
    code, _, err, _ = invoke("extract", "-", "-f", "json", input=b"\xff\xfe\x00\xd8" * 100 + MARKER.encode())
    assert code == 1
    assert "Traceback" not in err and MARKER not in err
    assert len(err.splitlines()) == 1 and err.startswith("jobfit: error: ")


def test_bad_posting_for_against_is_one_line(corpus: dict[str, Path]) -> None:
    code, _, err, _ = invoke(
        "score", str(corpus["good_resume.txt"]), "--against", str(corpus["encrypted_user_password.pdf"])
    )
    assert code == 1
    (match,) = assert_clean_stderr(err)
    assert match["code"] == "encrypted"
