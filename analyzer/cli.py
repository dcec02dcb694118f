"""The ``jobfit`` command line: a thin layer over the ``analyzer`` library (``cli.py`` at the top
of a source checkout runs it too)."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:  # the CLI imports the library lazily, to start fast
    from analyzer.document import Kind

F = TypeVar("F", bound=Callable[..., Any])


def output_options(func: F) -> F:
    """--format and --out, shared by every command that writes records."""
    func = click.option(
        "--out",
        "-o",
        "out",
        type=click.Path(dir_okay=False, allow_dash=True),
        default=None,
        help="Write to FILE (atomically) instead of standard output.",
    )(func)
    func = click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(["json", "jsonl", "csv", "table"]),
        default=None,
        help="Output format (default: table on a terminal, jsonl otherwise; "
        "from the --out suffix when it is .json/.jsonl/.csv).",
    )(func)
    return func


# Data formats jobfit reads but does not write: JSONL under such a name would fool the reader.
_UNWRITTEN = ("xlsx", "xls", "tsv", "parquet")


def resolve_format(fmt: str | None, out: str | None) -> str:
    if fmt:
        return fmt
    if out and out != "-":
        suffix = out.rsplit(".", 1)[-1].lower()
        if suffix in ("json", "jsonl", "csv"):
            return suffix
        if suffix in _UNWRITTEN:
            from analyzer.errors import UsageError

            hint = "(Excel: .csv with --bom)"
            raise UsageError(f"--out: jobfit writes .json, .jsonl or .csv, not .{suffix} {hint}")
    return "table" if sys.stdout.isatty() else "jsonl"


def fail(message: str, code: int = 1) -> None:
    click.echo(f"jobfit: error: {message}", err=True)
    sys.exit(code)


def guarded(func: F) -> F:
    """Turn our errors (and the few others a user can cause) into one line and exit 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from analyzer.errors import INTERNAL, INTERRUPTED, OS_ERROR, JobfitError, UsageError

        try:
            return func(*args, **kwargs)
        except UsageError as exc:
            # The user's mistake in options or columns: the usage exit code, as click's own.
            fail(f"{exc.code}: {exc.message}", 2)
        except JobfitError as exc:
            fail(f"{exc.code}: {exc.message}")
        except BrokenPipeError:
            # The reader went away (`jobfit ... | head`): stop quietly, as Unix tools do.
            with contextlib.suppress(OSError):
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - interpreter shutdown flushes it
            sys.exit(141)
        except OSError as exc:
            # strerror and the file name only: never the content of what was being read.
            where = f" ({exc.filename})" if exc.filename else ""
            fail(f"{OS_ERROR}: {exc.strerror or type(exc).__name__}{where}")
        except KeyboardInterrupt:
            fail(INTERRUPTED, 130)
        except Exception as exc:  # noqa: BLE001 - one line for the user, the trace on request
            if os.environ.get("JOBFIT_DEBUG"):
                raise
            fail(f"{INTERNAL}: unexpected {type(exc).__name__}; rerun with JOBFIT_DEBUG=1 for details")

    return wrapper  # type: ignore[return-value]


def jobs_option(func: F) -> F:
    """--jobs, shared by the commands that can spread documents over worker processes."""
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=1,
        show_default=True,
        help="Worker processes (0: all cores). Results are the same, in input order.",
    )(func)


def table_options(func: F) -> F:
    """Which columns of a table input (.csv .tsv .jsonl .xlsx .parquet) hold what."""
    func = click.option(
        "--sheet", default=None, help=".xlsx: the sheet to read, by name or 1-based number (default: first)."
    )(func)
    func = click.option(
        "--kind-column",
        default=None,
        help="Table column saying 'resume' or 'posting' per row (blank: guessed).",
    )(func)
    func = click.option(
        "--id-column", default=None, help="Table column holding each row's id (default: id, else row number)."
    )(func)
    func = click.option(
        "--text-column",
        default="text",
        show_default=True,
        help='Table column holding the document text, e.g. "Job Description".',
    )(func)
    return func


def check_tables(
    inputs: tuple[str, ...],
    *,
    text_column: str,
    id_column: str | None,
    kind_column: str | None,
    sheet: str | None,
    kind: str | None,
) -> tuple[Any, tuple[str, ...]]:
    """The table spec, checked against every table input before any work; and the carried columns."""
    from analyzer.errors import UsageError
    from analyzer.tables import TableSpec, carried_columns
    from analyzer.tables import check_tables as check

    if kind and kind_column:
        raise UsageError("--kind and --kind-column exclude each other: one kind for all, or one per row")
    spec = TableSpec(text_column=text_column, id_column=id_column, kind_column=kind_column, sheet=sheet)
    return spec, carried_columns(check(inputs, spec))


_AS_OF = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def check_as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _AS_OF.match(value):
        raise click.BadParameter("use YYYY-MM, for example 2026-11")
    return value


class FailureCounter:
    """Count failures, reporting each on stderr as one line."""

    def __init__(self) -> None:
        self.failed = 0

    def add(self, code: str, message: str) -> None:
        self.failed += 1
        click.echo(f"jobfit: error: {code}: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jobfit")
def main() -> None:
    """jobfit: offline, explainable analysis of resumes and job postings.

    \b
    Examples:
      jobfit extract resume.pdf
      jobfit score resume.pdf --report fit.html
      jobfit score resumes/ --jobs 0 --out scores.csv --gaps gaps.csv
      jobfit profile show
      jobfit model show
      jobfit serve
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@output_options
@click.option(
    "--kind",
    type=click.Choice(["resume", "posting"]),
    default=None,
    help="Treat every input as this kind (default: guessed per document).",
)
@click.option(
    "--as-of",
    callback=check_as_of,
    default=None,
    help="YYYY-MM that 'Present' in dated roles means (default: this month).",
)
@table_options
@click.option(
    "--with-text",
    is_flag=True,
    help='Add each document\'s plain text (what every start/end indexes) as "text"; '
    "json/jsonl only (the default format becomes jsonl).",
)
@jobs_option
@guarded
def extract(
    inputs: tuple[str, ...],
    fmt: str | None,
    out: str | None,
    kind: Kind | None,  # click.Choice: one of the two
    as_of: str | None,
    text_column: str,
    id_column: str | None,
    kind_column: str | None,
    sheet: str | None,
    with_text: bool,
    jobs: int,
) -> None:
    """Extract skills, certifications, experience and education.

    INPUT is a PDF, DOCX, TXT/Markdown or HTML file, a directory (walked recursively),
    a table (.csv .tsv .jsonl .xlsx .parquet; columns id,text unless --text-column/--id-column
    say otherwise), or - for standard input.

    \b
    Examples:
      jobfit extract resume.pdf --format table
      jobfit extract resumes/ --format jsonl --out extracted.jsonl
      cat posting.txt | jobfit extract - --kind posting
      jobfit extract resume.pdf --with-text --format json   # offsets resolvable in "text"
      jobfit extract postings.csv -j 0 --out skills.csv      # every core, same records
    """
    from analyzer.batch import iter_batch, make_extract_config, with_columns
    from analyzer.document import Failure
    from analyzer.exports import carry_columns
    from analyzer.extract import Extractor
    from analyzer.ingest import iter_inputs
    from analyzer.output import write_records
    from analyzer.reports import extraction_record, extraction_row, extraction_table

    resolved = resolve_format(fmt, out)
    if with_text and fmt is None and resolved == "table":
        resolved = "jsonl"  # the terminal default cannot show whole documents
    if with_text and resolved not in ("json", "jsonl"):
        from analyzer.errors import UsageError

        # A whole document in a CSV cell or a table helps no one; refuse before reading anything.
        raise UsageError(f"--with-text needs --format json or jsonl, not {resolved}")
    spec, carried = check_tables(
        inputs, text_column=text_column, id_column=id_column, kind_column=kind_column, sheet=sheet, kind=kind
    )
    counter = FailureCounter()

    def records() -> Iterator[dict[str, Any]]:
        # One at a time, so each record meets its own row's carried columns. Failures are
        # counted on the results: a document that cannot be read and one that fails inside
        # extraction (an error row, as in worker processes) both make the exit code 1.
        items = _with_kind(iter_inputs(inputs, table=spec), kind)
        extractor = Extractor(as_of=as_of)
        for item in items:
            for result, text in extractor.extract_with_text([item]):
                if isinstance(result, Failure):
                    counter.add(result.code, result.message)
                yield with_columns(extraction_record(result, text if with_text else None), item)

    def records_in_workers() -> Iterator[dict[str, Any]]:
        # The batch engine of `jobfit score`: files are read and extracted in the workers, a
        # failure is an error row, records come back in input order.
        config = make_extract_config(as_of=as_of, kind=kind, with_text=with_text, table=spec)
        for record in iter_batch(inputs, config, jobs=jobs):
            error = record.get("error")
            if error:
                counter.add(error["code"], error["message"])
            yield record

    write_records(
        records() if jobs == 1 else records_in_workers(),
        fmt=resolved,
        out=out,
        flatten=lambda r: carry_columns(extraction_row(r), r, carried),
        table=extraction_table,
    )
    if counter.failed:
        sys.exit(1)


def _with_kind(items: Iterable[Any], kind: Kind | None) -> Iterator[Any]:
    import dataclasses

    from analyzer.document import Document

    for item in items:
        yield dataclasses.replace(item, kind=kind) if kind and isinstance(item, Document) else item


REPORT_LIMIT = 200


@main.group()
def profile() -> None:
    """Build and inspect role competency profiles.

    \b
    Examples:
      jobfit profile build ../shared/role_documents/it_manager --onet ../shared/onet/11-3021.00 \\
          --role "IT Manager" --out models/it_manager.profile.json
      jobfit profile show it_manager
    """


@profile.command("build")
@click.argument("role_dir", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--onet",
    "onet_dir",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="O*NET occupation folder (tasks, skills, technology, education) as a second source.",
)
@click.option("--role", required=True, help='Role name, e.g. "IT Manager".')
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    help="Profile path, e.g. models/it_manager.profile.json (meta written beside it).",
)
@guarded
def profile_build(role_dir: str, onet_dir: str | None, role: str, out: str) -> None:
    """Build a competency profile from a folder of role documents.

    \b
    Example:
      jobfit profile build ../shared/role_documents/it_manager \\
          --onet ../shared/onet/11-3021.00 --role "IT Manager" --out models/it_manager.profile.json
    """
    from pathlib import Path

    from analyzer.profile import build_profile, describe, save_profile

    built = build_profile(Path(role_dir), role=role, onet_dir=Path(onet_dir) if onet_dir else None)
    command = f"jobfit profile build {Path(role_dir).name} --role {role!r}" + (
        f" --onet {Path(onet_dir).name}" if onet_dir else ""
    )
    save_profile(built, Path(out), command=command)
    for line in describe(built):
        click.echo(line, err=True)
    click.echo(f"wrote {out}", err=True)


@profile.command("show")
@click.argument("name", default="it_manager")
@click.option("--format", "-f", "fmt", type=click.Choice(["json", "table"]), default="table")
@guarded
def profile_show(name: str, fmt: str) -> None:
    """Print a profile: competencies, weights, evidence counts and requirements.

    \b
    Examples:
      jobfit profile show
      jobfit profile show models/it_manager.profile.json --format json
    """
    import json

    from analyzer.profile import describe, load_profile

    prof = load_profile(name)
    if fmt == "json":
        click.echo(json.dumps(prof.to_dict(), indent=1, sort_keys=True))
    else:
        for line in describe(prof):
            click.echo(line)


@main.group()
def model() -> None:
    """Build or show the statement recogniser (which competencies a statement demonstrates).

    \b
    Examples:
      jobfit model build ../shared/dev --out models/competencies.npz
      jobfit model show
      jobfit model explain "Led a team of 14 engineers across three sites."
    """


@model.command("build")
@click.argument("shared_dev", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--labels",
    "labels",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Extra statement labels (hash + ids), default models/training/statement_labels.jsonl.",
)
@click.option(
    "--onet",
    "onet",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="O*NET all-occupations folder (task statements, work activities) for the word vectors; "
    "default: onet/all_occupations beside SHARED_DEV.",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    help="Model path, e.g. models/competencies.npz (meta written beside it).",
)
@guarded
def model_build(shared_dev: str, labels: str | None, onet: str | None, out: str) -> None:
    """Train the statement recogniser on the labelled dev statements (cross-validated, stamped),
    over word vectors learned from the dev resumes and postings, O*NET and SkillSpan.

    \b
    Example:
      jobfit model build ../shared/dev --out models/competencies.npz
    """
    from pathlib import Path

    from analyzer.competencies import save_model
    from analyzer.competency_build import area_ids, build, default_labels_path

    labels_path = Path(labels) if labels else default_labels_path()
    onet_dir = Path(onet) if onet else None
    built, metrics, inputs = build(Path(shared_dev), labels_path, areas=area_ids(), onet_dir=onet_dir)
    command = f"jobfit model build {Path(shared_dev).name}" + (f" --labels {labels_path.name}")
    save_model(built, Path(out), inputs=inputs, metrics=metrics, command=command)
    cv = metrics["cross_validation"]
    click.echo(
        f"{len(built.areas_)} areas, {metrics['statements']['dev']} + {metrics['statements']['extra']} "
        f"statements; cross-validated P={cv['precision']:.3f} R={cv['recall']:.3f} F1={cv['f1']:.3f} "
        f"macro F1={cv['macro_f1']:.3f}",
        err=True,
    )
    click.echo(f"wrote {out}", err=True)


@model.command("show")
@guarded
def model_show() -> None:
    """Print the bundled model's stamp: inputs, versions, parameters and cross-validated figures.

    \b
    Example:
      jobfit model show
    """
    import json

    from analyzer.competencies import bundled_model_path, load_model, meta_path

    load_model()  # checks the stamp
    click.echo(json.dumps(json.loads(meta_path(bundled_model_path()).read_text()), indent=1))


@model.command("explain")
@click.argument("statements", nargs=-1)
@output_options
@click.option(
    "--area",
    "areas",
    multiple=True,
    help="Explain this area (repeatable; default: every area the statement is at least about, "
    "else the three most likely). Ids: jobfit model show.",
)
@click.option(
    "--top", type=click.IntRange(1, 100), default=8, show_default=True, help="Terms shown per area."
)
@click.option(
    "--document",
    "document",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    help="A resume or posting (PDF, DOCX, TXT, HTML; - for standard input): for each --area, the "
    "statements most likely to show it, with why (what earned a competency, or how close a "
    "missing one came).",
)
@click.option(
    "--closest",
    type=click.IntRange(1, 50),
    default=3,
    show_default=True,
    help="With --document: statements shown per area.",
)
@guarded
def model_explain(
    statements: tuple[str, ...],
    fmt: str | None,
    out: str | None,
    areas: tuple[str, ...],
    top: int,
    document: str | None,
    closest: int,
) -> None:
    """Why the recogniser credits (or not) a statement with an area: each area's probability and
    the terms of its log-odds (words, cue phrases, each word's meaning through its word vector,
    the bias), which add up to it exactly. STATEMENT is text; - reads one per line from standard
    input. With --document, a document's statements closest to each --area instead.

    \b
    Examples:
      jobfit model explain "Led a team of 14 engineers across three sites."
      jobfit model explain "Owned a $2.4M operating budget." --area budgeting --area vendors
      jobfit model explain - --format csv --out why.csv < bullets.txt
      jobfit model explain --document resume.pdf --area leadership   # why it is missing
    """
    from dataclasses import asdict

    from analyzer.competencies import load_model
    from analyzer.errors import UsageError
    from analyzer.explain import AreaReading, check_areas, closest_statements, explain_statement
    from analyzer.output import write_records
    from analyzer.reports import explanation_row, explanation_table
    from analyzer.statements import normalise

    if document is not None and statements:
        raise UsageError("give statements or --document, not both")
    if document is not None and not areas:
        raise UsageError("--document needs --area (the competency to look for)")
    recogniser = load_model()

    def record(n: int, text: str, reading: AreaReading) -> dict[str, Any]:
        out = {"statement": n, "text": normalise(text), "area": reading.id}
        out.update({k: v for k, v in asdict(reading).items() if k not in ("id", "text")})
        out["read"] = reading.text
        return out

    if document is not None:
        from analyzer.document import Failure
        from analyzer.extract import Extractor
        from analyzer.ingest import iter_inputs

        check_areas(recogniser, areas)  # before the document is read
        items = list(iter_inputs([document]))
        if len(items) != 1:
            raise UsageError("--document takes one resume or posting, not a table of them")
        (item,) = items
        if isinstance(item, Failure):
            from analyzer.errors import JobfitError

            raise JobfitError(item.message, code=item.code)  # one line, exit 1, as a batch's error row
        found = Extractor().extract(item).statements
        texts = [s.text for s in found]

        def records() -> Iterator[dict[str, Any]]:
            for area in areas:
                for i, reading in closest_statements(recogniser, texts, area, closest, top):
                    st = found[i]
                    yield {
                        **record(i + 1, st.text, reading),
                        "section": st.section,
                        "offsets": [st.start, st.end],
                    }

    else:
        texts = [line for s in statements for line in (sys.stdin.read().split("\n") if s == "-" else [s])]
        texts = [t for t in texts if t.strip()]
        if not texts:
            raise UsageError("nothing to explain: no statement given")

        def records() -> Iterator[dict[str, Any]]:
            for n, text in enumerate(texts, 1):
                for reading in explain_statement(recogniser, text, areas or None, top):
                    yield record(n, text, reading)

    write_records(
        records(), fmt=resolve_format(fmt, out), out=out, flatten=explanation_row, table=explanation_table
    )


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@output_options
@click.option(
    "--profile",
    "profile_name",
    default="it_manager",
    show_default=True,
    help="Bundled profile name or a profile JSON path.",
)
@click.option(
    "--against",
    "against",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Score against this job posting instead of a role profile.",
)
@click.option(
    "--report",
    "report",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write a self-contained HTML report (chart, evidence highlighted).",
)
@click.option(
    "--kind",
    type=click.Choice(["resume", "posting"]),
    default=None,
    help="Treat every input as this kind (default: guessed per document).",
)
@click.option(
    "--as-of",
    callback=check_as_of,
    default=None,
    help="YYYY-MM that 'Present' in dated roles means (default: this month).",
)
@jobs_option
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: processes on this machine; dask: a dask.distributed cluster (--scheduler).",
)
@click.option(
    "--scheduler",
    default=None,
    help="dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local dask cluster).",
)
@click.option(
    "--store",
    "store_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="SQLite file keeping every result: a re-run skips what is done, a killed run resumes.",
)
@click.option(
    "--gaps",
    "gaps_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write skill gaps to this CSV (one row per document and competency).",
)
@click.option(
    "--gaps-format",
    type=click.Choice(["long", "wide"]),
    default="long",
    show_default=True,
    help="wide: one row per document, one column per competency (cell: met/partial/missing).",
)
@click.option(
    "--gaps-all",
    is_flag=True,
    help="Long gaps CSV: a row for every competency and requirement, met ones too (default: gaps only).",
)
@click.option("--evidence", is_flag=True, help="Include evidence text in CSV exports (left out by default).")
@click.option(
    "--redact",
    is_flag=True,
    help="Remove emails, phone numbers, URLs and the resume's name line from evidence text.",
)
@click.option(
    "--summary",
    "summary_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the batch summary (how often each competency is missing) as .csv or .json.",
)
@click.option(
    "--chart",
    "chart_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the batch summary as a chart: .svg (or .png with matplotlib installed).",
)
@click.option("--bom", is_flag=True, help="Start CSV files with a UTF-8 byte-order mark, for Excel.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary on stderr.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=32, hidden=True)
@table_options
@guarded
def score(
    inputs: tuple[str, ...],
    fmt: str | None,
    out: str | None,
    profile_name: str,
    against: str | None,
    report: str | None,
    kind: str | None,
    as_of: str | None,
    jobs: int,
    engine: str,
    scheduler: str | None,
    store_path: str | None,
    gaps_path: str | None,
    gaps_format: str,
    gaps_all: bool,
    evidence: bool,
    redact: bool,
    summary_path: str | None,
    chart_path: str | None,
    bom: bool,
    quiet: bool,
    chunk_size: int,
    text_column: str,
    id_column: str | None,
    kind_column: str | None,
    sheet: str | None,
) -> None:
    """Score resumes or postings against a role profile, with the evidence for every point.

    INPUT is a document file, a directory (walked recursively), a table (.csv .tsv .jsonl
    .xlsx .parquet; columns id,text unless --text-column/--id-column say otherwise; its other
    columns are carried to the outputs), or - for standard input. A document that fails
    becomes an error row. Options and columns are checked before any work (exit 2).

    \b
    Examples:
      jobfit score resume.pdf
      jobfit score resume.pdf --against posting.txt --report fit.html
      jobfit score resumes/ --format csv --out scores.csv
      jobfit score resumes/ postings.jsonl -j 0 --store results.sqlite --out scores.csv \\
          --gaps gaps.csv --summary summary.csv --chart gaps.svg
      jobfit score big.jsonl --engine dask --scheduler tcp://10.0.0.5:8786 -o scores.jsonl
      jobfit score applicants.xlsx --text-column "Resume Text" --id-column "Applicant ID" \\
          --out scores.csv --report ranked.html
    """
    import contextlib
    import functools

    from analyzer.batch import iter_batch, make_config
    from analyzer.errors import UsageError
    from analyzer.exports import BatchSummary, GapsExport, scores_row, write_scores_csv
    from analyzer.extract import Extractor
    from analyzer.html_report import RankedReport
    from analyzer.output import write_records
    from analyzer.profile import load_profile, posting_profile
    from analyzer.reports import score_table

    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if gaps_all and not gaps_path:
        raise UsageError("--gaps-all needs --gaps FILE")
    # Every option a user can get wrong is checked here, before the batch runs.
    spec, carried = check_tables(
        inputs, text_column=text_column, id_column=id_column, kind_column=kind_column, sheet=sheet, kind=kind
    )
    # (Output paths that are directories are refused by click itself.)
    fmt = resolve_format(fmt, out)
    if summary_path:
        from analyzer.exports import check_summary_path

        check_summary_path(summary_path)
    if chart_path:
        from analyzer.exports import check_chart_path

        check_chart_path(chart_path)
    if store_path:
        from analyzer.store import check_store_path

        check_store_path(store_path)
    if against:
        from analyzer.ingest import load_file

        prof = posting_profile(load_file(against), Extractor(as_of=as_of))
    else:
        prof = load_profile(profile_name)
    # A ranked report details its best REPORT_LIMIT documents, known only at the end: every
    # record carries its text, and the collector keeps the text of the best ones only.
    config = make_config(
        prof, as_of=as_of, kind=kind, redact=redact, keep_text=sys.maxsize if report else 0, table=spec
    )
    summary = BatchSummary()
    ranked = RankedReport(limit=REPORT_LIMIT)
    with contextlib.ExitStack() as stack:
        store = None
        if store_path:
            from analyzer.store import ResultStore

            store = stack.enter_context(ResultStore(store_path))
        gaps = None
        if gaps_path:
            comps = [(c.id, c.name) for c in prof.competencies]
            gaps = GapsExport(
                stack,
                gaps_path,
                fmt=gaps_format,
                competencies=comps,
                evidence=evidence,
                bom=bom,
                all_rows=gaps_all,
                columns=carried,
            )

        def records() -> Iterator[dict[str, Any]]:
            batch = iter_batch(
                inputs,
                config,
                jobs=jobs,
                engine=engine,  # type: ignore[arg-type]
                scheduler=scheduler,
                store=store,
                progress=not quiet,
                chunk_size=chunk_size,
            )
            for record in batch:
                text = record.pop("_text", None)
                if record.get("error"):
                    _score_error(f"jobfit: error: {record['error']['code']}: {record['error']['message']}")
                summary.add(record)
                if gaps is not None:
                    gaps.add(record)
                if report:
                    ranked.add(record, text)
                yield record

        if fmt == "csv" and out and out != "-":
            write_scores_csv(records(), out, evidence=evidence, bom=bom, columns=carried)
        else:
            flatten = functools.partial(scores_row, evidence=evidence, columns=carried)
            write_records(records(), fmt=fmt, out=out, flatten=flatten, table=score_table)
    if summary_path:
        summary.write(summary_path, bom=bom)
    if chart_path:
        summary.write_chart(chart_path, title=f"{prof.role}: competency gaps across the batch")
    if not quiet and (summary.documents > 1 or summary_path or chart_path):
        for line in summary.lines():
            click.echo(line, err=True)
    if report:
        from analyzer.output import atomic_writer

        role = f"the posting {prof.role}" if prof.asks else prof.role
        html = ranked.render(title=f"jobfit: fit to {role}", profile_role=role, credit=prof.credit)
        with atomic_writer(report) as fh:
            fh.write(html)
    if summary.errors:
        sys.exit(1)


def _score_error(message: str) -> None:
    # Through tqdm, so an error line does not tear the progress bar.
    from tqdm import tqdm

    tqdm.write(message, file=sys.stderr)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--max-upload-mb", default=10.0, show_default=True, type=click.FloatRange(min=0.01), help="Upload limit."
)
@click.option(
    "--timeout", default=20.0, show_default=True, type=click.FloatRange(min=0.1), help="Seconds per request."
)
@click.option(
    "--concurrency", default=4, show_default=True, type=click.IntRange(min=1), help="Analyses at once."
)
@click.option(
    "--as-of",
    callback=check_as_of,
    default=None,
    help="YYYY-MM that 'Present' in dated roles means (default: this month).",
)
@guarded
def serve(
    host: str, port: int, max_upload_mb: float, timeout: float, concurrency: int, as_of: str | None
) -> None:
    """Serve the upload page and the JSON API (uploads stay in memory, never on disk).

    \b
    Examples:
      jobfit serve --port 8000   # then open http://127.0.0.1:8000/ (API: /docs)
      jobfit serve --max-upload-mb 5 --timeout 10 --concurrency 2
    """
    from analyzer.web import WebSettings, run

    settings = WebSettings(
        max_bytes=int(max_upload_mb * 1024 * 1024), timeout_s=timeout, concurrency=concurrency, as_of=as_of
    )
    run(host=host, port=port, settings=settings)


@main.command()
@click.argument("scores", type=click.Path(exists=True, dir_okay=False))
@click.option("--group", "group", required=True, help="Column holding each row's group (e.g. gender).")
@click.option("--score-column", default="score", show_default=True, help="Column holding the score.")
@output_options
@guarded
def audit(scores: str, group: str, score_column: str, fmt: str | None, out: str | None) -> None:
    """Bias audit of scores by group: scoring rate and impact ratio (NYC Local Law 144 style).

    \b
    Example:
      jobfit audit scores_with_groups.csv --group gender
    """
    from analyzer.audit import audit_file

    sys.exit(
        audit_file(scores, group=group, score_column=score_column, fmt=resolve_format(fmt, out), out=out)
    )


if __name__ == "__main__":
    main()
