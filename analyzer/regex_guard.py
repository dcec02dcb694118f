"""A faster equivalent of a regex for ``finditer``: the same pattern behind a one-character guard.

Python's regex engine tries a pattern that opens with ``\\b`` or with many case-insensitive
alternatives at every position, running every alternative even where none can start (at the end
of each word, at a word whose first letter none of them has). ``(?=[...])``, the set of characters
a match can start with, fails those positions in one step. The set is read from the parsed
pattern, so it cannot drift from the pattern; where it cannot be read for sure (a ``.``, a
negated class, an optional start, an unknown construct) the pattern is returned unchanged. A
guard only ever skips positions where the pattern cannot match: the matches are the same.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python >= 3.11
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_REPEATS = tuple(
    op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op is not None
)
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)
_CATEGORIES = {
    _c.CATEGORY_DIGIT: r"\d",
    _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_WORD: r"\w",
}


def _first(data: Any) -> tuple[list[tuple[Any, Any]], bool] | None:
    """(class items a match of ``data`` can start with, whether ``data`` can match empty), or
    None when that cannot be said."""
    items: list[tuple[Any, Any]] = []
    for op, av in data:
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL:
            items.append((op, av))
            return items, False
        if op is _c.IN:
            if any(item_op is _c.NEGATE for item_op, _ in av):
                return None
            items.extend(av)
            return items, False
        if op is _c.SUBPATTERN or (_ATOMIC is not None and op is _ATOMIC):
            found = _first((av[-1] if op is _c.SUBPATTERN else av).data)
            nullable = found is None or found[1]
        elif op is _c.BRANCH:
            alternatives = [_first(alt.data) for alt in av[1]]
            if any(alt is None for alt in alternatives):
                return None
            found = (
                [i for alt in alternatives if alt for i in alt[0]],
                any(alt and alt[1] for alt in alternatives),
            )
            nullable = found[1]
        elif op in _REPEATS:
            found = _first(av[2].data)
            nullable = found is None or found[1] or av[0] == 0
        else:
            return None
        if found is None:
            return None
        items.extend(found[0])
        if not nullable:
            return items, False
    return items, True


# pattern id -> (pattern, guarded pattern). Keyed by identity: hashing a compiled pattern hashes
# its whole code each time (microseconds, as long as the scan it speeds up). The pattern is kept
# in the value, so its id cannot be reused while the entry lives.
_CACHE: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}
_CACHE_SIZE = 512


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a guard on its first character (see :func:`_guard`), cached."""
    entry = _CACHE.get(id(pattern))
    if entry is not None and entry[0] is pattern:
        return entry[1]
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    result = _guard(pattern)
    _CACHE[id(pattern)] = (pattern, result)
    return result


def _narrow_range(lo: int, hi: int) -> bool:
    """Whether ``[lo-hi]`` holds only ASCII digits ("1-9", a month's or a year's first digit), or
    a few ASCII letters of one case ("a-f"): a guard of every letter would pass at nearly every
    word and only cost time."""
    if "0" <= chr(lo) <= chr(hi) <= "9":
        return True
    return hi - lo < 6 and any(a <= chr(lo) <= chr(hi) <= b for a, b in (("a", "z"), ("A", "Z")))


def _guard(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a guard on its first character, when that set is only letters and
    digits (a guard on spaces or punctuation would pass nearly everywhere and only cost time);
    else ``pattern`` itself."""
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - anything unexpected: keep the pattern as it is
        return pattern
    found = _first(parsed.data)
    if found is None or found[1] or not found[0]:
        return pattern
    parts = set()
    for op, av in found[0]:
        if op is _c.LITERAL and chr(av).isalnum():
            parts.add(re.escape(chr(av)))
        elif op is _c.CATEGORY and av in _CATEGORIES and av != _c.CATEGORY_SPACE:
            parts.add(_CATEGORIES[av])
        elif op is _c.RANGE and _narrow_range(*av):
            parts.add(f"{chr(av[0])}-{chr(av[1])}")
        else:
            return pattern
    # Case-insensitive, so the guard also passes what a case-insensitive part matches; a
    # pattern opening with \b checks that (cheap) before the guard.
    lead = r"\b" if parsed.data and tuple(parsed.data[0]) == (_c.AT, _c.AT_BOUNDARY) else ""
    try:
        return re.compile(f"{lead}(?i:(?=[{''.join(sorted(parts))}]))(?:{pattern.pattern})", pattern.flags)
    except re.error:  # e.g. global inline flags that must open the pattern
        return pattern
