"""Remove personal data (emails, phone numbers, profile links, names) from text before export."""

from __future__ import annotations

import re

from .vocabulary import NAME_PARTICLES

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<!\w)(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?!\w)")
# "+33 1 23 45 67 89": international numbers in short groups; 8 to 15 digits (E.164).
INTL_PHONE = re.compile(r"(?<![\w+])\+\d[\d\s().-]{6,22}\d(?!\w)")
URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.I)
# Profile links are written without a scheme ("linkedin.com/in/jane"); bare domains in general
# are not removed, so that "ASP.NET" or "Node.js" survive.
PROFILE = re.compile(
    r"\b(?:[\w-]+\.)*(?:linkedin|github|gitlab|bitbucket|twitter|x|facebook|instagram|medium|"
    r"stackoverflow|behance|dribbble|xing|about\.me)\.(?:com|io|org|me)(?:/[^\s,;)]*)?",
    re.I,
)


def _intl_phone(match: re.Match[str]) -> str:
    digits = sum(c.isdigit() for c in match.group())
    return "[phone]" if 8 <= digits <= 15 else match.group()


def _name_patterns(names: tuple[str, ...]) -> list[re.Pattern[str]]:
    """The full names and each of their words, as whole words."""
    full = [n.strip() for n in names if n and n.strip()]
    parts = {
        w
        for n in full
        for w in re.split(r"[\s,]+", n)
        if len(w.strip(".")) >= 2 and w.lower().strip(".") not in NAME_PARTICLES
    }
    # Longest first, so "Al-Sayed" goes before a name "Al" could split it.
    ordered = sorted(set(full) | parts, key=lambda n: (-len(n), n))
    return [re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.I) for n in ordered]


def redact(text: str, names: tuple[str, ...] = ()) -> str:
    """Replace emails, phone numbers, URLs and profile links, and the given names (and each
    of their words: "Jenkins led ..." too) with placeholders."""
    text = EMAIL.sub("[email]", text)
    text = URL.sub("[url]", text)
    text = PROFILE.sub("[url]", text)
    text = INTL_PHONE.sub(_intl_phone, text)
    text = PHONE.sub("[phone]", text)
    for pattern in _name_patterns(names):
        text = pattern.sub("[name]", text)
    return text
