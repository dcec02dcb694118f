"""Helpers shared by the benchmarks: where ../shared is, JSON Lines, and markdown tables."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("JOBFIT_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path | None:
    """A path under ../shared, or None (with a note) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        print(f"skipped: {path} not found (benchmarks read ../shared/dev)", file=sys.stderr)
        return None
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON Lines file, blank lines skipped. Split on "\\n" only, not
    ``str.splitlines``: a text field may hold U+2028, which is no record break."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    def cell(v: object) -> str:
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
