"""Table inputs: 10,000 rows scored from an .xlsx export against the same rows as JSONL.

The rows are the real postings in ../shared/dev/postings, repeated, written at run time into a
temporary folder (never anywhere else) as an ATS-style export: "Req ID", "Job Title",
"Job Description", "Department". Texts are cut to Excel's 32,767-character cell limit and
cleared of the control characters .xlsx cannot hold, the same for every format. Each scoring
run is a real ``python -m cli score`` process (start-up included, ``--jobs 1``, so reading the
table is not hidden behind worker processes), output to a pipe; peak RSS of the process tree is
sampled. A second table times reading alone (rows/s), for every format.

    python -m benchmarks.bench_tables [--rows 10000] [--formats xlsx,jsonl] [--jobs 1]

Goal (issue 12): .xlsx at >= 80% of the JSONL throughput, identical scores.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path

from benchmarks.bench_batch import run_score
from benchmarks.common import read_jsonl, shared_path, table

EXCEL_CELL = 32_767
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
COLUMNS = ["--text-column", "Job Description", "--id-column", "Req ID"]


def frame(n: int):  # noqa: ANN201 - a pandas DataFrame
    import pandas as pd

    source = shared_path("dev", "postings", "postings.jsonl")
    if source is None:
        return None
    rows = read_jsonl(source)
    texts = [_CONTROL.sub(" ", r["text"])[:EXCEL_CELL] for r in rows]
    titles = [_CONTROL.sub(" ", r.get("title") or "")[:200] for r in rows]
    return pd.DataFrame(
        {
            "Req ID": [f"R{i:06d}" for i in range(n)],
            "Job Title": [titles[i % len(rows)] for i in range(n)],
            "Job Description": [texts[i % len(rows)] for i in range(n)],
            "Department": ["IT" if i % 3 else "Operations" for i in range(n)],
        }
    )


def write(df, folder: Path, fmt: str) -> Path:  # noqa: ANN001
    path = folder / f"export.{fmt}"
    if fmt == "xlsx":
        df.to_excel(path, index=False)
    elif fmt == "jsonl":
        df.to_json(path, orient="records", lines=True, force_ascii=False)
    elif fmt == "csv":
        df.to_csv(path, index=False)
    elif fmt == "tsv":
        df.to_csv(path, index=False, sep="\t")
    elif fmt == "parquet":
        df.to_parquet(path)
    return path


def read_rate(path: Path) -> tuple[int, float]:
    from analyzer.ingest import iter_inputs
    from analyzer.tables import TableSpec

    spec = TableSpec(text_column="Job Description", id_column="Req ID")
    start = time.perf_counter()
    n = sum(1 for _ in iter_inputs([path], table=spec))
    return n, time.perf_counter() - start


def result_key(line: bytes) -> bytes:
    """What must be equal across formats: id, score, band, gaps (``source`` names the file)."""
    r = json.loads(line)
    return json.dumps([r["id"], r.get("score"), r.get("band"), r.get("gaps")]).encode()


def main(argv: list[str] | None = None) -> str | None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--formats", default="jsonl,xlsx", help="formats scored (read rates: all five)")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    df = frame(args.rows)
    if df is None:
        return None
    chars = int(df["Job Description"].str.len().sum())
    with tempfile.TemporaryDirectory(prefix="jobfit-bench-") as tmp:
        folder = Path(tmp)
        paths = {fmt: write(df, folder, fmt) for fmt in ("jsonl", "xlsx", "csv", "tsv", "parquet")}
        reads = []
        for fmt, path in paths.items():
            n, seconds = read_rate(path)
            size = f"{path.stat().st_size / 2**20:.1f}"
            reads.append([fmt, size, n, f"{seconds:.2f}", round(n / seconds)])
        runs = {}
        for fmt in args.formats.split(","):
            runs[fmt] = run_score(
                paths[fmt], args.jobs, sample_memory=True, extra=COLUMNS, digest_of=result_key
            )
        base = runs.get("jsonl")
        rows = []
        for fmt, r in runs.items():
            rate = float(r["docs"]) / float(r["seconds"])
            ratio = rate / (float(base["docs"]) / float(base["seconds"])) if base else float("nan")
            rows.append([fmt, r["docs"], f"{float(r['seconds']):.1f}", round(rate), f"{ratio:.0%}",
                         round(float(r["peak_rss"]) / 2**20)])  # fmt: skip
        same = len({r["sha"] for r in runs.values()}) == 1
    out = [
        f"### Table inputs, {args.rows:,} postings ({chars / 1e6:.1f}M characters), "
        f"`jobfit score --jobs {args.jobs}`",
        "",
        table(["input", "documents", "seconds", "docs/s", "vs JSONL (baseline)", "peak RSS (MB)"], rows),
        "",
        f"identical ids, scores, bands and gaps across formats: {same}; goal: xlsx >= 80% of JSONL",
        "",
        "### Reading alone (no scoring)",
        "",
        table(["format", "file MB", "rows", "seconds", "rows/s"], reads),
    ]
    text = "\n".join(out)
    print(text)
    return text


if __name__ == "__main__":
    main()
