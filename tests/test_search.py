"""Search in real Chromium: the query table (tests/search_queries.py) with the result that must come
first, highlighting on the opened page, language scope, result headings, no answer key."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from handbook.project import load_project

from .search_queries import ADJACENT, ENGLISH, VIETNAMESE, Expected
from .support.project import ROOT
from .support.searching import best, open_search, path_of, results, search

pytestmark = pytest.mark.browser

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


def _first(expected: Expected) -> tuple[str, ...]:
    return expected if isinstance(expected, tuple) else (expected,)


@pytest.mark.parametrize("query,expected", VIETNAMESE)
def test_vietnamese_query_puts_the_section_first(search_page, query, expected):
    page = search_page["vi"]
    first = best(page, query)
    assert first in _first(expected), results(page)[:6]
    assert not [r for r in results(page, hidden=True) if r.startswith("/en/")]


@pytest.mark.parametrize("query,expected", ENGLISH)
def test_english_query_puts_the_section_first(search_page, query, expected):
    page = search_page["en"]
    first = best(page, query)
    assert first in _first(expected), results(page)[:6]
    assert all(r.startswith("/en/") for r in results(page, hidden=True))


def _folded_words(text: str) -> list[str]:
    from handbook.slugs import fold

    return re.findall(r"\w+", fold(re.sub(r"<[^>]+>", " ", text)))


@pytest.mark.parametrize("query", ADJACENT)
def test_two_syllables_are_found_side_by_side_first(search_page, site_dir: Path, query):
    """The best result holds the query's syllables next to each other, not apart."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    words = query.split()
    together = set()
    for doc in index["docs"]:
        text = _folded_words(doc["title"] + " \n " + doc["text"])
        if any(text[i:i + len(words)] == words for i in range(len(text))):
            together.add("/" + doc["location"])
    assert together
    first = best(search_page["vi"], query)
    assert first in together, first


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
    indexed = set(_folded_words(" ".join(d["title"] + " " + d["text"] for d in index["docs"])))
    page = search_page["vi"]
    for word in words[:: max(1, len(words) // 6)][:6]:
        assert word not in indexed
        # A slip of one letter may find another word; never this one.
        search(page, word)
        shown = page.eval_on_selector_all(".md-search-result__article", "els => els.map(e => e.textContent)")
        assert word not in _folded_words(" ".join(shown)), word


def test_result_headings_are_separated(search_page):
    page = search_page["vi"]
    search(page, "giu bi mat mat khau", hidden=True)
    titles = page.eval_on_selector_all('.md-search-result__link[href*="#giu-mat-khau"] h2',
                                       "els => els.map(e => e.textContent.trim())")
    assert titles == ["Bước 1 · Giữ bí mật mật khẩu"]
    page = search_page["en"]
    search(page, "keep password secret", hidden=True)
    titles = page.eval_on_selector_all('.md-search-result__link[href*="#giu-mat-khau"] h2',
                                       "els => els.map(e => e.textContent.trim())")
    assert titles == ["Step 1 · Keep your password secret"]


def test_an_accented_query_prefers_the_accented_word(search_page):
    """Without diacritics every reading counts the same; with them, the exact word comes first."""
    page = search_page["vi"]
    for query, word in (("bản", "bản"), ("bàn", "bàn"), ("thư", "thư"), ("thu", None)):
        search(page, query)
        texts = page.eval_on_selector_all(".md-search-result__article mark",
                                          "els => els.map(e => e.textContent.toLowerCase())")
        assert texts, query
        if word:
            assert texts[0] == word, (query, texts[:5])


def test_result_strings_come_from_the_theme_translations(search_page):
    """The worker sends data only: every string around the results is Material's, in the page's language."""
    for lang, query in (("vi", "mat khau"), ("en", "password")):
        page = search_page[lang]
        search(page, query)
        translations = page.evaluate("() => JSON.parse(document.getElementById('__config').textContent).translations")
        meta = page.locator(".md-search-result__meta").inner_text().strip()
        count = len(page.eval_on_selector_all(".md-search-result__item", "els => els"))
        assert meta in (translations["search.result.one"],
                        translations["search.result.other"].replace("#", str(count)),
                        translations["search.result.other"].replace("#", str(result_count(page))))
        more = page.eval_on_selector_all(".md-search-result__more summary", "els => els.map(e => e.textContent.trim())")
        pattern = re.escape(translations["search.result.more.other"]).replace("\\#", r"\d+")
        assert all(m == translations["search.result.more.one"] or re.fullmatch(pattern, m) for m in more), more


# (site root, query, the page the best result opens, the words that may be marked there)
HIGHLIGHTS = [
    ("/", "gui van ban", "/huong-dan/gui-van-ban/", {"gửi", "văn", "bản"}),
    ("/", "maatj khaaur", "/thuat-ngu/#mat-khau", {"mật", "khẩu"}),
    ("/", "huỷ bỏ văn bản", "/huong-dan/thu-hoi-khi-nhan/#huy-bo-van-ban", {"hủy", "huỷ", "bỏ", "văn", "bản"}),
    ("/", "quen mat khau", "/huong-dan/quen-mat-khau/", {"quên", "mật", "khẩu"}),
    ("/en/", "forgot password", "/en/huong-dan/quen-mat-khau/", {"forgot", "password"}),
    ("/en/", "recall notice", "/en/thuat-ngu/#thu-hoi-thong-bao-thu-hoi", {"recall", "notice"}),
]


@pytest.mark.parametrize("root,query,opened,allowed", HIGHLIGHTS)
def test_the_opened_page_marks_the_words_that_matched(browser, base_url, root, query, opened, allowed):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + root)
    open_search(page)
    assert best(page, query) == opened
    with page.expect_navigation():
        page.locator(".md-search__input").press("Enter")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert path_of(page.url) == opened
    marked = page.eval_on_selector_all("article mark", "els => els.map(e => e.textContent)")
    context.close()
    assert marked, query
    words = {w for m in marked for w in m.lower().split()}
    assert words <= allowed, words - allowed
