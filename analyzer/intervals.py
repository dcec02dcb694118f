"""Unions of intervals: time in overlapping roles counts once."""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence


def merge(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of half-open intervals ``[start, end)`` as sorted, disjoint intervals
    (overlapping or touching ones joined; empty or reversed ones dropped)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def union_length(intervals: Iterable[tuple[int, int]]) -> int:
    """Length covered by half-open intervals ``[start, end)``, overlaps counted once.

    Month indexes throughout jobfit: a role from month ``s`` to month ``e`` inclusive is
    ``(s, e + 1)``. Empty or reversed intervals cover nothing.
    """
    return sum(end - start for start, end in merge(intervals))


def covers(merged: Sequence[tuple[int, int]], point: int) -> bool:
    """Whether ``point`` is inside one of ``merged`` (the output of ``merge``): a binary search,
    so a long document's many points against its many intervals stay fast."""
    i = bisect.bisect_right(merged, (point, math.inf)) - 1
    return i >= 0 and merged[i][0] <= point < merged[i][1]
