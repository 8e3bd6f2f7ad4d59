"""Review flags: every guide step and quiz question records the text it was written against.

regulations/reviewed.yml holds, for each item, the fingerprint of every point it cites, as the
text stood when the item was written or last reviewed. When a new version changes a cited point,
the item no longer matches: `handbook check` lists it (file:line) and the build refuses to publish
until someone has looked at it and run `handbook review`, which records the current fingerprints.

Item keys: guide/<guide>/<step>, guide/<guide>/danh-sach-kiem-tra (the checklist), quiz/<question>.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Problem, display_path
from .yamlfile import load_mapping

if TYPE_CHECKING:
    from .project import Project

RECORDS = Path("regulations") / "reviewed.yml"
CHECKLIST = "danh-sach-kiem-tra"


@dataclass(frozen=True)
class Item:
    key: str
    file: str
    line: int
    label: str
    cites: tuple[str, ...]


def items(project: Project) -> list[Item]:
    found: list[Item] = []
    for g in project.guides:
        for s in g.steps:
            if s.cites:
                found.append(Item(f"guide/{g.id}/{s.id}", g.file, s.line, f"hướng dẫn {g.id}, bước {s.id}",
                                  tuple(s.cites)))
        cites = tuple(dict.fromkeys(c for i in g.checklist for c in i.cite))
        if cites:
            line = min(i.line for i in g.checklist)
            found.append(Item(f"guide/{g.id}/{CHECKLIST}", g.file, line, f"hướng dẫn {g.id}, danh sách kiểm tra",
                              cites))
    for quiz in project.quizzes:
        for q in quiz.questions:
            found.append(Item(f"quiz/{q.id}", q.file, q.line, f"câu hỏi {q.id}", q.cite))
    return found


def fingerprints(project: Project, item: Item) -> dict[str, str | None]:
    assert project.latest
    reg = project.latest.regulation
    return {c: reg.fingerprint_of(c) for c in item.cites}


def load_records(path: Path, root: Path) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    broken = "tệp ghi nhận rà soát hỏng: tạo lại bằng `handbook review --all`"
    data, problems = load_mapping(path, root, broken, "review-records")
    if data is None:
        return {}, problems
    if not all(isinstance(v, dict) for v in data.values()):
        return {}, [Problem(display_path(path, root), 1, broken, "review-records")]
    return {str(k): {str(c): str(f) for c, f in v.items()} for k, v in data.items()}, []


def flagged(project: Project) -> list[tuple[Item, list[str] | None]]:
    """Items to review: (item, changed cited IDs), or (item, None) when never recorded. Items citing a
    point that no longer exists are left to the citation check, which reports them as errors."""
    found: list[tuple[Item, list[str] | None]] = []
    for item in items(project):
        now = fingerprints(project, item)
        if any(fp is None for fp in now.values()):
            continue
        recorded = project.reviews.get(item.key)
        if recorded is None:
            found.append((item, None))
            continue
        changed = [c for c, fp in now.items() if recorded.get(c) != fp]
        if changed:
            found.append((item, changed))
    return found


def check(project: Project) -> list[Problem]:
    problems: list[Problem] = []
    for item, changed in flagged(project):
        if changed is None:
            problems.append(Problem(item.file, item.line, f"{item.label}: chưa ghi nhận văn bản đã dựa vào; "
                                    f"chạy `handbook review {item.key}`", "review-missing"))
        else:
            problems.append(Problem(item.file, item.line, f"{item.label}: điểm được trích dẫn đã thay đổi "
                                    f"({', '.join(changed)}); xem lại nội dung rồi chạy "
                                    f"`handbook review {item.key}`", "review-needed"))
    return problems


def record(project: Project, keys: list[str] | None) -> tuple[list[Item], list[str]]:
    """Record current fingerprints for the given items (None: every item). Returns what was recorded
    and the keys that could not be (unknown, or citing a point that no longer exists)."""
    by_key = {i.key: i for i in items(project)}
    wanted = list(by_key) if keys is None else keys
    done: list[Item] = []
    refused: list[str] = []
    for key in wanted:
        item = by_key.get(key)
        if item is None:
            refused.append(f"{key}: không có mục này")
            continue
        now = fingerprints(project, item)
        missing = [c for c, fp in now.items() if fp is None]
        if missing:
            refused.append(f"{key}: trích dẫn điểm không còn trong Quy chế ({', '.join(missing)}); "
                           f"sửa {item.file} trước")
            continue
        project.reviews[key] = {c: fp for c, fp in now.items() if fp}
        done.append(item)
    # forget records of items that no longer exist
    for key in [k for k in project.reviews if k not in by_key]:
        del project.reviews[key]
    return done, refused


def dump(records: dict[str, dict[str, str]]) -> str:
    lines = [
        "# Văn bản mà mỗi bước hướng dẫn, mỗi câu hỏi đã dựa vào: dấu vân tay của từng điểm được trích dẫn.",
        "# Tạo và cập nhật bằng lệnh `handbook review`; không sửa tay.",
        "# What each guide step and quiz question was written against; maintained by `handbook review`.",
    ]
    for key in sorted(records):
        inner = ", ".join(f'{c}: "{fp}"' for c, fp in sorted(records[key].items()))
        lines.append(f"{key}: {{{inner}}}")
    return "\n".join(lines) + "\n"
