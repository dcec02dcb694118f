"""The upload page and JSON API behind ``jobfit serve``.

Safety choices, each for a reason:

* Uploads are parsed from the request stream by our own multipart reader, in memory only:
  Starlette's form parser spools files over 1 MB to a temporary file on disk, and a resume must
  never touch the disk. The size limit is checked on every chunk, so an oversized upload is
  refused (413) after reading at most the limit, never buffered whole.
* The type comes from the content (``analyzer.ingest.load_bytes`` sniffs magic bytes); the file
  name only names the document.
* Analysis runs in a bounded thread pool. A request waits briefly for a free slot, then gets 503;
  a request that runs longer than the time limit gets 504. Python cannot stop a thread, so a slot
  is freed only when its work really ends: the bound on concurrent work always holds.
* Logs carry method, path, status, size and duration: never a document's text, a file name or a
  query string (uvicorn's own access log is off, it would print query strings).
* Every error is JSON: ``{"error": {"code": ..., "message": ...}}``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import json
import logging
import re
import time
import urllib.parse
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, cast

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .document import Document, Kind
from .errors import (
    BAD_REQUEST,
    BUSY,
    CORRUPT,
    EMPTY,
    ENCRYPTED,
    INTERNAL,
    NO_INPUT,
    NO_PROFILE,
    NOT_FOUND,
    READ_TIMEOUT,
    SCANNED,
    SHUTTING_DOWN,
    TOO_LARGE,
    UNSUPPORTED,
    AnalysisError,
    IngestError,
    JobfitError,
    LexiconError,
    ModelError,
    ProfileError,
    UsageError,
)

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

__all__ = ["ApiError", "WebSettings", "create_app", "evidence_context", "run"]

log = logging.getLogger("jobfit.web")

MB = 1024 * 1024
CONTEXT_CHARS = 80
MAX_CONTEXT = 80
MAX_PARTS = 8
# Multipart headers, boundaries and the small fields around the file.
FORM_OVERHEAD = 64 * 1024
SOURCE_MAX = 120

# IngestError codes -> HTTP status. Everything else an ingest can say is a 422 (we understood
# the request, the document cannot be analysed).
STATUS_OF_CODE = {TOO_LARGE: 413, UNSUPPORTED: 415, EMPTY: 422, CORRUPT: 422, ENCRYPTED: 422, SCANNED: 422}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


@dataclass(frozen=True)
class WebSettings:
    """Limits of one server. The defaults suit a laptop serving a few people."""

    max_bytes: int = 10 * MB  # per uploaded file and per text field
    timeout_s: float = 20.0  # per request, for reading, extracting and scoring
    concurrency: int = 4  # analyses running at once
    queue_wait_s: float = 5.0  # how long a request may wait for a free slot before 503
    read_timeout_s: float = 60.0  # for receiving the whole request body (slow senders)
    as_of: str | None = None  # YYYY-MM that "Present" means; None: this month
    profile: str = "it_manager"  # the bundled profile scored against without a posting

    def __post_init__(self) -> None:
        if self.max_bytes <= 0 or self.timeout_s <= 0 or self.concurrency < 1 or self.queue_wait_s < 0:
            raise JobfitError("web limits must be positive", code="usage")


class ApiError(Exception):
    """An error a client caused or must know about; rendered as the JSON error shape."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def _error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _from_ingest(err: IngestError) -> ApiError:
    return ApiError(STATUS_OF_CODE.get(err.code, 422), err.code, err.message)


# --------------------------------------------------------------------------- request input


@dataclass(frozen=True)
class Submission:
    """What a client sent: an uploaded file or text, and optional scoring options."""

    data: bytes | None = None
    filename: str = "upload"
    text: str | None = None
    posting: str | None = None
    kind: Kind | None = None
    profile: str | None = None


def _clean_source(name: str) -> str:
    """A safe document name from a client's file name: last path part, printable, short."""
    base = PurePath(name.replace("\\", "/")).name
    base = re.sub(r"[^\w .()+@-]", "_", base).strip(" .") or "upload"
    return base[-SOURCE_MAX:]


class _MultipartCollector:
    """Collect multipart parts in memory while parsing, enforcing limits per part."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.parts: dict[str, tuple[str | None, bytearray]] = {}
        self._count = 0
        self._header_field = bytearray()
        self._header_value = bytearray()
        self._headers: dict[bytes, bytes] = {}
        self._current: bytearray | None = None
        self._name = ""
        self._filename: str | None = None

    def callbacks(self) -> MultipartCallbacks:
        return {
            "on_part_begin": self._part_begin,
            "on_part_data": self._part_data,
            "on_header_field": lambda d, s, e: self._header_field.extend(d[s:e]),
            "on_header_value": lambda d, s, e: self._header_value.extend(d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
        }

    def _part_begin(self) -> None:
        self._count += 1
        if self._count > MAX_PARTS:
            raise ApiError(400, BAD_REQUEST, f"too many form fields (at most {MAX_PARTS})")
        self._headers = {}
        self._current = None

    def _header_end(self) -> None:
        self._headers[bytes(self._header_field).lower()] = bytes(self._header_value)
        self._header_field.clear()
        self._header_value.clear()

    def _headers_finished(self) -> None:
        from python_multipart.multipart import parse_options_header

        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._name = options.get(b"name", b"").decode("utf-8", "replace")
        raw_filename = options.get(b"filename")
        self._filename = None if raw_filename is None else raw_filename.decode("utf-8", "replace")
        self._current = bytearray()
        # A repeated field keeps its first value; later ones are read and dropped within limits.
        self.parts.setdefault(self._name, (self._filename, self._current))

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        assert self._current is not None
        if len(self._current) + (end - start) > self.max_bytes:
            what = "file" if self._filename is not None else f"field {self._name!r}"
            raise ApiError(413, TOO_LARGE, f"{what} too large (more than {self.max_bytes / MB:.1f} MB)")
        self._current.extend(data[start:end])


def _json_body(body: bytes, empty: bytes = b"null") -> Any:
    try:
        return json.loads(body or empty)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(400, BAD_REQUEST, "body is not valid JSON") from None


async def _read_body(
    request: Request, cap: int, limit: int, on_chunk: Callable[[bytes], object] | None = None
) -> bytes:
    """The request body, refused with 413 as soon as it passes ``cap`` bytes."""
    declared = request.headers.get("content-length")
    too_large = f"request too large (the limit is {limit / MB:.1f} MB per file or text field)"
    if declared and declared.isdigit() and int(declared) > cap:
        raise ApiError(413, TOO_LARGE, too_large)
    body = bytearray()
    seen = 0
    async for chunk in request.stream():
        if not chunk:
            continue
        seen += len(chunk)
        if seen > cap:
            raise ApiError(413, TOO_LARGE, too_large)
        if on_chunk is not None:
            on_chunk(chunk)  # the multipart parser keeps what it needs, with per-part limits
        else:
            body.extend(chunk)
    return bytes(body)


def _text_field(value: Any, name: str, max_bytes: int) -> str | None:
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8", "replace")
    if not isinstance(value, str):
        raise ApiError(400, BAD_REQUEST, f"field {name!r} must be text")
    if len(value.encode("utf-8")) > max_bytes:
        raise ApiError(413, TOO_LARGE, f"field {name!r} too large (more than {max_bytes / MB:.1f} MB)")
    return value


async def read_submission(request: Request, settings: WebSettings) -> Submission:
    """Parse a multipart upload, a urlencoded form or a JSON body into a :class:`Submission`."""
    content_type = request.headers.get("content-type", "")
    media = content_type.split(";", 1)[0].strip().lower()
    limit = settings.max_bytes
    cap = 2 * limit + min(FORM_OVERHEAD, limit)  # a file and a posting, each up to the limit
    fields: dict[str, Any] = {}
    data: bytes | None = None
    filename = "upload"
    if media == "multipart/form-data":
        from python_multipart.exceptions import FormParserError
        from python_multipart.multipart import MultipartParser, parse_options_header

        _, options = parse_options_header(content_type)
        boundary = options.get(b"boundary")
        if not boundary:
            raise ApiError(400, BAD_REQUEST, "multipart body without a boundary")
        collector = _MultipartCollector(limit)
        parser = MultipartParser(boundary, collector.callbacks())
        try:
            await _read_body(request, cap, limit, on_chunk=parser.write)
            parser.finalize()
        except FormParserError:
            raise ApiError(400, BAD_REQUEST, "malformed multipart body") from None
        for name, (part_filename, value) in collector.parts.items():
            if part_filename is not None:
                # Browsers send an empty part for a file input left empty: that is "no file".
                if name == "file" and (value or part_filename):
                    data, filename = bytes(value), part_filename or "upload"
            else:
                fields[name] = bytes(value)
    elif media == "application/json":
        body = await _read_body(request, cap, limit)
        parsed = _json_body(body, b"{}")
        if not isinstance(parsed, dict):
            raise ApiError(400, BAD_REQUEST, "JSON body must be an object")
        fields = parsed
    elif media == "application/x-www-form-urlencoded":
        body = await _read_body(request, cap, limit)
        try:
            pairs = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=16)
        except (UnicodeDecodeError, ValueError):
            raise ApiError(400, BAD_REQUEST, "form body is not valid") from None
        for key, pair_value in pairs:
            fields.setdefault(key, pair_value)
    else:
        raise ApiError(
            415,
            "unsupported_media_type",
            "send multipart/form-data (field 'file' or 'text'), a urlencoded form or JSON",
        )
    text = _text_field(fields.get("text"), "text", limit)
    posting = _text_field(fields.get("posting"), "posting", limit)
    kind = _text_field(fields.get("kind"), "kind", 64) or None
    profile = _text_field(fields.get("profile"), "profile", 256) or None
    if kind not in (None, "resume", "posting"):
        raise ApiError(400, BAD_REQUEST, "kind must be 'resume' or 'posting'")
    if data is not None and text and text.strip():
        raise ApiError(400, BAD_REQUEST, "send a file or text, not both")
    if data is None and text is None:
        raise ApiError(400, NO_INPUT, "no document: send a file (field 'file') or text (field 'text')")
    return Submission(
        data=data,
        filename=_clean_source(filename),
        text=text,
        posting=posting if posting and posting.strip() else None,
        kind=cast("Kind | None", kind),  # checked above: None, "resume" or "posting"
        profile=profile,
    )


# --------------------------------------------------------------------------- analysis (worker thread)


def evidence_context(
    record: dict[str, Any], text: str, *, chars: int = CONTEXT_CHARS, limit: int = MAX_CONTEXT
) -> list[dict[str, Any]]:
    """Each evidence span once, in document order: the words around it and what it supports
    (:func:`analyzer.evidence.evidence_context`, as the HTML report shows them).

    Only this much of the text leaves the server: the client highlights evidence without
    ever receiving the whole document.
    """
    from .evidence import evidence_context as context

    return context(record, text, chars=chars, limit=limit)


def score_record_from(body: bytes) -> dict[str, Any]:
    """A score record sent back by the page, checked for what the gaps export reads."""
    record = _json_body(body)
    fields = ("id", "name", "status", "points")

    def items_ok(items: Any) -> bool:
        return isinstance(items, list) and all(
            isinstance(item, dict) and all(f in item for f in fields) for item in items
        )

    ok = (
        isinstance(record, dict)
        and isinstance(record.get("id"), str)
        and isinstance(record.get("source", ""), str)
        and all(items_ok(record.get(group, [])) for group in ("competencies", "requirements"))
    )
    if not ok:
        raise ApiError(400, BAD_REQUEST, "not a score record (send what /api/score returned)")
    record.setdefault("source", "")
    record.pop("error", None)  # a record the page scored is never an error row
    return record


# One statement, not a document: a bullet or a sentence is far shorter.
MAX_STATEMENT_CHARS = 2000


def explain_request_from(body: bytes) -> tuple[str, tuple[str, ...] | None, int]:
    """``{"statement": text, "areas": [ids] (optional), "top": n (optional)}``, checked."""
    request = _json_body(body)
    if not isinstance(request, dict) or not isinstance(request.get("statement"), str):
        raise ApiError(400, BAD_REQUEST, 'send {"statement": "text"} (optional "areas", "top")')
    statement = request["statement"]
    if len(statement) > MAX_STATEMENT_CHARS:
        raise ApiError(400, BAD_REQUEST, f"a statement is at most {MAX_STATEMENT_CHARS} characters")
    areas = request.get("areas")
    if areas is not None and not (isinstance(areas, list) and all(isinstance(a, str) for a in areas)):
        raise ApiError(400, BAD_REQUEST, '"areas" is a list of area ids')
    top = request.get("top", 8)
    if not isinstance(top, int) or isinstance(top, bool) or not 1 <= top <= 100:
        raise ApiError(400, BAD_REQUEST, '"top" is a whole number from 1 to 100')
    return statement, (tuple(areas) if areas else None), top


def explain_answer(statement: str, areas: tuple[str, ...] | None, top: int) -> dict[str, Any]:
    """The readings of ``explain_statement`` as JSON (those `jobfit model explain` prints); a
    bad area or an empty statement is a 400."""
    from .competencies import load_model
    from .explain import explain_statement
    from .output import plain
    from .statements import normalise

    try:
        readings = explain_statement(load_model(), statement, areas, top)
    except UsageError as err:
        raise ApiError(400, BAD_REQUEST, err.message) from None
    return {"statement": normalise(statement), "readings": plain(readings)}


def _document(sub: Submission, settings: WebSettings) -> Document:
    from .ingest import from_text, load_bytes

    if sub.data is not None:
        doc = load_bytes(sub.data, name=sub.filename, max_bytes=settings.max_bytes)
    else:
        doc = from_text(sub.text or "", id="text", source="pasted text")
    return dataclasses.replace(doc, kind=sub.kind) if sub.kind else doc


def _profile(sub: Submission, settings: WebSettings, extractor: Any) -> Any:
    from .ingest import from_text
    from .profile import bundled_profiles, load_profile, posting_profile

    if sub.posting is not None:
        # A JobfitError here (unreadable posting, nothing jobfit knows) is a 422 in analyse().
        return posting_profile(from_text(sub.posting, id="posting", source="pasted posting"), extractor)
    name = sub.profile or settings.profile
    # Only bundled names: a path would let a client make the server read its files.
    if name not in bundled_profiles():
        raise ApiError(404, NO_PROFILE, f"no bundled profile {name!r} (see GET /api/profiles)")
    return load_profile(name)


def analyse(sub: Submission, settings: WebSettings, *, score: bool) -> dict[str, Any]:
    """Ingest, extract and (optionally) score one submission. Runs in a worker thread."""
    from .extract import Extractor
    from .scoring import Scorer

    try:
        doc = _document(sub, settings)
        extractor = Extractor(as_of=settings.as_of)
        ext = extractor.extract(doc)
        if not score:
            record = ext.to_dict()
            record["chars"] = len(doc.text)
            return record
        prof = _profile(sub, settings, extractor)
    except IngestError as err:
        raise _from_ingest(err) from None
    except (ProfileError, LexiconError, ModelError, AnalysisError) as err:
        # The server's own data is stale or missing, or a component failed on this document:
        # not the client's fault, and still a JSON answer with a code.
        raise ApiError(500, err.code, err.message) from None
    except JobfitError as err:
        raise ApiError(422, err.code, err.message) from None
    record = Scorer(prof, as_of=extractor.as_of).score(ext).to_dict()
    record["against"] = "posting" if sub.posting is not None else "profile"
    record["context"] = evidence_context(record, doc.text)
    record["names"] = display_names(record)
    record["near"] = near_misses_of(record, ext)
    return record


def near_misses_of(record: dict[str, Any], ext: Any) -> list[dict[str, Any]]:
    """For each missing competency, the statement of the document closest to showing it, when
    one reads ``explain.NEAR_FLOOR`` or more (``explain.near_misses``): one sentence of the
    person's own document, as the evidence context is."""
    from .competencies import load_model
    from .explain import near_misses
    from .output import plain

    missing = [c["id"] for c in record.get("competencies", []) if c["status"] == "missing"]
    return list(plain(near_misses(load_model(), ext.statements, missing)))


def display_names(record: dict[str, Any]) -> dict[str, Any]:
    """What the page shows a person for the record's ids and codes (education levels,
    certification ids), named by the same helpers as the table and the HTML report."""
    from .profile import level_name
    from .reports import certification_names, requirement_value

    education = record.get("highest_education")
    return {
        "highest_education": level_name(education) if education else None,
        "certifications": certification_names(list(record.get("certifications") or [])),
        "requirements": {
            r["id"]: [requirement_value(r, "required"), requirement_value(r, "found")]
            for r in record.get("requirements") or []
        },
    }


# --------------------------------------------------------------------------- bounded worker pool


@dataclass
class _Pool:
    settings: WebSettings
    executor: concurrent.futures.ThreadPoolExecutor | None = None
    slots: asyncio.Semaphore | None = None
    busy: int = 0
    served: int = 0
    _loop: asyncio.AbstractEventLoop | None = field(default=None, repr=False)

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self.slots = asyncio.Semaphore(self.settings.concurrency)
        self.executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=self.settings.concurrency, thread_name_prefix="jobfit-web"
        )

    def stop(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)

    async def run(self, func: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if self.slots is None or self.executor is None or self._loop is None:
            self.start()
        assert self.slots is not None and self.executor is not None and self._loop is not None
        try:
            await asyncio.wait_for(self.slots.acquire(), timeout=self.settings.queue_wait_s or 0.001)
        except asyncio.TimeoutError:
            raise ApiError(503, BUSY, "the server is busy; try again in a moment") from None
        loop, slots = self._loop, self.slots
        self.busy += 1

        def release(_: concurrent.futures.Future[Any]) -> None:
            # Runs in the worker thread when the work really ends, timed out or not.
            def free() -> None:
                self.busy -= 1
                slots.release()

            loop.call_soon_threadsafe(free)

        try:
            future = self.executor.submit(func)
        except RuntimeError:
            self.busy -= 1
            slots.release()
            raise ApiError(503, SHUTTING_DOWN, "the server is shutting down") from None
        future.add_done_callback(release)
        try:
            result = await asyncio.wait_for(asyncio.wrap_future(future), timeout=self.settings.timeout_s)
        except asyncio.TimeoutError:
            raise ApiError(
                504, "timeout", f"analysis took longer than {self.settings.timeout_s:g} s and was abandoned"
            ) from None
        self.served += 1
        return result


# --------------------------------------------------------------------------- ASGI: logs and headers


class _Guard:
    """Outermost ASGI layer: security headers on every response, one log line per request."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0
        sent = 0

        async def guarded_send(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = message["status"]
                ours = {name for name, _ in SECURITY_HEADERS}
                headers = [h for h in message.get("headers", []) if h[0].lower() not in ours]
                message = {**message, "headers": headers + SECURITY_HEADERS}
            elif message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, guarded_send)
        finally:
            # Path only: no query string, no client address, no body, no file name.
            log.info(
                "%s %s %d %dB %.0fms",
                scope.get("method", "-"),
                scope.get("path", "-"),
                status,
                sent,
                1000 * (time.perf_counter() - started),
            )


# --------------------------------------------------------------------------- pages and app


@lru_cache(maxsize=16)
def _static(name: str) -> bytes:
    return resources.files("analyzer").joinpath("static").joinpath(name).read_bytes()


STATIC_TYPES = {
    "app.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
    "docs.js": "text/javascript; charset=utf-8",
}

_MULTIPART_SCHEMA = {
    "type": "object",
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "PDF, DOCX, TXT/Markdown or HTML"},
        "text": {"type": "string", "description": "document text, instead of a file"},
        "posting": {"type": "string", "description": "job posting text to score against (score only)"},
        "kind": {"type": "string", "enum": ["resume", "posting"]},
        "profile": {"type": "string", "description": "bundled profile name (score only)"},
    },
}
_JSON_SCHEMA = {
    "type": "object",
    "properties": {k: v for k, v in _MULTIPART_SCHEMA["properties"].items() if k != "file"},  # type: ignore[attr-defined]
}
_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {"schema": _MULTIPART_SCHEMA},
            "application/json": {"schema": _JSON_SCHEMA},
            "application/x-www-form-urlencoded": {"schema": _JSON_SCHEMA},
        },
    }
}
_ERROR_DOC = {"description": 'error: {"error": {"code", "message"}}'}
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "no input or a malformed request"},
    413: {"description": "upload or field larger than the limit (code too_large)"},
    415: {"description": "unsupported content type or file type (code unsupported)"},
    422: {"description": "unreadable document: empty, corrupt, encrypted, scanned"},
    503: {"description": "busy: all analysis slots taken"},
    504: {"description": "analysis took longer than the time limit"},
}


def create_app(settings: WebSettings | None = None) -> Any:
    """The ASGI application. Nothing is loaded until the server starts (lifespan)."""
    settings = settings or WebSettings()
    pool = _Pool(settings)

    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        pool.start()
        # Build the pipeline and load the profile now, so the first upload does not pay for it.
        await asyncio.get_running_loop().run_in_executor(pool.executor, _warm_up, settings)
        yield
        pool.stop()

    app = FastAPI(
        title="jobfit",
        version=_version(),
        description="Offline, explainable resume fit scores. Uploads stay in memory.",
        docs_url=None,  # the default page loads Swagger UI from a CDN; ours works offline
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.pool = pool
    app.add_middleware(_Guard)

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return _error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error_response(exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, _exc: RequestValidationError) -> JSONResponse:
        return _error_response(400, BAD_REQUEST, "request is not valid")

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        # The type only: an exception's message may quote the document.
        log.error("internal error on %s: %s", request.url.path, type(exc).__name__)
        return _error_response(500, INTERNAL, "internal error")

    @app.get("/", include_in_schema=False)
    async def index() -> Response:
        return Response(_static("index.html"), media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> Response:
        return Response(_static("docs.html"), media_type="text/html; charset=utf-8")

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str) -> Response:
        if name not in STATIC_TYPES:
            raise ApiError(404, NOT_FOUND, "no such file")
        return Response(_static(name), media_type=STATIC_TYPES[name])

    @app.get("/healthz", summary="Liveness and load")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "busy": pool.busy, "concurrency": settings.concurrency}

    @app.get("/api/profiles", summary="Bundled role profiles")
    async def profiles() -> dict[str, Any]:
        from .profile import bundled_profiles, load_profile

        out = []
        for name in bundled_profiles():
            try:
                prof = load_profile(name)
            except JobfitError:
                continue  # a stale profile is not offered; `jobfit profile show` explains why
            req = prof.requirements
            out.append(
                {
                    "id": name,
                    "role": prof.role,
                    "default": name == settings.profile,
                    "competencies": [
                        {"id": c.id, "name": c.name, "weight": c.weight} for c in prof.competencies
                    ],
                    "requirements": {
                        "education_level": req.education_level,
                        "years_min": req.years_min,
                        "management_years_min": req.management_years_min,
                        "certifications": [c.name for c in req.certifications],
                    },
                }
            )
        return {"profiles": out}

    @app.get("/api/limits", summary="Upload and time limits")
    async def limits() -> dict[str, Any]:
        return {
            "max_bytes": settings.max_bytes,
            "timeout_s": settings.timeout_s,
            "concurrency": settings.concurrency,
            "types": ["pdf", "docx", "txt", "md", "html"],
        }

    @app.post(
        "/api/score",
        summary="Score a resume against the profile or a pasted posting",
        description="Multipart upload (field `file`) or text (field `text`); optional `posting` text. "
        "Returns the score record with evidence and `context` (the words around each evidence span).",
        openapi_extra=_BODY,
        responses=_ERRORS,
    )
    async def score(request: Request) -> JSONResponse:
        sub = await _with_read_timeout(read_submission(request, settings), settings)
        return JSONResponse(await pool.run(lambda: analyse(sub, settings, score=True)))

    @app.post(
        "/api/export/gaps",
        summary="A score record's gaps as CSV (what the page downloads)",
        description="JSON body: a record as `/api/score` returns it. The CSV has the columns of "
        "`jobfit score --gaps` (docs/columns.md); gaps only, every item with `?all=1`.",
        responses={400: {"description": "not a score record"}, 413: _ERRORS[413]},
    )
    async def export_gaps(request: Request, all: int = 0) -> Response:  # noqa: A002 - the query name
        body = await _read_body(request, settings.max_bytes, settings.max_bytes)
        record = score_record_from(body)
        from .exports import gaps_csv

        name = re.sub(r"[^\w.-]+", "_", str(record["id"]))[:80] or "result"
        return Response(
            gaps_csv(record, all_rows=bool(all)),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="jobfit-{name}-gaps.csv"'},
        )

    @app.post(
        "/api/explain",
        summary="Why the statement recogniser credits (or not) a statement with an area",
        description='JSON body: `{"statement": text, "areas": [ids], "top": n}` (areas and top '
        "optional). Per area: the probability, the part read (statement or clause) and the largest "
        "terms of its log-odds, which add up to it (as `jobfit model explain`).",
        responses={400: _ERRORS[400], 413: _ERRORS[413], 503: _ERRORS[503], 504: _ERRORS[504]},
    )
    async def explain(request: Request) -> JSONResponse:
        body = await _read_body(request, settings.max_bytes, settings.max_bytes)
        statement, areas, top = explain_request_from(body)
        return JSONResponse(await pool.run(lambda: explain_answer(statement, areas, top)))

    @app.post(
        "/api/extract",
        summary="Extract skills, certifications, experience and education",
        description="Multipart upload (field `file`) or text (field `text`). "
        "Offsets index the document text.",
        openapi_extra=_BODY,
        responses=_ERRORS,
    )
    async def extract(request: Request) -> JSONResponse:
        sub = await _with_read_timeout(read_submission(request, settings), settings)
        return JSONResponse(await pool.run(lambda: analyse(sub, settings, score=False)))

    return app


async def _with_read_timeout(reading: Awaitable[Submission], settings: WebSettings) -> Submission:
    try:
        return await asyncio.wait_for(reading, timeout=settings.read_timeout_s)
    except asyncio.TimeoutError:
        raise ApiError(408, READ_TIMEOUT, "the request body arrived too slowly") from None


def _warm_up(settings: WebSettings) -> None:
    from .extract import Extractor
    from .ingest import from_text
    from .profile import load_profile

    try:
        Extractor(as_of=settings.as_of).extract(from_text("Project management with ITIL.", id="warm-up"))
        load_profile(settings.profile)
    except JobfitError as err:
        # Serve anyway: /healthz works and requests report the problem as JSON.
        log.warning("warm-up failed: %s", err.code)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jobfit")
    except PackageNotFoundError:
        return "0"


def run(host: str = "127.0.0.1", port: int = 8000, settings: WebSettings | None = None) -> None:
    """Serve until interrupted."""
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    # Its parse warnings quote bytes of the body; ours say "malformed multipart body" instead.
    logging.getLogger("python_multipart").setLevel(logging.ERROR)
    settings = settings or WebSettings()
    log.info(
        "serving on http://%s:%d/ (upload limit %.1f MB, %g s per request, %d at once)",
        host,
        port,
        settings.max_bytes / MB,
        settings.timeout_s,
        settings.concurrency,
    )
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        access_log=False,  # ours logs path without query string; see _Guard
        server_header=False,
        limit_concurrency=64,  # connections; more get 503 from uvicorn itself
        timeout_keep_alive=5,
        log_level="info",
    )
