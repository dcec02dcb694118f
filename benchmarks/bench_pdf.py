"""PDF extraction speed: raw pypdfium2 text vs our reading-order extraction vs pdfplumber.

Run from the repository root: ``python -m benchmarks.bench_pdf [--limit N]``. Uses the dev corpus
in ``../shared/dev/livecareer/pdf`` (not part of the repository); skips with a message if absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "dev" / "livecareer" / "pdf"
AWESOME_CV = ROOT.parent / "shared" / "dev" / "resume_pdfs" / "awesome-cv" / "resume.pdf"


def raw_pdfium(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        n = len(pdf)
        for i in range(n):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return n
    finally:
        pdf.close()


def ours(path: Path) -> int:
    from analyzer.ingest import load_file

    return load_file(path).pages


def plumber(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def measure(fn: Callable[[Path], int], files: list[Path]) -> tuple[int, float]:
    pages = 0
    start = time.perf_counter()
    for path in files:
        try:
            pages += fn(path)
        except Exception as err:  # noqa: BLE001 - a benchmark reports, it does not stop
            print(f"  {path.name}: {type(err).__name__}: {err}", file=sys.stderr)
    return pages, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="use only the first N files")
    parser.add_argument("--plumber-files", type=int, default=20, help="pdfplumber subset size")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"skipped: corpus not found at {CORPUS}")
        return 0
    files = sorted(CORPUS.glob("*.pdf"))
    if args.limit:
        files = files[: args.limit]
    sys.path.insert(0, str(ROOT))
    measure(raw_pdfium, files[:5])  # warm up: library load, first-call costs
    measure(ours, files[:5])

    rows = []
    base_pages, base_t = measure(raw_pdfium, files)
    base_rate = base_pages / base_t
    rows.append(("pypdfium2 get_text_range (baseline)", len(files), base_pages, base_rate))
    our_pages, our_t = measure(ours, files)
    rows.append(("jobfit load_file (reading order)", len(files), our_pages, our_pages / our_t))
    subset = files[: args.plumber_files]
    sub_base_pages, sub_base_t = measure(raw_pdfium, subset)
    pl_pages, pl_t = measure(plumber, subset)
    rows.append(("pdfplumber extract_text (subset)", len(subset), pl_pages, pl_pages / pl_t))

    print("| extractor | files | pages | pages/s | vs baseline |")
    print("|---|---:|---:|---:|---:|")
    for name, n_files, pages, rate in rows:
        ref = base_rate if "subset" not in name else sub_base_pages / sub_base_t
        print(f"| {name} | {n_files} | {pages} | {rate:.1f} | {rate / ref:.0%} |")

    if AWESOME_CV.is_file():
        from analyzer.ingest import load_file

        doc = load_file(AWESOME_CV)
        print(f"\nawesome-cv resume.pdf, {doc.pages} pages, first lines of our text:")
        for line in doc.text.splitlines()[:25]:
            print("    " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
