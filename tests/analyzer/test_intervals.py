from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from analyzer.experience import union_months
from analyzer.intervals import union_length

_INTERVALS = st.lists(st.tuples(st.integers(-50, 50), st.integers(-50, 50)), max_size=12)


def test_union_length_counts_overlaps_once() -> None:
    assert union_length([]) == 0
    assert union_length([(0, 12), (6, 18)]) == 18
    assert union_length([(0, 12), (12, 24)]) == 24  # touching
    assert union_length([(0, 12), (24, 36)]) == 24
    assert union_length([(5, 5), (9, 3)]) == 0  # empty and reversed cover nothing


@given(_INTERVALS)
def test_union_length_is_the_size_of_the_covered_set(intervals: list[tuple[int, int]]) -> None:
    covered = {i for start, end in intervals for i in range(start, end)}
    assert union_length(intervals) == len(covered)


@given(_INTERVALS)
def test_inclusive_months_are_half_open_plus_one(intervals: list[tuple[int, int]]) -> None:
    inclusive = [(min(a, b), max(a, b)) for a, b in intervals]
    covered = {i for start, end in inclusive for i in range(start, end + 1)}
    assert union_months(inclusive) == len(covered)


def test_merge_joins_overlapping_and_touching_intervals_and_drops_empty_ones() -> None:
    from analyzer.intervals import merge

    assert merge([(5, 9), (0, 3), (3, 4), (8, 12), (20, 20), (30, 25)]) == [(0, 4), (5, 12)]
    assert merge([]) == []


def test_covers_finds_a_point_by_binary_search() -> None:
    from analyzer.intervals import covers, merge

    merged = merge([(10, 20), (30, 40), (15, 25)])
    assert [p for p in (9, 10, 24, 25, 29, 30, 39, 40) if covers(merged, p)] == [10, 24, 30, 39]
    assert not covers([], 5)
