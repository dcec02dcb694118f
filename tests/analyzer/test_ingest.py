"""Document ingest: type detection, decoding, error codes and batch inputs."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from analyzer import errors, ingest
from analyzer.document import Document, Failure
from analyzer.errors import IngestError
from analyzer.ingest import from_text, iter_inputs, load_bytes, load_file

TOP = 800.0


def code_of(fn, *args, **kw) -> str:
    with pytest.raises(IngestError) as info:
        fn(*args, **kw)
    assert "\n" not in str(info.value)
    return info.value.code


# --------------------------------------------------------------------------- single documents


def test_from_text_keeps_text_exactly() -> None:
    text = "  Jane\r\nIT  Manager\t\n"
    doc = from_text(text, id="j", source="<paste>")
    assert (doc.text, doc.id, doc.source, doc.pages) == (text, "j", "<paste>", 1)
    assert code_of(from_text, " \n ") == errors.EMPTY


def test_pdf_file(make_pdf) -> None:
    path = make_pdf([[(72, TOP, "Jane Doe")], [(72, TOP, "Second page")]], name="jane.pdf")
    doc = load_file(path)
    assert doc.id == "jane" and doc.source == str(path)
    assert doc.pages == 2
    assert doc.text == "Jane Doe\n\nSecond page"


def test_extension_that_lies_is_read_by_content(make_pdf, tmp_path: Path) -> None:
    pdf = make_pdf([[(72, TOP, "Actually a PDF")]])
    fake = tmp_path / "resume.txt"
    fake.write_bytes(pdf.read_bytes())
    doc = load_file(fake)
    assert doc.text == "Actually a PDF"
    assert doc.warnings and "PDF" in doc.warnings[0]
    not_pdf = tmp_path / "resume.pdf"
    not_pdf.write_text("plain words", encoding="utf-8")
    assert code_of(load_file, not_pdf) == errors.CORRUPT


def test_missing_empty_and_too_large(tmp_path: Path) -> None:
    assert code_of(load_file, tmp_path / "nope.pdf") == errors.NOT_FOUND
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert code_of(load_file, empty) == errors.EMPTY
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n ", encoding="utf-8")
    assert code_of(load_file, blank) == errors.EMPTY
    big = tmp_path / "big.txt"
    big.write_text("x" * 100, encoding="utf-8")
    assert code_of(load_file, big, max_bytes=50) == errors.TOO_LARGE
    assert code_of(load_bytes, b"x" * 100, name="up.txt", max_bytes=50) == errors.TOO_LARGE


def test_empty_pdf_bytes_and_truncated_pdf(make_pdf) -> None:
    assert code_of(load_bytes, b"", name="a.pdf") == errors.EMPTY
    data = make_pdf([[(72, TOP, "Text")]]).read_bytes()
    assert code_of(load_bytes, data[:100], name="a.pdf") == errors.CORRUPT


def test_text_encodings(tmp_path: Path) -> None:
    words = "Café manager – naïve résumé"
    (tmp_path / "u16.txt").write_bytes(words.encode("utf-16"))
    (tmp_path / "u8bom.md").write_bytes(b"\xef\xbb\xbf" + words.encode("utf-8"))
    (tmp_path / "latin.txt").write_bytes("Café naïve résumé".encode("latin-1"))
    assert load_file(tmp_path / "u16.txt").text == words
    assert load_file(tmp_path / "u8bom.md").text == words
    latin = load_file(tmp_path / "latin.txt")
    assert latin.text == "Café naïve résumé"
    assert latin.warnings and "UTF-8" in latin.warnings[0]


def test_markdown_inline_marks_are_not_part_of_the_text(tmp_path: Path) -> None:
    source = (
        "# Priya Raman\n"
        "[LinkedIn](https://linkedin.com/in/priya) | `priya@example.com`\n\n"
        "## Experience\n"
        "**Head of IT**, Northwind Foods (2019 - present)\n"
        "* Led a *nine-person* team; __owned__ the budget\n"
        "* Wrote C# and C++ services, 2*3*4 builds, snake_case_names kept\n"
        "* Wrote `__init__` methods for __every__ class\n"
    )
    (tmp_path / "r.md").write_text(source, encoding="utf-8")
    (tmp_path / "r.txt").write_text(source, encoding="utf-8")
    assert load_file(tmp_path / "r.md").text == (
        "# Priya Raman\n"
        "LinkedIn (https://linkedin.com/in/priya) | priya@example.com\n\n"
        "## Experience\n"
        "Head of IT, Northwind Foods (2019 - present)\n"
        "* Led a nine-person team; owned the budget\n"
        "* Wrote C# and C++ services, 2*3*4 builds, snake_case_names kept\n"
        "* Wrote __init__ methods for every class\n"
    )
    # A .txt file is read as it is written.
    assert load_file(tmp_path / "r.txt").text == source


def test_binary_garbage_as_text_is_rejected(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 40)
    assert code_of(load_file, junk) in (errors.UNSUPPORTED, errors.CORRUPT)
    ctrl = tmp_path / "ctrl.txt"
    ctrl.write_bytes(b"ab\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 200)
    assert code_of(load_file, ctrl) in (errors.UNSUPPORTED, errors.CORRUPT)


def test_unsupported_and_legacy_types(tmp_path: Path) -> None:
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ\x90\x00" + b"\x00" * 64)
    assert code_of(load_file, exe) == errors.UNSUPPORTED
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert code_of(load_file, doc) == errors.UNSUPPORTED


def test_html_visible_text_only(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style></head>"
        "<body><script>var skills = 'COBOL';</script><h1>Jane&nbsp;Doe</h1>"
        "<p>IT   manager\nin Ohio</p><ul><li>Budgets</li><li>Vendors &amp; contracts</li></ul>"
        "<div>Last<br>line</div></body></html>"
    )
    path = tmp_path / "cv.htm"
    path.write_text(page, encoding="utf-8")
    text = load_file(path).text
    assert "COBOL" not in text and "color" not in text and "T\n" not in text
    assert text.splitlines() == [
        "Jane Doe",
        "IT manager in Ohio",
        "- Budgets",
        "- Vendors & contracts",
        "Last",
        "line",
    ]
    # Detected by content even when uploaded without a telling name.
    assert load_bytes(page.encode(), name="upload.bin").text == text


def test_docx_paragraphs_and_table_in_body_order(make_docx) -> None:
    path = make_docx(
        [
            "Jane Doe",
            "Skills",
            [["Area", "Years"], ["Budgeting", "5"]],
            ("bullet", "Led a team of 12"),
            "References on request",
        ]
    )
    doc = load_file(path)
    assert doc.text.splitlines() == [
        "Jane Doe",
        "Skills",
        "Area\tYears",
        "Budgeting\t5",
        "- Led a team of 12",
        "References on request",
    ]
    assert doc.pages == 1


def test_docx_by_content_and_bad_zips(make_docx, tmp_path: Path) -> None:
    data = make_docx(["Uploaded resume"]).read_bytes()
    assert load_bytes(data, name="resume").text == "Uploaded resume"
    bad = tmp_path / "bad.docx"
    bad.write_bytes(data[: len(data) // 2])
    assert code_of(load_file, bad) == errors.CORRUPT
    other_zip = tmp_path / "other.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "not word")
    other_zip.write_bytes(buf.getvalue())
    assert code_of(load_file, other_zip) == errors.CORRUPT


def test_docx_zip_bomb_checked_before_parsing(make_docx, monkeypatch) -> None:
    path = make_docx(["A paragraph long enough " * 20])
    monkeypatch.setattr(ingest, "DOCX_MAX_XML_BYTES", 200)

    def no_parse(*_a: object, **_k: object) -> None:
        raise AssertionError("parsed a document over the size limit")

    monkeypatch.setattr("docx.Document", no_parse)
    assert code_of(load_file, path) in (errors.TOO_LARGE, errors.CORRUPT)


# --------------------------------------------------------------------------- batch inputs


def test_directory_walk_sorted_skipping_hidden_and_unknown(tmp_path: Path, make_pdf) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "b.txt").write_text("bee", encoding="utf-8")
    (root / "a.md").write_text("ay", encoding="utf-8")
    (root / "sub" / "c.txt").write_text("sea", encoding="utf-8")
    (root / ".secret.txt").write_text("no", encoding="utf-8")
    (root / ".hidden" / "d.txt").write_text("no", encoding="utf-8")
    (root / "notes.xyz").write_text("skip me", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    out = list(iter_inputs([root]))
    assert [(type(o).__name__, o.id) for o in out] == [
        ("Document", "a"),
        ("Document", "b"),
        ("Failure", "empty"),
        ("Document", "c"),
    ]
    failure = out[2]
    assert isinstance(failure, Failure) and failure.code == errors.EMPTY


def test_nothing_to_read_is_one_failure_not_silence(tmp_path: Path) -> None:
    # A folder of files of other types, or a table with a header and no rows: one failure that
    # says so, instead of a run that ends with no output and no word why.
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    table = tmp_path / "export.csv"
    table.write_text("id,text\n", encoding="utf-8")
    out = list(iter_inputs([folder, table]))
    assert [(type(o).__name__, o.code) for o in out] == [("Failure", errors.EMPTY)] * 2  # type: ignore[union-attr]
    assert "no file of a type jobfit reads" in out[0].message and ".pdf" in out[0].message  # type: ignore[union-attr]
    assert out[1].message.endswith("export.csv: no rows")  # type: ignore[union-attr]
    # A folder with something to read yields only what it read.
    (folder / "cv.txt").write_text("Managed the help desk.", encoding="utf-8")
    assert [type(o).__name__ for o in iter_inputs([folder])] == ["Document"]


def test_explicit_unsupported_and_missing_yield_failures(tmp_path: Path) -> None:
    odd = tmp_path / "notes.xyz"
    odd.write_text("text", encoding="utf-8")
    out = list(iter_inputs([odd, tmp_path / "gone.pdf"]))
    assert [(o.code, o.source) for o in out if isinstance(o, Failure)] == [
        (errors.UNSUPPORTED, str(odd)),
        (errors.NOT_FOUND, str(tmp_path / "gone.pdf")),
    ]


def test_csv_rows_with_bad_row_and_big_field(tmp_path: Path) -> None:
    big = "word " * 60_000  # over the csv module's default 128 KiB field limit
    path = tmp_path / "batch.csv"
    path.write_text(
        'id,text\nr1,"Line one\nline two, with comma"\nr2,\nr3,' + big + "\n",
        encoding="utf-8",
    )
    out = list(iter_inputs([path]))
    assert isinstance(out[0], Document)
    assert out[0].id == "r1" and out[0].text == "Line one\nline two, with comma"
    assert out[0].source == f"{path}#r1"
    assert isinstance(out[1], Failure) and out[1].id == "r2" and out[1].code == errors.EMPTY
    assert isinstance(out[2], Document) and out[2].text == big


def test_csv_without_text_column_fails_once(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("name,body\na,b\n", encoding="utf-8")
    out = list(iter_inputs([path]))
    assert len(out) == 1 and isinstance(out[0], Failure) and out[0].code == errors.UNSUPPORTED


def test_jsonl_rows_with_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    rows = [
        json.dumps({"id": "a", "text": " exact  text "}),
        "{not json",
        json.dumps({"id": 7, "text": "seven"}),
        json.dumps({"id": "no-text"}),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = list(iter_inputs([path]))
    assert [type(o).__name__ for o in out] == ["Document", "Failure", "Document", "Failure"]
    assert isinstance(out[0], Document) and isinstance(out[1], Failure) and isinstance(out[3], Failure)
    assert out[0].text == " exact  text " and out[0].source == f"{path}#a"
    assert out[1].code == errors.CORRUPT and out[1].id == "line-2"
    assert out[2].id == "7"
    assert out[3].code == errors.EMPTY


def test_iter_inputs_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "first"}) + "\n", encoding="utf-8")
    gen = iter_inputs([path, tmp_path / "later.txt"])
    first = next(gen)
    assert isinstance(first, Document) and first.text == "first"
    (tmp_path / "later.txt").write_text("made after the first row was read", encoding="utf-8")
    second = next(gen)
    assert isinstance(second, Document) and second.text == "made after the first row was read"


def test_stdin_dash(monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("From a pipe\n"))
    (doc,) = list(iter_inputs(["-"]))
    assert isinstance(doc, Document) and doc.text == "From a pipe\n" and doc.source == "<stdin>"


@pytest.mark.parametrize(
    ("data", "name", "fmt"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "resume.pdf", "PNG"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "resume.docx", "JPEG"),
        (b"GIF89a" + b"\x00" * 64, "resume.txt", "GIF"),
    ],
)
def test_an_image_under_a_document_name_is_called_an_image(data: bytes, name: str, fmt: str) -> None:
    with pytest.raises(IngestError) as info:
        load_bytes(data, name=name)
    assert info.value.code == errors.UNSUPPORTED
    assert f"an image ({fmt})" in info.value.message and "PDF header" not in info.value.message


def test_text_starting_like_a_bitmap_is_still_text() -> None:
    assert load_bytes(b"BMW service lead, 5 years", name="r.txt").text.startswith("BMW")
