"""Fit-score ranking on the LiveCareer resumes: ours beside a TF-IDF cosine baseline.

Labels (../shared/dev/livecareer/labels.csv): ``pos`` = IT management leadership, ``neg`` = the
rest, ``exclude`` = borderline (left out). Reported: ROC AUC pos vs all neg, AUC pos vs the neg
resumes of category INFORMATION-TECHNOLOGY, precision among the top k (k = number of pos), each
on the PDFs as they are and with each resume's first line (its headline) removed.
Also: time to score vs time to extract the same plain texts.

    python -m benchmarks.bench_livecareer
"""

from __future__ import annotations

import argparse
import csv
import time
from dataclasses import replace

from benchmarks.common import shared_path, table


def auc(pos: list[float], neg: list[float]) -> float:
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg)) if pos and neg else float("nan")


def metrics(scores: dict[str, float], labels: dict[str, tuple[str, str]]) -> tuple[float, float, float]:
    pos = [scores[i] for i, (lab, _) in labels.items() if lab == "pos" and i in scores]
    neg = [scores[i] for i, (lab, _) in labels.items() if lab == "neg" and i in scores]
    neg_it = [
        scores[i]
        for i, (lab, cat) in labels.items()
        if lab == "neg" and cat == "INFORMATION-TECHNOLOGY" and i in scores
    ]
    k = len(pos)
    ranked = sorted((i for i in scores if labels[i][0] in ("pos", "neg")), key=lambda i: -scores[i])[:k]
    p_at_k = sum(labels[i][0] == "pos" for i in ranked) / k if k else float("nan")
    return auc(pos, neg), auc(pos, neg_it), p_at_k


def drop_headline(text: str) -> str:
    lines = text.lstrip().split("\n", 1)
    return lines[1] if len(lines) > 1 else ""


def main(argv: list[str] | None = None) -> str | None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N resumes (0 = all)")
    args = parser.parse_args(argv)
    root = shared_path("dev", "livecareer")
    roles = shared_path("role_documents", "it_manager")
    if root is None or roles is None:
        return None
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    from analyzer.document import Document
    from analyzer.extract import Extraction, Extractor
    from analyzer.ingest import load_file
    from analyzer.profile import load_profile
    from analyzer.scoring import Scorer

    with (root / "labels.csv").open(encoding="utf-8") as fh:
        labels = {r["id"]: (r["label"], r["category"]) for r in csv.DictReader(fh) if r["label"] != "exclude"}
    ids = sorted(labels)[: args.limit or None]
    labels = {i: labels[i] for i in ids}
    t0 = time.perf_counter()
    docs = []
    for i in ids:
        try:
            docs.append(replace(load_file(root / "pdf" / f"{i}.pdf"), kind="resume"))
        except Exception as exc:  # noqa: BLE001 - a benchmark reports and carries on
            print(f"skip {i}: {exc}")
    t_ingest = time.perf_counter() - t0
    role_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(roles.glob("*.txt")))
    extractor = Extractor(as_of="2026-11")
    scorer = Scorer(load_profile("it_manager"), as_of="2026-11")
    extractor.extract(docs[0])

    rows = []
    timing = {}
    for variant in ("PDF text", "headline removed"):
        texts = [d.text if variant == "PDF text" else drop_headline(d.text) for d in docs]
        vec = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit(texts + [role_text])
        sims = cosine_similarity(vec.transform(texts), vec.transform([role_text])).ravel()
        base = {d.id: float(s) for d, s in zip(docs, sims, strict=False)}
        variant_docs = [
            Document(d.id, d.source, t, d.pages, d.warnings, "resume")
            for d, t in zip(docs, texts, strict=False)
        ]
        t1 = time.perf_counter()
        extractions = list(extractor.extract_many(variant_docs))
        t2 = time.perf_counter()
        ours = {e.id: scorer.score(e).score for e in extractions if isinstance(e, Extraction)}
        t3 = time.perf_counter()
        timing[variant] = (t2 - t1, t3 - t2)
        for name, scores in (("TF-IDF cosine to role documents (baseline)", base), ("jobfit score", ours)):
            rows.append((variant, name, *metrics(scores, labels)))
    n_pos = sum(1 for lab, _ in labels.values() if lab == "pos")
    ext_t, score_t = timing["PDF text"]
    out = (
        f"LiveCareer resumes: {len(docs)} PDFs ({n_pos} pos), ingest {t_ingest:.1f}s\n\n"
        + table(("input", "system", "AUC pos vs neg", "AUC pos vs IT neg", "precision@k"), rows)
        + f"\n\nextraction {ext_t:.2f}s, scoring on top {score_t:.3f}s "
        f"(extract+score = {(ext_t + score_t) / ext_t:.2f}x extraction alone)"
    )
    print(out)
    return out


if __name__ == "__main__":
    main()
