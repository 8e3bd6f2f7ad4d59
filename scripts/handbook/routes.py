"""The page catalogue: every page of the site, generated or hand-written, in one place.

A route owns a page's identity: its key (how the code names it: "quy-che", "guide:gui-van-ban",
"quy-che@2022-2023"), its source path under docs/ (without the language suffix), the template that
generates it (None for the hand-written pages in docs/), the files an editor changes to change it, and
its menu label. URLs in each language, relative links, the navigation, citation targets, `guide:`/`quiz:`/
`page:` links, the search locations, the generated folders and the 404 page's links all come from here;
no other module spells a page path.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from .i18n import Languages, t


@dataclass(frozen=True)
class Route:
    key: str
    src: str  # "quy-che/index.md": under docs/, without the language suffix
    template: str | None  # the Jinja template that generates it; None: written by hand in docs/
    sources: tuple[str, ...] = ()  # what an editor changes to change this page
    label: str | None = None  # strings key of its menu label (pages whose title comes from content: None)

    @property
    def generated(self) -> bool:
        return self.template is not None

    def md(self, lang: str) -> str:
        """The Markdown file of one language, as static-i18n's suffix structure names it."""
        return f"{self.src[:-3]}.{lang}.md"

    @property
    def folder(self) -> str:
        return self.src.split("/", 1)[0] if "/" in self.src else ""


# The folders under docs/ that hold generated pages (git-ignored, rewritten at every build).
GENERATED_DIRS = ("quy-che", "quyet-dinh", "phien-ban", "huong-dan", "dao-tao")
# `page:x` links in guides name these routes.
PAGE_LINKS = {"training": "training", "quy-che": "quy-che", "glossary": "glossary", "decision": "decision",
              "guides": "guides"}


@dataclass(frozen=True)
class Item:
    """Something with an ID and a source file that gets a page of its own: a guide or a quiz."""

    id: str
    file: str  # the source, as the editor knows it: "guides/gui-van-ban.yml"
    template: str


class Catalogue:
    def __init__(self, languages: Languages, years: Iterable[str] = (), current: str | None = None,
                 guides: Iterable[Item] = (), quizzes: Iterable[Item] = (), directory_urls: bool = True):
        self.languages = languages
        self.directory_urls = directory_urls
        self.years = tuple(years)
        self.guide_ids = tuple(g.id for g in guides)
        self.quiz_ids = tuple(q.id for q in quizzes)
        text = (f"regulations/{current}/quy-che.txt", f"regulations/{current}/en.yml") if current else ()
        routes = [
            Route("home", "index.md", None, label="nav.home"),
            Route("quy-che", "quy-che/index.md", "quy-che.md.j2", (*text, "guides/*.yml"), "nav.quy_che"),
            Route("decision", "quyet-dinh/index.md", "quyet-dinh.md.j2", text, "nav.decision"),
            Route("versions", "phien-ban/index.md", "phien-ban-index.md.j2", ("regulations/*/",), "nav.versions"),
            Route("guides", "huong-dan/index.md", "huong-dan-index.md.j2", ("guides/*.yml",), "nav.guides"),
            *(Route(f"guide:{g.id}", f"huong-dan/{g.id}.md", g.template, (g.file,)) for g in guides),
            Route("training", "dao-tao/index.md", "dao-tao-index.md.j2", ("quizzes/*.yml",), "nav.training"),
            *(Route(f"quiz:{q.id}", f"dao-tao/{q.id}.md", q.template, (q.file,)) for q in quizzes),
            Route("certificate", "dao-tao/giay-chung-nhan.md", "giay-chung-nhan.md.j2",
                  ("regulations/school.yml", "quizzes/*.yml"), "cert.title"),
            Route("glossary", "thuat-ngu.md", None, label="nav.glossary"),
            Route("publish", "xuat-ban.md", None, label="nav.publish"),
        ]
        for n, year in enumerate(self.years):  # every version at its own permanent address, and what changed
            files = (f"regulations/{year}/quy-che.txt", f"regulations/{year}/en.yml")
            routes += [Route(f"quy-che@{year}", f"quy-che/{year}/index.md", "quy-che.md.j2", files),
                       Route(f"decision@{year}", f"quyet-dinh/{year}/index.md", "quyet-dinh.md.j2", files)]
            if n > 0:  # the first version has nothing to compare with
                routes.append(Route(f"changes@{year}", f"phien-ban/{year}/index.md", "phien-ban.md.j2",
                                    (f"regulations/{self.years[n - 1]}/quy-che.txt", files[0])))
        self.routes: dict[str, Route] = {}
        self.clashes: list[tuple[Route, Route]] = []  # two pages at one address (reported by the project check)
        by_src: dict[str, Route] = {}
        for route in routes:
            if route.src in by_src:
                self.clashes.append((by_src[route.src], route))
                continue
            by_src[route.src] = route
            self.routes[route.key] = route

    # -- lookup ----------------------------------------------------------------------------------
    def __getitem__(self, key: str) -> Route:
        return self.routes[key]

    def __iter__(self) -> Iterator[Route]:
        return iter(self.routes.values())

    @property
    def generated(self) -> list[Route]:
        return [r for r in self if r.generated]

    def guide(self, id_: str) -> Route:
        return self.routes[f"guide:{id_}"]

    def quiz(self, id_: str) -> Route:
        return self.routes[f"quiz:{id_}"]

    def regulation(self, kind: str, year: str | None = None) -> Route:
        """The Quy chế ("quy-che") or its decision ("decision"): the version in force, or one year's."""
        return self.routes[f"{kind}@{year}" if year else kind]

    def citation(self, id_: str, year: str | None = None) -> Route:
        """The page that holds a regulation ID (decision articles are qd-…)."""
        return self.regulation("decision" if id_.startswith("qd-") else "quy-che", year)

    def link(self, link: str) -> Route | None:
        """The page a `guide:x` / `quiz:x` / `page:x` link in a guide points to, or None."""
        kind, _, name = link.partition(":")
        if kind == "page":
            key = PAGE_LINKS.get(name)
            return self.routes.get(key) if key else None
        if kind in ("guide", "quiz"):
            return self.routes.get(link)
        return None

    # -- addresses -------------------------------------------------------------------------------
    def url(self, route: Route | str, lang: str) -> str:
        """Site-relative URL: "huong-dan/x/" (or "huong-dan/x.html" for file:// without directory URLs)."""
        src = (self.routes[route] if isinstance(route, str) else route).src
        return url_of(src, self.languages.root(lang), self.directory_urls)

    def href(self, from_url: str, route: Route | str, lang: str, anchor: str | None = None) -> str:
        rel = relative(from_url, self.url(route, lang))
        return f"{rel}#{anchor}" if anchor else rel

    # -- menus -----------------------------------------------------------------------------------
    def navigation(self, lang: str, titles: dict[str, str]) -> list[dict[str, Any]]:
        """MkDocs' nav for one language. `titles` gives the content's own titles (guides, quizzes) by route
        key; every label is HTML-escaped here, because the theme writes nav titles into the page as they are."""
        def entry(key: str) -> dict[str, Any]:
            route = self.routes[key]
            label = titles.get(key) or t(route.label or "", lang)
            return {str(escape(label)): route.src}

        def section(label: str, index: str, keys: Iterable[str]) -> dict[str, Any]:
            return {str(escape(t(label, lang))): [self.routes[index].src, *(entry(k) for k in keys)]}

        return [
            entry("home"), entry("quy-che"), entry("decision"), entry("versions"),
            section("nav.guides", "guides", [f"guide:{g}" for g in self.guide_ids]),
            section("nav.training", "training", [*(f"quiz:{q}" for q in self.quiz_ids), "certificate"]),
            entry("glossary"), entry("publish"),
        ]

    def not_found_links(self, lang: str) -> list[dict[str, str]]:
        """The pages a 404 page offers, in one language: site-relative URL and label."""
        keys = ("home", "quy-che", "guides", "training")
        return [{"url": self.url(k, lang), "label": t(f"404.link.{k}", lang)} for k in keys]


def url_of(src: str, prefix: str = "", directory_urls: bool = True) -> str:
    path = src[:-3] if src.endswith(".md") else src
    if not directory_urls:
        return prefix + path + ".html"
    if path == "index" or path.endswith("/index"):
        path = path[: -len("index")]
    else:
        path += "/"
    return prefix + path


def folder_of(url: str) -> str:
    """The folder a page URL resolves links from: "x/" for "x/", "x/" for "x/page.html"."""
    return url if url.endswith("/") or not url else posixpath.dirname(url) + "/"


def relative(from_url: str, to_url: str) -> str:
    """A link from one page URL to another, both site-relative."""
    rel = posixpath.relpath("/" + to_url, "/" + folder_of(from_url))
    if to_url.endswith(".html"):
        return rel
    return "./" if rel == "." else rel + "/"


def asset(from_url: str, path: str) -> str:
    """A static file under docs/ (served from the site root for every language), from a page URL."""
    return posixpath.relpath("/" + path, "/" + folder_of(from_url))
