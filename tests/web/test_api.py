"""The JSON API through FastAPI's TestClient: inputs, errors, limits, logs and the offline pages."""

from __future__ import annotations

import asyncio
import logging
import math
import re
import tempfile
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from analyzer import web
from analyzer.web import ApiError, WebSettings, create_app, evidence_context, read_submission
from tests.fixtures.documents import pdf_bytes
from tests.web.conftest import POSTING, RESUME

AS_OF = "2026-11"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(WebSettings(as_of=AS_OF))) as c:
        yield c


def error_of(response: Any) -> tuple[int, str]:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"] and "\n" not in body["error"]["message"]
    return response.status_code, body["error"]["code"]


# --------------------------------------------------------------------------- happy paths


def test_healthz(client: TestClient) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_profiles_lists_bundled_it_manager(client: TestClient) -> None:
    profiles = client.get("/api/profiles").json()["profiles"]
    it = next(p for p in profiles if p["id"] == "it_manager")
    assert it["default"] is True and it["competencies"]
    assert abs(sum(c["weight"] for c in it["competencies"]) - 1.0) < 0.01


def test_score_text_json(client: TestClient) -> None:
    r = client.post("/api/score", json={"text": RESUME, "kind": "resume"})
    assert r.status_code == 200
    d = r.json()
    assert d["profile"] == "it_manager" and d["against"] == "profile" and d["kind"] == "resume"
    assert 0 < d["score"] <= 100 and d["band"] in {"strong", "good", "fair", "weak"}
    assert {c["status"] for c in d["competencies"]} <= {"met", "partial", "missing"}
    assert any(c["status"] == "met" for c in d["competencies"])
    reqs = {r["id"]: r for r in d["requirements"]}
    assert reqs["education"]["found"] == "bachelor"
    # The context windows hold exactly the evidence words at the offsets the record gives.
    assert d["context"]
    for ctx in d["context"]:
        assert re.sub(r"\s+", " ", RESUME[ctx["start"] : ctx["end"]]) == ctx["match"]
        assert ctx["supports"]
    # The whole document is never sent back.
    assert RESUME not in r.text


def test_gaps_csv_export_has_the_cli_columns(client: TestClient) -> None:
    import csv

    from analyzer.exports import GAP_COLUMNS, gap_rows

    record = client.post("/api/score", json={"text": RESUME, "kind": "resume"}).json()
    r = client.post("/api/export/gaps", json=record)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(r.content.decode("utf-8-sig").splitlines()))
    assert rows and tuple(rows[0]) == GAP_COLUMNS
    # The same rows the command line writes for this record: gaps only, unless all=1.
    assert [x["item_id"] for x in rows] == [g["item_id"] for g in gap_rows(record)]
    assert all(x["status"] != "met" for x in rows)
    every = client.post("/api/export/gaps?all=1", json=record).content.decode("utf-8-sig")
    assert len(every.splitlines()) == 1 + len(record["competencies"]) + len(record["requirements"])
    for bad in ({"id": 3}, [1], {"id": "x", "competencies": [{"id": "a"}]}):
        assert error_of(client.post("/api/export/gaps", json=bad)) == (400, "bad_request")
    assert error_of(client.post("/api/export/gaps", content=b"{nope")) == (400, "bad_request")


def test_explain_a_statement(client: TestClient) -> None:
    statement = "Owned a $2.4M operating budget; hired and led 75 FTEs."
    r = client.post("/api/explain", json={"statement": statement, "areas": ["budgeting"], "top": 3})
    assert r.status_code == 200, r.text
    d = r.json()
    (reading,) = d["readings"]
    assert d["statement"] == statement and reading["id"] == "budgeting"
    assert reading["part"] == "clause" and reading["text"] == "Owned a $2.4M operating budget"
    # 3 terms, the rest, the bias: they add up to the probability.
    assert len(reading["contributions"]) == 5
    total = sum(c["weight"] for c in reading["contributions"])
    assert abs(1 / (1 + math.exp(-total)) - reading["p"]) < 2e-3
    bad = (
        {"statement": 3},
        {"text": statement},
        {"statement": statement, "areas": "budgeting"},
        {"statement": statement, "top": 0},
        {"statement": statement, "top": True},
        {"statement": statement, "areas": ["juggling"]},
        {"statement": "   "},
        {"statement": "x" * 2001},
    )
    for body in bad:
        assert error_of(client.post("/api/explain", json=body)) == (400, "bad_request"), body
    assert error_of(client.post("/api/explain", content=b"{nope")) == (400, "bad_request")


def test_score_names_the_closest_statement_of_a_missing_competency(client: TestClient) -> None:
    statement = "Coordinated the work of three contractors during the network refresh."
    text = f"Experience\n- {statement}\n- Fed the ducks at the pond.\n"
    d = client.post("/api/score", json={"text": text, "kind": "resume"}).json()
    status = {c["id"]: c["status"] for c in d["competencies"]}
    near = {n["id"]: n for n in d["near"]}
    assert status["infrastructure"] == "missing" and near["infrastructure"]["text"] == statement
    assert text[near["infrastructure"]["start"] : near["infrastructure"]["end"]] == statement
    assert near["infrastructure"]["p"] < near["infrastructure"]["threshold"]
    # Only missing competencies get one.
    assert all(status[i] == "missing" for i in near)


def test_score_pdf_upload(client: TestClient, resume_pdf: bytes) -> None:
    r = client.post(
        "/api/score", files={"file": ("casey.pdf", resume_pdf, "application/pdf")}, data={"kind": "resume"}
    )
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["source"] == "casey.pdf" and d["kind"] == "resume" and d["score"] > 30
    evidence = {e["text"] for c in d["competencies"] for e in c["evidence"]}
    assert {"Active Directory", "Azure"} <= evidence
    assert any(m["match"] == "Active Directory" for m in d["context"])


def test_score_docx_upload_matches_text(client: TestClient, resume_docx: bytes) -> None:
    r = client.post("/api/score", files={"file": ("casey.docx", resume_docx, "application/octet-stream")})
    assert r.status_code == 200, r.text
    as_text = client.post("/api/score", json={"text": RESUME}).json()
    assert r.json()["score"] == as_text["score"]


def test_type_from_content_not_name(client: TestClient, resume_pdf: bytes) -> None:
    r = client.post("/api/score", files={"file": ("resume.txt", resume_pdf, "text/plain")})
    assert r.status_code == 200, r.text
    d = r.json()
    assert any("content is PDF" in w for w in d["warnings"])
    assert any(c["status"] == "met" for c in d["competencies"])


def test_score_against_posting(client: TestClient) -> None:
    d = client.post("/api/score", data={"text": RESUME, "posting": POSTING}).json()
    assert d["against"] == "posting" and d["profile"].startswith("posting:")
    default = client.post("/api/score", data={"text": RESUME}).json()
    assert {c["id"] for c in d["competencies"]} != {c["id"] for c in default["competencies"]}
    # The posting asks for five years: the requirement is read from it, not from the profile.
    reqs = {r["id"]: r for r in d["requirements"]}
    assert reqs["total_years"]["required"] == ">= 5"
    # The points total the page shows beside a score at its floor.
    items = (*d["competencies"], *d["requirements"], *d["posting_items"])
    assert abs(d["total_points"] - sum(i["points"] for i in items)) < 0.01


def test_posting_without_known_skills_is_422(client: TestClient) -> None:
    r = client.post("/api/score", data={"text": RESUME, "posting": "Friendly team, nice office, free lunch."})
    assert error_of(r) == (422, "posting_no_skills")


def test_extract_multipart_text_field(client: TestClient) -> None:
    r = client.post("/api/extract", files={"text": (None, RESUME)})
    assert r.status_code == 200, r.text
    d = r.json()
    assert "method:itil" in {s["id"] for s in d["skills"]}
    assert d["chars"] == len(RESUME) and "text" not in d
    assert d["highest_education"] == "bachelor"


def test_unknown_profile_name_is_404_not_a_path(client: TestClient) -> None:
    r = client.post("/api/score", json={"text": RESUME, "profile": "/etc/passwd"})
    assert error_of(r) == (404, "no_profile")


# --------------------------------------------------------------------------- bad input


def test_oversize_upload_is_413() -> None:
    with TestClient(create_app(WebSettings(max_bytes=2000, as_of=AS_OF))) as small:
        r = small.post("/api/score", files={"file": ("big.txt", b"ITIL budget\n" * 1000, "text/plain")})
        assert error_of(r) == (413, "too_large")
        r = small.post("/api/score", json={"text": "x" * 5000})
        assert error_of(r)[0] == 413
        # Each field under the limit, but together more than a file and a posting: refused too.
        fields = {f"x{i}": (None, "y" * 1900) for i in range(4)}
        assert error_of(small.post("/api/score", files=fields)) == (413, "too_large")
        # Just under the limit is fine.
        assert small.post("/api/score", files={"file": ("ok.txt", b"ITIL budget\n" * 100)}).status_code == 200


class _FakeRequest:
    """A request whose body arrives in chunks; counts how many chunks were pulled."""

    def __init__(self, chunks: int, size: int) -> None:
        boundary = "b0undary"
        self.headers = {"content-type": f"multipart/form-data; boundary={boundary}"}
        self.head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        ).encode()
        self.chunks, self.size, self.pulled = chunks, size, 0

    async def stream(self) -> AsyncIterator[bytes]:
        yield self.head
        for _ in range(self.chunks):
            self.pulled += 1
            yield b"a" * self.size


def test_size_limit_checked_while_reading() -> None:
    request = _FakeRequest(chunks=1000, size=1024)  # 1 MB sent, no content-length
    with pytest.raises(ApiError) as info:
        asyncio.run(read_submission(request, WebSettings(max_bytes=10 * 1024)))  # type: ignore[arg-type]
    assert info.value.status == 413 and info.value.code == "too_large"
    assert request.pulled <= 11  # stopped at the limit, not after buffering everything


def test_declared_length_over_cap_refused_before_reading(client: TestClient) -> None:
    r = client.post(
        "/api/score",
        content=b"{}",
        headers={"content-type": "application/json", "content-length": str(10**9)},
    )
    assert error_of(r) == (413, "too_large")


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, (415, "unsupported")),
        ("resume.txt", b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02" * 200, (415, "unsupported")),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, (415, "unsupported")),
        ("resume.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 16, (422, "corrupt")),
        ("resume.pdf", b"just some words, no PDF header", (422, "corrupt")),
        ("empty.txt", b"", (422, "empty")),
        ("blank.txt", b"   \n\n  ", (422, "empty")),
    ],
)
def test_bad_files(client: TestClient, name: str, data: bytes, expected: tuple[int, str]) -> None:
    r = client.post("/api/score", files={"file": (name, data, "application/octet-stream")})
    assert error_of(r) == expected


def test_encrypted_pdf_is_422(client: TestClient) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption("secret", ownerPassword="owner", strength=128)
    r = client.post("/api/score", files={"file": ("locked.pdf", pdf_bytes(RESUME, encrypt=enc))})
    assert error_of(r) == (422, "encrypted")


def test_no_input_and_both_inputs(client: TestClient) -> None:
    assert error_of(client.post("/api/score", json={})) == (400, "no_input")
    # A browser sends an empty file part for an empty file input: that is no file.
    r = client.post("/api/score", files={"file": ("", b"", "application/octet-stream")})
    assert error_of(r) == (400, "no_input")
    r = client.post("/api/score", files={"file": ("a.txt", b"ITIL")}, data={"text": "ITIL"})
    assert error_of(r) == (400, "bad_request")
    assert error_of(client.post("/api/score", json={"text": "   "})) == (422, "empty")


def test_bad_bodies(client: TestClient) -> None:
    r = client.post("/api/score", content=b"ITIL", headers={"content-type": "text/plain"})
    assert error_of(r) == (415, "unsupported_media_type")
    r = client.post("/api/score", content=b"{not json", headers={"content-type": "application/json"})
    assert error_of(r) == (400, "bad_request")
    for body in (b"garbage", b"--xyz\r\nno colon here\r\n\r\nabc\r\n--xyz--\r\n"):
        multipart = {"content-type": "multipart/form-data; boundary=xyz"}
        r = client.post("/api/score", content=body, headers=multipart)
        assert error_of(r) == (400, "bad_request")
    r = client.post("/api/score", content=b"a", headers={"content-type": "multipart/form-data"})
    assert error_of(r) == (400, "bad_request")
    r = client.post("/api/score", json=["text"])
    assert error_of(r) == (400, "bad_request")
    assert error_of(client.post("/api/score", json={"text": RESUME, "kind": "cv"})) == (400, "bad_request")
    assert error_of(client.get("/api/nothing")) == (404, "not_found")
    assert error_of(client.get("/api/score")) == (405, "method_not_allowed")


# --------------------------------------------------------------------------- time limit, concurrency


class _Blocker:
    """Stands in for the analysis: blocks its worker thread until released."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.entered = threading.Event()

    def __call__(self, *_args: Any, **_kwargs: Any) -> dict[str, Any]:
        self.entered.set()
        self.release.wait(30)
        return {"ok": True}


def test_time_limit_504_and_slot_held_until_work_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = _Blocker()
    monkeypatch.setattr(web, "analyse", blocker)
    settings = WebSettings(timeout_s=0.2, concurrency=1, queue_wait_s=0.0, as_of=AS_OF)
    with TestClient(create_app(settings)) as c:
        try:
            assert error_of(c.post("/api/score", json={"text": "ITIL"})) == (504, "timeout")
            # The abandoned thread still runs: its slot stays taken, so the bound holds.
            assert c.get("/healthz").json()["busy"] == 1
            assert error_of(c.post("/api/score", json={"text": "ITIL"})) == (503, "busy")
        finally:
            blocker.release.set()
        for _ in range(200):
            if c.get("/healthz").json()["busy"] == 0:
                break
            threading.Event().wait(0.01)
        assert c.get("/healthz").json()["busy"] == 0


def test_busy_503_while_all_slots_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = _Blocker()
    monkeypatch.setattr(web, "analyse", blocker)
    settings = WebSettings(timeout_s=30, concurrency=1, queue_wait_s=0.0, as_of=AS_OF)
    with TestClient(create_app(settings)) as c:
        results: list[int] = []
        first = threading.Thread(
            target=lambda: results.append(c.post("/api/score", json={"text": "a"}).status_code)
        )
        first.start()
        try:
            assert blocker.entered.wait(10)
            assert error_of(c.post("/api/extract", json={"text": "b"})) == (503, "busy")
        finally:
            blocker.release.set()
            first.join(10)
        assert results == [200]


# --------------------------------------------------------------------------- privacy


def test_no_document_text_or_file_name_in_logs(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    secret = "Zebraquartz Wollstonecraft ITIL budgeting"
    with caplog.at_level(logging.DEBUG):
        client.post("/api/score", files={"file": ("Private_Person_CV.txt", secret.encode())})
        client.post("/api/score", json={"text": secret}, params={"q": "Zebraquartz"})
        client.post("/api/score", files={"file": ("Private_Person_CV.pdf", b"%PDF-1.4 Zebraquartz")})
    # Server-side records only (the test's own HTTP client logs its URLs).
    logged = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore")))
    assert "POST /api/score 200" in logged and "POST /api/score 422" in logged
    assert "Zebraquartz" not in logged and "Private_Person" not in logged


def test_uploads_never_touch_disk(monkeypatch: pytest.MonkeyPatch, client: TestClient) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("an upload was about to be written to disk")

    for name in ("SpooledTemporaryFile", "TemporaryFile", "NamedTemporaryFile", "mkstemp"):
        monkeypatch.setattr(tempfile, name, refuse)
    import starlette.formparsers

    monkeypatch.setattr(starlette.formparsers, "SpooledTemporaryFile", refuse, raising=False)
    big = (RESUME + "\n") * 2500  # ~1.7 MB: over the size where Starlette would spool to disk
    r = client.post("/api/extract", files={"file": ("big.txt", big.encode(), "text/plain")})
    assert r.status_code == 200, r.text


# --------------------------------------------------------------------------- pages


def test_pages_are_offline_and_have_security_headers(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    html = page.text
    assert '<input type="file" id="file"' in html and '<label for="file"' in html
    assert 'aria-live="polite"' in html
    # Offline: nothing loaded from another origin (no CDN scripts, fonts or styles).
    remote = re.compile(
        r"""(src|href)\s*=\s*["']?\w+://|url\(\s*["']?\w+://|@import|fetch\(\s*["']\w+://""", re.I
    )
    for asset in ("/", "/static/app.js", "/static/app.css", "/static/docs.js", "/docs"):
        r = client.get(asset)
        assert r.status_code == 200 and not remote.search(r.text), asset
    assert error_of(client.get("/static/../web.py"))[0] == 404


def test_openapi_describes_endpoints_and_upload(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = ("/api/score", "/api/extract", "/api/explain", "/api/export/gaps", "/api/profiles", "/healthz")
    for path in paths:
        assert path in spec["paths"]
    body = spec["paths"]["/api/score"]["post"]["requestBody"]["content"]
    assert "file" in body["multipart/form-data"]["schema"]["properties"]
    assert "swagger" not in client.get("/docs").text.lower()


def test_evidence_context_windows() -> None:
    text = "A" * 200 + " led ITIL\nadoption " + "B" * 200
    start = text.index("ITIL")
    record = {
        "competencies": [{"name": "Service", "evidence": [{"start": start, "end": start + 4}]}],
        "requirements": [{"name": "Bad", "evidence": [{"start": 5, "end": 10_000}]}],  # outside: dropped
    }
    [ctx] = evidence_context(record, text, chars=10)
    assert ctx["match"] == "ITIL" and ctx["supports"] == ["Service"]
    assert ctx["before"] == "\u2026AAAAA led " and ctx["after"] == " adoption\u2026"


def test_page_credits_the_data_sources(client) -> None:
    page = client.get("/").text
    assert "O*NET 29.3" in page and "CC BY 4.0" in page and "ESCO" in page


def test_a_component_failing_on_a_document_is_a_json_error_not_an_unhandled_500(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from analyzer import statements

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(statements, "find_statements", broken)
    response = client.post("/api/score", data={"text": RESUME})
    assert error_of(response) == (500, "internal")
    assert RESUME[:30] not in response.text  # no document text in the answer
