"""Batch scoring: input order, same results for any number of workers or engine, error rows, store."""

from __future__ import annotations

import copy
import dataclasses
import io
import json
import os
import sys
from pathlib import Path

import pytest

import analyzer.batch as batch
from analyzer.batch import iter_batch, make_config, redact_record, resume_names, score_batch
from analyzer.document import Document
from analyzer.store import ResultStore

AS_OF = "2026-11"
RESUME = (
    "Jordan Blake\njordan.blake@example.com | +1 555 123 4567\n\nExperience\nIT Manager, Acme Corp\n"
    "Jan 2016 - Present\n- Led the help desk (ServiceNow, ITIL), IT budget and vendor management.\n"
    "- Ran Azure, Active Directory, firewalls and disaster recovery.\n\nEducation\n"
    "B.S. in Information Systems\n\nCertifications\nPMP, CompTIA Security+\n"
)
POSTING = (
    "IT Manager\n\nResponsibilities\n- Manage the help desk, cybersecurity and the IT budget.\n\n"
    "Requirements\n- 5+ years of IT management experience.\n- Bachelor's degree in Computer Science.\n"
    "- ITIL and AWS experience.\n"
)


def _corpus(tmp_path: Path) -> list[str]:
    """A directory of files (one unreadable) and a JSONL table (one bad row)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a_resume.txt").write_text(RESUME, encoding="utf-8")
    (docs / "b_broken.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf\n")
    (docs / "c_posting.txt").write_text(POSTING, encoding="utf-8")
    (docs / "d_empty.txt").write_bytes(b"")
    table = tmp_path / "rows.jsonl"
    rows = [{"id": f"r{i}", "text": (RESUME if i % 2 else POSTING) + f"\nref {i}\n"} for i in range(9)]
    lines = [json.dumps(r) for r in rows]
    lines.insert(4, "{not json")
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(docs), str(table)]


EXPECTED_IDS = ["a_resume", "b_broken", "c_posting", "d_empty", "r0", "r1", "r2", "r3", "line-5"] + [
    f"r{i}" for i in range(4, 9)
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return _corpus(tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="module")
def reference(corpus: list[str]) -> list[dict]:
    return list(score_batch(corpus, "it_manager", as_of=AS_OF))


def test_records_in_input_order_with_error_rows(reference: list[dict]) -> None:
    assert [r["id"] for r in reference] == EXPECTED_IDS
    errors = {r["id"]: r["error"]["code"] for r in reference if "error" in r}
    assert set(errors) == {"b_broken", "d_empty", "line-5"}
    assert errors["d_empty"] == "empty"
    for record in reference:
        if "error" not in record:
            assert 0 <= record["score"] <= 100
            assert record["competencies"]


def test_two_processes_small_chunks_equal_one(corpus: list[str], reference: list[dict]) -> None:
    config = make_config("it_manager", as_of=AS_OF)
    assert list(iter_batch(corpus, config, jobs=2, chunk_size=2)) == reference


def test_chunk_size_does_not_change_results(corpus: list[str], reference: list[dict]) -> None:
    config = make_config("it_manager", as_of=AS_OF)
    assert list(iter_batch(corpus, config, jobs=1, chunk_size=3)) == reference


def test_unexpected_exception_in_one_document_is_a_row(
    corpus: list[str], reference: list[dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    from analyzer.scoring import Scorer

    real = Scorer.score

    def flaky(self: Scorer, ext):  # noqa: ANN001, ANN202
        if ext.id == "r2":
            raise RuntimeError("boom " + ext.id * 3)
        return real(self, ext)

    monkeypatch.setattr(Scorer, "score", flaky)
    batch._WORKERS.clear()
    try:
        records = list(score_batch(corpus, "it_manager", as_of=AS_OF))
    finally:
        batch._WORKERS.clear()
    assert [r["id"] for r in records] == EXPECTED_IDS
    bad = next(r for r in records if r["id"] == "r2")
    assert bad["error"]["code"] == "internal"
    assert "RuntimeError" in bad["error"]["message"] and "boom" not in bad["error"]["message"]
    # Its chunk-mates were scored one by one and equal the clean run.
    assert [r for r in records if r["id"] != "r2"] == [r for r in reference if r["id"] != "r2"]


def test_store_skips_done_documents(
    corpus: list[str], reference: list[dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.sqlite"
    assert list(score_batch(corpus, "it_manager", as_of=AS_OF, store=path)) == reference
    with ResultStore(path) as store:
        assert store.count() == len([r for r in reference if "error" not in r])

    scored: list[str] = []
    real = batch._Worker.score_chunk

    def spy(self: batch._Worker, chunk):  # noqa: ANN001, ANN202
        scored.extend(batch.task_identity(t)[0] for _, t in chunk)
        return real(self, chunk)

    monkeypatch.setattr(batch._Worker, "score_chunk", spy)
    assert list(score_batch(corpus, "it_manager", as_of=AS_OF, store=path)) == reference
    # Only failures (never stored) go back to a worker.
    assert sorted(scored) == ["b_broken", "d_empty", "line-5"]
    # Another as_of is another result: nothing is reused.
    scored.clear()
    list(score_batch(corpus, "it_manager", as_of="2020-01", store=path))
    assert len(scored) == len(EXPECTED_IDS)
    # So is another statement model under the same jobfit version (a rebuilt model).
    scored.clear()
    monkeypatch.setattr("analyzer.competencies.model_digest", lambda: "another")
    list(score_batch(corpus, "it_manager", as_of=AS_OF, store=path))
    assert len(scored) == len(EXPECTED_IDS)


def test_stored_result_takes_the_new_documents_identity(tmp_path: Path) -> None:
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text(RESUME, encoding="utf-8")
    second.write_text(RESUME, encoding="utf-8")
    store = tmp_path / "s.sqlite"
    list(score_batch([str(first)], "it_manager", as_of=AS_OF, store=store))
    [record] = list(score_batch([str(second)], "it_manager", as_of=AS_OF, store=store))
    assert (record["id"], record["source"]) == ("two", str(second))


def test_streaming_reads_only_a_few_chunks_ahead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pulled = 0
    real = batch.iter_tasks

    def counting(inputs, table=None):  # noqa: ANN001, ANN202
        nonlocal pulled
        for task in real(inputs, table):
            pulled += 1
            yield task

    monkeypatch.setattr(batch, "iter_tasks", counting)
    table = tmp_path / "many.jsonl"
    table.write_text("".join(json.dumps({"id": f"d{i}", "text": POSTING}) + "\n" for i in range(60)))
    records = iter_batch([str(table)], make_config("it_manager", as_of=AS_OF), chunk_size=4)
    next(records)
    assert pulled <= 8
    assert sum(1 for _ in records) == 59


def test_kind_override_reaches_workers(corpus: list[str]) -> None:
    records = list(score_batch(corpus, "it_manager", as_of=AS_OF, kind="posting"))
    assert {r["kind"] for r in records if "error" not in r} == {"posting"}


def test_redaction_of_evidence_and_resume_name() -> None:
    assert resume_names(RESUME) == ("Jordan Blake",)
    assert resume_names("Summary: 10 years in IT\n") == ()
    record = {
        "competencies": [{"evidence": [{"text": "Jordan Blake, jordan.blake@example.com, +1 555 123 4567"}]}],
        "requirements": [{"evidence": [{"text": "see https://example.com/jb"}]}],
    }
    redact_record(record, ("Jordan Blake",))
    text = record["competencies"][0]["evidence"][0]["text"]
    assert "Jordan" not in text and "@" not in text and "555" not in text
    assert "example.com" not in record["requirements"][0]["evidence"][0]["text"]


def test_redact_option_changes_records_and_store_key(corpus: list[str]) -> None:
    plain = make_config("it_manager", as_of=AS_OF)
    redacted = make_config("it_manager", as_of=AS_OF, redact=True)
    assert plain.options != redacted.options
    records = list(iter_batch(corpus, redacted))
    expected = [
        redact_record(copy.deepcopy(r), resume_names(RESUME) if r.get("kind") == "resume" else ())
        for r in iter_batch(corpus, plain)
    ]
    assert records == expected


def test_negative_jobs_is_a_usage_error(corpus: list[str]) -> None:
    from analyzer.errors import UsageError

    with pytest.raises(UsageError):
        list(score_batch(corpus, "it_manager", jobs=-1))
    assert batch.resolve_jobs(0) >= 1


def test_dask_local_cluster_equals_local_engine(corpus: list[str], reference: list[dict]) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        records = list(
            score_batch(corpus, "it_manager", as_of=AS_OF, engine="dask", scheduler=cluster.scheduler_address)
        )
    assert records == reference


def test_plain_records_equal_to_dict_after_a_json_round_trip() -> None:
    from analyzer.extract import Extractor
    from analyzer.ingest import from_text
    from analyzer.output import plain
    from analyzer.profile import load_profile
    from analyzer.scoring import Scorer

    ext = Extractor(as_of=AS_OF).extract(from_text(RESUME, id="r"))
    result = Scorer(load_profile("it_manager"), as_of=AS_OF).score(ext)
    assert plain(result) == json.loads(json.dumps(result.to_dict()))
    assert ext.to_dict() == json.loads(json.dumps(ext.to_dict()))


class _Stderr(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("tty", [True, False])
def test_progress_bar_only_on_a_terminal(
    corpus: list[str], reference: list[dict], monkeypatch: pytest.MonkeyPatch, tty: bool
) -> None:
    err = _Stderr(tty)
    monkeypatch.setattr(sys, "stderr", err)
    assert list(score_batch(corpus, "it_manager", as_of=AS_OF, progress=True)) == reference
    shown = err.getvalue()
    if tty:
        # Counted first, so the bar has a total (and hence an ETA) and a rate.
        assert f"{len(EXPECTED_IDS)}/{len(EXPECTED_IDS)}" in shown and "doc/s" in shown
    else:
        assert shown == ""


@dataclasses.dataclass(frozen=True)
class _Crash(Document):
    """A document whose unpickling kills the worker process: a stand-in for a native crash."""

    def __reduce__(self):  # noqa: ANN204
        return (os._exit, (3,))


def test_a_document_that_kills_its_worker_costs_only_itself(
    reference: list[dict], corpus: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = batch.iter_tasks

    def with_crash(inputs, table=None):  # noqa: ANN001, ANN202
        for i, task in enumerate(real(inputs, table)):
            if i == 6:
                yield _Crash(id="crash", source="crash.txt", text="x")
            yield task

    monkeypatch.setattr(batch, "iter_tasks", with_crash)
    records = list(iter_batch(corpus, make_config("it_manager", as_of=AS_OF), jobs=2, chunk_size=3))
    crash = records.pop(6)
    assert crash["id"] == "crash" and crash["error"]["code"] == "worker_failed"
    assert records == reference
