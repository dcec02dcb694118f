"""The bad-input corpus through the web API (skipped when the web app is not there)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.robustness.corpus import MARKER, Case, cases

web = pytest.importorskip("analyzer.web")
pytest.importorskip("fastapi")
if not hasattr(web, "create_app"):
    pytest.skip("analyzer.web has no create_app", allow_module_level=True)

CASES = cases()


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from fastapi.testclient import TestClient

    with TestClient(web.create_app(web.WebSettings(as_of="2026-11"))) as c:
        yield c


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_upload(client: Any, corpus: dict[str, Path], case: Case, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    data = corpus[case.name].read_bytes()
    r = client.post("/api/score", files={"file": (case.name, data, "application/octet-stream")})
    body = r.json()
    if case.ok:
        assert r.status_code == 200, body
        assert 0 <= body["score"] <= 100
    else:
        assert 400 <= r.status_code < 500, body
        assert set(body) == {"error"}
        assert case.code is not None and body["error"]["code"] in case.code
        message = body["error"]["message"]
        assert message and "\n" not in message and MARKER not in message
    assert "Traceback" not in caplog.text and MARKER not in caplog.text
