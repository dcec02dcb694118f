"""jobfit: offline, explainable analysis of resumes and job postings."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

# pandas and the pipeline load on first use, not at `import analyzer`.
_LAZY = {
    "score_frame": "frames",
    "gaps_frame": "frames",
    "score_and_gaps_frames": "frames",
}
__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
