"""The bank in Moodle's two text import formats.

Aiken: one-answer multiple choice only ("stem / A. … / ANSWER: B"), plain text on one line each.
True/false items are exported as two options (Đúng/Sai); multiple-answer items cannot be written in
Aiken and are skipped with a warning naming them.

GIFT: every type. Texts are [html] (bold as <strong>, the rest escaped), then GIFT's special
characters ~ = # { } : and the backslash are escaped. One answer: =key ~other. Multiple answers:
~%w%key with the keys' weights summing to 100 and ~%-100% on the wrong options (so choosing a wrong
option scores nothing, as on the handbook's page; Moodle still gives part marks for some of the keys).
True/false: {T} / {F}. The explanation is the general feedback (####).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..quizzes import Question, Quiz
from .text import LETTERS, html_block, html_inline, paragraphs, plain

GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def aiken_ok(q: Question) -> bool:
    return q.type in ("single", "true_false")


def aiken(quizzes: list[Quiz], lang: str) -> tuple[str, list[Question]]:
    """The Aiken text, and the questions left out."""
    blocks: list[str] = []
    skipped: list[Question] = []
    for quiz in quizzes:
        for q in quiz.questions:
            if not aiken_ok(q):
                skipped.append(q)
                continue
            lines = [plain(q.prompt[lang])]
            lines += [f"{LETTERS[i]}. {plain(c.text[lang])}" for i, c in enumerate(q.choices)]
            lines.append(f"ANSWER: {next(LETTERS[i] for i, c in enumerate(q.choices) if c.correct)}")
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n", skipped


def gift_escape(text: str) -> str:
    return GIFT_SPECIAL.sub(r"\\\1", text)


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def gift(quizzes: list[Quiz], lang: str, category: Callable[[Quiz], list[str]]) -> str:
    """`category(quiz)`: the names of the question category's levels (each quiz its own category)."""
    out: list[str] = []
    for quiz in quizzes:
        # Moodle's category path uses "/" between levels; a "/" inside a name is written "//".
        path = "/".join(level.replace("/", "//") for level in category(quiz))
        out.append(f"// {quiz.file}\n$CATEGORY: $course$/top/{path}")
        for q in quiz.questions:
            stem = paragraphs(q.prompt[lang])
            stem_html = html_inline(stem[0]) if len(stem) == 1 else html_block(q.prompt[lang])
            head = f"::{gift_escape(q.id)}::[html]{gift_escape(stem_html)}"
            feedback = f"####{gift_escape(html_block(q.explanation[lang]))}"
            if q.type == "true_false":
                out.append(f"{head} {{{'T' if q.choices[0].correct else 'F'}{feedback}}}")
                continue
            answers = []
            keys = sum(1 for c in q.choices if c.correct)
            for c in q.choices:
                text = gift_escape(html_inline(" ".join(paragraphs(c.text[lang]))))
                if q.type == "single":
                    answers.append(f"{'=' if c.correct else '~'}{text}")
                else:
                    answers.append(f"~%{_weight(100 / keys) if c.correct else '-100'}%{text}")
            out.append(head + " {\n" + "\n".join(answers) + f"\n{feedback}\n}}")
    return "\n\n".join(out) + "\n"
