"""The shipped lexicon data is well formed, and the build that generates part of it is stable."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import spacy

import skills_lexicon
from analyzer.errors import LexiconError
from analyzer.lexicon import Entry, Lexicon, data_files, read_lexicon
from skills_lexicon import build

ROOT = Path(skills_lexicon.__file__).resolve().parent


def _norm(form: str) -> str:
    return re.sub(r"[\s\-]+", "", form.casefold())


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return read_lexicon(ROOT)


@pytest.fixture(scope="module")
def by_form(lexicon: Lexicon) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for entry in lexicon.entries:
        for form in entry.surface_forms:
            out.setdefault(form.casefold(), entry)
    return out


def test_every_file_is_sorted_canonical_jsonl() -> None:
    files = data_files(ROOT)
    assert any(p.parent.name == "curated" for p in files)
    assert any(p.parent.name == "generated" for p in files)
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines]
        # Canonical serialisation keeps diffs small and the build byte-identical.
        assert lines == [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
        ids = [r["id"] for r in records]
        assert ids == sorted(ids), path.name


def test_ids_are_unique(lexicon: Lexicon) -> None:
    dupes = [i for i, n in Counter(e.id for e in lexicon.entries).items() if n > 1]
    assert dupes == []


def test_no_normalized_form_belongs_to_two_ids(lexicon: Lexicon) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for entry in lexicon.entries:
        for form in entry.surface_forms:
            key = _norm(form)
            if owner.setdefault(key, entry.id) != entry.id:
                clashes.append((form, owner[key], entry.id))
    assert clashes == []


def test_every_form_is_nonempty_and_tokenizes(lexicon: Lexicon) -> None:
    nlp = spacy.blank("en")
    for entry in lexicon.entries:
        assert entry.name.strip() == entry.name and entry.name, entry.id
        for form in entry.aliases:
            assert form.strip(), entry.id
            assert len(nlp.make_doc(form)) >= 1, (entry.id, form)
        for form in entry.case_sensitive:
            assert form in entry.surface_forms, (entry.id, form)


def test_certifications_have_issuer_and_level(lexicon: Lexicon) -> None:
    certs = [e for e in lexicon.entries if e.type == "certification"]
    assert len(certs) >= 60
    missing = [e.id for e in certs if not e.issuer or not e.level]
    assert missing == []
    assert all(e.id.startswith("cert:") for e in certs)


def test_lexicon_is_large_enough(lexicon: Lexicon) -> None:
    skills = [e for e in lexicon.entries if e.type != "certification"]
    assert len(skills) >= 1000
    assert {e.type for e in lexicon.entries} == {
        "hard_skill",
        "tool",
        "domain",
        "soft_skill",
        "certification",
        "language",
    }


@pytest.mark.parametrize(
    ("form", "entry_id"),
    [
        ("C#", "skill:csharp"),
        (".NET", "skill:dotnet"),
        ("Go", "skill:go"),
        ("Golang", "skill:go"),
        ("R", "skill:r"),
        ("C", "skill:c"),
        ("C++", "skill:cpp"),
        ("F#", "skill:fsharp"),
        ("Node.js", "tech:nodejs"),
        ("Excel", "tech:microsoft-excel"),
        ("MS Excel", "tech:microsoft-excel"),
        ("CompTIA A+", "cert:comptia-a-plus"),
        ("A+ certification", "cert:comptia-a-plus"),
        ("ITIL 4", "cert:itil-4-foundation"),
        ("ITIL Foundation", "cert:itil-4-foundation"),
        ("PMP", "cert:pmp"),
        ("Project Management Professional", "cert:pmp"),
        ("ITIL", "method:itil"),
        ("ITSM", "domain:itsm"),
        ("IT service management", "domain:itsm"),
        ("k8s", "tech:kubernetes"),
        ("AD", "tech:active-directory"),
        ("English", "lang:english"),
        ("information technology", "domain:information-technology"),
        ("banking", "domain:banking"),
    ],
)
def test_tricky_forms_resolve_to_the_right_id(by_form: dict[str, Entry], form: str, entry_id: str) -> None:
    assert by_form[form.casefold()].id == entry_id


@pytest.mark.parametrize("entry_id", ["skill:go", "skill:r", "tech:microsoft-excel", "skill:swift"])
def test_short_common_word_names_are_ambiguous(lexicon: Lexicon, entry_id: str) -> None:
    assert lexicon.get(entry_id).ambiguous


@pytest.mark.parametrize("entry_id", ["skill:python", "skill:java", "skill:ruby", "skill:swift"])
def test_languages_named_after_english_words_say_so(lexicon: Lexicon, entry_id: str) -> None:
    # In lower case they are the snake, the coffee, the gem, the bird, unless programming is near.
    assert lexicon.get(entry_id).lower_case_word


def test_only_names_that_are_words_are_lower_case_words(lexicon: Lexicon) -> None:
    flagged = {e.name for e in lexicon.entries if e.lower_case_word}
    assert not flagged & {"JavaScript", "TypeScript", "HTML", "Kotlin", "PHP"}


def test_english_words_are_case_sensitive_acronyms(lexicon: Lexicon) -> None:
    # "it" and "ad" in prose are pronoun and advert, not IT and Active Directory.
    # Bare "IT" names a department or a title word as often as a skill: it needs context too.
    assert "IT" in lexicon.get("domain:information-technology").case_sensitive
    assert lexicon.get("domain:information-technology").ambiguous
    assert "AD" in lexicon.get("tech:active-directory").case_sensitive
    assert "R" in lexicon.get("skill:r").case_sensitive


def test_generated_records_name_their_onet_source(lexicon: Lexicon) -> None:
    sources = Counter(e.source for e in lexicon.entries)
    assert sources["onet:11-3021.00"] > 0
    assert sources["onet:all"] > 0
    generated = [e for e in lexicon.entries if e.source.startswith("onet:")]
    assert all(e.id.startswith("tech:") for e in generated)


# --- the build, on a tiny fake O*NET -----------------------------------------------------

HEADER = "O*NET-SOC Code\tTitle\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand\n"
MANAGER_ROWS = [
    ("11-3021.00", "Amazon Web Services AWS software", "Data base user interface and query software"),
    ("11-3021.00", "Microsoft Word", "Word processing software"),
    ("11-3021.00", "Microsoft Excel", "Spreadsheet software"),
    ("11-3021.00", "Oracle PeopleSoft", "Enterprise resource planning ERP software"),
    ("11-3021.00", "Slack", "Instant messaging software"),
]
ALL_ROWS = [
    ("15-1252.00", "Apache Kafka", "Enterprise application integration software", "N"),
    ("15-1252.00", "Amazon Web Services AWS software", "Cloud-based management software", "N"),
    ("29-1141.00", "Epic Systems", "Medical software", "Y"),
    ("43-4051.00", "Zendesk Suite", "Helpdesk or call center software", "N"),
    ("13-2011.00", "Intuit QuickBooks", "Accounting software", "Y"),
]
TASKS = "O*NET-SOC Code\tTitle\tTask ID\tTask\n15-1252.00\tDev\t1\tType a word and access the project.\n"
CURATED = {
    "id": "tech:microsoft-excel",
    "name": "Excel",
    "aliases": ["Microsoft Excel"],
    "type": "tool",
    "category": "spreadsheet",
    "source": "curated",
    "ambiguous": True,
}


def _fake_onet(root: Path) -> Path:
    onet = root / "onet"
    (onet / "11-3021.00").mkdir(parents=True)
    (onet / "all_occupations").mkdir()
    manager = "".join(f"{c}\tT\t{e}\t1\t{t}\tN\tN\n" for c, e, t in MANAGER_ROWS)
    (onet / "11-3021.00" / "Technology Skills.tsv").write_text(HEADER + manager, encoding="utf-8")
    everyone = "".join(f"{c}\tT\t{e}\t1\t{t}\t{h}\tN\n" for c, e, t, h in ALL_ROWS)
    (onet / "all_occupations" / "Technology Skills.tsv").write_text(HEADER + everyone, encoding="utf-8")
    (onet / "all_occupations" / "Task Statements.tsv").write_text(TASKS, encoding="utf-8")
    curated = root / "lex" / "curated"
    curated.mkdir(parents=True)
    (curated / "tools.jsonl").write_text(json.dumps(CURATED, sort_keys=True) + "\n")
    return onet


def _records(path: Path) -> dict[str, dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {r["name"]: r for r in map(json.loads, lines)}


def test_build_is_deterministic(tmp_path: Path) -> None:
    onet = _fake_onet(tmp_path)
    curated = tmp_path / "lex" / "curated"
    first, second = tmp_path / "out1", tmp_path / "out2"
    build.build(onet, first, curated)
    build.build(onet, second, curated)
    names = sorted(p.name for p in first.glob("*.jsonl"))
    assert names == ["onet_11-3021.jsonl", "onet_it.jsonl"]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_build_derives_aliases_and_skips_claimed_or_generic(tmp_path: Path) -> None:
    onet = _fake_onet(tmp_path)
    out = tmp_path / "lex" / "generated"
    counts = build.build(onet, out, tmp_path / "lex" / "curated")
    manager = _records(out / "onet_11-3021.jsonl")
    aws = manager["Amazon Web Services"]
    assert aws["id"] == "tech:amazon-web-services"
    assert aws["source"] == "onet:11-3021.00"
    assert "AWS" in aws["aliases"] and aws["case_sensitive"] == ["AWS"]
    # The product name alone is distinctive; "Word" alone is an English word.
    assert "PeopleSoft" in manager["Oracle PeopleSoft"]["aliases"]
    assert "Word" not in manager["Microsoft Word"]["aliases"]
    assert "Slack" not in manager  # a plain word on its own
    assert "Microsoft Excel" not in manager  # the curated record owns it
    everyone = _records(out / "onet_it.jsonl")
    assert set(everyone) == {"Apache Kafka", "Intuit QuickBooks"}
    assert everyone["Apache Kafka"]["source"] == "onet:all"
    assert "Kafka" in everyone["Apache Kafka"]["aliases"]
    assert counts == {"onet_11-3021.jsonl": 3, "onet_it.jsonl": 2}
    # The output loads with the real reader next to its curated file.
    lex = read_lexicon(tmp_path / "lex")
    assert "tech:apache-kafka" in lex and "tech:microsoft-excel" in lex


def test_build_reports_missing_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(LexiconError, match="not found"):
        build.build(tmp_path / "nope", tmp_path / "out", tmp_path)
    assert build.main(["--onet", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("example", "name", "alias"),
    [
        ("Structured query language SQL", "Structured query language", "SQL"),
        ("Microsoft SQL Server Reporting Services SSRS", "Microsoft SQL Server Reporting Services", "SSRS"),
        ("Atlassian JIRA", "Atlassian JIRA", "JIRA"),
        ("Red Hat Enterprise Linux", "Red Hat Enterprise Linux", "Enterprise Linux"),
    ],
)
def test_candidate_from_example(example: str, name: str, alias: str) -> None:
    cand = build.candidate_from_example(example, "c", "s", frozenset({"word", "access"}))
    assert cand is not None
    assert cand.name == name
    assert alias in cand.aliases


def test_candidate_drops_plain_words() -> None:
    vocab = frozenset({"billing", "box"})
    assert build.candidate_from_example("Billing software", "c", "s", vocab) is None
    assert build.candidate_from_example("Box", "c", "s", vocab) is None


GENERAL_PREFIXES = ("work:", "know:", "trait:")


def test_general_work_records_are_labelled_and_outside_it_areas(lexicon: Lexicon) -> None:
    from analyzer.profile import area_members, load_areas

    general = [e for e in lexicon.entries if e.id.startswith(GENERAL_PREFIXES)]
    assert len(general) >= 100
    for entry in general:
        assert entry.category.startswith("general work: "), entry.id
        assert entry.source == "curated", entry.id
        assert entry.type in ("hard_skill", "domain", "soft_skill"), entry.id
    # Work styles are adjectives: they count only with context ("an innovative company" is not).
    assert all(e.ambiguous for e in general if e.id.startswith("trait:"))
    # General work skills must not move IT Manager scores: none is in an IT competency area.
    members = area_members(load_areas(), lexicon)
    in_areas = {i for ids in members.values() for i in ids}
    assert not [e.id for e in general if e.id in in_areas]


def test_general_work_refs_name_their_esco_or_onet_source() -> None:
    lines = (ROOT / "curated" / "general_work.jsonl").read_text(encoding="utf-8").splitlines()
    refs = [json.loads(line).get("ref") for line in lines]
    assert sum(r is not None for r in refs) >= 30
    assert all(r is None or re.match(r"(?:O\*NET \d(?:\.[A-Z0-9a-z]+)+ \S|ESCO \S)", r) for r in refs)


def test_components_follow_the_esco_onet_split(lexicon: Lexicon) -> None:
    """Knowledge (a body of facts: O*NET Knowledge 2.C, tools, domains) vs skill (the ability to do
    tasks: O*NET Skills 2.A/2.B, Work Styles 1.C, soft skills, the general work task skills)."""
    refs = {}
    for line in (ROOT / "curated" / "general_work.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        refs[record["id"]] = record.get("ref") or ""
    for entry in lexicon.entries:
        ref = refs.get(entry.id, "")
        if entry.type == "soft_skill" or re.match(r"O\*NET (?:1\.C|2\.A|2\.B)\.", ref):
            assert entry.component == "skill", entry.id
        elif ref.startswith("O*NET 2.C.") or entry.type in ("tool", "domain", "language", "certification"):
            assert entry.component == "knowledge", entry.id
    # General work task skills are skills unless their source concept is knowledge.
    knowledge_source = re.compile(r"O\*NET 2\.C\.|ESCO .* techniques$")
    for entry in lexicon.entries:
        if entry.id.startswith("work:") and not knowledge_source.match(refs[entry.id]):
            assert entry.component == "skill", entry.id
    # Only the general work records say so explicitly: IT hard skills stay knowledge (SkillSpan's
    # KNOWLEDGE tags "Java", "Scrum").
    assert {e.id for e in lexicon.entries if e.component == "skill" and e.type != "soft_skill"} <= set(refs)


def test_unknown_component_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "curated").mkdir()
    record = {"id": "x:a", "name": "a", "aliases": [], "type": "hard_skill", "category": "c", "source": "s"}
    (tmp_path / "curated" / "a.jsonl").write_text(json.dumps({**record, "component": "trait"}) + "\n")
    with pytest.raises(LexiconError, match="unknown component"):
        read_lexicon(tmp_path)
    (tmp_path / "curated" / "a.jsonl").write_text(json.dumps(record) + "\n")
    assert read_lexicon(tmp_path).entries[0].component == "knowledge"


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("Experience in cash handling and stock rotation.", "work:cash-handling"),
        ("Forklift operation and pick and pack in a busy warehouse.", "work:forklift"),
        ("Food hygiene and HACCP standards.", "work:food-safety"),
        ("We need someone analytical, team player, positive attitude.", "trait:analytical"),
        ("Skills: cleaning, driving, customer service", "work:cleaning"),
        ("Able to work independently.", "trait:independent"),
    ],
)
def test_general_work_skills_are_found(text: str, entry_id: str) -> None:
    from analyzer.document import Document
    from analyzer.extract import Extractor

    ext = Extractor(as_of="2026-11").extract(Document("t", "t", text, kind="posting"))
    assert entry_id in {m.id for m in ext.skills}


@pytest.mark.parametrize(
    "text",
    [
        "We are an innovative company with structured pay.",
        "Teaching hospital in a flexible office.",
        "Cleaning up the data model before driving the roadmap.",
    ],
)
def test_general_work_words_in_prose_are_not_skills(text: str) -> None:
    from analyzer.document import Document
    from analyzer.extract import Extractor

    ext = Extractor(as_of="2026-11").extract(Document("t", "t", text, kind="posting"))
    assert not [m.id for m in ext.skills if m.id.startswith(GENERAL_PREFIXES)]


def test_tools_sit_in_the_areas_the_labelling_guide_files_them_under(lexicon: Lexicon) -> None:
    # The guide: security covers access rights (sign-in, MFA, identity providers); directory
    # services are infrastructure, as are the tools that watch networks and servers; remote
    # monitoring and management of users' machines is support (like endpoint management);
    # configuration management and application servers run servers; database tools are data.
    from analyzer.profile import area_members, load_areas

    members = area_members(load_areas(), lexicon)
    area_of: dict[str, set[str]] = {}
    for area, ids in members.items():
        for i in ids:
            area_of.setdefault(i, set()).add(area)
    expected = {
        "tech:multi-factor-authentication": {"security"},
        "tech:okta": {"security"},
        "tech:active-directory": {"infrastructure"},
        "tech:group-policy": {"infrastructure"},
        "tech:solarwinds": {"infrastructure"},
        "tech:nagios": {"infrastructure"},
        "tech:kaseya": {"service"},
        "tech:ansible": {"infrastructure"},
        "tech:tomcat": {"infrastructure"},
        "tech:ssms": {"data"},
    }
    assert {i: area_of.get(i, set()) for i in expected} == expected


def test_words_that_make_a_form_another_name_are_lower_case_words(lexicon: Lexicon) -> None:
    with_words = [e for e in lexicon.entries if e.not_before]
    assert "manager" in lexicon.get("skill:hiring").not_before
    for entry in with_words:
        assert all(w.isalpha() and w.islower() for w in entry.not_before), entry.id
    # Words before a form: one token each as the tokenizer splits them ("we're" -> "we" "'re").
    assert {"is", "are", "'re"} <= set(lexicon.get("skill:hiring").not_after)
    for entry in lexicon.entries:
        assert all(w == w.lower() and " " not in w for w in entry.not_after), entry.id
