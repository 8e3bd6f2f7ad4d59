"""The offline copy: `handbook build --offline` makes a zip that works opened from disk (file://),
search included, with no request leaving the computer."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .support.project import copy_project
from .support.searching import best, open_search, search

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("offline")
    project = copy_project(root / "p")
    result = subprocess.run([sys.executable, "-m", "handbook.cli", "--root", str(project), "build", "--offline"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    archive = project / "dist" / "so-tay-thu-dien-tu-offline.zip"
    assert archive.exists() and (project / "site" / "index.html").exists()
    with zipfile.ZipFile(archive) as z:
        z.extractall(root / "usb")
    return root / "usb" / "so-tay-thu-dien-tu"


def test_offline_copy_works_from_disk_with_search(browser, unzipped):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto((unzipped / "index.html").as_uri())
    open_search(page)
    first = best(page, "maatj khaaur")  # the same worker as online: Telex, the glossary term first
    assert first and first.endswith("/thuat-ngu.html#mat-khau"), search(page, "mat khau")[:4]
    page.locator(".md-search__input").press("Enter")
    page.wait_for_url("**/thuat-ngu.html#mat-khau")
    page.locator("article mark").first.wait_for()
    assert {m.lower() for m in page.locator("article mark").all_inner_texts()} <= {"mật khẩu", "mật", "khẩu"}

    page.goto((unzipped / "huong-dan" / "quen-mat-khau.html").as_uri())
    page.locator("a.hb-cite").first.click()
    page.wait_for_url("**/quy-che/index.html#dieu-13-e")
    assert page.locator("#dieu-13-e").is_visible()

    page.goto((unzipped / "en" / "index.html").as_uri())
    open_search(page)
    results = search(page, "password")
    assert results and all("/en/" in r for r in results)

    page.goto((unzipped / "dao-tao" / "chuong-6.html").as_uri())
    page.locator('[data-hb="start"]').click()
    question = page.locator(".quiz[data-hb-question]:visible").first
    for box in question.locator("input[data-correct]").all():
        box.check()
    question.locator('button.quiz-button[type="submit"]').click()
    question.locator(".quiz-feedback .quiz-feedback-item.correct").wait_for()
    context.close()
    assert outside == [] and errors == []
