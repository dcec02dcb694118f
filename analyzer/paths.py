"""Where jobfit's bundled files are, installed or in a source checkout."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

# The repository keeps the built models in models/ beside analyzer/; installed, they are this
# package (pyproject's package-dir), so nothing as generic as "models" lands in site-packages.
MODELS_PACKAGE = "analyzer.models"


@lru_cache(maxsize=1)
def models_dir() -> Path:
    """The bundled models: role profiles, the statement recogniser and its training labels.

    Cached: where a package lies does not change while a process runs, and the statement
    recogniser asks for it on every document (to see whether its file was rebuilt)."""
    try:
        return Path(str(resources.files(MODELS_PACKAGE)))
    except ModuleNotFoundError:
        # A source checkout used without installing it: models/ sits beside analyzer/.
        return Path(__file__).resolve().parent.parent / "models"
