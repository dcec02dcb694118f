"""Remove personal data (emails, phone numbers, names) from evidence text before it is exported."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<!\w)(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?!\w)")
URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.I)


def redact(text: str, names: tuple[str, ...] = ()) -> str:
    """Replace emails, phone numbers, URLs and the given names with placeholders."""
    text = EMAIL.sub("[email]", text)
    text = URL.sub("[url]", text)
    text = PHONE.sub("[phone]", text)
    for name in names:
        if name.strip():
            text = re.sub(re.escape(name.strip()), "[name]", text, flags=re.I)
    return text
