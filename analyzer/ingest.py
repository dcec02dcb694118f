"""Turn files, uploads, tables and stdin into :class:`Document` objects.

Types are recognised by content first (PDF header, a zip holding ``word/document.xml``, an HTML
tag) and by extension second, so a PDF saved as ``.txt`` is still read as a PDF. Every failure
is an :class:`IngestError` with a one-line message; :func:`iter_inputs` turns them into
:class:`Failure` rows so one bad file never stops a batch.
"""

from __future__ import annotations

import io
import os
import re
import sys
import zipfile
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from .document import Document, Failure
from .errors import CORRUPT, EMPTY, NOT_FOUND, TOO_LARGE, UNSUPPORTED, IngestError, UsageError
from .tables import TABLE_EXTS, TableSpec, iter_table

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DOCX_MAX_XML_BYTES = 50 * 1024 * 1024  # uncompressed word/document.xml: more is a zip bomb
# python-docx loads every part (styles, media ...) into memory, so a bomb can hide in any member.
DOCX_MAX_TOTAL_BYTES = 100 * 1024 * 1024
# The pipeline's limit (spaCy's nlp.max_length is 5M); a resume is ~10k characters, and this
# bounds one document to a few seconds and a few hundred MB.
MAX_TEXT_CHARS = 2_000_000
MAX_PDF_PAGES = 100

PDF_EXTS = frozenset({".pdf"})
DOCX_EXTS = frozenset({".docx"})
TEXT_EXTS = frozenset({".txt", ".md", ".markdown", ".text"})
MARKDOWN_EXTS = frozenset({".md", ".markdown"})
HTML_EXTS = frozenset({".html", ".htm"})
DOCUMENT_EXTS = PDF_EXTS | DOCX_EXTS | TEXT_EXTS | HTML_EXTS
SUPPORTED_EXTS = DOCUMENT_EXTS | TABLE_EXTS

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTS",
    "from_text",
    "iter_inputs",
    "load_bytes",
    "load_file",
]


# --------------------------------------------------------------------------- public API


def load_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one document file. ``id`` is the file stem, ``source`` the path as given."""
    source = str(path)
    p = Path(path)
    try:
        st = p.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise IngestError(source, "file not found", code=NOT_FOUND) from None
    except OSError as err:
        raise IngestError(source, f"cannot read file ({err.strerror or err})", code=NOT_FOUND) from None
    if p.is_dir():
        raise IngestError(source, "is a directory, not a document", code=UNSUPPORTED)
    ext = p.suffix.lower()
    if ext in TABLE_EXTS:
        raise IngestError(source, "a table holds many documents: pass it as batch input", code=UNSUPPORTED)
    # Size first, so an oversized file is never read into memory.
    _check_size(source, st.st_size, max_bytes)
    try:
        data = p.read_bytes()
    except OSError as err:
        raise IngestError(source, f"cannot read file ({err.strerror or err})", code=NOT_FOUND) from None
    return _from_bytes(data, id=p.stem or p.name, source=source, ext=ext, strict_ext=True)


def load_bytes(data: bytes, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read an uploaded document. The type comes from the content; ``name`` only names it."""
    _check_size(name, len(data), max_bytes)
    p = Path(name)
    return _from_bytes(bytes(data), id=p.stem or name, source=name, ext=p.suffix.lower(), strict_ext=False)


def from_text(text: str, *, id: str = "text", source: str = "<text>") -> Document:
    """Wrap text already in memory. The text is kept exactly as given (offsets index it)."""
    if not text.strip():
        raise IngestError(source, "no text", code=EMPTY)
    _check_chars(source, text)
    return Document(id=id, source=source, text=text)


def iter_inputs(
    inputs: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES, table: TableSpec | None = None
) -> Iterator[Document | Failure]:
    """Documents (or failures) from files, directories, ``.csv``/``.jsonl`` tables and ``-``.

    Directories are walked recursively in sorted order, skipping hidden entries and files of
    unsupported types; a file named explicitly with an unsupported type yields a Failure.
    Tables (``.csv``, ``.tsv``, ``.jsonl``, ``.xlsx``, ``.parquet``) stream one Document per row,
    its columns named by ``table`` (default ``id``, ``text``; see :mod:`analyzer.tables`); a bad
    row yields a Failure for that row only. ``-`` reads text from stdin.
    """
    for item in inputs:
        if str(item) == "-":
            yield _stdin_document()
            continue
        p = Path(item)
        read = 0
        if p.is_dir():
            for f in walk_documents(p):
                for out in _file_inputs(f, str(f), max_bytes, table):
                    read += 1
                    yield out
        else:
            for out in _file_inputs(p, str(item), max_bytes, table):
                read += 1
                yield out
        if read == 0:
            # A folder with no file of a type we read, or a table with a header and no rows: say
            # so, or the run ends with no output and no word why (a wrong path, a wrong type).
            kinds = ", ".join(sorted(SUPPORTED_EXTS))
            what = f"no file of a type jobfit reads ({kinds})" if p.is_dir() else "no rows"
            yield Failure(p.name or str(item), str(item), EMPTY, f"{item}: {what}")


# --------------------------------------------------------------------------- dispatch


def _check_size(source: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise IngestError(source, f"file too large ({_mb(size)} > {_mb(max_bytes)} limit)", code=TOO_LARGE)
    if size == 0:
        raise IngestError(source, "file is empty (0 bytes)", code=EMPTY)


def _check_chars(source: str, text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(
            source, f"text too long ({len(text):,} characters > {MAX_TEXT_CHARS:,} limit)", code=TOO_LARGE
        )


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _sniff(data: bytes) -> str | None:
    """Type from content: 'pdf', 'docx', 'zip', 'ole' (legacy Office), 'html' or None."""
    head = data[:1024]
    if head.startswith(b"%PDF") or b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                return "docx" if "word/document.xml" in zf.namelist() else "zip"
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    lowered = _ascii_head(head)
    if re.match(r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<!doctype html", lowered, re.S) or re.match(
        r"\s*(<!--.*?-->\s*)*<html[\s>]", lowered, re.S
    ):
        return "html"
    return None


_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)


def image_format(data: bytes) -> str | None:
    """Format name ("PNG", "JPEG", ...) when the bytes are an image (a resume photo renamed .pdf, say)."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    return next((name for magic, name in _IMAGE_MAGIC if data.startswith(magic)), None)


def _ascii_head(head: bytes) -> str:
    # UTF-16 HTML has NULs between ASCII letters; drop them (and a BOM) to look for the tag.
    return head.replace(b"\x00", b"").lstrip(b"\xef\xbb\xbf\xff\xfe").decode("latin-1").lower()


def _from_bytes(data: bytes, *, id: str, source: str, ext: str, strict_ext: bool) -> Document:
    kind = _sniff(data)
    warnings: list[str] = []
    if kind is None:
        image = image_format(data)
        if image:
            raise IngestError(
                source,
                f"this is an image ({image}), not a document: jobfit reads text, so use the PDF, DOCX or "
                "TXT the resume was written in",
                code=UNSUPPORTED,
            )
        if ext in PDF_EXTS:
            raise IngestError(source, "not a PDF (no PDF header)", code=CORRUPT)
        if ext in DOCX_EXTS:
            raise IngestError(source, "not a Word .docx file (not a zip archive)", code=CORRUPT)
        if ext in HTML_EXTS:
            kind = "html"
        elif ext in TEXT_EXTS or (not strict_ext and ext == ""):
            kind = "text"
        else:
            raise IngestError(source, f"unsupported file type {ext or '(none)'}", code=UNSUPPORTED)
    elif ext and kind in ("pdf", "docx", "html") and _ext_kind(ext) not in (kind, None):
        warnings.append(f"content is {kind.upper()} although the name ends in {ext}")

    if kind == "pdf":
        from .pdf import extract_pdf

        result = extract_pdf(data, source=source, max_pages=MAX_PDF_PAGES)
        _check_chars(source, result.text)
        return Document(
            id=id,
            source=source,
            text=result.text,
            pages=result.total_pages,
            warnings=tuple(warnings) + result.warnings,
        )
    if kind == "docx":
        text = _docx_text(data, source)
    elif kind == "zip":
        code = CORRUPT if ext in DOCX_EXTS else UNSUPPORTED
        raise IngestError(source, "zip archive is not a readable Word document", code=code)
    elif kind == "ole":
        raise IngestError(source, "legacy Word/Office format: save it as .docx or PDF", code=UNSUPPORTED)
    elif kind == "html":
        decoded, more = _decode_text(data, source)
        warnings.extend(more)
        text = _html_text(decoded)
    else:
        text, more = _decode_text(data, source)
        warnings.extend(more)
        if ext in MARKDOWN_EXTS:
            text = _markdown_text(text)
    if not text.strip():
        raise IngestError(source, "no text", code=EMPTY)
    _check_chars(source, text)
    return Document(id=id, source=source, text=text, warnings=tuple(warnings))


def _ext_kind(ext: str) -> str | None:
    if ext in PDF_EXTS:
        return "pdf"
    if ext in DOCX_EXTS:
        return "docx"
    if ext in HTML_EXTS:
        return "html"
    if ext in TEXT_EXTS:
        return "text"
    return None


# --------------------------------------------------------------------------- plain text

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


# Markdown's inline marks, which no reader of the resume sees: "**Head of IT**, Acme" is the
# line "Head of IT, Acme", a link shows its text and address. Headings ("## Experience") and
# list markers ("- ", "* ") stay: sections and statements read them as they are.
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]+)\)")
_MD_CODE = re.compile(r"`([^`\n]+)`")


def _markdown_text(text: str) -> str:
    """The text a Markdown file shows: inline marks dropped, links as "text (address)", code
    spans as they are written (their "__init__" is no bold)."""
    parts = _MD_CODE.split(text)  # prose, code, prose, code, ...
    for i in range(0, len(parts), 2):
        prose = _MD_LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(1) else m.group(2), parts[i])
        parts[i] = _MD_EMPHASIS.sub(r"\1", _MD_STRONG.sub(r"\2", prose))
    return "".join(parts)


def _decode_text(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode text bytes: UTF-8 (BOM optional), UTF-16 with BOM, else Windows-1252."""
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError(source, "broken UTF-16 text", code=CORRUPT) from None
    else:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            text = utf16
        else:
            if data.count(b"\x00") > 0:
                raise IngestError(source, "binary data, not text", code=UNSUPPORTED)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = data.decode("cp1252")
                    warnings.append("not UTF-8: read as Windows-1252")
                except UnicodeDecodeError:
                    text = data.decode("latin-1")
                    warnings.append("not UTF-8: read as Latin-1")
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise IngestError(source, "binary data, not text", code=UNSUPPORTED)
    return text, warnings


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-heavy text then has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and (even if zeros is odd else odd).count(0) == 0:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


# --------------------------------------------------------------------------- HTML

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd details div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody thead "
    "tfoot tr ul caption".split()
)
_SKIP_TAGS = frozenset({"script", "style", "head", "noscript", "template", "svg", "title"})


class _HTMLText(HTMLParser):
    """Visible text of an HTML page: blocks on their own lines, list items as "- " bullets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in ("td", "th"):
            self.parts.append("\t")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))


def _html_text(markup: str) -> str:
    parser = _HTMLText()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):  # the stdlib parser is lenient; keep what it read
        pass
    lines = []
    for line in "".join(parser.parts).split("\n"):
        line = line.strip(" \t")
        # Adjacent block tags produce runs of breaks; one newline per block is enough.
        if line and line != "-":
            lines.append(line)
    return "\n".join(lines)


# --------------------------------------------------------------------------- DOCX


def _docx_text(data: bytes, source: str) -> str:
    """Paragraphs and table rows in body order; table cells separated by tabs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("word/document.xml")
            if info.file_size > DOCX_MAX_XML_BYTES:
                raise IngestError(
                    source,
                    f"Word document body expands to {_mb(info.file_size)} (limit {_mb(DOCX_MAX_XML_BYTES)})",
                    code=TOO_LARGE,
                )
            total = sum(i.file_size for i in zf.infolist())
            if total > DOCX_MAX_TOTAL_BYTES:
                raise IngestError(
                    source,
                    f"Word document expands to {_mb(total)} (limit {_mb(DOCX_MAX_TOTAL_BYTES)})",
                    code=TOO_LARGE,
                )
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        raise IngestError(source, "damaged Word document (bad zip)", code=CORRUPT) from None
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(_docx_paragraph(block))
            elif isinstance(block, Table):
                lines.extend(_docx_table(block))
    except IngestError:
        raise
    except Exception as err:  # noqa: BLE001 - any parser failure is a damaged file to the user
        raise IngestError(source, f"damaged Word document ({type(err).__name__})", code=CORRUPT) from None
    return "\n".join(lines).strip()


def _docx_paragraph(par: object) -> str:
    from docx.text.paragraph import Paragraph

    assert isinstance(par, Paragraph)
    text = par.text.strip()
    ppr = par._p.pPr
    is_list = ppr is not None and ppr.numPr is not None
    style = par.style.name if par.style is not None else ""
    if text and (is_list or (style or "").lower().startswith("list")):
        return "- " + text
    return text


def _docx_table(table: object) -> list[str]:
    from docx.table import Table

    assert isinstance(table, Table)
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # Merged cells come back once per grid column; keep each cell once.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            nested = [" ".join(r) for t in cell.tables for r in _docx_table(t)]
            value = " ".join([cell.text.strip()] + nested).strip()
            cells.append(" ".join(value.split()))
        if any(cells):
            rows.append("\t".join(cells))
    return rows


# --------------------------------------------------------------------------- batch input


def _stdin_document() -> Document | Failure:
    try:
        text = sys.stdin.read()
    except (OSError, UnicodeDecodeError, ValueError) as err:
        return Failure("stdin", "<stdin>", CORRUPT, f"<stdin>: cannot read ({type(err).__name__})")
    try:
        return from_text(text, id="stdin", source="<stdin>")
    except IngestError as err:
        return Failure("stdin", "<stdin>", err.code, str(err))


def walk_documents(root: Path) -> Iterator[Path]:
    """Supported document files under ``root``, recursively, sorted, hidden entries skipped."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir():
                yield from walk_documents(path)
            elif entry.is_file() and path.suffix.lower() in SUPPORTED_EXTS:
                yield path
        except OSError:
            continue


def _file_inputs(
    path: Path, source: str, max_bytes: int, table: TableSpec | None
) -> Iterator[Document | Failure]:
    ext = path.suffix.lower()
    ident = path.stem or path.name
    try:
        if ext in TABLE_EXTS:
            yield from iter_table(path, source, table or TableSpec(), max_bytes)
        else:
            yield load_file(path, max_bytes=max_bytes)
    except IngestError as err:
        yield Failure(ident, source, err.code, str(err))
    except UsageError as err:
        # Columns that do not fit (the command line refuses them before any work).
        yield Failure(ident, source, UNSUPPORTED, err.message)
    except Exception as err:  # noqa: BLE001 - a batch reports every file, it never stops
        yield Failure(ident, source, CORRUPT, f"{source}: unreadable ({type(err).__name__})")
