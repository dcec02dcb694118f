"""Run every benchmark that has its data in ../shared/dev and print the tables for the README.

python -m benchmarks.run_all
"""

from __future__ import annotations

import importlib
import sys

MODULES = (
    "benchmarks.bench_skillspan",
    "benchmarks.bench_statements",
    "benchmarks.bench_extract",
    "benchmarks.bench_pdf",
    "benchmarks.bench_livecareer",
    "benchmarks.bench_postings",
    "benchmarks.bench_posting_items",
    "benchmarks.bench_against_posting",
    "benchmarks.bench_kind",
    "benchmarks.bench_batch",
    "benchmarks.bench_tables",
    "benchmarks.bench_web",
)


def main() -> None:
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            print(f"## {name}: not available ({exc})", file=sys.stderr)
            continue
        print(f"\n## {name}\n", flush=True)
        module.main([])


if __name__ == "__main__":
    main()
