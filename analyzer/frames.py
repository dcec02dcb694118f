"""pandas in, pandas out: score the rows of a DataFrame with the batch machinery.

    import pandas as pd
    import analyzer

    df = pd.read_excel("applicants.xlsx")
    scores = analyzer.score_frame(df, text="Resume Text", id="Applicant ID")
    ranked = df.join(scores.drop(columns="id")).sort_values(["score", "total_points"], ascending=False)
    gaps = analyzer.gaps_frame(df, text="Resume Text", id="Applicant ID")   # long form

Rows go through :func:`analyzer.batch.iter_batch_documents`, the same workers, records and row
builders as ``jobfit score``, so a row scores exactly as the same text does on the command line
(tests compare the two), and whatever the scorer adds (competencies, requirements) appears here
without this module changing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import UsageError

if TYPE_CHECKING:
    import pandas as pd

    from .document import Document, Failure
    from .profile import Profile

__all__ = ["score_frame", "gaps_frame", "score_and_gaps_frames", "FrameResult"]

SOURCE = "DataFrame"
_NUMERIC = ("score", "total_points", "management_years", "total_years")


@dataclass(frozen=True)
class FrameResult:
    """Both frames from one scoring pass."""

    scores: pd.DataFrame
    gaps: pd.DataFrame


def _documents(
    df: pd.DataFrame, text: str, id: str | None, kind_column: str | None
) -> Iterator[Document | Failure]:
    from .ingest import MAX_TEXT_CHARS
    from .tables import TableSpec, ident, layout, row_document

    names = [str(c) for c in df.columns]
    text, id = str(text), None if id is None else str(id)  # pandas allows any hashable as a name
    # The same check (and one-line message) as a table file's columns; an absent default "id"
    # means the index labels are the ids.
    explicit_id = id if id is not None and id != "id" else None
    spec = TableSpec(text_column=text, id_column=explicit_id, kind_column=kind_column)
    lay = layout(names, spec, SOURCE, {"text": "text=", "id": "id=", "kind": "kind_column="})
    texts = df.iloc[:, lay.text]
    ids = df.iloc[:, lay.id] if lay.id is not None else None
    kinds = df.iloc[:, lay.kind] if lay.kind is not None else None
    for pos, label in enumerate(df.index):
        rid = (ident(ids.iat[pos]) if ids is not None else "") or ident(label) or f"row-{pos + 1}"
        kind = kinds.iat[pos] if kinds is not None else None
        yield row_document(rid, SOURCE, texts.iat[pos], kind=kind, max_chars=MAX_TEXT_CHARS)


def _records(
    df: pd.DataFrame,
    *,
    text: str,
    id: str | None,
    profile: Profile | str,
    kind: str | None,
    jobs: int,
    kind_column: str | None,
    as_of: str | None,
) -> tuple[list[dict[str, Any]], Profile]:
    from .batch import iter_batch_documents, make_config
    from .tables import KINDS

    if kind is not None and kind not in KINDS:
        raise UsageError(f"kind must be 'resume', 'posting' or None (guessed per row), not {kind!r}")
    if kind and kind_column:
        raise UsageError("kind and kind_column exclude each other: one kind for all, or one per row")
    config = make_config(profile, as_of=as_of, kind=kind)
    assert config.profile is not None  # a scoring configuration always has its profile
    documents = _documents(df, text, id, kind_column)
    records = list(iter_batch_documents(documents, config, total=len(df), jobs=jobs))
    return records, config.profile


def _scores(records: list[dict[str, Any]], profile: Profile, index: pd.Index) -> pd.DataFrame:
    import pandas as pd

    from .reports import score_row

    comps = [(c.id, c.name) for c in profile.competencies]
    reqs = list(dict.fromkeys((r["id"], r["name"]) for rec in records for r in rec.get("requirements", [])))
    rows = []
    for record in records:
        base = score_row(record)
        status = {c["id"]: c["status"] for c in record.get("competencies", [])}
        status |= {r["id"]: r["status"] for r in record.get("requirements", [])}
        row: dict[str, Any] = {}
        for key, value in base.items():
            row[key] = value
            if key == "band":
                # A status column per competency, then per requirement (met / partial / missing).
                row |= {name: status.get(cid) for cid, name in (*comps, *reqs)}
        rows.append(row)
    frame = pd.DataFrame(rows, index=index)
    if not rows:
        frame = pd.DataFrame(columns=list(score_row({"id": "", "source": ""})), index=index)
    for column in _NUMERIC:
        frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce")
    for column in ("kind", "band", "degree", "error"):
        frame[column] = frame[column].replace("", None)
    return frame


def _gaps(records: list[dict[str, Any]], all_rows: bool) -> pd.DataFrame:
    import pandas as pd

    from .exports import GAP_COLUMNS, gap_rows

    rows = [row for record in records for row in gap_rows(record, all_rows=all_rows)]
    frame = pd.DataFrame(rows, columns=list(GAP_COLUMNS))
    for column in ("credit", "weight", "points"):
        frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce")
    return frame


def score_frame(
    df: pd.DataFrame,
    text: str = "text",
    id: str | None = "id",
    profile: Profile | str = "it_manager",
    kind: str | None = None,
    jobs: int = 1,
    *,
    kind_column: str | None = None,
    as_of: str | None = None,
) -> pd.DataFrame:
    """One row per row of ``df`` (same index): ``id, source, kind, score, band``, a status
    column per competency and per requirement (named by their names), then ``met, partial,
    missing, management_years, total_years, degree, certifications, certification_names,
    warnings, error``: the scores CSV of ``jobfit score`` plus the status columns.

    ``text``/``id`` name the columns (``id`` absent: the index labels are the ids); ``kind`` is
    ``"resume"``/``"posting"`` for every row (None: guessed per row), ``kind_column`` a column
    saying it per row. ``jobs`` worker processes (0: all cores). A row that cannot be scored
    (no text, too long, an unknown kind) gets its ``error`` and empty scores.
    """
    records, prof = _records(
        df, text=text, id=id, profile=profile, kind=kind, jobs=jobs, kind_column=kind_column, as_of=as_of
    )
    return _scores(records, prof, df.index)


def gaps_frame(
    df: pd.DataFrame,
    text: str = "text",
    id: str | None = "id",
    profile: Profile | str = "it_manager",
    kind: str | None = None,
    jobs: int = 1,
    *,
    kind_column: str | None = None,
    as_of: str | None = None,
    all_rows: bool = False,
) -> pd.DataFrame:
    """Long form, the columns of ``jobfit score --gaps`` (docs/columns.md): one row per document
    and competency or requirement not met (every one with ``all_rows``), an error row per
    failed document."""
    records, _prof = _records(
        df, text=text, id=id, profile=profile, kind=kind, jobs=jobs, kind_column=kind_column, as_of=as_of
    )
    return _gaps(records, all_rows)


def score_and_gaps_frames(
    df: pd.DataFrame,
    text: str = "text",
    id: str | None = "id",
    profile: Profile | str = "it_manager",
    kind: str | None = None,
    jobs: int = 1,
    *,
    kind_column: str | None = None,
    as_of: str | None = None,
    all_rows: bool = False,
) -> FrameResult:
    """:func:`score_frame` and :func:`gaps_frame` from one scoring pass."""
    records, prof = _records(
        df, text=text, id=id, profile=profile, kind=kind, jobs=jobs, kind_column=kind_column, as_of=as_of
    )
    return FrameResult(_scores(records, prof, df.index), _gaps(records, all_rows))
