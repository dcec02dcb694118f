from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from analyzer.errors import JobfitError
from analyzer.html_report import _SCRIPT, RankedReport, render_report

TEXT = (
    "Jane Roe\nIT Manager\n\nLed the   migration of 40 servers to AWS and   Azure.\n"
    "Skills: Python, <script>alert(1)</script> ITIL\n" + "filler " * 40 + "\nBachelor of Science, 2008\n"
)


def _span(text: str, needle: str) -> dict:
    start = TEXT.index(needle)
    return {"start": start, "end": start + len(needle), "text": text, "id": None, "section": None}


def record(rid: str = "cv-1") -> dict:
    aws, azure, itil = _span("AWS", "AWS"), _span("Azure", "Azure"), _span("ITIL", "ITIL")
    degree = _span("Bachelor of Science", "Bachelor of Science")
    return {
        "id": rid,
        "source": "cv-1.txt",
        "kind": "resume",
        "profile": "it_manager",
        "score": 51.5,
        "band": "good",
        "competencies": [
            {
                "id": "cloud",
                "name": "Cloud platforms",
                "weight": 0.6,
                "status": "met",
                "credit": 1.0,
                "points": 36.0,
                "evidence": [aws, azure],
            },
            {
                "id": "itsm",
                "name": "IT service management",
                "weight": 0.4,
                "status": "partial",
                "credit": 0.3333,
                "points": 8.0,
                "evidence": [itil],
            },
        ],
        "requirements": [
            {
                "id": "education",
                "name": "education level",
                "required": "bachelor",
                "found": "bachelor",
                "status": "met",
                "credit": 1.0,
                "points": 7.5,
                "evidence": [degree],
            },
        ],
        "gaps": ["IT service management"],
        "total_years": 12.0,
        "management_years": 5.5,
        "highest_education": "bachelor",
        "certifications": [],
        "warnings": [],
    }


FAILURE = {
    "id": "bad.pdf",
    "source": "bad.pdf",
    "error": {"code": "unreadable", "message": "bad.pdf: encrypted"},
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_chart_has_one_labelled_bar_per_competency() -> None:
    page = render_report([(record(), TEXT)])
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(svgs) == 1
    assert 'role="img"' in svgs[0] and "<title" in svgs[0]
    bars = re.findall(r'<g class="bar" data-status="(\w+)">', svgs[0])
    assert bars == ["met", "partial"]
    # bar length is the credit: full bar for met, a third for partial
    bar = r'<rect [^>]*width="([\d.]+)" height="16" fill="#[0-9A-F]{6}"'
    widths = [float(w) for w in re.findall(bar, svgs[0])]
    assert widths == [280.0, pytest.approx(280 / 3, abs=0.1)]
    assert "w 0.600" in svgs[0] and "partial 33%" in svgs[0]


def test_evidence_marked_in_context_with_whitespace_collapsed() -> None:
    page = render_report([(record(), TEXT)])
    marks = re.findall(r"<mark>(.*?)</mark>", page)
    assert marks == ["AWS", "Azure", "ITIL", "Bachelor of Science"]
    snippets = re.findall(r'<p class="snip">(.*?)</p>', page)
    assert len(snippets) == 4
    assert "Led the migration of 40 servers to <mark>AWS" in snippets[0]  # runs of spaces collapsed
    # what the span supports, never its character offsets
    assert snippets[0].startswith('<span class="note">Cloud platforms</span>')
    # the context is bounded (~80 chars): the 280-char filler does not appear whole before the degree
    assert 10 < snippets[3].count("filler") < 20 and "\u2026" in snippets[3]


def test_no_text_means_no_snippets() -> None:
    page = render_report([(record(), None)])
    assert "<mark>" not in page and "Evidence in context" not in page
    assert "Cloud platforms" in page


def test_document_and_ids_are_escaped() -> None:
    page = render_report([(record("<script>x()</script>"), TEXT)], title="<b>t</b>")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in page
    assert "&lt;b&gt;t&lt;/b&gt;" in page
    assert not any(tag in ("script", "b") for tag, _ in tags(page))


def test_failure_renders_as_row_with_code_and_message() -> None:
    page = render_report([(record(), TEXT), (FAILURE, None)])
    rows = re.findall(r'<tr class="failure">(.*?)</tr>', page)
    assert len(rows) == 1 and "unreadable" in rows[0] and "bad.pdf: encrypted" in rows[0]
    # and in the summary, which exists because there are two documents
    found = re.search(r'<section aria-labelledby="summary-h">.*?</section>', page)
    assert found is not None
    summary = found.group(0)
    assert "unreadable: bad.pdf: encrypted" in summary
    assert "51.5" in summary and "good" in summary and "IT service management" in summary


def _ranked(page: str) -> list[list[str]]:
    found = re.search(r'<table id="ranked">.*?</table>', page, re.S)
    assert found is not None
    table = found.group(0)
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr data-band.*?</tr>", table)]


def test_batch_page_is_a_ranked_table_with_ids_linking_to_evidence() -> None:
    low = record("low") | {"score": 20.0, "band": "weak"}
    high = record("high") | {"score": 80.0, "band": "strong", "columns": {"Job Title": "<b>IT</b> Manager"}}
    page = render_report([(low, TEXT), (FAILURE, None), (high, TEXT)])
    rows = _ranked(page)
    assert [r[0] for r in rows] == ["1", "2", "3"]
    assert [r[1] for r in rows] == ['<a href="#doc-3">high</a>', '<a href="#doc-1">low</a>', "bad.pdf"]
    assert 'id="doc-3"' in page and 'id="doc-1"' in page  # each link has its evidence section
    assert '<tr data-band="strong">' in page and '<tr data-band="error">' in page
    assert 'aria-sort="descending">Score</th>' in page


def test_ranked_report_details_the_best_and_lists_every_document() -> None:
    report = RankedReport(limit=2)
    for i, score in enumerate([10.0, 90.0, 50.0, 70.0, 50.0]):
        report.add(record(f"d{i}") | {"score": score, "columns": {"Req": f"R{i}<i>"}}, TEXT)
    report.add(FAILURE)
    page = report.render(title="t")
    rows = _ranked(page)
    assert [re.sub(r"<[^>]+>", "", r[1]) for r in rows] == ["d1", "d3", "d2", "d4", "d0", "bad.pdf"]
    assert [r[2] for r in rows] == [f"R{i}&lt;i&gt;" for i in (1, 3, 2, 4, 0)] + [""]
    assert '<th scope="col">Req</th>' in page  # the carried column, escaped like any record text
    assert rows[0][1].startswith("<a href=") and rows[1][1].startswith("<a href=")
    assert not rows[2][1].startswith("<a") and "3 documents are listed without details" in page
    assert page.count('<section class="doc" id=') == 2


def test_scores_at_the_floor_rank_by_their_points_total() -> None:
    # Against a long posting many resumes score 0: the one whose items lost less ranks first,
    # in the page and among the detailed ones a bounded report keeps.
    far, near = (
        record(rid) | {"score": 0.0, "band": "weak", "total_points": t}
        for rid, t in (("far", -60.0), ("near", -5.0))
    )
    rows = _ranked(render_report([(far, TEXT), (near, TEXT)]))
    assert [re.sub(r"<[^>]+>", "", r[1]) for r in rows] == ["near", "far"]
    report = RankedReport(limit=1)
    report.add(far, TEXT)
    report.add(near, TEXT)
    rows = _ranked(report.render(title="t"))
    assert [re.sub(r"<[^>]+>", "", r[1]) for r in rows] == ["near", "far"]
    assert rows[0][1].startswith("<a href=") and not rows[1][1].startswith("<a")


def test_single_document_has_no_summary() -> None:
    assert "summary-h" not in render_report([(record(), TEXT)])


def test_self_contained_no_external_references() -> None:
    page = render_report([(record(), TEXT), (FAILURE, None)], credit="O*NET 29.3, CC BY 4.0")
    assert "http://" not in page and "https://" not in page
    assert "<link" not in page and "@import" not in page
    # One script, ours and inline (sorting and filtering the ranking); nothing loaded from outside.
    assert re.findall(r"<script>(.*?)</script>", page, re.S) == [_SCRIPT]
    for tag, attrs in tags(page):
        assert "src" not in attrs, tag
        assert attrs.get("href", "#").startswith("#"), tag
    assert '<html lang="en">' in page
    assert "<footer><p>O*NET 29.3, CC BY 4.0</p></footer>" in page


def test_points_table_sums_to_score() -> None:
    rec = record()
    page = render_report([(rec, TEXT)])
    points = [float(p) for p in re.findall(r'<td class="num pts">([\d.]+)</td>', page)]
    assert len(points) == 3
    assert sum(points) == pytest.approx(rec["score"], abs=0.05)
    assert "Total (score 51.5)" in page


def test_output_is_deterministic_and_rejects_non_records() -> None:
    items = [(record(), TEXT), (FAILURE, None)]
    assert render_report(items) == render_report(items)
    with pytest.raises(JobfitError, match="item 1"):
        render_report([("not a record", None)])  # type: ignore[list-item]


HOSTILE = '"><img src=x onerror=alert(1)>'


def test_markup_in_evidence_names_and_cells_stays_text() -> None:
    # Document words next to evidence, evidence text, item names, a band (an attribute value) and a
    # carried column: each is printed as text, never parsed as a tag or an attribute.
    text = TEXT.replace("ITIL", f"ITIL {HOSTILE} <script>alert(2)</script>")
    rec = record(HOSTILE) | {"band": HOSTILE, "columns": {"Job": HOSTILE}, "warnings": [HOSTILE]}
    rec["competencies"][1]["name"] = HOSTILE
    rec["competencies"][0]["evidence"][0]["text"] = f"AWS {HOSTILE}"
    rec["competencies"][0]["status"] = HOSTILE
    page = render_report([(rec, text), (record("other"), TEXT)])
    found = tags(page)
    assert not [t for t, _ in found if t in ("img", "b")]
    assert [t for t, _ in found if t == "script"] == ["script"]  # ours alone
    assert not any("onerror" in attrs or "src" in attrs for _, attrs in found)
    escaped = "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert page.count(escaped) >= 6
    assert "<mark>ITIL</mark> " + escaped + " &lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert f'data-band="{escaped}"' in page
