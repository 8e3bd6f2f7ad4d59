"""What every export format needs from a question's text: its paragraphs, the **bold** spans
(negatives are written that way), plain text without the asterisks, escaped HTML, and the labels of
each language."""

from __future__ import annotations

import re
from html import escape

from ..quizzes import Question

BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

LABELS = {
    "vi": {"question": "Câu", "part_single": "PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn",
           "part_multiple": "PHẦN II. Câu trắc nghiệm đúng sai",
           "end": "HẾT", "key": "BẢNG ĐÁP ÁN", "key_question": "Câu", "key_answer": "Đáp án",
           "true": "Đ", "false": "S", "explain": "LỜI GIẢI", "see": "Xem", "pass": "đạt từ {pass_mark}% số câu",
           "questions": "{n} câu", "exam": "ĐỀ KIỂM TRA", "version": "Quy chế thư điện tử năm học {year}"},
    "en": {"question": "Question", "part_single": "PART I. Multiple-choice questions",
           "part_multiple": "PART II. True/false statements",
           "end": "END", "key": "ANSWER KEY", "key_question": "Question", "key_answer": "Answer",
           "true": "T", "false": "F", "explain": "EXPLANATIONS", "see": "See", "pass": "pass mark {pass_mark}%",
           "questions": "{n} questions", "exam": "QUIZ", "version": "Email Regulation, school year {year}"},
}


def paragraphs(text: str) -> list[str]:
    """Editor text as paragraphs (blank lines between), each on one line."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def spans(text: str) -> list[tuple[str, bool]]:
    """One paragraph as (text, bold) pieces: "a **không** b" -> [("a ", False), ("không", True), (" b", False)]."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for m in BOLD.finditer(text):
        if m.start() > at:
            pieces.append((text[at:m.start()], False))
        pieces.append((m.group(1), True))
        at = m.end()
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def plain(text: str) -> str:
    """One line of plain text, the bold markers dropped (Aiken has no markup)."""
    return " ".join("".join(piece for piece, _ in spans(p)) for p in paragraphs(text))


def html_inline(text: str) -> str:
    """One paragraph as escaped HTML with <strong> for bold."""
    return "".join(f"<strong>{escape(piece, quote=False)}</strong>" if bold else escape(piece, quote=False)
                   for piece, bold in spans(text))


def html_block(text: str) -> str:
    return "".join(f"<p>{html_inline(p)}</p>" for p in paragraphs(text))


def choice_texts(q: Question, lang: str) -> list[str]:
    return [c.text[lang] for c in q.choices]


def correct_letters(q: Question) -> str:
    return "".join(LETTERS[i] for i, c in enumerate(q.choices) if c.correct)
