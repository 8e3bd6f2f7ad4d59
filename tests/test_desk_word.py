"""Reading .docx files as Word displays them (desk/word.py), on documents made here with python-docx."""

from __future__ import annotations

import io

import pytest
from docx import Document
from handbook.desk.word import is_docx, read_docx
from handbook.parser import parse_text
from handbook.problems import ContentError

from .support.nextyear import REMOVED_13G, next_year_text
from .support.word import _abstract, _el, _num, _number, make_docx

NEXT = next_year_text()


def saved(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def numbered_doc(fmt: str, text: str, count: int, restart_after: int | None = None) -> bytes:
    """`count` paragraphs in one automatic list of format `fmt`; a second list (restarted) after `restart_after`."""
    doc = Document()
    numbering = doc.part.numbering_part.element
    _abstract(numbering, 90, fmt, text)
    _num(numbering, 100, 90, restart=False)
    _num(numbering, 101, 90, restart=True)
    for i in range(count):
        p = doc.add_paragraph(f"đoạn {i + 1}")
        _number(p, 101 if restart_after is not None and i >= restart_after else 100)
    return saved(doc)


def test_paragraphs_tables_line_breaks_and_smart_quotes_as_typed():
    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("UBND QUẬN LONG BIÊN")
    table.cell(0, 0).add_paragraph("Số: 31/QĐ-THTA")
    table.cell(0, 1).paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    run = doc.add_paragraph().add_run("QUYẾT ĐỊNH")
    run.add_break()
    run.add_text("Về việc “Mô hình Trường học điện tử” – năm học 2023 - 2024")
    doc.add_paragraph("")  # an empty paragraph is only space
    doc.add_paragraph("Căn cứ…")
    text = read_docx(saved(doc), "qd.docx").text
    assert text == ("UBND QUẬN LONG BIÊN\n\nSố: 31/QĐ-THTA\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nQUYẾT ĐỊNH\n"
                    "Về việc “Mô hình Trường học điện tử” – năm học 2023 - 2024\n\nCăn cứ…\n")


def test_a_decision_typed_in_word_reads_as_the_same_units_as_its_text():
    word = read_docx(make_docx(NEXT, auto_articles=[2, 4, 8, 13, 14, 15]), "qd.docx")
    assert word.problems == []
    from_word, problems = parse_text(word.text, "qd.docx")
    assert problems == []
    from_text, _ = parse_text(NEXT)
    units = {u.id: u.text for u in from_text.units()}
    assert {u.id: u.text for u in from_word.units() if not u.id.startswith("qd-dau-")} == units
    heading = [b.lines for b in from_word.decision.blocks if b.id.startswith("qd-dau-")]
    assert heading == [("UBND QUẬN LONG BIÊN", "TRƯỜNG TIỂU HỌC THANH AM"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",),
                       ("Độc lập - Tự do - Hạnh phúc",)]
    assert sorted(set(word.numbered.values())) == ["a) ", "b) ", "c) ", "d) ", "e) "]


def test_word_lettering_is_kept_so_a_sixth_point_is_f_and_refused_at_its_line():
    e_line = next(line for line in NEXT.split("\n") if line.startswith("e) Nghiêm cấm việc cung cấp"))
    word = read_docx(make_docx(NEXT.replace(e_line, e_line + "\n\n" + REMOVED_13G), auto_articles=[13]), "qd.docx")
    f_line = next(n for n, label in word.numbered.items() if label == "f) ")
    assert word.text.split("\n")[f_line - 1] == "f) " + REMOVED_13G[len("g) "):]
    _, problems = parse_text(word.text, "qd.docx")
    assert [(p.line, p.code) for p in problems] == [(f_line, "bad-letter")]


@pytest.mark.parametrize("fmt,text,expected", [
    ("decimal", "%1.", ["1. ", "2. ", "3. "]),
    ("lowerLetter", "%1)", ["a) ", "b) ", "c) "]),
    ("upperRoman", "%1.", ["I. ", "II. ", "III. "]),
    ("decimalZero", "%1.", ["01. ", "02. ", "03. "]),
    ("bullet", "\uf0b7", ["- ", "- ", "- "]),
])
def test_numbering_formats_as_word_shows_them(fmt, text, expected):
    word = read_docx(numbered_doc(fmt, text, 3), "x.docx")
    assert list(word.numbered.values()) == expected


def test_letters_go_on_past_z_as_word_does():
    word = read_docx(numbered_doc("lowerLetter", "%1)", 28), "x.docx")
    assert list(word.numbered.values())[24:] == ["y) ", "z) ", "aa) ", "bb) "]


def test_a_restarted_list_counts_from_its_start_again():
    word = read_docx(numbered_doc("lowerLetter", "%1)", 5, restart_after=3), "x.docx")
    assert list(word.numbered.values()) == ["a) ", "b) ", "c) ", "a) ", "b) "]


def test_a_format_that_cannot_be_rendered_is_refused_naming_the_paragraph():
    word = read_docx(numbered_doc("vietnameseCounting", "%1.", 2), "x.docx")
    assert [(p.line, p.code) for p in word.problems] == [(1, "docx"), (3, "docx")]
    assert "đoạn 1 (\"đoạn 1\")" in word.problems[0].message and "vietnameseCounting" in word.problems[0].message
    assert word.text.split("\n")[0] == "đoạn 1"  # the paragraph is kept, never dropped


def test_deleted_revisions_and_field_codes_are_not_text():
    doc = Document()
    p = doc.add_paragraph("Điều 1. ")
    deleted = _el("w:del")
    run = _el("w:r")
    gone = _el("w:delText")
    gone.text = "đã xóa "
    run.append(gone)
    deleted.append(run)
    p._p.append(deleted)
    p.add_run("Ban hành")
    assert read_docx(saved(doc), "x.docx").text == "Điều 1. Ban hành\n"


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04" + b"\0" * 64, "Số: 1".encode(), b"%PDF-1.7"])
def test_what_is_not_a_word_document_is_refused(data):
    assert not is_docx(data)
    with pytest.raises(ContentError):
        read_docx(data, "x.docx")
