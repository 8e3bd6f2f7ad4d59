"""The result line: made the same in Python and in the browser, read back through what mail clients
do to it, and edits caught by the check code."""

from __future__ import annotations

import textwrap
import unicodedata
import zlib
from datetime import date
from pathlib import Path

import pytest
from handbook.register.resultline import PREFIX, clean_name, find_results, make_line, parse_line

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "docs" / "assets" / "javascripts" / "result-line.js"

NAMES = [
    "Nguyễn Thị Lan",
    unicodedata.normalize("NFD", "Trần Văn Đức"),  # typed on a Mac: decomposed
    "Lê   Thị\tHồng  ",  # stray spaces and a tab
    "A|B%C",  # the separator and the escape character
    "Phạm Minh Hoà 👩‍🏫",  # emoji with a zero-width joiner (astral, surrogate pairs in JS)
    "Đặng " + "Thị Ngọc Ánh " * 6 + "Vũ",  # 80 characters
    "Nguyễn\u00a0Văn\u2003An",  # no-break and em spaces
    "O'Brien & <Lê>",
]


def fields(name: str, n: int = 0) -> dict[str, object]:
    return {"quiz": "chuong-3", "version": "2022-2023", "correct": 9 + n % 3, "total": 11, "date": "2023-10-05",
            "name": name}


def test_the_line_is_what_the_format_says():
    line = make_line("chuong-3", "2022-2023", 10, 11, date(2023, 10, 5), "Nguyễn Thị Lan")
    body = "THTA-KQ1|quiz=chuong-3|version=2022-2023|correct=10|total=11|date=2023-10-05|name=Nguyễn Thị Lan"
    assert line == f"{body}|check={zlib.crc32(body.encode()):08x}"


def test_names_are_normalised_and_escaped():
    assert clean_name(unicodedata.normalize("NFD", "Đức")) == "Đức"
    assert clean_name("  Lê   Thị\tHồng ") == "Lê Thị Hồng"
    assert clean_name("A|B%C") == "A%7CB%25C"
    assert clean_name("x\ud800y") == "x\ufffdy"


@pytest.mark.parametrize("name", NAMES)
def test_a_line_reads_back_to_its_fields(name: str):
    result = parse_line(make_line(**fields(name)))  # type: ignore[arg-type]
    assert result.usable
    assert (result.quiz, result.version, result.correct, result.total, result.day) == (
        "chuong-3", "2022-2023", 9, 11, date(2023, 10, 5))
    assert result.name == " ".join(unicodedata.normalize("NFC", name).replace("\u2003", " ").split())


@pytest.mark.parametrize("edit", [("correct=9", "correct=11"), ("Lan", "Lân"), ("2023-10-05", "2023-10-06"),
                                  ("chuong-3", "chuong-4")])
def test_an_edited_line_is_caught(edit: tuple[str, str]):
    line = make_line(**fields("Nguyễn Thị Lan"))  # type: ignore[arg-type]
    edited = parse_line(line.replace(*edit))
    assert not edited.intact and not edited.usable


def test_damaged_lines_are_named_not_raised():
    assert parse_line(f"{PREFIX}|quiz=x").problem
    body = f"{PREFIX}|quiz=x|version=2022-2023|correct=12|total=11|date=2023-10-05|name=A"
    bad = parse_line(f"{body}|check={zlib.crc32(body.encode()):08x}")
    assert bad.intact and bad.problem and "12/11" in bad.problem
    body = f"{PREFIX}|quiz=x|version=2022-2023|correct=1|total=1|date=2023-02-30|name=A"
    assert "ngày" in (parse_line(f"{body}|check={zlib.crc32(body.encode()):08x}").problem or "")


def body_with(line: str) -> str:
    return f"Kính gửi Ban giám hiệu,\n\nHọ và tên: ...\n\n{line}\n\nTrân trọng."


@pytest.mark.parametrize("width", [30, 40, 72])
def test_a_line_wrapped_at_spaces_is_put_back(width: int):
    line = make_line(**fields(NAMES[5]))  # type: ignore[arg-type]
    wrapped = "\n".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
    assert "\n" in wrapped
    [found] = find_results(body_with(wrapped))
    assert found.result.usable and found.result.raw == line and found.line == 5


def test_a_line_broken_mid_word_and_format_flowed_are_put_back():
    line = make_line(**fields("Nguyễn Thị Lan"))  # type: ignore[arg-type]
    hard = "\n".join(line[i:i + 25] for i in range(0, len(line), 25))  # a client that cuts at 25 columns
    assert find_results(body_with(hard))[0].result.raw == line
    cut = line.index(" Thị")
    flowed = line[:cut] + " \r\n" + line[cut + 1:]  # format=flowed: the space stays at the end of the line
    assert find_results(body_with(flowed))[0].result.raw == line


def test_a_quoted_forward_is_read():
    line = make_line(**fields(NAMES[5]))  # type: ignore[arg-type]
    wrapped = textwrap.wrap(line, 50, break_long_words=False)
    once = "\n".join("> " + w for w in wrapped)
    twice = "\n".join(">> " + w for w in wrapped)
    spaced = "\n".join("> > " + w for w in wrapped)
    for text in (once, twice, spaced):
        [found] = find_results("Chuyển tiếp:\n" + text + "\n> \n> Trân trọng.")
        assert found.result.usable and found.result.raw == line


def test_several_lines_and_an_edited_one_in_one_body():
    a = make_line(**fields("Nguyễn Thị Lan"))  # type: ignore[arg-type]
    b = make_line(**fields("Trần Văn Đức", 1)).replace("correct=10", "correct=11")  # type: ignore[arg-type]
    found = find_results(f"{a}\r\ntext\r\n{b}\r\n")
    assert [f.result.intact for f in found] == [True, False]
    assert [f.line for f in found] == [1, 3]


@pytest.mark.browser
def test_python_and_the_browser_make_identical_lines(page):
    page.goto("about:blank")
    page.add_script_tag(content=JS.read_text(encoding="utf-8"))
    cases = [fields(name, i) for i, name in enumerate(NAMES)] + [fields("x\ud800y")]
    # Playwright sends strings as JSON: a lone surrogate would not survive the trip, so that one case
    # is built inside the page.
    js_lines = page.evaluate("""cases => cases.map(f => {
        if (f.name === "LONE") f = Object.assign({}, f, {name: "x\\ud800y"});
        return window.resultLine(f);
    })""", [dict(c, name="LONE") if c["name"] == "x\ud800y" else c for c in cases])
    py_lines = [make_line(**c) for c in cases]  # type: ignore[arg-type]
    assert js_lines == py_lines
    assert all(parse_line(line).usable for line in js_lines)


def test_a_line_broken_at_hyphens_even_in_its_prefix_is_put_back():
    line = make_line(**fields("Nguyễn Thị Lan"))  # type: ignore[arg-type]
    split = line.replace("THTA-", "THTA-\n").replace("2022-", "2022-\n").replace("Thị ", "Thị\n")
    [found] = find_results("> " + split.replace("\n", "\n> "))
    assert found.result.usable and found.result.raw == line
    assert find_results("Mã THTA-\nkhông phải dòng kết quả") == []
