"""Real Chromium against the built site on loopback: reading the Quy chế and switching language."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def in_viewport(page, selector: str) -> bool:
    return page.evaluate("""sel => { const r = document.querySelector(sel).getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight && r.height > 0; }""", selector)


def test_home_leads_to_the_quy_che(page, base_url):
    page.goto(base_url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.get_by_role("link", name="Đọc Quy chế").first.click()
    page.wait_for_url("**/quy-che/")
    assert page.locator("#dieu-13").inner_text().startswith("Điều 13. Trách nhiệm của CBGVNV")


def test_permalink_to_point_e_of_article_13_then_english(page, base_url):
    page.goto(base_url + "/quy-che/#dieu-13-e")
    point = page.locator("#dieu-13-e")
    assert point.inner_text().startswith("e) Nghiêm cấm việc cung cấp hoặc để lộ mật khẩu")
    page.wait_for_function("() => { const r = document.querySelector('#dieu-13-e').getBoundingClientRect();"
                           " return r.top >= 0 && r.top < innerHeight; }")
    # the point's label is its permalink
    label = point.locator("a.hb-label")
    assert label.get_attribute("href") == "#dieu-13-e"

    # switch language with the header's language selector
    page.locator(".md-header__option .md-select button").click()
    page.locator('.md-select__link[hreflang="en"]').click()
    page.wait_for_url("**/en/quy-che/#dieu-13-e")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#dieu-13").inner_text().startswith("Article 13.")
    assert page.locator("#dieu-13-e").inner_text().startswith("e) ")
    page.wait_for_function("() => { const r = document.querySelector('#dieu-13-e').getBoundingClientRect();"
                           " return r.top >= 0 && r.top < innerHeight; }")
    assert in_viewport(page, "#dieu-13-e")


def test_english_page_links_back_to_the_official_text(page, base_url):
    page.goto(base_url + "/en/quy-che/")
    link = page.get_by_role("link", name="Read the official Vietnamese text")
    link.click()
    page.wait_for_url("**/quy-che/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "/en/" not in page.url


def test_decision_page_shows_its_articles(page, base_url):
    page.goto(base_url + "/quyet-dinh/#qd-dieu-2")
    assert page.locator("#qd-dieu-2").inner_text() == "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."
