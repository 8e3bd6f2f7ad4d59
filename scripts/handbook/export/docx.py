"""A quiz as a Word exam in the layout Vietnamese platforms import (Azota, OLM):

    Câu 1: <stem>            a question starts "Câu n:" (no Word numbering, which importers ignore)
    A. <option>              options A. B. C. D. each on its own line; the key UNDERLINED
    PHẦN II. …               multiple-answer items as true/false statements a) b) c) d), the true ones
                             underlined (the 2025 exam format's "trắc nghiệm đúng sai", which both read)
    HẾT                      end of the questions
    BẢNG ĐÁP ÁN              answer key table: Câu | Đáp án
    LỜI GIẢI                 explanations, "1. …", after the key (Azota reads them there)

True/false questions are single-answer items with two options (A. Đúng, B. Sai). **Bold** in the
bank is bold here; nothing else is bold or underlined in the options, so the underline is the key.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from ..quizzes import Question, Quiz
from .text import LABELS, LETTERS, paragraphs, spans

FONT = "Times New Roman"


def _runs(p: Paragraph, text: str, underline: bool = False) -> None:
    for piece, bold in spans(text):
        run = p.add_run(piece)
        run.bold = bold or None
        run.underline = underline or None


def parts(quiz: Quiz) -> tuple[list[Question], list[Question]]:
    """Part I (one answer: single, true/false) and part II (multiple answers), in bank order."""
    return ([q for q in quiz.questions if q.type != "multiple"], [q for q in quiz.questions if q.type == "multiple"])


def docx_bytes(quiz: Quiz, lang: str, school: str, year: str, cite: Callable[[str], str]) -> bytes:
    t = LABELS[lang]
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    doc.core_properties.title = quiz.title[lang]
    doc.core_properties.language = "vi-VN" if lang == "vi" else "en-GB"

    if school:
        doc.add_paragraph().add_run(school.upper()).bold = True
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(f"{t['exam']}: {quiz.title[lang].upper()}").bold = True
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(" · ".join(filter(None, (t["version"].format(year=year) if year else "",
                                         t["questions"].format(n=len(quiz.questions)),
                                         t["pass"].format(pass_mark=quiz.pass_mark))))).italic = True

    single, multiple = parts(quiz)
    ordered = single + multiple
    for n, q in enumerate(ordered, 1):
        if multiple and n == 1:
            doc.add_paragraph().add_run(t["part_single"]).bold = True
        if multiple and n == len(single) + 1:
            doc.add_paragraph().add_run(t["part_multiple"]).bold = True
        stem = paragraphs(q.prompt[lang])
        p = doc.add_paragraph()
        p.add_run(f"{t['question']} {n}: ").bold = True
        _runs(p, stem[0])
        for more in stem[1:]:
            _runs(doc.add_paragraph(), more)
        for i, c in enumerate(q.choices):
            p = doc.add_paragraph()
            label = f"{LETTERS[i].lower()})" if q.type == "multiple" else f"{LETTERS[i]}."
            run = p.add_run(label)
            run.underline = c.correct or None
            p.add_run(" ").underline = c.correct or None
            _runs(p, " ".join(paragraphs(c.text[lang])), underline=c.correct)

    end = doc.add_paragraph()
    end.alignment = WD_ALIGN_PARAGRAPH.CENTER
    end.add_run(f"------ {t['end']} ------").bold = True

    doc.add_paragraph().add_run(t["key"]).bold = True
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = t["key_question"], t["key_answer"]
    for n, q in enumerate(ordered, 1):
        cells = table.add_row().cells
        cells[0].text = str(n)
        cells[1].text = key_text(q, lang)

    doc.add_paragraph().add_run(t["explain"]).bold = True
    for n, q in enumerate(ordered, 1):
        p = doc.add_paragraph()
        p.add_run(f"{n}. ")
        _runs(p, " ".join(paragraphs(q.explanation[lang])))
        if q.cite:
            p.add_run(f" ({t['see']}: {'; '.join(cite(c) for c in q.cite)})").italic = True

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def key_text(q: Question, lang: str) -> str:
    """"B" for one answer; "a-Đ, b-S, c-Đ, d-S" for true/false statements."""
    t = LABELS[lang]
    if q.type == "multiple":
        return ", ".join(f"{LETTERS[i].lower()}-{t['true'] if c.correct else t['false']}"
                         for i, c in enumerate(q.choices))
    return "".join(LETTERS[i] for i, c in enumerate(q.choices) if c.correct)
