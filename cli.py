"""The ``jobfit`` command line: a thin layer over the ``analyzer`` library."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def output_options(func: F) -> F:
    """--format and --out, shared by every command that writes records."""
    func = click.option(
        "--out", "-o", "out", type=click.Path(dir_okay=False, allow_dash=True), default=None,
        help="Write to FILE (atomically) instead of standard output.",
    )(func)
    func = click.option(
        "--format", "-f", "fmt", type=click.Choice(["json", "jsonl", "csv", "table"]),
        default=None, help="Output format (default: table on a terminal, jsonl otherwise; "
        "from the --out suffix when it is .json/.jsonl/.csv).",
    )(func)
    return func


def resolve_format(fmt: str | None, out: str | None) -> str:
    if fmt:
        return fmt
    if out and out != "-":
        suffix = out.rsplit(".", 1)[-1].lower()
        if suffix in ("json", "jsonl", "csv"):
            return suffix
    return "table" if sys.stdout.isatty() else "jsonl"


def fail(message: str, code: int = 1) -> None:
    click.echo(f"jobfit: error: {message}", err=True)
    sys.exit(code)


def guarded(func: F) -> F:
    """Turn our errors (and the few others a user can cause) into one line and exit 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from analyzer.errors import JobfitError

        try:
            return func(*args, **kwargs)
        except JobfitError as exc:
            fail(f"{exc.code}: {exc.message}")
        except (OSError, ValueError) as exc:
            fail(f"{type(exc).__name__}: {exc}")
        except KeyboardInterrupt:
            fail("interrupted", 130)

    return wrapper  # type: ignore[return-value]


_AS_OF = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def check_as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _AS_OF.match(value):
        raise click.BadParameter("use YYYY-MM, for example 2026-11")
    return value


class FailureCounter:
    """Pass items through, reporting each failure on stderr as one line."""

    def __init__(self) -> None:
        self.failed = 0

    def watch(self, items: Iterable[Any]) -> Iterator[Any]:
        from analyzer.document import Failure

        for item in items:
            if isinstance(item, Failure):
                self.failed += 1
                click.echo(f"jobfit: error: {item.code}: {item.message}", err=True)
            yield item


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jobfit")
def main() -> None:
    """jobfit: offline, explainable analysis of resumes and job postings.

    \b
    Examples:
      jobfit extract resume.pdf
      jobfit extract postings.jsonl --format csv --out skills.csv
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@output_options
@click.option("--kind", type=click.Choice(["resume", "posting"]), default=None,
              help="Treat every input as this kind (default: guessed per document).")
@click.option("--as-of", callback=check_as_of, default=None,
              help="YYYY-MM that 'Present' in dated roles means (default: this month).")
@guarded
def extract(inputs: tuple[str, ...], fmt: str | None, out: str | None, kind: str | None,
            as_of: str | None) -> None:
    """Extract skills, certifications, experience and education.

    INPUT is a PDF, DOCX, TXT/Markdown or HTML file, a directory (walked recursively),
    a .csv/.jsonl table with columns id,text, or - for standard input.

    \b
    Examples:
      jobfit extract resume.pdf --format table
      jobfit extract resumes/ --format jsonl --out extracted.jsonl
      cat posting.txt | jobfit extract - --kind posting
    """
    import dataclasses

    from analyzer.extract import Extractor
    from analyzer.ingest import iter_inputs
    from analyzer.output import write_records
    from analyzer.reports import extraction_record, extraction_row, extraction_table

    counter = FailureCounter()
    items = counter.watch(iter_inputs(inputs))
    if kind:
        items = (dataclasses.replace(i, kind=kind) if hasattr(i, "text") else i for i in items)
    results = Extractor(as_of=as_of).extract_many(items)
    records = (extraction_record(r) for r in results)
    write_records(records, fmt=resolve_format(fmt, out), out=out,
                  flatten=extraction_row, table=extraction_table)
    if counter.failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
