from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.mini_lexicon import write_mini_lexicon


@pytest.fixture(scope="session")
def mini_lexicon_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(write_mini_lexicon(Path(tmp_path_factory.mktemp("lexicon"))))
