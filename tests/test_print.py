"""Printing on A4 in real Chromium (`page.pdf`, what "Print → Save as PDF" gives): a guide takes the
pages its content needs, the quick card fills one page at a readable size, the regulation prints its
text without the web's boxes, and a quiz prints its questions with no answer marked."""

from __future__ import annotations

import io
import math
import re
import unicodedata
from typing import Any

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser

MM = 96 / 25.4  # CSS px per millimetre
# handbook.css: @page { size: A4; margin: 16mm 15mm }
PRINT_WIDTH = round((210 - 2 * 15) * MM)
PRINT_HEIGHT = (297 - 2 * 16) * MM
QUIZ = "/dao-tao/chuong-3/"


def squeeze(text: str) -> str:
    """Text without whitespace: PDF text extraction puts spaces inside Vietnamese words (around
    combining marks), so words are compared with every space taken out."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def printed(page: Any) -> tuple[int, str]:
    """The page printed to A4: (number of sheets, text without whitespace)."""
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    return len(pdf.pages), squeeze("".join(p.extract_text() for p in pdf.pages))


@pytest.fixture
def print_page(browser: Any):
    """A page laid out as wide as the printable part of an A4 sheet, so heights measured on screen
    in print media are heights on paper."""
    context = browser.new_context(viewport={"width": PRINT_WIDTH, "height": 900})
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", ["/huong-dan/gui-van-ban/", "/en/huong-dan/nhan-van-ban/",
                                  "/huong-dan/dia-chi-cua-truong/"])
def test_a_printed_guide_takes_the_pages_its_content_needs(print_page, base_url, path):
    print_page.goto(base_url + path)
    print_page.emulate_media(media="print")
    height = print_page.evaluate("document.querySelector('article').getBoundingClientRect().height")
    # Keeping a box or a title with what follows may leave a little space at a page foot: allowed,
    # up to a sixth of a page in all. A step that starts a new sheet of its own is not.
    needed = math.ceil(height / PRINT_HEIGHT + 1 / 6)
    sheets, _ = printed(print_page)
    assert sheets <= needed, f"{path}: {sheets} sheets for {height / PRINT_HEIGHT:.2f} pages of content"


@pytest.mark.parametrize("path", ["/huong-dan/the-tra-cuu-nhanh/", "/en/huong-dan/the-tra-cuu-nhanh/"])
def test_the_quick_card_fills_one_page_at_a_readable_size(print_page, base_url, path):
    print_page.goto(base_url + path)
    print_page.emulate_media(media="print")
    assert not print_page.locator(".md-header").is_visible()  # no navigation chrome on paper
    measured = print_page.evaluate("""() => {
      const card = document.querySelector('.hb-card');
      const sizes = [...card.querySelectorAll('li')].map(li => parseFloat(getComputedStyle(li).fontSize));
      return {height: card.getBoundingClientRect().height, smallest: Math.min(...sizes)};
    }""")
    sheets, _ = printed(print_page)
    assert sheets == 1, f"{path}: {sheets} sheets"
    assert measured["smallest"] >= 10 * 96 / 72, f"{path}: type as small as {measured['smallest'] * 72 / 96:.1f} pt"
    assert measured["height"] >= 0.8 * PRINT_HEIGHT, f"{path}: fills {measured['height'] / PRINT_HEIGHT:.0%}"


def test_the_printed_regulation_has_its_text_and_no_web_only_boxes(print_page, base_url):
    print_page.goto(base_url + "/quy-che/")
    sheets, text = printed(print_page)
    assert squeeze("Điều 13. Trách nhiệm của CBGVNV") in text
    assert squeeze("e) Nghiêm cấm việc cung cấp hoặc để lộ mật khẩu") in text
    for web_only in ("Hướng dẫn liên quan", "Các phiên bản"):
        assert squeeze(web_only) not in text, web_only
    # Nothing to press on paper: no buttons on any printed page.
    for path in ("/quy-che/", "/huong-dan/gui-van-ban/", QUIZ, "/dao-tao/giay-chung-nhan/?quiz=tong-hop&name=Lan"
                 "&correct=15&date=2026-11-25"):
        print_page.goto(base_url + path)
        print_page.emulate_media(media="print")
        visible = print_page.evaluate("""() => [...document.querySelectorAll('button, .md-button, input[type=submit]')]
            .filter(b => b.getClientRects().length && getComputedStyle(b).visibility !== 'hidden')
            .map(b => b.textContent.trim())""")
        assert visible == [], (path, visible)


# The questions on the page: the whole pool before "Start", then the ones drawn for the attempt (the
# others are hidden). Text is read with text_content: questions below the fold are not laid out.
DRAWN = ":not([hidden]) > .quiz[data-hb-question]:not([hidden])"


def answer_all_correctly(page: Any) -> None:
    page.locator('[data-hb="start"]').click()
    questions = page.locator(".quiz[data-hb-question]:visible")
    for i in range(questions.count()):
        q = questions.nth(i)
        for box in q.locator("input[data-correct]").all():
            box.check()
        q.locator('button.quiz-button[type="submit"]').click()
        q.locator(".quiz-feedback .quiz-feedback-item.correct").wait_for()


# How each choice looks: what could tell the right answer from the others on paper.
CHOICE_LOOKS = """sel => [...document.querySelectorAll(sel + ' fieldset > div')].map(div => {
  const input = div.querySelector('input'), label = div.querySelector('label');
  const l = getComputedStyle(label), i = getComputedStyle(input), d = getComputedStyle(div);
  return {correct: input.hasAttribute('data-correct'),
          looks: [l.color, l.fontWeight, l.textDecorationLine, l.backgroundColor, d.backgroundColor,
                  d.borderColor, i.accentColor, input.getClientRects().length > 0,
                  input.checked && i.appearance !== 'none' ? 'ticked' : 'empty'].join(' | ')};
})"""


@pytest.mark.parametrize("answered", [False, True], ids=["fresh", "answered"])
def test_a_printed_quiz_has_its_questions_and_no_answer_key(print_page, base_url, answered):
    print_page.goto(base_url + QUIZ)
    if answered:
        answer_all_correctly(print_page)
    prompts = [t.strip() for t in print_page.locator(f"{DRAWN} .quiz-question").all_text_contents()]
    choices = print_page.locator(f"{DRAWN} fieldset label").all_text_contents()
    explanations = print_page.locator(f"{DRAWN} .hb-explain > p:first-child").all_text_contents()
    feedback = [t for t in print_page.locator(f"{DRAWN} .quiz-feedback").all_text_contents() if t.strip()]
    assert len(feedback) == (len(prompts) if answered else 0)
    assert len(prompts) > 5 and len(choices) > 2 * len(prompts) and len(explanations) == len(prompts)
    sheets, text = printed(print_page)
    missing = [p for p in prompts + choices if squeeze(p) not in text]
    assert missing == []
    leaked = [e for e in explanations + feedback if squeeze(e)[:40] in text]
    assert leaked == []
    looks = print_page.evaluate(CHOICE_LOOKS, DRAWN)
    right = {c["looks"] for c in looks if c["correct"]}
    wrong = {c["looks"] for c in looks if not c["correct"]}
    assert right == wrong and len(right) == 1, (right, wrong)
