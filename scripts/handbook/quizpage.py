"""A quiz page as mkdocs-quiz leaves it, checked and finished (run after mkdocs-quiz's on_page_content).

Our template writes each question in the HTML mkdocs-quiz's script works with (templates/dao-tao.md.j2);
mkdocs-quiz adds its styles, script, translations and its progress panel. Here:
- the page must hold every question of the quiz, once (a page that lost one is never published);
- mkdocs-quiz's progress panel is kept out of the search index, like the questions: it is wrapped in a
  custom element, <hb-noindex data-search-exclude>, because Material's search parser tracks excluded
  elements by tag name and an excluded <div> would stop being excluded at its first nested </div>.
"""

from __future__ import annotations

import re

from .quizzes import Quiz

_QUESTION = re.compile(r'<div class="quiz"[^>]* data-hb-question="([^"]+)"')
_PROGRESS = re.compile(r'<div id="quiz-progress-sidebar"|<nav id="quiz-progress-mobile"')
NOINDEX = ("<hb-noindex data-search-exclude>", "</hb-noindex>")


class QuizPageError(Exception):
    """The page does not hold the quiz's questions: never publish it."""


def postprocess(html: str, quiz: Quiz) -> str:
    found = _QUESTION.findall(html)
    expected = [q.id for q in quiz.questions]
    if found != expected:
        raise QuizPageError(f"{quiz.file}: {len(expected)} câu hỏi trong tệp nhưng trang có {len(found)} "
                            f"(expected the questions {expected[:3]}…, found {found[:3]}…)")
    progress = _PROGRESS.search(html)
    if progress:  # mkdocs-quiz appends its progress panels at the end of the content
        html = html[:progress.start()] + NOINDEX[0] + html[progress.start():] + NOINDEX[1]
    return html
