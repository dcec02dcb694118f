"""``python -m cli`` and ``from cli import main`` in a source checkout.

The command line lives in :mod:`analyzer.cli`, so an installed jobfit puts nothing as generic
as ``cli`` at the top of site-packages; the ``jobfit`` script runs ``analyzer.cli:main``.
"""

from __future__ import annotations

from analyzer.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    main()
