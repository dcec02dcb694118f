from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from analyzer.output import atomic_writer, write_records


def test_atomic_writer_leaves_nothing_on_error(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(RuntimeError), atomic_writer(target) as fh:
        fh.write("half")
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_atomic_writer_keeps_previous_file_until_done(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with atomic_writer(target) as fh:
        fh.write("new")
        assert target.read_text() == "old"
    assert target.read_text() == "new"


def test_output_file_has_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    old = os.umask(0o022)
    try:
        with atomic_writer(target) as fh:
            fh.write("x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_formats(tmp_path: Path) -> None:
    records = [{"id": "a", "skills": ["x", "y"]}, {"id": "b", "skills": []}]

    def flat(r: dict) -> dict:
        return {"id": r["id"], "skills": r["skills"]}

    for fmt in ("json", "jsonl", "csv", "table"):
        out = tmp_path / f"o.{fmt}"
        n = write_records(iter(records), fmt=fmt, out=out, flatten=flat, table=lambda r: r["id"])
        assert n == 2
    assert (tmp_path / "o.csv").read_text().splitlines() == ["id,skills", "a,x; y", "b,"]
    import json

    assert [r["id"] for r in json.loads((tmp_path / "o.json").read_text())] == ["a", "b"]
    assert json.loads((tmp_path / "o.json").read_text()) == records
    empty = tmp_path / "e.json"
    write_records(iter([]), fmt="json", out=empty, flatten=flat, table=str)
    assert json.loads(empty.read_text()) == []


def test_binary_output_file_has_normal_permissions(tmp_path: Path) -> None:
    # The one atomic writer serves bytes too (a PNG chart): not left private (0600) by mkstemp.
    target = tmp_path / "chart.png"
    old = os.umask(0o022)
    try:
        with atomic_writer(target, binary=True) as fh:
            fh.write(b"\x89PNG\r\n\x1a\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_bytes().startswith(b"\x89PNG")
