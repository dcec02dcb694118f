"""An installed jobfit puts only its own names in site-packages and still finds its models."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Top-level names an install may add: our packages and the wheel's metadata, nothing generic.
OURS = {"analyzer", "skills_lexicon"}
GENERIC = {"cli", "models", "tests", "benchmarks"}


def test_installed_distribution_has_only_our_top_level_names() -> None:
    dist = metadata.distribution("jobfit")
    top_level = set((dist.read_text("top_level.txt") or "").split())
    assert top_level == OURS
    scripts = {ep.name: ep.value for ep in dist.entry_points if ep.group == "console_scripts"}
    assert scripts == {"jobfit": "analyzer.cli:main"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """A wheel built offline (setuptools in the test environment, no build isolation) from a
    copy of the sources, so the checkout gets no build/ or egg-info."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "cli.py"):
        shutil.copy2(ROOT / name, src / name)
    for name in ("analyzer", "models", "skills_lexicon"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("dist")
    code = "import sys; from setuptools import build_meta; print(build_meta.build_wheel(sys.argv[1]))"
    done = subprocess.run(
        [sys.executable, "-c", code, str(out)], cwd=src, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return zipfile.ZipFile(out / done.stdout.strip().splitlines()[-1])


def test_wheel_installs_no_generic_top_level_names(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    top = {n.split("/", 1)[0] for n in names}
    dist_info = {t for t in top if t.endswith(".dist-info")}
    assert top - dist_info == OURS
    assert not top & GENERIC
    for bundled in (
        "analyzer/cli.py",
        "analyzer/paths.py",
        "analyzer/models/__init__.py",
        "analyzer/models/it_manager.profile.json",
        "analyzer/models/it_manager.meta.json",
        "analyzer/models/competencies.npz",
        "analyzer/models/competencies.meta.json",
        "analyzer/models/training/statement_labels.jsonl",
        "analyzer/data/competency_areas.json",
        "analyzer/templates/report.html",
        "analyzer/templates/batch_chart.svg",
        "skills_lexicon/manifest.json",
    ):
        assert bundled in names
    (info,) = dist_info
    assert "jobfit = analyzer.cli:main" in wheel.read(f"{info}/entry_points.txt").decode()


def _installed(code: str) -> str:
    """Run ``code`` the way the installed ``jobfit`` runs: not from the checkout's directory, so
    the checkout's own ``models/`` and ``cli.py`` are not on the path."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(sys.prefix), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_installed_package_finds_its_profiles() -> None:
    out = _installed(
        "from analyzer.paths import models_dir; from analyzer.profile import bundled_profiles, load_profile;"
        "import importlib.util as u; print(models_dir().is_dir(), sorted(bundled_profiles()),"
        " load_profile().role, u.find_spec('models'), u.find_spec('cli'))"
    )
    assert out == "True ['it_manager'] IT Manager None None"


def test_installed_package_finds_its_competency_model() -> None:
    out = _installed(
        "from analyzer.competencies import bundled_model_path; "
        "from analyzer.competency_build import default_labels_path; "
        "print(bundled_model_path().is_file(), default_labels_path().is_file())"
    )
    assert out == "True True"
