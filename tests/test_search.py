"""Search in real Chromium: diacritics, language scope, landing on the section, no answer key."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from handbook.project import load_project

from .support.project import ROOT
from .support.searching import open_search, search

pytestmark = pytest.mark.browser

# (query, section expected among the first three results). Vietnamese with full, partial and no
# diacritics, any letter case, d for đ, synonyms; each on the Vietnamese site.
VIETNAMESE = [
    ("mật khẩu", "/quy-che/#dieu-13-e"),
    ("mat khau", "/quy-che/#dieu-13-e"),
    ("mật khau", "/quy-che/#dieu-13-e"),
    ("MẬT KHẨU", "/quy-che/#dieu-13-e"),
    ("Mat Khau", "/quy-che/#dieu-13-e"),
    ("thu hồi", "/quy-che/#dieu-10-4"),
    ("thu hoi", "/quy-che/#dieu-10-4"),
    ("thông báo thu hồi", "/huong-dan/thu-hoi-khi-nhan/"),
    ("ký số", "/quy-che/#dieu-10-1"),
    ("ky so", "/quy-che/#dieu-10-1"),
    ("nhóm thư điện tử", "/quy-che/#dieu-1-2"),
    ("nhom thu", "/quy-che/#dieu-1-2"),
    ("virus", "/quy-che/#dieu-4-d"),
    ("thư rác", "/quy-che/#dieu-4-d"),
    ("thu rac", "/quy-che/#dieu-4-d"),
    ("10MB", "/quy-che/#dieu-8-d"),
    ("quên mật khẩu", "/huong-dan/quen-mat-khau/"),
    ("quen mat khau", "/huong-dan/quen-mat-khau/"),
    ("điều 13", "/quy-che/#dieu-13"),
    ("dieu 9", "/quy-che/#dieu-9"),
    ("giờ làm việc", "/quy-che/#dieu-9-1"),
    ("gio lam viec", "/quy-che/#dieu-9-1"),
    ("c1thanham", "/quy-che/#dieu-6-2"),
    ("đính kèm", "/huong-dan/tep-dinh-kem/"),
    ("tệp đính kèm", "/huong-dan/tep-dinh-kem/"),
    ("pass", "/quy-che/#dieu-13-a"),
    ("mật mã", "/quy-che/#dieu-13-e"),
    ("hiệu trưởng phê duyệt", "/quy-che/#dieu-10-1"),
    ("tap huan", "/quy-che/#dieu-12-d"),
    ("nơi nhận", "/quy-che/#dieu-8-c"),
    ("căn cứ thông tư", "/quyet-dinh/#qd-can-cu-1"),
]

ENGLISH = [
    ("password", "/en/quy-che/#dieu-13-e"),
    ("forgot password", "/en/huong-dan/quen-mat-khau/"),
    ("recall", "/en/quy-che/#dieu-10-4"),
    ("attachment", "/en/huong-dan/tep-dinh-kem/"),
    ("10MB", "/en/quy-che/#dieu-8-d"),
    ("virus", "/en/quy-che/#dieu-4-d"),
    ("email group", "/en/quy-che/#dieu-1-2"),
    ("working hours", "/en/quy-che/#dieu-9-1"),
    ("school address", "/en/quy-che/#dieu-6-1"),
    ("Article 13", "/en/quy-che/#dieu-13"),
    ("spam", "/en/quy-che/#dieu-4-d"),
    ("digital signature", "/en/thuat-ngu/#ky-so"),
]


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    pages = {}
    for lang, path in (("vi", "/"), ("en", "/en/")):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base_url + path)
        open_search(page)
        pages[lang] = page
    yield pages
    for page in pages.values():
        page.context.close()


@pytest.mark.parametrize("query,expected", VIETNAMESE)
def test_vietnamese_query_finds_the_section(search_page, query, expected):
    results = search(search_page["vi"], query)
    assert expected in results[:3], results[:6]
    assert not [r for r in results if r.startswith("/en/")]


@pytest.mark.parametrize("query,expected", ENGLISH)
def test_english_query_finds_the_section(search_page, query, expected):
    results = search(search_page["en"], query)
    assert expected in results[:3], results[:6]
    assert all(r.startswith("/en/") for r in results)


def result_count(page) -> int:
    meta = page.locator(".md-search-result__meta").inner_text()
    return int(re.search(r"\d+", meta).group(0)) if re.search(r"\d+", meta) else 0


def test_unaccented_queries_find_what_the_accented_ones_find(search_page):
    page = search_page["vi"]
    for accented, *others in (("mật khẩu", "mat khau", "mật khau", "MAT KHẨU"), ("thu hồi", "thu hoi"),
                              ("điều 13", "dieu 13", "Điều 13"), ("ký số", "ky so")):
        top = search(page, accented, hidden=True)[:3]
        count = result_count(page)
        assert count > 0
        for other in others:
            found = search(page, other, hidden=True)
            assert result_count(page) >= count, (accented, other)
            assert set(top) <= set(found), (accented, other)


def test_result_titles_show_the_article(search_page):
    page = search_page["vi"]
    search(page, "mật khẩu")
    titles = page.eval_on_selector_all('.md-search-result__link[href*="#dieu-13-e"] h2, '
                                       '.md-search-result__link[href*="#dieu-13-e"] h1',
                                       "els => els.map(e => e.textContent.trim())")
    assert titles == ["Điều 13. Trách nhiệm của CBGVNV"]


def test_each_language_loads_only_its_own_index(browser, base_url):
    for path, wanted, other in (("/", "/search/search_index.json", "/en/search/search_index.json"),
                                ("/en/", "/en/search/search_index.json", "/search/search_index.json")):
        context = browser.new_context()
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda r, seen=requested: seen.append(r.url))
        page.goto(base_url + path)
        open_search(page)
        search(page, "virus")
        context.close()
        paths = [re.sub(r"^https?://[^/]+", "", u) for u in requested]
        assert wanted in paths and other not in paths


def quiz_only_words(site_dir: Path) -> list[str]:
    """Words of the Vietnamese answers and explanations that appear on no page but the quizzes."""
    from handbook.slugs import fold

    from .support import htmltext

    project = load_project(ROOT)
    quiz_text = " ".join(c.text["vi"] + " " + q.explanation["vi"]
                         for quiz in project.quizzes for q in quiz.questions for c in q.choices)
    elsewhere = " ".join(htmltext.main_text(p) for p in site_dir.rglob("index.html")
                         if not p.relative_to(site_dir).as_posix().startswith(("en/", "dao-tao/")))
    known = set(re.findall(r"\w+", fold(elsewhere)))
    known |= {w for key in project.synonyms for w in key.split()}  # a synonym legitimately finds pages
    words = sorted({w for w in re.findall(r"\w+", fold(quiz_text)) if len(w) >= 5 and w not in known})
    return words


def test_quiz_answers_are_not_in_the_index(site_dir: Path, search_page):
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    project = load_project(ROOT)
    quiz_pages = tuple(f"dao-tao/{quiz.id}/" for quiz in project.quizzes)
    quiz_text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith(quiz_pages))
    assert quiz_text  # the quiz pages are indexed (title, introduction) ...
    for quiz in project.quizzes:  # ... but not their questions, answers or explanations
        for q in quiz.questions:
            assert q.explanation["vi"][:40] not in quiz_text
            assert all(c.text["vi"][:40] not in quiz_text for c in q.choices if len(c.text["vi"]) > 12)
    words = quiz_only_words(site_dir)
    assert len(words) >= 5
    for word in words[:: max(1, len(words) // 6)][:6]:
        assert search(search_page["vi"], word) == [], word
