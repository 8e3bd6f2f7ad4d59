"""Warnings on the measurable give-aways of a question bank (Haladyna & Downing's item-writing guidelines):
a test a teacher can pass by picking the longest option, or "true", shows nothing.

Per quiz (warnings at the line of its first question):
- the key is the longest option far more often than chance (more than two standard deviations above
  the count expected if the key were as likely as any option to be the longest);
- the key is markedly longer or shorter than the wrong options (median ratio of its length to theirs
  outside 0.8–1.25);
- true/false statements are mostly true or mostly false (fewer than a quarter on one side).
For the whole bank (warnings at the line of the official text):
- a point or paragraph of the Quy chế that no question cites.
Lengths are counted in the official language, without the **bold** marks.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable

from .model import Article, Regulation
from .problems import Problem
from .quizzes import Question, Quiz
from .render import plain

LONGEST_SIGMAS = 2.0
RATIO_RANGE = (0.8, 1.25)
MINORITY_SHARE = 0.25


def _length(text: str) -> int:
    return len(" ".join(plain(text).split()))


def _keys_and_others(q: Question, lang: str) -> tuple[list[int], list[int]]:
    keys = [_length(c.text[lang]) for c in q.choices if c.correct]
    others = [_length(c.text[lang]) for c in q.choices if not c.correct]
    return keys, others


def key_is_longest(q: Question, lang: str) -> bool:
    keys, others = _keys_and_others(q, lang)
    return bool(keys) and bool(others) and max(keys) > max(others)


def check_quiz(quiz: Quiz, lang: str, line: int) -> list[Problem]:
    problems: list[Problem] = []
    singles = [q for q in quiz.questions if q.type == "single" and len(q.choices) >= 3]
    if len(singles) >= 4:
        chances = [1 / len(q.choices) for q in singles]
        expected = sum(chances)
        spread = math.sqrt(sum(p * (1 - p) for p in chances))
        longest = [q.id for q in singles if key_is_longest(q, lang)]
        if len(longest) > expected + LONGEST_SIGMAS * spread:
            share = f"{len(longest)}/{len(singles)}"
            problems.append(Problem(quiz.file, line, f"đáp án đúng là phương án dài nhất ở {share} "
                                    f"câu một đáp án (ngẫu nhiên khoảng {expected:.1f}): người làm bài chọn phương án "
                                    f"dài nhất là đạt; viết lại các câu {', '.join(longest[:5])}…", "item-longest-key",
                                    "warning"))
    ratios = []
    for q in quiz.questions:
        if q.type == "true_false":
            continue
        keys, others = _keys_and_others(q, lang)
        if keys and others:
            ratios.append(statistics.mean(keys) / max(1.0, statistics.mean(others)))
    if len(ratios) >= 4:
        median = statistics.median(ratios)
        if not RATIO_RANGE[0] <= median <= RATIO_RANGE[1]:
            problems.append(Problem(quiz.file, line, f"đáp án đúng dài gấp {median:.2f} lần phương án sai (trung vị): "
                                    "độ dài các phương án cần tương đương nhau", "item-length-ratio", "warning"))
    statements = [q for q in quiz.questions if q.type == "true_false"]
    if len(statements) >= 4:
        true = sum(1 for q in statements if q.choices[0].correct)
        minority = min(true, len(statements) - true)
        if minority < MINORITY_SHARE * len(statements):
            problems.append(Problem(quiz.file, line, f"{true} nhận định đúng, {len(statements) - true} nhận định sai: "
                                    "người làm bài đoán theo bên nhiều hơn là đạt; cân bằng lại hai bên",
                                    "item-true-false", "warning"))
    return problems


def never_asked(quizzes: Iterable[Quiz], reg: Regulation) -> list[Problem]:
    """Points and paragraphs of the Quy chế that no question cites (citing a one-paragraph article
    counts for its paragraph)."""
    cited = {c for quiz in quizzes for q in quiz.questions for c in q.cite}
    problems = []
    for article in reg.articles:
        for block in article.blocks:
            if block.id in cited or (len(article.blocks) == 1 and article.id in cited):
                continue
            problems.append(Problem(reg.source, block.line, f"chưa câu hỏi nào hỏi {_name(article, block.id)}: "
                                    "mỗi điểm có quy định cần được hỏi ít nhất một lần", "item-never-asked",
                                    "warning"))
    return problems


def _name(article: Article, id_: str) -> str:
    return f"{id_} (Điều {article.number})"


def check(quizzes: list[Quiz], reg: Regulation | None, lang: str) -> list[Problem]:
    """Every warning for the bank, `lang` being the official language."""
    problems = [p for quiz in quizzes for p in check_quiz(quiz, lang, quiz.questions[0].line)]
    if reg is not None and quizzes:
        problems += never_asked(quizzes, reg)
    return problems
