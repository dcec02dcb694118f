"""End to end in headless Chromium: upload a generated PDF on the page and read the result.

Debian's ``chromium`` is driven by Playwright's Python package through ``executable_path`` (no
browser download); ``make test`` installs it. Without it the test is skipped with a reason.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from analyzer.web import WebSettings, create_app
from tests.web.conftest import POSTING, RESUME

CHROMIUM = os.environ.get("JOBFIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOT = Path(os.environ.get("JOBFIT_SCREENSHOT_DIR", "/tmp")) / "jobfit_web_e2e.png"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (run `make browser` to install it)"
)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(
        create_app(WebSettings(as_of="2026-11")), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(600):  # startup builds the pipeline; wait for it, not a fixed time
        if srv.started or not thread.is_alive():
            break
        threading.Event().wait(0.05)
    assert srv.started, "server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(20)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def test_upload_pdf_shows_score_chart_and_gaps(
    server: str, browser: object, resume_pdf: bytes, tmp_path: Path
) -> None:
    pdf = tmp_path / "casey_quinn.pdf"
    pdf.write_bytes(resume_pdf)
    page = browser.new_page(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/")

    # Keyboard: Tab reaches the file input (it is a real input with a label, not a div).
    page.locator("body").focus()
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "file":
            break
    assert page.evaluate("document.activeElement.id") == "file"
    assert page.evaluate("document.activeElement.labels.length") >= 1

    page.set_input_files("#file", str(pdf))
    assert "casey_quinn.pdf" in page.inner_text("#chosen-name")
    page.focus("#submit")
    page.keyboard.press("Enter")
    page.wait_for_selector("#results:not([hidden])", timeout=30_000)

    score = float(page.inner_text("[data-testid=score]"))
    assert 0 < score <= 100
    assert page.inner_text("#band").lower() in {"strong", "good", "fair", "weak"}
    bars = page.locator("[data-testid=chart] li")
    assert bars.count() >= 5
    assert page.locator("[data-testid=chart] .fill.met").count() >= 1
    assert page.locator("[data-testid=gaps] li").count() >= 1
    assert page.locator("#met mark").count() >= 1  # evidence highlighted in context
    assert page.locator("#reqs tr").count() == 4
    # The results region took focus, so a screen reader user lands on the answer.
    assert page.evaluate("document.activeElement.id") == "results"
    # Why a statement earns its credit: asked of /api/explain when opened, said in words.
    why = page.locator("#met details.why").first
    why.locator("summary").click()
    why.locator(".terms li").first.wait_for(timeout=30_000)
    told = why.inner_text()
    assert "Probability" in told and "starting point" in told
    assert why.locator(".terms li").count() >= 3

    with page.expect_download() as info:
        page.click("#dl-csv")
    csv_text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    # The columns of `jobfit score --gaps` (exports.GAP_COLUMNS): one table, one rule.
    assert csv_text.startswith("document_id,source,item_type,item_id,item,status,")
    assert csv_text.count("\n") >= 2
    with page.expect_download() as info:
        page.click("#dl-json")
    assert '"score":' in Path(info.value.path()).read_text(encoding="utf-8")

    page.screenshot(path=str(SCREENSHOT), full_page=True)

    # Against a pasted posting the page says so.
    page.fill("#posting", POSTING)
    page.click("#submit")
    # A selector, not wait_for_function: the page's CSP (rightly) forbids eval.
    page.wait_for_selector("#against:has-text('job posting')", timeout=30_000)
    assert page.locator("[data-testid=chart] li").count() >= 1

    # Offline: the page only ever talks to its own server.
    assert requests and all(url.startswith(server) or url.startswith("blob:") for url in requests), requests
    assert not console_errors, console_errors
    page.close()


def test_posting_flow_by_keyboard_lists_found_and_missing_items(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/")
    # "Remove file" belongs to a chosen file: hidden until there is one (a CSS rule once overrode it).
    assert page.locator("#clear-file").is_hidden()

    def tab_to(element_id: str) -> None:
        for _ in range(12):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
                return
        raise AssertionError(f"Tab never reached #{element_id}")

    # Keyboard only: Tab to each field, type, Tab to the button, Enter.
    page.locator("body").focus()
    tab_to("text")
    page.keyboard.insert_text(RESUME)
    tab_to("posting")
    page.keyboard.insert_text(POSTING)
    tab_to("submit")
    page.keyboard.press("Enter")
    page.wait_for_selector("#asks-card:not([hidden])", timeout=30_000)

    assert "Senior Data Engineer" in page.inner_text("#against")
    # The missing tools cost more than the resume earns: the page says the score stops at 0.
    assert "the score stops at 0" in page.inner_text("#against")
    rows = page.locator("[data-testid=posting-items] tbody tr")
    table = {
        rows.nth(i).locator("td").nth(0).inner_text(): rows.nth(i).get_attribute("data-status")
        for i in range(rows.count())
    }
    # The resume has the degree and none of the posting's tools; the title is not the resume's.
    assert table["Kubernetes"] == "missing" and table["Apache Spark"] == "missing"
    assert table["bachelor's degree in Computer Science"] == "found"
    assert table["Senior Data Engineer"] == "missing"
    assert "Kubernetes" in page.inner_text("[data-testid=gaps]")
    advice = page.inner_text("[data-testid=suggestions]")
    assert "Kubernetes" in advice and "skills list" in advice
    # A person reads names, never lexicon ids, level codes or character offsets.
    body = page.inner_text("main")
    internal = r"\b(?:cert|skill|domain|tech|soft):[a-z]|high_school|\[\d+\s*[-\u2013]\s*\d+\]"
    assert not re.search(internal, body)
    assert "Education: bachelor's degree" in body
    assert not console_errors, console_errors
    page.close()


def test_markup_in_the_document_is_shown_as_text(server: str, browser: object) -> None:
    # Words around evidence reach the page (context windows): markup in them stays text.
    hostile = '"><img src=x onerror="document.title=1"> <script>document.title=2</script>'
    resume = RESUME.replace("ran ITIL incident", f"ran ITIL {hostile} incident")
    assert resume != RESUME
    page = browser.new_page(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def on_dialog(dialog: Any) -> None:
        errors.append("dialog")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(server + "/")
    title = page.title()
    page.fill("#text", resume)
    page.click("#submit")
    page.wait_for_selector("#results:not([hidden])", timeout=30_000)
    assert hostile in page.inner_text("#results")  # the very characters, as text
    assert page.locator("#results img, #results script").count() == 0
    assert page.title() == title and errors == []
    page.close()


def test_drop_a_file_on_the_drop_zone(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/")
    page.evaluate(
        """() => {
            const dt = new DataTransfer();
            dt.items.add(new File(["IT manager: ITIL, budgeting"], "dropped.txt", {type: "text/plain"}));
            const drop = document.getElementById("drop");
            drop.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
        }"""
    )
    assert "dropped.txt" in page.inner_text("#chosen-name")
    assert page.evaluate("document.getElementById('file').files[0].name") == "dropped.txt"
    page.click("#submit")
    page.wait_for_selector("#results:not([hidden])", timeout=30_000)
    assert float(page.inner_text("[data-testid=score]")) >= 0
    page.close()


def test_bad_upload_shows_error_message(server: str, browser: object, tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"not a pdf at all")
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/")
    page.set_input_files("#file", str(bad))
    page.click("#submit")
    page.wait_for_selector("#status.error", timeout=30_000)
    assert "not a PDF" in page.inner_text("#status")
    assert page.locator("#results").is_hidden()
    page.close()


def test_batch_report_sorts_by_column_and_filters_by_band(browser: object, tmp_path: Path) -> None:
    from analyzer.html_report import RankedReport

    report = RankedReport(limit=2)
    for rid, score, band in (("b", 40.0, "fair"), ("a", 80.0, "strong"), ("c", 55.0, "good")):
        report.add({"id": rid, "source": f"{rid}.txt", "kind": "resume", "profile": "p", "score": score,
                    "band": band, "competencies": [], "requirements": [], "gaps": []})  # fmt: skip
    page_file = tmp_path / "report.html"
    page_file.write_text(report.render(title="t"), encoding="utf-8")
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(page_file.as_uri())

    def ids() -> list[str]:
        return page.locator("#ranked tbody tr:not([hidden]) td:nth-child(2)").all_inner_texts()

    assert ids() == ["a", "c", "b"]  # ranked, best first
    page.get_by_role("button", name="Score").click()
    assert ids() == ["b", "c", "a"]  # ascending now
    page.get_by_role("button", name="Document").click()
    assert ids() == ["a", "b", "c"]
    page.select_option("#band-filter", "good")
    assert ids() == ["c"]
    page.select_option("#band-filter", "")
    assert len(ids()) == 3 and not errors
    page.close()


def test_a_gap_names_its_closest_statement_and_why_it_falls_short(server: str, browser: object) -> None:
    statement = "Coordinated the work of three contractors during the network refresh."
    page = browser.new_page(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/")
    page.fill("#text", f"Experience\n- {statement}\n- Fed the ducks at the pond.\n")
    page.click("#submit")
    page.wait_for_selector("#results:not([hidden])", timeout=30_000)
    gap = page.locator("[data-testid=gaps] li", has_text="Infrastructure, networks")
    assert statement in gap.locator(".near").inner_text()
    why = gap.locator("details.why")
    assert "falls short" in why.locator("summary").inner_text()
    why.locator("summary").click()
    why.locator(".terms li").first.wait_for(timeout=30_000)
    assert "(about)" in why.inner_text() and "starting point" in why.inner_text()
    assert not console_errors, console_errors
    page.close()
