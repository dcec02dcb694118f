"""Where posting analysis, kind detection and the statement recogniser spend their time: each
stage timed on its own.

Texts: the dev postings (../shared/dev/postings) and the plain text of the dev resume PDFs
(../shared/dev/livecareer). Each text is extracted once outside the timing, so every stage gets
the same inputs it gets inside ``jobfit extract``; then each stage runs over all texts, best of
``--runs``, beside ``spacy.blank("en")``'s tokenizer on the same texts in the same run.

    python -m benchmarks.bench_stages [--postings 400] [--resumes 150] [--runs 5]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from benchmarks.bench_extract import _resume_texts, best_of, load_texts
from benchmarks.common import table

if TYPE_CHECKING:
    from analyzer.extract import Extraction
    from analyzer.posting import PostingSection


def main(argv: list[str] | None = None) -> str | None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=400)
    parser.add_argument("--resumes", type=int, default=150)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    postings = load_texts(args.postings)
    if not postings:
        return None
    import spacy

    from analyzer.competencies import load_model
    from analyzer.document import Document
    from analyzer.extract import Extractor
    from analyzer.kind import cue_counts, detect_kind
    from analyzer.posting import (
        analyze_posting,
        find_employer,
        find_title,
        posting_sections,
        requirement_items,
    )
    from analyzer.posting_fit import duty_signals
    from analyzer.sections import find_sections

    resumes = _resume_texts(args.resumes)
    extractor = Extractor(as_of="2026-11")
    blank = spacy.blank("en")

    def inputs(texts: list[str]) -> list[tuple[str, list[str], Extraction]]:
        out = []
        for i, text in enumerate(texts):
            extraction = extractor.extract(Document(id=str(i), source="bench", text=text))
            out.append((text, [s[2] for s in find_sections(text)], extraction))
        return out

    post_in = inputs(postings)
    res_in = inputs(resumes)
    recogniser = load_model()

    def statements(batch: list[tuple[str, list[str], Extraction]]) -> list[tuple[list[str]]]:
        # What the recogniser reads: each document's statements, on one line each.
        return [([" ".join(s.text.split()) for s in e.statements],) for _, _, e in batch]

    post_sections = [posting_sections(t) for t, _, _ in post_in]
    post_titles = [find_title(t) for t, _, _ in post_in]

    def over(items: Sequence[tuple[Any, ...]], func: Callable[..., object]) -> Callable[[], object]:
        return lambda: [func(*item) for item in items]

    def found(e: Extraction) -> dict[str, Any]:
        # What extraction found, as the posting stages take it.
        return {
            "skills": e.skills,
            "certifications": e.certifications,
            "experience": e.experience,
            "education": e.education,
        }

    def analyze(text: str, _names: object, e: Extraction) -> object:
        return analyze_posting(text, **found(e))

    def items(text: str, sections: list[PostingSection], e: Extraction) -> object:
        return requirement_items(text, sections, **found(e))

    def duties(text: str, sections: list[PostingSection], e: Extraction) -> object:
        return duty_signals(text, sections, (*e.skills, *e.certifications))

    with_sections = [(t, s, e) for (t, _, e), s in zip(post_in, post_sections, strict=True)]
    with_titles = [(t, title) for (t, _, _), title in zip(post_in, post_titles, strict=True)]
    stages: list[tuple[str, str, Callable[[], object], bool]] = [
        ("postings", "tokenizer (baseline)", lambda: [None for _ in blank.pipe(postings)], False),
        ("postings", "detect_kind", over([(t, n) for t, n, _ in post_in], detect_kind), True),
        ("postings", "analyze_posting (all of it)", over(post_in, analyze), True),
        ("postings", "  posting_sections", over([(t,) for t, _, _ in post_in], posting_sections), False),
        ("postings", "  find_title", over([(t,) for t, _, _ in post_in], find_title), False),
        ("postings", "  find_employer", over(with_titles, find_employer), False),
        ("postings", "  requirement_items", over(with_sections, items), False),
        ("postings", "duty_signals", over(with_sections, duties), True),
        ("postings", "statement recogniser", over(statements(post_in), recogniser.predict_proba), False),
    ]
    if res_in:
        stages += [
            ("resumes", "tokenizer (baseline)", lambda: [None for _ in blank.pipe(resumes)], False),
            ("resumes", "cue_counts", over([(t, n) for t, n, _ in res_in], cue_counts), False),
            ("resumes", "detect_kind", over([(t, n) for t, n, _ in res_in], detect_kind), True),
            ("resumes", "statement recogniser", over(statements(res_in), recogniser.predict_proba), False),
        ]
    rows = []
    tokenizer: dict[str, float] = {}
    total = {"postings": 0.0, "resumes": 0.0}
    for texts, name, func, counted in stages:
        seconds = best_of(args.runs, func)
        if name.startswith("tokenizer"):
            tokenizer[texts] = seconds
        if counted:
            total[texts] += seconds
        n = len(post_in) if texts == "postings" else len(res_in)
        rows.append((texts, name, seconds, seconds / n * 1e3, seconds / tokenizer[texts]))
    for texts, seconds in total.items():
        if texts in tokenizer:
            rows.append((texts, "kind + posting + duties", seconds, 0.0, seconds / tokenizer[texts]))
    out = (
        f"Stages on {len(post_in)} dev postings and {len(res_in)} dev resumes, best of {args.runs}\n\n"
        + table(("texts", "stage", "seconds", "ms/doc", "x tokenizer time"), rows)
    )
    print(out)
    return out


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"\n({time.perf_counter() - started:.0f}s)")
