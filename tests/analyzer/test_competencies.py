from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from analyzer.competencies import (
    CompetencyRecogniser,
    CueMatcher,
    StatementReadings,
    WordSenses,
    bundled_model_path,
    lexicon_area_map,
    load_cues,
    load_model,
    meta_path,
    read_statements,
)
from analyzer.document import Document
from analyzer.errors import ModelError
from analyzer.extract import Extractor
from analyzer.profile import load_profile
from analyzer.scoring import Scorer

# A tiny labelled set written for this test.
TEXTS = [
    "Supervised a team of six technicians and ran their appraisals",
    "Hired and coached new support staff",
    "Led a team of engineers across two sites",
    "Planned the yearly IT budget and cut costs by a tenth",
    "Owned the operating budget and tracked spend monthly",
    "Reduced licence costs by removing unused seats",
    "Configured routers and switches for the branch network",
    "Ran the Windows servers and the domain controllers",
    "Answered printer tickets from staff",
    "Wrote the onboarding guide for the kitchen",
]
LABELS = [
    {"leadership"},
    {"leadership"},
    {"leadership"},
    {"budgeting"},
    {"budgeting"},
    {"budgeting"},
    {"infrastructure"},
    {"infrastructure"},
    set(),
    set(),
]
AREAS = ("leadership", "budgeting", "infrastructure", "cloud")
CUES: dict[str, Sequence[str]] = {
    "leadership": ("supervis*", "team of #"),
    "budgeting": ("budget*", "cost*"),
    "infrastructure": ("router*",),
}


def _model() -> CompetencyRecogniser:
    return CompetencyRecogniser(C=4.0, min_df=1, threshold=0.5).fit(TEXTS, LABELS, AREAS, CUES)


def test_fit_learns_only_labelled_areas_and_predicts_probabilities() -> None:
    model = _model()
    assert model.areas_ == ("leadership", "budgeting", "infrastructure")
    probs = model.predict_proba(["Supervised a crew of five", "Kept the budget within plan"])
    assert probs.shape == (2, 3)
    assert probs[0].argmax() == 0 and probs[1].argmax() == 1
    assert model.predict_proba([]).shape == (0, 3)


def test_a_statement_shows_what_any_of_its_clauses_shows() -> None:
    model = _model()
    first, second = "Supervised a crew of five technicians", "kept the yearly budget within plan"
    whole, a, b = model.predict_proba([f"{first}; {second}", first, second])
    # Each area at least as likely as in its best clause: a clause is not diluted by the other.
    np.testing.assert_allclose(whole, np.maximum(whole, np.maximum(a, b)))
    assert whole[0] >= a[0] and whole[1] >= b[1]
    # A clause of fewer than three words is no clause of its own.
    short = model.predict_proba(["Budget; supervised the night shift"])
    assert np.allclose(short, model._probabilities(["Budget; supervised the night shift"]))


def test_each_probability_names_the_part_of_the_statement_that_gave_it() -> None:
    model = _model()
    text = "Supervised a crew of five technicians; kept the yearly budget within plan"
    probs, parts = model.predict_parts([text, "Led a team of engineers"])
    np.testing.assert_array_equal(probs, model.predict_proba([text, "Led a team of engineers"]))
    clause_probs = model._probabilities(
        ["Supervised a crew of five technicians", "kept the yearly budget within plan"]
    )
    for j in range(len(model.areas_)):
        k = parts[0, j]
        # -1: the whole statement's probability; k: its clause k's, the highest of them all.
        expected = model._probabilities([text])[0, j] if k < 0 else clause_probs[k, j]
        assert probs[0, j] == expected
    assert parts[0, model.areas_.index("budgeting")] == 1
    assert (parts[1] == -1).all()  # no clauses: the statement itself


def test_evidence_quotes_the_clause_that_earned_the_credit() -> None:
    # Wrapped and spaced as a PDF gives it: the clause's offsets still index the document.
    text = "Experience\n- Owned a $2.4M operating budget;   hired and\n  led a team of 75 FTEs."
    extraction = Extractor(as_of="2026-11").extract(Document(id="r", source="r", text=text))
    (statement,) = extraction.statements
    labels = {lab.id: lab for lab in statement.labels}
    assert {"budgeting", "leadership"} <= labels.keys()
    budget, lead = labels["budgeting"], labels["leadership"]
    assert text[budget.start : budget.end] == "Owned a $2.4M operating budget"
    assert text[lead.start : lead.end] == "hired and\n  led a team of 75 FTEs."
    result = Scorer(load_profile("it_manager"), as_of="2026-11").score(extraction)
    evidence = {c.id: c.evidence for c in result.competencies}
    (shown,) = [e for e in evidence["leadership"] if e.p is not None]
    assert (shown.start, shown.end, shown.text) == (lead.start, lead.end, text[lead.start : lead.end])


def assert_round_trip(model: CompetencyRecogniser, texts: list[str]) -> None:
    """The model read back from its bytes gives the same probabilities and the same bytes."""
    again = CompetencyRecogniser.from_bytes(model.to_bytes())
    np.testing.assert_allclose(model.predict_proba(texts), again.predict_proba(texts))
    assert again.to_bytes() == model.to_bytes()


def test_a_statement_read_before_is_read_from_memory_with_the_same_result() -> None:
    model = _model()
    readings = StatementReadings()
    first = ["Supervised a crew of five technicians; kept the yearly budget within plan", "Led a team"]
    again = [first[1], "Configured the branch routers", first[1], first[0]]
    for texts in (first, again, []):
        probs, parts = readings.read(model, texts)
        expected_probs, expected_parts = read_statements(model, texts)
        np.testing.assert_array_equal(probs, expected_probs)
        np.testing.assert_array_equal(parts, expected_parts)
        assert probs.shape == (len(texts), len(model.areas_))
    assert len(readings._newer) == 3
    # Another model (a cross-validation fold's, say) never reads from the first one's memory.
    other = CompetencyRecogniser(C=4.0, min_df=1, threshold=0.5).fit(TEXTS[:8], LABELS[:8], AREAS, CUES)
    np.testing.assert_array_equal(readings.read(other, first)[0], read_statements(other, first)[0])
    assert set(readings._newer) == set(first)


def test_the_memory_of_statements_is_bounded_and_keeps_those_met_often() -> None:
    model = _model()
    readings = StatementReadings(limit=4)
    readings.read(model, ["Led a team of six", "Ran the budget", "Fixed the routers"])
    readings.read(model, ["Led a team of six", "Hired two analysts", "Wrote the policy"])
    # Five new statements since the start: the newer half turned older.
    assert readings._newer == {} and len(readings._older) == 5
    readings.read(model, ["Led a team of six", "Planned the move"])  # met again: newer once more
    assert set(readings._newer) == {"Led a team of six", "Planned the move"}
    texts = ["Planned the move", "Ran the budget", "Answered tickets"]
    np.testing.assert_array_equal(readings.read(model, texts)[0], read_statements(model, texts)[0])


def test_round_trip_through_bytes_gives_identical_probabilities() -> None:
    model = _model()
    assert_round_trip(model, ["Supervised the night shift", "ofthe budget planning", "nothing at all"])
    assert _model().to_bytes() == model.to_bytes()  # a build is deterministic: same data, same bytes


def test_cues_match_prefixes_numbers_and_phrases() -> None:
    matcher = CueMatcher(
        {"leadership": ("supervis*", "team of #"), "budgeting": ("$",)}, ("leadership", "budgeting")
    )
    assert len(matcher.find(["supervised", "a", "team", "of", "14"])) == 2
    assert matcher.find(["team", "of", "engineers"]) == set()
    assert matcher.find(["$", "2", "4m"]) == {2}


def test_cues_of_many_statements_at_once_never_run_across_statements() -> None:
    matcher = CueMatcher({"leadership": ("team of #", "supervis*")}, ("leadership",))
    first, second = ["led", "the", "team"], ["of", "14", "supervisors"]
    parts = np.array([matcher.part_id(t) for t in first + second])
    rows = np.array([0] * len(first) + [1] * len(second))
    # Found: "supervis*" (cue 1) in statement 1; "team of 14" spans the two, so it is in neither.
    assert matcher.pairs(parts, rows).tolist() == [1 * len(matcher) + 1]
    assert matcher.find(first + second) == {0, 1}
    # A cue's first word alone, no later word of any cue anywhere: nothing, and no error.
    assert matcher.find(["team"]) == set()
    assert matcher.find(["the", "team", "met"]) == set()


def _naive_find(cues: Sequence[str], tokens: Sequence[str]) -> set[int]:
    """The cue rule read literally: every element matches the token at its place."""

    def matches(alt: str, token: str) -> bool:
        if alt == "#":
            return token[:1].isdigit()
        if alt == "$":
            return token in ("$", "€", "£")
        return token.startswith(alt[:-1]) if alt.endswith("*") else token == alt

    found = set()
    for cid, cue in enumerate(cues):
        elements = [e.split("|") for e in cue.split()]
        for i in range(len(tokens) - len(elements) + 1):
            if all(any(matches(a, tokens[i + k]) for a in alts) for k, alts in enumerate(elements)):
                found.add(cid)
    return found


def test_cue_matching_agrees_with_the_rule_read_literally() -> None:
    cues = ("team of #", "supervis*", "led|lead the team|staff", "$ #", "budget", "of the", "# staff|people")
    matcher = CueMatcher({"leadership": cues}, ("leadership",))
    words = "team of the 14 supervisor led lead staff $ budget people a".split()
    rng = np.random.default_rng(0)
    for _ in range(300):
        tokens = [words[i] for i in rng.integers(0, len(words), rng.integers(0, 9))]
        assert matcher.find(tokens) == _naive_find(cues, tokens), tokens


def test_a_longer_cue_is_found_across_a_split_glued_word() -> None:
    # "teamof" is not split (only function words glued in front are), "ofthe" is: the cue
    # "of the team" then starts at the first of its two parts.
    model = CompetencyRecogniser(C=4.0, min_df=1).fit(
        [*TEXTS, "the team"], [*LABELS, set()], AREAS, {**CUES, "leadership": ("of the team",)}
    )
    featurizer = model.featurizer_
    cue_column = len(featurizer.vocabulary_)
    for text, found in (("Grew ofthe team", True), ("Grew of the team", True), ("Grew the team", False)):
        _rows, cols, _vals, _dense = featurizer.features([text])
        assert (cue_column in cols.tolist()) is found, text


def test_who_the_person_is_does_not_move_probabilities() -> None:
    model = _model()
    she, they = model.predict_proba(
        ["She supervised a team of 14 in 2008", "They supervised a team of 9 in 2015"]
    )
    np.testing.assert_allclose(she, they)


def test_glued_function_words_are_split() -> None:
    # PDF text glues "of" to the next word; the rest is a known word, so it is split.
    tokens = _model().featurizer_.tokens("Planned ofthe budget with ofrouters")
    assert tokens == ["planned", "of", "the", "budget", "with", "of", "routers"]


def test_a_glued_of_seen_in_training_is_still_split_by_the_clean_vocabulary() -> None:
    # Resume text that glues "of" puts "ofthe" and "ofsecurity" among the training words; the
    # word vectors' vocabulary (clean text) decides: a token it does not know that is "of" and a
    # word it knows is split, a word it knows ("often", "office") stays whole.
    from analyzer.word_vectors import WordVectors

    known = ["the", "security", "often", "office", "budget", "it", "onboarded"]
    vectors = WordVectors.from_arrays(known, np.eye(len(known), 3), np.ones(len(known)))
    texts = [*TEXTS, "Ran audits ofsecurity and ofthe budget", "Often in the office"]
    model = CompetencyRecogniser(C=4.0, min_df=1).fit(
        texts, [*LABELS, {"budgeting"}, set()], AREAS, CUES, vectors
    )
    tokens = model.featurizer_.tokens("ofthe ofsecurity often office ofIT ofzzz")
    assert tokens == ["of", "the", "of", "security", "often", "office", "of", "it", "ofzzz"]
    # Nor is a word it knows split at another function word ("the" is a training word).
    assert model.featurizer_.tokens("onboarded thebudget") == ["onboarded", "the", "budget"]
    assert "ofthe" not in model.featurizer_.vocabulary_


def _found(text: str) -> set[str]:
    ext = Extractor(as_of="2026-11").extract(Document(id="s", source="s", text=text))
    result = Scorer(load_profile("it_manager"), as_of="2026-11").score(ext)
    return {c.id for c in result.competencies if c.status != "missing"}


@pytest.mark.parametrize(
    "text",
    [
        "Stored leftovers in airtight food containers and labelled every shelf.",
        "Completed a BASIC hygiene and food safety course.",
        "Kept the stockroom's inventory management sheet up to date.",
        # Tools named after English words, now in technology areas (configuration management).
        "Sous chef preparing sauces and managing the line during service.",
        "Performed puppet shows for children at the public library.",
    ],
)
def test_words_out_of_their_sense_credit_nothing_technical(text: str) -> None:
    assert not _found(text) & {"cloud", "software", "assets", "infrastructure", "data", "service"}


@pytest.mark.parametrize(
    ("text", "competency"),
    [
        ("Led a team of 14 engineers and help desk analysts across three sites.", "leadership"),
        ("Owned a $2.4M operating budget.", "budgeting"),
        ("Negotiated contracts with hardware suppliers and cut annual spend by 18%.", "vendors"),
        # A group of people with its size, and a contract renegotiated: cues written for the
        # guide's areas (statement_cues.json), not for one statement.
        ("Directed a department of 25 across infrastructure, applications and support.", "leadership"),
        ("Renegotiated the copier lease.", "vendors"),
        # Leading an implementation is a project (the guide), whatever the verb.
        ("Managed the delivery of a new warehouse management system for three sites.", "projects"),
    ],
)
def test_achievement_statements_credit_what_they_show(text: str, competency: str) -> None:
    assert competency in _found(text)


TECHNOLOGY = {"cloud", "software", "assets", "infrastructure", "data", "service", "continuity", "security"}


@pytest.mark.parametrize(
    ("text", "shows"),
    [
        # A word of technology beside the words of its other sense (analyzer/data/word_senses.json).
        ("Supervised servers and bartenders in a 200-seat restaurant.", {"leadership"}),
        ("Trained and scheduled a wait staff of 12 servers.", {"leadership"}),
        ("Sang backup vocals for a touring gospel choir.", set()),
        ("Served as backup goalkeeper for the county football team.", set()),
        ("Trained backup cooks for every station.", set()),
        ("Toured with the orchestra as a backup violinist.", set()),
        ("Flew cloud seeding missions for the state weather program.", set()),
        ("Replaced the firewall insulation and engine mounts on classic cars.", set()),
        # A language named after a thing, capitalised (lower case is the skills' rule).
        ("Fed the Python and cleaned the snake enclosures daily.", set()),
        ("Served Java coffee and espresso drinks to 300 customers a day.", set()),
        # Physical security is not information security (the labelling guide).
        ("Protected the building with nightly security patrols and CCTV checks.", set()),
        ("Worked as a security guard at a shopping mall.", set()),
    ],
)
def test_a_word_beside_its_other_sense_credits_nothing_technical(text: str, shows: set[str]) -> None:
    found = _found(text)
    assert not found & TECHNOLOGY
    assert shows <= found


@pytest.mark.parametrize(
    ("text", "area"),
    [
        # The other sense is named, but the rest of the statement is still about technology.
        ("Ran backups for the choir school's file servers.", "continuity"),
        ("Set up backup servers for the vaccine registry database.", "continuity"),
        ("Automated backup of the delivery drivers' route database.", "continuity"),
        (
            "Replaced the network switches, the access points and the lighting of the server room.",
            "infrastructure",
        ),
        ("Developed Java and Spring Boot applications for a coffee roaster's online store.", "software"),
        ("Taught Python programming to barista trainees.", "software"),
        ("Led the security team that guards the data centre and its firewalls.", "security"),
    ],
)
def test_a_word_in_its_technology_sense_keeps_its_credit_beside_the_other_sense(text: str, area: str) -> None:
    assert area in _found(text)


def test_word_senses_blank_only_a_word_whose_other_sense_is_named() -> None:
    senses = WordSenses(
        [{"words": ["server", "servers"], "other_sense": ["bartender*", "wait staff", "cooks"]}]
    )
    text = "Led 12 Servers and bartenders"
    assert senses.blanked(text) == "Led 12         and bartenders"  # offsets kept
    assert senses.blanked("Trained the wait staff and servers") == "Trained the wait staff and        "
    assert senses.blanked("Hired cooks; patched the servers") is not None
    assert senses.blanked("Patched the servers for the cooks' union") is not None  # a word, not a prefix
    assert senses.blanked("Patched the servers") is None
    assert senses.blanked("Hired cookstove fitters and patched servers") is None
    assert senses.blanked("Supervised bartenders and waitstaff") is None  # no two-sense word


def test_the_bundled_model_is_stamped_and_checked(tmp_path: Path) -> None:
    load_model()  # the shipped model passes its own check
    path = tmp_path / "competencies.npz"
    shutil.copy(bundled_model_path(), path)
    shutil.copy(meta_path(bundled_model_path()), meta_path(path))
    load_model(path)
    meta = json.loads(meta_path(path).read_text())
    assert meta["versions"]["scikit-learn"] and meta["inputs"] and meta["metrics"]["cross_validation"]
    with path.open("ab") as fh:
        fh.write(b"edited")
    with pytest.raises(ModelError, match="does not match its meta record"):
        load_model(path)
    meta_path(path).unlink()
    with pytest.raises(ModelError, match="meta record .* is missing"):
        load_model(path)
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "nothing.npz")
    stale = dict(meta, depends_on={"statement_cues.json": "0" * 64})
    path.write_bytes(bundled_model_path().read_bytes())
    meta_path(path).write_text(json.dumps(stale))
    with pytest.raises(ModelError, match="built with another"):
        load_model(path)


def test_bundled_model_is_small() -> None:
    assert bundled_model_path().stat().st_size < 25 * 1024 * 1024


def test_an_employers_name_on_a_role_line_is_not_a_skill_in_sense() -> None:
    # "Northwind Logistics, Springfield    Jan 2019 - Present": the employer, not supply chains.
    path = Path(__file__).resolve().parents[2] / "samples" / "alex_morgan_resume.txt"
    text = path.read_text(encoding="utf-8")
    ext = Extractor(as_of="2026-11").extract(Document(id="r", source="r", text=text, kind="resume"))
    logistics = [m for m in ext.skills if m.text == "Logistics"]
    assert logistics and not any(m.in_sense for m in logistics)
    assert any(m.in_sense for m in ext.skills if m.text == "Active Directory")  # in a bullet about it


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Worked the front desk at the Azure Bay Hotel.", "Azure"),
        ("Lifeguard at the Linux Park public pool.", "Linux"),
        ("Graduated from Oracle High School in 2009.", None),  # "Oracle" alone here is no mention
        # A technology word inside a business's name, with no product at its start.
        ("Van driver for Cloud Nine Couriers.", "Cloud"),
        ("Courier at Parcel Networks Inc.", None),
    ],
)
def test_a_product_name_inside_a_place_name_credits_nothing(text: str, product: str | None) -> None:
    ext = Extractor(as_of="2026-11").extract(Document(id="s", source="s", text=text))
    # Kept, marked out of sense; the statement is not about the product either.
    assert [m.in_sense for m in ext.skills if m.text == product] == ([False] if product else [])
    assert all(not s.labels for s in ext.statements)
    assert _found(text) == set()


def test_a_stale_model_stops_a_batch_before_its_first_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The installation's fault, not a document's: one line, a non-zero exit, no output file,
    # instead of an "internal error" row for every document.
    from click.testing import CliRunner

    from analyzer import competencies
    from cli import main

    path = tmp_path / "competencies.npz"
    shutil.copy(bundled_model_path(), path)
    meta = json.loads(meta_path(bundled_model_path()).read_text())
    meta_path(path).write_text(json.dumps(dict(meta, depends_on={"statement_cues.json": "0" * 64})))
    monkeypatch.setattr(competencies, "bundled_model_path", lambda: path)
    (tmp_path / "a.txt").write_text("Led a team of 14 engineers.", encoding="utf-8")
    out = tmp_path / "scores.csv"
    for command in (
        ["score", str(tmp_path / "a.txt"), "--out", str(out)],
        ["extract", str(tmp_path / "a.txt")],
    ):
        result = CliRunner().invoke(main, command)
        assert result.exit_code != 0 and not out.exists()
        assert (
            result.stderr.strip().count("\n") == 0
            and "model:" in result.stderr
            and "make model" in result.stderr
        )


def test_areas_follow_the_labelling_guide() -> None:
    # Backups alone are continuity, telephony and VoIP are infrastructure (GUIDE.md's areas).
    area_map = lexicon_area_map()
    assert area_map["tech:veeam"] == ("continuity",) and area_map["tech:commvault"] == ("continuity",)
    assert area_map["tech:avaya"] == ("infrastructure",)
    assert area_map["tech:voice-over-internet-protocol-voip-system"] == ("infrastructure",)


def test_features_are_the_same_from_many_threads() -> None:
    # The web server's worker threads share one recogniser, whose token tables grow as words come.
    from concurrent.futures import ThreadPoolExecutor

    words = "supervised team of budget costs router the a planned owned 14 staff".split()
    rng = np.random.default_rng(1)
    batches = [[" ".join(rng.choice(words, 6)) + f" w{b}x{i}" for i in range(5)] for b in range(40)]
    alone = [_model().predict_proba(batch) for batch in batches]
    shared = _model()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, to meet a race if there is one
    try:
        with ThreadPoolExecutor(8) as pool:
            together = list(pool.map(shared.predict_proba, batches))
    finally:
        sys.setswitchinterval(interval)
    for a, b in zip(alone, together, strict=True):
        np.testing.assert_allclose(a, b)


def test_features_stay_the_same_when_the_token_tables_start_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # A long batch fills the tables; past the bound they start again, and no id learned before
    # may leak into what comes after.
    from analyzer import competencies

    batches = [
        [f"Supervised a team of {i} and the budget w{i}", "Configured routers for staff"] for i in range(12)
    ]
    expected = [_model().predict_proba(batch) for batch in batches]
    model = _model()
    monkeypatch.setattr(competencies, "_CACHE_LIMIT", 5)
    for batch, want in zip(batches, expected, strict=True):
        np.testing.assert_allclose(model.predict_proba(batch), want)
    assert len(model.featurizer_._table) < 40  # it did start again


@pytest.mark.parametrize(
    ("text", "software"),
    [
        # A language's name in lower case is the snake or the coffee, unless it is in a list or
        # beside a word of programming; the recogniser does not read it as the language either.
        ("Fed the python and the boa constrictor at the reptile house.", False),
        ("Brewed java and espresso for customers at a busy café.", False),
        ("Wrote python scripts that create user accounts.", True),
        ("Senior java developer for the billing platform.", True),
    ],
)
def test_a_language_named_in_lower_case_is_the_english_word_alone(text: str, software: bool) -> None:
    ext = Extractor(as_of="2026-11").extract(Document(id="s", source="s", text=text))
    assert bool([m for m in ext.skills if m.id in ("skill:python", "skill:java")]) is software
    assert ("software" in _found(text)) is software


def test_technology_only_statements_teach_only_the_technology_areas() -> None:
    # A statement sampled for the senses of technology words ("the firewall of the stove") is
    # labelled by the guide, but the management areas and the vocabulary learn without it.
    extra = ["Kept the firewall of the stove clean and led the kitchen staff briefing"]
    texts, labels = [*TEXTS, *extra], [*LABELS, {"leadership"}]
    only = [False] * len(TEXTS) + [True]
    base = CompetencyRecogniser(C=4.0, min_df=1).fit(TEXTS, LABELS, AREAS, CUES)
    model = CompetencyRecogniser(C=4.0, min_df=1).fit(texts, labels, AREAS, CUES, technology_only=only)
    assert model.featurizer_.vocabulary_ == base.featurizer_.vocabulary_
    lead, infra = model.areas_.index("leadership"), model.areas_.index("infrastructure")
    np.testing.assert_array_equal(model.coef_[:, lead], base.coef_[:, lead])
    assert not np.array_equal(model.coef_[:, infra], base.coef_[:, infra])
    # Marked as ordinary statements, they move the management areas too.
    plain = CompetencyRecogniser(C=4.0, min_df=1).fit(texts, labels, AREAS, CUES)
    assert plain.featurizer_.vocabulary_ != base.featurizer_.vocabulary_


def test_a_name_that_holds_an_other_sense_word_moves_nothing() -> None:
    senses = WordSenses([{"words": ["switches"], "other_sense": ["railway*"]}])
    assert senses.blanked("Replaced the switches at the Railway Street office") is None
    assert senses.blanked("Maintained the railway switches") is not None
    assert senses.blanked("Railway switches: maintained and oiled") is not None  # the first word


def test_a_cue_word_the_models_never_read_is_refused(tmp_path: Path) -> None:
    # Tokens are read with numbers as their shape ("3-year" is "0-year", "365" is "0"): a cue
    # written with the digits could never match, and once three such cues sat unnoticed.
    load_cues()  # the bundled cues are all readable
    for bad, word in (("3-year plan*", "3-year"), ("office 365", "365"), ("1-on-1*", "1-on-1")):
        path = tmp_path / "statement_cues.json"
        path.write_text(json.dumps({"strategy": ["roadmap*", bad]}), encoding="utf-8")
        with pytest.raises(ModelError, match=f"can never match '{word}'"):
            load_cues(path)
    path.write_text(json.dumps({"strategy": ["0-year plan*", "# staff", "$"]}), encoding="utf-8")
    assert load_cues(path) == {"strategy": ("0-year plan*", "# staff", "$")}
