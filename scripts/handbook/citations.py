"""Citations are data: an ID from the regulation model becomes a label ("Điều 13, điểm e") and a tooltip
(the article's heading) here, in the page's language; unknown IDs become problems. Which page holds an
ID is the catalogue's business (routes.py)."""

from __future__ import annotations

from .i18n import article_heading, chapter_heading, t
from .model import Article, Block, Chapter, DecisionArticle, Regulation
from .translation import Translation


def is_citable(reg: Regulation, id_: str) -> bool:
    return isinstance(reg.get(id_), (Article, Block, Chapter, DecisionArticle)) and (
        id_.startswith(("dieu-", "chuong-", "qd-dieu-")))


def label(reg: Regulation, id_: str, lang: str) -> str:
    """How a person cites it: "Điều 13, điểm e" / "Article 13, point e"."""
    node = reg.get(id_)
    if isinstance(node, DecisionArticle):
        return t("cite.decision", lang, article=node.number)
    if isinstance(node, Chapter):
        return t("cite.chapter", lang, numeral=node.numeral)
    if isinstance(node, Article):
        return t("cite.article", lang, article=node.number)
    article = reg.article_of(id_)
    if isinstance(node, Block) and article is not None:
        if node.kind == "point":
            return t("cite.point", lang, article=article.number, label=node.label)
        if len(article.blocks) == 1:  # a one-paragraph article is cited as the article
            return t("cite.article", lang, article=article.number)
        return t("cite.passage", lang, article=article.number, n=node.number)
    raise KeyError(id_)


def title(reg: Regulation, id_: str, lang: str, tr: Translation | None) -> str:
    """The tooltip: the article's heading in the page language ("Điều 13. Trách nhiệm của CBGVNV")."""
    node = reg.get(id_)
    if isinstance(node, DecisionArticle):
        return t("cite.decision_title", lang, number=reg.decision.number)
    if isinstance(node, Chapter):
        return chapter_heading(node, lang, tr)
    article = reg.article_of(id_)
    if article is None:
        raise KeyError(id_)
    return article_heading(article, lang, tr)


def article_numbers(reg: Regulation, ids: list[str]) -> list[int]:
    """The Quy chế articles a list of citations touches, in order."""
    found: list[int] = []
    for id_ in ids:
        art = reg.article_of(id_)
        if art and art.number not in found:
            found.append(art.number)
        node = reg.get(id_)
        if isinstance(node, Chapter):
            found += [a.number for a in node.articles if a.number not in found]
    return sorted(found)
