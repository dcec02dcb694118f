"""Unions of intervals: time in overlapping roles counts once."""

from __future__ import annotations

from collections.abc import Iterable


def union_length(intervals: Iterable[tuple[int, int]]) -> int:
    """Length covered by half-open intervals ``[start, end)``, overlaps counted once.

    Month indexes throughout jobfit: a role from month ``s`` to month ``e`` inclusive is
    ``(s, e + 1)``. Empty or reversed intervals cover nothing.
    """
    total = 0
    cur_start: int | None = None
    cur_end = 0
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if cur_start is None or start > cur_end:
            if cur_start is not None:
                total += cur_end - cur_start
            cur_start, cur_end = start, end
        else:
            cur_end = max(cur_end, end)
    if cur_start is not None:
        total += cur_end - cur_start
    return total
