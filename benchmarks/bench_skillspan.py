"""Extraction accuracy on the SkillSpan dev split (lenient overlap), beside a phrase-match baseline.

A predicted span is right if it overlaps a gold span; a gold span is found if a prediction
overlaps it. Predictions are our skills, certifications and education mentions; KNOWLEDGE gold
is compared with the mentions whose lexicon record is knowledge (``Entry.component``: tools,
languages, domains, methods, certifications, degrees), SKILL+KNOWLEDGE with all of them. The
row "all mentions" compares everything with KNOWLEDGE, as this bench did before lexicon 1.4.
Baseline: a plain lowercase PhraseMatcher over ESCO preferred labels plus O*NET technology
examples (all occupations), the kind of matcher peers ship.

    python -m benchmarks.bench_skillspan
"""

from __future__ import annotations

import argparse
import csv
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import shared_path, table

SPLITS = ("skillspan_tech_dev.conll", "skillspan_house_dev.conll")


@dataclass
class Sentence:
    text: str
    token_starts: list[int]
    token_ends: list[int]
    gold: dict[str, list[tuple[int, int]]]  # tag set -> token ranges


def bio_spans(tags: list[str]) -> list[tuple[int, int]]:
    spans, start = [], None
    for i, tag in enumerate(tags):
        if tag.startswith("B"):
            if start is not None:
                spans.append((start, i))
            start = i
        elif tag.startswith("I"):
            if start is None:
                start = i
        elif start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(tags)))
    return spans


def read_conll(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        starts, ends, pos = [], [], 0
        for row in rows:
            starts.append(pos)
            pos += len(row[0])
            ends.append(pos)
            pos += 1
        text = " ".join(r[0] for r in rows)
        skill, knowledge = bio_spans([r[1] for r in rows]), bio_spans([r[2] for r in rows])
        sentences.append(
            Sentence(text, starts, ends, {"KNOWLEDGE": knowledge, "SKILL+KNOWLEDGE": skill + knowledge})
        )
        rows.clear()

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                continue
            parts = line.split("\t")
            if len(parts) >= 3:
                rows.append(parts[:3])
    flush()
    return sentences


def char_to_tokens(sent: Sentence, start: int, end: int) -> tuple[int, int] | None:
    toks = [
        i
        for i, (s, e) in enumerate(zip(sent.token_starts, sent.token_ends, strict=False))
        if s < end and e > start
    ]
    return (toks[0], toks[-1] + 1) if toks else None


def score(
    preds: list[list[tuple[int, int]]], golds: list[list[tuple[int, int]]]
) -> tuple[float, float, float]:
    def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    tp_p = n_p = tp_g = n_g = 0
    for pred, gold in zip(preds, golds, strict=False):
        n_p += len(pred)
        n_g += len(gold)
        tp_p += sum(any(overlaps(p, g) for g in gold) for p in pred)
        tp_g += sum(any(overlaps(p, g) for p in pred) for g in gold)
    precision = tp_p / n_p if n_p else 0.0
    recall = tp_g / n_g if n_g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def baseline_labels() -> list[str]:
    labels: set[str] = set()
    esco = shared_path("esco", "skills_en_label.txt")
    if esco:
        labels.update(line.strip().lower() for line in esco.open(encoding="utf-8") if line.strip())
    tech = shared_path("onet", "all_occupations", "Technology Skills.tsv")
    if tech:
        with tech.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                labels.add(row["Example"].strip().lower())
                labels.add(row["Commodity Title"].strip().lower())
    return sorted(labels)


def baseline_predict(sentences: list[Sentence]) -> list[list[tuple[int, int]]]:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    tokenizer: Any = nlp.tokenizer  # spacy.blank's Tokenizer (typed by spaCy as any callable)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("L", list(tokenizer.pipe(baseline_labels())))
    out = []
    for sent, doc in zip(sentences, tokenizer.pipe(s.text for s in sentences), strict=False):
        spans = [
            char_to_tokens(sent, doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for _, s, e in matcher(doc)
        ]
        out.append([s for s in spans if s])
    return out


def ours_predict(sentences: list[Sentence], *, knowledge_only: bool = False) -> list[list[tuple[int, int]]]:
    """Our mentions as token ranges; ``knowledge_only`` leaves out the skills whose lexicon record
    is a skill component (soft skills, work styles, task skills such as "cash handling"), to
    compare with KNOWLEDGE gold alone."""
    from analyzer.document import Document
    from analyzer.extract import Extraction, Extractor
    from analyzer.lexicon import load_lexicon

    lexicon = load_lexicon()
    extractor = Extractor(as_of="2026-11")
    docs = (
        Document(id=str(i), source="skillspan", text=s.text, kind="posting") for i, s in enumerate(sentences)
    )
    out = []
    for sent, result in zip(sentences, extractor.extract_many(docs), strict=False):
        assert isinstance(result, Extraction)  # text input: nothing to fail on
        skills = [m for m in result.skills if not (knowledge_only and lexicon.get(m.id).component == "skill")]
        mentions: Iterable = (*skills, *result.certifications, *result.education)
        spans = [char_to_tokens(sent, m.start, m.end) for m in mentions]
        out.append([s for s in spans if s])
    return out


def main(argv: list[str] | None = None) -> str | None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    root = shared_path("dev", "skillspan")
    if root is None:
        return None
    sentences = [s for split in SPLITS for s in read_conll(root / split)]
    t0 = time.perf_counter()
    base = baseline_predict(sentences)
    t1 = time.perf_counter()
    ours = ours_predict(sentences)
    t2 = time.perf_counter()
    knowledge = ours_predict(sentences, knowledge_only=True)
    rows = []
    for tagset in ("KNOWLEDGE", "SKILL+KNOWLEDGE"):
        gold = [s.gold[tagset] for s in sentences]
        systems = [("phrase-match baseline (ESCO+O*NET labels)", base)]
        if tagset == "KNOWLEDGE":
            systems += [("jobfit (knowledge components)", knowledge), ("jobfit, all mentions", ours)]
        else:
            systems.append(("jobfit", ours))
        for name, preds in systems:
            p, r, f = score(preds, gold)
            rows.append((tagset, name, p, r, f))
    out = (
        f"SkillSpan dev (tech+house), {len(sentences)} sentences, lenient overlap\n\n"
        + table(("gold", "system", "precision", "recall", "F1"), rows)
        + f"\n\n(baseline {t1 - t0:.1f}s incl. building its matcher, jobfit {t2 - t1:.1f}s)"
    )
    print(out)
    return out


if __name__ == "__main__":
    main()
