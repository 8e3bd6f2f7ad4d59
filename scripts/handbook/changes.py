"""What changed between two versions of the Quy chế: added, removed and changed chapters, articles,
points and paragraphs, compared by ID, with word-level differences of the Vietnamese text."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from .model import Article, Block, Chapter, Regulation


@dataclass(frozen=True)
class Change:
    id: str
    kind: str  # "added" | "removed" | "changed"
    what: str  # "chapter" | "article" | "point" | "paragraph"
    article: int | None
    old: str | None
    new: str | None


def _units(reg: Regulation) -> dict[str, Chapter | Article | Block]:
    """The Quy chế's own units (not the decision's, nor its title), in reading order."""
    return {u.id: u for u in reg.units()
            if isinstance(u, (Chapter, Article, Block)) and not u.id.startswith(("qd-", "qc-"))}


def _text(unit: Chapter | Article | Block) -> str:
    return unit.heading if isinstance(unit, Article) else unit.text


def _whole(unit: Chapter | Article | Block) -> str:
    """The text of an added or removed unit: an article with all its points."""
    if isinstance(unit, Article):
        return "\n".join([unit.heading] + [b.text for b in unit.blocks])
    return _text(unit)


def _what(unit: Chapter | Article | Block) -> str:
    if isinstance(unit, Chapter):
        return "chapter"
    if isinstance(unit, Article):
        return "article"
    return "point" if unit.kind == "point" else "paragraph"


def _article(reg: Regulation, id_: str) -> int | None:
    a = reg.article_of(id_)
    return a.number if a else None


def compare(old: Regulation, new: Regulation) -> list[Change]:
    """Every difference, in the reading order of the new text, then the removed units in the old order.

    An article that is added or removed is one change: its points come with it."""
    before, after = _units(old), _units(new)
    changes: list[Change] = []
    added_articles = {i for i, u in after.items() if isinstance(u, Article) and i not in before}
    removed_articles = {i for i, u in before.items() if isinstance(u, Article) and i not in after}

    def inside(id_: str, articles: set[str]) -> bool:
        return any(id_.startswith(a + "-") for a in articles)

    order = list(after) + [i for i in before if i not in after]
    for id_ in order:
        o, n = before.get(id_), after.get(id_)
        if n is not None and o is None:
            if not inside(id_, added_articles):
                changes.append(Change(id_, "added", _what(n), _article(new, id_), None, _whole(n)))
        elif o is not None and n is None:
            if not inside(id_, removed_articles):
                changes.append(Change(id_, "removed", _what(o), _article(old, id_), _whole(o), None))
        elif o is not None and n is not None and _text(o) != _text(n):
            changes.append(Change(id_, "changed", _what(n), _article(new, id_), _text(o), _text(n)))
    return changes


_TOKEN = re.compile(r"\s+|[^\s]+")


def _word_diff(old: str, new: str, deleted: Callable[[str], str], inserted: Callable[[str], str],
               same: Callable[[str], str]) -> str:
    """The new text word by word against the old, each run of words passed through one of three
    formatters: deleted, inserted or unchanged (whitespace counts as a word, so line breaks are kept)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            out.append(deleted("".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(inserted("".join(b[j1:j2])))
        if tag == "equal":
            out.append(same("".join(a[i1:i2])))
    return "".join(out)


def word_diff_html(old: str, new: str) -> Markup:
    """The new text with deleted words in <del> and inserted words in <ins>, line breaks kept."""
    html = _word_diff(old, new, lambda t: f"<del>{escape(t)}</del>", lambda t: f"<ins>{escape(t)}</ins>",
                      lambda t: str(escape(t)))
    return Markup(html.replace("\n", "<br>\n"))


def word_diff_text(old: str, new: str, color: bool = False) -> str:
    """The same for a terminal: [-deleted-]{+inserted+} (coloured when asked)."""
    dl, dr, il, ir = ("\033[31m[-", "-]\033[0m", "\033[32m{+", "+}\033[0m") if color else ("[-", "-]", "{+", "+}")
    return _word_diff(old, new, lambda t: dl + t + dr, lambda t: il + t + ir, lambda t: t)
