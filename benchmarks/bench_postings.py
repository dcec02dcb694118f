"""Ranking job postings for a recruiter: are the IT-management postings on top?

../shared/dev/postings/postings.jsonl: ``positive`` (IT management), ``negative``, ``ambiguous``
(left out). Two inputs: the posting with its title as the first line (the dataset's ``title``
field put in front when the text does not start with it), and the text with that title line
removed. "Other IT jobs" are the negatives whose dataset title names IT work (a fixed keyword
list on the dataset's own title field, not on anything jobfit finds). Systems:

* TF-IDF cosine to the role documents (baseline, fitted in the same run);
* ``jobfit score`` in posting mode;
* the posting-fit signals alone (``analyzer.posting_fit``: title match, manages people, owns
  budget/vendors, duty share; the documented combination ``fit``).

Metrics: AUC positives vs all negatives, AUC vs other IT jobs, precision@k (k = positives).
Only a sanity check: the dev set has 7 positives, far too few to tune on.

    python -m benchmarks.bench_postings
"""

from __future__ import annotations

import argparse
import re

from benchmarks.bench_livecareer import auc
from benchmarks.common import read_jsonl, shared_path, table

# Dataset titles that name IT work (for "AUC vs other IT jobs").
IT_TITLE = re.compile(
    r"\b(?:IT|developer|engineer|engineering|software|data|network|systems?|security|cloud|devops|analyst"
    r"|architect|administrator|admin|programmer|technician|support|QA|test|tester|database|DBA|web|java"
    r"|python|\.net|sap|oracle|salesforce|sql|linux|infrastructure|cyber|helpdesk|help desk|technology"
    r"|technical|application|applications|digital|ERP|BI)\b",
    re.I,
)


def with_title(row: dict) -> str:
    text, title = row["text"], (row.get("title") or "").strip()
    if not title or text.lstrip().lower().startswith(title.lower()):
        return text
    return f"{title}\n\n{text}"


def without_title(row: dict) -> str:
    text, title = row["text"], (row.get("title") or "").strip()
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    if title and (title.lower() in first.lower() or first.lower().strip("#* []") in title.lower()):
        return rest
    return text


def metrics(scores: list[float], rows: list[dict]) -> tuple[float, float, float]:
    pos = [s for s, r in zip(scores, rows, strict=True) if r["label"] == "positive"]
    neg = [s for s, r in zip(scores, rows, strict=True) if r["label"] == "negative"]
    neg_it = [
        s
        for s, r in zip(scores, rows, strict=True)
        if r["label"] == "negative" and IT_TITLE.search(r["title"] or "")
    ]
    k = len(pos)
    ranked = sorted(range(len(rows)), key=lambda i: -scores[i])[:k]
    p_at_k = sum(rows[i]["label"] == "positive" for i in ranked) / k if k else float("nan")
    return auc(pos, neg), auc(pos, neg_it), p_at_k


def main(argv: list[str] | None = None) -> str | None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    path = shared_path("dev", "postings", "postings.jsonl")
    if path is None:
        return None
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    from analyzer.document import Document
    from analyzer.extract import Extraction, Extractor
    from analyzer.posting_fit import posting_fit
    from analyzer.profile import load_profile
    from analyzer.scoring import Scorer

    rows = read_jsonl(path)
    rows = [r for r in rows if r["label"] in ("positive", "negative")]
    profile = load_profile("it_manager")
    scorer = Scorer(profile)
    extractor = Extractor(as_of="2026-11")
    roles = shared_path("role_documents", "it_manager")
    role_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(roles.glob("*.txt"))) if roles else ""
    n_it = sum(r["label"] == "negative" and bool(IT_TITLE.search(r["title"] or "")) for r in rows)
    out_rows = []
    for condition, make in (("with title line", with_title), ("title removed", without_title)):
        texts = [make(r) for r in rows]
        docs = [
            Document(str(r["id"]), "postings", t, kind="posting") for r, t in zip(rows, texts, strict=True)
        ]
        extractions = list(extractor.extract_many(docs))
        ours = [scorer.score(e).score for e in extractions if isinstance(e, Extraction)]
        fits = [
            posting_fit(e, profile, t).fit
            for e, t in zip(extractions, texts, strict=True)
            if isinstance(e, Extraction)
        ]
        vec = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit(texts + [role_text])
        base = cosine_similarity(vec.transform(texts), vec.transform([role_text])).ravel().tolist()
        for name, scores in (
            ("TF-IDF cosine to role documents (baseline)", base),
            ("jobfit score (posting mode)", ours),
            ("posting-fit signals alone", fits),
        ):
            out_rows.append((condition, name, *metrics(scores, rows)))
    n_pos = sum(r["label"] == "positive" for r in rows)
    out = (
        f"Job postings, positive = IT management ({n_pos} positive, {len(rows) - n_pos} negative, "
        f"{n_it} of them other IT jobs)\n\n"
        + table(("input", "system", "AUC pos vs neg", "AUC vs other IT", "precision@k"), out_rows)
    )
    print(out)
    return out


if __name__ == "__main__":
    main()
