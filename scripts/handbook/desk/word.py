"""Reading a decision typed in Word (.docx) into the text the parser reads, as Word displays it.

- Paragraphs in document order, a blank line between two paragraphs; a manual line break (Shift+Enter,
  w:br / w:cr) is a line break inside the paragraph. Smart quotes, dashes and every other character are
  kept as typed.
- Tables are read row by row, cell by cell: a decision's heading is usually a two-column table (the
  agency's name and "Số: …" on the left; the national motto, place and date on the right), and so is its
  signature block. A cell merged down from the row above is read once.
- Word's automatic numbering is rendered as Word shows it, from numbering.xml: the paragraph's numPr
  (numId, ilvl; or its style's), the level's numFmt, lvlText and start, counters per list (per abstract
  list unless the list restarts with a startOverride), deeper levels restarting after a shallower one.
  `lowerLetter` is Word's English alphabet (a, b, c, d, e, f …): the letters are never changed here, so a
  sixth point comes out as "f)" and the parser refuses it at its line. Bullets become "-". A format that
  cannot be rendered is a problem naming the paragraph, never dropped.
- Deleted revisions, field codes and text moved away are not text; text boxes are not read (a warning
  names the paragraph, since a heading typed in a text box would otherwise vanish unnoticed).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from ..problems import ContentError, Problem
from ..textfile import decode

MAX_UNZIPPED = 64 * 1024 * 1024  # a decision is a few hundred kilobytes; more is a zip bomb or a wrong file
W = {name: qn(f"w:{name}") for name in (
    "p", "r", "t", "tab", "br", "cr", "noBreakHyphen", "softHyphen", "tbl", "tr", "tc", "sdt", "sdtContent",
    "del", "moveFrom", "instrText", "delText", "drawing", "pict", "txbxContent", "pPr", "numPr", "ilvl", "numId",
    "pStyle", "val", "vMerge", "tcPr", "num", "abstractNumId", "abstractNum", "lvl", "start", "numFmt",
    "lvlText", "lvlRestart", "isLgl", "suff", "lvlOverride", "startOverride", "style", "styleId", "basedOn",
    "numStyleLink", "customXml", "smartTag", "hyperlink", "ins", "fldSimple", "moveTo", "type")}
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
SKIPPED = {W["del"], W["moveFrom"], W["instrText"], W["delText"], MC_FALLBACK}
BOXES = {W["drawing"], W["pict"]}
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


@dataclass
class WordText:
    text: str  # NFC, '\n' line ends, as the parser reads it
    problems: list[Problem] = field(default_factory=list)
    numbered: dict[int, str] = field(default_factory=dict)  # line -> the label Word's automatic numbering gave it


def is_docx(data: bytes) -> bool:
    """A Word document by its content: a ZIP package holding word/document.xml."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def read_docx(data: bytes, name: str) -> WordText:
    """The text of a .docx as the parser reads it; a package that cannot be read raises ContentError."""
    def refuse(message: str) -> ContentError:
        return ContentError([Problem(name, 0, message, "docx")])

    if not is_docx(data):
        raise refuse("không phải tệp Word .docx (tệp .doc cũ: mở bằng Word rồi Lưu Như › Tài liệu Word .docx)")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if sum(info.file_size for info in z.infolist()) > MAX_UNZIPPED:
            raise refuse("tệp Word giải nén ra quá lớn: có chọn nhầm tệp không?")
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged package; each means "unreadable"
        raise refuse(f"không đọc được tệp Word: {exc}") from None
    reader = _Reader(name, _Numbering(document))
    reader.body(document.element.body)
    text = "\n".join(reader.lines).strip("\n") + "\n"
    try:
        decoded = decode(text.encode("utf-8"), name)
    except ContentError as exc:
        raise ContentError(exc.problems) from None
    return WordText(decoded.text, reader.problems, reader.numbered)


class _Reader:
    def __init__(self, name: str, numbering: _Numbering):
        self.name = name
        self.numbering = numbering
        self.lines: list[str] = []
        self.problems: list[Problem] = []
        self.numbered: dict[int, str] = {}
        self.count = 0  # paragraphs with text, as a person counts them

    def body(self, element: Any) -> None:
        for child in element:
            if child.tag == W["p"]:
                self.paragraph(child)
            elif child.tag == W["tbl"]:
                self.table(child)
            elif child.tag in (W["sdt"], W["customXml"], W["sdtContent"]):
                inner = child.find(W["sdtContent"]) if child.tag == W["sdt"] else child
                if inner is not None:
                    self.body(inner)

    def table(self, tbl: Any) -> None:
        for tr in tbl.iter(W["tr"]):
            if tr.getparent() is not tbl and tr.getparent().tag != W["sdtContent"]:
                continue  # a nested table's rows are read with their own table
            for tc in tr.iter(W["tc"]):
                if tc.getparent() is not tr:
                    continue
                merge = tc.find(f"{W['tcPr']}/{W['vMerge']}")
                if merge is not None and merge.get(W["val"]) != "restart":
                    continue  # the lower part of a vertically merged cell: read with the cell above
                self.body(tc)

    def paragraph(self, p: Any) -> None:
        parts: list[str] = []
        boxes = _collect(p, parts)
        text = "".join(parts)
        label, problem = self.numbering.label(p)
        if not text.strip() and label is None:
            return
        self.count += 1
        line = len(self.lines) + (2 if self.lines else 1)
        preview = " ".join(text.split())[:50]
        if problem:
            self.problems.append(Problem(self.name, line, f"đoạn {self.count} (\"{preview}\"): {problem}", "docx"))
        if boxes:
            self.problems.append(Problem(self.name, line, f"đoạn {self.count} (\"{preview}\") có khung chữ (text "
                                         "box): chữ trong khung không được đọc; nếu đó là một phần văn bản, hãy "
                                         "đưa ra ngoài khung", "docx-text-box", "warning"))
        if label:
            self.numbered[line] = label
            text = label + text
        if self.lines:
            self.lines.append("")
        self.lines += [ln.rstrip() for ln in text.split("\n")]


def _collect(element: Any, out: list[str]) -> bool:
    """The displayed text under a paragraph; True when it holds a text box (not read)."""
    boxes = False
    for child in element:
        tag = child.tag
        if tag in SKIPPED:
            continue
        if tag in BOXES:
            boxes = boxes or any(True for _ in child.iter(W["txbxContent"]))
            continue
        if tag == W["t"]:
            out.append(child.text or "")
        elif tag == W["tab"] and child.getparent().tag == W["r"]:
            out.append("\t")
        elif tag in (W["br"], W["cr"]):
            out.append("\n")
        elif tag == W["noBreakHyphen"]:
            out.append("-")
        elif tag == W["softHyphen"]:
            pass
        elif tag != W["pPr"]:
            boxes = _collect(child, out) or boxes
    return boxes


@dataclass
class _Level:
    start: int
    fmt: str
    text: str
    restart: int | None
    legal: bool
    suffix: str


class _Numbering:
    """numbering.xml as Word applies it: a paragraph's list, its level's format and its counters."""

    def __init__(self, document: Any):
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        self.nums: dict[str, Any] = {}
        self.abstract: dict[str, Any] = {}
        if root is not None:
            self.nums = {n.get(W["numId"]): n for n in root.iter(W["num"])}
            self.abstract = {a.get(W["abstractNumId"]): a for a in root.iter(W["abstractNum"])}
        styles = document.part.styles.element if document.part.styles is not None else None
        self.styles = {s.get(W["styleId"]): s for s in styles.iter(W["style"])} if styles is not None else {}
        self.counters: dict[tuple[str, str], list[int | None]] = {}

    def _style_numpr(self, style_id: str | None) -> Any:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                return None
            numpr = style.find(f"{W['pPr']}/{W['numPr']}")
            if numpr is not None:
                return numpr
            based = style.find(W["basedOn"])
            style_id = based.get(W["val"]) if based is not None else None
        return None

    def label(self, p: Any) -> tuple[str | None, str | None]:
        """(the number text and its separator, or None; a problem when it cannot be rendered)."""
        ppr = p.find(W["pPr"])
        numpr = ppr.find(W["numPr"]) if ppr is not None else None
        style = ppr.find(W["pStyle"]) if ppr is not None else None
        from_style = self._style_numpr(style.get(W["val"]) if style is not None else None)
        num_id = _val(numpr, "numId") if numpr is not None else None
        if num_id is None and from_style is not None:
            num_id = _val(from_style, "numId")
        if num_id is None or num_id == "0":
            return None, None
        ilvl = _val(numpr, "ilvl") if numpr is not None else None
        if ilvl is None and from_style is not None:
            ilvl = _val(from_style, "ilvl")
        level = int(ilvl or 0)
        num = self.nums.get(num_id)
        abstract = self._abstract(num)
        if num is None or abstract is None:
            return None, f"đánh số tự động của Word trỏ tới danh sách {num_id} không có trong tệp"
        levels = {int(lv.get(W["ilvl"])): lv for lv in abstract.iter(W["lvl"])}
        starts: dict[int, int] = {}
        for override in num.iter(W["lvlOverride"]):
            at = int(override.get(W["ilvl"]))
            if (s := override.find(W["startOverride"])) is not None:
                starts[at] = int(s.get(W["val"]))
            if (lv := override.find(W["lvl"])) is not None:
                levels[at] = lv
        defs = {at: _level(lv, starts.get(at)) for at, lv in levels.items()}
        if level not in defs:
            return None, f"đánh số tự động của Word không có cấp {level + 1}"
        key = ("num", num_id) if starts else ("abs", abstract.get(W["abstractNumId"]))
        counters = self.counters.setdefault(key, [None] * 9)
        current = counters[level]
        counters[level] = defs[level].start if current is None else current + 1
        for deeper in range(level + 1, 9):
            restart = defs[deeper].restart if deeper in defs else None
            if restart is None or (restart != 0 and level <= restart - 1):
                counters[deeper] = None
        this = defs[level]
        if this.fmt == "bullet":
            return "-" + (this.suffix or " "), None
        out = this.text
        for ref in sorted({int(m) for m in re.findall(r"%([1-9])", out)}):
            d = defs.get(ref - 1)
            if d is None:
                return None, f"đánh số tự động của Word dùng cấp {ref} không được định nghĩa"
            count = counters[ref - 1]
            value = count if count is not None else d.start
            fmt = "decimal" if this.legal else d.fmt
            rendered = _format(value, fmt)
            if rendered is None:
                return None, (f"kiểu đánh số tự động \"{fmt}\" của Word chưa đọc được: hãy gõ số thứ tự của đoạn "
                              "bằng tay (hoặc chọn kiểu a, b, c / 1, 2, 3)")
            out = out.replace(f"%{ref}", rendered)
        if not out:
            return None, None
        return out + this.suffix, None

    def _abstract(self, num: Any) -> Any:
        if num is None:
            return None
        ref = num.find(W["abstractNumId"])
        abstract = self.abstract.get(ref.get(W["val"]) or "") if ref is not None else None
        link = abstract.find(W["numStyleLink"]) if abstract is not None else None
        if link is not None:  # a list style: the list is defined by the numbering its style points to
            numpr = self._style_numpr(link.get(W["val"]))
            target = self.nums.get(_val(numpr, "numId") or "") if numpr is not None else None
            ref = target.find(W["abstractNumId"]) if target is not None else None
            abstract = self.abstract.get(ref.get(W["val"])) if ref is not None else None
        return abstract


def _val(parent: Any, name: str) -> str | None:
    el = parent.find(W[name])
    return el.get(W["val"]) if el is not None else None


def _level(lv: Any, start_override: int | None) -> _Level:
    start = _val(lv, "start")
    restart = _val(lv, "lvlRestart")
    legal = lv.find(W["isLgl"])
    suffix = {"tab": " ", "space": " ", "nothing": ""}.get(_val(lv, "suff") or "tab", " ")
    return _Level(start_override if start_override is not None else int(start or 0), _val(lv, "numFmt") or "decimal",
                  _val(lv, "lvlText") or "", int(restart) if restart is not None else None,
                  legal is not None and legal.get(W["val"]) not in ("0", "false"), suffix)


def _format(n: int, fmt: str) -> str | None:
    """A counter as Word writes it in one format; None for a format not rendered here."""
    if fmt == "decimal":
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word: … y, z, aa, bb …
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and 0 < n < 4000:
        out = ""
        for value, numeral in ROMAN:
            while n >= value:
                out += numeral
                n -= value
        return out if fmt == "lowerRoman" else out.upper()
    if fmt == "none":
        return ""
    return None
