"""`handbook` — the command the school's staff and the build use.

    handbook check                 validate everything; print problems as file:line; exit 1 on errors
    handbook build [--offline]     check, build the site into a temporary folder, swap it into site/
    handbook serve                 build and serve at http://127.0.0.1:8000 (mkdocs serve)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import Problem
from .project import load_project


def find_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").exists() and (folder / "regulations").is_dir():
            return folder
    return here


def print_problems(problems: list[Problem]) -> None:
    for p in sorted(problems, key=lambda p: (p.severity != "error", p.file, p.line)):
        print(p, file=sys.stderr if p.severity == "error" else sys.stdout)


def cmd_check(args: argparse.Namespace) -> int:
    project = load_project(args.root)
    print_problems(project.problems)
    errors = [p for p in project.problems if p.severity == "error"]
    warnings = len(project.problems) - len(errors)
    if errors:
        print(f"✗ {len(errors)} lỗi, {warnings} cảnh báo — chưa thể xuất bản (errors: fix them and run again)",
              file=sys.stderr)
        return 1
    v = project.current
    summary = ""
    if v:
        reg = v.regulation
        summary = (f" {v.year}: {len(reg.chapters)} chương, {len(reg.articles)} điều, "
                   f"{sum(len(a.blocks) for a in reg.articles)} điểm/đoạn;")
    print(f"✓ Nội dung hợp lệ:{summary} {len(project.guides)} hướng dẫn, {len(project.quizzes)} bài kiểm tra"
          f" ({warnings} cảnh báo)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook", description="Sổ tay thư điện tử: kiểm tra, xây dựng, cập nhật")
    parser.add_argument("--root", type=Path, default=None, help="thư mục dự án (mặc định: tự tìm mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="kiểm tra văn bản, bản dịch, hướng dẫn, bài kiểm tra")
    args = parser.parse_args(argv)
    args.root = find_root(args.root)
    return {"check": cmd_check}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
