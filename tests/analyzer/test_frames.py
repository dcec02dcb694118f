"""analyzer.score_frame / gaps_frame: DataFrame in, DataFrame out, the command line's numbers."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import analyzer
from analyzer.errors import UsageError
from analyzer.exports import GAP_COLUMNS
from cli import main
from tests.test_cli_score import AS_OF, POSTING, RESUME

DF = pd.DataFrame(
    {"cand": ["c1", "c2", "c3", "c4"], "body": [RESUME, POSTING, RESUME.replace("Azure", "AWS"), None]},
    index=pd.Index([7, 8, 9, 10], name="row"),
)


@pytest.fixture(scope="module")
def scores() -> pd.DataFrame:
    return analyzer.score_frame(DF, text="body", id="cand", as_of=AS_OF)


def test_one_row_per_document_same_index(scores: pd.DataFrame) -> None:
    assert list(scores.index) == [7, 8, 9, 10] and list(scores["id"]) == ["c1", "c2", "c3", "c4"]
    assert list(scores.columns[:5]) == ["id", "source", "kind", "score", "band"]
    assert scores["score"].dtype == float and pd.isna(scores.loc[10, "score"])
    assert scores.loc[10, "error"].startswith("empty:") and pd.isna(scores.loc[7, "error"])
    assert scores.loc[7, "Cybersecurity and data protection"] in {"met", "partial", "missing"}
    assert scores.loc[7, "years managing in the field"] in {"met", "partial", "missing"}
    assert scores.loc[8, "kind"] == "posting" and scores.loc[8, "job title is the role's"] in {
        "met",
        "partial",
        "missing",
    }


def test_a_posting_row_says_what_the_job_is(scores: pd.DataFrame) -> None:
    # A recruiter ranking postings reads the title and the duties the job owns beside its score.
    assert scores.loc[8, "title"] == "IT Manager" and scores.loc[8, "manages"] == "none"
    assert scores.loc[7, "title"] == "" and scores.loc[7, "manages"] == ""


def test_same_scores_as_the_command_line(scores: pd.DataFrame, tmp_path: Path) -> None:
    table = tmp_path / "rows.csv"
    DF.to_csv(table, index=False)
    out = tmp_path / "scores.csv"
    CliRunner().invoke(main, ["score", str(table), "--text-column", "body", "--id-column", "cand",
                              "--as-of", AS_OF, "-q", "--out", str(out)])  # fmt: skip
    cli = {r["id"]: r for r in csv.DictReader(out.read_text(encoding="utf-8").splitlines())}
    for _, row in scores.iterrows():
        theirs = cli[row["id"]]
        if pd.isna(row["score"]):
            assert theirs["score"] == "" and theirs["error"]
        else:
            assert float(theirs["score"]) == row["score"] and theirs["band"] == row["band"]
            assert theirs["missing"] == "; ".join(row["missing"])


def test_jobs_two_equals_jobs_one(scores: pd.DataFrame) -> None:
    two = analyzer.score_frame(DF, text="body", id="cand", as_of=AS_OF, jobs=2)
    pd.testing.assert_frame_equal(two, scores)


def test_gaps_frame_long_form() -> None:
    gaps = analyzer.gaps_frame(DF, text="body", id="cand", as_of=AS_OF)
    assert tuple(gaps.columns) == GAP_COLUMNS
    assert set(gaps["status"]) <= {"missing", "partial", "error"}
    every = analyzer.gaps_frame(DF, text="body", id="cand", as_of=AS_OF, all_rows=True)
    assert "met" in set(every["status"]) and len(every) > len(gaps)
    both = analyzer.score_and_gaps_frames(DF, text="body", id="cand", as_of=AS_OF)
    pd.testing.assert_frame_equal(both.gaps, gaps)


def test_index_labels_are_ids_without_an_id_column_and_kind_for_all() -> None:
    frame = analyzer.score_frame(DF[["body"]], text="body", as_of=AS_OF, kind="posting")
    assert list(frame["id"]) == ["7", "8", "9", "10"] and set(frame["kind"].dropna()) == {"posting"}


def test_kind_column_and_bad_values() -> None:
    df = DF.assign(k=["resume", "POSTING", "", "resume"])
    frame = analyzer.score_frame(df, text="body", id="cand", kind_column="k", as_of=AS_OF)
    assert list(frame["kind"][:2]) == ["resume", "posting"]
    bad = analyzer.score_frame(df.assign(k="cv"), text="body", id="cand", kind_column="k", as_of=AS_OF)
    assert bad["error"][:3].str.startswith("bad_kind").all()  # the 4th row has no text


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": "Resume"}, "no text column 'Resume' (columns found: 'cand', 'body'); name it with text="),
        ({"text": "body", "id": "who"}, "no id column 'who'"),
        ({"text": "body", "kind": "cv"}, "kind must be"),
        ({"text": "body", "kind": "resume", "kind_column": "cand"}, "exclude each other"),
    ],
)
def test_mistakes_are_one_line_usage_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(UsageError) as info:
        analyzer.score_frame(DF, **kwargs)
    assert message in info.value.message


def test_import_analyzer_loads_neither_pandas_nor_spacy() -> None:
    code = (
        "import sys, analyzer; print('pandas' in sys.modules, 'spacy' in sys.modules, analyzer.score_frame)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("False False <function score_frame")
