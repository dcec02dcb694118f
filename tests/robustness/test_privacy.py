"""Privacy: error messages name the file, never its content; ``redact`` removes personal data."""

from __future__ import annotations

import io
import json
import logging
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.redact import redact
from cli import main
from tests.robustness.corpus import MARKER, RESUME

SECRET = f"{MARKER} 4111-1111-1111-1111 jane.secret@example.com"


def _broken_files(directory: Path) -> list[Path]:
    """Files that hold private text and then break: the reader sees the text before failing."""
    from reportlab.pdfgen import canvas

    files: dict[str, bytes] = {
        # text, then binary: rejected as binary after decoding the private part
        "then_binary.txt": (RESUME + SECRET).encode() + b"\x00\x01\x02" * 4000,
        # a PDF header followed by plain private text
        "fake.pdf": b"%PDF-1.7\n" + SECRET.encode() * 20,
        # a zip holding the text, but no Word body
        "notes.docx": _zip({"notes.txt": SECRET}),
        # a Word package whose body is broken XML quoting the secret (lxml quotes input in errors)
        "broken_body.docx": _zip(
            {"[Content_Types].xml": "<Types/>", "word/document.xml": f"<w:document>{SECRET}<oops"}
        ),
        # a table row that is not JSON, quoting the secret
        "rows.jsonl": (json.dumps({"id": "ok", "text": RESUME}) + "\n" + "{" + SECRET + "\n").encode(),
        # UTF-16 with a BOM, cut in the middle of a character
        "cut.txt": b"\xff\xfe" + SECRET.encode("utf-16-le") + b"\x00",
    }
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pageCompression=0)  # uncompressed: the secret is in the bytes
    c.drawString(72, 700, SECRET)
    c.showPage()
    c.save()
    pdf = buf.getvalue()
    cut = pdf.index(SECRET.encode()) + len(SECRET) + 20  # the text is in, the rest is gone
    files["truncated.pdf"] = pdf[:cut]
    out = []
    for name, data in files.items():
        path = directory / name
        path.write_bytes(data)
        out.append(path)
    return out


def _zip(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return buf.getvalue()


@pytest.mark.parametrize("command", ["extract", "score"])
def test_errors_never_quote_the_document(
    tmp_path: Path, command: str, caplog: pytest.LogCaptureFixture
) -> None:
    files = _broken_files(tmp_path)
    caplog.set_level(logging.DEBUG)
    result = CliRunner().invoke(main, [command, *map(str, files), "-f", "jsonl", "--as-of", "2026-11"])
    assert result.exit_code == 1
    err = result.stderr
    assert err and "Traceback" not in err
    for part in SECRET.split():
        assert part not in err, part
        assert part not in caplog.text
    error_rows = [r for r in map(json.loads, result.stdout.splitlines()) if "error" in r]
    assert len(error_rows) >= len(files) - 1  # rows.jsonl also has one good row
    for row in error_rows:
        assert MARKER not in json.dumps(row)
    # Each error line names its file.
    errors = [line for line in err.splitlines() if line.startswith("jobfit: error:")]
    named = {Path(line.split(": ")[3].split("#")[0]).name for line in errors}
    assert named == {p.name for p in files}


@pytest.mark.parametrize("command", ["extract", "score"])
def test_a_table_without_its_text_column_is_refused_without_quoting_cells(
    tmp_path: Path, command: str
) -> None:
    table = tmp_path / "rows.csv"
    table.write_text(f"id,body\n1,{SECRET}\n", encoding="utf-8")
    headless = tmp_path / "headless.csv"  # no header: its first row is a document
    headless.write_text(f"{SECRET} {RESUME[:200]!r},x\n", encoding="utf-8")
    for path in (table, headless):
        result = CliRunner().invoke(main, [command, str(path), "-f", "jsonl"])
        assert result.exit_code == 2 and result.stdout == ""
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        for part in SECRET.split():
            assert part not in result.stderr, part
    assert "'id', 'body'" in CliRunner().invoke(main, [command, str(table)]).stderr


# --------------------------------------------------------------------------- redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail jane.doe+cv@example.co.uk now", "Mail [email] now"),
        ("Call +1 (555) 010-4477 or 555.010.4477", "Call [phone] or [phone]"),
        ("Tel: +44 20 7946 0958", "Tel: [phone]"),
        ("Tel: +33 1 23 45 67 89", "Tel: [phone]"),
        ("Mobil 0171 2345678", "Mobil [phone]"),
        ("See https://jane.example.com/cv?x=1 and www.example.org", "See [url] and [url]"),
        ("linkedin.com/in/jane-doe, github.com/jdoe", "[url], [url]"),
    ],
)
def test_redact_contact_details(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_redact_names_whole_words_any_case() -> None:
    names = ("Sarah Jenkins", "Mohammed Al-Sayed", "Al")
    text = "Sarah Jenkins led. JENKINS and sarah too. Al-Sayed, Al, Alice, Also, Sarahs."
    assert redact(text, names) == "[name] led. [name] and [name] too. [name], [name], Alice, Also, Sarahs."


@pytest.mark.parametrize(
    "text",
    [
        "ASP.NET, Node.js and Vue.js on C++17",
        "Jan 2015 – Present; 2010-2014",
        "ISO 27001, SOC 2, PCI DSS 4.0",
        "Budget of $2,100,000 for 1,200 users, +12% a year",
        "10+ years of experience",
    ],
)
def test_redact_keeps_evidence_that_is_not_personal(text: str) -> None:
    assert redact(text, ("Jane Doe",)) == text


def test_redact_ignores_blank_names() -> None:
    assert redact("Jane Doe", ("", "  ")) == "Jane Doe"
