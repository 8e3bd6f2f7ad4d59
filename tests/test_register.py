"""`handbook register`: a term's result emails (.eml, .mbox, as mail clients export them) and a staff
list become the training register; edited results, strangers and copies are told apart."""

from __future__ import annotations

import dataclasses
import mailbox
import shutil
import textwrap
from datetime import date
from email import policy
from email.message import EmailMessage
from html import escape
from pathlib import Path

import pytest
from handbook import cli
from handbook.project import Project, load_project
from handbook.register.book import EDITED, Register, build
from handbook.register.mail import read_sources
from handbook.register.output import HTML, XLSX
from handbook.register.resultline import make_line
from handbook.register.staff import read_staff
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
SCHOOL = "c1thanham@longbien.edu.vn"


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(ROOT)


def line(quiz: str, correct: int, total: int, day: str, name: str, version: str = "2022-2023") -> str:
    return make_line(quiz, version, correct, total, day, name)


def body(result: str) -> str:
    return ("Kính gửi Ban giám hiệu,\n\nTôi gửi kết quả bài tự kiểm tra về Quy chế thư điện tử của nhà trường.\n\n"
            f"{result}\n\nTrân trọng.")


def message(sender: str, text: str, cte: str = "quoted-printable", html: str | None = None,
            html_only: bool = False) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, SCHOOL, "Kết quả tự kiểm tra Quy chế thư điện tử"
    msg["Date"] = "Thu, 05 Oct 2023 09:00:00 +0700"
    as_html = html or "<html><body><p>" + escape(text).replace("\n", "<br>\n") + "</p></body></html>"
    if html_only:
        msg.set_content(as_html, subtype="html", cte=cte)
    else:
        msg.set_content(text, cte=cte)
        if html is not None:
            msg.add_alternative(as_html, subtype="html", cte=cte)
    return msg


def save(folder: Path, name: str, msg: EmailMessage) -> Path:
    path = folder / name
    path.write_bytes(msg.as_bytes(policy=policy.SMTP))  # CRLF line ends, as on the wire
    return path


STAFF_CSV = ("\ufeffDANH SÁCH CBGVNV NĂM HỌC 2023-2024;;;\n"
             "STT;Họ và tên;Email;Tổ chuyên môn\n"
             "1;Nguyễn Thị Lan;lan.nt@longbien.edu.vn;Tổ 1\n"
             "2;Trần Văn Đức;;Tổ 2\n"
             "3;Lê Thị Hồng;HONG.LT@longbien.edu.vn;Tổ 1\n"
             "4;Phạm Minh Lân;;Văn phòng\n"
             ";;;\n")


@pytest.fixture
def term(tmp_path: Path) -> tuple[Path, Path]:
    """A term's worth of results as the principal would export them, and the staff list."""
    mail = tmp_path / "KetQua"
    mail.mkdir()
    lan = line("chuong-1", 11, 11, "2023-10-05", "Nguyễn Thị Lan")
    save(mail, "01-lan.eml", message("Nguyễn Thị Lan <lan.nt@longbien.edu.vn>", body(lan)))
    # The same result sent again, base64 this time: one result, two copies.
    save(mail, "02-lan-again.eml", message("lan.nt@longbien.edu.vn", body(lan), cte="base64"))
    # Đức sends from a personal address, HTML only: matched by name, with a note.
    save(mail, "03-duc.eml", message("Duc <tranduc1980@gmail.com>",
                                     body(line("chuong-2", 8, 9, "2023-10-06", "Trần Văn Đức")), html_only=True))
    # Hồng fails, then passes: the register keeps the pass.
    save(mail, "04-hong-fail.eml", message("hong.lt@longbien.edu.vn",
                                           body(line("chuong-1", 5, 11, "2023-10-02", "Lê Thị Hồng")),
                                           html=""))
    save(mail, "05-hong-pass.eml", message("hong.lt@longbien.edu.vn",
                                           body(line("chuong-1", 10, 11, "2023-10-09", "Lê Thị Hồng"))))
    # An edited result: the score changed by hand after the line was made.
    edited = line("chuong-3", 7, 11, "2023-10-09", "Lê Thị Hồng").replace("correct=7", "correct=11")
    save(mail, "06-hong-edited.eml", message("hong.lt@longbien.edu.vn", body(edited)))
    # Someone who is not on the staff list, and "Lan" who is not "Lân".
    save(mail, "07-stranger.eml", message("nam@example.com", body(line("chuong-1", 11, 11, "2023-10-05",
                                                                       "Vũ Văn Nam"))))
    save(mail, "08-lan-not-lan.eml", message("lan.pm@example.com",
                                             body(line("chuong-6", 6, 6, "2023-10-05", "Phạm Minh Lan"))))
    # The office forwards Đức's result, quoted and wrapped at 50 columns by the mail client.
    fwd = "\n".join("> " + w for w in textwrap.wrap(line("chuong-3", 10, 11, "2023-10-07", "Trần Văn Đức"), 50))
    save(mail, "09-forward.eml", message(f"Văn phòng <{SCHOOL}>", "Chuyển tiếp kết quả của thầy Đức:\n\n" + fwd))
    # A result forwarded as an attachment counts for its own sender.
    outer = message(f"Văn phòng <{SCHOOL}>", "Thư của cô Lan đính kèm.")
    outer.add_attachment(message("lan.nt@longbien.edu.vn", body(line("chuong-2", 9, 9, "2023-10-08",
                                                                      "Nguyễn Thị Lan"))))
    save(mail, "10-attached.eml", outer)
    # Lan once sends from her personal address: matched by name, with a note for the principal.
    save(mail, "11-lan-personal.eml", message("lan.nguyen@gmail.com",
                                              body(line("chuong-4", 11, 11, "2023-10-11", "Nguyễn Thị Lan"))))
    # A Thunderbird folder: an mbox without extension, given by name, with one result and one other message.
    box = mailbox.mbox(tmp_path / "Inbox")
    box.add(message("lan.nt@longbien.edu.vn", body(line("chuong-3", 9, 11, "2023-10-10", "Nguyễn Thị Lan"))))
    box.add(message("phuhuynh@example.com", "Xin hỏi lịch họp phụ huynh."))
    box.flush()
    box.close()
    staff = tmp_path / "danh-sach.csv"
    staff.write_text(STAFF_CSV, encoding="utf-8")
    return tmp_path, staff


def register_of(project: Project, folder: Path, staff_csv: Path | None) -> Register:
    inbox = read_sources([folder / "KetQua", folder / "Inbox"])
    assert not [p for p in inbox.problems if p.severity == "error"], inbox.problems
    staff = None
    if staff_csv:
        staff, problems = read_staff(staff_csv)
        assert not [p for p in problems if p.severity == "error"]
    return build(project, inbox.received, staff, date(2023, 10, 12))


def states(reg: Register) -> dict[str, dict[str, str]]:
    return {p.name: {q.id: reg.cell(i, q.id).state for q in reg.quizzes if reg.cell(i, q.id).state != "none"}
            for i, p in enumerate(reg.people)}


def test_the_register_lists_the_right_people_and_flags_the_edited_result(project: Project, term):
    folder, staff_csv = term
    reg = register_of(project, folder, staff_csv)
    assert [p.name for p in reg.people] == ["Nguyễn Thị Lan", "Trần Văn Đức", "Lê Thị Hồng", "Phạm Minh Lân"]
    assert states(reg) == {
        "Nguyễn Thị Lan": {"chuong-1": "passed", "chuong-2": "passed", "chuong-3": "passed", "chuong-4": "passed"},
        "Trần Văn Đức": {"chuong-2": "passed", "chuong-3": "passed"},
        "Lê Thị Hồng": {"chuong-1": "passed"},
        "Phạm Minh Lân": {},
    }
    hong = reg.cell(2, "chuong-1").best
    assert hong is not None and hong.received.result.correct == 10  # the pass, not the earlier fail
    assert reg.duplicates == 1
    lan = reg.cell(0, "chuong-1").best
    assert lan is not None and len(lan.sources) == 2
    [edited] = reg.flagged
    assert edited.problem == EDITED and edited.received.file.endswith("06-hong-edited.eml")
    assert sorted(e.received.result.name for e in reg.outsiders) == ["Phạm Minh Lan", "Vũ Văn Nam"]
    hint = next(e for e in reg.outsiders if e.received.result.name == "Phạm Minh Lan")
    assert any("Phạm Minh Lân" in n for n in hint.notes)  # suggested, not matched
    personal = reg.cell(0, "chuong-4").best
    assert personal is not None and personal.notes == [
        "gửi từ lan.nguyen@gmail.com, khác địa chỉ trong danh sách (lan.nt@longbien.edu.vn)"]
    forwarded = reg.cell(1, "chuong-3").best  # Đức's result forwarded by the office, matched by his name
    assert forwarded is not None and forwarded.received.sender == SCHOOL
    attached = reg.cell(0, "chuong-2").best  # forwarded as an attachment: the sender inside counts
    assert attached is not None and attached.received.sender == "lan.nt@longbien.edu.vn"
    assert {(i, q.id) for i, q, _ in reg.missing()} >= {(3, q.id) for q in reg.quizzes}


def test_where_each_result_was_found(project: Project, term):
    folder, staff_csv = term
    reg = register_of(project, folder, staff_csv)
    by_file = {e.received.file.rsplit("/", 1)[-1]: e.received.line for e in reg.entries}
    # Quoted-printable keeps the prefix readable in the file: the result line's own line is named.
    raw = (folder / "KetQua" / "05-hong-pass.eml").read_text(encoding="ascii").split("\n")
    assert raw[by_file["05-hong-pass.eml"] - 1].startswith("THTA-KQ1|")
    # In an mbox the line counts from the top of the whole file.
    mbox_lines = (folder / "Inbox").read_bytes().split(b"\n")
    assert mbox_lines[by_file["Inbox"] - 1].startswith(b"THTA-KQ1|")


def test_without_a_staff_list_people_come_from_their_results(project: Project, term):
    folder, _ = term
    reg = register_of(project, folder, None)
    # Vietnamese list order: by given name, then the whole name.
    assert [p.name for p in reg.people] == ["Trần Văn Đức", "Lê Thị Hồng", "Nguyễn Thị Lan", "Phạm Minh Lan",
                                            "Vũ Văn Nam"]
    assert reg.outsiders == [] and len(reg.flagged) == 1


def test_a_pass_against_a_superseded_version_is_shown_as_such(project: Project, tmp_path: Path):
    old = project.versions[0]
    new = dataclasses.replace(old, year="2023-2024", status="current", previous=old)
    two = dataclasses.replace(project, versions=[dataclasses.replace(old, status="superseded"), new])
    mail = tmp_path / "KetQua"
    mail.mkdir()
    save(mail, "a.eml", message("a@example.com", body(line("chuong-1", 11, 11, "2023-05-05", "Đỗ Thu Hà"))))
    save(mail, "b.eml", message("a@example.com", body(line("chuong-2", 9, 9, "2023-05-05", "Đỗ Thu Hà"))))
    save(mail, "c.eml", message("a@example.com", body(line("chuong-2", 8, 9, "2023-10-05", "Đỗ Thu Hà",
                                                            "2023-2024"))))
    reg = build(two, read_sources([mail]).received, None, date(2023, 10, 12))
    assert states(reg) == {"Đỗ Thu Hà": {"chuong-1": "superseded", "chuong-2": "passed"}}
    best = reg.cell(0, "chuong-2").best
    assert best is not None and best.version is new  # the current version's 89% beats the old 100%
    assert ("chuong-1", "superseded") in {(q.id, c.state) for _, q, c in reg.missing()}


def test_the_cli_writes_the_spreadsheet_and_the_printable_page(term, tmp_path: Path, capsys):
    folder, staff_csv = term
    out = tmp_path / "so"
    code = cli.main(["--root", str(ROOT), "register", str(folder / "KetQua"), str(folder / "Inbox"),
                     "--staff", str(staff_csv), "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "4 người × 7 bài" in printed.out and "1 cần xem lại" in printed.out
    assert "1 thư không có dòng kết quả" in printed.out  # the parent's question in the mbox
    assert sorted(p.name for p in out.iterdir()) == sorted([XLSX, HTML])  # nothing else (no temp files left)

    wb = load_workbook(out / XLSX)
    assert wb.sheetnames == ["Sổ đào tạo", "Chi tiết", "Chưa đạt", "Cần xem lại", "Ngoài danh sách", "Ghi chú"]
    ws = wb["Sổ đào tạo"]
    header = next(r for r in range(1, 10) if ws.cell(row=r, column=1).value == "STT")
    assert ws.cell(row=header + 1, column=2).value == "Nguyễn Thị Lan"
    assert ws.cell(row=header + 1, column=5).value.startswith("Đạt 100% (11/11)\n05/10/2023\nQuy chế 2022–2023")
    assert ws.cell(row=header + 3, column=5).value.startswith("Đạt 91% (10/11)\n09/10/2023")
    assert ws.cell(row=header + 4, column=5).value is None  # Lân: no result
    details = list(wb["Chi tiết"].iter_rows(min_row=2, values_only=True))
    [hong] = [row for row in details if row[0] == "Lê Thị Hồng"]
    assert hong[:7] == ("Lê Thị Hồng", "Tổ 1", "Chương I", "Đạt", 10, 11, 91)
    assert hong[7].date() == date(2023, 10, 9)
    flagged = list(wb["Cần xem lại"].iter_rows(min_row=2, values_only=True))
    assert len(flagged) == 1 and flagged[0][0].endswith("06-hong-edited.eml:" + flagged[0][0].rsplit(":", 1)[1])
    assert "không khớp" in flagged[0][7]
    assert {r[1] for r in wb["Ngoài danh sách"].iter_rows(min_row=2, values_only=True)} == {"Vũ Văn Nam",
                                                                                             "Phạm Minh Lan"}
    assert "không phải chữ ký" in wb["Ghi chú"]["A2"].value

    html = (out / HTML).read_text(encoding="utf-8")
    assert "Sổ theo dõi đào tạo Quy chế thư điện tử" in html and "không phải chữ ký" in html
    assert "@page { size: A4 landscape" in html
    assert "06-hong-edited.eml" in html and "Vũ Văn Nam" in html


def test_names_from_emails_stay_text_in_both_outputs(tmp_path: Path):
    mail = tmp_path / "KetQua"
    mail.mkdir()
    for i, name in enumerate(['=HYPERLINK("http://x.example","bấm")', "<script>alert(1)</script>", "Chuông\x07 Reo"]):
        save(mail, f"{i}.eml", message("x@example.com", body(line("chuong-1", 11, 11, "2023-10-05", name))))
    out = tmp_path / "so"
    assert cli.main(["--root", str(ROOT), "register", str(mail), "--out", str(out)]) == 0
    ws = load_workbook(out / XLSX)["Sổ đào tạo"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    html = (out / HTML).read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.browser
def test_the_printable_page_fits_a4_and_fetches_nothing(term, tmp_path: Path, page):
    folder, staff_csv = term
    out = tmp_path / "so"
    assert cli.main(["--root", str(ROOT), "register", str(folder / "KetQua"), "--staff", str(staff_csv),
                     "--out", str(out)]) == 0
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    # A4 landscape less 12 mm margins: 273 mm wide at 96 dpi.
    page.set_viewport_size({"width": 1032, "height": 700})
    page.emulate_media(media="print")
    page.goto((out / HTML).as_uri())
    assert requests == [(out / HTML).as_uri()]
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths


def test_the_register_never_goes_into_the_site(term, capsys):
    folder, _ = term
    for inside in ("docs", "site", "docs/dao-tao"):
        code = cli.main(["--root", str(ROOT), "register", str(folder / "KetQua"), "--out", str(ROOT / inside)])
        assert code == 2
        assert "không ghi vào" in capsys.readouterr().err
    assert not (ROOT / "docs" / XLSX).exists() and not (ROOT / "site" / XLSX).exists()


def run_cli(args: list[str], capsys) -> tuple[int, str]:
    code = cli.main(["--root", str(ROOT), "register", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err + captured.out


def test_bad_input_is_named_with_file_and_line_and_nothing_is_written(tmp_path: Path, capsys, monkeypatch):
    mail = tmp_path / "KetQua"
    mail.mkdir()
    save(mail, "ok.eml", message("a@example.com", body(line("chuong-1", 11, 11, "2023-10-05", "A"))))
    (mail / "note.eml").write_text("Đây là ghi chú, không phải thư.\n", encoding="utf-8")
    out = tmp_path / "so"
    code, text = run_cli([str(mail), "--out", str(out)], capsys)
    assert code == 1 and "note.eml:1: không phải thư điện tử" in text and not out.exists()
    (mail / "note.eml").unlink()

    no_name = tmp_path / "ds.csv"
    no_name.write_text("STT,Email\n1,a@example.com\n", encoding="utf-8")
    code, text = run_cli([str(mail), "--staff", str(no_name), "--out", str(out)], capsys)
    assert code == 1 and "ds.csv:1: không tìm thấy cột họ tên" in text and not out.exists()

    excel_ansi = tmp_path / "ansi.csv"
    # Excel's plain "CSV" on a Vietnamese Windows: code page 1258, tone marks as combining characters.
    excel_ansi.write_bytes("STT,Ho ten\n1,Tr\u00e2\u0300n Lan\n".encode("cp1258"))
    code, text = run_cli([str(mail), "--staff", str(excel_ansi), "--out", str(out)], capsys)
    assert code == 1 and "ansi.csv:2: tệp không phải UTF-8" in text and "CSV UTF-8" in text

    outlook = tmp_path / "ket-qua.msg"
    outlook.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    code, text = run_cli([str(outlook), "--out", str(out)], capsys)
    assert code == 1 and "ket-qua.msg:1: tệp .msg của Outlook" in text and not out.exists()
    (mail / "copy.msg").write_bytes(outlook.read_bytes())  # in a folder: skipped with a warning
    code, text = run_cli([str(mail), "--out", str(out)], capsys)
    assert code == 0 and "bỏ qua 1 tệp .msg của Outlook" in text
    (mail / "copy.msg").unlink()

    code, text = run_cli([str(tmp_path / "khong-co.mbox"), "--out", str(out)], capsys)
    assert code == 1 and "khong-co.mbox:1: không có tệp" in text

    locked = mail / "ok.eml"
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(PermissionError(13, "Permission denied"))
                        if self == locked else real(self))
    shutil.rmtree(out)
    code, text = run_cli([str(mail), "--out", str(out)], capsys)
    assert code == 1 and "ok.eml:1: không đọc được tệp: Permission denied" in text and not out.exists()


@pytest.mark.parametrize("content, encoding", [
    ("\ufeffHọ và tên,Email,Tổ\nNguyễn Thị Lan,lan@x.vn,Tổ 1\n", "utf-8"),
    ("Ho va ten;Email;To\nNguyễn Thị Lan;lan@x.vn;Tổ 1\n", "utf-8"),
    ("STT\tHọ tên\tE-mail\tBộ phận\n1\tNguyễn Thị Lan\tlan@x.vn\tTổ 1\n", "utf-16"),  # Excel "Unicode Text"
    ("STT,Họ đệm,Tên,Địa chỉ thư,Tổ\n1,Nguyễn Thị,Lan,lan@x.vn,Tổ 1\n", "utf-8"),  # split name columns
    ("Full name,Email address,Group\n\"Nguyễn  Thị Lan\",LAN@x.vn,Tổ 1\n", "utf-8"),
])
def test_staff_lists_as_excel_saves_them(tmp_path: Path, content: str, encoding: str):
    path = tmp_path / "ds.csv"
    path.write_bytes(content.encode(encoding))
    staff, problems = read_staff(path)
    assert problems == []
    assert [(s.name, s.email, s.group) for s in staff] == [("Nguyễn Thị Lan", "lan@x.vn", "Tổ 1")]


def test_staff_list_warnings_name_the_line(tmp_path: Path):
    path = tmp_path / "ds.csv"
    path.write_text("Họ và tên,Email\nNguyễn Thị Lan,lan@x.vn\n,b@x.vn\nTrần Văn Đức,không-phải-địa-chỉ\n"
                    "Nguyễn Thị Lan,\n", encoding="utf-8")
    staff, problems = read_staff(path)
    assert [s.name for s in staff] == ["Nguyễn Thị Lan", "Trần Văn Đức", "Nguyễn Thị Lan"]
    assert [(p.line, p.severity) for p in problems] == [(3, "warning"), (4, "warning"), (5, "warning")]
    assert "trùng họ tên với dòng 2" in problems[2].message


def test_the_html_alternative_is_read_only_when_the_plain_part_has_no_line(tmp_path: Path):
    result = line("chuong-1", 11, 11, "2023-10-05", "Nguyễn Thị Lan")
    name_at = result.index("Thị")
    # A client that hard-wraps its HTML source in the middle of a word: read alone, that line would look edited.
    broken = "<p>" + result[:name_at + 2] + "\n" + result[name_at + 2:] + "</p>"
    mail = tmp_path / "m"
    mail.mkdir()
    save(mail, "a.eml", message("a@example.com", body(result), html=broken))
    save(mail, "b.eml", message("a@example.com", body(result), html=broken, html_only=True))
    found = read_sources([mail]).received
    assert [(r.file.rsplit("/", 1)[-1], r.result.intact) for r in found] == [("a.eml", True), ("b.eml", False)]
