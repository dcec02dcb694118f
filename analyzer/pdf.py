"""PDF text in reading order, fast.

The only module that imports pypdfium2 or pdfplumber. pypdfium2 gives us the characters and
one "loose" box per character (font ascent to descent, advance width); we do our own light
layout on top: characters -> runs (stretches of text without a large gap) -> lines (runs sharing
a baseline band) -> reading order (a two-column region is read left column first), then drop
repeated page headers/footers and clean the text (hyphenation, ligatures, bullets, whitespace).

Why our own layout: pdfium's own text order follows the content stream (fine for most files
but wrong when columns are written line by line), and on many real resumes it drops the space
glyphs between words ("mediacoverage"); with the boxes we re-insert spaces from the gaps,
measured against each glyph's usual gap inside words in the same document (see _Advances).
pdfplumber does the same job about 40x slower, so it is only a fallback when pdfium finds no
text at all.
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .errors import CORRUPT, EMPTY, ENCRYPTED, SCANNED, IngestError

DEFAULT_MAX_PAGES = 100

# Gaps are measured in units of the loose box height (about 1.15-1.3 em of the font).
SPACE_GAP = 0.12  # between runs of a line: a gap wider than this is a word space
WORD_GAP = 0.09  # between glyphs: this much wider than the glyph's usual letter gap is a space
RUN_GAP = 0.9  # wider than this: a separate run (table cell, right-aligned date, other column)
GLYPH_QUANTILE = 0.3  # a glyph's usual in-word gap: this quantile of its gaps in the document
GLYPH_MIN_SAMPLES = 8  # ...learnt only from at least this many pairs
MIN_COLUMN_LINES = 3  # a column region needs at least this many lines on each side
MIN_COLUMN_WIDTH = 0.25  # ...and each side at least this share of the region's width

# pdfium is not thread-safe: every call into it goes through this lock (web uploads may arrive
# on several threads).
_PDFIUM_LOCK = threading.Lock()

_WHITESPACE_CODES = np.array(
    [0, 9, 10, 11, 12, 13, 32, 0xA0, 0x2002, 0x2003, 0x2009, 0x200A, 0x200B, 0x3000, 0xFEFF],
    dtype=np.uint32,
)


@dataclass(frozen=True)
class PdfText:
    """Text of a PDF in reading order. ``pages`` is the number read, ``total_pages`` in the file."""

    text: str
    pages: int
    total_pages: int
    warnings: tuple[str, ...] = ()


class _Run:
    """A stretch of text on one line without a large gap. Coordinates in PDF points, y up."""

    __slots__ = ("x0", "x1", "top", "bottom", "text")

    def __init__(self, x0: float, x1: float, top: float, bottom: float, text: str) -> None:
        self.x0 = x0
        self.x1 = x1
        self.top = top
        self.bottom = bottom
        self.text = text

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


class _Line:
    __slots__ = ("runs", "top", "bottom")

    def __init__(self, runs: list[_Run]) -> None:
        self.runs = runs
        self.top = max(r.top for r in runs)
        self.bottom = min(r.bottom for r in runs)

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)

    @property
    def center(self) -> float:
        return (self.top + self.bottom) / 2

    def text(self) -> str:
        runs = self.runs
        parts = [runs[0].text]
        for prev, run in zip(runs, runs[1:], strict=False):
            gap = run.x0 - prev.x1
            h = max(prev.height, run.height)
            # Tab between far-apart cells so "Company<gap>City" stays two fields.
            parts.append("\t" if gap > RUN_GAP * h else " " if gap > SPACE_GAP * h else "")
            parts.append(run.text)
        return "".join(parts)


# --------------------------------------------------------------------------- pdfium access


def _loose_box_reader(raw_fn: Any) -> Callable[[int | None, int, int], Any] | None:
    """A prototype of FPDFText_GetLooseCharBox taking plain ints.

    Calling through pypdfium2's binding needs a ctypes pointer object per character; passing
    integer addresses through a void* prototype of the same C function is about twice as fast,
    which matters because this is the only per-character call we make.
    """
    try:
        addr = ctypes.cast(raw_fn, ctypes.c_void_p).value
        if not addr:
            return None
        proto = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
        return proto(addr)
    except (TypeError, ValueError, AttributeError):
        return None


# (text page or NULL, character index, address of its FS_RECTF) -> success
_BOX_READER: list[Callable[[int | None, int, int], Any] | None] = []


def _char_boxes(raw_mod: Any, textpage_raw: Any, n: int) -> np.ndarray:
    """(n, 4) float32 array of left, top, right, bottom for every character of the page."""
    buf = (raw_mod.FS_RECTF * n)()
    if not _BOX_READER:
        _BOX_READER.append(_loose_box_reader(raw_mod.FPDFText_GetLooseCharBox))
    fast = _BOX_READER[0]
    if fast is not None:
        tp = ctypes.cast(textpage_raw, ctypes.c_void_p).value
        base = ctypes.addressof(buf)
        size = ctypes.sizeof(raw_mod.FS_RECTF)
        list(map(fast, [tp] * n, range(n), range(base, base + size * n, size)))
    else:
        fn = raw_mod.FPDFText_GetLooseCharBox
        for k in range(n):
            fn(textpage_raw, k, ctypes.byref(buf[k]))
    return np.frombuffer(buf, dtype=np.float32).reshape(n, 4)


class _Glyphs:
    """The visible characters of one page and what we know about each neighbouring pair.

    Arrays are over visible characters (``vis`` holds their indices into ``text``); pair arrays
    (``rel``, ``same_line``, ``has_ws``, ``key``, ``letters``) have one entry per character and
    its successor.
    """

    __slots__ = ("text", "vis", "lf", "tp", "rt", "bt", "rel", "same_line", "has_ws", "key", "letters")

    def __init__(self, text: str, vis: np.ndarray, boxes: np.ndarray, codes: np.ndarray) -> None:
        self.text = text
        self.vis = vis
        lf, tp, rt, bt = (boxes[vis, k] for k in range(4))
        self.lf, self.tp, self.rt, self.bt = lf, tp, rt, bt
        h = np.maximum(tp - bt, 0.5)
        yc = (tp + bt) / 2
        hmax = np.maximum(h[:-1], h[1:])
        hmin = np.minimum(h[:-1], h[1:])
        # Gap from a glyph's advance (the loose box ends there) to the next glyph's origin, in
        # units of the box height (about 1.15-1.3 em), so it means the same at any font size.
        self.rel = (lf[1:] - rt[:-1]) / hmax
        self.same_line = np.abs(yc[1:] - yc[:-1]) < 0.5 * hmin
        self.has_ws = np.diff(vis) > 1
        # A glyph of one font at one size: its code, box height and advance width (bold and
        # regular faces differ in width), quantised finer than any two real faces differ.
        width = np.clip(rt - lf, 0, 4000)
        self.key = (
            (codes[vis[:-1]].astype(np.int64) << 40)
            + (np.round(np.minimum(h[:-1], 4000) * 64).astype(np.int64) << 20)
            + np.round(width[:-1] * 64).astype(np.int64)
        )
        # Pairs that may be two letters of one word: same line, no space glyph between, a gap
        # neither overlapping much nor as wide as a column gap.
        self.letters = self.same_line & ~self.has_ws & (self.rel > -0.5) & (self.rel < RUN_GAP)


def _page_glyphs(raw_mod: Any, textpage: Any) -> _Glyphs | None:
    """The visible characters of one page with their boxes, or None when it has none."""
    n = textpage.count_chars()
    if n <= 0:
        return None
    text = textpage.get_text_range()
    if len(text) != n:
        # get_text_range can drop or insert characters (and splits non-BMP characters into
        # surrogates); rebuild the text one code point per character so indices match boxes.
        get = raw_mod.FPDFText_GetUnicode
        chars = []
        for k in range(n):
            cp = get(textpage.raw, k)
            chars.append(chr(cp) if 0 < cp < 0x110000 and not 0xD800 <= cp < 0xE000 else " ")
        text = "".join(chars)
    boxes = _char_boxes(raw_mod, textpage.raw, n)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    left, top, right, bottom = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    visible = (
        ~np.isin(codes, _WHITESPACE_CODES)
        & (codes >= 32)
        & ((right - left) > 0)
        & ((top - bottom) > 0)
        & np.isfinite(left)
    )
    vis = np.flatnonzero(visible)
    if vis.size == 0:
        return None
    return _Glyphs(text, vis, boxes, codes)


class _Advances:
    """The usual gap after each glyph inside a word, learnt from the whole document.

    pdfium places a glyph's box from its origin to origin + the font's advance width, but many
    generators set each glyph at their own (hinted, kerned) position: a Times 'f' then ends
    past the next glyph's origin inside "software" and only 0.03 em before it in "of the",
    where the space glyph was dropped. A single page-wide threshold glues such words ("ofthe",
    "ofScience"). Measured per glyph (code, size and face), the gap inside words is a low,
    stable value and a word space stands out above it, as pdfminer's tolerances do with true
    advance widths. Glyphs seen too rarely fall back to the page's usual letter gap.
    """

    def __init__(self, pages: Sequence[_Glyphs | None]) -> None:
        keys = [g.key[g.letters] for g in pages if g is not None]
        rels = [g.rel[g.letters] for g in pages if g is not None]
        kk = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
        rr = np.concatenate(rels) if rels else np.zeros(0, dtype=np.float32)
        order = np.lexsort((rr, kk))
        kk, rr = kk[order], rr[order]
        self.keys, first, count = np.unique(kk, return_index=True, return_counts=True)
        # A low quantile, not the median: after a glyph that often ends a word ('y', 'f' of
        # "of") a good share of gaps can be lost spaces; below it lie only kerned letter pairs.
        self.gap = rr[first + ((count - 1) * GLYPH_QUANTILE).astype(np.int64)]
        self.enough = count >= GLYPH_MIN_SAMPLES

    def usual(self, glyphs: _Glyphs, base: float) -> np.ndarray:
        """The usual in-word gap after each glyph of the page (``base`` when unknown)."""
        typ = np.full(glyphs.rel.size, base, dtype=np.float64)
        if self.keys.size == 0:
            return typ
        pos = np.minimum(np.searchsorted(self.keys, glyphs.key), self.keys.size - 1)
        hit = (self.keys[pos] == glyphs.key) & self.enough[pos]
        # Only ever below the page's usual letter gap: a glyph nearly always followed by a lost
        # space (a comma) must not learn the space as its letter gap, and a glyph set looser
        # than its advance keeps the page-wide rule, under which kerning does not split words.
        typ[hit] = np.clip(self.gap[pos[hit]], -0.5, base)
        return typ


def _page_runs(glyphs: _Glyphs, advances: _Advances) -> list[_Run]:
    """Characters of one page grouped into runs, in content-stream order."""
    g = glyphs
    rel = g.rel
    new_run = ~g.same_line | (rel < -0.5) | (rel > RUN_GAP)
    # Many PDFs position each word separately and pdfium drops their space glyphs, so word
    # spaces come from gaps. Fonts squeezed by negative character spacing make every gap
    # smaller, so measure against the page's typical gap between letters of a word, and
    # against each glyph's own usual gap where the document shows it often enough.
    base = float(np.median(rel[g.letters])) if g.letters.any() else 0.0
    base = min(max(base, -0.15), 0.05)
    space = g.has_ws | (rel - advances.usual(g, base) > WORD_GAP)
    # sep: 0 = same word, 1 = word space, 2 = new run
    sep = np.where(new_run, 2, np.where(space, 1, 0))
    n = g.vis.size
    word_starts = np.concatenate(([0], np.flatnonzero(sep) + 1))
    word_ends = np.concatenate((word_starts[1:], [n]))  # exclusive, in vis positions
    run_starts = np.concatenate(([0], np.flatnonzero(sep == 2) + 1))
    x0 = np.minimum.reduceat(g.lf, run_starts)
    x1 = np.maximum.reduceat(g.rt, run_starts)
    y1 = np.maximum.reduceat(g.tp, run_starts)
    y0 = np.minimum.reduceat(g.bt, run_starts)

    text = g.text
    vis_list = g.vis.tolist()
    word_run = np.searchsorted(run_starts, word_starts, side="right") - 1
    words_by_run: list[list[str]] = [[] for _ in range(run_starts.size)]
    for ws, we, ri in zip(word_starts.tolist(), word_ends.tolist(), word_run.tolist(), strict=True):
        words_by_run[ri].append(text[vis_list[ws] : vis_list[we - 1] + 1])
    return [
        _Run(a, b, c, d, " ".join(words))
        for a, b, c, d, words in zip(
            x0.tolist(), x1.tolist(), y1.tolist(), y0.tolist(), words_by_run, strict=True
        )
    ]


# --------------------------------------------------------------------------- layout


def _group_lines(runs: list[_Run]) -> list[_Line]:
    """Runs sharing a baseline band, top to bottom; runs in a line left to right."""
    runs = sorted(runs, key=lambda r: -(r.top + r.bottom))
    lines: list[list[_Run]] = []
    band_top = band_bottom = 0.0
    for run in runs:
        if lines:
            overlap = min(run.top, band_top) - max(run.bottom, band_bottom)
            if overlap >= 0.5 * min(run.height, band_top - band_bottom):
                lines[-1].append(run)
                continue
        lines.append([run])
        band_top, band_bottom = run.top, run.bottom
    out = []
    for line_runs in lines:
        line_runs.sort(key=lambda r: r.x0)
        out.append(_Line(_merge_touching(line_runs)))
    return out


def _merge_touching(runs: list[_Run]) -> list[_Run]:
    """Join neighbouring runs of a line that are not separated by a large gap.

    Runs split in content order (a bold word written after its line, say) belong together once
    they sit side by side on the same line.
    """
    merged = [runs[0]]
    for run in runs[1:]:
        prev = merged[-1]
        gap = run.x0 - prev.x1
        h = max(prev.height, run.height)
        if -0.5 * h <= gap <= RUN_GAP * h:
            joiner = " " if gap > SPACE_GAP * h else ""
            merged[-1] = _Run(
                prev.x0,
                max(prev.x1, run.x1),
                max(prev.top, run.top),
                min(prev.bottom, run.bottom),
                prev.text + joiner + run.text,
            )
        else:
            merged.append(run)
    return merged


def _find_columns(lines: Sequence[_Line]) -> tuple[int, int, float] | None:
    """Find a two-column region: (first line, last line, gutter x) or None.

    A gutter is an x-range at least ``gmin`` wide that no run crosses in a vertical stretch of
    consecutive lines which have text on both sides in at least MIN_COLUMN_LINES lines each.
    Right-aligned dates or locations also leave such a gap, so both sides must also be wide
    (MIN_COLUMN_WIDTH of the region), which narrow date/location fields are not.
    """
    n = len(lines)
    if n < 2 * MIN_COLUMN_LINES - 1:
        return None
    xs0 = min(r.x0 for ln in lines for r in ln.runs)
    xs1 = max(r.x1 for ln in lines for r in ln.runs)
    width = int(xs1 - xs0) + 2
    if width < 60:
        return None
    heights = sorted(ln.height for ln in lines)
    gmin = max(6, int(0.6 * heights[len(heights) // 2]))
    if width <= gmin + 2:
        return None
    cover = np.zeros((n, width), dtype=np.int32)
    for i, ln in enumerate(lines):
        for r in ln.runs:
            cover[i, int(r.x0 - xs0) : int(r.x1 - xs0) + 2] = 1
    cs = np.zeros((n, width + 1), dtype=np.int32)
    np.cumsum(cover, axis=1, out=cs[:, 1:])
    m = width + 1 - gmin  # window start positions
    free = (cs[:, gmin:] - cs[:, :m]) == 0
    has_left = free & (cs[:, :m] > 0)
    has_right = free & ((cs[:, -1:] - cs[:, gmin:]) > 0)
    # Label the vertical stretches of free lines in each x position, then count per stretch.
    seg = np.cumsum(~free, axis=0)
    key = (np.arange(m)[None, :] * (n + 1) + seg).ravel()
    size = m * (n + 1)
    n_left = np.bincount(key, weights=has_left.ravel(), minlength=size)
    n_right = np.bincount(key, weights=has_right.ravel(), minlength=size)
    score = np.minimum(n_left, n_right)
    candidates = np.flatnonzero(score >= MIN_COLUMN_LINES)
    if candidates.size == 0:
        return None
    tried: set[tuple[int, int]] = set()
    for k in candidates[np.argsort(-score[candidates], kind="stable")][:40].tolist():
        col, label = divmod(k, n + 1)
        rows = np.flatnonzero(free[:, col] & (seg[:, col] == label))
        if rows.size == 0:
            continue
        span = (int(rows[0]), int(rows[-1]))
        if span in tried:
            continue
        tried.add(span)
        found = _column_region(lines, span[0], span[1], xs0 + col + gmin / 2)
        if found is not None:
            return found
    return None


def _column_region(lines: Sequence[_Line], a: int, b: int, gx: float) -> tuple[int, int, float] | None:
    left_rows = [i for i in range(a, b + 1) if any(r.x1 <= gx for r in lines[i].runs)]
    right_rows = [i for i in range(a, b + 1) if any(r.x0 >= gx for r in lines[i].runs)]
    if len(left_rows) < MIN_COLUMN_LINES or len(right_rows) < MIN_COLUMN_LINES:
        return None
    region_w = max(r.x1 for i in range(a, b + 1) for r in lines[i].runs) - min(
        r.x0 for i in range(a, b + 1) for r in lines[i].runs
    )
    lw = max(
        max(r.x1 for r in lines[i].runs if r.x1 <= gx) - min(r.x0 for r in lines[i].runs) for i in left_rows
    )
    rw = max(
        max(r.x1 for r in lines[i].runs) - min(r.x0 for r in lines[i].runs if r.x0 >= gx) for i in right_rows
    )
    if min(lw, rw) < MIN_COLUMN_WIDTH * region_w:
        return None
    # Right-aligned fields (dates, locations beside each entry) end at one x and start at
    # ragged ones; a real column starts at one x. Such a layout is a table, read row by row.
    ends = [max(r.x1 for r in lines[i].runs) for i in right_rows]
    starts = [min(r.x0 for r in lines[i].runs if r.x0 >= gx) for i in right_rows]
    heights = sorted(lines[i].height for i in right_rows)
    h = heights[len(heights) // 2]
    flush_right = sum(1 for e in ends if max(ends) - e <= 0.6 * h) >= 0.8 * len(ends)
    if flush_right and max(starts) - min(starts) > 2.0 * h:
        return None
    # Core: where both columns have text. Extend it only over lines at the usual line pitch,
    # so a heading after a wider gap (the next section) is not swallowed into the left column.
    start = max(left_rows[0], right_rows[0])
    end = min(left_rows[-1], right_rows[-1])
    if end - start + 1 < 2:
        return None
    pitches = sorted(lines[i].center - lines[i + 1].center for i in range(start, end) if i + 1 <= end)
    pitch = pitches[len(pitches) // 2] if pitches else lines[start].height
    limit = 1.6 * max(pitch, 1.0)
    while start > a and lines[start - 1].center - lines[start].center <= limit:
        start -= 1
    while end < b and lines[end].center - lines[end + 1].center <= limit:
        end += 1
    return start, end, gx


def _reading_order(lines: list[_Line], depth: int = 0) -> list[_Line]:
    if depth > 4 or len(lines) < 2 * MIN_COLUMN_LINES - 1:
        return lines
    found = _find_columns(lines)
    if found is None:
        return lines
    start, end, gx = found
    left: list[_Line] = []
    right: list[_Line] = []
    for ln in lines[start : end + 1]:
        lr = [r for r in ln.runs if r.x1 <= gx]
        rr = [r for r in ln.runs if r.x0 >= gx]
        if lr:
            left.append(_Line(lr))
        if rr:
            right.append(_Line(rr))
    return (
        _reading_order(lines[:start], depth + 1)
        + _reading_order(left, depth + 1)
        + _reading_order(right, depth + 1)
        + _reading_order(lines[end + 1 :], depth + 1)
    )


# --------------------------------------------------------------------------- headers/footers

_PAGE_NUMBER = re.compile(
    r"^\W*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\W*$|^\W*page\s*\d{1,4}\b.*$", re.IGNORECASE
)


def _furniture_key(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", text.lower()).split())


def _drop_furniture(pages: list[list[_Line]], ordered: list[list[_Line]]) -> list[list[_Line]]:
    """Remove page numbers and a top/bottom line repeated on two or more pages.

    ``pages`` holds each page's lines top to bottom (to find the edges), ``ordered`` the same
    lines in reading order; edge lines are removed by identity.
    """
    drop: set[int] = set()
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for geo in pages:
        if not geo:
            continue
        for ln in geo[:2] + geo[-2:]:
            if _PAGE_NUMBER.match(ln.text().strip()):
                drop.add(id(ln))
        tops[_furniture_key(geo[0].text())] += 1
        bottoms[_furniture_key(geo[-1].text())] += 1
    if len(pages) >= 2:
        for geo in pages:
            if len(geo) < 2:
                continue
            if tops[_furniture_key(geo[0].text())] >= 2:
                drop.add(id(geo[0]))
            if bottoms[_furniture_key(geo[-1].text())] >= 2:
                drop.add(id(geo[-1]))
    return [[ln for ln in page if id(ln) not in drop] for page in ordered]


# --------------------------------------------------------------------------- text cleanup

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_CHAR_MAP = str.maketrans(
    {
        **_LIGATURES,
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
    }
)
_BULLETS = (
    "\u2022\u2023\u2043\u2219\u25aa\u25ab\u25cf\u25cb\u25e6\u25a0\u25a1\u25ba\u25b8\u25b6"
    "\u27a2\u2794\u27a4\u2713\u2714\u2756\u25c6\u25c7\u2605\u2606\u00bb"
    "\uf0b7\uf0a7\uf0d8\uf076\uf0fc"
)
_PRIVATE_USE = "\ue000-\uf8ff"
_LEAD_BULLET = re.compile(rf"^[{_BULLETS}{_PRIVATE_USE}][\s{_BULLETS}{_PRIVATE_USE}]*")
_MID_BULLET = re.compile(rf"\s*[{_BULLETS}]\s*")
_ICON = re.compile(rf"[{_PRIVATE_USE}]")
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])[-\ufffe\u00ad]\n(?=[a-z])")
_SPACES = re.compile(r"[ ]{2,}")


def clean_text(text: str) -> str:
    """Normalise extracted PDF text: ligatures, bullets, hyphenated breaks, whitespace."""
    out: list[str] = []
    for raw_line in text.translate(_CHAR_MAP).split("\n"):
        line = raw_line.strip()
        if not line:
            if out and out[-1] != "":
                out.append("")  # keep one blank line as a block separator
            continue
        bullet = _LEAD_BULLET.match(line)
        if bullet:
            line = line[bullet.end() :]
        line = _ICON.sub(" ", line)
        line = _MID_BULLET.sub(" - ", line)
        line = _SPACES.sub(" ", line).strip(" ")
        if not line:
            continue
        out.append(("- " + line) if bullet else line)
    joined = "\n".join(out).strip("\n")
    joined = _HYPHEN_BREAK.sub("", joined)
    # Remaining soft hyphens and pdfium's hyphen-at-break marker are visible hyphens.
    return joined.replace("\ufffe", "-").replace("\u00ad", "-")


# --------------------------------------------------------------------------- public entry


def extract_pdf(data: bytes | Path, *, source: str, max_pages: int = DEFAULT_MAX_PAGES) -> PdfText:
    """Read a PDF's text in reading order.

    Raises IngestError: ENCRYPTED (needs a password), CORRUPT (not a readable PDF), EMPTY (no
    pages or no content), SCANNED (pages with images but no extractable text).
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    warnings: list[str] = []
    with _PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as err:
            raise _open_error(source, err, pdfium_raw) from None
        except (OSError, ValueError, TypeError) as err:
            raise IngestError(source, f"cannot open PDF ({type(err).__name__})", code=CORRUPT) from None
        try:
            total = len(pdf)
            if total <= 0:
                raise IngestError(source, "PDF has no pages", code=EMPTY)
            n_read = min(total, max(1, max_pages))
            if n_read < total:
                warnings.append(f"read first {n_read} of {total} pages")
            glyph_pages: list[_Glyphs | None] = []
            any_objects = False
            failed_pages = 0
            for i in range(n_read):
                try:
                    page = pdf[i]
                except pdfium.PdfiumError:
                    failed_pages += 1
                    glyph_pages.append(None)
                    continue
                glyphs = None
                try:
                    textpage = page.get_textpage()
                    try:
                        glyphs = _page_glyphs(pdfium_raw, textpage)
                    finally:
                        textpage.close()
                    if glyphs is None and not any_objects:
                        any_objects = pdfium_raw.FPDFPage_CountObjects(page.raw) > 0
                except pdfium.PdfiumError:
                    failed_pages += 1
                finally:
                    page.close()
                glyph_pages.append(glyphs)
        finally:
            pdf.close()
    # Layout needs no pdfium, so it runs outside the lock; word spaces use the whole document.
    advances = _Advances(glyph_pages)
    geo_pages: list[list[_Line]] = []
    ordered_pages: list[list[_Line]] = []
    for glyphs in glyph_pages:
        runs = _page_runs(glyphs, advances) if glyphs is not None else []
        lines = _group_lines(runs) if runs else []
        geo_pages.append(lines)
        ordered_pages.append(_reading_order(lines))
    if failed_pages:
        if failed_pages == n_read:
            raise IngestError(source, "PDF pages cannot be read", code=CORRUPT)
        warnings.append(f"{failed_pages} page(s) could not be read")

    kept = _drop_furniture(geo_pages, ordered_pages)
    text = clean_text("\n\n".join("\n".join(ln.text() for ln in page) for page in kept))
    if not text.strip():
        if not any(geo_pages):
            fallback = _pdfplumber_text(data, n_read)
            if fallback:
                warnings.append("text read with the fallback extractor")
                return PdfText(clean_text(fallback), n_read, total, tuple(warnings))
            if any_objects:
                raise IngestError(source, "PDF has no extractable text (scanned image?)", code=SCANNED)
        raise IngestError(source, "PDF has no text", code=EMPTY)
    return PdfText(text, n_read, total, tuple(warnings))


def _open_error(source: str, err: Exception, raw: Any) -> IngestError:
    code = getattr(err, "err_code", None)
    if code == raw.FPDF_ERR_PASSWORD or "password" in str(err).lower():
        return IngestError(source, "PDF is password-protected", code=ENCRYPTED)
    if code == raw.FPDF_ERR_SECURITY:
        return IngestError(source, "PDF uses an unsupported encryption", code=ENCRYPTED)
    return IngestError(source, "not a readable PDF (damaged or truncated)", code=CORRUPT)


def _pdfplumber_text(data: bytes | Path, n_pages: int) -> str:
    """Second opinion when pdfium finds no characters at all (rare font encodings)."""
    import io

    try:
        import pdfplumber

        src: Any = io.BytesIO(data) if isinstance(data, bytes) else str(data)
        with pdfplumber.open(src) as doc:
            texts = [(p.extract_text() or "") for p in doc.pages[:n_pages]]
        return "\n\n".join(t for t in texts if t.strip())
    except Exception:  # noqa: BLE001 - any parser failure just means "no second opinion"
        return ""
