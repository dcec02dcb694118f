from __future__ import annotations

from pathlib import Path

import pytest

from tests.robustness.corpus import build_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every bad-input case, built once per session (about 1 s, 12 MB on disk)."""
    return build_corpus(tmp_path_factory.mktemp("corpus"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes seconds; still part of `make test`")
