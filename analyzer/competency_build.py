"""Build and evaluate the statement recogniser from the labelled dev statements (needs ../shared).

Training material:
* ``dev/competency_statements/statements.jsonl``: statements of the dev resumes and postings,
  hand-labelled with competency ids by the guide beside them;
* ``models/training/statement_labels.jsonl``: more dev statements labelled by the same guide for
  this project. Only labels and a hash of each statement are kept in the repository (the texts'
  licence does not allow copying them); the texts are found again in ``dev/livecareer`` and
  ``dev/postings`` by splitting each document into statements and matching the hash.

Word vectors (``analyzer/word_vectors.py``) are learned first, without labels, from every line of
the dev resumes and postings, O*NET's task statements and work activities and SkillSpan's
sentences; cross-validation then fits each fold's recogniser over them.

Cross-validation groups statements by source document, so no resume is in two folds.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .competencies import CompetencyRecogniser, lexicon_area_map, load_cues
from .errors import ModelError
from .statements import find_statements, normalise
from .word_vectors import WordVectors, text_lines

FOLDS = 5
# Cross-validation picks these from a small grid; the shipped model uses the chosen values.
C_GRID = (2.0, 4.0, 8.0)
THRESHOLD_GRID = tuple(round(0.30 + 0.05 * i, 2) for i in range(14))
SENSE_GRID = (0.3, 0.4, 0.5)
# Cross-validated F1 moves by about this much from fold noise alone (one statement of 857 is
# ~0.001): among settings this close to the best, the most regularised C (smallest) is shipped,
# with its most precise thresholds (``choose_setting``).
# A less regularised model that wins by noise loses on statements unlike the dev ones (C 8
# beat C 2 by 0.003 F1 and lost "policy" on the README's written-policies statement).
F1_TOLERANCE = 0.005
MIN_PRECISION = 0.75


def choose_setting(
    results: Sequence[tuple[tuple[float, float, float], dict[str, Any]]],
) -> tuple[tuple[float, float, float], dict[str, Any]]:
    """The (C, threshold, sense threshold) to ship from cross-validated results.

    Gaps are read first, so only settings with precision >= ``MIN_PRECISION`` compete (all of
    them if none reaches it). Of those within ``F1_TOLERANCE`` of the best F1 (fold noise), the
    smallest C, and for it the highest precision: a near-tie goes to the setting that credits
    less, such as a stricter sense threshold (the same F1 within noise, and the "Java" of a
    coffee shop's name must not count as programming).
    """
    eligible = [r for r in results if r[1]["precision"] >= MIN_PRECISION] or list(results)
    top = max(m["f1"] for _, m in eligible)
    near = [r for r in eligible if r[1]["f1"] >= top - F1_TOLERANCE]
    C = min(setting[0] for setting, _ in near)
    # The thresholds are then chosen within fold noise of that C's own best: a larger C's slightly
    # higher F1 must not narrow the window of the C that is shipped.
    own = [r for r in eligible if r[0][0] == C]
    own_top = max(m["f1"] for _, m in own)
    return max(
        (r for r in own if r[1]["f1"] >= own_top - F1_TOLERANCE),
        key=lambda r: (round(r[1]["precision"], 6), r[0][2], r[0][1]),
    )


@dataclass
class Corpus:
    texts: list[str] = field(default_factory=list)
    labels: list[set[str]] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    # "dev" rows of the hand-labelled file 1-300 are the held-out test set's twin; "extra" rows
    # were labelled for this project.
    origin: list[str] = field(default_factory=list)
    # True for a statement labelled to teach the technology areas only (its row's "scope" is
    # "technology"): it was sampled for the senses of technology words, so the management areas
    # and the vocabulary are learned without it.
    technology_only: list[bool] = field(default_factory=list)
    inputs: list[tuple[str, str]] = field(default_factory=list)

    def add(
        self, text: str, labels: Sequence[str], group: str, origin: str, technology_only: bool = False
    ) -> None:
        self.texts.append(text)
        self.labels.append(set(labels))
        self.groups.append(group)
        self.origin.append(origin)
        self.technology_only.append(technology_only)


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _key_letters(text: str) -> bytes:
    return re.sub(r"[^a-z0-9]", "", text.lower()).encode()


def statement_key(text: str) -> str:
    """Letters and digits only, so a re-extraction with other spacing still matches."""
    return hashlib.sha1(_key_letters(text)).hexdigest()[:16]


def load_corpus(shared_dev: Path, extra_labels: Path | None, documents: Documents | None = None) -> Corpus:
    """The labelled statements; ``documents`` (``dev_documents``), when given, saves reading the
    extra statements' documents again."""
    corpus = Corpus()
    path = shared_dev / "competency_statements" / "statements.jsonl"
    if not path.is_file():
        raise ModelError(f"{path}: labelled statements not found (is ../shared there?)")
    for i, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
        if line.strip():
            row = json.loads(line)
            # The same "source:doc" key as the extra statements, so that a document's hand-labelled
            # and extra statements share a fold (else its other statements train the fold that
            # tests it).
            if row.get("resume_id"):
                group = f"livecareer:{row['resume_id']}"
            elif row.get("posting_id"):
                group = f"postings:{row['posting_id']}"
            else:
                group = str(row["id"])
            corpus.add(row["text"], row["competencies"], group, "dev300" if i < 300 else "dev")
    corpus.inputs.append(("dev/competency_statements/statements.jsonl", _sha256_file(path)))
    if extra_labels is not None and extra_labels.is_file():
        found = _extra_statements(shared_dev, extra_labels, documents)
        for (source, doc), text, labels, scope in found:
            corpus.add(text, labels, f"{source}:{doc}", "extra", scope == "technology")
        corpus.inputs.append((f"models/training/{extra_labels.name}", _sha256_file(extra_labels)))
    return corpus


Documents = dict[tuple[str, str], str]


def dev_documents(shared_dev: Path, wanted: set[tuple[str, str]] | None = None) -> Documents:
    """(source, id) -> text of the dev postings and resume PDFs: the ``wanted`` ones, or all of
    them (postings in file order, then the PDFs by name)."""
    from .ingest import load_file

    out: Documents = {}
    path = shared_dev / "postings" / "postings.jsonl"
    if wanted is None or any(s == "postings" for s, _ in wanted):
        if not path.is_file():
            raise ModelError(f"{path}: dev postings not found (is ../shared there?)")
        # JSONL splits on "\n" only: texts may hold U+2028, which str.splitlines() splits on.
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                row = json.loads(line)
                if wanted is None or ("postings", row["id"]) in wanted:
                    out[("postings", row["id"])] = row["text"]
    if wanted is None:
        pdfs = sorted((shared_dev / "livecareer" / "pdf").glob("*.pdf"))
    else:
        pdfs = [
            shared_dev / "livecareer" / "pdf" / f"{doc}.pdf" for s, doc in sorted(wanted) if s == "livecareer"
        ]
    for pdf in pdfs:
        if pdf.is_file():
            out[("livecareer", pdf.stem)] = load_file(pdf).text
    return out


# The most statements a labelled row may span (a run of bullets that PDF text had put on one
# line, since split at their verbs: up to 14 on the dev documents).
_LONGEST_RUN = 16


def _extra_statements(
    shared_dev: Path, labels_path: Path, documents: Documents | None
) -> list[tuple[tuple[str, str], str, list[str], str | None]]:
    lines = labels_path.read_text(encoding="utf-8").split("\n")
    rows = [json.loads(line) for line in lines if line.strip()]
    keys: dict[tuple[str, str], set[str]] = {}  # (source, doc) -> the keys its rows name
    for r in rows:
        keys.setdefault((r["source"], r["doc"]), set()).add(r["key"])
    if documents is None:
        documents = dev_documents(shared_dev, set(keys))
    by_doc: dict[tuple[str, str], dict[str, str]] = {}
    for key in sorted(keys.keys() & documents.keys()):
        text = documents[key]
        spans = find_statements(text)
        found: dict[str, tuple[int, int]] = {}
        # A row may name a run of adjacent statements: one statement when it was labelled, cut
        # in pieces by a later, finer split. Its text and labels stay true, so it still trains.
        # The key of a run grows by the letters of each next statement (and what lies between).
        for i, (start, _) in enumerate(spans):
            digest, pos = hashlib.sha1(), start
            for _, end in spans[i : i + _LONGEST_RUN]:
                digest.update(_key_letters(text[pos:end]))
                pos = end
                found.setdefault(digest.hexdigest()[:16], (start, end))
        by_doc[key] = {k: normalise(text[a:b]) for k, (a, b) in found.items() if k in keys[key]}
    out = []
    for r in rows:
        statement = by_doc.get((r["source"], r["doc"]), {}).get(r["key"])
        if statement is not None:
            out.append(((r["source"], r["doc"]), statement, r["competencies"], r.get("scope")))
    return out


# Open data the word vectors also read (beside the dev resumes and postings): O*NET's task
# statements and work activity titles, and SkillSpan's job-posting sentences (MIT).
ONET_TEXT = (
    ("Task Statements.tsv", "Task"),
    ("DWA Reference.tsv", "DWA Title"),
    ("IWA Reference.tsv", "IWA Title"),
)
SKILLSPAN_FILES = (
    "skillspan_house_train.conll",
    "skillspan_tech_train.conll",
    "skillspan_house_dev.conll",
    "skillspan_tech_dev.conll",
)


def unlabelled_lines(
    shared_dev: Path, onet_dir: Path, documents: Documents | None = None
) -> tuple[list[str], list[tuple[str, str]]]:
    """Every line of the unlabelled text the word vectors learn from, and the inputs' hashes;
    ``documents`` are all of ``dev_documents`` when the caller has them already."""
    import csv

    lines: list[str] = []
    inputs: list[tuple[str, str]] = []
    postings = shared_dev / "postings" / "postings.jsonl"
    pdfs = sorted((shared_dev / "livecareer" / "pdf").glob("*.pdf"))
    if not pdfs:
        # (The postings are checked where they are read, in dev_documents.)
        raise ModelError(f"{shared_dev}: dev resume PDFs not found (is ../shared there?)")
    for text in (documents if documents is not None else dev_documents(shared_dev)).values():
        lines.extend(text_lines(text))
    inputs.append(("dev/postings/postings.jsonl", _sha256_file(postings)))
    digest = hashlib.sha256()
    for pdf in pdfs:
        digest.update(pdf.name.encode() + hashlib.sha256(pdf.read_bytes()).digest())
    inputs.append((f"dev/livecareer/pdf ({len(pdfs)} files)", digest.hexdigest()))
    for name, column in ONET_TEXT:
        path = onet_dir / name
        if not path.is_file():
            raise ModelError(f"{path}: O*NET file not found (is ../shared/onet/all_occupations there?)")
        with path.open(encoding="utf-8", newline="") as fh:
            lines.extend(row[column] for row in csv.DictReader(fh, delimiter="\t"))
        inputs.append((f"onet/all_occupations/{name}", _sha256_file(path)))
    for name in SKILLSPAN_FILES:
        path = shared_dev / "skillspan" / name
        if path.is_file():
            for sentence in path.read_text(encoding="utf-8").split("\n\n"):
                words = [row.split("\t")[0] for row in sentence.split("\n") if row.strip()]
                if words:
                    lines.append(" ".join(words))
            inputs.append((f"dev/skillspan/{name}", _sha256_file(path)))
    return lines, inputs


def lexicon_areas(texts: Sequence[str], lexicon_dir: str | None = None) -> list[set[str]]:
    """The competency areas of the lexicon mentions in each text, each read as its own document."""
    from .extensions import doc_info
    from .pipeline import build_nlp

    nlp = build_nlp(lexicon_dir, components=("jobfit_sections", "jobfit_skills"))
    area_map = lexicon_area_map(lexicon_dir)
    out = []
    for text in texts:
        doc = nlp.make_doc(text)
        doc_info(doc).update({"text": text, "kind": "resume"})
        for _, component in nlp.pipeline:
            doc = component(doc)
        found: set[str] = set()
        for key in ("skills", "certifications"):
            for span in doc.spans.get(key, ()):
                found.update(area_map.get(span.kb_id_, ()))
        out.append(found)
    return out


def group_folds(groups: Sequence[str], k: int = FOLDS) -> list[int]:
    """A fold per statement, whole groups together, deterministic (by hash of the group)."""
    return [int(hashlib.sha1(g.encode()).hexdigest(), 16) % k for g in groups]


def cross_val_probs(
    corpus: Corpus, areas: Sequence[str], C: float, vectors: WordVectors | None = None
) -> tuple[np.ndarray, tuple[str, ...]]:
    """Out-of-fold probabilities (statements x areas that have labels)."""
    folds = group_folds(corpus.groups)
    cues = load_cues()
    labelled = tuple(a for a in areas if any(a in s for s in corpus.labels))
    probs = np.zeros((len(corpus.texts), len(labelled)))
    for f in range(FOLDS):
        train = [i for i, x in enumerate(folds) if x != f]
        test = [i for i, x in enumerate(folds) if x == f]
        model = CompetencyRecogniser(C=C).fit(
            [corpus.texts[i] for i in train],
            [corpus.labels[i] for i in train],
            labelled,
            cues,
            vectors,
            [corpus.technology_only[i] for i in train],
        )
        p = model.predict_proba([corpus.texts[i] for i in test])
        cols = [model.areas_.index(a) if a in model.areas_ else -1 for a in labelled]
        for j, c in enumerate(cols):
            if c >= 0:
                probs[test, j] = p[:, c]
    return probs, labelled


def found_sets(
    probs: np.ndarray, areas: Sequence[str], lex: Sequence[set[str]], threshold: float, sense: float
) -> list[set[str]]:
    """What scoring finds in a statement scored alone: demonstrated, or named and in sense."""
    out = []
    for row, named in zip(probs, lex, strict=True):
        out.append(
            {a for j, a in enumerate(areas) if row[j] >= threshold or (a in named and row[j] >= sense)}
        )
    return out


def prf(
    pred: Sequence[set[str]],
    gold: Sequence[set[str]],
    areas: Sequence[str],
    weights: Sequence[float] | None = None,
) -> dict[str, Any]:
    """Micro and macro precision, recall and F1, and each area's; with ``weights``, each
    statement counts that many times (a sample weighted to another design)."""
    ws: Sequence[float] = weights if weights is not None else [1] * len(pred)
    triples = list(zip(pred, gold, ws, strict=True))
    tp = sum(w * len(p & g) for p, g, w in triples)
    fp = sum(w * len(p - g) for p, g, w in triples)
    fn = sum(w * len(g - p) for p, g, w in triples)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    per: dict[str, dict[str, float]] = {}
    for a in areas:
        t = sum(w for p, g, w in triples if a in p and a in g)
        n_pred = sum(w for p, _, w in triples if a in p)
        n_gold = sum(w for _, g, w in triples if a in g)
        if n_gold:
            per[a] = {
                "precision": t / n_pred if n_pred else 0.0,
                "recall": t / n_gold,
                "f1": 2 * t / (n_pred + n_gold),
                "support": n_gold,
            }
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "macro_f1": macro, "per_area": per}


def build(
    shared_dev: Path,
    extra_labels: Path | None,
    *,
    areas: Sequence[str],
    onet_dir: Path | None = None,
    lexicon_dir: str | None = None,
) -> tuple[CompetencyRecogniser, dict[str, Any], list[tuple[str, str]]]:
    """Learn word vectors, choose C and thresholds by grouped cross-validation, then fit on every
    statement. ``onet_dir`` defaults to ``onet/all_occupations`` beside ``shared_dev``."""
    documents = dev_documents(shared_dev)
    corpus = load_corpus(shared_dev, extra_labels, documents)
    onet = onet_dir or shared_dev.parent / "onet" / "all_occupations"
    lines, vector_inputs = unlabelled_lines(shared_dev, onet, documents)
    vectors = WordVectors().fit(lines)
    corpus.inputs.extend(vector_inputs)
    lex = lexicon_areas(corpus.texts, lexicon_dir)
    evaluate = [i for i, o in enumerate(corpus.origin) if o != "extra"]
    gold = [corpus.labels[i] for i in evaluate]
    results: list[tuple[tuple[float, float, float], dict[str, Any]]] = []
    for C in C_GRID:
        probs, labelled = cross_val_probs(corpus, areas, C, vectors)
        for threshold in THRESHOLD_GRID:
            for sense in (s for s in SENSE_GRID if s <= threshold):
                pred = found_sets(probs[evaluate], labelled, [lex[i] for i in evaluate], threshold, sense)
                results.append(((C, threshold, sense), prf(pred, gold, labelled)))
    best_setting, best_metrics = choose_setting(results)
    C, threshold, sense = best_setting
    model = CompetencyRecogniser(C=C, threshold=threshold, sense_threshold=sense).fit(
        corpus.texts, corpus.labels, areas, load_cues(), vectors, corpus.technology_only
    )
    metrics = {
        "cross_validation": {k: round(v, 4) for k, v in best_metrics.items() if k != "per_area"},
        "per_area": {a: {k: round(v, 4) for k, v in d.items()} for a, d in best_metrics["per_area"].items()},
        "statements": {
            "dev": sum(1 for o in corpus.origin if o != "extra"),
            "extra": sum(1 for o in corpus.origin if o == "extra"),
            "technology_only": sum(corpus.technology_only),
        },
        "folds": FOLDS,
        "word_vectors": {"words": len(vectors.words_), "dim": vectors.dim, "lines": len(lines)},
    }
    return model, metrics, corpus.inputs


def default_labels_path() -> Path:
    from .paths import models_dir

    return models_dir() / "training" / "statement_labels.jsonl"


def area_ids() -> tuple[str, ...]:
    from .profile import load_areas

    return tuple(a.id for a in load_areas())
