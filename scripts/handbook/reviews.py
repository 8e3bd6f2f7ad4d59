"""Review flags: every guide step and quiz question records the text it was written against.

regulations/reviewed.yml holds, for each item, the fingerprint of every point it cites, as the
text stood when the item was written or last reviewed. When a new version changes a cited point,
the item no longer matches: `handbook check` lists it (file:line) and the build refuses to publish
until someone has looked at it and recorded the review (`handbook review`, or the desk), which stores
the current fingerprints.

Item keys: guide/<guide>/<step>, guide/<guide>/danh-sach-kiem-tra (the checklist), quiz/<question>.
Everything here takes and returns data; reading and writing the records file is the caller's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .guides import Guide
from .model import Regulation
from .problems import Problem
from .quizzes import Quiz
from .yamlfile import load_mapping

RECORDS = Path("regulations") / "reviewed.yml"
CHECKLIST = "danh-sach-kiem-tra"
CODES = ("review-missing", "review-needed")  # the problems this module reports
Records = dict[str, dict[str, str]]  # item key -> {cited ID: fingerprint}


@dataclass(frozen=True)
class Item:
    key: str
    kind: Literal["step", "checklist", "question"]
    owner: str  # the guide's or the question's ID
    file: Path
    line: int
    label: str
    cites: tuple[str, ...]


def items(guides: Iterable[Guide], quizzes: Iterable[Quiz]) -> list[Item]:
    found: list[Item] = []
    for g in guides:
        for s in g.steps:
            if s.cites:
                found.append(Item(f"guide/{g.id}/{s.id}", "step", g.id, g.file, s.line,
                                  f"hướng dẫn {g.id}, bước {s.id}", tuple(s.cites)))
        cites = tuple(dict.fromkeys(c for i in g.checklist for c in i.cite))
        if cites:
            line = min(i.line for i in g.checklist)
            found.append(Item(f"guide/{g.id}/{CHECKLIST}", "checklist", g.id, g.file, line,
                              f"hướng dẫn {g.id}, danh sách kiểm tra", cites))
    for quiz in quizzes:
        for q in quiz.questions:
            found.append(Item(f"quiz/{q.id}", "question", q.id, q.file, q.line, f"câu hỏi {q.id}", q.cite))
    return found


def fingerprints(reg: Regulation, item: Item) -> dict[str, str | None]:
    return {c: reg.fingerprint_of(c) for c in item.cites}


def load_records(path: Path) -> tuple[Records | None, list[Problem]]:
    """The records, or None (and the problem) when the file cannot be read: then nothing may be written
    over it, or every review recorded in it would be lost."""
    broken = "tệp ghi nhận rà soát hỏng: sửa lại tệp (hoặc lấy bản cũ) trước khi ghi nhận tiếp"
    data, problems = load_mapping(path, broken, "review-records")
    if data is None:
        return None, problems
    if not all(isinstance(v, dict) and all(isinstance(f, str) for f in v.values()) for v in data.values()):
        return None, [Problem(path, 1, broken, "review-records")]
    return {str(k): {str(c): str(f) for c, f in v.items()} for k, v in data.items()}, []


def flagged(all_items: Iterable[Item], reg: Regulation, records: Records) -> list[tuple[Item, list[str] | None]]:
    """Items to review: (item, changed cited IDs), or (item, None) when never recorded. Items citing a
    point that no longer exists are left to the citation check, which reports them as errors."""
    found: list[tuple[Item, list[str] | None]] = []
    for item in all_items:
        now = fingerprints(reg, item)
        if any(fp is None for fp in now.values()):
            continue
        recorded = records.get(item.key)
        if recorded is None:
            found.append((item, None))
            continue
        changed = [c for c, fp in now.items() if recorded.get(c) != fp]
        if changed:
            found.append((item, changed))
    return found


def removed(all_items: Iterable[Item], reg: Regulation) -> list[tuple[Item, list[str]]]:
    """Items citing points that are not in `reg` (a new version removed them): (item, those IDs). They are
    not in `flagged()`; the citation check reports them, and their review cannot be recorded until they
    cite something that exists."""
    found: list[tuple[Item, list[str]]] = []
    for item in all_items:
        gone = [c for c, fp in fingerprints(reg, item).items() if fp is None]
        if gone:
            found.append((item, gone))
    return found


def check(all_items: Iterable[Item], reg: Regulation, records: Records) -> list[Problem]:
    problems: list[Problem] = []
    for item, changed in flagged(all_items, reg, records):
        if changed is None:
            problems.append(Problem(item.file, item.line, f"{item.label}: chưa ghi nhận văn bản đã dựa vào; "
                                    f"chạy `handbook review {item.key}`", CODES[0]))
        else:
            problems.append(Problem(item.file, item.line, f"{item.label}: điểm được trích dẫn đã thay đổi "
                                    f"({', '.join(changed)}); xem lại nội dung rồi chạy "
                                    f"`handbook review {item.key}`", CODES[1]))
    return problems


def record(all_items: Iterable[Item], reg: Regulation, records: Records,
           keys: list[str] | None) -> tuple[Records, list[Item], list[str]]:
    """New records with the current fingerprints for the given items (None: every item), what was
    recorded, and the keys that could not be (unknown, or citing a point that no longer exists).
    Records of items that no longer exist are dropped (the caller only records for a project whose
    guides and quizzes all loaded, so "no longer exists" is true)."""
    by_key = {i.key: i for i in all_items}
    wanted = list(by_key) if keys is None else keys
    result = {k: dict(v) for k, v in records.items() if k in by_key}
    done: list[Item] = []
    refused: list[str] = []
    for key in wanted:
        item = by_key.get(key)
        if item is None:
            refused.append(f"{key}: không có mục này")
            continue
        now = fingerprints(reg, item)
        missing = [c for c, fp in now.items() if fp is None]
        if missing:
            refused.append(f"{key}: trích dẫn điểm không còn trong Quy chế ({', '.join(missing)}); "
                           f"sửa {item.file.name} trước")
            continue
        result[key] = {c: fp for c, fp in now.items() if fp}
        done.append(item)
    return result, done, refused


def dump(records: Records) -> str:
    lines = [
        "# Văn bản mà mỗi bước hướng dẫn, mỗi câu hỏi đã dựa vào: dấu vân tay của từng điểm được trích dẫn.",
        "# Tạo và cập nhật bằng lệnh `handbook review` (hoặc Bàn làm việc); không sửa tay.",
        "# What each guide step and quiz question was written against; maintained by `handbook review`.",
    ]
    for key in sorted(records):
        inner = ", ".join(f'{c}: "{fp}"' for c, fp in sorted(records[key].items()))
        lines.append(f"{key}: {{{inner}}}")
    return "\n".join(lines) + "\n"
