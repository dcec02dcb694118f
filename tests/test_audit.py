"""`jobfit audit`: scoring rate (share above the sample median) and impact ratio per group."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.audit import AuditError, audit, read_scores
from cli import main


def write_csv(path: Path, rows: Sequence[Mapping[str, object]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["audit", *args])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def scores(tmp_path: Path) -> Path:
    # Sample median of the ten scores is (50 + 55) / 2 = 52.5.
    a = [60, 70, 80, 90, 10]
    b = [20, 30, 40, 50, 55]
    rows = [{"id": f"a{i}", "gender": "A", "score": s} for i, s in enumerate(a)]
    rows += [{"id": f"b{i}", "gender": "B", "score": s} for i, s in enumerate(b)]
    return write_csv(tmp_path / "scores.csv", rows)


def test_rates_and_ratios_by_hand(scores: Path) -> None:
    code, out, err = run(str(scores), "--group", "gender", "-f", "json")
    assert code == 0, err
    by = {r["group"]: r for r in json.loads(out)}
    assert by["A"]["sample_median"] == 52.5 and by["A"]["sample_n"] == 10
    assert (by["A"]["above_median"], by["A"]["scoring_rate"], by["A"]["impact_ratio"]) == (4, 0.8, 1.0)
    assert (by["B"]["above_median"], by["B"]["scoring_rate"], by["B"]["impact_ratio"]) == (1, 0.2, 0.25)
    assert by["B"]["flagged"] and not by["A"]["flagged"]
    assert not by["A"]["small"] and not by["B"]["small"]


def test_score_at_the_median_is_not_above_it() -> None:
    result = audit([("x", 1.0), ("x", 2.0), ("y", 2.0), ("y", 3.0)])
    # median 2.0: only the 3.0 is above it.
    rates = {g.group: g.scoring_rate for g in result.groups}
    assert result.median == 2.0 and rates == {"x": 0.0, "y": 0.5}


def test_four_fifths_boundary_is_not_flagged() -> None:
    # x: 5/5 above, y: 4/5 above -> ratio exactly 0.8; z: below.
    rows = [("x", 10.0)] * 5 + [("y", 10.0)] * 4 + [("y", 0.0)] + [("z", 0.0)] * 10
    by = {g.group: g for g in audit(rows).groups}
    assert by["y"].impact_ratio == 0.8 and not by["y"].flagged
    assert by["z"].impact_ratio == 0.0 and by["z"].flagged


def test_small_group_is_marked_and_not_the_reference(tmp_path: Path) -> None:
    rows = [{"g": "X", "score": 60 + i} for i in range(50)]
    rows += [{"g": "Y", "score": i} for i in range(49)]
    rows += [{"g": "Z", "score": 200}]  # 1% of the sample
    path = write_csv(tmp_path / "s.csv", rows)
    code, out, _ = run(str(path), "--group", "g", "-f", "jsonl")
    assert code == 0
    by = {r["group"]: r for r in map(json.loads, out.splitlines())}
    assert by["Z"]["small"] and not by["X"]["small"]
    # X (49/50) is the reference, not the tiny Z (1/1).
    assert by["X"]["impact_ratio"] == 1.0
    assert by["Z"]["impact_ratio"] == pytest.approx(1 / 0.98, abs=1e-4)
    assert by["Y"]["impact_ratio"] == 0.0 and by["Y"]["flagged"]


def test_table_and_csv_outputs(scores: Path, tmp_path: Path) -> None:
    code, out, _ = run(str(scores), "--group", "gender", "-f", "table")
    assert code == 0
    assert "median score 52.5" in out and "FLAG" in out.splitlines()[-1]
    target = tmp_path / "audit.csv"
    code, out, _ = run(str(scores), "--group", "gender", "--out", str(target))
    assert code == 0 and out == ""
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["group"] for r in rows] == ["A", "B"] and rows[1]["flagged"] == "True"


def test_custom_score_column_blank_scores_and_unknown_group(tmp_path: Path) -> None:
    rows = [
        {"race": "P", "fit": "90"},
        {"race": "Q", "fit": "10"},
        {"race": "", "fit": "50"},
        {"race": "Q", "fit": ""},  # e.g. an error row from `jobfit score`
    ]
    path = write_csv(tmp_path / "s.csv", rows)
    code, out, err = run(str(path), "--group", "race", "--score-column", "fit", "-f", "json")
    assert code == 0
    assert {r["group"] for r in json.loads(out)} == {"P", "Q", "(unknown)"}
    assert "1 row(s) without a score" in err


@pytest.mark.parametrize(
    ("content", "args", "code"),
    [
        ("", ("--group", "g"), "empty"),
        ("g,score\n", ("--group", "g"), "empty"),
        ("g,score\nA,1\n", ("--group", "gender"), "missing_column"),
        ("g,points\nA,1\n", ("--group", "g"), "missing_column"),
        ("g,score\nA,1\nB,high\n", ("--group", "g"), "bad_score"),
        ("g,score\nA,1\nB,nan\n", ("--group", "g"), "bad_score"),
    ],
)
def test_clear_errors(tmp_path: Path, content: str, args: tuple[str, ...], code: str) -> None:
    path = tmp_path / "s.csv"
    path.write_text(content, encoding="utf-8")
    exit_code, out, err = run(str(path), *args)
    assert exit_code == 1 and out == ""
    assert err.startswith(f"jobfit: error: {code}: ") and len(err.splitlines()) == 1
    if code == "bad_score":
        assert "row 3" in err


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes(b"g,score\n\xff\xfe,1\n")
    code, _, err = run(str(path), "--group", "g")
    assert code == 1 and err.startswith("jobfit: error: bad_csv: ")


def test_header_names_match_case_insensitively(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", [{"Gender ": "A", "Score": 1}, {"Gender ": "B", "Score": 2}])
    pairs, skipped = read_scores(path, group="gender", score_column="score")
    assert pairs == [("A", 1.0), ("B", 2.0)] and skipped == 0


def test_all_equal_scores_give_undefined_ratios() -> None:
    result = audit([("a", 5.0), ("b", 5.0)])
    assert all(g.impact_ratio is None and not g.flagged for g in result.groups)
    with pytest.raises(AuditError):
        audit([])
