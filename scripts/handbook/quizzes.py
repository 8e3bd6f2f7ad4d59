"""Training quizzes from quizzes/*.yml: loading, validation (schema + the rules a schema cannot say),
and the per-question fingerprints of what each question was written against."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from .citations import is_citable
from .model import Regulation
from .problems import Problem
from .schemas import documents
from .yamlfile import LineDict, line_of

Text = dict[str, str]
QuestionType = Literal["single", "multiple", "true_false"]
Spread = Literal["article", "chapter"]
TRUE_FALSE = ({"vi": "Đúng", "en": "True"}, {"vi": "Sai", "en": "False"})
TEMPLATE = "dao-tao.md.j2"


@dataclass(frozen=True)
class Choice:
    text: Text
    correct: bool


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    prompt: Text
    choices: tuple[Choice, ...]
    explanation: Text
    cite: tuple[str, ...]
    file: Path
    line: int


@dataclass(frozen=True)
class Draw:
    """How an attempt is drawn from the quiz's questions (its pool): how many, spread over what."""

    count: int
    spread: Spread | None = None


@dataclass(frozen=True)
class Quiz:
    id: str
    file: Path
    order: int
    title: Text
    description: Text | None
    chapter: str | None
    pass_mark: int
    questions: tuple[Question, ...]
    draw: Draw | None = None
    template: str = TEMPLATE

    @property
    def attempt_size(self) -> int:
        """Questions in one attempt: the draw's count, or the whole pool."""
        return min(self.draw.count, len(self.questions)) if self.draw else len(self.questions)

    def outline(self) -> Quiz:
        """The quiz without its questions' texts (IDs, types, citations kept): what is still needed once
        its pages are written, at a third of the memory."""
        return replace(self, questions=tuple(replace(q, prompt={}, choices=(), explanation={})
                                             for q in self.questions))


def _choices(q: LineDict) -> tuple[Choice, ...]:
    if q["type"] == "true_false":
        return tuple(Choice(dict(text), (i == 0) == bool(q["answer"])) for i, text in enumerate(TRUE_FALSE))
    return tuple(Choice(dict(c["text"]), bool(c.get("correct", False))) for c in q["choices"])


def _texts(data: LineDict) -> list[tuple[list[str | int], str, str]]:
    """Every bilingual text in a quiz file: (path, language, value) — to catch blank ones."""
    found: list[tuple[list[str | int], str, str]] = []

    def add(path: list[str | int], text: dict[str, str]) -> None:
        found.extend(([*path, lang], lang, value) for lang, value in text.items())

    for key in ("title", "description"):
        if key in data:
            add([key], data[key])
    for i, q in enumerate(data["questions"]):
        for key in ("prompt", "explanation"):
            add(["questions", i, key], q[key])
        for j, c in enumerate(q.get("choices", ())):
            add(["questions", i, "choices", j, "text"], c["text"])
    return found


def _semantic(data: LineDict, file: Path) -> list[Problem]:
    problems = []
    for path, lang, value in _texts(data):
        if not value.strip():
            what = "giải thích" if "explanation" in path else "nội dung"
            problems.append(Problem(file, line_of(data, path), f"{what} tiếng {'Việt' if lang == 'vi' else 'Anh'} "
                                    f"({lang}) để trống", "empty-text"))
    if "draw" in data and data["draw"]["count"] > len(data["questions"]):
        problems.append(Problem(file, line_of(data, ["draw", "count"]), f"draw.count {data['draw']['count']} lớn hơn "
                                f"số câu trong bài ({len(data['questions'])})", "draw-count"))
    for i, q in enumerate(data["questions"]):
        if q["type"] == "true_false":
            continue
        n_correct = sum(1 for c in q["choices"] if c.get("correct"))
        line = line_of(data, ["questions", i, "choices"])
        if q["type"] == "single" and n_correct != 1:
            problems.append(Problem(file, line, f"câu {q['id']} (single) phải có đúng một đáp án correct: true, "
                                    f"đang có {n_correct}", "correct-count"))
        if q["type"] == "multiple" and n_correct == 0:
            problems.append(Problem(file, line, f"câu {q['id']} (multiple) chưa có đáp án nào correct: true",
                                    "correct-count"))
        for lang in q["choices"][0]["text"]:
            texts = [c["text"][lang].strip() for c in q["choices"]]
            if len(set(texts)) != len(texts):
                problems.append(Problem(file, line, f"câu {q['id']}: hai lựa chọn trùng nhau ({lang})",
                                        "duplicate-choice"))
    return problems


def _build(data: LineDict, file: Path) -> Quiz:
    questions = tuple(
        Question(q["id"], q["type"], dict(q["prompt"]), _choices(q), dict(q["explanation"]), tuple(q["cite"]),
                 file, q.line)
        for q in data["questions"])
    draw = Draw(data["draw"]["count"], data["draw"].get("spread")) if "draw" in data else None
    return Quiz(data["id"], file, data.get("order", 999), dict(data["title"]),
                dict(data["description"]) if "description" in data else None, data.get("chapter"),
                data["pass_mark"], questions, draw)


def load_quizzes(folder: Path) -> tuple[list[Quiz], list[Problem]]:
    quizzes: list[Quiz] = []
    problems: list[Problem] = []
    seen: dict[str, tuple[Path, int]] = {}
    for file, data in documents(folder, problems):
        found = _semantic(data, file)
        for q in data["questions"]:
            if q["id"] in seen:
                other, other_line = seen[q["id"]]
                where = f"{other.parent.name}/{other.name}:{other_line}"
                found.append(Problem(file, q.line, f"mã câu hỏi {q['id']!r} đã dùng ở {where}", "duplicate-question"))
            else:
                seen[q["id"]] = (file, q.line)
        problems += found
        if not found:
            quizzes.append(_build(data, file))
    quizzes.sort(key=lambda q: (q.order, q.id))
    return quizzes, problems


def check_citations(quizzes: list[Quiz], reg: Regulation | None) -> list[Problem]:
    if reg is None:
        return []
    return [Problem(q.file, q.line, f"câu {q.id}: trích dẫn {c!r} không có trong Quy chế (văn bản {reg.school_year})",
                    "unknown-cite")
            for quiz in quizzes for q in quiz.questions for c in q.cite if not is_citable(reg, c)]
