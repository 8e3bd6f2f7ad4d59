"""Keyboard only: a question can be answered without a mouse, and the feedback receives focus so a
screen reader announces it; the language switch and search open from the keyboard too."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_answer_a_question_with_the_keyboard(page, base_url):
    page.goto(base_url + "/dao-tao/chuong-6/")
    page.locator('[data-hb="start"]').focus()
    page.keyboard.press("Enter")  # "Start" opens the questions and moves focus into the first one
    question = page.locator(".quiz[data-hb-question]:visible").first
    page.wait_for_function("() => document.activeElement.name === 'answer'")
    page.keyboard.press("Space")  # select
    assert question.locator('input[name="answer"]:checked').count() == 1
    page.keyboard.press("Tab")  # to the submit button (one tab stop per radio group)
    assert page.evaluate("document.activeElement.classList.contains('quiz-button')")
    page.keyboard.press("Enter")
    feedback = question.locator(".quiz-feedback")
    feedback.locator(".quiz-feedback-item").wait_for()
    assert page.evaluate("document.activeElement.classList.contains('quiz-feedback')")
    assert question.locator(".hb-explain").is_visible()


def test_skip_link_and_search_from_the_keyboard(page, base_url):
    page.goto(base_url + "/quy-che/")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.getAttribute('href')")
    assert skip == "#qc-ten"  # Material's "skip to content" link, first stop on the page
    page.keyboard.press("Escape")
    page.locator("body").press("/")  # Material's shortcut opens search
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("mat khau")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Enter")  # opens the best result: the glossary's "Mật khẩu"
    page.wait_for_url("**/thuat-ngu/#mat-khau")
