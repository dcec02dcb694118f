"""Measure time and peak memory per hostile input, for docs/limits.md (not a test).

    .venv/bin/python -m tests.robustness.measure

Each case runs in a fresh process (so peak RSS is that case's) under a 2 GB address-space
limit: read + extract + score, as ``jobfit score`` does it.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.robustness.corpus import RESUME, build_corpus

GB = 1024**3
CHILD = r"""
import json, resource, sys, time
from analyzer.errors import JobfitError
from analyzer.extract import Extractor
from analyzer.ingest import load_file
from analyzer.profile import load_profile
from analyzer.scoring import Scorer
extractor = Extractor(as_of="2026-11")
scorer = Scorer(load_profile("it_manager", check=False), as_of="2026-11")
extractor.extract(load_file(sys.argv[2]))  # warm: build the pipeline outside the timing
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
try:
    doc = load_file(sys.argv[1])
    result = scorer.score(extractor.extract(doc))
    outcome = f"scored {result.score} ({len(doc.text):,} chars)"
except JobfitError as err:
    outcome = f"{err.code}"
elapsed = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"ms": round(elapsed * 1000, 1), "peak_mb": round(peak / 1024),
                  "base_mb": round(base / 1024),
                  "outcome": outcome}))
"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * GB, 2 * GB))


def _dense_pdf(path: Path, pages: int) -> None:
    """60 lines of text on every page: the realistic worst case of a long PDF."""
    from reportlab.pdfgen import canvas

    lines = [line for line in RESUME.splitlines() if line]
    c = canvas.Canvas(str(path))
    for p in range(pages):
        for i in range(60):
            c.setFont("Helvetica", 9)
            c.drawString(40, 800 - 12.5 * i, f"{lines[(p + i) % len(lines)]} - line {i} of page {p}")
        c.showPage()
    c.save()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = build_corpus(Path(tmp) / "corpus")
        near = Path(tmp) / "near_limit.txt"
        from analyzer.ingest import MAX_TEXT_CHARS

        near.write_text((RESUME * (MAX_TEXT_CHARS // len(RESUME)))[: MAX_TEXT_CHARS - 1], encoding="utf-8")
        paths["near_limit_2M_chars.txt"] = near
        dense = Path(tmp) / "dense_500_pages.pdf"
        _dense_pdf(dense, 500)
        paths["dense_500_pages.pdf"] = dense
        warm = paths["good_resume.txt"]
        print(f"{'case':<30} {'ms':>9} {'peak MB':>8} {'(base)':>7}  outcome")
        for name, path in paths.items():
            proc = subprocess.run(
                [sys.executable, "-c", CHILD, str(path), str(warm)],
                capture_output=True,
                text=True,
                timeout=600,
                preexec_fn=_limit,
            )
            if proc.returncode:
                print(f"{name:<30} FAILED rc={proc.returncode}: {proc.stderr.strip()[-200:]}")
                continue
            r = json.loads(proc.stdout)
            print(f"{name:<30} {r['ms']:>9} {r['peak_mb']:>8} {r['base_mb']:>7}  {r['outcome']}")


if __name__ == "__main__":
    main()
