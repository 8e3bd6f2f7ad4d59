"""Word documents made with python-docx, the way an office types a decision: the heading and the
signature as two-column tables, a paragraph per block with manual line breaks (Shift+Enter) inside, and,
where asked, the points of some articles numbered by Word's automatic numbering instead of typed."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from handbook.parser import strip_bold

LETTERS_LIST = 90  # abstractNum ids chosen clear of the default template's
BULLET_LIST = 91
RE_TYPED_POINT = re.compile(r"^([a-z])\) ")
HEAD_LEFT = ["UBND QUẬN LONG BIÊN", "TRƯỜNG TIỂU HỌC THANH AM"]
HEAD_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def _el(tag: str, **attrs: str) -> OxmlElement:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _abstract(numbering, ident: int, fmt: str, text: str) -> None:
    abstract = _el("w:abstractNum", abstractNumId=str(ident))
    lvl = _el("w:lvl", ilvl="0")
    for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text), ("w:suff", "space")):
        lvl.append(_el(tag, val=value))
    abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))  # abstractNums come before nums in numbering.xml
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)


def _num(numbering, ident: int, abstract: int, restart: bool) -> None:
    num = _el("w:num", numId=str(ident))
    num.append(_el("w:abstractNumId", val=str(abstract)))
    if restart:  # what Word writes for "Restart at a"
        override = _el("w:lvlOverride", ilvl="0")
        override.append(_el("w:startOverride", val="1"))
        num.append(override)
    numbering.append(num)


def _number(paragraph, num_id: int) -> None:
    numpr = _el("w:numPr")
    numpr.append(_el("w:ilvl", val="0"))
    numpr.append(_el("w:numId", val=str(num_id)))
    paragraph._p.get_or_add_pPr().append(numpr)


def _write(paragraph, lines: list[str]) -> None:
    run = paragraph.add_run()
    for i, line in enumerate(lines):
        if i:
            run.add_break()  # a manual line break: w:br
        run.add_text(strip_bold(line))


def _cell(cell, paragraphs: list[list[str]]) -> None:
    for i, lines in enumerate(paragraphs):
        _write(cell.paragraphs[0] if i == 0 else cell.add_paragraph(), lines)


def make_docx(text: str, auto_articles: Iterable[int] = (), head: bool = True) -> bytes:
    """A .docx of an official text. With `head`, the decision's heading (agency, Số, motto, date) and its
    signature block are two-column tables. The plain-letter points of `auto_articles` lose their typed
    "a) " and get Word's automatic lowerLetter numbering instead, one list per article (restarted at a)."""
    doc = Document()
    numbering = doc.part.numbering_part.element
    _abstract(numbering, LETTERS_LIST, "lowerLetter", "%1)")
    auto = set(auto_articles)
    runs = [r.split("\n") for r in re.split(r"\n\s*\n", text.strip())]
    article = None
    next_num = 100
    lists: dict[int, int] = {}
    i = 0
    while i < len(runs):
        lines = runs[i]
        first = lines[0].strip("*")
        if head and first.startswith("Số:"):
            date = runs[i + 1]
            table = doc.add_table(rows=1, cols=2)
            _cell(table.cell(0, 0), [HEAD_LEFT, lines])
            _cell(table.cell(0, 1), [HEAD_RIGHT[:1], HEAD_RIGHT[1:], date])
            i += 2
            continue
        if head and first.startswith("Nơi nhận"):
            signature = i + 1
            while signature < len(runs) and runs[signature][0].startswith("- "):
                signature += 1
            table = doc.add_table(rows=1, cols=2)
            _cell(table.cell(0, 0), [lines] + [[ln] for r in runs[i + 1:signature] for ln in r])
            _cell(table.cell(0, 1), [r for r in runs[signature:signature + 1]])
            i = signature + 1
            continue
        if m := re.match(r"^Điều (\d+)\. ", first):
            article = int(m.group(1)) if "QUY CHẾ" in " ".join(p.text for p in doc.paragraphs) else None
        paragraph = doc.add_paragraph()
        if article in auto and RE_TYPED_POINT.match(lines[0]):
            if article not in lists:
                lists[article] = next_num
                _num(numbering, next_num, LETTERS_LIST, restart=True)
                next_num += 1
            _number(paragraph, lists[article])
            lines = [RE_TYPED_POINT.sub("", lines[0]), *lines[1:]]
        _write(paragraph, lines)
        i += 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def heading_text(text: str) -> str:
    """The text a .docx made by make_docx reads back as: the heading's agency and motto lines added."""
    return text.replace("Số: ", "\n".join(HEAD_LEFT) + "\n\nSố: ", 1)
