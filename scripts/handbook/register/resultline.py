"""The machine-readable result line that the certificate page puts in the email to the school.

    THTA-KQ1|quiz=chuong-3|version=2022-2023|correct=10|total=11|date=2023-10-05|name=Nguyễn Thị Lan|check=1a2b3c4d

One line, fields in this order, `|` between them. `name` is NFC, its whitespace collapsed to single
spaces, and `%`, `|`, CR and LF in it written as %25, %7C, %0D, %0A. `check` is the CRC-32 (8 lower-case
hex digits) of the UTF-8 bytes of everything before "|check=".

The check code catches accidental edits (a retyped digit, a mangled name). It is NOT a signature:
anyone can compute it, so a result line proves nothing about who took the quiz.

The same line is made in the browser by docs/assets/javascripts/result-line.js; the two must agree
byte for byte (tests/test_resultline.py runs both).

Finding the line in a received message survives what mail clients do to it: CRLF, quoted-printable or
base64 bodies and HTML parts are undone before we look (resultmail.py); here we undo line wrapping
(at a space or in the middle of a word, with or without format=flowed's trailing space) and "> "
quoting in forwards, and accept the line only when the check code confirms how it is put back together.
"""

from __future__ import annotations

import datetime
import itertools
import re
import unicodedata
import zlib
from dataclasses import dataclass

PREFIX = "THTA-KQ1"
FIELDS = ("quiz", "version", "correct", "total", "date", "name")
# One explicit set, the same in result-line.js, so both sides collapse exactly the same characters
# (Python's str.split() and JavaScript's \s differ at the edges).
_SPACE = re.compile("[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")
_ENCODE = re.compile(r"[%|\r\n]")
_DECODE = re.compile(r"%(25|7C|0D|0A)", re.IGNORECASE)
_SURROGATE = re.compile("[\ud800-\udfff]")
_QUIZ = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_VERSION = re.compile(r"\d{4}-\d{4}")
_COUNT = re.compile(r"0|[1-9]\d{0,3}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CHECK = re.compile(r"\|check=([0-9a-fA-F]{8})(?![0-9A-Za-z])")
_QUOTE = re.compile(r"[ \t]*(?:>[ \t]?)*")
MAX_WRAPS = 8  # continuation lines we try to join: a 250-character line wrapped at 30 columns


def crc(text: str) -> str:
    return f"{zlib.crc32(text.encode('utf-8')) & 0xFFFFFFFF:08x}"


def clean_name(name: str) -> str:
    """The name as it is written in the line: well-formed, NFC, whitespace collapsed, %-encoded."""
    name = _SURROGATE.sub("\ufffd", name)  # a lone surrogate (a bad paste) cannot be encoded
    name = _SPACE.sub(" ", unicodedata.normalize("NFC", name)).strip()
    return _ENCODE.sub(lambda m: f"%{ord(m.group()):02X}", name)


def make_line(quiz: str, version: str, correct: int, total: int, date: datetime.date | str, name: str) -> str:
    """The line for these fields (named as result-line.js names them)."""
    body = (f"{PREFIX}|quiz={quiz}|version={version}|correct={int(correct)}|total={int(total)}"
            f"|date={date if isinstance(date, str) else date.isoformat()}|name={clean_name(name)}")
    return f"{body}|check={crc(body)}"


@dataclass(frozen=True)
class Result:
    """One result line as read. `intact` is False when the check code does not match (an edit,
    or damage in transit); `problem` names what is wrong with a line that cannot be used."""

    raw: str
    intact: bool
    problem: str | None = None
    quiz: str = ""
    version: str = ""
    correct: int = 0
    total: int = 0
    day: datetime.date | None = None
    name: str = ""

    @property
    def usable(self) -> bool:
        return self.intact and self.problem is None

    @property
    def percent(self) -> int:
        """Rounded like the certificate page (Math.round: halves go up)."""
        return (200 * self.correct + self.total) // (2 * self.total) if self.total else 0


def parse_line(text: str) -> Result:
    """Read one complete line (from PREFIX to the check code). Never raises."""
    text = unicodedata.normalize("NFC", text.strip()).replace("\xa0", " ")
    m = _CHECK.search(text)
    if not text.startswith(PREFIX + "|") or m is None:
        return Result(text, False, "không có mã kiểm tra (check=…) ở cuối dòng")
    body, raw = text[: m.start()], text[: m.end()]
    intact = crc(body) == m.group(1).lower()
    parts = body.split("|")[1:]
    pairs = [p.partition("=") for p in parts]
    keys = tuple(k for k, _, _ in pairs)
    if keys != FIELDS:
        return Result(raw, intact, f"các mục phải là {', '.join(FIELDS)} theo thứ tự; đang có {', '.join(keys)}")
    v = {k: value for k, _, value in pairs}
    problem = None
    if not _QUIZ.fullmatch(v["quiz"]):
        problem = f"mã bài kiểm tra {v['quiz']!r} không hợp lệ"
    elif not _VERSION.fullmatch(v["version"]):
        problem = f"phiên bản {v['version']!r} không hợp lệ (cần dạng 2022-2023)"
    elif not (_COUNT.fullmatch(v["correct"]) and _COUNT.fullmatch(v["total"])):
        problem = "số câu đúng / tổng số câu không phải số"
    elif not 0 <= int(v["correct"]) <= int(v["total"]) or int(v["total"]) == 0:
        problem = f"số câu đúng {v['correct']}/{v['total']} không hợp lệ"
    elif not v["name"].strip():
        problem = "thiếu họ tên"
    day = None
    if _DATE.fullmatch(v["date"]):
        try:
            day = datetime.date.fromisoformat(v["date"])
        except ValueError:
            pass
    if day is None and problem is None:
        problem = f"ngày {v['date']!r} không hợp lệ (cần dạng NNNN-TT-NN)"
    if problem:
        return Result(raw, intact, problem)
    name = _DECODE.sub(lambda m: chr(int(m.group(1), 16)), v["name"])
    return Result(raw, intact, None, v["quiz"], v["version"], int(v["correct"]), int(v["total"]), day, name)


@dataclass(frozen=True)
class Found:
    line: int  # 1-based line of the text where the result line starts
    result: Result


def find_results(text: str) -> list[Found]:
    """Every result line in a message body, put back together if a mail client wrapped or quoted it."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: list[Found] = []
    i = 0
    while i < len(lines):
        start, depth = _start(lines, i)
        if start < 0:
            i += 1
            continue
        segments = [lines[i][start:].strip()]
        j = i + 1
        while not _CHECK.search("".join(segments)) and j < len(lines) and len(segments) <= MAX_WRAPS:
            rest = _unquote(lines[j], depth)
            if rest is None or not rest.strip() or PREFIX + "|" in rest:
                break
            segments.append(rest.strip())
            j += 1
        found.append(Found(i + 1, _rejoin(segments)))
        i = j if _CHECK.search("".join(segments)) else i + 1
    return found


def _start(lines: list[str], i: int) -> tuple[int, int]:
    """Where a result line starts on line i (-1 if none), and how deeply that line is quoted. A client
    that breaks lines at hyphens may even split the prefix ("THTA-" / "KQ1|…")."""
    line = lines[i]
    start = line.find(PREFIX + "|")
    if start < 0 and i + 1 < len(lines):
        end = line.rstrip()
        for k in range(len(PREFIX), 3, -1):
            if end.endswith(PREFIX[:k]):
                start = len(end) - k
                break
    if start < 0:
        return -1, 0
    lead = line[:start]
    depth = lead.count(">") if _QUOTE.fullmatch(lead) else 0
    if PREFIX + "|" not in line:
        following = _unquote(lines[i + 1], depth)
        if following is None or not (line[start:].rstrip() + following.strip()).startswith(PREFIX + "|"):
            return -1, 0
    return start, depth


def _unquote(line: str, depth: int) -> str | None:
    """The line without the forward's quote marks of the first line (None if it has fewer)."""
    if depth == 0:
        return line
    m = re.match(r"[ \t]*" + r"(?:>[ \t]?)" * depth, line)
    return line[m.end():] if m else None


def _rejoin(segments: list[str]) -> Result:
    """Try each way of undoing the wraps (the break replaced a space, or split a word); the one the
    check code confirms wins. Names never hold two spaces in a row, so nothing else is possible."""
    first: Result | None = None
    for joins in itertools.product((" ", ""), repeat=len(segments) - 1):
        text = segments[0] + "".join(j + s for j, s in zip(joins, segments[1:], strict=True))
        result = parse_line(text)
        if result.intact:
            return result
        first = first or result
    assert first is not None
    return first
