"""The whole corpus through the real CLI process under a 2 GB address-space limit.

Bounded time is checked with a generous timeout (no timing assertion); bounded memory by the
limit itself: a zip bomb or an over-long text that were read in full would fail the run.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.robustness.corpus import RESUME, cases
from tests.robustness.test_cli_bad_input import assert_clean_stderr

GB = 1024**3
ROOT = Path(__file__).resolve().parents[2]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * GB, 2 * GB))


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
        preexec_fn=_limit_memory,
    )


@pytest.mark.slow
def test_corpus_batch_in_a_memory_limited_process(corpus: dict[str, Path], tmp_path: Path) -> None:
    # The largest text ingest accepts, next to the hostile files (about 5 s of the run).
    from analyzer.ingest import MAX_TEXT_CHARS

    near = tmp_path / "near_limit.txt"
    near.write_text((RESUME * (MAX_TEXT_CHARS // len(RESUME)))[: MAX_TEXT_CHARS - 1], encoding="utf-8")
    out = tmp_path / "out" / "scores.jsonl"
    directory = next(iter(corpus.values())).parent
    proc = run_cli("score", str(directory), str(near), "-o", str(out), "--as-of", "2026-11")
    assert proc.returncode == 1
    lines = assert_clean_stderr(proc.stderr)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_name = {Path(r["source"]).name: r for r in records}
    assert len(records) == len(cases()) + 1
    for case in cases():
        assert ("error" not in by_name[case.name]) == case.ok, case.name
    assert "score" in by_name["near_limit.txt"]
    assert len(lines) == sum(not c.ok for c in cases())
