"""Output formats shared by every command: json, jsonl, csv, table; files are written atomically."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .errors import UsageError

FORMATS = ("json", "jsonl", "csv", "table")

Flatten = Callable[[dict[str, Any]], dict[str, Any]]
Table = Callable[[dict[str, Any]], str]


_SCALARS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """A result (frozen dataclasses, tuples) as plain JSON values: dicts, lists, scalars.

    Lists, not tuples, so a record equals what the store and a JSONL file give back; and
    without ``dataclasses.asdict``'s deep copies, which cost a quarter of a batch worker's time
    and a tenth of ``jobfit extract``'s (a record holds hundreds of small dataclasses: scalars
    are returned at once).
    """
    cls = type(value)
    if cls in _SCALARS:
        return value
    fields = getattr(cls, "__dataclass_fields__", None)
    if fields is not None:
        return {name: plain(getattr(value, name)) for name in fields}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


@contextlib.contextmanager
def atomic_writer(
    path: str | Path | None, *, newline: str | None = None, binary: bool = False
) -> Iterator[IO[Any]]:
    """Yield a text (or, with ``binary``, bytes) stream; a file appears only when complete.

    On any error the temporary file is removed, so a failed run never leaves half an output.
    """
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        if binary:
            with os.fdopen(fd, "wb") as raw:
                yield raw
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as stream:
                yield stream
        # mkstemp makes the file private (0600); give it the permissions a plain open() would.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# A cell a spreadsheet would run as a formula (CSV injection): shown as text with a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    elif value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_records(
    records: Iterable[dict[str, Any]],
    *,
    fmt: str,
    out: str | Path | None,
    flatten: Flatten,
    table: Table,
) -> int:
    """Stream records to ``out`` (stdout when None); returns how many were written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    count = 0
    with atomic_writer(out, newline="" if fmt == "csv" else None) as stream:
        if fmt == "jsonl":
            for record in records:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        elif fmt == "json":
            stream.write("[")
            for record in records:
                stream.write(("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False, indent=2))
                count += 1
            stream.write("\n]\n" if count else "]\n")
        elif fmt == "csv":
            writer: csv.DictWriter | None = None
            for record in records:
                row = {k: csv_cell(v) for k, v in flatten(record).items()}
                if writer is None:
                    writer = csv.DictWriter(stream, fieldnames=list(row), extrasaction="ignore")
                    writer.writeheader()
                writer.writerow(row)
                count += 1
        else:
            for record in records:
                stream.write(table(record) + "\n")
                count += 1
    return count


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def wrap_list(label: str, items: list[str], width: int = 100) -> str:
    if not items:
        return f"  {label}: -"
    buf = io.StringIO()
    line = f"  {label}: "
    indent = " " * (len(label) + 4)
    for i, item in enumerate(items):
        piece = item + (", " if i < len(items) - 1 else "")
        if len(line) + len(piece) > width and line.strip():
            buf.write(line.rstrip() + "\n")
            line = indent
        line += piece
    buf.write(line)
    return buf.getvalue()
