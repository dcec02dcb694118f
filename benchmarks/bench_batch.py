"""Batch scoring: --jobs 2 against --jobs 1 in the same run, and peak memory of a long streamed batch.

Texts: the real postings in ../shared/dev/postings, repeated into a temporary JSONL file (the
postings are never copied anywhere else). Every run is a real ``python -m cli score`` process,
start-up included, writing JSONL to a pipe that is read and thrown away.

    python -m benchmarks.bench_batch [--docs 10000] [--memory-docs 100000] [--skip-memory]

Goals (issue 4): --jobs 2 takes <= 0.6x the time of --jobs 1, >= 100 documents/s overall;
peak RSS of the whole process tree < 1 GB for 100,000 documents.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks.common import ROOT, read_jsonl, shared_path, table

AS_OF = "2026-11"


def write_table(path: Path, n: int) -> bool:
    source = shared_path("dev", "postings", "postings.jsonl")
    if source is None:
        return False
    texts = [r["text"] for r in read_jsonl(source)]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"p{i:06d}", "text": texts[i % len(texts)]}) + "\n")
    return True


def tree_rss(proc: object) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    import psutil

    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]  # type: ignore[attr-defined]
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total


def run_score(
    table_path: Path,
    jobs: int,
    *,
    sample_memory: bool = False,
    extra: Sequence[str] = (),
    digest_of: Callable[[bytes], bytes] | None = None,
) -> dict[str, float | str]:
    """One ``jobfit score`` run; wall time, output digest (of ``digest_of(line)`` when given),
    and peak tree RSS when asked."""
    cmd = [sys.executable, "-m", "cli", "score", str(table_path), "--as-of", AS_OF, "-q", "-f", "jsonl"]
    cmd += ["--jobs", str(jobs), *extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    digest = hashlib.sha256()
    lines = 0
    peak = 0
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    watcher = None
    if sample_memory:
        import psutil

        watcher = psutil.Process(proc.pid)
    next_sample = 0.0
    assert proc.stdout is not None
    for line in proc.stdout:
        digest.update(digest_of(line) if digest_of else line)
        lines += 1
        if watcher is not None and time.perf_counter() >= next_sample:
            peak = max(peak, tree_rss(watcher))
            next_sample = time.perf_counter() + 0.25
    code = proc.wait()
    seconds = time.perf_counter() - start
    if code not in (0, 1):
        raise SystemExit(f"jobfit score failed with exit code {code}")
    return {"seconds": seconds, "docs": lines, "sha": digest.hexdigest(), "peak_rss": peak}


def main(argv: list[str] | None = None) -> str | None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--memory-docs", type=int, default=100_000)
    parser.add_argument("--memory-jobs", type=int, default=2)
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="jobfit-bench-") as tmp:
        path = Path(tmp) / "postings.jsonl"
        if not write_table(path, args.docs):
            return None
        one = run_score(path, 1)
        two = run_score(path, 2)
        same = one["sha"] == two["sha"]
        ratio = float(two["seconds"]) / float(one["seconds"])
        rows = [
            [f"--jobs {j}", r["docs"], r["seconds"], float(r["docs"]) / float(r["seconds"])]
            for j, r in ((1, one), (2, two))
        ]
        out = [
            f"### Batch scoring, {args.docs} postings from JSONL ({os.cpu_count()} cores)",
            "",
            table(["run", "documents", "seconds", "docs/s"], rows),
            "",
            f"jobs 2 / jobs 1 time: {ratio:.2f} (goal <= 0.60); identical output: {same}",
        ]
        if not args.skip_memory:
            path.unlink()
            write_table(path, args.memory_docs)
            mem = run_score(path, args.memory_jobs, sample_memory=True)
            out += [
                "",
                f"### Peak memory, {args.memory_docs} documents streamed from JSONL "
                f"(--jobs {args.memory_jobs})",
                "",
                table(
                    ["documents", "seconds", "docs/s", "peak RSS of process tree (MB)"],
                    [
                        [
                            mem["docs"],
                            mem["seconds"],
                            float(mem["docs"]) / float(mem["seconds"]),
                            round(float(mem["peak_rss"]) / 2**20, 1),
                        ]
                    ],
                ),
                "",
                "goal: < 1024 MB",
            ]
    text = "\n".join(out)
    print(text)
    return text


if __name__ == "__main__":
    main()
