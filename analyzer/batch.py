"""Score (or extract) many documents: in worker processes or on a dask cluster, streaming, resumable.

The driving process only enumerates the inputs (file paths; table rows, which it must read to
split) and cuts them into chunks; files are read, extracted and scored in the workers, each of
which builds the pipeline once. At most a few chunks are in flight, so memory stays flat however
long the batch is, and records come back in input order whatever the number of workers, with the
same content as a single-process run. A document that fails, whether unreadable or by an
unexpected exception inside extraction or scoring, becomes an error row; the batch goes on.

With a :class:`~analyzer.store.ResultStore`, each chunk's results are committed as they arrive
and a document already in the store is not sent to a worker at all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from .document import Document, Failure
from .errors import CORRUPT, INTERNAL, WORKER_FAILED, IngestError, UsageError
from .output import plain
from .profile import Profile, load_profile, profile_bytes
from .tables import TableSpec

if TYPE_CHECKING:
    from .store import ResultStore

Engine = Literal["local", "dask"]
DEFAULT_CHUNK = 32

__all__ = [
    "DEFAULT_CHUNK",
    "BatchConfig",
    "score_batch",
    "iter_batch",
    "iter_batch_documents",
    "resolve_jobs",
]


@dataclass(frozen=True)
class PathTask:
    """A document file, read by the worker that scores it."""

    path: str


Task = Document | Failure | PathTask


@dataclass(frozen=True)
class BatchConfig:
    """Everything a worker needs to score a document; pickled once per worker. Without a profile
    (:func:`make_extract_config`) workers write extraction records instead."""

    profile: Profile | None
    profile_key: str  # "<id>@<sha256 of the profile JSON>": identifies the profile's content
    as_of: str
    kind: str | None = None
    lexicon_dir: str | None = None
    max_bytes: int = 20 * 1024 * 1024
    redact: bool = False
    # Records of the first ``keep_text`` documents carry their text (for an HTML report's context).
    keep_text: int = 0
    # Which table columns hold the text, id and kind (read by the driving process only).
    table: TableSpec = TableSpec()
    # Extraction records carry the document's plain text as "text" (``jobfit extract --with-text``).
    with_text: bool = False

    @property
    def extracts(self) -> bool:
        """Workers extract instead of scoring (there is no profile to score against)."""
        return self.profile is None

    @property
    def options(self) -> str:
        """The options that change a result, as the store keys them."""
        return f"as_of={self.as_of};kind={self.kind or ''};redact={int(self.redact)}"

    @property
    def worker_key(self) -> tuple[object, ...]:
        # The profile holds dicts (unhashable); its key names its content.
        return (
            self.profile_key,
            self.options,
            self.lexicon_dir,
            self.max_bytes,
            self.keep_text,
            self.with_text,
        )


def make_config(
    profile: Profile | str,
    *,
    as_of: str | None = None,
    kind: str | None = None,
    lexicon_dir: str | None = None,
    redact: bool = False,
    keep_text: int = 0,
    table: TableSpec | None = None,
) -> BatchConfig:
    prof = load_profile(profile) if isinstance(profile, str) else profile
    sha = hashlib.sha256(profile_bytes(prof)).hexdigest()
    return BatchConfig(
        profile=prof,
        profile_key=f"{prof.id}@{sha[:16]}",
        as_of=as_of or dt.date.today().strftime("%Y-%m"),
        kind=kind,
        lexicon_dir=lexicon_dir,
        redact=redact,
        keep_text=keep_text,
        table=table or TableSpec(),
    )


def make_extract_config(
    *,
    as_of: str | None = None,
    kind: str | None = None,
    lexicon_dir: str | None = None,
    with_text: bool = False,
    table: TableSpec | None = None,
) -> BatchConfig:
    """A configuration whose workers extract (``jobfit extract``): no profile, no scores."""
    return BatchConfig(
        profile=None,
        profile_key="",
        as_of=as_of or dt.date.today().strftime("%Y-%m"),
        kind=kind,
        lexicon_dir=lexicon_dir,
        table=table or TableSpec(),
        with_text=with_text,
    )


def resolve_jobs(jobs: int) -> int:
    """``0`` means every core this process may use."""
    if jobs < 0:
        raise UsageError(f"--jobs must be 0 (all cores) or more, not {jobs}")
    if jobs == 0:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
    return jobs


# --------------------------------------------------------------------------- inputs


def iter_tasks(inputs: Iterable[str | Path], table: TableSpec | None = None) -> Iterator[Task]:
    """Inputs in the order ``ingest.iter_inputs`` gives them, files as paths (not read here)."""
    from .ingest import iter_inputs, walk_documents
    from .tables import TABLE_EXTS

    for item in inputs:
        source = str(item)
        if source == "-":
            yield from iter_inputs(["-"])
            continue
        path = Path(item)
        files = ((f, str(f)) for f in walk_documents(path)) if path.is_dir() else iter([(path, source)])
        for f, src in files:
            if f.suffix.lower() in TABLE_EXTS:
                yield from iter_inputs([src], table=table)  # rows stream; a table's failure is one row
            else:
                yield PathTask(src)


def task_identity(task: Task) -> tuple[str, str]:
    """(id, source) a task's record will carry: the same rule as ``ingest.load_file``."""
    if isinstance(task, PathTask):
        p = Path(task.path)
        return p.stem or p.name, task.path
    return task.id, task.source


def content_sha256(task: Task) -> str | None:
    """What the store keys a document by; None when it cannot be read here (a worker reports it)."""
    if isinstance(task, Failure):
        return None
    h = hashlib.sha256()
    if isinstance(task, PathTask):
        try:
            data = Path(task.path).read_bytes()
        except OSError:
            return None
        # The type is read from the suffix too, so the same bytes under .txt and .html may differ.
        h.update(b"file:" + Path(task.path).suffix.lower().encode() + b"\n")
        h.update(data)
    else:
        h.update(b"text:" + (task.kind or "").encode() + b"\n")
        h.update(task.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def count_tasks(inputs: Iterable[str | Path], table: TableSpec | None = None) -> int | None:
    """How many documents the inputs hold (for a progress bar's ETA): a cheap pass, no parsing."""
    from .ingest import walk_documents
    from .tables import TABLE_EXTS, count_rows

    total = 0
    for item in inputs:
        if str(item) == "-":
            total += 1
            continue
        path = Path(item)
        files = walk_documents(path) if path.is_dir() else iter([path])
        for f in files:
            try:
                total += count_rows(f, table or TableSpec()) if f.suffix.lower() in TABLE_EXTS else 1
            except Exception:  # noqa: BLE001 - an unreadable table is one error row
                total += 1
    return total


# --------------------------------------------------------------------------- worker side


class _Worker:
    """One pipeline and scorer per process (and per configuration)."""

    def __init__(self, config: BatchConfig) -> None:
        from .extract import Extractor
        from .scoring import Scorer

        self.config = config
        self.extractor = Extractor(lexicon_dir=config.lexicon_dir, as_of=config.as_of)
        self.scorer = None if config.profile is None else Scorer(config.profile, as_of=config.as_of)
        self.extractor.nlp  # noqa: B018 - build the pipeline now, once, not inside the first chunk
        self.extractor.check_ready()

    def load(self, task: Task) -> Document | Failure:
        from .ingest import load_file

        doc: Document | Failure
        if isinstance(task, PathTask):
            ident, source = task_identity(task)
            try:
                doc = load_file(task.path, max_bytes=self.config.max_bytes)
            except IngestError as err:
                return Failure(ident, source, err.code, str(err))
            except Exception as err:  # noqa: BLE001 - one bad file never stops a batch
                return Failure(ident, source, CORRUPT, f"{source}: unreadable ({type(err).__name__})")
        else:
            doc = task
        if self.config.kind and isinstance(doc, Document):
            doc = dataclasses.replace(doc, kind=self.config.kind)  # type: ignore[arg-type]
        return doc

    def _score(self, docs: Sequence[Document | Failure]) -> list[Any]:
        scorer = self.scorer
        if scorer is None:  # an extraction batch
            return list(self.extractor.extract_many(docs))
        return [
            item if isinstance(item, Failure) else scorer.score(item)
            for item in self.extractor.extract_many(docs)
        ]

    def score_chunk(self, chunk: Sequence[tuple[int, Task]]) -> list[dict[str, Any]]:
        docs = [self.load(task) for _, task in chunk]
        try:
            results = self._score(docs)
        except Exception:  # noqa: BLE001 - find the document that failed, score the others
            results = []
            for doc in docs:
                try:
                    results.extend(self._score([doc]))
                except Exception as exc:  # noqa: BLE001
                    results.append(_internal_failure(doc, exc))
        records = []
        for (index, _), doc, result in zip(chunk, docs, results, strict=True):
            records.append(self._record(index, doc, result))
        return records

    def _record(self, index: int, doc: Document | Failure, result: Any) -> dict[str, Any]:
        from .reports import extraction_record, failure_record

        if isinstance(result, Failure):
            record = failure_record(result)
        elif self.config.extracts:
            text = doc.text if self.config.with_text and isinstance(doc, Document) else None
            record = extraction_record(result, text)
        else:
            record = plain(result)
            if self.config.redact:
                # (doc is a Document here: a Failure to load never gets a result)
                resume = record.get("kind") == "resume"
                names = resume_names(doc.text) if resume and isinstance(doc, Document) else ()
                redact_record(record, names)
            if index < self.config.keep_text and isinstance(doc, Document):
                record["_text"] = doc.text
        with_columns(record, doc)
        return record


def _internal_failure(doc: Document | Failure, exc: BaseException) -> Failure:
    if isinstance(doc, Failure):
        return doc
    # The exception's message could quote the document: only its type is reported.
    return Failure(
        doc.id,
        doc.source,
        INTERNAL,
        f"{doc.source}: internal error ({type(exc).__name__})",
    )


def with_columns(record: dict[str, Any], task: Task | Document | Failure) -> dict[str, Any]:
    """Give a record its table row's other columns (``columns``), or none: they belong to the row,
    not to the result, so a stored result takes the columns of the row it is found for."""
    columns = getattr(task, "columns", ())
    if columns:
        record["columns"] = dict(columns)
    else:
        record.pop("columns", None)
    return record


def resume_names(text: str) -> tuple[str, ...]:
    """The candidate's name: what scoring keeps out of skills (``skills.person_name``), so
    redaction and scoring agree on what a name is (a title line, "Resume" above it...)."""
    from .skills import person_name

    name = person_name(text)
    return (name,) if name else ()


def redact_record(record: dict[str, Any], names: tuple[str, ...] = ()) -> dict[str, Any]:
    """Redact every evidence text of a score record in place (emails, phones, URLs, names)."""
    from .redact import redact

    for group in ("competencies", "requirements"):
        for item in record.get(group, []):
            for ev in item.get("evidence", []):
                ev["text"] = redact(ev["text"], names)
    return record


_WORKERS: dict[tuple[object, ...], _Worker] = {}
_WORKERS_LOCK = threading.Lock()
_PROCESS_CONFIG: BatchConfig | None = None


def _worker_for(config: BatchConfig) -> _Worker:
    with _WORKERS_LOCK:
        worker = _WORKERS.get(config.worker_key)
        if worker is None:
            _WORKERS.clear()  # one configuration at a time: a scorer and its pipeline are big
            worker = _WORKERS[config.worker_key] = _Worker(config)
        return worker


def score_chunk(chunk: Sequence[tuple[int, Task]], config: BatchConfig) -> list[dict[str, Any]]:
    """Score one chunk of (input index, task) pairs; the function dask workers run."""
    return _worker_for(config).score_chunk(chunk)


def _init_process(config: BatchConfig) -> None:
    global _PROCESS_CONFIG
    _PROCESS_CONFIG = config
    _worker_for(config)


def _score_in_process(chunk: Sequence[tuple[int, Task]]) -> list[dict[str, Any]]:
    assert _PROCESS_CONFIG is not None
    return _worker_for(_PROCESS_CONFIG).score_chunk(chunk)


# --------------------------------------------------------------------------- engines


class _Runner(Protocol):
    inflight: int

    def submit(self, chunk: list[tuple[int, Task]]) -> Any: ...

    def result(self, handle: Any) -> list[dict[str, Any]]: ...

    def close(self) -> None: ...


class _InProcess:
    inflight = 0

    def __init__(self, config: BatchConfig) -> None:
        self.config = config

    def submit(self, chunk: list[tuple[int, Task]]) -> Any:
        return score_chunk(chunk, self.config)

    def result(self, handle: Any) -> list[dict[str, Any]]:
        return handle

    def close(self) -> None:
        pass


class _Processes:
    """A spawn-context process pool (no forked copies of the parent's state or threads)."""

    def __init__(self, config: BatchConfig, jobs: int) -> None:
        self.config = config
        self.jobs = jobs
        self.inflight = 2 * jobs
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_process,
            initargs=(self.config,),
        )

    def submit(self, chunk: list[tuple[int, Task]]) -> Any:
        try:
            future = self.pool.submit(_score_in_process, chunk)
        except BrokenProcessPool:
            self._replace(self.pool)
            future = self.pool.submit(_score_in_process, chunk)
        return (chunk, future, self.pool)

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        # A worker died (killed, out of memory, a crash in native code): start a new pool once.
        if broken is self.pool:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()

    def result(self, handle: Any) -> list[dict[str, Any]]:
        chunk, future, pool = handle

        def resubmit(part: list[tuple[int, Task]]) -> Any:
            self._replace(pool)
            _, again, _ = self.submit(part)
            return again

        return _chunk_result(chunk, future, resubmit)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    """Chunks submitted to a dask.distributed cluster; the configuration is sent to each worker once."""

    def __init__(self, config: BatchConfig, jobs: int, scheduler: Any) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise UsageError("--engine dask needs dask.distributed: pip install 'jobfit[cluster]'") from None
        self.own_client = not isinstance(scheduler, Client)
        if not self.own_client:
            self.client = scheduler
        elif scheduler:
            try:
                self.client = Client(scheduler, timeout="30s")
            except OSError as exc:
                raise UsageError(f"cannot reach the dask scheduler at {scheduler} ({exc})") from None
        else:
            # No scheduler given: a throwaway cluster of local worker processes.
            self.client = Client(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        workers = len(self.client.scheduler_info().get("workers", {})) or jobs
        self.inflight = 2 * max(workers, 1)
        [self.config] = self.client.scatter([config], broadcast=True)

    def submit(self, chunk: list[tuple[int, Task]]) -> Any:
        return (chunk, self.client.submit(score_chunk, chunk, self.config, pure=False))

    def result(self, handle: Any) -> list[dict[str, Any]]:
        chunk, future = handle
        return _chunk_result(chunk, future, lambda part: self.submit(part)[1])

    def close(self) -> None:
        if self.own_client:
            self.client.close()


def _chunk_result(
    chunk: list[tuple[int, Task]],
    future: Future[Any] | Any,
    resubmit: Callable[[list[tuple[int, Task]]], Any] | None = None,
) -> list[dict[str, Any]]:
    """A chunk's records; when its worker died, retry so that only the culprit is lost.

    A dead worker fails every chunk it held, so the chunk is first retried whole; if it fails
    again, one document at a time. A document that kills a worker twice becomes an error row.
    """
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a dead worker costs at most one document
        reason = type(exc).__name__
    if resubmit is not None:
        try:
            return resubmit(chunk).result()
        except Exception as exc:  # noqa: BLE001
            reason = type(exc).__name__
        if len(chunk) > 1:
            return [record for item in chunk for record in _chunk_result([item], resubmit([item]))]
    return [
        {
            "id": ident,
            "source": source,
            "error": {
                "code": WORKER_FAILED,
                "message": f"{source}: its worker failed ({reason})",
            },
        }
        for ident, source in (task_identity(task) for _, task in chunk)
    ]


# --------------------------------------------------------------------------- the batch


@dataclass
class _Chunk:
    slots: list[tuple[Task, str | None, dict[str, Any] | None]]  # task, content sha, stored record
    handle: Any = None


def iter_batch(
    inputs: Iterable[str | Path],
    config: BatchConfig,
    *,
    jobs: int = 1,
    engine: Engine = "local",
    scheduler: Any = None,
    store: ResultStore | None = None,
    progress: bool = False,
    chunk_size: int = DEFAULT_CHUNK,
) -> Iterator[dict[str, Any]]:
    """Records in input order (see :func:`score_batch`); with ``config.keep_text``, some carry ``_text``."""
    inputs = list(inputs)  # a few paths; walked twice when a progress bar counts them first
    yield from _run_tasks(
        iter_tasks(inputs, config.table),
        config,
        total=lambda: count_tasks(inputs, config.table),
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        store=store,
        progress=progress,
        chunk_size=chunk_size,
    )


def iter_batch_documents(
    documents: Iterable[Document | Failure],
    config: BatchConfig,
    *,
    total: int | None = None,
    jobs: int = 1,
    engine: Engine = "local",
    scheduler: Any = None,
    store: ResultStore | None = None,
    progress: bool = False,
    chunk_size: int = DEFAULT_CHUNK,
) -> Iterator[dict[str, Any]]:
    """:func:`iter_batch` for documents already in memory (a DataFrame's rows): same workers,
    same records, in the same order."""
    yield from _run_tasks(
        documents,
        config,
        total=lambda: total,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        store=store,
        progress=progress,
        chunk_size=chunk_size,
    )


def _run_tasks(
    tasks: Iterable[Task],
    config: BatchConfig,
    *,
    total: Callable[[], int | None],
    jobs: int,
    engine: Engine,
    scheduler: Any,
    store: ResultStore | None,
    progress: bool,
    chunk_size: int,
) -> Iterator[dict[str, Any]]:
    from .store import StoreKey

    jobs = resolve_jobs(jobs)
    if chunk_size < 1:
        raise UsageError("chunk size must be at least 1")
    key = None
    if store is not None:
        if config.extracts:
            raise UsageError("a result store keeps scores: an extraction batch runs without one")
        from . import __version__
        from .competencies import model_digest

        # The version and the statement model: a model rebuilt under the same version scores anew.
        key = StoreKey(config.profile_key, f"{__version__}+model.{model_digest()}", config.options)
    if engine not in ("local", "dask"):
        raise UsageError(f"unknown engine {engine!r} (local or dask)")
    # A missing or stale statement model is the installation's fault, not a row's: stop before
    # the first row with its one-line error (ModelError) instead of failing every row alike.
    from .competencies import load_model

    load_model()
    runner: _Runner
    if engine == "dask":
        runner = _Dask(config, jobs, scheduler)
    else:
        runner = _InProcess(config) if jobs == 1 else _Processes(config, jobs)
    try:
        bar = _progress_bar(total, progress)
    except BaseException:
        runner.close()
        raise
    window: deque[_Chunk] = deque()

    def drain(chunk: _Chunk) -> Iterator[dict[str, Any]]:
        computed = iter(runner.result(chunk.handle) if chunk.handle is not None else ())
        fresh: list[tuple[str, dict[str, Any]]] = []
        out: list[dict[str, Any]] = []
        for _task, sha, stored in chunk.slots:
            if stored is not None:
                out.append(stored)
                continue
            record = next(computed)
            if sha and "error" not in record:
                fresh.append((sha, {k: v for k, v in record.items() if k not in ("_text", "columns")}))
            out.append(record)
        if store is not None and key is not None:
            store.put_many(fresh, key)  # one small transaction per chunk: a kill loses little
        bar.update(len(out))
        yield from out

    try:
        index = 0
        current = _Chunk([])
        todo: list[tuple[int, Task]] = []
        for task in tasks:
            sha = stored = None
            if store is not None and key is not None:
                sha = content_sha256(task)
                stored = store.get(sha, key) if sha else None
                if stored is not None:
                    stored["id"], stored["source"] = task_identity(task)
                    with_columns(stored, task)
            current.slots.append((task, sha, stored))
            if stored is None:
                todo.append((index, task))
            index += 1
            # A chunk closes at chunk_size documents to score (or many more already stored).
            if len(todo) >= chunk_size or len(current.slots) >= 16 * chunk_size:
                current.handle = runner.submit(todo) if todo else None
                window.append(current)
                current, todo = _Chunk([]), []
                while len(window) > runner.inflight:
                    yield from drain(window.popleft())
        if current.slots:
            current.handle = runner.submit(todo) if todo else None
            window.append(current)
        while window:
            yield from drain(window.popleft())
    finally:
        bar.close()
        runner.close()


def score_batch(
    inputs: Iterable[str | Path],
    profile: Profile | str,
    *,
    jobs: int = 1,
    engine: Engine = "local",
    scheduler: Any = None,
    store: ResultStore | str | Path | None = None,
    progress: bool = False,
    as_of: str | None = None,
    kind: str | None = None,
    table: TableSpec | None = None,
) -> Iterator[dict[str, Any]]:
    """Score files, directories and tables (``.xlsx .csv .tsv .jsonl .parquet``, columns named by
    ``table``); yield one record per document.

    Records come in input order, the same for any ``jobs`` and either engine: a score record
    (as ``jobfit score --format jsonl`` writes it) or ``{"id", "source", "error": {"code",
    "message"}}``. ``jobs=0`` uses every core. ``engine="dask"`` runs on the cluster at
    ``scheduler`` (an address or a ``distributed.Client``; a local cluster when None).
    ``store`` (a :class:`~analyzer.store.ResultStore` or a path) skips documents already scored.
    ``progress`` shows a bar on stderr when it is a terminal.
    """
    from .store import ResultStore

    config = make_config(profile, as_of=as_of, kind=kind, table=table)
    own_store = store is not None and not isinstance(store, ResultStore)
    db = store if store is None or isinstance(store, ResultStore) else ResultStore(store)
    try:
        yield from iter_batch(
            inputs, config, jobs=jobs, engine=engine, scheduler=scheduler, store=db, progress=progress
        )
    finally:
        if own_store and db is not None:
            db.close()


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(total: Callable[[], int | None], progress: bool) -> Any:
    # Only on a terminal: a log file or a pipe gets no carriage-return noise.
    if not progress or not sys.stderr.isatty():
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total(), unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
