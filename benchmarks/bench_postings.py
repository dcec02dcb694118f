"""Posting scores: do IT management postings describe the IT Manager role more closely?

../shared/dev/postings/postings.jsonl: 7 `positive` (IT management) postings, 1,186 `negative`,
13 `ambiguous` (left out). Only a sanity check: 7 positives are far too few to tune on.

    python -m benchmarks.bench_postings
"""

from __future__ import annotations

import argparse
import json

from benchmarks.bench_livecareer import auc
from benchmarks.common import shared_path, table


def main(argv: list[str] | None = None) -> str | None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    path = shared_path("dev", "postings", "postings.jsonl")
    if path is None:
        return None
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    from analyzer.document import Document
    from analyzer.extract import Extractor
    from analyzer.profile import load_profile
    from analyzer.scoring import Scorer

    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    rows = [r for r in rows if r["label"] in ("positive", "negative")]
    docs = [Document(str(r["id"]), "postings", r["text"], kind="posting") for r in rows]
    scorer = Scorer(load_profile("it_manager"))
    ours = [scorer.score(e).score for e in Extractor(as_of="2026-11").extract_many(docs)]
    roles = shared_path("role_documents", "it_manager")
    role_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(roles.glob("*.txt"))) if roles else ""
    texts = [r["text"] for r in rows]
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit(texts + [role_text])
    base = cosine_similarity(vec.transform(texts), vec.transform([role_text])).ravel().tolist()
    out_rows = []
    for name, scores in (("TF-IDF cosine to role documents (baseline)", base), ("jobfit score", ours)):
        pos = [s for s, r in zip(scores, rows, strict=True) if r["label"] == "positive"]
        neg = [s for s, r in zip(scores, rows, strict=True) if r["label"] == "negative"]
        out_rows.append((name, len(pos), len(neg), auc(pos, neg)))
    out = "Job postings, positive = IT management\n\n" + table(("system", "pos", "neg", "AUC"), out_rows)
    print(out)
    return out


if __name__ == "__main__":
    main()
