"""Limits added to ingest for hostile input: text length and zip bombs in any DOCX member."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from analyzer import errors, ingest
from analyzer.errors import IngestError
from analyzer.ingest import from_text, iter_inputs, load_bytes, load_file


def _code(fn, *args, **kw) -> str:  # noqa: ANN001, ANN002, ANN003
    with pytest.raises(IngestError) as info:
        fn(*args, **kw)
    assert "\n" not in str(info.value)
    return info.value.code


def test_text_longer_than_the_pipeline_limit_is_too_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: a 10 MB text passed ingest and spaCy's max_length stopped the whole batch.
    monkeypatch.setattr(ingest, "MAX_TEXT_CHARS", 1000)
    long = "IT manager. " * 100
    assert _code(from_text, long) == errors.TOO_LARGE
    assert _code(load_bytes, long.encode(), name="a.txt") == errors.TOO_LARGE
    assert _code(load_bytes, f"<html><p>{long}</p></html>".encode(), name="a.html") == errors.TOO_LARGE
    assert from_text("IT manager. " * 50).text  # under the limit: unchanged
    table = tmp_path / "rows.jsonl"
    rows_text = [json.dumps({"id": "a", "text": long}), json.dumps({"id": "b", "text": "short"})]
    table.write_text("\n".join(rows_text) + "\n", encoding="utf-8")
    rows = list(iter_inputs([table]))
    assert [getattr(r, "code", "ok") for r in rows] == [errors.TOO_LARGE, "ok"]


def test_default_limit_is_within_the_pipeline_limit(mini_lexicon_dir: str) -> None:
    from analyzer.pipeline import shared_nlp

    assert ingest.MAX_TEXT_CHARS <= shared_nlp(mini_lexicon_dir).max_length


def _docx_with(member: str, payload: bytes) -> bytes:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            zf.writestr(info.filename, payload if info.filename == member else src.read(info.filename))
    return out.getvalue()


def test_docx_bomb_outside_the_body_is_rejected_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: only word/document.xml was checked; python-docx loads styles/media into memory.
    monkeypatch.setattr(ingest, "DOCX_MAX_TOTAL_BYTES", 200_000)
    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx_with("word/styles.xml", b" " * 300_000))
    assert _code(load_file, path) == errors.TOO_LARGE
