"""Ranking resumes against one posting (``jobfit score --against``): ours beside a TF-IDF cosine
to the posting's text.

Resumes: the LiveCareer PDFs (../shared/dev/livecareer; ``pos`` = IT management leadership).
Postings: the dev postings labelled ``positive`` (IT management jobs). For each posting, every
resume is scored against its one-posting profile; reported per posting: AUC pos vs all neg, AUC pos
vs the IT neg resumes, and how many resumes score 0 (the floor, where missing required asks have
taken every point). Two more readings of the same scores: the competency points alone, and the
score with ties broken by ``total_points`` (the sum of every item's points before the floor), as
the ranked HTML report and a sort by both columns order them.

    python -m benchmarks.bench_against_posting [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import statistics
from dataclasses import replace
from typing import Any

from benchmarks.bench_livecareer import auc
from benchmarks.common import read_jsonl, shared_path, table


def main(argv: list[str] | None = None) -> str | None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N resumes (0 = all)")
    args = parser.parse_args(argv)
    root = shared_path("dev", "livecareer")
    post_path = shared_path("dev", "postings", "postings.jsonl")
    if root is None or post_path is None:
        return None
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    from analyzer.document import Document
    from analyzer.extract import Extraction, Extractor
    from analyzer.ingest import load_file
    from analyzer.profile import STATEMENT_EVIDENCE, posting_profile
    from analyzer.scoring import Scorer

    with (root / "labels.csv").open(encoding="utf-8") as fh:
        labels = {r["id"]: (r["label"], r["category"]) for r in csv.DictReader(fh) if r["label"] != "exclude"}
    ids = sorted(labels)[: args.limit or None]
    docs = [replace(load_file(root / "pdf" / f"{i}.pdf"), kind="resume") for i in ids]
    extractor = Extractor(as_of="2026-11")
    extractions = [e for e in extractor.extract_many(docs) if isinstance(e, Extraction)]
    postings = [r for r in read_jsonl(post_path) if r.get("label") == "positive"]
    texts = [d.text for d in docs]

    def aucs(scores: dict[str, Any]) -> tuple[float, float]:
        pos = [s for i, s in scores.items() if labels[i][0] == "pos"]
        neg = [s for i, s in scores.items() if labels[i][0] == "neg"]
        neg_it = [s for i, s in scores.items() if labels[i] == ("neg", "INFORMATION-TECHNOLOGY")]
        return auc(pos, neg), auc(pos, neg_it)

    rows: list[list[object]] = []
    means: dict[str, list[tuple[float, float]]] = {}
    for row in postings:
        doc = Document(str(row["id"]), "postings", row["text"], kind="posting")
        prof = posting_profile(doc, extractor)
        scorer = Scorer(prof, as_of="2026-11")
        results = {e.id: scorer.score(e) for e in extractions}
        vec = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit([*texts, row["text"]])
        sims = cosine_similarity(vec.transform(texts), vec.transform([row["text"]])).ravel()
        readings: dict[str, dict[str, Any]] = {
            "TF-IDF cosine to the posting (baseline)": {
                d.id: float(s) for d, s in zip(docs, sims, strict=True)
            },
            "jobfit score": {i: r.score for i, r in results.items()},
            "competency points alone": {i: sum(c.points for c in r.competencies) for i, r in results.items()},
            # A recruiter's ranking: the score, then its points total among equal scores.
            "score, then total_points": {i: (r.score, r.total_points) for i, r in results.items()},
        }
        shown = sum(all(p.id == STATEMENT_EVIDENCE for p in c.provenance) for c in prof.competencies)
        at_zero = sum(r.score == 0 for r in results.values())
        for name, scores in readings.items():
            a, b = aucs(scores)
            means.setdefault(name, []).append((a, b))
            rows.append([row["id"], name, a, b])
        rows.append(
            [
                row["id"],
                f"({len(prof.competencies)} competencies, {shown} shown by duties only; "
                f"{sum(a.importance == 'required' for a in prof.asks)} required asks; "
                f"{at_zero} of {len(results)} resumes at 0)",
                "",
                "",
            ]
        )
    for name, pairs in means.items():
        rows.append(
            ["mean", name, statistics.mean(a for a, _ in pairs), statistics.mean(b for _, b in pairs)]
        )
    n_pos = sum(1 for e in extractions if labels[e.id][0] == "pos")
    out = (
        f"{len(extractions)} LiveCareer resumes ({n_pos} pos) against each of {len(postings)} IT-management "
        "dev postings\n\n" + table(("posting", "ranking by", "AUC pos vs neg", "AUC pos vs IT neg"), rows)
    )
    print(out)
    return out


if __name__ == "__main__":
    main()
