"""The real project, copies of it that a test may break, tiny projects built from data, and builds."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from handbook import cli
from handbook.model import Regulation
from handbook.project import Project, load_project
from handbook.publish import copy_sources

ROOT = Path(__file__).resolve().parents[2]
OFFICIAL = ROOT / "regulations" / "2022-2023" / "quy-che.txt"
SHARED_OFFICIAL = ROOT.parent / "shared" / "source" / "000_de3c18400dd9bb15.txt"
YEAR = "2022-2023"

# A guide and a quiz small enough to read in a test, valid against the real text and schemas.
GUIDE = """\
id: thu-nghiem
title: {vi: "Hướng dẫn thử", en: "A test guide"}
summary: {vi: "Tóm tắt.", en: "Summary."}
audience: [staff]
start: {vi: "Bắt đầu.", en: "Start."}
steps:
  - id: buoc-mot
    title: {vi: "Bước một", en: "Step one"}
    who: [staff]
    rules:
      - text: {vi: "Giữ bí mật mật khẩu.", en: "Keep the password secret."}
        cite: [dieu-13-e]
end: {vi: "Xong.", en: "Done."}
checklist:
  - text: {vi: "Đã đổi mật khẩu.", en: "Password changed."}
    cite: [dieu-13-a]
"""
QUIZ = """\
id: thu-nghiem
title: {vi: "Bài thử", en: "Test quiz"}
pass_mark: 50
questions:
  - id: cau-mot
    type: true_false
    prompt: {vi: "Nhận định: thử.", en: "Statement: test."}
    answer: true
    explanation: {vi: "Vì vậy.", en: "Because."}
    cite: [dieu-13-e]
"""


@cache
def real_project() -> Project:
    """The project's own content, loaded once, when a test first asks (never at import time)."""
    return load_project(ROOT)


def real_regulation() -> Regulation:
    project = real_project()
    assert project.current is not None
    return project.current.regulation


def copy_project(dest: Path) -> Path:
    """A copy of the project's content (not its generated pages) that a test may break."""
    return copy_sources(ROOT, dest, ignore=("__pycache__",))


def make_project(dest: Path, guides: dict[str, str] | None = None, quizzes: dict[str, str] | None = None,
                 files: dict[str, str | bytes] | None = None, reviewed: bool = True) -> Path:
    """A tiny project built from data: the real settings and official text, the given guides and
    quizzes (id -> YAML; default one small guide and one small quiz), and any other files (relative
    path -> content). With `reviewed`, the review records are made current so only the problems the
    test plants are reported."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    regulations = dest / "regulations"
    shutil.copytree(ROOT / "regulations" / YEAR, regulations / YEAR)
    for name in ("school.yml", "synonyms.yml"):
        shutil.copy2(ROOT / "regulations" / name, regulations / name)
    for folder, content in (("guides", {"thu-nghiem": GUIDE} if guides is None else guides),
                            ("quizzes", {"thu-nghiem": QUIZ} if quizzes is None else quizzes)):
        (dest / folder).mkdir()
        shutil.copy2(ROOT / folder / "schema.json", dest / folder / "schema.json")
        for name, text in content.items():
            (dest / folder / f"{name}.yml").write_text(text, encoding="utf-8")
    (dest / "docs").mkdir(exist_ok=True)
    if reviewed:
        run_cli(dest, "review", "--all")
    for rel, content in (files or {}).items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return dest


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


def run_cli(root: Path | None, *args: str, cwd: Path | None = None) -> Run:
    """`handbook ARGS` in this process (fast; a traceback fails the test instead of being printed)."""
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main([*(["--root", str(root)] if root else []), *args])
            except SystemExit as exc:  # argparse's usage errors
                code = int(exc.code or 0)
    finally:
        os.chdir(old)
    return Run(code, out.getvalue(), err.getvalue())


def build_site(project: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` on a project folder; returns the finished process (never raises)."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                           "-d", str(out)], capture_output=True, text=True, env=full_env, cwd=project)


def handbook(project: Path, *args: str, env: dict[str, str] | None = None,
             cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`handbook ARGS` as its own process, for what must be seen from outside (exit codes, tracebacks,
    two commands at once)."""
    root = ["--root", str(project)] if project else []
    return subprocess.run([sys.executable, "-m", "handbook.cli", *root, *args], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, cwd=cwd)
