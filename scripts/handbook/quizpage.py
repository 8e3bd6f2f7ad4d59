"""Adjustments to the HTML mkdocs-quiz renders for our quiz pages (run after mkdocs-quiz).

- Questions get IDs from the YAML (q-<id>) instead of their position (quiz-3), so progress saved
  in a browser still matches after an editor reorders or inserts questions.
- Each question is excluded from the search index: answers and explanations must not be findable.
- A `multiple` question is answered with checkboxes even when it has one correct choice
  (mkdocs-quiz shows radios then, which would give the answer count away).
- The question's anchor link gets an accessible name, and each question a visible number.
"""

from __future__ import annotations

import re

from markupsafe import escape

from .quizzes import Quiz

_QUIZ_DIV = re.compile(r'<div class="quiz"([^>]*) id="quiz-(\d+)">')
LABELS = {"vi": ("Câu {n}/{total}", "Liên kết đến câu {n}"), "en": ("Question {n} of {total}", "Link to question {n}")}


def postprocess(html: str, quiz: Quiz, lang: str) -> str:
    starts = [m for m in _QUIZ_DIV.finditer(html)]
    if len(starts) != len(quiz.questions):
        raise ValueError(f"{quiz.file}: expected {len(quiz.questions)} questions on the page, found {len(starts)}")
    label, link_label = LABELS[lang]
    total = len(quiz.questions)
    out: list[str] = []
    last = 0
    for k, m in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(html)
        question = quiz.questions[int(m.group(2))]
        n = int(m.group(2)) + 1
        segment = html[m.start():end]
        segment = re.sub(rf'quiz-{m.group(2)}(?=["-])', f"q-{question.id}", segment)
        segment = segment.replace(
            f'id="q-{question.id}">',
            f'id="q-{question.id}" data-search-exclude data-hb-question="{question.id}" '
            f'data-hb-type="{question.type}" data-hb-label="{escape(label.format(n=n, total=total))}">', 1)
        segment = segment.replace('class="quiz-header-link">',
                                  f'class="quiz-header-link" aria-label="{escape(link_label.format(n=n))}">', 1)
        if question.type == "multiple":
            segment = segment.replace('type="radio"', 'type="checkbox"')
        out += [html[last:m.start()], segment]
        last = end
    out.append(html[last:])
    return "".join(out)
