"""Custom attributes our components set on spaCy objects.

Registered lazily (by each component's constructor) so importing jobfit does no work.
``Span._.entry_id`` is the canonical lexicon id of a skill/certification mention;
``Span._.attrs`` is a plain dict of what a component parsed (years, dates, degree level ...);
``Doc._.jobfit`` holds document-level results (total years of experience, kind, ...).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span


def ensure_extensions() -> None:
    if not Span.has_extension("entry_id"):
        Span.set_extension("entry_id", default=None)
    if not Span.has_extension("attrs"):
        Span.set_extension("attrs", default=None)
    if not Doc.has_extension("jobfit"):
        Doc.set_extension("jobfit", default=None)


def doc_info(doc: Doc) -> dict:
    """The per-document results dict, created on first use."""
    info = doc._.jobfit if Doc.has_extension("jobfit") else None
    if info is None:
        ensure_extensions()
        info = doc._.jobfit = {}
    return info


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from every token on each access."""
    info = doc_info(doc)
    text = info.get("text")
    if text is None:
        text = info["text"] = doc.text
    return text
