"""Problems found in content: each names a file and a line, so an editor can go straight to it.

A problem holds the path of its file as found; it is shown relative to the project only when it is
printed (`render(root)`), so loaders never need to know where the project lies."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    file: Path | str  # a path, or a name that is not a file ("--year")
    line: int  # 1-based; 0 when the problem is with the whole file or a command-line flag
    message: str
    code: str
    severity: Severity = "error"

    def where(self, root: Path | None = None) -> str:
        return display_path(self.file, root)

    def render(self, root: Path | None = None) -> str:
        """`file:line: message [code]`; a problem with a command-line flag or a whole folder has no line."""
        tag = "" if self.severity == "error" else "cảnh báo: "
        where = f"{self.where(root)}:{self.line}" if self.line > 0 else self.where(root)
        return f"{where}: {tag}{self.message} [{self.code}]"

    def __str__(self) -> str:
        return self.render()


class ContentError(Exception):
    """Raised when content cannot be used at all; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path | str, root: Path | None = None) -> str:
    """A path as the editor knows it: relative to the project (or the working folder) when inside it."""
    if isinstance(path, str):
        return path
    base = root or Path.cwd()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def unique(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once: the same message at the same place is one problem, however it was reached."""
    return list(dict.fromkeys(problems))


def print_problems(problems: Iterable[Problem], root: Path | None = None) -> None:
    """Errors first (on stderr), then warnings (on stdout), each as `file:line: message [code]`."""
    for p in sorted(problems, key=lambda p: (p.severity != "error", str(p.file), p.line)):
        print(p.render(root), file=sys.stderr if p.severity == "error" else sys.stdout)
