"""A SQLite store of batch results, so a killed run resumes and a re-run skips what is done.

Each result is keyed by what determines it: the document's content (sha256 of the file's bytes,
or of a table row's text), the profile (its id and the sha256 of its canonical JSON), the jobfit
version with the sha256 of its statement model, and the options that change a result
(``as_of``, ``kind``, redaction). The value is the JSON record exactly as ``jobfit score``
writes it. The store is written by one process (the one driving the batch) in small
transactions, in WAL mode, so a kill loses at most the last chunk.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from .errors import StoreError, UsageError

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    content_sha256 TEXT NOT NULL,
    profile TEXT NOT NULL,
    jobfit_version TEXT NOT NULL,
    options TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (content_sha256, profile, jobfit_version, options)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


_SQLITE_MAGIC = b"SQLite format 3\x00"


def check_store_path(path: str | Path) -> None:
    """Refuse a store path that cannot be one (a directory, another kind of file) before any work."""
    p = Path(path)
    if p.is_dir():
        raise UsageError(f"--store: {path} is a directory, not a SQLite file")
    if p.is_file() and p.stat().st_size > 0:
        with open(p, "rb") as fh:
            if fh.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
                raise UsageError(f"--store: {path} exists and is not a SQLite file (jobfit store)")


@dataclass(frozen=True)
class StoreKey:
    """Everything a stored result depends on, apart from the document's content."""

    profile: str  # "<profile id>@<sha256 of the profile JSON>"
    jobfit_version: str
    options: str  # e.g. "as_of=2026-11;kind=;redact=0"


class ResultStore:
    """``get`` / ``put_many`` over a SQLite file; use as a context manager or call ``close``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # The store is only touched from the thread driving the batch.
            self._db = sqlite3.connect(str(self.path), timeout=30.0)
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode: a committed transaction survives a killed process.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if row is None:
                self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                self._db.commit()
            elif row[0] != str(SCHEMA_VERSION):
                raise StoreError(f"{self.path}: store schema {row[0]}, this jobfit uses {SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable SQLite store ({exc})") from None

    def get(self, content_sha256: str, key: StoreKey) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT record FROM results WHERE content_sha256=? AND profile=? AND jobfit_version=? "
            "AND options=?",
            (content_sha256, key.profile, key.jobfit_version, key.options),
        ).fetchone()
        return json.loads(row[0]) if row else None

    def put_many(self, items: Iterable[tuple[str, dict[str, Any]]], key: StoreKey) -> int:
        """Store (content sha256, record) pairs in one transaction; returns how many."""
        rows = [
            (sha, key.profile, key.jobfit_version, key.options, json.dumps(record, ensure_ascii=False))
            for sha, record in items
        ]
        if rows:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)", rows)
        return len(rows)

    def count(self, key: StoreKey | None = None) -> int:
        if key is None:
            return int(self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0])
        return int(
            self._db.execute(
                "SELECT COUNT(*) FROM results WHERE profile=? AND jobfit_version=? AND options=?",
                (key.profile, key.jobfit_version, key.options),
            ).fetchone()[0]
        )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
