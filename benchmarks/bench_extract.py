"""Extraction throughput on plain text, as a ratio to spaCy's blank tokenizer in the same run.

Texts: the real postings in ../shared/dev/postings (repeated to --docs documents), and the plain
text of the dev resume PDFs (../shared/dev/livecareer, read once before timing). Also: the time
to load the competency model from disk.

    python -m benchmarks.bench_extract [--docs 2000]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

from benchmarks.common import shared_path, table


def load_texts(n: int) -> list[str]:
    path = shared_path("dev", "postings", "postings.jsonl")
    if path is None:
        return []
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    return [texts[i % len(texts)] for i in range(max(n, 1))]


def _resume_texts(n: int) -> list[str]:
    root = shared_path("dev", "livecareer", "pdf")
    if root is None or n <= 0:
        return []
    from analyzer.ingest import load_file

    out = []
    for path in sorted(root.glob("*.pdf"))[:n]:
        try:
            out.append(load_file(path).text)
        except Exception:  # noqa: BLE001 - a benchmark skips a file it cannot read
            continue
    return out


def best_of(runs: int, func: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> str | None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--resumes", type=int, default=300, help="dev resume PDFs read as plain text")
    args = parser.parse_args(argv)
    texts = load_texts(args.docs)
    if not texts:
        return None
    import spacy

    from analyzer.document import Document
    from analyzer.extract import Extractor

    blank = spacy.blank("en")
    extractor = Extractor(as_of="2026-11")
    docs = [Document(id=str(i), source="bench", text=t) for i, t in enumerate(texts)]
    extractor.extract(docs[0])  # build the matchers outside the timing

    def tokenize() -> None:
        for _ in blank.pipe(texts):
            pass

    def extract() -> None:
        for _ in extractor.extract_many(docs):
            pass

    t_tok = best_of(args.runs, tokenize)
    t_ext = best_of(args.runs, extract)
    chars = sum(map(len, texts))
    rows = [
        ("postings", "spacy.blank('en') tokenizer (baseline)", len(texts) / t_tok, chars / t_tok / 1e6, 1.0),
        (
            "postings",
            "jobfit extract (all components)",
            len(texts) / t_ext,
            chars / t_ext / 1e6,
            t_tok / t_ext,
        ),
    ]
    resumes = _resume_texts(args.resumes)
    if resumes:
        res_docs = [Document(id=str(i), source="bench", text=t) for i, t in enumerate(resumes)]
        r_tok = best_of(args.runs, lambda: [None for _ in blank.pipe(resumes)])
        r_ext = best_of(args.runs, lambda: [None for _ in extractor.extract_many(res_docs)])
        r_chars = sum(map(len, resumes))
        rows += [
            (
                "resumes",
                "spacy.blank('en') tokenizer (baseline)",
                len(resumes) / r_tok,
                r_chars / r_tok / 1e6,
                1.0,
            ),
            (
                "resumes",
                "jobfit extract (all components)",
                len(resumes) / r_ext,
                r_chars / r_ext / 1e6,
                r_tok / r_ext,
            ),
        ]
    from analyzer.competencies import CompetencyRecogniser, bundled_model_path

    t0 = time.perf_counter()
    CompetencyRecogniser.from_bytes(bundled_model_path().read_bytes())
    t_model = time.perf_counter() - t0
    out = (
        f"Plain-text extraction, {len(texts)} postings ({chars / 1e6:.1f}M chars) and "
        f"{len(resumes)} resumes, best of {args.runs}\n\n"
        + table(("texts", "pipeline", "docs/s", "M chars/s", "ratio to tokenizer"), rows)
        + f"\n\ncompetency model: {bundled_model_path().stat().st_size / 1e6:.2f} MB, "
        f"loaded in {t_model:.2f}s"
    )
    print(out)
    return out


if __name__ == "__main__":
    main()
