"""axe-core on every page of the built site, in real Chromium: zero violations.

Pages are checked as a reader first sees them, plus the states that only appear after use:
a quiz with feedback shown and its result panel, the certificate, the search dialog with results."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .support.htmltext import page_paths
from .support.project import ROOT

pytestmark = pytest.mark.browser

AXE = Path(os.environ.get("HANDBOOK_AXE", ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"))


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert AXE.exists(), f"axe-core not found at {AXE}: run `scripts/dev setup` (npm install axe-core)"
    return AXE.read_text(encoding="utf-8")


def violations(page, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => v.id + ': ' + v.help + ' — '
            + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""")
    return result


def test_every_page_has_no_axe_violations(browser, base_url, site_dir, axe_source):
    all_pages = page_paths(site_dir)
    assert len(all_pages) > 40
    problems = {}
    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for path in all_pages:
            page.goto(base_url + path)
            found = violations(page, axe_source)
            if found:
                problems[f"{path} @{width}px"] = found
        context.close()
    assert problems == {}


def test_interactive_states_have_no_axe_violations(browser, base_url, axe_source):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems = {}
    # a quiz with every kind of feedback and the result panel
    page.goto(base_url + "/dao-tao/chuong-6/")
    page.locator('[data-hb="start"]').click()
    questions = page.locator(".quiz[data-hb-question]:visible")
    for i in range(questions.count()):
        q = questions.nth(i)
        q.locator("input[data-correct]" if i % 2 else "input:not([data-correct])").first.check()
        q.locator('button.quiz-button[type="submit"]').click()
    page.locator("#hb-result").wait_for(state="visible")
    problems["quiz answered"] = violations(page, axe_source)
    # the certificate
    page.goto(base_url + "/dao-tao/giay-chung-nhan/?quiz=chuong-6&name=Nguy%E1%BB%85n%20Lan&correct=6&date=2026-11-25")
    problems["certificate"] = violations(page, axe_source)
    page.goto(base_url + "/en/dao-tao/giay-chung-nhan/?quiz=chuong-6&name=Lan&correct=6&date=2026-11-25")
    problems["certificate en"] = violations(page, axe_source)
    # the search dialog with results
    from .support.searching import open_search, search

    page.goto(base_url + "/")
    open_search(page)
    search(page, "mat khau")
    problems["search"] = violations(page, axe_source)
    context.close()
    assert {k: v for k, v in problems.items() if v} == {}
