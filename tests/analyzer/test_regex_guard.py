"""analyzer.regex_guard: a guarded pattern finds exactly the matches of the pattern itself."""

from __future__ import annotations

import random
import re

import pytest

from analyzer import education, experience, posting, posting_fit
from analyzer.regex_guard import guarded

PATTERNS = [
    posting_fit._SUPERVISES,
    posting_fit._LEADS_TEAM,
    posting_fit._OWNS_BUDGET,
    posting_fit._OWNS_VENDORS,
    posting._EEO,
    posting._BARE_DEGREE,
    posting._EXPERIENCE_ASK,
    posting._PREFERRED,
    posting._REQUIRED,
    *(re.compile(p, re.I) for _, _, p in posting._PATTERNS),
    # Full-text scans whose guard holds digit ranges ("0?[1-9]", "(?:19|20)\\d\\d").
    experience._RANGE,
    experience._UNIT,
    education._HEAD,
]


def _texts(pattern: re.Pattern[str], n: int = 300) -> list[str]:
    """Random texts made of the pattern's own words, cases and separators (and characters that
    case-insensitive matching treats specially)."""
    words = sorted(set(re.findall(r"[A-Za-z]{2,}", pattern.pattern)))
    words += ["x", "2", "10", "ſ", "K", "ı", "2019", "07/", "1998", "0"]
    rnd = random.Random(pattern.pattern)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 12)):
            word = rnd.choice(words)
            word = rnd.choice((word, word.upper(), word.capitalize()))
            parts.append(word + rnd.choice(("", " ", " ", "  ", "\n", "-", ". ", "/", "'s ")))
        out.append("".join(parts))
    return out


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:30])
def test_guarded_pattern_finds_the_same_matches(pattern: re.Pattern[str]) -> None:
    fast = guarded(pattern)
    for text in _texts(pattern):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in pattern.finditer(text)], text
        for lo, hi in ((3, len(text) - 2), (len(text) // 2, len(text))):
            assert [m.span() for m in fast.finditer(text, lo, hi)] == [
                m.span() for m in pattern.finditer(text, lo, hi)
            ]


def test_guard_keeps_groups() -> None:
    match = guarded(posting._EXPERIENCE_ASK).search("Proven experience with SQL")
    assert match is not None and match.group("word") == "experience"


@pytest.mark.parametrize(
    "source",
    [
        r"(?:^|\n)[ \t*]*Company:",  # may open with a space or a newline: a guard would pass anywhere
        r"[A-Z][a-z]+ is hiring",  # any capital: no gain
        r"[a-z]+ing\b",  # any letter: no gain
        r"\b(?:a|b)?",  # can match the empty string
        r".foo",  # any character
        r"[^x]foo",  # a negated class
    ],
)
def test_no_guard_where_it_cannot_help_or_cannot_be_read(source: str) -> None:
    pattern = re.compile(source, re.I)
    assert guarded(pattern) is pattern


def test_guard_is_case_insensitive_for_case_sensitive_parts() -> None:
    pattern = re.compile(r"\b(?:(?-i:A[- ]levels?)|GCSEs?)\b", re.I)
    fast = guarded(pattern)
    for text in ("three A-levels", "a-levels", "GCSE maths", "gcses", "Level"):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in pattern.finditer(text)]


def test_a_digit_range_is_a_guard() -> None:
    pattern = re.compile(r"(?<!\d)(?:0?[1-9]|1[0-2])/(?:19|20)\d\d", re.I)
    fast = guarded(pattern)
    assert fast is not pattern
    text = "From 07/2019 to 12/2021, and 3/1998; not 13/2020 or x/2020"
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in pattern.finditer(text)]
    assert len(list(fast.finditer(text))) == 3
