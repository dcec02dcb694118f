from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer.errors import ProfileError
from analyzer.profile import (
    build_profile,
    list_context,
    load_profile,
    profile_bytes,
    save_profile,
    title_terms,
)

DOCS = {
    "a.txt": (
        "What an IT manager does\n"
        "Key responsibilities\n"
        "- Lead the IT team and handle hiring and mentoring.\n"
        "- Own the IT budget and vendor management.\n"
        "- Keep cybersecurity and disaster recovery plans current.\n"
        "A bachelor's degree in computer science is expected, with 5+ years of experience in IT management.\n"
    ),
    "b.txt": (
        "IT managers run IT service management, help desk and network administration.\n"
        "They write IT policies, manage projects (project management) and talk to stakeholders.\n"
        "Certifications such as PMP, ITIL 4 Foundation and CompTIA Security+ help.\n"
        "Most hold a Bachelor's degree in information technology.\n"
    ),
    "c.txt": (
        "Skills needed\n"
        "- Leadership and communication\n"
        "- Budgeting and vendor management\n"
        "- Cybersecurity, compliance and risk management\n"
        "- Cloud computing with AWS and Azure\n"
        "- Business continuity and disaster recovery\n"
        "Useful certifications: PMP, CISSP.\n"
    ),
}
ONET_TASKS = (
    "O*NET-SOC Code\tTitle\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\n"
    "11-3021.00\tCIS Managers\t1\tDirect daily operations and prepare the IT budget.\tCore\t1\t07/2016\tx\n"
    "11-3021.00\tCIS Managers\t2\tReview disaster recovery and network security plans."
    "\tSupplemental\t1\t07/2016\tx\n"
)
ONET_TITLES = (
    "O*NET-SOC Code\tTitle\tAlternate Title\tShort Title\tSource(s)\n"
    "11-3021.00\tCIS Managers\tInformation Technology Manager (IT Manager)\t\t\n"
    "11-3021.00\tCIS Managers\tInformation Systems Director\t\t\n"
    "11-3021.00\tCIS Managers\tNetwork Manager\t\t\n"
    "11-3021.00\tCIS Managers\tNetwork Systems Director\t\t\n"
)


@pytest.fixture(scope="module")
def role_dirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("role")
    docs = root / "it_manager"
    docs.mkdir()
    for name, text in DOCS.items():
        (docs / name).write_text(text, encoding="utf-8")
    onet = root / "11-3021.00"
    onet.mkdir()
    (onet / "Task Statements.tsv").write_text(ONET_TASKS, encoding="utf-8")
    (onet / "Alternate Titles.tsv").write_text(ONET_TITLES, encoding="utf-8")
    return docs, onet


def test_build_is_deterministic_and_byte_identical(role_dirs, tmp_path: Path) -> None:
    docs, onet = role_dirs
    first = build_profile(docs, role="IT Manager", onet_dir=onet)
    second = build_profile(docs, role="IT Manager", onet_dir=onet)
    assert profile_bytes(first) == profile_bytes(second)
    a, b = tmp_path / "a.profile.json", tmp_path / "b.profile.json"
    save_profile(first, a, built="2026-01-01")
    save_profile(second, b, built="2026-02-02")
    assert a.read_bytes() == b.read_bytes()


def test_profile_content_comes_from_the_documents(role_dirs) -> None:
    docs, onet = role_dirs
    profile = build_profile(docs, role="IT Manager", onet_dir=onet)
    names = {c.id for c in profile.competencies}
    assert {"leadership", "budgeting", "vendors", "security", "continuity"} <= names
    assert 15 <= len(profile.competencies) <= 30 or len(profile.competencies) == len(names)
    assert abs(sum(c.weight for c in profile.competencies) - 1.0) < 0.01
    budgeting = next(c for c in profile.competencies if c.id == "budgeting")
    assert budgeting.evidence["documents"] >= 2
    assert budgeting.evidence["onet"] == 1.0  # a Core O*NET task names the IT budget
    # Provenance: document names and offsets that point at the mention, no copied sentences.
    for p in budgeting.provenance:
        text = DOCS[p.doc]
        assert 0 <= p.start < p.end <= len(text)
    assert profile.requirements.education_level == "bachelor"
    assert profile.requirements.years_min == 5
    assert "cert:pmp" in {c.id for c in profile.requirements.certifications}
    assert {"information", "network", "systems", "it"} <= set(profile.title_terms)


def test_higher_weight_for_competencies_named_more_widely(role_dirs) -> None:
    docs, onet = role_dirs
    profile = build_profile(docs, role="IT Manager", onet_dir=onet)
    weights = {c.id: c.weight for c in profile.competencies}
    assert weights["budgeting"] > weights.get("office", 0.0)


def test_list_context() -> None:
    text = "Key responsibilities\n- Own the budget\nSkills needed\n- Leadership\nPlain sentence budget.\n"
    assert list_context(text, text.index("budget")) == "responsibilities"
    assert list_context(text, text.index("Leadership")) == "requirements"
    assert list_context(text, text.rindex("budget")) is None


def test_title_terms_drop_rank_words() -> None:
    terms = title_terms(["Network Manager", "Network Director", "IT Manager", "IT Director"])
    assert terms == ("it", "network")


def test_bundled_profile_loads_and_matches_lexicon() -> None:
    profile = load_profile("it_manager")
    assert profile.role == "IT Manager"
    assert 15 <= len(profile.competencies) <= 30
    assert "O*NET" in profile.credit


def test_edited_profile_is_refused(tmp_path: Path, role_dirs) -> None:
    docs, onet = role_dirs
    path = tmp_path / "x.profile.json"
    save_profile(build_profile(docs, role="IT Manager", onet_dir=onet), path)
    data = json.loads(path.read_text())
    data["competencies"][0]["weight"] = 0.99
    path.write_text(json.dumps(data))
    with pytest.raises(ProfileError, match="does not match its meta record"):
        load_profile(str(path))


def test_profile_from_other_lexicon_is_refused(tmp_path: Path, role_dirs) -> None:
    docs, onet = role_dirs
    path = tmp_path / "y.profile.json"
    profile = build_profile(docs, role="IT Manager", onet_dir=onet)
    import dataclasses

    save_profile(dataclasses.replace(profile, lexicon_sha256="0" * 64), path)
    with pytest.raises(ProfileError, match="rebuild"):
        load_profile(str(path))


def test_missing_meta_and_unknown_name(tmp_path: Path, role_dirs) -> None:
    docs, _ = role_dirs
    path = tmp_path / "z.profile.json"
    save_profile(build_profile(docs, role="IT Manager"), path)
    (tmp_path / "z.meta.json").unlink()
    with pytest.raises(ProfileError, match="meta record"):
        load_profile(str(path))
    with pytest.raises(ProfileError, match="no profile"):
        load_profile("no_such_profile")


def test_empty_role_dir_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="no .txt"):
        build_profile(tmp_path, role="X")


def test_profile_carries_its_policy(tmp_path: Path, role_dirs) -> None:
    import dataclasses

    from analyzer.policy import DEFAULT_POLICY, ScoringPolicy

    docs, onet = role_dirs
    built = build_profile(docs, role="IT Manager", onet_dir=onet)
    assert built.format == 2 and built.policy == DEFAULT_POLICY
    path = tmp_path / "p.profile.json"
    other = ScoringPolicy(bands=((80.0, "strong"), (0.0, "weak")), item_penalty=30.0)
    save_profile(dataclasses.replace(built, policy=other), path)
    data = json.loads(path.read_text())
    assert data["format"] == 2 and data["policy"]["bands"] == [[80.0, "strong"], [0.0, "weak"]]
    assert load_profile(str(path)).policy == other


def test_format_1_profile_is_refused_with_the_rebuild_command(tmp_path: Path, role_dirs) -> None:
    docs, _ = role_dirs
    path = tmp_path / "old.profile.json"
    save_profile(build_profile(docs, role="IT Manager"), path)
    data = json.loads(path.read_text())
    data["format"] = 1
    del data["policy"]
    path.write_text(json.dumps(data))
    with pytest.raises(ProfileError, match=r"format 1.*make profile") as err:
        load_profile(str(path), check=False)
    assert "\n" not in str(err.value)


def test_bundled_profile_is_format_2_with_the_default_policy() -> None:
    from analyzer.policy import DEFAULT_POLICY

    bundled = load_profile("it_manager")
    assert bundled.format == 2 and bundled.policy == DEFAULT_POLICY


def test_a_second_role_scores_statements_with_the_same_model(tmp_path: Path) -> None:
    """The recogniser's areas are role-independent: a profile built from another role's
    documents credits what statements show, with no model of its own; and the profile takes a
    competency from what the role's duties show, not only from the skills they name."""
    from analyzer.document import Document
    from analyzer.extract import Extractor
    from analyzer.profile import STATEMENT_EVIDENCE
    from analyzer.scoring import Scorer

    docs = tmp_path / "service_desk_supervisor"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "Service Desk Supervisor\nResponsibilities\n- Supervise and coach a team of service desk analysts.\n"
        "- Manage ticket queues and SLAs in ServiceNow.\n- Train end users and write support procedures.\n"
        "Requirements\n- 3+ years of help desk experience.\n- ITIL 4 Foundation.\n",
        encoding="utf-8",
    )
    (docs / "b.txt").write_text(
        "Help Desk Supervisor\nWhat you will do\n- Hire, train and supervise the help desk analysts.\n"
        "- Track tickets and service levels; report on them to IT management.\n"
        "What you bring\n- Experience with ITIL and ServiceNow.\n",
        encoding="utf-8",
    )
    profile = build_profile(docs, role="Service Desk Supervisor")
    leadership = next(c for c in profile.competencies if c.id == "leadership")
    # No leadership skill is named: the supervising duties show it.
    assert {p.id for p in leadership.provenance} == {STATEMENT_EVIDENCE}
    assert leadership.evidence["documents"] == 2
    resume = (
        "Experience\n- Hired, trained and supervised a team of 11 analysts.\n- Fed the ducks at the pond.\n"
    )
    ext = Extractor(as_of="2026-11").extract(Document(id="r", source="r", text=resume))
    scored = next(c for c in Scorer(profile, as_of="2026-11").score(ext).competencies if c.id == "leadership")
    assert scored.status == "met"
    assert [ev.text for ev in scored.evidence if ev.p is not None] == [
        "Hired, trained and supervised a team of 11 analysts."
    ]


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("IT manager, based in Ipswich", "IT manager"),
        ("Accounting Manager (100% Remote)", "Accounting Manager"),
        ("Principal Backend Engineer, Grafana (Remote, Spain)", "Principal Backend Engineer, Grafana"),
        ("Sr. Data Engineer, US Remote", "Sr. Data Engineer"),
        ("**IT Manager**", "IT Manager"),
        # What the job is stays.
        ("Senior Software Engineer (Backend)", "Senior Software Engineer (Backend)"),
        ("Director, IT Operations", "Director, IT Operations"),
        ("Remote Sensing Analyst", "Remote Sensing Analyst"),
    ],
)
def test_a_posting_title_drops_where_and_how_the_job_is_done(title: str, clean: str) -> None:
    # The title a resume's roles are matched against, and whose words are the field.
    from analyzer.profile import clean_title

    assert clean_title(title) == clean
