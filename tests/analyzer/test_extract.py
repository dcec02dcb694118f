from __future__ import annotations

import pytest

from analyzer.document import Document, Failure
from analyzer.extract import Extraction, Extractor


def test_a_failing_document_becomes_a_failure_row(monkeypatch: pytest.MonkeyPatch) -> None:
    extractor = Extractor(as_of="2026-11")
    nlp = extractor.nlp
    skills = nlp.get_pipe("jobfit_skills")
    original = type(skills).__call__

    def flaky(self, doc):  # a component that breaks on one document only
        if "BOOM" in doc.text:
            raise RuntimeError("secret text BOOM")
        return original(self, doc)

    monkeypatch.setattr(type(skills), "__call__", flaky)
    items: list[Document | Failure] = [
        Document("a", "a.txt", "PMP and ITIL 4 Foundation."),
        Failure("b", "b.pdf", "encrypted", "b.pdf: encrypted"),
        Document("c", "c.txt", "BOOM with Python"),
        Document("d", "d.txt", "Python and Go developer."),
    ]
    out = list(extractor.extract_many(items))
    assert [type(o) for o in out] == [Extraction, Failure, Failure, Extraction]
    assert isinstance(out[2], Failure) and isinstance(out[3], Extraction)
    assert out[2].code == "internal" and "BOOM" not in out[2].message
    assert out[2].message == "c.txt: could not be analysed (RuntimeError)"
    assert {m.id for m in out[3].skills} >= {"skill:python"}


def test_extract_keeps_input_order_and_offsets() -> None:
    extractor = Extractor(as_of="2026-11")
    texts = [f"Doc {i}: {i}+ years of experience in IT management with PMP." for i in range(1, 6)]
    out = list(extractor.extract_many(Document(str(i), "t", t) for i, t in enumerate(texts)))
    assert [o.id for o in out] == [str(i) for i in range(5)]
    for text, ext in zip(texts, out, strict=True):
        assert isinstance(ext, Extraction)
        assert [c.years_min for c in ext.experience] == [int(text.split()[2].rstrip("+"))]
        for m in ext.certifications:
            assert text[m.start : m.end] == m.text


def test_extract_raises_an_analysis_error_naming_only_the_exception_type(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from analyzer import statements
    from analyzer.document import Document
    from analyzer.errors import AnalysisError

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("secret document text")

    monkeypatch.setattr(statements, "find_statements", broken)
    with pytest.raises(AnalysisError) as info:
        Extractor(as_of="2026-11").extract(Document(id="d", source="d.txt", text="Led a team of six."))
    assert info.value.code == "internal" and "RuntimeError" in info.value.message
    assert "secret" not in info.value.message


def test_a_skill_record_says_knowledge_or_skill() -> None:
    # ESCO's and SkillSpan's split, from the lexicon record: a tool is knowledge, a soft skill a skill.
    from analyzer.document import Document
    from analyzer.extract import Extractor

    text = "Skills\nPython, Excel, teamwork, problem solving\n"
    ext = Extractor(as_of="2026-11").extract(Document(id="k", source="t", text=text))
    by_text = {m.text.lower(): m.component for m in ext.skills}
    assert by_text["python"] == "knowledge" and by_text["teamwork"] == "skill"
