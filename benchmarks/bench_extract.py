"""Extraction throughput on plain text, as a ratio to spaCy's blank tokenizer in the same run.

Texts: the real postings in ../shared/dev/postings (repeated to --docs documents).

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


def best_of(runs: int, func: Callable[[], None]) -> float:
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
        ("spacy.blank('en') tokenizer (baseline)", len(texts) / t_tok, chars / t_tok / 1e6, 1.0),
        ("jobfit extract (all components)", len(texts) / t_ext, chars / t_ext / 1e6, t_tok / t_ext),
    ]
    out = (
        f"Plain-text extraction, {len(texts)} postings ({chars / 1e6:.1f}M chars), best of {args.runs}\n\n"
        + table(("pipeline", "docs/s", "M chars/s", "ratio to tokenizer"), rows)
    )
    print(out)
    return out


if __name__ == "__main__":
    main()
