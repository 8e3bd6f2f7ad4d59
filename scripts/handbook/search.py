"""Search index post-processing: one index per language, landing on articles and points.

static-i18n merges every language into /search/search_index.json. After the build we split it:
/search/search_index.json keeps the Vietnamese pages and /en/search/search_index.json the English
ones, with locations relative to the language root (the theme override points Material's `base`
there, so each language loads only its own index and result links resolve). The regulation pages
are indexed from the model, one entry per article, point and paragraph, each titled with its
article and labelled as people cite it, so a result lands on the point itself. Each language's
entries are then written in the compact form our search worker reads (searchindex.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import escape

from . import citations, searchindex
from .citations import DECISION_PAGE, QUY_CHE_PAGE
from .project import Project, Version
from .regulation import Article, Block, DecisionArticle
from .site import url_of

INDEX = Path("search") / "search_index.json"


def _para(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.split("\n"))


def _unit_text(version: Version, unit: Any, lang: str) -> str:
    """The unit as a reader of this language sees it: verbatim Vietnamese, or English with the
    same point label (pending translations show the Vietnamese)."""
    if lang == "vi":
        return unit.text
    english = version.translation.get(unit.id) or unit.content
    if isinstance(unit, Block) and unit.kind == "point":
        prefix, label, _ = unit.parts()
        return f"{label} {english}"
    return english


def regulation_entries(version: Version, lang: str, directory_urls: bool = True) -> list[dict[str, str]]:
    """Index entries for the Quy chế and the decision, built from the model."""
    reg = version.regulation
    quy_che = url_of(QUY_CHE_PAGE, "vi", directory_urls)
    decision = url_of(DECISION_PAGE, "vi", directory_urls)
    entries: list[dict[str, str]] = []

    def heading(article: Article) -> str:
        if lang == "vi":
            return article.heading
        return f"Article {article.number}. {version.translation.get(article.id) or article.title}"

    def cited(id_: str) -> str:
        return citations.label(reg, id_, lang).replace(",", "")  # "Điều 13 điểm e", as typed

    for chapter in reg.chapters:
        title = (f"{chapter.heading_lines[0]}. {chapter.title}" if lang == "vi"
                 else f"Chapter {chapter.numeral}. {version.translation.get(chapter.id) or chapter.title}")
        label = cited(chapter.id)
        entries.append({"location": f"{quy_che}#{chapter.id}", "title": title, "text": "", "kind": "chapter",
                        "labels": [label, searchindex.chapter_number_label(label)]})
        for article in chapter.articles:
            entries.append({"location": f"{quy_che}#{article.id}", "title": heading(article), "text": "",
                            "kind": "article"})
            for block in article.blocks:
                entries.append({"location": f"{quy_che}#{block.id}", "title": heading(article),
                                "text": _para(_unit_text(version, block, lang)), "kind": "point",
                                "labels": [cited(block.id)]})
    number = reg.decision.number
    decision_title = f"Quyết định {number}" if lang == "vi" else f"Decision {number}"
    for unit in (reg.get(b.id) for b in reg.decision.blocks):
        if isinstance(unit, (Block, DecisionArticle)):
            labels = [cited(unit.id)] if isinstance(unit, DecisionArticle) else []
            entries.append({"location": f"{decision}#{unit.id}", "title": decision_title,
                            "text": _para(_unit_text(version, unit, lang)), "kind": "point", "labels": labels})
    return entries


def split_by_language(index: dict[str, Any], lang: str, languages: list[str], default: str) -> dict[str, Any]:
    """The entries of one language, with locations relative to that language's root."""
    prefixes = tuple(f"{other}/" for other in languages if other != default)
    if lang == default:
        docs = [d for d in index["docs"] if not d["location"].startswith(prefixes)]
    else:
        prefix = f"{lang}/"
        docs = [{**d, "location": d["location"][len(prefix):]} for d in index["docs"]
                if d["location"].startswith(prefix)]
    return {**index, "config": {**index["config"], "lang": [lang]}, "docs": docs}


def with_regulation(index: dict[str, Any], version: Version, lang: str, directory_urls: bool = True) -> dict[str, Any]:
    """Replace the theme's section entries of the regulation pages by the model's own."""
    pages = (url_of(QUY_CHE_PAGE, "vi", directory_urls), url_of(DECISION_PAGE, "vi", directory_urls))
    kept = [d for d in index["docs"]
            if not (d["location"].startswith(tuple(p + "#" for p in pages)))]
    return {**index, "docs": kept + regulation_entries(version, lang, directory_urls)}


def write_indexes(site_dir: Path, project: Project, languages: list[str], default: str,
                  directory_urls: bool = True, offline: bool = False) -> dict[str, Path]:
    merged = json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
    written: dict[str, Path] = {}
    for lang in languages:
        index = split_by_language(merged, lang, languages, default)
        if project.current:
            index = with_regulation(index, project.current, lang, directory_urls)
        index = searchindex.compact(index, project, lang, directory_urls)
        path = site_dir / ("" if lang == default else lang) / INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        _write(path, data)
        if offline:  # pages opened from disk load the index as a script (Material's offline plugin format)
            _write(path.with_suffix(".js"), f"var __index = {data}")
        written[lang] = path
    return written


def _write(path: Path, text: str) -> None:
    """Write whole or not at all: a reader never gets half an index."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
