"""The SQLite result store: keys separate profiles, versions and options; data survives reopening."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from analyzer.store import ResultStore, StoreError, StoreKey

KEY = StoreKey("it_manager@abc", "0.1.0", "as_of=2026-11;kind=;redact=0")


def test_put_get_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with ResultStore(path) as store:
        assert store.get("sha1", KEY) is None
        assert store.put_many([("sha1", {"id": "a", "score": 1.5}), ("sha2", {"id": "b"})], KEY) == 2
        assert store.get("sha1", KEY) == {"id": "a", "score": 1.5}
    with ResultStore(path) as store:
        assert store.count() == 2
        assert store.get("sha2", KEY) == {"id": "b"}


def test_key_parts_separate_results(tmp_path: Path) -> None:
    with ResultStore(tmp_path / "s.sqlite") as store:
        store.put_many([("sha1", {"v": 1})], KEY)
        for other in (
            StoreKey("it_manager@def", KEY.jobfit_version, KEY.options),
            StoreKey(KEY.profile, "0.2.0", KEY.options),
            StoreKey(KEY.profile, KEY.jobfit_version, "as_of=2026-12;kind=;redact=0"),
        ):
            assert store.get("sha1", other) is None
        assert store.count(KEY) == 1


def test_rewriting_a_key_keeps_one_row(tmp_path: Path) -> None:
    with ResultStore(tmp_path / "s.sqlite") as store:
        store.put_many([("sha1", {"v": 1})], KEY)
        store.put_many([("sha1", {"v": 2})], KEY)
        assert store.count() == 1
        assert store.get("sha1", KEY) == {"v": 2}


def test_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    ResultStore(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"


def test_not_a_database_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    path.write_bytes(b"this is not sqlite at all, just text " * 50)
    with pytest.raises(StoreError) as info:
        ResultStore(path)
    assert "\n" not in str(info.value)
