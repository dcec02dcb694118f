"""`jobfit extract --with-text`: the returned text is the one every span's offsets index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.analyzer.conftest import make_docx, make_pdf  # noqa: F401 - fixtures used below
from tests.test_cli_extract import RESUME, run

SPAN_KEYS = ("skills", "certifications", "experience", "education", "statements")


def assert_spans_resolve(record: dict) -> None:
    text = record["text"]
    assert isinstance(text, str) and text
    n = 0
    for key in SPAN_KEYS:
        for span in record[key]:
            assert text[span["start"] : span["end"]] == span["text"], (key, span)
            n += 1
    for role in record["roles"]:  # roles carry offsets but no text of their own
        assert 0 <= role["start"] < role["end"] <= len(text)
        n += 1
    assert n >= 5  # the resume has skills, a claim, education and roles in every format


def _pdf(make_pdf) -> Path:  # noqa: F811 - the imported fixture
    lines = [line for line in RESUME.splitlines() if line]
    return make_pdf([[(72, 800 - 14 * i, line) for i, line in enumerate(lines)]], name="sam.pdf")


def _docx(make_docx) -> Path:  # noqa: F811
    return make_docx([line for line in RESUME.splitlines() if line], name="sam.docx")


def _html(tmp_path: Path) -> Path:
    # Entities and markup: the text's offsets are into the decoded text, not the HTML source.
    escaped = RESUME.replace("&", "&amp;").replace("C#", "C&#35;")
    body = "".join(f"<p>{line}</p>\n" for line in escaped.splitlines() if line)
    path = tmp_path / "sam.html"
    path.write_text(
        f"<!doctype html><html><head><style>p {{ color: red }}</style>"
        f"<script>var x = 'Python SQL';</script></head><body>{body}</body></html>",
        encoding="utf-8",
    )
    return path


def _txt(tmp_path: Path) -> Path:
    path = tmp_path / "sam.txt"
    path.write_text(RESUME, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["pdf", "docx", "html", "txt"])
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_every_span_resolves_in_the_returned_text(
    kind: str,
    fmt: str,
    tmp_path: Path,
    make_pdf,  # noqa: F811
    make_docx,  # noqa: F811
) -> None:
    path = {
        "pdf": lambda: _pdf(make_pdf),
        "docx": lambda: _docx(make_docx),
        "html": lambda: _html(tmp_path),
        "txt": lambda: _txt(tmp_path),
    }[kind]()
    code, out, err = run("extract", str(path), "--with-text", "--format", fmt, "--as-of", "2026-11")
    assert code == 0, err
    records = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
    (record,) = records
    assert_spans_resolve(record)
    if kind == "txt":
        assert record["text"] == RESUME  # text input: exactly the text given
    if kind == "html":
        assert "var x" not in record["text"] and "C#" in record["text"]


def test_without_the_option_records_are_unchanged(tmp_path: Path) -> None:
    code, out, _ = run("extract", str(_txt(tmp_path)), "--format", "jsonl", "--as-of", "2026-11")
    assert code == 0 and "text" not in json.loads(out)


def test_with_text_defaults_to_jsonl_and_keeps_table_rows_in_order(tmp_path: Path) -> None:
    table = tmp_path / "docs.jsonl"
    rows = [{"id": "a", "text": RESUME}, {"id": "b", "text": ""}, {"id": "c", "text": "Skills: Python, SQL"}]
    table.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code, out, _ = run("extract", str(table), "--with-text")
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "c"]
    assert records[0]["text"] == RESUME and records[2]["text"] == "Skills: Python, SQL"
    assert "error" in records[1] and "text" not in records[1]  # a failure has no text to give
    assert code == 1
    for record in (records[0], records[2]):
        for key in SPAN_KEYS:
            for span in record[key]:
                assert record["text"][span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_with_text_refuses_csv_and_table_in_one_line(fmt: str, tmp_path: Path) -> None:
    out_file = tmp_path / "out.csv"
    args = ("extract", str(_txt(tmp_path)), "--with-text", "--format", fmt, "--out", str(out_file))
    code, out, err = run(*args)
    assert code == 2 and out == ""  # usage errors exit 2
    assert err.strip() == f"jobfit: error: usage: --with-text needs --format json or jsonl, not {fmt}"
    assert not out_file.exists()
