"""Reading the official text into the model (model.py): line by line, every line kept verbatim.

The parser knows the shape of a Vietnamese school decision and the Quy chế it issues (header, "Căn cứ"
lines, "QUYẾT ĐỊNH:", the decision's articles, recipients, signature; then chapters, articles, lettered
points and unlettered paragraphs) and reports everything that does not fit as a problem with its line.
It never raises on bad text: the result is the model (or None when the text is unusable) and the problems."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .model import (
    LETTERS,
    RE_ARTICLE,
    RE_CHAPTER,
    RE_POINT,
    Article,
    Block,
    BlockKind,
    Chapter,
    Decision,
    DecisionArticle,
    Regulation,
    letter_id,
)
from .problems import ContentError, Problem
from .textfile import read_text

OPTIONAL_LETTERS = {"đ"}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
         "XVII", "XVIII", "XIX", "XX")
# What a typo can cost: a school's regulation has a few dozen articles; a number beyond this is a mistake
# (and an unbounded one would make "missing articles 15 … 99999999999" a list no one can read).
MAX_NUMBER = 300

RE_ITEM = re.compile(r"^(?P<prefix>[-–•+]\s+)(?P<body>.*)$")
RE_NUMBER = re.compile(r"^Số\s*:\s*(.+)$")
RE_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]+),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})\s*$")
RE_DECLARED = re.compile(r"gồm\s+(\d+)\s+chương\s+(\d+)\s+điều", re.IGNORECASE)
RE_EFFECT = re.compile(r"có hiệu lực\s+(?:thi hành\s+)?(?:kể\s+)?từ ngày\s+(ký|\d{1,2}/\d{1,2}/\d{4})", re.IGNORECASE)
RE_YEAR = re.compile(r"năm học\s+(\d{4})\s*[-–]\s*(\d{4})")


def strip_bold(line: str) -> str:
    """The source marks a few headings with Markdown ** ; they are styling, not text."""
    s = line.strip()
    if s.startswith("**"):
        s = s[2:].lstrip()
    if s.endswith("**"):
        s = s[:-2].rstrip()
    return s


@dataclass
class _Line:
    no: int  # 1-based
    text: str  # stripped of surrounding whitespace and ** markers


class _Parser:
    def __init__(self, text: str, file: Path | str):
        self.file = file
        self.problems: list[Problem] = []
        self.lines = [_Line(i + 1, strip_bold(t)) for i, t in enumerate(text.split("\n"))]

    def error(self, line: int, message: str, code: str) -> None:
        self.problems.append(Problem(self.file, line, message, code))

    def warn(self, line: int, message: str, code: str) -> None:
        self.problems.append(Problem(self.file, line, message, code, "warning"))

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def paragraphs(lines: list[_Line]) -> list[list[_Line]]:
        """Group non-empty lines into runs separated by blank lines."""
        runs: list[list[_Line]] = []
        current: list[_Line] = []
        for ln in lines:
            if ln.text:
                current.append(ln)
            elif current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        return runs

    # -- the whole text ----------------------------------------------------------------------
    def parse(self) -> Regulation | None:
        start = next((i for i, ln in enumerate(self.lines) if ln.text.upper().startswith("QUY CHẾ")
                      and ln.text == ln.text.upper()), None)
        if start is None:
            self.error(len(self.lines), "không tìm thấy tiêu đề \"QUY CHẾ …\" (viết hoa) sau phần quyết định",
                       "no-quy-che")
            return None
        decision = self.parse_decision(self.lines[:start])
        title, issued_with, body_start = self.parse_quy_che_head(start)
        chapters = self.parse_chapters(self.lines[body_start:])
        if decision is None or title is None or issued_with is None:
            return None
        self.check_declared(decision, chapters)
        year = RE_YEAR.search(" ".join(b.text for b in decision.blocks))
        school_year = f"{year.group(1)}-{year.group(2)}" if year else None
        return Regulation(self.file, decision, title, issued_with, tuple(chapters), school_year)

    # -- the decision ------------------------------------------------------------------------
    def parse_decision(self, lines: list[_Line]) -> Decision | None:
        runs = self.paragraphs(lines)
        blocks: list[Block] = []
        articles: list[DecisionArticle] = []
        number = place = signer = None
        issued: date | None = None
        counters = {"can-cu": 0, "noi-nhan": 0}
        state = "head"
        first_line = lines[0].no if lines else 1

        def add(id_: str, run: list[_Line], kind: BlockKind = "paragraph", prefix: str = "") -> None:
            blocks.append(Block(id_, kind, tuple(ln.text for ln in run), run[0].no, prefix=prefix))

        queue = list(runs)
        while queue:
            run = queue.pop(0)
            first = run[0].text
            if state == "head":
                if m := RE_NUMBER.match(first):
                    number = m.group(1).strip()
                    add("qd-so", run)
                elif m := RE_PLACE_DATE.match(first):
                    place = m.group("place").strip()
                    try:
                        issued = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                    except ValueError:
                        self.error(run[0].no, f"ngày ban hành không hợp lệ: {first!r}", "bad-date")
                    add("qd-ngay", run)
                elif first == "QUYẾT ĐỊNH":
                    add("qd-loai", run[:1])
                    state = "subject"
                    if run[1:]:
                        queue.insert(0, run[1:])
                else:
                    self.error(run[0].no, f"dòng không mong đợi ở đầu quyết định: {first!r}", "unexpected-line")
            elif state == "subject":
                add("qd-trich-yeu", run)
                state = "issuer"
            elif state == "issuer":
                add("qd-tham-quyen", run)
                state = "bases"
            elif state == "bases":
                if first.startswith("Căn cứ"):
                    counters["can-cu"] += 1
                    add(f"qd-can-cu-{counters['can-cu']}", run)
                elif first.endswith(":") and first[:-1].strip().upper() == "QUYẾT ĐỊNH":
                    add("qd-quyet-dinh", run[:1])
                    state = "articles"
                    if run[1:]:
                        queue.insert(0, run[1:])
                else:
                    self.error(run[0].no, "sau các đoạn \"Căn cứ…\" phải là dòng \"QUYẾT ĐỊNH:\"", "expected-enact")
            elif state == "articles":
                if (m := RE_ARTICLE.match(first)) and self.number_ok(m.group(1), run[0].no):
                    n = int(m.group(1))
                    articles.append(DecisionArticle(f"qd-dieu-{n}", n, first, run[0].no))
                    add(f"qd-dieu-{n}", run[:1])
                    if run[1:]:
                        queue.insert(0, run[1:])
                elif first.startswith("Nơi nhận"):
                    add("qd-noi-nhan", run[:1])
                    state = "recipients"
                    if run[1:]:
                        queue.insert(0, run[1:])
                else:
                    self.error(run[0].no, f"dòng không thuộc điều nào của quyết định: {first!r}", "unexpected-line")
            elif state == "recipients" and all(RE_ITEM.match(ln.text) for ln in run):
                for ln in run:
                    counters["noi-nhan"] += 1
                    prefix = RE_ITEM.match(ln.text).group("prefix")  # type: ignore[union-attr]
                    add(f"qd-noi-nhan-{counters['noi-nhan']}", [ln], "item", prefix)
            elif state in ("recipients", "signature"):
                # The signature block: titles such as "HIỆU TRƯỜNG", then the signer's name last.
                if state == "signature":
                    previous = blocks.pop()
                    run = [_Line(previous.line + i, t) for i, t in enumerate(previous.lines)] + run
                add("qd-chu-ky", run)
                signer = run[-1].text
                state = "signature"

        self.check_sequence([(a.number, a.line) for a in articles], "Điều", "của quyết định")
        if number is None:
            self.error(first_line, "thiếu dòng \"Số: …\" (số quyết định)", "no-number")
        if issued is None and not any(p.code == "bad-date" for p in self.problems):
            self.error(first_line, "thiếu dòng \"<địa danh>, ngày … tháng … năm …\"", "no-date")
        if not articles:
            self.error(first_line, "quyết định không có điều nào (\"Điều 1. …\")", "no-articles")
        if signer is None:
            self.error(lines[-1].no if lines else 1, "thiếu người ký ở cuối quyết định", "no-signer")
        if number is None or issued is None or place is None or signer is None or not articles:
            return None

        declared = declared_line = None
        effective: date | None = None
        for a in articles:
            if m := RE_DECLARED.search(a.line_text):
                declared = (int(m.group(1)), int(m.group(2)))
                declared_line = a.line
            if m := RE_EFFECT.search(a.line_text):
                when = m.group(1)
                if when.lower() == "ký":
                    effective = issued
                else:
                    d, mo, y = (int(x) for x in when.split("/"))
                    try:
                        effective = date(y, mo, d)
                    except ValueError:
                        self.error(a.line, f"ngày có hiệu lực không có thật: {when}", "bad-date")
        return Decision(number, place, issued, tuple(blocks), tuple(articles),
                        declared[0] if declared else None, declared[1] if declared else None,
                        declared_line, signer, effective)

    # -- the Quy chế ---------------------------------------------------------------------------
    def parse_quy_che_head(self, start: int) -> tuple[Block | None, Block | None, int]:
        i = start
        title: list[_Line] = []
        while i < len(self.lines) and self.lines[i].text and not self.lines[i].text.startswith("("):
            title.append(self.lines[i])
            i += 1
        issued: list[_Line] = []
        if i < len(self.lines) and self.lines[i].text.startswith("("):
            while i < len(self.lines) and self.lines[i].text:
                issued.append(self.lines[i])
                i += 1
                if issued[-1].text.endswith(")"):
                    break
        if not issued:
            self.error(self.lines[start].no, "sau tiêu đề Quy chế phải có dòng \"(Ban hành kèm theo …)\"",
                       "no-issued-with")
            return None, None, i
        t = Block("qc-ten", "paragraph", tuple(ln.text for ln in title), title[0].no)
        w = Block("qc-ban-hanh", "paragraph", tuple(ln.text for ln in issued), issued[0].no)
        return t, w, i

    def parse_chapters(self, lines: list[_Line]) -> list[Chapter]:
        chapters: list[dict[str, Any]] = []
        article: dict[str, Any] | None = None
        pending_heading: dict[str, Any] | None = None  # a chapter whose title lines are still coming
        for run in self.paragraphs(lines):
            for pos, ln in enumerate(run):
                text = ln.text
                if m := RE_CHAPTER.match(text):
                    numeral = m.group(1).upper()
                    number = ROMAN.index(numeral) + 1 if numeral in ROMAN else 0
                    if not number:
                        self.error(ln.no, f"số chương La Mã không hợp lệ: {numeral!r}", "bad-chapter")
                    chapter = {"number": number, "numeral": numeral, "heading": [ln], "line": ln.no,
                               "articles": []}
                    chapters.append(chapter)
                    pending_heading = chapter
                    article = None
                    continue
                if (m := RE_ARTICLE.match(text)) and self.number_ok(m.group(1), ln.no):
                    if not chapters:
                        self.error(ln.no, "điều này nằm trước chương đầu tiên (thiếu dòng \"CHƯƠNG I\")",
                                   "article-outside-chapter")
                        chapters.append({"number": 0, "numeral": "?", "heading": [], "line": ln.no, "articles": []})
                    pending_heading = None
                    article = {"number": int(m.group(1)), "title": m.group(2).strip(), "heading": text,
                               "line": ln.no, "blocks": []}
                    chapters[-1]["articles"].append(article)
                    continue
                if pending_heading is not None:
                    pending_heading["heading"].append(ln)
                    continue
                if article is None:
                    self.error(ln.no, f"dòng không thuộc điều nào: {text!r}", "unexpected-line")
                    continue
                blocks = article["blocks"]
                starts_block = pos == 0 or RE_POINT.match(text) or RE_ITEM.match(text)
                if starts_block or not blocks:
                    blocks.append([ln])
                else:
                    blocks[-1].append(ln)  # a wrapped line continues the block above it

        self.check_sequence([(c["number"], c["line"]) for c in chapters], "Chương", "", roman=True)
        self.check_sequence([(a["number"], a["line"]) for c in chapters for a in c["articles"]], "Điều",
                            "của Quy chế")
        result = []
        for c in chapters:
            first_line = RE_CHAPTER.match(c["heading"][0].text) if c["heading"] else None
            if first_line and len(c["heading"]) < 2 and not first_line.group(2):
                self.error(c["line"], f"Chương {c['numeral']} thiếu tên chương", "no-chapter-title")
            if c["heading"] and not c["articles"]:
                self.error(c["line"], f"Chương {c['numeral']} không có điều nào", "empty-chapter")
            arts = tuple(self.build_article(a) for a in c["articles"])
            result.append(Chapter(f"chuong-{c['number']}", c["number"], c["numeral"],
                                  tuple(ln.text for ln in c["heading"]), c["line"], arts))
        return result

    def build_article(self, a: dict[str, Any]) -> Article:
        n = a["number"]
        blocks: list[Block] = []
        numbered = 0
        highest: str | None = None  # the latest letter so far
        for run in a["blocks"]:
            first = run[0].text
            texts = tuple(ln.text for ln in run)
            if m := RE_POINT.match(first):
                letter = m.group("label")
                if letter not in LETTERS:
                    self.error(run[0].no, f"điểm {letter}) không dùng trong văn bản pháp quy (không có f, j, w, z)",
                               "bad-letter")
                else:
                    self.check_letter(n, letter, highest, run[0].no)
                    if highest is None or LETTERS.index(letter) > LETTERS.index(highest):
                        highest = letter
                blocks.append(Block(f"dieu-{n}-{letter_id(letter)}", "point", texts, run[0].no, label=letter,
                                    prefix=m.group("prefix") or ""))
                continue
            numbered += 1
            if m := RE_ITEM.match(first):
                blocks.append(Block(f"dieu-{n}-{numbered}", "item", texts, run[0].no, prefix=m.group("prefix")))
            else:
                blocks.append(Block(f"dieu-{n}-{numbered}", "paragraph", texts, run[0].no))
        if not blocks:
            self.error(a["line"], f"Điều {n} không có nội dung", "empty-article")
        seen: dict[str, int] = {}
        for b in blocks:
            if b.id in seen:
                self.error(b.line, f"điểm {b.label}) của Điều {n} lặp lại (đã có ở dòng {seen[b.id]})",
                           "repeated-point")
            seen.setdefault(b.id, b.line)
        return Article(f"dieu-{n}", n, a["title"], a["heading"], a["line"], tuple(blocks))

    def number_ok(self, digits: str, line: int) -> bool:
        """An article number within reason; a larger one is reported (and its line read as text)."""
        if len(digits) <= 4 and int(digits) <= MAX_NUMBER:
            return True
        self.error(line, f"số điều {digits[:12]}{'…' if len(digits) > 12 else ''} quá lớn (tối đa {MAX_NUMBER}): "
                   "có gõ nhầm không?", "bad-number")
        return False

    def check_letter(self, article: int, letter: str, highest: str | None, line: int) -> None:
        """Points run a, b, c, d, (đ,) e, g …: a letter at or before the highest so far is out of
        order; a jump over a letter (other than the optional đ) means one is missing."""
        pos = LETTERS.index(letter)
        top = LETTERS.index(highest) if highest in LETTERS else -1
        if pos <= top:
            self.error(line, f"Điều {article}: điểm {letter}) sai thứ tự (đứng sau điểm {highest}))", "point-order")
            return
        skipped = [x for x in LETTERS[top + 1:pos] if x not in OPTIONAL_LETTERS]
        if skipped:
            where = f"sau điểm {highest})" if highest else "ở đầu điều"
            self.error(line, f"Điều {article}: thiếu điểm {', '.join(x + ')' for x in skipped)} {where}, "
                       f"trước điểm {letter})", "point-order")

    def check_sequence(self, numbers: list[tuple[int, int]], what: str, where: str, roman: bool = False) -> None:
        def name(n: int) -> str:
            return ROMAN[n - 1] if roman and 0 < n <= len(ROMAN) else str(n)

        seen: dict[int, int] = {}
        expected = 1
        for n, line in numbers:
            if n in seen:
                self.error(line, f"{what} {name(n)} {where} lặp lại (đã có ở dòng {seen[n]})".replace("  ", " "),
                           "repeated-number")
                continue
            seen[n] = line
            if n > expected:
                missing = ", ".join(name(k) for k in range(expected, n))
                self.error(line, f"thiếu {what} {missing} {where} (ngay trước {what} {name(n)})".replace("  ", " "),
                           "missing-number")
            elif n < expected:
                self.error(line, f"{what} {name(n)} {where} sai thứ tự (sau {what} {name(expected - 1)})"
                           .replace("  ", " "), "number-order")
            expected = max(expected, n + 1)

    def check_declared(self, decision: Decision, chapters: list[Chapter]) -> None:
        if decision.declared_chapters is None:
            first = decision.articles[0].line if decision.articles else 1
            self.warn(first, "quyết định không ghi \"gồm … chương … điều\"; không đối chiếu được số chương, số điều",
                      "no-declared-counts")
            return
        n_ch = len(chapters)
        n_art = sum(len(c.articles) for c in chapters)
        if (n_ch, n_art) != (decision.declared_chapters, decision.declared_articles):
            self.error(decision.declared_line or 1,
                       f"quyết định ghi \"gồm {decision.declared_chapters:02d} chương {decision.declared_articles} "
                       f"điều\" nhưng Quy chế có {n_ch} chương, {n_art} điều", "count-mismatch")


def parse_text(text: str, file: Path | str = "<text>") -> tuple[Regulation | None, list[Problem]]:
    """Parse official text (already NFC). Returns the model (None if unusable) and every problem."""
    parser = _Parser(text, file)
    reg = parser.parse()
    return reg, parser.problems


def load(path: Path) -> tuple[Regulation | None, list[Problem]]:
    """Read and parse an official text file; decoding failures are returned as problems."""
    try:
        decoded = read_text(path)
    except ContentError as exc:
        return None, exc.problems
    return parse_text(decoded.text, path)
