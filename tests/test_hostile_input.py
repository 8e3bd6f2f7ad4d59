"""Nothing an editor types runs in a reader's browser, or empties a page.

A payload (markup, event handlers, a `javascript:` link, a closing </title>, a Windows path with
backslashes, Markdown and Jinja syntax, a very long string) is written by the test into every text
field of every kind of source: the school's settings, the version metadata, every English entry, the
official text's chapter, article and point lines, every guide, every quiz, the search synonyms. The
site is built, then: no built file (HTML, search index, scripts, sitemaps) holds the markup unescaped,
no link or attribute starts with `javascript:`, every quiz page keeps all its questions, the backslashes
are shown as typed, and in Chromium a canary the payload would set (`window.hbx`) is never set on any
page type, with search results for the payload on screen.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from .support import htmltext
from .support.project import build_site, copy_project, run_cli
from .support.searching import open_search, search
from .support.web import serve

CANARY = "window.hbx"
PAYLOAD = ('Xx<img src=x onerror="window.hbx=1"> "><svg onload=window.hbx=2> <script>window.hbx=3</script> '
           "[bấm](javascript:window.hbx=4) </title></textarea> D:\\Tai lieu\\mới *a* _b_ `c` {{ 7*7 }} &amp; #h")
RAW_MARKUP = ("<img src=x", "<svg onload", "<script>window.hbx", "</textarea> D:")
LONG = "Dài" + "x" * 5000


def _inject(node: Any, counter: list[int]) -> Any:
    """Every bilingual text ({vi: …, en: …}) gets the payload; one in seven gets a 5000-letter word too."""
    if isinstance(node, dict):
        if set(node) == {"vi", "en"} and all(isinstance(v, str) for v in node.values()):
            counter[0] += 1
            extra = f" {LONG}" if counter[0] % 7 == 0 else ""
            return {lang: f"{text} {PAYLOAD}{extra}" for lang, text in node.items()}
        return {k: _inject(v, counter) for k, v in node.items()}
    if isinstance(node, list):
        return [_inject(v, counter) for v in node]
    return node


def _rewrite_yaml(path: Path, change: Any) -> int:
    counter = [0]
    data = change(yaml.safe_load(path.read_text(encoding="utf-8")), counter)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return counter[0]


def poison(project: Path) -> dict[str, int]:
    """Put the payload in every text field of every source kind; returns how many fields per kind."""
    counts: dict[str, int] = {}
    regulations = project / "regulations"
    counts["school"] = _rewrite_yaml(regulations / "school.yml", _inject)
    counts["meta"] = _rewrite_yaml(regulations / "2022-2023" / "meta.yml", _inject)

    def english(data: dict[str, Any], counter: list[int]) -> dict[str, Any]:
        for key, value in data.items():
            if isinstance(value, str):
                data[key] = f"{value} {PAYLOAD}"
                counter[0] += 1
        return data

    counts["english"] = _rewrite_yaml(regulations / "2022-2023" / "en.yml", english)
    for folder in ("guides", "quizzes"):
        counts[folder] = sum(_rewrite_yaml(p, _inject) for p in sorted((project / folder).glob("*.yml")))
    (regulations / "synonyms.yml").write_text(yaml.safe_dump(
        {'<img src=x onerror="window.hbx=5">': ['mật khẩu</script><script>window.hbx=6</script>']},
        allow_unicode=True), encoding="utf-8")
    text_file = regulations / "2022-2023" / "quy-che.txt"
    lines = text_file.read_text(encoding="utf-8").split("\n")
    targets = {"NHỮNG QUI ĐỊNH CHUNG", "Điều 13. Trách nhiệm của CBGVNV"}
    for i, line in enumerate(lines):
        if line.strip() in targets or line.startswith("e) Nghiêm cấm việc cung cấp"):
            lines[i] = f"{line} {PAYLOAD}"
    text_file.write_text("\n".join(lines), encoding="utf-8")
    assert run_cli(project, "review", "--all").code == 0  # point 13e changed: its guides and questions re-checked
    return counts


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                # mkdocs-quiz's own forms have action="javascript:void(0);": only the payload's count
                self.bad.append(f"<{tag} {name}={value!r}>")


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("hostile")
    project = copy_project(root / "p")
    counts = poison(project)
    out = root / "site"
    result = build_site(project, out, {"HANDBOOK_TODAY": "2026-11-26"})
    return {"project": project, "site": out, "result": result, "counts": counts}


def test_the_payload_reached_every_kind_of_source(poisoned):
    counts = poisoned["counts"]
    assert counts["school"] >= 5 and counts["meta"] == 1 and counts["english"] >= 80
    assert counts["guides"] > 200 and counts["quizzes"] > 300


def test_the_site_builds_with_the_payload_everywhere(poisoned):
    result = poisoned["result"]
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_built_file_holds_the_markup_unescaped(poisoned):
    """Every page, script, sitemap and text file. The search indexes are data (plain text in JSON, which the
    search worker escapes as it draws results: the Chromium test below searches for the payload)."""
    leaks = []
    for path in sorted(poisoned["site"].rglob("*")):
        if path.suffix not in (".html", ".json", ".js", ".xml", ".txt") or "vendor" in path.parts:
            continue
        if path.stem == "search_index":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        leaks += [f"{path.relative_to(poisoned['site'])}: {m}" for m in RAW_MARKUP if m in text]
    assert leaks == []


def test_no_link_or_attribute_can_run_script(poisoned):
    bad = []
    for path in sorted(poisoned["site"].rglob("*.html")):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        bad += [f"{path.relative_to(poisoned['site'])}: {b}" for b in parser.bad if CANARY.split(".")[1] in b]
    assert bad == []


def test_every_quiz_page_keeps_all_its_questions(poisoned):
    for quiz in sorted((poisoned["project"] / "quizzes").glob("*.yml")):
        questions = yaml.safe_load(quiz.read_text(encoding="utf-8"))["questions"]
        for lang in ("", "en/"):
            html = (poisoned["site"] / lang / "dao-tao" / quiz.stem / "index.html").read_text(encoding="utf-8")
            assert html.count("data-hb-question=") == len(questions), f"{lang}{quiz.stem}"


def test_backslashes_and_markdown_are_shown_as_typed(poisoned):
    guide = htmltext.text_of(poisoned["site"] / "huong-dan" / "gui-van-ban" / "index.html")
    assert "D:\\Tai lieu\\mới *a* _b_ `c` {{ 7*7 }} &amp; #h" in guide
    assert "[bấm](javascript:window.hbx=4)" in guide
    quiz = htmltext.text_of(poisoned["site"] / "en" / "dao-tao" / "chuong-1" / "index.html")
    assert "D:\\Tai lieu\\mới" in quiz


def test_the_search_index_holds_the_payload_as_plain_text(poisoned):
    """Plain text, exactly as typed (no HTML in the index: the worker escapes what it draws), and never a
    raw "</" that could close a script element when the offline copy loads the index as a script."""
    for lang in ("", "en/"):
        raw = (poisoned["site"] / lang / "search" / "search_index.json").read_text(encoding="utf-8")
        docs = json.loads(raw)["docs"]
        assert any('<img src=x onerror="window.hbx=1">' in d["title"] + d["text"] for d in docs)
        assert not any("&lt;img" in d["title"] + d["text"] for d in docs)  # not escaped twice
        assert "</" not in raw


PAGES = ["", "quy-che/", "quyet-dinh/", "huong-dan/", "huong-dan/gui-van-ban/", "huong-dan/the-tra-cuu-nhanh/",
         "dao-tao/", "dao-tao/chuong-1/", "phien-ban/", "thuat-ngu/", "does-not-exist/",
         "dao-tao/giay-chung-nhan/?quiz=chuong-6&name=%3Cimg%20src%3Dx%20onerror%3Dwindow.hbx%3D9%3E&correct=6"
         "&date=2026-11-25"]


@pytest.mark.browser
def test_the_canary_never_fires_in_chromium(poisoned, browser):
    url, server = serve(poisoned["site"])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for lang in ("", "en/"):
            for path in PAGES:
                page.goto(f"{url}/{lang}{path}")
                page.wait_for_load_state("load")
                if "dao-tao/chuong" in path:
                    page.click('[data-hb="start"]')
                assert page.evaluate(f"typeof {CANARY}") == "undefined", f"{lang}{path}"
                assert page.locator("img[src='x'], svg[onload]").count() == 0, f"{lang}{path}"
            page.goto(f"{url}/{lang}")
            open_search(page)
            results = search(page, "onerror")
            assert results, "the payload is searchable text"
            assert page.evaluate(f"typeof {CANARY}") == "undefined"
            assert not re.search(r"<img src=x", page.inner_html(".md-search-result"))
        assert dialogs == []
    finally:
        context.close()
        server.shutdown()
