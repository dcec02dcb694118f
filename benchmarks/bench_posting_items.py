"""A resume against a posting: is every ask listed, and does each required ask cost points?

Pairs: the dev postings labelled ``positive`` (IT management) and the first IT postings labelled
``negative`` that name at least 3 lexicon asks, against the ``pos`` and the first ``neg`` LiveCareer
resumes (../shared/dev). Nothing here has gold labels for asks, so the checks are constructive:

* **listed**: every requirement item of the posting (``posting.requirements``) is in
  ``posting_items`` with its importance (an item named required anywhere is required), or is an
  "experience with X" item around a lexicon item that is listed;
* **steps**: for each pair, the posting's required lexicon asks that the resume lacks are added to
  it as a skills line; then they are taken out one at a time. Each step must turn that ask to
  ``missing`` and lower the score; the table gives how many steps lower it by 3 points or more.

    python -m benchmarks.bench_posting_items [--postings 20] [--resumes 20]
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import statistics
import time

from benchmarks.common import read_jsonl, shared_path, table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=20)
    parser.add_argument("--resumes", type=int, default=20)
    args = parser.parse_args(argv)
    post_path = shared_path("dev", "postings", "postings.jsonl")
    cv_root = shared_path("dev", "livecareer")
    if post_path is None or cv_root is None:
        return
    from analyzer.document import Document
    from analyzer.extract import Extractor
    from analyzer.ingest import load_file
    from analyzer.profile import posting_profile
    from analyzer.scoring import Scorer, is_soft_skill

    extractor = Extractor(as_of="2026-11")
    # split("\n"), not splitlines(): texts hold U+2028 and other line separators.
    rows = read_jsonl(post_path)
    chosen = [r for r in rows if r.get("label") == "positive"]
    for r in rows:
        if len(chosen) >= args.postings:
            break
        if r.get("label") == "negative" and any(
            w in (r.get("title") or "").lower() for w in ("it ", "system", "network")
        ):
            chosen.append(r)
    with (cv_root / "labels.csv").open(encoding="utf-8") as fh:
        labels = [r for r in csv.DictReader(fh) if r["label"] in ("pos", "neg")]
    cv_ids = [r["id"] for r in labels if r["label"] == "pos"]
    cv_ids += [r["id"] for r in labels if r["label"] == "neg"][: max(0, args.resumes - len(cv_ids))]
    resumes = [dataclasses.replace(load_file(cv_root / "pdf" / f"{i}.pdf"), kind="resume") for i in cv_ids]

    listed = total = importance_ok = 0
    drops: dict[str, list[tuple[float, float]]] = {"tool/certification": [], "skill": [], "soft skill": []}
    flips = steps = 0
    pairs = 0
    t0 = time.perf_counter()
    for row in chosen:
        doc = Document(str(row["id"]), "postings", row["text"], kind="posting")
        try:
            prof = posting_profile(doc, extractor)
        except Exception:  # noqa: BLE001 - a posting with nothing known is not a pair
            continue
        posting = extractor.extract(doc).posting
        if posting is None:
            continue
        by_id = {a.id: a for a in prof.asks if a.id}
        by_name = {a.name for a in prof.asks}
        listed_ids = [r.start for r in posting.requirements if r.id]
        for req in posting.requirements:
            total += 1
            if req.id:
                ok = req.id in by_id
                want = (
                    "required"
                    if any(q.id == req.id and q.importance == "required" for q in posting.requirements)
                    else "preferred"
                )
                importance_ok += ok and by_id[req.id].importance == want
            else:
                from analyzer.profile import ask_name

                ok = ask_name(req) in by_name or (
                    req.type == "experience" and any(req.start <= s < req.end for s in listed_ids)
                )
                importance_ok += ok
            listed += ok
        scorer = Scorer(prof, as_of="2026-11")
        lexical = [a for a in prof.asks if a.id and a.importance == "required"]
        for resume in resumes:
            pairs += 1
            base = scorer.score(extractor.extract(resume))
            lacking = [
                a for a in lexical if any(i.id == a.id and i.status == "missing" for i in base.posting_items)
            ]
            if not lacking:
                continue
            names = [a.name for a in lacking]
            previous = None
            for k in range(len(names) + 1):
                kept = names[k:]
                text = resume.text + ("\n\nSKILLS\n" + ", ".join(kept) + "\n" if kept else "")
                result = scorer.score(extractor.extract(dataclasses.replace(resume, text=text)))
                if previous is not None:
                    removed = lacking[k - 1]
                    status = next(i.status for i in result.posting_items if i.id == removed.id)
                    steps += 1
                    flips += status == "missing"
                    group = (
                        "soft skill"
                        if is_soft_skill(removed.id or "")
                        else "skill"
                        if removed.type == "skill"
                        else "tool/certification"
                    )
                    drops[group].append((previous - result.score, previous))
                previous = result.score
    seconds = time.perf_counter() - t0
    print(f"{len(chosen)} postings x {len(resumes)} LiveCareer resumes = {pairs} pairs, {seconds:.0f} s\n")
    print(
        table(
            ["check", "n", "result"],
            [
                ("posting requirement items listed in posting_items", total, f"{listed / max(total, 1):.3f}"),
                ("... with the right importance", total, f"{importance_ok / max(total, 1):.3f}"),
                ("a required ask taken out turns missing", steps, f"{flips / max(steps, 1):.3f}"),
            ],
        )
    )
    print()

    def share(d: list[tuple[float, float]], floor: float = -1.0) -> str:
        kept = [x for x, before in d if before > floor]
        return f"{sum(x >= 3 - 1e-9 for x in kept) / len(kept):.3f} ({len(kept)})" if kept else "-"

    print(
        table(
            [
                "ask taken out",
                "steps",
                "median drop",
                "min drop",
                "share >= 3 points",
                "same, score > 3 before",
            ],
            [
                (
                    g,
                    len(d),
                    f"{statistics.median(x for x, _ in d):.2f}",
                    f"{min(x for x, _ in d):.2f}",
                    share(d),
                    share(d, 3.0),
                )
                for g, d in drops.items()
                if d
            ],
        )
    )


if __name__ == "__main__":
    main()
