"""The bank as a QTI package, made by mkdocs-quiz's own exporter (mkdocs_quiz.qti).

We write each quiz as the Markdown mkdocs-quiz reads (the `<quiz>` blocks our pages use: the stem,
then `- [x]` / `- [ ]` answers one per line, then the explanation), let its extractor parse that
Markdown and its exporter write the package. Texts are given as HTML (escaped, <strong> for bold,
always inside a tag), so the exporter always takes its CDATA path and every platform reads them as
HTML: plain text would be XML-escaped a second time for "&" (Sở GD&ĐT) in QTI 2.1. Identifiers are
our question IDs, so a re-import updates rather than duplicates.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from mkdocs_quiz.qti import QTIExporter, QTIVersion, QuizCollection, extract_quizzes_from_file

from ..quizzes import Question, Quiz
from .text import html_block, html_inline, paragraphs

VERSIONS = ("1.2", "2.1")


def _md(text: str) -> str:
    # "[[…]]" would turn the block into a fill-in-the-blank for mkdocs-quiz's extractor.
    return text.replace("[", "&#91;").replace("]", "&#93;")


def _one_line(text: str) -> str:
    return " ".join(paragraphs(text))


def quiz_markdown(questions: list[Question], lang: str) -> str:
    blocks = []
    for q in questions:
        answers = "\n".join(f"- [{'x' if c.correct else ' '}] <span>{_md(html_inline(_one_line(c.text[lang])))}</span>"
                            for c in q.choices)
        blocks.append(f"<quiz>\n{_md(html_block(q.prompt[lang]))}\n{answers}\n\n"
                      f"{_md(html_block(q.explanation[lang]))}\n</quiz>\n")
    return "\n".join(blocks)


def qti_bytes(quizzes: list[Quiz], lang: str, title: str, version: str = "1.2") -> bytes:
    questions = [q for quiz in quizzes for q in quiz.questions]
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bank.md"
        source.write_text(quiz_markdown(questions, lang), encoding="utf-8")
        extracted = extract_quizzes_from_file(source)
    if len(extracted) != len(questions):  # our Markdown and its parser disagree: never ship that
        raise RuntimeError(f"mkdocs-quiz read {len(extracted)} of {len(questions)} questions")
    for item, q in zip(extracted, questions, strict=True):
        item.identifier = f"q-{q.id}"
        for i, answer in enumerate(item.answers):
            answer.identifier = f"q-{q.id}-{i + 1}"
        item.source_file = None
    ident = "bank-" + "-".join(quiz.id for quiz in quizzes)
    collection = QuizCollection(title=title, quizzes=extracted, identifier=ident[:100])
    data: bytes = QTIExporter.create(collection, QTIVersion.from_string(version)).export_to_bytes()
    return data


def single_key_multiple(quizzes: list[Quiz]) -> list[Question]:
    """Multiple-answer items with one key: mkdocs-quiz's exporter decides the type by the number of
    keys, so these become one-answer items (radio buttons) in the package."""
    return [q for quiz in quizzes for q in quiz.questions
            if q.type == "multiple" and sum(c.correct for c in q.choices) == 1]
