"""The English translation of a regulation version, kept beside it and keyed by the model's IDs.

File format (regulations/<year>/en.yml), one entry per unit of the official text:

    dieu-13-e: "It is strictly forbidden to …"          # translated
    dieu-8-d:                                           # the Vietnamese changed: translate again
      pending: changed
      previous: "Limit sending and receiving …"         # the old English, for reference

A point's entry holds its text without the dash or the point label, which the page adds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .model import Regulation
from .problems import ContentError, Problem
from .yamlfile import LineDict, load

PENDING_REASONS = ("new", "changed")


@dataclass
class Translation:
    file: Path | str
    text: dict[str, str] = field(default_factory=dict)  # ID -> English
    pending: dict[str, str] = field(default_factory=dict)  # ID -> "new" | "changed"
    previous: dict[str, str] = field(default_factory=dict)  # ID -> outdated English, if any
    lines: dict[str, int] = field(default_factory=dict)
    readable: bool = True  # False when the file could not be read: its problem says why, nothing else is checked

    def get(self, id_: str) -> str | None:
        return self.text.get(id_)


def load_translation(path: Path) -> tuple[Translation, list[Problem]]:
    file = path
    tr = Translation(file)
    if not path.exists():
        tr.readable = False
        return tr, [Problem(file, 1, "chưa có tệp bản dịch tiếng Anh", "no-translation-file")]
    try:
        data = load(path)
    except ContentError as exc:
        tr.readable = False
        return tr, exc.problems
    problems: list[Problem] = []
    if data is None:
        data = LineDict()
    if not isinstance(data, LineDict):
        tr.readable = False
        return tr, [Problem(file, 1, "tệp bản dịch phải là danh sách \"mã: bản dịch\"", "translation-format")]
    for key, value in data.items():
        line = data.key_lines[key]
        key = str(key)
        tr.lines[key] = line
        if isinstance(value, str):
            if not value.strip():
                problems.append(Problem(file, line, f"bản dịch của {key} để trống", "empty-translation"))
            else:
                tr.text[key] = value.strip()
        elif isinstance(value, LineDict) and value.get("pending") in PENDING_REASONS:
            tr.pending[key] = value["pending"]
            if isinstance(value.get("previous"), str):
                tr.previous[key] = value["previous"].strip()
        else:
            problems.append(Problem(file, line, f"{key}: giá trị phải là một chuỗi tiếng Anh, hoặc "
                                    f"{{pending: new|changed}} khi đang chờ dịch", "translation-format"))
    return tr, problems


def check_translation(reg: Regulation, tr: Translation) -> list[Problem]:
    """Missing and orphaned entries are errors; pending ones are listed as warnings until done. A file
    that could not be read has one problem already; its entries are not reported one by one."""
    problems: list[Problem] = []
    if not tr.readable:
        return problems
    ids = [u.id for u in reg.units()]
    known = set(ids)
    for unit in reg.units():
        if unit.id not in tr.text and unit.id not in tr.pending and unit.id not in tr.lines:
            problems.append(Problem(tr.file, 1, f"thiếu bản dịch cho {unit.id} ({Path(reg.source).name}:{unit.line}: "
                                    f"{_preview(unit.text)})", "missing-translation"))
    for key, line in tr.lines.items():
        if key not in known:
            problems.append(Problem(tr.file, line, f"bản dịch cho mã không có trong văn bản: {key}",
                                    "orphan-translation"))
    for key, reason in tr.pending.items():
        if key in known:
            what = "mới" if reason == "new" else "đã thay đổi"
            problems.append(Problem(tr.file, tr.lines[key], f"{key}: nội dung {what}, đang chờ dịch",
                                    "translation-pending", "warning"))
    return problems


def _preview(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def dump_translation(reg: Regulation, tr: Translation, source: str) -> str:
    """The translation file, in reading order, each entry under the Vietnamese it translates.

    Used to start a file for a new version and to rewrite one after an import; entries with no
    English yet are written as pending so the site and the check both know."""
    out = [
        f"# Bản dịch tiếng Anh của {source}: mỗi mục là một mã (ID) của văn bản.",
        "# English translation keyed by ID. The Vietnamese above each entry is for reference only;",
        "# write the English without the dash or point label (the page adds them).",
        "# An entry {pending: new|changed} is shown on the English site as \"translation pending\".",
        "",
    ]
    for unit in reg.units():
        for line in unit.content.split("\n"):
            out.append(f"# {line}")
        if unit.id in tr.text:
            out.append(f"{unit.id}: {_quote(tr.text[unit.id])}")
        else:
            out.append(f"{unit.id}:")
            out.append(f"  pending: {tr.pending.get(unit.id, 'new')}")
            if unit.id in tr.previous:
                out.append(f"  previous: {_quote(tr.previous[unit.id])}")
        out.append("")
    return "\n".join(out)


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON's quoting is valid YAML), whatever the text holds."""
    return json.dumps(text, ensure_ascii=False)
