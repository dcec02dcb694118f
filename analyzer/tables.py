"""Tables of documents: ATS exports and data files, one document per row.

``.csv``, ``.tsv``, ``.jsonl``, ``.xlsx`` (the first sheet, or a chosen one) and ``.parquet``.
Which column holds the text, the id and (optionally) the kind is a :class:`TableSpec`; the
other columns travel with each document (``Document.columns``) to the outputs.

Every reader streams: rows are read as they are scored, so memory stays flat however long the
table. The exception is an ``.xlsx`` file whose cells use Excel's shared-strings table (what
Excel itself writes): that table is loaded whole when the workbook opens. Files written by
pandas/openpyxl use inline strings and stream fully.

Readers are the libraries pandas itself reads these formats with (the csv module, openpyxl,
pyarrow), used directly: ``pandas.read_excel`` would load the whole sheet into a DataFrame
first. Data already in a DataFrame goes through :mod:`analyzer.frames`.

A table whose columns do not fit the spec is refused before any work (:func:`check_tables`,
``usage`` error, exit 2 on the command line); a bad row is a :class:`Failure` row only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import sys
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .document import Document, Failure
from .errors import (
    BAD_KIND,
    CORRUPT,
    EMPTY,
    NOT_FOUND,
    TOO_LARGE,
    UNSUPPORTED,
    ColumnsError,
    IngestError,
    UsageError,
)

TABLE_EXTS = frozenset({".csv", ".tsv", ".jsonl", ".xlsx", ".parquet"})
KINDS = ("resume", "posting")
# Excel's shared-strings table is read whole; past this (uncompressed) it is refused, not loaded.
XLSX_MAX_SHARED_STRINGS = 512 * 1024 * 1024
# A zip bomb: a part that expands past this size *and* this many times its compressed size (text
# XML compresses 3-10x; a bomb thousands of times). One cell of a bomb would fill memory.
XLSX_BOMB_BYTES = 64 * 1024 * 1024
XLSX_BOMB_RATIO = 100
PARQUET_BATCH_ROWS = 256
# Listing the columns found must not print a document: a "header" this long is text.
_HEADER_MAX = 60
_LISTED_MAX = 30

__all__ = ["TABLE_EXTS", "TableSpec", "TableInfo", "check_tables", "iter_table", "count_rows", "row_document"]


@dataclass(frozen=True)
class TableSpec:
    """Which columns hold what. ``id_column`` None: ``id`` when there is one, else row numbers."""

    text_column: str = "text"
    id_column: str | None = None
    kind_column: str | None = None
    sheet: str | None = None  # .xlsx: a sheet name or a 1-based number; None: the first sheet


@dataclass(frozen=True)
class TableInfo:
    source: str
    columns: tuple[str, ...]
    carried: tuple[str, ...]  # the columns other than text, id and kind: carried to outputs


@dataclass(frozen=True)
class _Layout:
    text: int
    id: int | None
    kind: int | None
    carried: tuple[tuple[int, str], ...]


def _find(names: Sequence[str], wanted: str) -> int | None:
    # Exact name first; then ignoring case and surrounding spaces ("Job Description " in exports).
    if wanted in names:
        return list(names).index(wanted)
    folded = [n.strip().casefold() for n in names]
    key = wanted.strip().casefold()
    return folded.index(key) if key in folded else None


def _listed(names: Sequence[str]) -> str:
    if any(len(n) > _HEADER_MAX or "\n" in n for n in names):
        return f"the first row does not look like a header ({len(names)} cells)"
    shown = ", ".join(repr(n) for n in names[:_LISTED_MAX]) or "none"
    more = f" and {len(names) - _LISTED_MAX} more" if len(names) > _LISTED_MAX else ""
    return f"columns found: {shown}{more}"


CLI_NAMES = {"text": "--text-column", "id": "--id-column", "kind": "--kind-column"}


def layout(
    names: Sequence[str], spec: TableSpec, source: str, options: dict[str, str] = CLI_NAMES
) -> _Layout:
    """Where the spec's columns are; :class:`ColumnsError` naming the columns found if one is missing.

    ``options`` names, for the message, what sets each column (command-line options by default).
    """
    missing = []
    text = _find(names, spec.text_column)
    if text is None:
        missing.append(("text", spec.text_column))
    ident = _find(names, spec.id_column or "id")
    if ident is None and spec.id_column is not None:
        missing.append(("id", spec.id_column))
    # A column named "kind" sets each row's kind even without --kind-column.
    kind = _find(names, spec.kind_column or "kind")
    if spec.kind_column and kind is None:
        missing.append(("kind", spec.kind_column))
    if missing or text is None:
        what = ", ".join(f"no {role} column {name!r}" for role, name in missing)
        hint = "; name it with " + ", ".join(options[role] for role, _ in missing)
        raise ColumnsError(f"{source}: {what} ({_listed(names)}){hint}")
    used = {text, ident, kind}
    carried = tuple((i, n) for i, n in enumerate(names) if i not in used)
    return _Layout(text, ident, kind, carried)


# --------------------------------------------------------------------------- cell values


def _plain(value: Any) -> Any:
    """A cell as a JSON value: dates as ISO text, NaN as None, whole floats from Excel as ints."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy and pyarrow scalars
        try:
            return _plain(value.item())
        except (TypeError, ValueError):
            pass
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def ident(value: Any) -> str:
    value = _plain(value)
    return "" if value is None else str(value).strip()


def row_document(
    rid: str,
    source: str,
    text: object,
    *,
    kind: object = None,
    columns: tuple[tuple[str, Any], ...] = (),
    max_chars: int,
) -> Document | Failure:
    """One row as a Document, or a Failure row (no text, text too large, unknown kind)."""
    row_source = f"{source}#{rid}"
    if not isinstance(text, str) or not text.strip():
        return Failure(rid, row_source, EMPTY, f"{row_source}: row has no text", columns=columns)
    if len(text) > max_chars:
        return Failure(rid, row_source, TOO_LARGE, f"{row_source}: text too large", columns=columns)
    doc_kind = None
    if kind is not None and str(kind).strip():
        doc_kind = str(kind).strip().lower()
        if doc_kind not in KINDS:
            # The value is the user's label, not document text; shortened all the same.
            label = str(kind).strip()[:30]
            return Failure(
                rid, row_source, BAD_KIND, f"{row_source}: kind {label!r} is not resume or posting",
                columns=columns,
            )  # fmt: skip
    return Document(id=rid, source=row_source, text=text, kind=doc_kind, columns=columns)  # type: ignore[arg-type]


def _row(
    cells: Sequence[Any], lay: _Layout, fallback: str, source: str, max_chars: int
) -> Document | Failure:
    def cell(i: int | None) -> Any:
        return cells[i] if i is not None and i < len(cells) else None

    rid = ident(cell(lay.id)) or fallback
    columns = tuple((name, _plain(cell(i))) for i, name in lay.carried)
    text, kind = cell(lay.text), cell(lay.kind)
    return row_document(rid, source, text, kind=kind, columns=columns, max_chars=max_chars)


# --------------------------------------------------------------------------- readers


def _max_chars(max_bytes: int) -> int:
    from .ingest import MAX_TEXT_CHARS

    return min(max_bytes, MAX_TEXT_CHARS)


def iter_table(path: Path, source: str, spec: TableSpec, max_bytes: int) -> Iterator[Document | Failure]:
    """Rows of one table file, streaming. Raises IngestError / ColumnsError for the whole file."""
    ext = path.suffix.lower()
    max_chars = _max_chars(max_bytes)
    if ext in (".csv", ".tsv"):
        yield from _csv_rows(path, source, spec, max_chars, "\t" if ext == ".tsv" else ",")
    elif ext == ".jsonl":
        yield from _jsonl_rows(path, source, spec, max_chars)
    elif ext == ".xlsx":
        yield from _xlsx_rows(path, source, spec, max_chars)
    elif ext == ".parquet":
        yield from _parquet_rows(path, source, spec, max_chars)
    else:
        raise IngestError(source, f"unsupported table type {ext or '(none)'}", code=UNSUPPORTED)


def _missing(source: str) -> IngestError:
    return IngestError(source, "file not found", code=NOT_FOUND)


def _open_text(path: Path, source: str) -> io.TextIOWrapper:
    try:
        return open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - caller closes
    except FileNotFoundError:
        raise _missing(source) from None
    except IsADirectoryError:
        raise IngestError(source, "is a directory, not a table", code=UNSUPPORTED) from None
    except OSError as err:
        raise IngestError(source, f"cannot read file ({err.strerror or err})", code=NOT_FOUND) from None


def _allow_big_csv_fields() -> None:
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # C long is 32-bit on some platforms
            limit //= 10


def _csv_header(reader: Any, source: str) -> list[str]:
    try:
        return next(reader)
    except StopIteration:
        raise IngestError(source, "table is empty", code=EMPTY) from None
    except (csv.Error, UnicodeDecodeError):
        raise IngestError(source, "not a readable UTF-8 CSV", code=CORRUPT) from None


def _csv_rows(
    path: Path, source: str, spec: TableSpec, max_chars: int, delimiter: str
) -> Iterator[Document | Failure]:
    _allow_big_csv_fields()
    with _open_text(path, source) as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        lay = layout(_csv_header(reader, source), spec, source)
        row_no = 0
        while True:
            row_no += 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                rid = f"row-{row_no}"
                yield Failure(rid, f"{source}#{rid}", CORRUPT, f"{source}: not UTF-8 from row {row_no}")
                return
            except csv.Error as err:
                rid = f"row-{row_no}"
                yield Failure(rid, f"{source}#{rid}", CORRUPT, f"{source}#{rid}: bad CSV row ({err})")
                continue
            if not any(cell.strip() for cell in row):
                row_no -= 1  # blank line between rows: not a row
                continue
            yield _row(row, lay, f"row-{row_no}", source, max_chars)


def _jsonl_lines(path: Path, source: str) -> Any:
    try:
        return open(path, "rb")  # noqa: SIM115 - caller closes; bytes so a bad line stays one row
    except FileNotFoundError:
        raise _missing(source) from None
    except OSError as err:
        raise IngestError(source, f"cannot read file ({err.strerror or err})", code=NOT_FOUND) from None


def _jsonl_rows(path: Path, source: str, spec: TableSpec, max_chars: int) -> Iterator[Document | Failure]:
    with _jsonl_lines(path, source) as fh:
        for line_no, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            fallback = f"line-{line_no}"
            try:
                obj = json.loads(raw)
            except (ValueError, UnicodeDecodeError):
                where = f"{source}#{fallback}"
                yield Failure(fallback, where, CORRUPT, f"{where}: not valid JSON")
                continue
            if not isinstance(obj, dict):
                yield Failure(
                    fallback,
                    f"{source}#{fallback}",
                    CORRUPT,
                    f"{source}#{fallback}: expected an object with id and text",
                )
                continue
            # Rows are objects: each row's own keys are its columns.
            names = list(obj)
            text_key = names[i] if (i := _find(names, spec.text_column)) is not None else None
            id_key = names[i] if (i := _find(names, spec.id_column or "id")) is not None else None
            kind_key = names[i] if (i := _find(names, spec.kind_column or "kind")) is not None else None
            used = {text_key, id_key, kind_key}
            rid = ident(obj.get(id_key)) if id_key is not None else ""
            columns = tuple((k, _plain(v)) for k, v in obj.items() if k not in used)
            yield row_document(
                rid or fallback,
                source,
                obj.get(text_key) if text_key is not None else None,
                kind=obj.get(kind_key) if kind_key is not None else None,
                columns=columns,
                max_chars=max_chars,
            )


def _workbook(path: Path, source: str) -> Any:
    import openpyxl

    if not path.exists():
        raise _missing(source)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            shared = sum(i.file_size for i in infos if i.filename.lower().endswith("sharedstrings.xml"))
    except (zipfile.BadZipFile, OSError, EOFError):
        raise IngestError(source, "not a readable .xlsx workbook (bad zip)", code=CORRUPT) from None
    for info in infos:
        if info.file_size > XLSX_BOMB_BYTES and info.file_size > XLSX_BOMB_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise IngestError(source, f"workbook part expands {ratio:,} times: refused", code=TOO_LARGE)
    if shared > XLSX_MAX_SHARED_STRINGS:
        raise IngestError(source, "workbook's shared strings are too large to load", code=TOO_LARGE)
    try:
        # read_only streams the sheet's rows; data_only reads formulas' cached values.
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 - any parser failure is a damaged file to the user
        reason = f"not a readable .xlsx workbook ({type(err).__name__})"
        raise IngestError(source, reason, code=CORRUPT) from None


def _sheet(wb: Any, spec: TableSpec, source: str) -> Any:
    names = list(wb.sheetnames)
    if spec.sheet is None:
        if not names:
            raise IngestError(source, "workbook has no sheets", code=EMPTY)
        return wb[names[0]]
    if spec.sheet in names:
        return wb[spec.sheet]
    if spec.sheet.isdigit() and 1 <= int(spec.sheet) <= len(names):
        return wb[names[int(spec.sheet) - 1]]
    shown = ", ".join(repr(n) for n in names[:_LISTED_MAX])
    raise ColumnsError(f"{source}: no sheet {spec.sheet!r} (sheets: {shown})")


def _header(values: Sequence[Any]) -> list[str]:
    # An empty header cell still names its column, so its values can be carried.
    return [ident(v) or f"column_{i + 1}" for i, v in enumerate(values)]


def _xlsx_rows(path: Path, source: str, spec: TableSpec, max_chars: int) -> Iterator[Document | Failure]:
    wb = _workbook(path, source)
    try:
        sheet = _sheet(wb, spec, source)
        # Some writers store a wrong sheet size, and read-only mode would stop at it: read all rows.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        try:
            first = next(rows)
        except StopIteration:
            raise IngestError(source, "sheet is empty", code=EMPTY) from None
        lay = layout(_header(first), spec, source)
        row_no = 0
        for row in rows:
            if not any(v is not None and str(v).strip() for v in row):
                continue  # formatted but empty rows trail many exports
            row_no += 1
            yield _row(row, lay, f"row-{row_no}", source, max_chars)
    except (IngestError, UsageError):
        raise
    except Exception as err:  # noqa: BLE001 - a damaged sheet is one error, never a traceback
        raise IngestError(source, f"damaged .xlsx sheet ({type(err).__name__})", code=CORRUPT) from None
    finally:
        wb.close()


def _pyarrow_parquet(source: str) -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(f"{source}: reading .parquet needs pyarrow: pip install 'jobfit[parquet]'") from None
    return pq


def _parquet_file(path: Path, source: str) -> Any:
    pq = _pyarrow_parquet(source)
    if not path.exists():
        raise _missing(source)
    try:
        return pq.ParquetFile(path)
    except Exception as err:  # noqa: BLE001
        reason = f"not a readable parquet file ({type(err).__name__})"
        raise IngestError(source, reason, code=CORRUPT) from None


def _parquet_rows(path: Path, source: str, spec: TableSpec, max_chars: int) -> Iterator[Document | Failure]:
    pf = _parquet_file(path, source)
    names = list(pf.schema_arrow.names)
    lay = layout(names, spec, source)
    row_no = 0
    try:
        for batch in pf.iter_batches(batch_size=PARQUET_BATCH_ROWS):
            columns = batch.to_pydict()
            cols = [columns[n] for n in names]
            for values in zip(*cols, strict=True):
                row_no += 1
                yield _row(values, lay, f"row-{row_no}", source, max_chars)
    except Exception as err:  # noqa: BLE001
        raise IngestError(source, f"damaged parquet file ({type(err).__name__})", code=CORRUPT) from None
    finally:
        pf.close()


# --------------------------------------------------------------------------- before any work


def table_columns(path: Path, source: str, spec: TableSpec) -> list[str] | None:
    """The header of a table, read cheaply; None when the file cannot be read (a row reports it)."""
    ext = path.suffix.lower()
    try:
        if ext in (".csv", ".tsv"):
            _allow_big_csv_fields()
            with _open_text(path, source) as fh:
                return _csv_header(csv.reader(fh, delimiter="\t" if ext == ".tsv" else ","), source)
        if ext == ".jsonl":
            with _jsonl_lines(path, source) as fh:
                for raw in fh:
                    if raw.strip():
                        obj = json.loads(raw)
                        return list(obj) if isinstance(obj, dict) else None
            return None
        if ext == ".xlsx":
            wb = _workbook(path, source)
            try:
                first = next(_sheet(wb, spec, source).iter_rows(values_only=True, max_row=1), None)
                return _header(first) if first is not None else None
            finally:
                wb.close()
        if ext == ".parquet":
            pf = _parquet_file(path, source)
            try:
                return list(pf.schema_arrow.names)
            finally:
                pf.close()
    except (IngestError, ValueError, UnicodeDecodeError, OSError):
        return None
    return None


def table_files(inputs: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """(path, source) of every table among the inputs, directories walked as a batch walks them."""
    from .ingest import walk_documents

    for item in inputs:
        if str(item) == "-":
            continue
        path = Path(item)
        files = ((f, str(f)) for f in walk_documents(path)) if path.is_dir() else iter([(path, str(item))])
        for f, src in files:
            if f.suffix.lower() in TABLE_EXTS:
                yield f, src


def check_tables(inputs: Iterable[str | Path], spec: TableSpec) -> list[TableInfo]:
    """Check every table's columns (and sheet) before any work; ColumnsError/UsageError if one is off.

    A table that cannot be read at all is not refused here: it becomes an error row, as any
    unreadable file does.
    """
    inputs = list(inputs)
    infos = []
    for path, source in table_files(inputs):
        if path.suffix.lower() == ".parquet":
            _pyarrow_parquet(source)  # a missing extra is the user's to fix: refuse now
        names = table_columns(path, source, spec)
        if names is None:
            continue
        lay = layout(names, spec, source)
        infos.append(TableInfo(source, tuple(names), tuple(n for _, n in lay.carried)))
    if spec.sheet is not None and not any(p.suffix.lower() == ".xlsx" for p, _ in table_files(inputs)):
        raise UsageError("--sheet applies to .xlsx inputs, and none was given")
    return infos


def carried_columns(infos: Iterable[TableInfo]) -> tuple[str, ...]:
    """The union of the tables' carried columns, in order of first appearance."""
    return tuple(dict.fromkeys(name for info in infos for name in info.carried))


def count_rows(path: Path, spec: TableSpec) -> int:
    """How many rows a table holds (for a progress bar's ETA): cheap, approximate where it must be."""
    ext = path.suffix.lower()
    if ext == ".jsonl":
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    if ext in (".csv", ".tsv"):
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t" if ext == ".tsv" else ",")
            return max(0, sum(1 for row in reader if any(c.strip() for c in row)) - 1)
    if ext == ".xlsx":
        wb = _workbook(path, str(path))
        try:
            # The sheet's declared dimension: no pass over the rows.
            return max(0, (_sheet(wb, spec, str(path)).max_row or 1) - 1)
        finally:
            wb.close()
    if ext == ".parquet":
        pf = _parquet_file(path, str(path))
        try:
            return int(pf.metadata.num_rows)
        finally:
            pf.close()
    return 1
