"""PDF extraction: reading order, page furniture, text cleanup and error mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import errors
from analyzer.errors import IngestError
from analyzer.pdf import clean_text, extract_pdf

TOP = 800.0


def read(path: Path, **kw: int) -> str:
    return extract_pdf(path.read_bytes(), source=str(path), **kw).text


def test_one_column_lines_in_order(make_pdf) -> None:
    lines = ["Jane Doe", "Summary", "IT manager with ten years of experience", "Skills"]
    path = make_pdf([[(72, TOP - 14 * i, t) for i, t in enumerate(lines)]])
    assert read(path).splitlines() == lines


def test_two_columns_read_left_then_right(make_pdf) -> None:
    left = [f"Left column sentence number {i} about budgets" for i in range(8)]
    right = [f"Right column sentence number {i} about vendors" for i in range(8)]
    items = []
    # Content stream interleaves the columns line by line, as some generators do.
    for i in range(8):
        items.append((40, TOP - 14 * i, left[i]))
        items.append((320, TOP - 14 * i, right[i]))
    out = read(make_pdf([[(40, TOP + 30, "Jane Doe Resume")] + items])).splitlines()
    assert out[0] == "Jane Doe Resume"
    assert out[1:9] == left
    assert out[9:17] == right


def test_right_aligned_dates_stay_on_their_line(make_pdf) -> None:
    body = "Managed the service desk team and the budget of the whole department"
    items = [
        (72, TOP, "Acme Corp"),
        (450, TOP, "2019 - 2021"),
        (72, TOP - 14, body),
        (72, TOP - 28, "Globex Inc"),
        (450, TOP - 28, "2015 - 2019"),
        (72, TOP - 42, body),
        (72, TOP - 56, "Initech"),
        (450, TOP - 56, "2012 - 2015"),
        (72, TOP - 70, body),
    ]
    out = read(make_pdf([items])).splitlines()
    assert out[0] == "Acme Corp\t2019 - 2021"
    assert out[2] == "Globex Inc\t2015 - 2019"


def test_repeated_header_and_page_numbers_removed(make_pdf) -> None:
    pages = []
    for n in (1, 2):
        pages.append(
            [
                (72, TOP + 20, "Jane Doe - Curriculum Vitae"),
                (72, TOP - 40, f"Body text of page {n} about network operations"),
                (72, TOP - 54, "More body text"),
                (280, 40, f"Page {n} of 2"),
            ]
        )
    text = read(make_pdf(pages))
    assert "Curriculum Vitae" not in text
    assert "Page 1" not in text and "Page 2" not in text
    assert "Body text of page 1 about network operations" in text
    assert "Body text of page 2 about network operations" in text


def test_hyphenated_line_break_joined(make_pdf) -> None:
    path = make_pdf([[(72, TOP, "Responsible for asset manage-"), (72, TOP - 14, "ment and budgets")]])
    assert "asset management and budgets" in read(path)


def test_hyphen_before_capital_kept(make_pdf) -> None:
    path = make_pdf([[(72, TOP, "Skills: Python, SQL, Micro-"), (72, TOP - 14, "Strategy")]])
    assert "Micro-\nStrategy" in read(path)


def test_ligatures_and_bullets_normalised(make_pdf) -> None:
    path = make_pdf([[(72, TOP, "\u2022 Led the \ufb01nance and work\ufb02ow teams")]])
    assert read(path) == "- Led the finance and workflow teams"


def test_word_spaces_recovered_from_gaps(make_pdf) -> None:
    # Each word drawn on its own with no space glyph: the gap alone separates them.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = ["project", "management", "office"]
    items, x = [], 72.0
    for w in words:
        items.append((x, TOP, w))
        x += stringWidth(w, "Vera", 10) + 3.0
    assert read(make_pdf([items])) == "project management office"


def test_clean_text_rules() -> None:
    assert clean_text("o\ufb03ce e\ufb00ort") == "office effort"
    assert clean_text("\uf0b7 Budgeting") == "- Budgeting"
    assert clean_text("\u25aa  Vendor   management") == "- Vendor management"
    assert clean_text("high\u00adimpact") == "high-impact"
    assert clean_text("multi\ufffe\naccount") == "multiaccount"
    assert clean_text("2019 -\npresent") == "2019 -\npresent"


def test_page_limit_reads_first_pages_with_warning(make_pdf) -> None:
    pages = [[(72, TOP, f"Content of page number {i}")] for i in range(5)]
    result = extract_pdf(make_pdf(pages).read_bytes(), source="x.pdf", max_pages=2)
    assert result.pages == 2 and result.total_pages == 5
    assert "page number 1" in result.text and "page number 2" not in result.text
    assert result.warnings == ("read first 2 of 5 pages",)


def test_user_password_is_encrypted(make_pdf) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption("secret", ownerPassword="owner", strength=128)
    path = make_pdf([[(72, TOP, "Hidden text")]], encrypt=enc)
    with pytest.raises(IngestError) as info:
        read(path)
    assert info.value.code == errors.ENCRYPTED


def test_owner_password_only_is_read(make_pdf) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption("", ownerPassword="owner", canPrint=0, strength=128)
    path = make_pdf([[(72, TOP, "Readable without a password")]], encrypt=enc)
    assert read(path) == "Readable without a password"


def test_image_only_pdf_is_scanned(make_pdf) -> None:
    path = make_pdf([[]], shapes_only=True)
    with pytest.raises(IngestError) as info:
        read(path)
    assert info.value.code == errors.SCANNED


def test_truncated_pdf_is_corrupt(make_pdf) -> None:
    data = make_pdf([[(72, TOP, "Some text")]]).read_bytes()
    with pytest.raises(IngestError) as info:
        extract_pdf(data[:60], source="cut.pdf")
    assert info.value.code == errors.CORRUPT
    assert str(info.value).startswith("cut.pdf: ")
    assert "\n" not in str(info.value)


def test_garbage_after_pdf_header_is_corrupt() -> None:
    with pytest.raises(IngestError) as info:
        extract_pdf(b"%PDF-1.7\n" + bytes(range(256)) * 20, source="junk.pdf")
    assert info.value.code == errors.CORRUPT


def test_right_aligned_field_table_is_not_a_column(make_pdf) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    rows = [
        ("Georgia Institute of Technology, Atlanta campus", "Atlanta, GA"),
        ("Master of Science in Computer Science and Engineering", "Aug 2012 - Dec 2013"),
        ("Birla Institute of Technology and Science, Pilani", "Pilani, India"),
        ("Bachelor of Engineering in Electrical and Electronics", "Aug 2008 - July 2012"),
        ("Google, infrastructure and developer tools group", "Mountain View, CA"),
    ]
    items = []
    for i, (left, right) in enumerate(rows):
        items.append((40, TOP - 14 * i, left))
        items.append((560 - stringWidth(right, "Vera", 10), TOP - 14 * i, right))
    out = read(make_pdf([items])).splitlines()
    assert out == [f"{left}\t{right}" for left, right in rows]


def _set_glyph_by_glyph(text: str, y: float, *, advance: dict[str, float], space: float, size: float = 10):
    """Items placing every glyph at its own x, as HTML-to-PDF generators do (no space glyphs).

    ``advance`` scales a glyph's font advance (a hinted or kerned placement); ``space`` is the
    word space in em.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from tests.analyzer.conftest import _vera_font

    font = _vera_font()
    items, x = [], 40.0
    for ch in text:
        if ch == " ":
            x += space * size
            continue
        items.append((x, y, ch, size))
        x += stringWidth(ch, font, size) * advance.get(ch, 1.0)
    return items


def test_narrow_space_after_tightly_set_glyph_is_kept(make_pdf) -> None:
    # The generator sets 'f' 35% tighter than its font advance (its box then ends past the next
    # glyph's origin inside a word) and uses narrow word spaces: "of the" must not become
    # "ofthe", and words with 'f' inside must stay whole.
    lines = [
        "Bachelor of Science in software staff effort",
        "Director of the office of information staff",
        "affordable offers for staff after efforts of a team",
    ]
    items = []
    for i, line in enumerate(lines):
        items += _set_glyph_by_glyph(line, TOP - 14 * i, advance={"f": 0.65}, space=0.2)
    assert read(make_pdf([items])).splitlines() == lines


def _kerned_pdf(path: Path, lines: list[str], *, tighter: int, looser: int, space: int) -> Path:
    """One TJ array per line, as typesetters write kerned text: letters in turn moved closer
    by ``tighter`` and apart by ``looser``, words separated by ``space`` (thousandths of an em),
    with no space glyphs."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for i, line in enumerate(lines):
        parts = []
        for w, word in enumerate(line.split(" ")):
            if w:
                parts.append(str(-space))
            for k, ch in enumerate(word):
                if k:
                    parts.append(str(tighter if k % 2 else -looser))
                parts.append(f"({ch})")
        text = c.beginText(40, TOP - 14 * i)
        text.setFont("Helvetica", 10)
        text._code.append("[" + " ".join(parts) + "] TJ")  # reportlab has no TJ call of its own
        c.drawText(text)
    c.showPage()
    c.save()
    return path


def test_kerned_letters_are_not_split(tmp_path: Path) -> None:
    # Kerning pairs (0.08 em closer) next to slightly loose ones (0.02 em) stay one word.
    lines = [
        "Managed enterprise service management and customer support operations",
        "Director of Information Technology for the University of Arizona",
    ]
    path = _kerned_pdf(tmp_path / "kerned.pdf", lines, tighter=80, looser=20, space=250)
    assert read(path).splitlines() == lines


def test_space_after_a_comma_is_not_learnt_as_its_letter_gap(make_pdf) -> None:
    # Commas are always followed by a (dropped) space: their usual gap must not become "no space".
    lines = [
        "Budgets, vendors, contracts, licences, audits, staff",
        "Servers, storage, networks, backups, printers, phones",
        "Python, SQL, Perl, Linux, Azure, Oracle, Excel",
    ]
    items = []
    for i, line in enumerate(lines):
        items += _set_glyph_by_glyph(line, TOP - 14 * i, advance={}, space=0.13)
    assert read(make_pdf([items])).splitlines() == lines
