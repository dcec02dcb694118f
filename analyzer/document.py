"""The unit every stage passes along: one document's plain text and where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["resume", "posting"]


@dataclass(frozen=True)
class Document:
    """One ingested document.

    ``text`` is the plain text all character offsets refer to. For text and table input it is
    exactly the text given (no normalisation), so offsets index the user's own string.
    """

    id: str
    source: str
    text: str
    pages: int = 1
    warnings: tuple[str, ...] = field(default_factory=tuple)
    kind: Kind | None = None  # None: decided from the text by analyzer.sections.guess_kind
    # A table row's other columns (name, JSON value), carried to the outputs; () for files.
    columns: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Failure:
    """A document that could not be read: reported as a row, never raised through a batch."""

    id: str
    source: str
    code: str
    message: str
    columns: tuple[tuple[str, Any], ...] = ()  # a failed table row keeps its columns
