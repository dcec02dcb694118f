"""Every error jobfit reports to a user, in one place: the classes and their codes.

Each error carries a short machine-readable ``code`` and a one-line human message, so the CLI,
a batch row and the web API can all report it the same way without a traceback. A mistake the
user can fix in options, columns or arguments is a :class:`UsageError` (exit code 2 on the
command line), never a bare ``ValueError``.
"""

from __future__ import annotations

# --- codes ------------------------------------------------------------------------------------
# Codes are part of the output contract (error records, CSV rows, web answers): never rename one.

# A document could not be read: the general code (precise ones at the end of this module).
UNREADABLE = "unreadable"

# Batch rows: a bug while analysing one document, or a worker process that died on it.
INTERNAL = "internal"
WORKER_FAILED = "worker_failed"
# The command line: an operating-system error (named by strerror and file name only) and Ctrl-C.
OS_ERROR = "os_error"
INTERRUPTED = "interrupted"

# What an error class stands for when no more precise code is given.
ERROR = "error"
USAGE = "usage"
LEXICON = "lexicon"
PROFILE = "profile"
MODEL = "model"
STORE = "store"
AUDIT = "audit"
REPORT = "report"

# Bias audit input (``jobfit audit``).
MISSING_COLUMN = "missing_column"
BAD_SCORE = "bad_score"
BAD_CSV = "bad_csv"

# Web API answers (``{"error": {"code", "message"}}``), beside the ingest codes above.
BAD_REQUEST = "bad_request"
NO_INPUT = "no_input"
NO_PROFILE = "no_profile"
BUSY = "busy"
SHUTTING_DOWN = "shutting_down"
READ_TIMEOUT = "read_timeout"


# --- classes ----------------------------------------------------------------------------------


class JobfitError(Exception):
    """Base class: ``code`` is stable and short, ``str(err)`` is one line for a person."""

    code = ERROR

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.code


class IngestError(JobfitError):
    """A document could not be read. The message names the file and the reason, never its text."""

    code = UNREADABLE

    def __init__(self, source: str, reason: str, *, code: str | None = None) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}", code=code)


class LexiconError(JobfitError):
    code = LEXICON


class ProfileError(JobfitError):
    code = PROFILE


class ModelError(JobfitError):
    """A learned model is missing, edited, or built for other data: rebuild it."""

    code = MODEL


class UsageError(JobfitError):
    """The user's mistake in options, columns or arguments: exit code 2 on the command line."""

    code = USAGE


class ColumnsError(UsageError):
    """A table's columns do not fit the options (a user's mistake: exit 2 on the command line)."""


class AnalysisError(JobfitError):
    """A document made a pipeline component fail: reported by the exception's type only, never
    the document's text (``Extractor.extract`` raises it; a batch turns it into a row)."""

    code = INTERNAL


class StoreError(JobfitError):
    """The result store (``--store``) cannot be used: another schema, or not a SQLite file."""

    code = STORE


class AuditError(JobfitError):
    """The scores given to ``jobfit audit`` cannot be audited (codes: empty, missing_column,
    bad_score, bad_csv)."""

    code = AUDIT


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
