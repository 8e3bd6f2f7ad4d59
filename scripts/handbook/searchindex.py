"""The compact search index our search worker reads (docs/assets/javascripts/search/worker.js).

Input: one language's entries in Material's format (location, title, HTML text), already split by
language and with the regulation's own entries (search.py). Output: the same entries as plain
text, each with a `kind` that says what its title is (a guide's task, a glossary term, an article
heading, a step…) and, for the units of the regulation, the `labels` people cite them by
("Điều 13, điểm e"). The worker builds its syllable index from this at load time: the text is
needed anyway to show results, and an inverted index shipped beside it would double the download.

The ranking policy lives here, in KINDS, so it can be read and tuned in one place; the worker only
applies it. Material's bundle hands the worker `config` and `docs` and nothing else, so everything
the worker needs travels in `config.hb`."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

from .i18n import t
from .project import Project
from .routes import Catalogue, url_of
from .site import navigation

# kind: (weight of a match in the entry's title parts and labels, weight of a match in its text).
# A guide's title names a task, and a page of the menu (Quy chế, Thuật ngữ…) is what its menu label
# says, so they weigh most; a glossary term or an article heading next; a step or a page section
# after. A point of the regulation is titled with its article's heading, which says little about the
# point itself: that heading counts as context (CONTEXT) and the point's own label ("Điều 13 điểm
# e") as its title. Listing pages (home, the guide and quiz lists) repeat every guide's title and
# summary, so their text weighs least. Tuned on tests/search_queries.py.
KINDS: dict[str, tuple[float, float]] = {
    "guide": (1.5, 0.3),
    "nav": (1.5, 0.3),
    "list": (1.5, 0.15),
    "term": (1.2, 0.3),
    "article": (1.2, 0.35),
    "chapter": (1.0, 0.3),
    "point": (1.0, 0.36),
    "section": (1.0, 0.3),
    "page": (1.0, 0.3),
}
CONTEXT = 0.35
# Words that may be left out of a query without losing results ("mat khau la gi", "how to recall a
# document"): they still count where they match, but a result need not contain them.
OPTIONAL = {
    "vi": "các những của và là gì cho thì mà có không được bị ở với cách làm sao thế nào như ạ nhé",
    "en": "a an and are as at be by can do does for from how i if in is it its me my of on or "
          "s the their this to what when where which who why with you your",
}
STEP_SEPARATOR = " · "  # "Bước 1 · Giữ bí mật mật khẩu": Material shows the title as one line


class _Text(HTMLParser):
    """Material's search text is HTML (<p>, <li>, <code>): keep the words, one line per block."""

    BLOCKS = {"p", "li", "pre", "ul", "ol", "div", "br", "h1", "h2", "h3", "h4", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _page(location: str) -> str:
    return location.split("#", 1)[0]


def compact(index: dict[str, Any], project: Project, lang: str, catalogue: Catalogue,
            separator: str = "") -> dict[str, Any]:
    """One language's index for our worker: plain text, kinds, labels, step titles with their number."""
    def url(src: str) -> str:
        return url_of(src, "", catalogue.directory_urls)  # locations are relative to the language root

    def at(key: str) -> str:
        return url(catalogue[key].src)

    guide_pages = {at(f"guide:{g.id}"): g for g in project.guides}
    steps = {f"{at('guide:' + g.id)}#{step.id}": t("guide.step", lang, n=n) + STEP_SEPARATOR + step.title[lang]
             for g in project.guides if g.layout != "card" for n, step in enumerate(g.steps, 1)}
    menu = menu_labels(navigation(project, lang, catalogue.directory_urls), url)
    glossary = at("glossary")
    lists = {at("home"), at("guides"), at("training"), at("versions")}

    docs: list[dict[str, Any]] = []
    by_location: dict[str, dict[str, Any]] = {}
    for entry in index["docs"]:
        location = entry["location"]
        doc: dict[str, Any] = {"location": location, "title": plain(entry["title"]), "text": plain(entry["text"])}
        parent = by_location.get(_page(location))
        if "kind" not in entry and "#" in location and parent is not None and doc["title"] == parent["title"]:
            # A heading that repeats its page's title (a quiz's result heading, the card's own
            # heading): one entry, the page's, so the same title is not listed twice.
            if doc["text"] and not parent["text"]:
                parent["text"] = doc["text"]
            continue
        if "kind" in entry:  # the regulation's own entries (search.regulation_entries)
            doc["kind"] = entry["kind"]
            if entry.get("labels"):
                doc["labels"] = entry["labels"]
        elif location in guide_pages:
            doc["kind"] = "guide"
        elif location in steps:
            doc["kind"], doc["title"] = "section", steps[location]
        elif location.startswith(glossary + "#"):
            doc["kind"] = "term"
        elif location in lists:
            doc["kind"] = "list"
        elif location in menu:
            doc["kind"] = "nav"
        else:
            doc["kind"] = "section" if "#" in location else "page"
        if location in menu:
            doc["labels"] = [*doc.get("labels", []), menu[location]]
        docs.append(doc)
        by_location.setdefault(location, doc)
    config = {
        "lang": [lang],
        # Material's page highlighter reads it (unused, see highlight.js)
        "separator": index["config"].get("separator") or separator,
        "pipeline": [],
        "fields": {"title": {"boost": 1}, "text": {"boost": 1}},
        "hb": {
            "lang": lang,
            "kinds": {kind: list(weights) for kind, weights in KINDS.items()},
            "context": CONTEXT,
            "optional": OPTIONAL.get(lang, "").split(),
            "synonyms": project.synonyms if lang == "vi" else project.synonyms_en,
        },
    }
    return {"config": config, "docs": docs}


def menu_labels(nav: list[Any], url: Any) -> dict[str, str]:
    """The top of the menu, location -> label ("quy-che/" -> "Quy chế"; a section's label goes to its
    first page, "huong-dan/" -> "Hướng dẫn")."""
    labels: dict[str, str] = {}
    for item in nav:
        for label, target in item.items():
            src = target if isinstance(target, str) else next((t for t in target if isinstance(t, str)), None)
            if src:
                labels[url(src)] = unescape(str(label))  # nav labels are escaped for the theme's HTML
    return labels


def chapter_number_label(text: str) -> str:
    """"Chương III" -> "Chương 3": people type the number, the text writes the numeral."""
    words = text.split()
    numerals = {"I": 1, "V": 5, "X": 10}
    roman = words[-1].upper()
    if not re.fullmatch(r"[IVX]+", roman):
        return text
    value = 0
    for i, ch in enumerate(roman):
        n = numerals[ch]
        value += -n if i + 1 < len(roman) and numerals[roman[i + 1]] > n else n
    return " ".join([*words[:-1], str(value)])
