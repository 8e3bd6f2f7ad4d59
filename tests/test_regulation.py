"""The parser and model, on the real text and on variants built from it."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from handbook.model import Article, Block, Chapter, DecisionArticle
from handbook.parser import load, parse_text
from handbook.textfile import decode

from .support.project import OFFICIAL, SHARED_OFFICIAL

TEXT = OFFICIAL.read_text(encoding="utf-8")


def parse(text: str):
    return parse_text(text, "quy-che.txt")


def errors_of(text: str) -> list:
    _, problems = parse(text)
    return [p for p in problems if p.severity == "error"]


@pytest.fixture(scope="module")
def reg():
    reg, problems = load(OFFICIAL)
    assert reg is not None
    assert problems == []
    return reg


OFFICIAL_SHA256 = "577595c1ea8cd1acc7ba39b12beb1b9039fa3af6e000c0e73214bcac37d21b04"


def test_project_copy_is_the_official_text_byte_for_byte():
    assert hashlib.sha256(OFFICIAL.read_bytes()).hexdigest() == OFFICIAL_SHA256
    if SHARED_OFFICIAL.exists():  # the team's reference copy, beside the project on developer machines
        assert OFFICIAL.read_bytes() == SHARED_OFFICIAL.read_bytes()


def test_decision_metadata(reg):
    d = reg.decision
    assert d.number == "24/QĐ-THTA"
    assert d.place == "Thượng Thanh"
    assert d.date == date(2022, 10, 11)
    assert d.signer == "Nguyễn Thị Thúy Vân"
    assert d.effective == date(2022, 10, 11)  # "có hiệu lực kể từ ngày ký"
    assert (d.declared_chapters, d.declared_articles) == (6, 14)
    assert reg.school_year == "2022-2023"


def test_decision_parts(reg):
    d = reg.decision
    assert [a.id for a in d.articles] == ["qd-dieu-1", "qd-dieu-2", "qd-dieu-3"]
    assert len(d.bases) == 4 and all(b.text.startswith("Căn cứ") for b in d.bases)
    assert [b.text for b in d.recipients] == ["- Như điều 3;", "- Lưu VP."]
    assert d.block("qd-trich-yeu").lines == (
        "Về việc ban hành Quy chế quản lý, vận hành, sử dụng",
        "thư điện tử trường Tiểu học Thanh Am, năm học 2022 - 2023")
    assert d.block("qd-tham-quyen").text == "HIỆU TRƯỜNG TRƯỜNG TIỂU HỌC THANH AM"


def test_quy_che_counts(reg):
    assert [c.numeral for c in reg.chapters] == ["I", "II", "III", "IV", "V", "VI"]
    assert [a.number for a in reg.articles] == list(range(1, 15))
    blocks = {a.number: [b.id.split("-", 2)[2] for b in a.blocks] for a in reg.articles}
    assert blocks == {
        1: ["1", "2"], 2: ["a", "b"], 3: ["1"], 4: ["a", "b", "c", "d", "e"], 5: ["1"], 6: ["1", "2", "3"],
        7: ["1", "2"], 8: ["a", "b", "c", "d", "e"], 9: ["1"], 10: ["1", "2", "3", "4"], 11: ["1", "2", "3"],
        12: ["a", "b", "c", "d", "e", "g"], 13: ["a", "b", "c", "d", "e", "g"], 14: ["a", "b"],
    }


def test_chapter_titles_over_several_lines_and_in_bold(reg):
    assert reg.chapters[0].heading_lines == ("CHƯƠNG I", "NHỮNG QUI ĐỊNH CHUNG")  # "**CHƯƠNG I\nNHỮNG…**"
    assert reg.chapters[3].heading_lines == ("CHƯƠNG IV", "QUY TRÌNH XỬ LÝ CÔNG VIỆC", "THÔNG QUA HỆ THỐNG THƯ ĐIỆN TỬ")
    assert reg.title.lines == ("QUY CHẾ QUẢN LÝ, VẬN HÀNH,", "SỬ DỤNG THƯ ĐIỆN TỬ TRƯỜNG TIỂU HỌC THANH AM")
    assert reg.issued_with.text.startswith("(Ban hành kèm theo Quyết định số 24/QĐ-THTA")


def test_points_written_with_a_dash_keep_the_dash_and_label(reg):
    a = reg.get("dieu-12-a")
    assert isinstance(a, Block) and a.kind == "point" and a.label == "a"
    assert a.text.startswith("- a) Tổ chức triển khai")
    assert a.parts()[:2] == ("- ", "a)")
    assert reg.get("dieu-12-d").parts()[:2] == ("", "d)")


def test_wrapped_line_continues_its_item(reg):
    item = reg.get("dieu-7-2")
    assert item.lines == ("- Địa chỉ hộp thư điện tử do Sở GD&ĐT Hà Nội cấp có định dạng:", "tên GV.hni@moet.edu.vn")


def test_unlettered_steps_get_numbered_ids(reg):
    assert [b.id for b in reg.article(10).blocks] == ["dieu-10-1", "dieu-10-2", "dieu-10-3", "dieu-10-4"]
    assert all(b.kind == "item" for b in reg.article(11).blocks)


def test_ids_are_unique_and_typed(reg):
    units = list(reg.units())
    assert len({u.id for u in units}) == len(units)
    assert isinstance(reg.get("dieu-13"), Article)
    assert isinstance(reg.get("dieu-13-e"), Block)
    assert isinstance(reg.get("chuong-3"), Chapter)
    assert isinstance(reg.get("qd-dieu-2"), DecisionArticle)
    # the decision's Điều 1–3 never collide with the Quy chế's Điều 1–3
    assert reg.get("qd-dieu-1").text.startswith("Điều 1. Ban hành kèm theo")
    assert reg.get("dieu-1").heading == "Điều 1. Giải thích từ ngữ"


def test_every_line_of_the_text_belongs_to_exactly_one_unit(reg):
    from handbook.parser import strip_bold

    lines = [strip_bold(line) for line in TEXT.split("\n") if line.strip()]
    unit_lines = [line for u in reg.units() for line in u.text.split("\n")]
    # an article's text includes its blocks; count headings only once
    headings = [line for u in reg.units() if isinstance(u, Article) for line in [u.heading]]
    blocks = [line for u in reg.units() if not isinstance(u, Article) for line in u.text.split("\n")]
    assert sorted(headings + blocks) == sorted(lines)
    assert len(unit_lines) >= len(lines)


# -- tricky variants ------------------------------------------------------------------------------

def test_point_dd_is_distinct_from_d():
    text = TEXT.replace("e) Nghiêm cấm việc cung cấp", "đ) Điểm thử nghiệm.\n\ne) Nghiêm cấm việc cung cấp")
    reg, problems = parse(text)
    assert problems == []
    ids = [b.id for b in reg.article(13).blocks]
    assert ids == ["dieu-13-a", "dieu-13-b", "dieu-13-c", "dieu-13-d", "dieu-13-dd", "dieu-13-e", "dieu-13-g"]
    assert reg.get("dieu-13-dd").label == "đ"


def test_chapter_heading_on_one_line_in_bold():
    text = TEXT.replace("CHƯƠNG VI\n\nTỔ CHỨC THỰC HIỆN", "**CHƯƠNG VI. TỔ CHỨC THỰC HIỆN**")
    reg, problems = parse(text)
    assert problems == []
    assert reg.chapters[5].title == "TỔ CHỨC THỰC HIỆN"


def test_nfd_input_is_normalised_not_rejected():
    data = unicodedata.normalize("NFD", TEXT).encode("utf-8")
    decoded = decode(data, "nfd.txt")
    assert not decoded.was_nfc
    reg, problems = parse(decoded.text)
    assert problems == []
    assert reg.get("dieu-13-e").text == parse(TEXT)[0].get("dieu-13-e").text


def test_utf16_with_bom_is_converted():
    decoded = decode(TEXT.encode("utf-16"), "word.txt")
    assert decoded.encoding == "utf-16"
    reg, problems = parse(decoded.text)
    assert problems == [] and len(reg.articles) == 14


def test_crlf_line_ends_are_accepted():
    reg, problems = parse(decode(TEXT.replace("\n", "\r\n").encode("utf-8-sig"), "x.txt").text)
    assert problems == [] and len(reg.articles) == 14


# -- bad input ------------------------------------------------------------------------------------

def test_declared_counts_must_match():
    errs = errors_of(TEXT.replace("gồm 06 chương 14 điều", "gồm 06 chương 15 điều"))
    assert [(e.code, e.line) for e in errs] == [("count-mismatch", 23)]
    assert "15" in errs[0].message and "14 điều" in errs[0].message


def test_missing_article_is_reported_where_the_gap_is():
    start = TEXT.index("Điều 9. Thời gian")
    end = TEXT.index("CHƯƠNG IV")
    errs = errors_of(TEXT[:start] + TEXT[end:])
    codes = {e.code for e in errs}
    assert codes == {"missing-number", "count-mismatch"}
    missing = next(e for e in errs if e.code == "missing-number")
    assert "Điều 9" in missing.message and TEXT[:start].count("\n") < missing.line


def test_repeated_article_number():
    errs = errors_of(TEXT.replace("Điều 9. Thời gian", "Điều 8. Thời gian"))
    assert any(e.code == "repeated-number" and e.line == 114 for e in errs)


def test_points_out_of_order():
    text = TEXT.replace("c) Quản lý và lưu trữ", "X").replace("b) Sử dụng hệ thống thư điện tử đúng",
                                                                "c) Sử dụng hệ thống thư điện tử đúng")
    text = text.replace("X", "b) Quản lý và lưu trữ")
    errs = errors_of(text)
    assert [e.code for e in errs] == ["point-order", "point-order"]
    assert errs[0].line == 159


def test_repeated_point():
    errs = errors_of(TEXT.replace("g) Nghiêm cấm sử dụng", "e) Nghiêm cấm sử dụng"))
    assert {e.code for e in errs} >= {"repeated-point"}


def test_letter_f_is_not_a_point_letter():
    errs = errors_of(TEXT.replace("g) Nghiêm cấm sử dụng", "f) Nghiêm cấm sử dụng"))
    assert "bad-letter" in {e.code for e in errs}


def test_not_utf8_names_the_line(tmp_path: Path):
    bad = tmp_path / "quy-che.txt"
    bad.write_bytes(TEXT.encode("utf-8").replace("Điều 5.".encode(), b"\xd0i\xea\xb7u 5."))
    reg, problems = load(bad)
    assert reg is None
    assert [(p.code, p.line) for p in problems] == [("encoding", 80)]
    assert str(problems[0]).startswith(f"{bad.as_posix()}:80:")


def test_utf16_without_bom_is_refused_clearly():
    reg_problems = None
    try:
        decode(TEXT.encode("utf-16-le"), "x.txt")
    except Exception as exc:  # ContentError
        reg_problems = exc.problems  # type: ignore[attr-defined]
    assert reg_problems and reg_problems[0].code == "encoding" and "UTF-16" in reg_problems[0].message


def test_missing_quy_che_title():
    errs = errors_of(TEXT.replace("**QUY CHẾ QUẢN LÝ", "**Nội quy QUẢN LÝ"))
    assert errs and errs[0].code == "no-quy-che"
