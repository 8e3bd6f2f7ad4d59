"""`handbook register`: the training register from the term's result emails.

    handbook register KetQua/ "Hop thu.mbox" --staff danh-sach.csv [--out training-register/]

Reads `.eml` and `.mbox` files (or folders of them) as exported from a mail client, and an optional
staff list; writes so-dao-tao.xlsx and so-dao-tao.html. The register is internal: it is written
outside the published site (refused inside docs/ or site/), by default to training-register/, which
git ignores. Nothing is written while an input has an error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..problems import Problem, display_path, errors, print_problems
from ..project import load_project
from . import output as register_output
from .book import build
from .mail import read_sources
from .staff import HEADERS, read_staff

DEFAULT_OUT = "training-register"
PUBLISHED = ("docs", "site")  # the site's sources and its build: the register never goes there


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "register", help="lập sổ theo dõi đào tạo từ thư kết quả (.eml, .mbox)",
        description="Lập sổ theo dõi đào tạo (so-dao-tao.xlsx, so-dao-tao.html) từ các thư kết quả xuất từ "
                    "chương trình thư (.eml, .mbox) và danh sách CBGVNV (.csv).")
    p.add_argument("sources", nargs="+", type=Path, metavar="THƯ",
                   help="tệp .eml, .mbox, hoặc thư mục chứa chúng")
    p.add_argument("--staff", type=Path, metavar="CSV",
                   help="danh sách CBGVNV (CSV UTF-8): cột " + " / ".join(HEADERS["name"][:2])
                   + "; có thể thêm cột Email và Tổ")
    p.add_argument("--out", type=Path, metavar="THƯ_MỤC",
                   help=f"thư mục ghi sổ (mặc định: {DEFAULT_OUT}/ trong thư mục dự án)")
    p.set_defaults(handler=run)


def published_folder(out: Path, root: Path) -> str | None:
    """The published folder `out` is in, if any."""
    for name in PUBLISHED:
        base = (root / name).resolve()
        if out == base or base in out.parents:
            return name
    return None


def run(args: argparse.Namespace) -> int:

    root: Path = args.root
    out = (args.out if args.out is not None else root / DEFAULT_OUT).resolve()
    inside = published_folder(out, root)
    if inside:
        print(f"✗ {display_path(out)}: sổ đào tạo là tài liệu nội bộ, không ghi vào {inside}/ (thư mục của trang "
              f"web). Bỏ --out để ghi vào {DEFAULT_OUT}/.", file=sys.stderr)
        return 2
    inbox = read_sources(args.sources)
    problems: list[Problem] = list(inbox.problems)
    staff = None
    if args.staff is not None:
        staff, found = read_staff(args.staff)
        problems += found
    print_problems(problems)
    if errors(problems):
        print("✗ Chưa lập sổ: sửa hoặc bỏ các tệp có lỗi ở trên (tệp:dòng) rồi chạy lại.", file=sys.stderr)
        return 1
    project = load_project(root)
    if not project.ok:
        print_problems(errors(project.problems))
        print("✗ Nội dung sổ tay còn lỗi (xem handbook check): chưa lập sổ.", file=sys.stderr)
        return 1
    reg = build(project, inbox.received, staff)
    reg.files, reg.messages = inbox.files, inbox.messages
    written = register_output.write(reg, project.school, out)
    complete = sum(1 for i in range(len(reg.people)) if register_output.passed_count(reg, i) == len(reg.quizzes))
    print(f"✓ Đã lập sổ đào tạo: {len(reg.people)} người × {len(reg.quizzes)} bài; {complete} người đạt đủ các bài "
          "theo Quy chế hiện hành.")
    print(f"  Đọc {inbox.messages} thư trong {inbox.files} tệp: {len(inbox.received)} dòng kết quả, "
          f"{reg.duplicates} bản trùng đã gộp, {len(reg.flagged)} cần xem lại (không tính)"
          + (f", {len(reg.outsiders)} của người ngoài danh sách." if staff is not None else "."))
    for path in written:
        print(f"  {display_path(path)}")
    print("  Sổ và danh sách CBGVNV là tài liệu nội bộ: không đưa lên trang web.")
    return 0
