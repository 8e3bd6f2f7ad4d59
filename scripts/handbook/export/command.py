"""`handbook export`: the question bank in the formats schools import.

    handbook export --format docx|aiken|gift|qti [--quiz ID ...] [--lang vi|en] [--out PATH]

One file per quiz in a folder (default exports/, which git ignores), named <quiz>.<lang>.<ext>; or,
when --out names a file (.docx, .txt/.gift, .zip), one file: for Aiken, GIFT (a category per quiz)
and QTI it may hold several quizzes, a Word exam holds one. Files are written atomically.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .. import citations
from ..fsutil import write_bytes
from ..problems import Problem, display_path, errors, print_problems
from ..project import Project, load_project
from ..quizzes import Quiz
from .docx import docx_bytes
from .moodle import aiken, gift
from .qti import VERSIONS, qti_bytes, single_key_multiple

FORMATS = ("docx", "aiken", "gift", "qti")
EXTENSION = {"docx": ".docx", "aiken": ".aiken.txt", "gift": ".gift.txt", "qti": ".qti.zip"}
ONE_FILE = {"docx": (".docx",), "aiken": (".txt",), "gift": (".txt", ".gift"), "qti": (".zip",)}
DEFAULT_OUT = "exports"


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "export", help="xuất ngân hàng câu hỏi: Word (Azota, OLM), Aiken, GIFT (Moodle), QTI",
        description="Xuất các bài kiểm tra ra định dạng các nền tảng nhập được.")
    p.add_argument("--format", required=True, choices=FORMATS,
                   help="docx: đề Word kiểu Azota/OLM (đáp án gạch chân); aiken, gift: Moodle; qti: gói QTI")
    p.add_argument("--quiz", nargs="+", action="extend", metavar="MÃ", help="chỉ các bài này (mặc định: mọi bài)")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="ngôn ngữ (mặc định: vi)")
    p.add_argument("--out", type=Path, metavar="ĐƯỜNG_DẪN",
                   help=f"thư mục (mỗi bài một tệp) hoặc tên tệp (mặc định: {DEFAULT_OUT}/ trong thư mục dự án)")
    p.add_argument("--qti-version", choices=VERSIONS, default="1.2",
                   help="phiên bản QTI (mặc định 1.2, nhiều nền tảng đọc được nhất)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:

    project = load_project(args.root)
    if not project.ok:
        print_problems(errors(project.problems))
        print("✗ Nội dung sổ tay còn lỗi (xem handbook check): chưa xuất.", file=sys.stderr)
        return 1
    known = {q.id: q for q in project.quizzes}
    unknown = [i for i in args.quiz or [] if i not in known]
    if unknown:
        print(f"✗ Không có bài kiểm tra {', '.join(unknown)}. Các bài: {', '.join(known)}", file=sys.stderr)
        return 2
    quizzes = [known[i] for i in dict.fromkeys(args.quiz)] if args.quiz else list(project.quizzes)
    out: Path = args.out if args.out is not None else args.root / DEFAULT_OUT
    one_file = out.suffix.lower() in ONE_FILE[args.format]
    if one_file and args.format == "docx" and len(quizzes) > 1:
        print("✗ Một đề Word chứa một bài: chọn một bài (--quiz MÃ) hoặc cho --out là một thư mục.", file=sys.stderr)
        return 2
    groups = [quizzes] if one_file else [[q] for q in quizzes]
    targets = [out] if one_file else [out / f"{q.id}.{args.lang}{EXTENSION[args.format]}" for q in quizzes]
    warnings: list[Problem] = []
    written = []
    for group, target in zip(groups, targets, strict=True):
        data = render(args.format, group, args.lang, project, args.qti_version, warnings)
        if data is None:
            continue
        write_bytes(target, data)
        written.append(target)
    print_problems(warnings)
    n = sum(len(q.questions) for q in quizzes)
    print(f"✓ Đã xuất {len(written)} tệp ({args.format}, {args.lang}; {len(quizzes)} bài, {n} câu"
          + (f", bỏ {len(warnings)} câu" if args.format == "aiken" and warnings else "") + "):")
    for path in written:
        print(f"  {display_path(path)}")
    return 0


def render(fmt: str, quizzes: list[Quiz], lang: str, project: Project, qti_version: str,
           warnings: list[Problem]) -> bytes | None:
    """The file for these quizzes; None when nothing in them can be written in the format."""
    school = project.school.name[lang] if project.school else ""
    site = project.school.site_name[lang] if project.school else ""
    latest = project.latest
    if fmt == "docx":
        def cite(id_: str) -> str:
            return citations.label(latest.regulation, id_, lang) if latest else id_
        return docx_bytes(quizzes[0], lang, school, latest.year_label if latest else "", cite)
    if fmt == "aiken":
        text, skipped = aiken(quizzes, lang)
        warnings += [Problem(q.file, q.line, f"Aiken chỉ ghi được câu một đáp án: bỏ câu {q.id} (nhiều đáp án)",
                             "export-skipped", "warning") for q in skipped]
        return text.encode("utf-8") if len(skipped) < sum(len(q.questions) for q in quizzes) else None
    if fmt == "gift":
        return gift(quizzes, lang, lambda quiz: [site, quiz.title[lang]]).encode("utf-8")
    warnings += [Problem(q.file, q.line, f"QTI: câu {q.id} chọn nhiều đáp án nhưng chỉ có một đáp án đúng; "
                         "mkdocs-quiz xuất thành câu một đáp án", "export-qti-type", "warning")
                 for q in single_key_multiple(quizzes)]
    title = quizzes[0].title[lang] if len(quizzes) == 1 else site
    return qti_bytes(quizzes, lang, title, qti_version)
