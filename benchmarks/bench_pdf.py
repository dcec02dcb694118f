"""PDF text: speed and word spaces of raw pypdfium2, our reading-order extraction and pdfplumber.

Run from the repository root: ``python -m benchmarks.bench_pdf [--limit N] [--plumber-files N]``.
Uses the dev corpus in ``../shared/dev/livecareer/pdf`` (not part of the repository); skips with
a message if absent.

Word spaces are counted two ways, both per 1,000 words (a word: a run of ASCII letters):

* **glued function words, vocabulary**: a token that starts in lower case with a function word
  (of, the, a, an, and, in, to, for, with, on, at, by, from, as, or, ...) followed by a rest that
  is a word of a reference vocabulary (at least two letters, or "a"), while the whole token is
  not. The vocabulary is every word seen at least twice in text typed by people, not read from
  PDFs: the dev job postings and SkillSpan. Rare real words ("oversaw", "inmates") count too,
  so even pdfplumber is not at zero: its figure is the floor of this measure.
* **against pdfplumber's words** of the same file (on the pdfplumber subset): *glued function
  words* as above but with "a word of pdfplumber's text of that file" as the vocabulary; *glued
  words* any token that is not a pdfplumber word but splits into two (two letters or more each);
  *split words* two tokens separated by one space whose concatenation is a pdfplumber word
  while one of them is not. pdfplumber is the reference here, so its own figures are zero by
  definition.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "dev" / "livecareer" / "pdf"
AWESOME_CV = ROOT.parent / "shared" / "dev" / "resume_pdfs" / "awesome-cv" / "resume.pdf"
POSTINGS = ROOT.parent / "shared" / "dev" / "postings" / "postings.jsonl"
SKILLSPAN = ROOT.parent / "shared" / "dev" / "skillspan"

WORD = re.compile(r"[A-Za-z]+")
PAIR = re.compile(r"(?<![A-Za-z])([A-Za-z]+) ([A-Za-z]+)(?![A-Za-z])")
FUNCTION_WORDS = tuple(
    sorted(
        set(
            "of the a an and in to for with on at by from as or into about through during over under "
            "between within via per including that this our their its is are was were".split()
        ),
        key=len,
        reverse=True,
    )
)

Extractor = Callable[[Path], tuple[int, str]]


def raw_pdfium(path: Path) -> tuple[int, str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        n = len(pdf)
        texts = []
        for i in range(n):
            page = pdf[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return n, "\n\n".join(texts)
    finally:
        pdf.close()


def ours(path: Path) -> tuple[int, str]:
    from analyzer.ingest import load_file

    doc = load_file(path)
    return doc.pages, doc.text


def plumber(path: Path) -> tuple[int, str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
        return len(pdf.pages), "\n\n".join(texts)


def measure(fn: Extractor, files: list[Path]) -> tuple[int, float, dict[str, str]]:
    pages = 0
    texts: dict[str, str] = {}
    start = time.perf_counter()
    for path in files:
        try:
            n, text = fn(path)
            pages += n
            texts[path.name] = text
        except Exception as err:  # noqa: BLE001 - a benchmark reports, it does not stop
            print(f"  {path.name}: {type(err).__name__}: {err}", file=sys.stderr)
    return pages, time.perf_counter() - start, texts


# --------------------------------------------------------------------------- word spaces


def reference_vocabulary() -> set[str] | None:
    """Lower-cased words seen at least twice in the dev postings and SkillSpan, or None."""
    if not POSTINGS.is_file():
        return None
    counts: Counter[str] = Counter()
    with POSTINGS.open(encoding="utf-8") as fh:
        for line in fh:
            counts.update(w.lower() for w in WORD.findall(json.loads(line).get("text") or ""))
    for conll in sorted(SKILLSPAN.glob("*.conll")):
        with conll.open(encoding="utf-8") as fh:
            for line in fh:
                token = line.split("\t", 1)[0]
                if WORD.fullmatch(token):
                    counts[token.lower()] += 1
    return {w for w, n in counts.items() if n >= 2}


def glued_function_word(token: str, vocab: set[str]) -> bool:
    """``token`` is a function word glued to a following word of ``vocab`` (lower-cased)."""
    if not token[:1].islower() or token.lower() in vocab:
        return False
    for fw in FUNCTION_WORDS:
        if token.startswith(fw) and len(token) > len(fw):
            rest = token[len(fw) :].lower()
            if rest == "a" or (len(rest) >= 2 and rest in vocab):
                return True
    return False


@dataclass
class WordSpaces:
    words: int = 0
    glued_fn_vocab: int = 0
    glued_fn_ref: int = 0
    glued_ref: int = 0
    split_ref: int = 0

    def per_k(self, count: int) -> str:
        return f"{1000 * count / self.words:.2f}" if self.words else "-"


def word_spaces(
    texts: dict[str, str], vocab: set[str] | None, reference: dict[str, str] | None
) -> WordSpaces:
    out = WordSpaces()
    for name, text in texts.items():
        tokens = WORD.findall(text)
        out.words += len(tokens)
        if vocab is not None:
            out.glued_fn_vocab += sum(glued_function_word(t, vocab) for t in tokens)
        if reference is None or name not in reference:
            continue
        ref = {w.lower() for w in WORD.findall(reference[name])}
        out.glued_fn_ref += sum(glued_function_word(t, ref) for t in tokens)
        out.glued_ref += sum(_two_words(t, ref) for t in tokens)
        for m in PAIR.finditer(text):
            a, b = m.group(1).lower(), m.group(2).lower()
            if a + b in ref and (a not in ref or b not in ref):
                out.split_ref += 1
    return out


def _two_words(token: str, ref: set[str]) -> bool:
    low = token.lower()
    if len(low) < 4 or low in ref:
        return False
    return any(low[:i] in ref and low[i:] in ref for i in range(2, len(low) - 1))


def spread(files: list[Path], n: int) -> list[Path]:
    """``n`` files spread evenly over the sorted list (not the first n)."""
    if n <= 0 or n >= len(files):
        return list(files)
    step = len(files) / n
    return [files[int(i * step)] for i in range(n)]


def _only(texts: dict[str, str], names: Iterable[str]) -> dict[str, str]:
    return {k: texts[k] for k in names if k in texts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="use only the first N files")
    parser.add_argument(
        "--plumber-files", type=int, default=120, help="pdfplumber subset size (spread over the corpus)"
    )
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

    base_pages, base_t, raw_texts = measure(raw_pdfium, files)
    our_pages, our_t, our_texts = measure(ours, files)
    subset = spread(files, args.plumber_files)
    sub_base_pages, sub_base_t, _ = measure(raw_pdfium, subset)
    pl_pages, pl_t, pl_texts = measure(plumber, subset)

    vocab = reference_vocabulary()
    names = list(pl_texts)
    rows = [
        ("pypdfium2 `get_text_range` (raw text, baseline)", len(files), base_pages, base_pages / base_t, 1.0,
         word_spaces(raw_texts, vocab, None), word_spaces(_only(raw_texts, names), vocab, pl_texts)),
        ("jobfit `load_file` (reading order, layout clean-up)", len(files), our_pages, our_pages / our_t,
         (our_pages / our_t) / (base_pages / base_t),
         word_spaces(our_texts, vocab, None), word_spaces(_only(our_texts, names), vocab, pl_texts)),
        (f"pdfplumber `extract_text` ({len(subset)}-file subset)", len(subset), pl_pages, pl_pages / pl_t,
         (pl_pages / pl_t) / (sub_base_pages / sub_base_t),
         None, word_spaces(pl_texts, vocab, pl_texts)),
    ]  # fmt: skip
    print(
        "| extractor | files | pages | pages/s | vs baseline | glued function words /1k words (all files, "
        f"vocabulary) | same, {len(names)}-file subset | vs pdfplumber: glued function words | "
        "glued words | split words |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, n_files, pages, rate, ratio, full, sub in rows:
        is_ref = full is None
        full_cell = (
            sub.per_k(sub.glued_fn_vocab) + " (subset)" if full is None else full.per_k(full.glued_fn_vocab)
        )
        ref_cells = ["reference"] * 3 if is_ref else [
            sub.per_k(sub.glued_fn_ref), sub.per_k(sub.glued_ref), sub.per_k(sub.split_ref)
        ]  # fmt: skip
        print(
            f"| {name} | {n_files} | {pages} | {rate:.0f} | {ratio:.0%} | {full_cell} | "
            f"{sub.per_k(sub.glued_fn_vocab)} | " + " | ".join(ref_cells) + " |"
        )
    if vocab is None:
        print(f"\n(vocabulary columns empty: {POSTINGS} not found)")

    if AWESOME_CV.is_file():
        from analyzer.ingest import load_file

        doc = load_file(AWESOME_CV)
        print(f"\nawesome-cv resume.pdf, {doc.pages} pages, first lines of our text:")
        for line in doc.text.splitlines()[:25]:
            print("    " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
