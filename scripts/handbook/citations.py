"""Citations are data: an ID from the regulation model becomes a label, a link and a tooltip here,
and unknown IDs become problems. Back-links (which guides cite an article) are computed here too."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .regulation import Article, Block, Chapter, DecisionArticle, Regulation
from .translation import Translation

QUY_CHE_PAGE = "quy-che/index.md"
DECISION_PAGE = "quyet-dinh/index.md"

LABELS = {
    "article": {"vi": "Điều {article}", "en": "Article {article}"},
    "point": {"vi": "Điều {article}, điểm {label}", "en": "Article {article}, point {label}"},
    "passage": {"vi": "Điều {article}, đoạn {n}", "en": "Article {article}, paragraph {n}"},
    "chapter": {"vi": "Chương {numeral}", "en": "Chapter {numeral}"},
    "decision": {"vi": "Điều {article} Quyết định", "en": "Decision, Article {article}"},
}


def is_citable(reg: Regulation, id_: str) -> bool:
    return isinstance(reg.get(id_), (Article, Block, Chapter, DecisionArticle)) and (
        id_.startswith(("dieu-", "chuong-", "qd-dieu-")))


def page_of(id_: str) -> str:
    return DECISION_PAGE if id_.startswith("qd-") else QUY_CHE_PAGE


def label(reg: Regulation, id_: str, lang: str) -> str:
    """How a person cites it: "Điều 13, điểm e" / "Article 13, point e"."""
    node = reg.get(id_)
    if isinstance(node, DecisionArticle):
        return LABELS["decision"][lang].format(article=node.number)
    if isinstance(node, Chapter):
        return LABELS["chapter"][lang].format(numeral=node.numeral)
    if isinstance(node, Article):
        return LABELS["article"][lang].format(article=node.number)
    if isinstance(node, Block):
        article = reg.article_of(id_)
        assert article is not None
        if node.kind == "point":
            return LABELS["point"][lang].format(article=article.number, label=node.label)
        if len(article.blocks) == 1:  # a one-paragraph article is cited as the article
            return LABELS["article"][lang].format(article=article.number)
        n = int(re.search(r"-(\d+)$", id_).group(1))  # type: ignore[union-attr]
        return LABELS["passage"][lang].format(article=article.number, n=n)
    raise KeyError(id_)


def title(reg: Regulation, id_: str, lang: str, tr: Translation | None) -> str:
    """The tooltip: the article's heading in the page language ("Điều 13. Trách nhiệm của CBGVNV")."""
    node = reg.get(id_)
    if isinstance(node, DecisionArticle):
        if lang == "en":  # the tooltip is in the page language; only the number stays as written
            return f"Decision {reg.decision.number}"
        return reg.decision.block("qd-loai").text.capitalize() + " " + reg.decision.number  # type: ignore[union-attr]
    if isinstance(node, Chapter):
        english = tr.get(node.id) if tr and lang == "en" else None
        return f"{label(reg, id_, lang)}. {english or node.title}"
    article = reg.article_of(id_)
    assert article is not None
    if lang == "en":
        english = tr.get(article.id) if tr else None
        return f"Article {article.number}. {english or article.title}"
    return article.heading


@dataclass(frozen=True)
class Citation:
    id: str
    label: str
    title: str
    page: str  # src path of the page holding the ID

    @property
    def anchor(self) -> str:
        return self.id


def resolve(reg: Regulation, id_: str, lang: str, tr: Translation | None = None) -> Citation:
    return Citation(id_, label(reg, id_, lang), title(reg, id_, lang, tr), page_of(id_))


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
