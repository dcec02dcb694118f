"""--redact finds the name as scoring does (skills.name_ranges): title lines, headers, repeats."""

from __future__ import annotations

import pytest

from analyzer.batch import iter_batch, make_config, redact_record, resume_names
from analyzer.redact import redact
from analyzer.skills import person_name

AS_OF = "2026-11"
BODY = (
    "\nSummary\nIT Manager with 10 years running IT budgets, the service desk (ITIL) and Azure.\n"
    "\nExperience\nIT Manager, Acme\nJan 2016 - Present\n"
    "- Doe led the ITIL rollout; Jane Doe owned IT budgets.\n"
)


@pytest.mark.parametrize(
    ("head", "name"),
    [
        ("Jane Doe\njane@example.com", "Jane Doe"),
        ("Senior IT Manager\nJane Doe\njane@example.com", "Jane Doe"),  # a title line first
        ("Resume\nJane Doe", "Jane Doe"),
        ("RESUME\n\nJane Doe", "Jane Doe"),
        ("Curriculum Vitae\nJane Doe", "Jane Doe"),
        ("Senior IT Manager\njane@example.com", None),  # no name line: nothing is a name
        ("Name: María José de la Cruz | +34 600 123 456", "María José de la Cruz"),
    ],
)
def test_the_name_is_found_as_scoring_finds_it(head: str, name: str | None) -> None:
    assert person_name(head + "\n" + BODY) == name
    assert resume_names(head + "\n" + BODY) == ((name,) if name else ())


def test_title_words_are_never_redacted_as_a_name() -> None:
    text = "Senior IT Manager\nJane Doe\n" + BODY
    out = redact("IT Manager; IT budgets; Jane Doe; Doe led", resume_names(text))
    assert out == "IT Manager; IT budgets; [name]; [name] led"


@pytest.mark.parametrize("header", ["Senior IT Manager", "Resume", "Curriculum Vitae"])
def test_batch_redaction_keeps_titles_and_removes_repeated_names(tmp_path, header: str) -> None:  # noqa: ANN001
    path = tmp_path / "cv.txt"
    path.write_text(f"{header}\nJane Doe\njane@example.com\n{BODY}", encoding="utf-8")
    [record] = iter_batch([str(path)], make_config("it_manager", as_of=AS_OF, redact=True))
    texts = [e["text"] for g in ("competencies", "requirements") for i in record[g] for e in i["evidence"]]
    joined = " ".join(texts)
    assert "Jane" not in joined and "Doe" not in joined
    assert "[name] [name]" not in joined and "IT Manager" in joined


def test_redact_record_replaces_every_word_of_the_name() -> None:
    record = {"competencies": [{"evidence": [{"text": "Doe led it; JANE DOE signed"}]}], "requirements": []}
    redact_record(record, ("Jane Doe",))
    assert record["competencies"][0]["evidence"][0]["text"] == "[name] led it; [name] signed"


@pytest.mark.parametrize(
    "name", ["Siobhán Ní Bhriain", "Siobhan Ni Bhriain", "Seán Ó Briain", "Jan van Dijk"]
)
def test_a_name_particle_is_redacted_only_inside_the_full_name(name: str) -> None:
    # One particle list (vocabulary.NAME_PARTICLES) for redaction and for finding the name,
    # accented or not: a particle alone is a common word elsewhere ("ni", "van", "o").
    particle = name.split()[1]
    out = redact(f"{name} wrote this. Contact {name.split()[0]}; the {particle} word stays.", (name,))
    assert out == f"[name] wrote this. Contact [name]; the {particle} word stays."
    assert person_name(f"{name}\njane@example.com\n" + BODY) == name
