"""Adjustments to the HTML mkdocs-quiz renders for our quiz pages (run after mkdocs-quiz).

- Questions get IDs from the YAML (q-<id>) instead of their position (quiz-3), so progress saved
  in a browser still matches after an editor reorders or inserts questions.
- Each question is excluded from the search index: answers and explanations must not be findable.
  Material's search parser tracks excluded elements by tag name, so an excluded <div> stops being
  excluded at its first nested </div>; questions (and mkdocs-quiz's progress panel) are therefore
  wrapped in a custom element, <hb-noindex data-search-exclude>, whose tag nothing inside uses.
- A `multiple` question is answered with checkboxes even when it has one correct choice
  (mkdocs-quiz shows radios then, which would give the answer count away).
- The question's anchor link gets an accessible name, and each question a visible number.
- The questions sit in one container that stays closed until the reader presses "Start" (or has
  progress saved, or follows a link to a question): a page of closed questions costs the browser
  almost nothing to lay out, so the page is ready at once (training.js opens it).
"""

from __future__ import annotations

import re

from markupsafe import escape

from .i18n import t
from .quizzes import Quiz

_QUIZ_DIV = re.compile(r'<div class="quiz"([^>]*) id="quiz-(\d+)">')
_DIV_TAG = re.compile(r"<(/?)div\b")
_PROGRESS = re.compile(r'<div id="quiz-progress-sidebar"|<nav id="quiz-progress-mobile"')
NOINDEX = ("<hb-noindex data-search-exclude>", "</hb-noindex>")
QUESTIONS = ('<div class="hb-questions" data-hb="questions">', "</div>")


class QuizPageError(Exception):
    """The page mkdocs-quiz rendered does not hold the quiz's questions: never publish it."""


def _div_end(html: str, start: int) -> int:
    """Index just after the </div> closing the <div> that opens at `start`."""
    depth = 0
    for m in _DIV_TAG.finditer(html, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return html.index(">", m.end()) + 1
    raise QuizPageError("unbalanced <div> in quiz HTML")


def postprocess(html: str, quiz: Quiz, lang: str) -> str:
    starts = list(_QUIZ_DIV.finditer(html))
    if len(starts) != len(quiz.questions):
        raise QuizPageError(f"{quiz.file}: {len(quiz.questions)} câu hỏi trong tệp nhưng trang có {len(starts)} "
                            f"(expected {len(quiz.questions)} questions on the page, found {len(starts)})")
    total = len(quiz.questions)
    out: list[str] = []
    last = 0
    for k, m in enumerate(starts):
        end = _div_end(html, m.start())
        question = quiz.questions[int(m.group(2))]
        n = int(m.group(2)) + 1
        segment = html[m.start():end]
        segment = re.sub(rf'quiz-{m.group(2)}(?=["-])', f"q-{question.id}", segment)
        label = escape(t("quiz.question_label", lang, n=n, total=total))
        segment = segment.replace(
            f'id="q-{question.id}">',
            f'id="q-{question.id}" data-hb-question="{question.id}" data-hb-type="{question.type}" '
            f'data-hb-label="{label}">', 1)
        link = escape(t("quiz.question_link", lang, n=n))
        segment = segment.replace('class="quiz-header-link">', f'class="quiz-header-link" aria-label="{link}">', 1)
        if question.type == "multiple":
            segment = segment.replace('type="radio"', 'type="checkbox"')
        opening = QUESTIONS[0] if k == 0 else ""
        out += [html[last:m.start()], opening, NOINDEX[0], segment, NOINDEX[1]]
        last = end
    out.append(QUESTIONS[1])
    rest = html[last:]
    progress = _PROGRESS.search(rest)
    if progress:  # mkdocs-quiz appends its progress panels at the end of the content
        rest = rest[:progress.start()] + NOINDEX[0] + rest[progress.start():] + NOINDEX[1]
    out.append(rest)
    return "".join(out)
