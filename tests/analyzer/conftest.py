"""Fixtures that build small PDFs (reportlab) and DOCX files (python-docx) in tmp_path."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

# One text item: (x, y, text) in points from the bottom-left corner, optional font size.
Item = tuple[float, float, str] | tuple[float, float, str, float]
PdfFactory = Callable[..., Path]


def _vera_font() -> str:
    """Register Bitstream Vera (shipped with reportlab): it has the ligature and bullet glyphs."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "Vera"
    if name not in pdfmetrics.getRegisteredFontNames():
        path = os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")
        pdfmetrics.registerFont(TTFont(name, path))
    return name


@pytest.fixture
def make_pdf(tmp_path: Path) -> PdfFactory:
    """make_pdf(pages, name=..., encrypt=None, shapes_only=False) -> path.

    ``pages`` is a list of pages, each a list of text items drawn in the given order (so a test
    controls the content-stream order independently of the layout).
    """

    def build(
        pages: Sequence[Sequence[Item]],
        *,
        name: str = "doc.pdf",
        encrypt: object | None = None,
        shapes_only: bool = False,
    ) -> Path:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        path = tmp_path / name
        font = _vera_font()
        c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
        for items in pages:
            if shapes_only:
                # A filled rectangle and a line: page content, but no text (like a scan).
                c.rect(72, 400, 300, 200, fill=1)
                c.line(72, 300, 500, 300)
            for item in items:
                x, y, text = item[0], item[1], item[2]
                size = item[3] if len(item) > 3 else 10
                c.setFont(font, size)
                c.drawString(x, y, text)
            c.showPage()
        c.save()
        return path

    return build


@pytest.fixture
def make_docx(tmp_path: Path) -> Callable[..., Path]:
    """make_docx(blocks, name=...) where a block is a str (paragraph), ("bullet", str) or a
    list of rows (table)."""

    def build(blocks: Sequence[object], *, name: str = "doc.docx") -> Path:
        import docx

        document = docx.Document()
        for block in blocks:
            if isinstance(block, str):
                document.add_paragraph(block)
            elif isinstance(block, tuple) and block[0] == "bullet":
                document.add_paragraph(str(block[1]), style="List Bullet")
            else:
                rows = list(block)  # type: ignore[call-overload]
                table = document.add_table(rows=len(rows), cols=len(rows[0]))
                for r, row in enumerate(rows):
                    for col, value in enumerate(row):
                        table.cell(r, col).text = value
        path = tmp_path / name
        document.save(str(path))
        return path

    return build
