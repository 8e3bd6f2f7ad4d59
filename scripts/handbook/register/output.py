"""The training register as files the principal can hand over: a spreadsheet (.xlsx) and a printable
A4 page (.html, self-contained: no request leaves it). Vietnamese throughout; both say plainly that the
check code of a result is not a signature."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..fsutil import write_bytes
from ..i18n import format_date
from ..project import School, Version
from ..quizzes import Quiz
from ..render import render
from .book import Cell, Entry, Register

XLSX = "so-dao-tao.xlsx"
HTML = "so-dao-tao.html"
TITLE = "Sổ theo dõi đào tạo Quy chế thư điện tử"
NOT_A_SIGNATURE = ("Mã kiểm tra ở cuối mỗi dòng kết quả chỉ giúp phát hiện dòng bị sửa nhầm hoặc hỏng khi gửi. "
                   "Đó không phải chữ ký: ai cũng tính được mã này, nên sổ không chứng minh ai là người đã làm bài; "
                   "sổ tổng hợp các thư thầy cô đã gửi về hộp thư của nhà trường.")
STATE = {"passed": "Đạt", "superseded": "Đạt theo bản đã thay thế", "failed": "Chưa đạt", "none": "Chưa có kết quả"}
FILL = {"passed": "E3F2E6", "superseded": "FFF4CC", "failed": "FBE3E3"}


def format_date_vi(value: date) -> str:
    return format_date(value, "vi")


def short_title(quiz: Quiz) -> str:
    """"Chương III – Quy định về …" -> "Chương III" (column headings)."""
    return quiz.title["vi"].split(" – ")[0]


def year_label(version: Version | None, year: str = "") -> str:
    return (version.year if version else year).replace("-", "–")


@dataclass(frozen=True)
class Shown:
    """One result as both outputs show it."""

    state: str
    percent: str  # "100%" or ""
    score: str  # "11/11"
    day: str  # "05/10/2023"
    version: str  # "2022–2023"
    note: str

    @property
    def text(self) -> str:
        if self.state == "none":
            return ""
        lines = [f"{STATE[self.state] if self.state != 'superseded' else 'Đạt'} {self.percent} ({self.score})",
                 self.day, f"Quy chế {self.version}" + (" (đã thay thế)" if self.state == "superseded" else "")]
        return "\n".join(lines)


def shown(cell: Cell) -> Shown:
    e = cell.best
    if e is None:
        return Shown("none", "", "", "", "", "")
    r = e.received.result
    assert r.day is not None
    return Shown(cell.state, f"{r.percent}%", f"{r.correct}/{r.total}", format_date_vi(r.day),
                 year_label(e.version, r.version), "; ".join(e.notes))


def entry_row(e: Entry) -> dict[str, str]:
    r = e.received.result
    return {
        "where": ", ".join(e.sources), "name": r.name or "", "sender": e.received.sender,
        "quiz": short_title(e.quiz) if e.quiz else r.quiz,
        "score": f"{r.correct}/{r.total} ({r.percent}%)" if r.total else "",
        "day": format_date_vi(r.day) if r.day else "", "version": year_label(e.version, r.version),
        "why": e.problem or "; ".join(e.notes), "raw": r.raw,
    }


def missing_rows(reg: Register) -> list[dict[str, str]]:
    """Per person, the quizzes not yet passed against the version in force, with why."""
    rows: dict[int, list[str]] = {}
    for i, quiz, cell in reg.missing():
        s = shown(cell)
        why = {"none": "chưa làm", "failed": f"chưa đạt, {s.percent}",
               "superseded": f"chỉ đạt theo Quy chế {s.version}, đã thay thế"}[cell.state]
        rows.setdefault(i, []).append(f"{short_title(quiz)} ({why})")
    return [{"n": str(n), "name": reg.people[i].name, "group": reg.people[i].group, "missing": "; ".join(items)}
            for n, (i, items) in enumerate(rows.items(), 1)]


def passed_count(reg: Register, person: int) -> int:
    return sum(1 for q in reg.quizzes if reg.cell(person, q.id).state == "passed")


def write(reg: Register, school: School | None, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    xlsx, html = folder / XLSX, folder / HTML
    write_bytes(xlsx, xlsx_bytes(reg, school))
    write_bytes(html, html_text(reg, school).encode("utf-8"))
    return [xlsx, html]


def html_text(reg: Register, school: School | None) -> str:
    people = [{"n": i + 1, "name": p.name, "group": p.group, "email": p.email,
               "cells": [shown(reg.cell(i, q.id)) for q in reg.quizzes], "passed": passed_count(reg, i)}
              for i, p in enumerate(reg.people)]
    return render("so-dao-tao.html.j2", reg=reg, title=TITLE, school=school.name["vi"] if school else "",
                  quizzes=[{"short": short_title(q), "title": q.title["vi"], "pass_mark": q.pass_mark}
                           for q in reg.quizzes],
                  people=people, missing=missing_rows(reg), flagged=[entry_row(e) for e in reg.flagged],
                  outsiders=[entry_row(e) for e in reg.outsiders], note=NOT_A_SIGNATURE,
                  generated=format_date_vi(reg.generated), current=reg.current,
                  current_year=year_label(reg.current), complete=sum(1 for p in people
                                                                     if p["passed"] == len(reg.quizzes)))


# --- spreadsheet ---------------------------------------------------------------------------------

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _put(ws: Worksheet, row: int, col: int, value: object, bold: bool = False, fill: str | None = None,
         fmt: str | None = None) -> None:
    """One cell. Text from emails is written as text, never as a formula (a name "=…" stays a name),
    and without the control characters a spreadsheet cannot hold."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value
    cell.alignment = WRAP
    cell.border = BOX
    if bold:
        cell.font = HEAD
    if fill:
        cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
    if fmt:
        cell.number_format = fmt


def _table(ws: Worksheet, top: int, headings: list[str], rows: list[list[object]], widths: list[int]) -> None:
    for c, h in enumerate(headings, 1):
        _put(ws, top, c, h, bold=True, fill="DDDDDD")
    for r, row in enumerate(rows, top + 1):
        for c, value in enumerate(row, 1):
            _put(ws, r, c, value)
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    ws.print_title_rows = f"{top}:{top}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if rows:
        ws.auto_filter.ref = f"A{top}:{get_column_letter(len(headings))}{top + len(rows)}"


def xlsx_bytes(reg: Register, school: School | None) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sổ đào tạo"
    version = (f"Quy chế hiện hành: năm học {year_label(reg.current)}, Quyết định số {reg.current.decision.number}"
               if reg.current else "")
    heading = [school.name["vi"].upper() if school else "", TITLE.upper(), version,
               f"Lập ngày {format_date_vi(reg.generated)} từ {reg.messages} thư trong {reg.files} tệp."]
    for r, text in enumerate(heading, 1):
        ws.cell(row=r, column=1, value=text).font = HEAD if r <= 2 else Font()
    top = len(heading) + 2
    quiz_heads = [f"{short_title(q)}\n(đạt từ {q.pass_mark}%)" for q in reg.quizzes]
    rows: list[list[object]] = []
    for i, p in enumerate(reg.people):
        rows.append([i + 1, p.name, p.group, p.email, *[shown(reg.cell(i, q.id)).text for q in reg.quizzes],
                     f"{passed_count(reg, i)}/{len(reg.quizzes)}"])
    _table(ws, top, ["STT", "Họ và tên", "Tổ", "Địa chỉ thư", *quiz_heads, "Đã đạt"], rows,
           [5, 26, 14, 24, *[17] * len(reg.quizzes), 8])
    for i in range(len(reg.people)):
        for j, q in enumerate(reg.quizzes):
            state = reg.cell(i, q.id).state
            if state in FILL:
                ws.cell(row=top + 1 + i, column=5 + j).fill = PatternFill("solid", start_color=FILL[state],
                                                                          end_color=FILL[state])
    ws.freeze_panes = ws.cell(row=top + 1, column=3)
    legend = top + len(rows) + 2
    for k, q in enumerate(reg.quizzes):
        ws.cell(row=legend + k, column=2, value=f"{short_title(q)}: {q.title['vi']}")

    _details(wb.create_sheet("Chi tiết"), reg)
    ws = wb.create_sheet("Chưa đạt")
    _table(ws, 1, ["STT", "Họ và tên", "Tổ", "Bài chưa đạt theo Quy chế hiện hành"],
           [[int(m["n"]), m["name"], m["group"], m["missing"]] for m in missing_rows(reg)], [5, 26, 14, 90])
    heads = ["Tệp:dòng", "Họ tên ghi trong thư", "Người gửi", "Bài", "Kết quả", "Ngày làm bài", "Quy chế",
             "Lý do / ghi chú", "Dòng kết quả"]
    widths = [22, 22, 24, 12, 14, 12, 11, 40, 60]
    keys = ["where", "name", "sender", "quiz", "score", "day", "version", "why", "raw"]
    ws = wb.create_sheet("Cần xem lại")
    _table(ws, 1, heads, [[row[k] for k in keys] for row in map(entry_row, reg.flagged)], widths)
    if reg.staff_list:
        ws = wb.create_sheet("Ngoài danh sách")
        _table(ws, 1, heads, [[row[k] for k in keys] for row in map(entry_row, reg.outsiders)], widths)
    ws = wb.create_sheet("Ghi chú")
    notes = [TITLE, NOT_A_SIGNATURE,
             "Ghép kết quả với danh sách: theo địa chỉ người gửi khi danh sách có địa chỉ thư, nếu không thì theo "
             "họ tên (không phân biệt hoa thường và khoảng trắng; có phân biệt dấu: “Lan” và “Lân” là hai người).",
             "Mỗi ô ghi kết quả tốt nhất của bài đó: bài đạt trước bài chưa đạt, theo Quy chế hiện hành trước bản "
             "đã thay thế, rồi điểm cao hơn. Kết quả trùng (cùng người, bài, điểm, ngày) chỉ tính một lần"
             f" (lần này bỏ {reg.duplicates} bản trùng).",
             "“Đạt theo bản đã thay thế”: bài đạt khi làm theo Quy chế năm học trước; cần làm lại theo Quy chế "
             "hiện hành."]
    for r, text in enumerate(notes, 1):
        cell = ws.cell(row=r, column=1, value=text)
        cell.alignment = WRAP
        cell.font = HEAD if r == 1 else Font()
    ws.column_dimensions["A"].width = 110
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _details(ws: Worksheet, reg: Register) -> None:
    """One row per person and quiz with a result: typed cells (numbers, dates) for sorting and filtering."""
    rows: list[list[object]] = []
    for i, p in enumerate(reg.people):
        for q in reg.quizzes:
            cell = reg.cell(i, q.id)
            e = cell.best
            if e is None:
                continue
            r = e.received.result
            day: date | None = r.day
            rows.append([p.name, p.group, short_title(q), STATE[cell.state], r.correct, r.total, r.percent, day,
                         year_label(e.version, r.version), "; ".join(e.notes), ", ".join(e.sources)])
    _table(ws, 1, ["Họ và tên", "Tổ", "Bài", "Kết quả", "Số câu đúng", "Tổng số câu", "Tỉ lệ (%)", "Ngày làm bài",
                   "Quy chế", "Ghi chú", "Thư (tệp:dòng)"], rows, [26, 14, 12, 22, 10, 10, 9, 12, 11, 40, 40])
    for n in range(2, len(rows) + 2):
        ws.cell(row=n, column=8).number_format = "DD/MM/YYYY"
