"""Every error jobfit reports to a user, in one place.

Each error carries a short machine-readable ``code`` and a one-line human message, so the CLI,
a batch row and the web API can all report it the same way without a traceback.
"""

from __future__ import annotations


class JobfitError(Exception):
    """Base class: ``code`` is stable and short, ``str(err)`` is one line for a person."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.code


class IngestError(JobfitError):
    """A document could not be read. The message names the file and the reason, never its text."""

    code = "unreadable"

    def __init__(self, source: str, reason: str, *, code: str | None = None) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}", code=code)


class LexiconError(JobfitError):
    code = "lexicon"


class ProfileError(JobfitError):
    code = "profile"


class ModelError(JobfitError):
    """A learned model is missing, edited, or built for other data: rebuild it."""

    code = "model"


class UsageError(JobfitError):
    code = "usage"


# Ingest error codes, shared by CLI, batch and web.
EMPTY = "empty"
ENCRYPTED = "encrypted"
CORRUPT = "corrupt"
SCANNED = "scanned"
TOO_LARGE = "too_large"
UNSUPPORTED = "unsupported"
NOT_FOUND = "not_found"
# A table row whose kind column says something other than resume or posting.
BAD_KIND = "bad_kind"
# A posting to score against that names no competency jobfit knows.
POSTING_NO_SKILLS = "posting_no_skills"
