"""The school's staff list for the training register: a CSV as Excel saves it.

Encoding: UTF-8 with or without BOM ("CSV UTF-8" in Excel) or UTF-16 with BOM ("Unicode Text", tab
separated). Excel's plain "CSV" saves Vietnamese in a Windows code page and is refused with a message
saying which format to choose. Separator: comma, semicolon (Excel in locales with a decimal comma)
or tab, whichever the header row uses.

The header row may sit below a title row or two; its names are matched without case or diacritics
(so "Ho va ten" works too). Only the name column is required; others are ignored.

Names are compared NFC, case-folded, whitespace collapsed, diacritics KEPT: "Lan" and "Lân" are two
people. Folding diacritics is used only to suggest a likely match, never to make one.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..problems import ContentError, Problem, display_path
from ..slugs import fold
from ..textfile import decode

# Accepted header names, as written; matched folded (no case, no diacritics, "_"/"-"/"." as spaces).
HEADERS = {
    "name": ("Họ và tên", "Họ tên", "Tên", "Họ và tên giáo viên", "Họ tên giáo viên", "Họ và tên cán bộ",
             "Name", "Full name", "Fullname", "Staff name"),
    "email": ("Email", "E-mail", "Địa chỉ email", "Địa chỉ thư", "Thư điện tử", "Địa chỉ thư điện tử",
              "Mail", "Email address", "E-mail address"),
    # Lists that split the name ("Họ đệm" | "Tên"): the full name is the two joined.
    "family": ("Họ", "Họ đệm", "Họ và đệm", "Họ và tên đệm", "Họ và chữ đệm", "Họ lót"),
    "group": ("Tổ", "Tổ chuyên môn", "Tổ CM", "Nhóm", "Bộ phận", "Đơn vị", "Group", "Team", "Department"),
}
HEADER_ROWS = 10  # how far down the header row may be (title rows above it)
RE_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _header_key(text: str) -> str:
    return " ".join(re.sub(r"[_.\-:*]", " ", fold(unicodedata.normalize("NFC", text).strip())).split())


_COLUMN_OF = {_header_key(h): column for column, names in HEADERS.items() for h in names}


def name_key(name: str) -> str:
    """How two names are compared: NFC, case-folded, whitespace collapsed; diacritics kept."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def loose_key(name: str) -> str:
    """The same without diacritics: only to suggest "did you mean", never to match."""
    return " ".join(fold(unicodedata.normalize("NFC", name)).split())


@dataclass(frozen=True)
class Staff:
    name: str
    email: str  # lower case; "" if the list has none for this person
    group: str
    line: int

    @property
    def key(self) -> str:
        return name_key(self.name)


def read_staff(path: Path, root: Path | None = None) -> tuple[list[Staff], list[Problem]]:
    file = display_path(path, root)
    try:
        text = decode(path.read_bytes(), file).text
    except OSError as exc:
        return [], [Problem(file, 1, f"không đọc được tệp: {exc.strerror or exc}", "staff-file")]
    except ContentError as exc:
        hint = " (trong Excel: Lưu thành > CSV UTF-8)"
        return [], [Problem(p.file, p.line, p.message + hint, "staff-encoding") for p in exc.problems]
    rows = _rows(text)
    header = next(((line, cells) for line, cells in rows[:HEADER_ROWS]
                   if any(_COLUMN_OF.get(_header_key(c)) == "name" for c in cells)), None)
    if header is None:
        accepted = ", ".join(HEADERS["name"][:3] + HEADERS["name"][6:8])
        return [], [Problem(file, 1, f"không tìm thấy cột họ tên; dòng tiêu đề cần một cột tên là: {accepted}",
                            "staff-columns")]
    header_line, cells = header
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        column = _COLUMN_OF.get(_header_key(cell))
        # A full-name column wins over a bare "Tên" (given name) wherever it stands.
        if column and (column not in columns or (column == "name" and _header_key(cells[columns["name"]]) == "ten")):
            columns[column] = i
    if _header_key(cells[columns["name"]]) != "ten":
        columns.pop("family", None)
    staff: list[Staff] = []
    problems: list[Problem] = []
    seen_email: dict[str, int] = {}
    for line, row in rows:
        if line <= header_line or not any(c.strip() for c in row):
            continue

        def value(column: str, row: list[str] = row) -> str:
            i = columns.get(column)
            return " ".join(row[i].split()) if i is not None and i < len(row) else ""

        name = " ".join(filter(None, (value("family"), value("name"))))
        email, group = value("email").lower(), value("group")
        if not name:
            problems.append(Problem(file, line, "dòng không có họ tên: bỏ qua", "staff-row", "warning"))
            continue
        if email and not RE_EMAIL.fullmatch(email):
            problems.append(Problem(file, line, f"địa chỉ thư {email!r} không hợp lệ: ghép theo tên", "staff-row",
                                    "warning"))
            email = ""
        if email in seen_email:
            problems.append(Problem(file, line, f"địa chỉ {email} đã có ở dòng {seen_email[email]}: ghép theo tên",
                                    "staff-row", "warning"))
            email = ""
        if email:
            seen_email[email] = line
        staff.append(Staff(name, email, group, line))
    by_key: dict[str, Staff] = {}
    for s in staff:
        if s.key in by_key and not (s.email and by_key[s.key].email):
            problems.append(Problem(file, s.line, f"trùng họ tên với dòng {by_key[s.key].line}: kết quả gửi từ "
                                    "địa chỉ không có trong danh sách sẽ không ghép được cho ai", "staff-duplicate",
                                    "warning"))
        by_key.setdefault(s.key, s)
    if not staff:
        problems.append(Problem(file, header_line, "danh sách không có ai (chỉ có dòng tiêu đề)", "staff-empty"))
    return staff, problems


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """Rows with the line each starts on (a quoted cell may span lines)."""
    top = "\n".join([line for line in text.split("\n") if line.strip()][:HEADER_ROWS])
    delimiter = max((",", ";", "\t"), key=top.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    start = 1
    for row in reader:
        rows.append((start, row))
        start = reader.line_num + 1
    return rows
