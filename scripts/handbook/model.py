"""The regulation as data: the decision (Quyết định) and the Quy chế it issues.

The model keeps every line of the official text verbatim and only adds structure (chapters, articles,
points, items) and stable IDs; `parser.py` builds it from the text. Nothing here knows about MkDocs,
pages or languages, so the CLI, the plugin, the desk and the tests share it.

IDs (they are also the anchors on the pages, identical in both languages):
    dieu-13          an article of the Quy chế
    dieu-13-e        a lettered point; point đ is dieu-13-dd so it never collides with d
    dieu-10-2        an unlettered paragraph or item, numbered in order within its article
    chuong-3         a chapter
    qd-dieu-1        the decision's own articles; other decision parts are qd-…
    qc-ten, qc-ban-hanh   the Quy chế's title and "issued with" line
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

# Vietnamese legal lettering: no f, j, w, z; đ follows d and may be skipped.
LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s",
           "t", "u", "v", "x", "y")
RE_ARTICLE = re.compile(r"^Điều\s+(\d+)\s*\.\s*(.*)$")
RE_CHAPTER = re.compile(r"^CHƯƠNG\s+([IVXLC]+)\s*\.?\s*(.*)$", re.IGNORECASE)
RE_POINT = re.compile(r"^(?P<prefix>-\s+)?(?P<label>[a-zđ])\)\s*(?P<body>.*)$")

BlockKind = Literal["paragraph", "point", "item"]


def letter_id(letter: str) -> str:
    return "dd" if letter == "đ" else letter


def fingerprint(text: str) -> str:
    """Short, stable fingerprint of a piece of official text (used for review flags)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Block:
    """A piece of official text with its own ID: a paragraph, a lettered point or a bullet item."""

    id: str
    kind: BlockKind
    lines: tuple[str, ...]  # verbatim, one per source line
    line: int  # 1-based line of the first source line
    label: str | None = None  # point letter, e.g. "e" or "đ"
    prefix: str = ""  # "- " when the source writes the block as a dash item

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def content(self) -> str:
        """The text without its dash and point label: what a translation renders."""
        prefix, label, rest = self.parts()
        return "\n".join([rest.lstrip(), *self.lines[1:]]) if (prefix or label) else self.text

    @property
    def number(self) -> int | None:
        """The position of an unlettered paragraph or item in its article (dieu-10-2 → 2)."""
        m = re.search(r"-(\d+)$", self.id) if self.kind != "point" else None
        return int(m.group(1)) if m else None

    def parts(self) -> tuple[str, str, str]:
        """(prefix, label, rest of first line) so a page can link the label without retyping it."""
        first = self.lines[0]
        if self.kind == "point":
            m = RE_POINT.match(first)
            if m:
                label = f"{m.group('label')})"
                prefix = first[: first.index(label)]
                return prefix, label, first[len(prefix) + len(label):]
        if self.prefix:
            return first[: len(self.prefix)], "", first[len(self.prefix):]
        return "", "", first


@dataclass(frozen=True)
class Article:
    id: str
    number: int
    title: str
    heading: str  # verbatim heading line: "Điều 13. Trách nhiệm của CBGVNV"
    line: int
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        return "\n".join([self.heading, *(b.text for b in self.blocks)])

    @property
    def content(self) -> str:
        return self.title


@dataclass(frozen=True)
class Chapter:
    id: str
    number: int
    numeral: str
    heading_lines: tuple[str, ...]  # verbatim: "CHƯƠNG I", "NHỮNG QUI ĐỊNH CHUNG"
    line: int
    articles: tuple[Article, ...]

    @property
    def title(self) -> str:
        if len(self.heading_lines) > 1:
            return " ".join(self.heading_lines[1:])
        m = RE_CHAPTER.match(self.heading_lines[0]) if self.heading_lines else None
        return m.group(2) if m else ""

    @property
    def label(self) -> str:
        """The chapter's own heading word and numeral, as written: "CHƯƠNG I"."""
        m = RE_CHAPTER.match(self.heading_lines[0]) if self.heading_lines else None
        return self.heading_lines[0][: m.start(2)].rstrip(" .") if m and m.group(2) else self.heading_lines[0]

    @property
    def text(self) -> str:
        return "\n".join(self.heading_lines)

    @property
    def content(self) -> str:
        return "\n".join(self.heading_lines[1:]) or self.title


@dataclass(frozen=True)
class DecisionArticle:
    id: str
    number: int
    line_text: str  # verbatim line: "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."
    line: int

    @property
    def text(self) -> str:
        return self.line_text

    @property
    def content(self) -> str:
        return self.parts()[1].strip()

    def parts(self) -> tuple[str, str]:
        """("Điều 2.", " Quyết định này …") exactly as written, so the label can be a link."""
        m = RE_ARTICLE.match(self.line_text)
        if not m:
            return "", self.line_text
        label = self.line_text[: m.start(2)].rstrip()
        return label, self.line_text[len(label):]


Unit = Block | Article | Chapter | DecisionArticle


@dataclass(frozen=True)
class Decision:
    number: str  # "24/QĐ-THTA"
    place: str
    date: datetime.date
    blocks: tuple[Block, ...]  # every line of the decision, in order, with qd-… IDs
    articles: tuple[DecisionArticle, ...]
    declared_chapters: int | None
    declared_articles: int | None
    declared_line: int | None
    signer: str
    effective: datetime.date | None  # from "có hiệu lực kể từ ngày ký" (= date) or an explicit date

    def block(self, id_: str) -> Block | None:
        return next((b for b in self.blocks if b.id == id_), None)

    @property
    def bases(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.id.startswith("qd-can-cu-"))

    @property
    def recipients(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if re.fullmatch(r"qd-noi-nhan-\d+", b.id))


@dataclass(frozen=True)
class Regulation:
    source: Path | str  # the text file it was read from
    decision: Decision
    title: Block  # qc-ten
    issued_with: Block  # qc-ban-hanh
    chapters: tuple[Chapter, ...]
    school_year: str | None
    nodes: dict[str, Unit] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        nodes: dict[str, Unit] = {}
        for b in self.decision.blocks:
            nodes[b.id] = b
        for a in self.decision.articles:  # the article, not its one-line block, answers for qd-dieu-N
            nodes[a.id] = a
        nodes[self.title.id] = self.title
        nodes[self.issued_with.id] = self.issued_with
        for c in self.chapters:
            nodes[c.id] = c
            for art in c.articles:
                nodes[art.id] = art
                for b in art.blocks:
                    nodes[b.id] = b
        object.__setattr__(self, "nodes", nodes)

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(a for c in self.chapters for a in c.articles)

    def article(self, number: int) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)

    def get(self, id_: str) -> Unit | None:
        return self.nodes.get(id_)

    def article_of(self, id_: str) -> Article | None:
        """The Quy chế article an ID belongs to (the article itself, or the one holding a point)."""
        m = re.match(r"^dieu-(\d+)(?:-|$)", id_)
        return self.article(int(m.group(1))) if m else None

    def chapter_of(self, id_: str) -> Chapter | None:
        """The chapter an ID belongs to (the chapter itself, or the one holding an article or point)."""
        node = self.get(id_)
        if isinstance(node, Chapter):
            return node
        article = self.article_of(id_)
        return next((c for c in self.chapters if article in c.articles), None) if article else None

    def units(self) -> Iterator[Unit]:
        """Every unit of text with an ID, in reading order (one translation each)."""
        for b in self.decision.blocks:
            yield self.nodes[b.id]
        yield self.title
        yield self.issued_with
        for c in self.chapters:
            yield c
            for a in c.articles:
                yield a
                yield from a.blocks

    def fingerprint_of(self, id_: str) -> str | None:
        node = self.nodes.get(id_)
        return fingerprint(node.text) if node is not None else None
