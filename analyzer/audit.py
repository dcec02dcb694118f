"""Bias audit of a user's own scores by group, as NYC Local Law 144 defines it for scores.

For a continuous score the rules (6 RCNY 5-300) define:

* scoring rate of a category = the share of its individuals who score **above the median
  score of the whole sample**;
* impact ratio = a category's scoring rate / the highest scoring rate of any category.

A ratio under 0.8 (the "four-fifths rule") is flagged here as a sign to look closer, not as a
legal finding. Categories under 2% of the sample may be excluded from the calculations; they
are reported, marked ``small``, and not used as the reference (the highest rate) unless every
category is small.

jobfit records no demographic data: the group column comes from the user's own file.
"""

from __future__ import annotations

import csv
import math
import statistics
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .errors import BAD_CSV, BAD_SCORE, EMPTY, MISSING_COLUMN, AuditError

FLAG_BELOW = 0.8
SMALL_SHARE = 0.02
UNKNOWN_GROUP = "(unknown)"


@dataclass(frozen=True)
class GroupResult:
    group: str
    n: int
    share: float  # of the sample
    above_median: int
    scoring_rate: float
    impact_ratio: float | None  # None when no category scores above the median
    flagged: bool  # impact ratio under FLAG_BELOW
    small: bool  # under SMALL_SHARE of the sample: may be excluded from the calculations


@dataclass(frozen=True)
class AuditResult:
    n: int
    median: float
    groups: tuple[GroupResult, ...]
    skipped: int  # rows without a score (e.g. error rows of `jobfit score`)

    def records(self) -> list[dict[str, Any]]:
        """One record per group, each carrying the sample's size and median."""
        return [{**asdict(g), "sample_n": self.n, "sample_median": self.median} for g in self.groups]


def audit(rows: Iterable[tuple[str, float]], *, skipped: int = 0) -> AuditResult:
    """Scoring rate and impact ratio per group for (group, score) pairs."""
    pairs = list(rows)
    if not pairs:
        raise AuditError("no rows with a score to audit", code=EMPTY)
    median = statistics.median(score for _, score in pairs)
    counts: dict[str, list[int]] = {}
    for group, score in pairs:
        tally = counts.setdefault(group, [0, 0])
        tally[0] += 1
        tally[1] += score > median
    n = len(pairs)
    rates = {g: above / total for g, (total, above) in counts.items()}
    small = {g for g, (total, _) in counts.items() if total / n < SMALL_SHARE}
    reference_groups = [g for g in counts if g not in small] or list(counts)
    best = max(rates[g] for g in reference_groups)
    groups = []
    for g in sorted(counts, key=lambda g: (-counts[g][0], g)):
        total, above = counts[g]
        ratio = rates[g] / best if best > 0 else None
        groups.append(
            GroupResult(
                group=g,
                n=total,
                share=round(total / n, 4),
                above_median=above,
                scoring_rate=round(rates[g], 4),
                impact_ratio=None if ratio is None else round(ratio, 4),
                flagged=ratio is not None and ratio < FLAG_BELOW,
                small=g in small,
            )
        )
    return AuditResult(n=n, median=float(median), groups=tuple(groups), skipped=skipped)


def _column(header: list[str], wanted: str, what: str) -> int:
    names = [h.strip() for h in header]
    if wanted in names:
        return names.index(wanted)
    lowered = [h.lower() for h in names]
    if wanted.strip().lower() in lowered:
        return lowered.index(wanted.strip().lower())
    shown = ", ".join(repr(h) for h in names[:12]) + (" ..." if len(names) > 12 else "")
    raise AuditError(f"no {what} column {wanted!r} (columns: {shown})", code=MISSING_COLUMN)


def _number(value: str, row: int, column: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        shown = value if len(value) <= 20 else value[:19] + "…"
        raise AuditError(f"row {row}: {column} {shown!r} is not a number", code=BAD_SCORE)
    return number


def read_scores(
    path: str | Path, *, group: str, score_column: str = "score"
) -> tuple[list[tuple[str, float]], int]:
    """(group, score) pairs from a CSV, and how many rows had no score (they are left out)."""
    source = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None or not any(h.strip() for h in header):
                raise AuditError(f"{source}: file is empty", code=EMPTY)
            g_col = _column(header, group, "group")
            s_col = _column(header, score_column, "score")
            pairs: list[tuple[str, float]] = []
            skipped = 0
            for row_no, row in enumerate(reader, start=2):
                if not any(cell.strip() for cell in row):
                    continue
                value = row[s_col].strip() if s_col < len(row) else ""
                if not value:
                    skipped += 1
                    continue
                label = (row[g_col].strip() if g_col < len(row) else "") or UNKNOWN_GROUP
                pairs.append((label, _number(value, row_no, score_column)))
    except UnicodeDecodeError:
        raise AuditError(f"{source}: not a UTF-8 CSV file", code=BAD_CSV) from None
    except csv.Error as err:
        raise AuditError(f"{source}: not a readable CSV ({err})", code=BAD_CSV) from None
    if not pairs:
        raise AuditError(f"{source}: no rows with a score", code=EMPTY)
    return pairs, skipped


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    return dict(record)


def _table() -> Callable[[dict[str, Any]], str]:
    """A table formatter that puts the sample line and column heads above the first row."""
    first = [True]

    def table(record: dict[str, Any]) -> str:
        ratio = record["impact_ratio"]
        line = (
            f"{record['group'][:28]:<28} {record['n']:>6} {record['share']:>7.1%} "
            f"{record['scoring_rate']:>8.1%} {'-' if ratio is None else f'{ratio:.3f}':>7}  "
            + " ".join(
                mark
                for mark, on in (
                    ("FLAG <0.8", record["flagged"]),
                    ("small <2%, may be excluded", record["small"]),
                )
                if on
            )
        ).rstrip()
        if first[0]:
            first[0] = False
            head = (
                f"sample: n={record['sample_n']}, median score {record['sample_median']:g}; "
                "scoring rate = share above the sample median\n"
                f"{'group':<28} {'n':>6} {'share':>7} {'rate':>8} {'ratio':>7}"
            )
            return head + "\n" + line
        return line

    return table


def audit_file(
    path: str | Path, *, group: str, score_column: str = "score", fmt: str = "table", out: str | None = None
) -> int:
    """Audit a CSV and write one record per group; returns the exit code (0).

    Bad input raises :class:`AuditError` (codes: empty, missing_column, bad_score, bad_csv).
    """
    from .output import write_records

    pairs, skipped = read_scores(path, group=group, score_column=score_column)
    result = audit(pairs, skipped=skipped)
    write_records(result.records(), fmt=fmt, out=out, flatten=_flat, table=_table())
    if skipped:
        print(f"jobfit: note: {skipped} row(s) without a score were left out", file=sys.stderr)
    if all(g.impact_ratio is None for g in result.groups):
        print("jobfit: note: no row scores above the median: impact ratios are undefined", file=sys.stderr)
    return 0
