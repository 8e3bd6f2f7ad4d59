"""`handbook` — the command the school's staff and the build use.

    handbook check                          validate everything; print problems as file:line; exit 1 on errors
    handbook import FILE --year 2023-2024   add next school year's text as a new version
    handbook diff 2022-2023 2023-2024       what changed between two versions
    handbook review [ITEM ...] [--all]      record that guide steps / questions were reviewed
    handbook build [--offline]              check, build into a temporary folder, then replace site/
    handbook register MAIL... [--staff CSV] the training register from result emails (register.py)
    handbook export --format docx|aiken|gift|qti   the question bank for other platforms (export.py)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import export, publish, register, reviews, versions
from .changes import compare, word_diff_text
from .problems import Problem, errors
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
    found = errors(project.problems)
    warnings = len(project.problems) - len(found)
    if found:
        print(f"✗ {len(found)} lỗi, {warnings} cảnh báo — chưa thể xuất bản (errors: fix them and run again)",
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


def cmd_import(args: argparse.Namespace) -> int:
    result = versions.import_version(args.root, args.file.resolve(), args.year, args.overwrite, args.effective)
    print_problems(result.problems)
    if result.identical_to:
        print(f"Văn bản giống hệt phiên bản {result.identical_to}: không có gì thay đổi, không ghi gì thêm.")
        return 0
    if result.folder is None:
        print("✗ Chưa nhập: sửa các lỗi trên (tệp:dòng) rồi chạy lại.", file=sys.stderr)
        return 1
    project = load_project(args.root)
    new = project.version(args.year)
    assert new is not None
    print(f"✓ Đã nhập phiên bản {args.year} vào {result.folder.relative_to(args.root)}/ "
          f"(Quyết định {new.decision.number}, hiệu lực từ {new.effective:%d/%m/%Y}).")
    if new.previous:
        changes = compare(new.previous.regulation, new.regulation)
        print(f"  Thay đổi so với {new.previous.year}: {len(changes)} "
              f"(xem: handbook diff {new.previous.year} {args.year})")
    print(f"  Bản dịch tiếng Anh: giữ {result.carried} mục không đổi; {len(result.pending)} mục chờ dịch "
          f"(regulations/{args.year}/en.yml).")
    flagged = reviews.flagged(project)
    if flagged:
        print(f"  Cần rà soát {len(flagged)} bước hướng dẫn / câu hỏi dựa vào điểm đã thay đổi:")
        for item, changed in flagged:
            print(f"    {item.file}:{item.line}: {item.label} ({', '.join(changed or [])})")
        print("  Xem lại từng mục, sửa nếu cần, rồi chạy: handbook review --all")
    broken = [p for p in project.problems if p.code == "unknown-cite"]
    for p in broken:
        print(f"  {p}")
    print("  Tiếp theo: handbook check, rồi handbook build.")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    project = load_project(args.root)
    old, new = project.version(args.old), project.version(args.new)
    for year, v in ((args.old, old), (args.new, new)):
        if v is None:
            known = ", ".join(x.year for x in project.versions)
            print(f"Không có phiên bản {year}. Các phiên bản: {known}", file=sys.stderr)
            return 1
    assert old and new
    changes = compare(old.regulation, new.regulation)
    color = sys.stdout.isatty() and not args.no_color
    labels = {"added": "THÊM", "removed": "BỎ", "changed": "SỬA"}
    print(f"So sánh {old.year} → {new.year}: {len(changes)} thay đổi")
    for c in changes:
        print(f"\n{labels[c.kind]}  {c.id}")
        if c.kind == "changed":
            print("  " + word_diff_text(c.old or "", c.new or "", color).replace("\n", "\n  "))
        else:
            print("  " + (c.new or c.old or "").replace("\n", "\n  "))
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    project = load_project(args.root)
    if project.latest is None:
        print_problems(project.problems)
        return 1
    if not args.all and not args.items:
        flagged = reviews.flagged(project)
        if not flagged:
            print("✓ Không có mục nào cần rà soát.")
            return 0
        print("Các mục cần rà soát (xem lại nội dung, sửa nếu cần, rồi ghi nhận):")
        for item, changed in flagged:
            why = f"điểm đã đổi: {', '.join(changed)}" if changed else "chưa ghi nhận"
            print(f"  {item.key}  —  {item.file}:{item.line} ({why})")
        print("Ghi nhận tất cả: handbook review --all   ·   từng mục: handbook review <mục>")
        return 0
    done, refused = reviews.record(project, None if args.all else args.items)
    for msg in refused:
        print(f"✗ {msg}", file=sys.stderr)
    (args.root / reviews.RECORDS).write_text(reviews.dump(project.reviews), encoding="utf-8")
    print(f"✓ Đã ghi nhận {len(done)} mục theo văn bản {project.latest.year} vào {reviews.RECORDS}.")
    return 1 if refused else 0


def cmd_build(args: argparse.Namespace) -> int:
    project = load_project(args.root)
    print_problems(project.problems)
    if not project.ok:
        print("✗ Nội dung còn lỗi: trang cũ trong site/ được giữ nguyên.", file=sys.stderr)
        return 1
    return publish.build(args.root, offline=args.offline)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook", description="Sổ tay thư điện tử: kiểm tra, xây dựng, cập nhật")
    parser.add_argument("--root", type=Path, default=None, help="thư mục dự án (mặc định: tự tìm mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="kiểm tra văn bản, bản dịch, hướng dẫn, bài kiểm tra")
    p = sub.add_parser("import", help="nhập văn bản Quy chế của năm học mới")
    p.add_argument("file", type=Path, help="tệp văn bản (.txt, UTF-8 hoặc Unicode của Word)")
    p.add_argument("--year", required=True, help="năm học, ví dụ 2023-2024")
    p.add_argument("--overwrite", action="store_true", help="thay phiên bản đã có của năm học này")
    p.add_argument("--effective", help="ngày có hiệu lực (YYYY-MM-DD) nếu văn bản không ghi")
    p = sub.add_parser("diff", help="so sánh hai phiên bản")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--no-color", action="store_true")
    p = sub.add_parser("review", help="ghi nhận đã rà soát bước hướng dẫn / câu hỏi")
    p.add_argument("items", nargs="*", help="mục cần ghi nhận, ví dụ quiz/dinh-kem-15mb")
    p.add_argument("--all", action="store_true", help="ghi nhận mọi mục theo văn bản hiện hành")
    p = sub.add_parser("build", help="kiểm tra rồi xây dựng trang vào site/ (giữ bản cũ nếu lỗi)")
    p.add_argument("--offline", action="store_true", help="thêm bản dùng không cần mạng (tệp zip)")
    register.add_parser(sub)
    export.add_parser(sub)
    args = parser.parse_args(argv)
    args.root = find_root(args.root)
    if hasattr(args, "handler"):  # commands that bring their own parser and handler
        return args.handler(args)
    commands = {"check": cmd_check, "import": cmd_import, "diff": cmd_diff, "review": cmd_review, "build": cmd_build}
    return commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
