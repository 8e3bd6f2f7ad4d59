"""`handbook` — the command the school's staff and the build use.

    handbook check                          validate everything; print problems as file:line; exit 1 on errors
    handbook import FILE --year 2023-2024   add next school year's text as a new version
    handbook diff 2022-2023 2023-2024       what changed between two versions
    handbook review [ITEM ...] [--all]      record that guide steps / questions were reviewed
    handbook build [--offline]              check, build into a temporary folder, then replace site/
    handbook register MAIL... [--staff CSV] the training register from result emails (register.py)
    handbook export --format docx|aiken|gift|qti   the question bank for other platforms (export.py)

Every problem is printed as `file:line: message` (or `flag: message`), with a non-zero exit; no input
makes it print a traceback. Commands that write hold the project lock and write atomically.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from . import export, fsutil, publish, register, reviews, versions
from .changes import compare, word_diff_text
from .problems import errors, print_problems
from .project import Project, is_project, load_project

Command = Callable[[argparse.Namespace], int]


def find_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return folder
    return here


def cmd_check(args: argparse.Namespace) -> int:
    project = load_project(args.root)
    print_problems(project.problems, args.root)
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
    print_problems(result.problems, args.root)
    if result.identical_to:
        print(f"Văn bản giống hệt phiên bản {result.identical_to}: không có gì thay đổi, không ghi gì thêm.")
        return 0
    if result.folder is None:
        print("✗ Chưa nhập, không có gì thay đổi: sửa các lỗi trên rồi chạy lại.", file=sys.stderr)
        return 1
    project = load_project(args.root)
    new = project.version(result.year)
    if new is None:  # written, but it does not load: say so rather than pretend
        print_problems(project.problems, args.root)
        return 1
    print(f"✓ Đã nhập phiên bản {result.year} vào regulations/{result.year}/ "
          f"(Quyết định {new.decision.number}, hiệu lực từ {new.effective:%d/%m/%Y}).")
    if new.previous:
        changes = compare(new.previous.regulation, new.regulation)
        print(f"  Thay đổi so với {new.previous.year}: {len(changes)} "
              f"(xem: handbook diff {new.previous.year} {result.year})")
    print(f"  Bản dịch tiếng Anh: giữ {result.carried} mục không đổi; {len(result.pending)} mục chờ dịch "
          f"(regulations/{result.year}/en.yml).")
    latest = project.latest
    flagged = reviews.flagged(project.review_items(), latest.regulation, project.reviews or {}) if latest else []
    if flagged:
        print(f"  Cần rà soát {len(flagged)} bước hướng dẫn / câu hỏi dựa vào điểm đã thay đổi:")
        for item, changed in flagged:
            print(f"    {project.path(item.file)}:{item.line}: {item.label} ({', '.join(changed or [])})")
        print("  Mở từng mục, sửa nội dung nếu cần, rồi ghi nhận từng mục: handbook review <mục> "
              "(hoặc dùng Bàn làm việc: handbook desk)")
    for p in project.problems:
        if p.code == "unknown-cite":
            print(f"  {p.render(args.root)}")
    print("  Tiếp theo: handbook check, rồi handbook build.")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    project = load_project(args.root)
    old, new = project.version(args.old), project.version(args.new)
    for year, v in ((args.old, old), (args.new, new)):
        if v is None:
            known = ", ".join(x.year for x in project.versions) or "(chưa có)"
            print(f"{year}: không có phiên bản này. Các phiên bản: {known}", file=sys.stderr)
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


def _refuse_records(project: Project) -> bool:
    """Review records are written only from a project that loaded cleanly and whose records file reads."""
    blocking = list(project.load_errors)
    if project.reviews is None:
        blocking = [p for p in project.problems if p.code == "review-records"] + blocking
    if blocking:
        print_problems(blocking, project.root)
        print(f"✗ Chưa ghi nhận gì: sửa các lỗi trên trước ({reviews.RECORDS.as_posix()} được giữ nguyên).",
              file=sys.stderr)
        return True
    return False


def cmd_review(args: argparse.Namespace) -> int:
    with fsutil.project_lock(args.root):
        project = load_project(args.root)
        latest = project.latest
        if latest is None or _refuse_records(project):
            if latest is None:
                print_problems(project.problems, args.root)
            return 1
        assert project.reviews is not None
        items = project.review_items()
        if not args.all and not args.items:
            flagged = reviews.flagged(items, latest.regulation, project.reviews)
            if not flagged:
                print("✓ Không có mục nào cần rà soát.")
                return 0
            print("Các mục cần rà soát (xem lại nội dung, sửa nếu cần, rồi ghi nhận):")
            for item, changed in flagged:
                why = f"điểm đã đổi: {', '.join(changed)}" if changed else "chưa ghi nhận"
                print(f"  {item.key}  —  {project.path(item.file)}:{item.line} ({why})")
            print("Ghi nhận từng mục: handbook review <mục>   ·   tất cả: handbook review --all")
            return 0
        records, done, refused = reviews.record(items, latest.regulation, project.reviews,
                                                None if args.all else args.items)
        for msg in refused:
            print(f"✗ {msg}", file=sys.stderr)
        if done:
            fsutil.write_text(args.root / reviews.RECORDS, reviews.dump(records))
        print(f"✓ Đã ghi nhận {len(done)} mục theo văn bản {latest.year} vào {reviews.RECORDS.as_posix()}.")
        return 1 if refused else 0


def cmd_build(args: argparse.Namespace) -> int:
    project = load_project(args.root)
    print_problems(project.problems, args.root)
    if not project.ok:
        print("✗ Nội dung còn lỗi: trang cũ trong site/ được giữ nguyên.", file=sys.stderr)
        return 1
    return publish.build(args.root, offline=args.offline, say=lambda line: print(line, flush=True))


COMMANDS: dict[str, Command] = {"check": cmd_check, "import": cmd_import, "diff": cmd_diff, "review": cmd_review,
                                "build": cmd_build}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(2)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="handbook", description="Sổ tay thư điện tử: kiểm tra, xây dựng, cập nhật")
    p.add_argument("--root", type=Path, default=None, help="thư mục dự án (mặc định: tự tìm mkdocs.yml)")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("check", help="kiểm tra văn bản, bản dịch, hướng dẫn, bài kiểm tra")
    s = sub.add_parser("import", help="nhập văn bản Quy chế của năm học mới")
    s.add_argument("file", type=Path, help="tệp văn bản (.txt, UTF-8 hoặc Unicode của Word)")
    s.add_argument("--year", required=True, help="năm học, ví dụ 2023-2024")
    s.add_argument("--overwrite", action="store_true", help="thay phiên bản đã có của năm học này")
    s.add_argument("--effective", help="ngày có hiệu lực (YYYY-MM-DD) nếu văn bản không ghi")
    s = sub.add_parser("diff", help="so sánh hai phiên bản")
    s.add_argument("old")
    s.add_argument("new")
    s.add_argument("--no-color", action="store_true")
    s = sub.add_parser("review", help="ghi nhận đã rà soát bước hướng dẫn / câu hỏi")
    s.add_argument("items", nargs="*", help="mục cần ghi nhận, ví dụ quiz/dinh-kem-15mb")
    s.add_argument("--all", action="store_true", help="ghi nhận mọi mục theo văn bản mới nhất")
    s = sub.add_parser("build", help="kiểm tra rồi xây dựng trang vào site/ (giữ bản cũ nếu lỗi)")
    s.add_argument("--offline", action="store_true", help="thêm bản dùng không cần mạng (tệp zip)")
    register.add_parser(sub)
    export.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.root = find_root(args.root)
    if not is_project(args.root):
        print(f"{args.root}: không phải thư mục sổ tay (cần mkdocs.yml và thư mục regulations/): chạy lệnh trong "
              "thư mục dự án, hoặc thêm --root <thư mục dự án> [no-project]", file=sys.stderr)
        return 2
    try:
        if hasattr(args, "handler"):  # commands that bring their own parser and handler (register, export)
            return int(args.handler(args))
        return COMMANDS[args.command](args)
    except fsutil.Busy as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("✗ Đã dừng; các tệp được giữ như trước khi chạy lệnh.", file=sys.stderr)
        return 130
    except OSError as exc:
        where = exc.filename or args.root
        print(f"{where}: không đọc/ghi được: {exc.strerror or exc} [os-error]", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
