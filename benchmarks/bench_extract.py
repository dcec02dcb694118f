"""Extraction throughput on plain text, as a ratio to spaCy's blank tokenizer in the same run.

Texts: the real postings in ../shared/dev/postings (repeated to --docs documents), and the plain
text of the dev resume PDFs (../shared/dev/livecareer, read once before timing). Also: the time
to load the competency model from disk.

Two measures per text set: a *first pass* (a new tokenizer and a new pipeline, so no chunk of
these texts is in either's cache: what one run of ``jobfit extract`` over new texts sees) and the
best of ``--runs`` repeated passes (warm caches).

    python -m benchmarks.bench_extract [--docs 2000]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from benchmarks.common import read_jsonl, shared_path, table


def load_texts(n: int) -> list[str]:
    path = shared_path("dev", "postings", "postings.jsonl")
    if path is None:
        return []
    texts = [r["text"] for r in read_jsonl(path)]
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


def _drain(items: Iterable[object]) -> None:
    for _ in items:
        pass


def _tokenize_all(nlp: Any, texts: list[str]) -> None:
    _drain(nlp.pipe(texts))


def _drain_docs(extractor: Any, docs: list[Any]) -> None:
    _drain(extractor.extract_many(docs))


def best_of(runs: int, func: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return min(times)


def _first_pass(texts: list[str], docs: list[object]) -> tuple[float, float]:
    """Seconds for one pass of a new tokenizer and of a new pipeline over texts neither has seen.

    Both are warmed on an unrelated sentence first, so that building the matchers and loading
    the model are outside the timing.
    """
    import spacy

    from analyzer.document import Document
    from analyzer.extract import Extractor
    from analyzer.pipeline import shared_nlp

    blank = spacy.blank("en")
    blank("Warm up the tokenizer.")
    t0 = time.perf_counter()
    for _ in blank.pipe(texts):
        pass
    t_tok = time.perf_counter() - t0
    shared_nlp.cache_clear()
    extractor = Extractor(as_of="2026-11")
    extractor.extract(Document(id="warm", source="bench", text="Managed a team of four analysts."))
    t0 = time.perf_counter()
    for _ in extractor.extract_many(docs):  # type: ignore[arg-type]
        pass
    return t_tok, time.perf_counter() - t0


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

    rows: list[tuple[object, ...]] = []
    resumes = _resume_texts(args.resumes)
    for label, these in (("postings", texts), ("resumes", resumes)):
        if not these:
            continue
        these_docs = [Document(id=str(i), source="bench", text=t) for i, t in enumerate(these)]
        chars = sum(map(len, these))
        # Each distinct text once: a repeat would be a cache hit that a new batch does not get.
        distinct = list(dict.fromkeys(these))
        cold_tok, cold_ext = _first_pass(
            distinct, [Document(id=str(i), source="bench", text=t) for i, t in enumerate(distinct)]
        )
        t_tok = best_of(args.runs, partial(_tokenize_all, blank, these))
        t_ext = best_of(args.runs, partial(_drain_docs, extractor, these_docs))
        for run, n, n_chars, tok, ext in (
            (
                f"first pass, {len(distinct)} distinct",
                len(distinct),
                sum(map(len, distinct)),
                cold_tok,
                cold_ext,
            ),
            (f"best of {args.runs}, {len(these)}", len(these), chars, t_tok, t_ext),
        ):
            rows.append(
                (label, run, "spacy.blank('en') tokenizer (baseline)", n / tok, n_chars / tok / 1e6, 1.0)
            )
            rows.append(
                (label, run, "jobfit extract (all components)", n / ext, n_chars / ext / 1e6, tok / ext)
            )
    from analyzer.competencies import CompetencyRecogniser, bundled_model_path

    t0 = time.perf_counter()
    CompetencyRecogniser.from_bytes(bundled_model_path().read_bytes())
    t_model = time.perf_counter() - t0
    out = (
        f"Plain-text extraction: dev postings and {len(resumes)} dev resumes\n\n"
        + table(("texts", "run", "pipeline", "docs/s", "M chars/s", "ratio to tokenizer"), rows)
        + f"\n\ncompetency model: {bundled_model_path().stat().st_size / 1e6:.2f} MB, "
        f"loaded in {t_model:.2f}s"
    )
    print(out)
    return out


if __name__ == "__main__":
    main()
