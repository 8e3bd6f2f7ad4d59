"""Search index post-processing: one index per language, landing on articles and points.

The theme's search plugin writes /search/search_index.json once per language pass; the plugin keeps
each pass's index (static-i18n merges them only for Material's plugin names, not materialx's). After
the build we write /search/search_index.json with the Vietnamese pages and /en/search/search_index.json
with the English ones, with locations relative to the language root (the theme override points the
theme's `base` and index URL there, so each language loads only its own index and result links
resolve). The regulation pages are indexed from the model, one entry per article, point and
paragraph, each titled with its article and labelled as people cite it, so a result lands on the point
itself. Each language's entries are then written in the compact form our search worker reads
(searchindex.py; docs/assets/javascripts/search/worker.js answers Material's search UI)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import escape

from . import citations, fsutil, searchindex
from .i18n import article_heading, chapter_heading, t, unit_text
from .model import Block, DecisionArticle, Unit
from .project import Project, Version
from .routes import Catalogue

INDEX = Path("search") / "search_index.json"
# Lunr's token separator (whitespace, punctuation, camelCase and entity boundaries), set here rather than
# in mkdocs.yml because Material's search plugin takes it as `separator` and materialx's as `lunr.separator`.
SEPARATOR = r'[\s\-,:!=\[\]()"/]+|(?!\b)(?=[A-Z][a-z])|\.(?!\d)|&[lg]t;'


def _para(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.split("\n"))


def _unit_text(version: Version, unit: Unit, lang: str, official: str) -> str:
    """The unit as a reader of this language sees it (i18n.unit_text), with a point's label in front."""
    text = unit_text(unit, lang, version.translation, official).text
    if lang != official and isinstance(unit, Block) and unit.kind == "point":
        return f"{unit.parts()[1]} {text}"
    return unit.text if lang == official else text


def regulation_entries(version: Version, lang: str, catalogue: Catalogue) -> list[dict[str, Any]]:
    """Index entries for the Quy chế and the decision, built from the model. Titles and texts are HTML
    (Material's search UI writes them into the page as such), so every value is escaped here."""
    reg, official = version.regulation, catalogue.languages.default
    tr = version.translation
    quy_che = catalogue.url("quy-che", official)
    decision = catalogue.url("decision", official)
    entries: list[dict[str, Any]] = []

    def cited(id_: str) -> str:
        return citations.label(reg, id_, lang).replace(",", "")  # "Điều 13 điểm e", as typed

    for chapter in reg.chapters:
        title = str(escape(chapter_heading(chapter, lang, tr, official)))
        label = cited(chapter.id)
        entries.append({"location": f"{quy_che}#{chapter.id}", "title": title, "text": "", "kind": "chapter",
                        "labels": [label, searchindex.chapter_number_label(label)]})
        for article in chapter.articles:
            heading = str(escape(article_heading(article, lang, tr, official)))
            entries.append({"location": f"{quy_che}#{article.id}", "title": heading, "text": "",
                            "kind": "article"})
            for block in article.blocks:
                entries.append({"location": f"{quy_che}#{block.id}", "title": heading,
                                "text": _para(_unit_text(version, block, lang, official)), "kind": "point",
                                "labels": [cited(block.id)]})
    decision_title = str(escape(t("search.decision", lang, number=reg.decision.number)))
    for unit in (reg.get(b.id) for b in reg.decision.blocks):
        if isinstance(unit, (Block, DecisionArticle)):
            labels = [cited(unit.id)] if isinstance(unit, DecisionArticle) else []
            entries.append({"location": f"{decision}#{unit.id}", "title": decision_title,
                            "text": _para(_unit_text(version, unit, lang, official)), "kind": "point",
                            "labels": labels})
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


def with_regulation(index: dict[str, Any], version: Version, lang: str, catalogue: Catalogue) -> dict[str, Any]:
    """Replace the theme's section entries of the regulation pages by the model's own."""
    official = catalogue.languages.default
    pages = tuple(catalogue.url(key, official) + "#" for key in ("quy-che", "decision"))
    kept = [d for d in index["docs"] if not d["location"].startswith(pages)]
    return {**index, "docs": kept + regulation_entries(version, lang, catalogue)}


def merge(passes: list[dict[str, Any]]) -> dict[str, Any]:
    """The indexes the theme wrote in each language pass, as one index (the first pass's config)."""
    return {**passes[0], "docs": [doc for index in passes for doc in index["docs"]]}


def write_indexes(site_dir: Path, project: Project, catalogue: Catalogue, merged: dict[str, Any],
                  offline: bool = False) -> dict[str, Path]:
    """One index per language from the theme's entries of every language (`merged`)."""
    languages = catalogue.languages
    written: dict[str, Path] = {}
    for lang in languages.codes:
        index = split_by_language(merged, lang, list(languages.codes), languages.default)
        if project.current:
            index = with_regulation(index, project.current, lang, catalogue)
        index = searchindex.compact(index, project, lang, catalogue, SEPARATOR)
        path = site_dir / languages.root(lang) / INDEX
        # Material's search UI loads this as JSON and the offline copy as a script: "</" never appears raw.
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        fsutil.write_text(path, data)
        if offline:  # pages opened from disk load the index as a script (Material's offline plugin format)
            fsutil.write_text(path.with_suffix(".js"), f"var __index = {data}")
        written[lang] = path
    return written
