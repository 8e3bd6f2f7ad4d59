"""Guides in real Chromium: from the home page to a guide to the cited article; printing the card."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_follow_a_guide_from_home_to_the_cited_article(page, base_url):
    page.goto(base_url + "/")
    page.locator("article").get_by_role("link", name="Xem hướng dẫn").click()
    page.wait_for_url("**/huong-dan/")
    page.locator("article").get_by_role("link", name="Quên mật khẩu hộp thư").click()
    page.wait_for_url("**/huong-dan/quen-mat-khau/")
    first_step = page.locator(".hb-step").first
    assert "Bước 1" in first_step.inner_text()
    cite = first_step.locator("a.hb-cite").first
    assert cite.inner_text() == "Điều 13, điểm e"
    assert cite.get_attribute("title") == "Điều 13. Trách nhiệm của CBGVNV"
    cite.click()
    page.wait_for_url("**/quy-che/#dieu-13-e")
    page.wait_for_function("() => { const r = document.querySelector('#dieu-13-e').getBoundingClientRect();"
                           " return r.top >= 0 && r.top < innerHeight; }")
    assert page.locator("#dieu-13-e").inner_text().startswith("e) Nghiêm cấm")


def test_quick_reference_card_prints_on_one_a4_page(page, base_url):
    for path in ("/huong-dan/the-tra-cuu-nhanh/", "/en/huong-dan/the-tra-cuu-nhanh/"):
        page.goto(base_url + path)
        page.emulate_media(media="print")
        assert not page.locator(".md-header").is_visible()  # no navigation chrome on paper
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == 1, f"{path}: {pages} pages"


def test_guide_reads_on_a_narrow_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    pg = context.new_page()
    pg.goto(base_url + "/huong-dan/gui-van-ban/")
    overflow = pg.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


def test_quy_che_and_guides_print_without_navigation(page, base_url):
    for path in ("/quy-che/", "/huong-dan/gui-van-ban/", "/en/huong-dan/nhan-van-ban/"):
        page.goto(base_url + path)
        page.emulate_media(media="print")
        for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
            assert not page.locator(chrome).first.is_visible(), (path, chrome)
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        assert pdf.startswith(b"%PDF") and re.search(rb"/MediaBox \[0 0 59[45]\.?\d* 84[12]", pdf)  # A4
        page.emulate_media(media="screen")
