"""The generated part of the site: which pages exist, at which source path, with what content.

Everything here returns text; writing files is the plugin's (or the CLI's) job. Generated pages
are Markdown with both language suffixes side by side (x.vi.md, x.en.md), as static-i18n expects.
"""

from __future__ import annotations

import posixpath
from datetime import date
from functools import cache, cached_property
from importlib.resources import files
from typing import Any

import yaml

from . import citations
from .project import LANGS, Project, Version
from .render import en_date, render, vi_date

GENERATED_DIRS = ("quy-che", "quyet-dinh", "huong-dan", "dao-tao", "phien-ban")


@cache
def strings() -> dict[str, dict[str, str]]:
    return yaml.safe_load((files("handbook") / "strings.yml").read_text(encoding="utf-8"))


def url_of(src: str, lang: str) -> str:
    """Site-relative URL of a page source ("huong-dan/x.md" -> "huong-dan/x/"), directory URLs on."""
    path = src[:-3] if src.endswith(".md") else src
    if path == "index" or path.endswith("/index"):
        path = path[: -len("index")]
    else:
        path += "/"
    return ("" if lang == "vi" else f"{lang}/") + path


def relative(from_url: str, to_url: str) -> str:
    rel = posixpath.relpath("/" + to_url, "/" + from_url)
    return "./" if rel == "." else rel + "/"


class PageView:
    """What a template needs to know about the page it renders: language, strings, links."""

    def __init__(self, project: Project, src: str, lang: str, version: Version | None = None):
        self.project = project
        self.src = src
        self.lang = lang
        self.version = version or project.current
        self.url = url_of(src, lang)

    def t(self, key: str, **kw: Any) -> str:
        text = strings()[key][self.lang]
        return text.format(**kw) if kw else text

    def date(self, value: date) -> str:
        return vi_date(value) if self.lang == "vi" else en_date(value)

    def link(self, src: str, anchor: str | None = None, lang: str | None = None) -> str:
        href = relative(self.url, url_of(src, lang or self.lang))
        return f"{href}#{anchor}" if anchor else href

    # -- official text ----------------------------------------------------------------------
    def english(self, id_: str) -> str | None:
        assert self.version
        return self.version.translation.get(id_)

    def english_lines(self, unit: Any) -> list[str]:
        en = self.english(unit.id)
        return en.split("\n") if en else unit.content.split("\n")

    @cached_property
    def quy_che_src(self) -> str:
        return citations.QUY_CHE_PAGE

    @property
    def quy_che_url(self) -> str:
        return self.link(self.quy_che_src)

    @property
    def decision_url(self) -> str:
        return self.link(citations.DECISION_PAGE)

    @property
    def official_url(self) -> str:
        """The same page in Vietnamese (the official text)."""
        return self.link(self.src, lang="vi")

    def cite_label(self, id_: str) -> str:
        assert self.version
        return citations.label(self.version.regulation, id_, self.lang)

    def cite(self, id_: str) -> dict[str, str]:
        assert self.version
        c = citations.resolve(self.version.regulation, id_, self.lang, self.version.translation)
        return {"label": c.label, "title": c.title, "href": self.link(c.page, c.anchor)}

    def link_to_guide(self, guide: Any) -> str:
        return self.link(f"huong-dan/{guide.id}.md")


def _md_path(src: str, lang: str) -> str:
    return f"{src[:-3]}.{lang}.md"


def generate(project: Project) -> dict[str, str]:
    """All generated pages: {"quy-che/index.vi.md": "...markdown...", ...}."""
    pages: dict[str, str] = {}
    version = project.current
    school = project.school
    if version is None or school is None:
        return pages
    reg = version.regulation
    backlinks = guide_backlinks(project)
    for lang in LANGS:
        view = PageView(project, citations.QUY_CHE_PAGE, lang)
        fmt = {"school": school.name[lang], "year": version.year_label}
        pages[_md_path(citations.QUY_CHE_PAGE, lang)] = render(
            "quy-che.md.j2", view=view, version=version, backlinks=backlinks,
            page_title=view.t("quy_che.title"), description=view.t("quy_che.description", **fmt))
        view = PageView(project, citations.DECISION_PAGE, lang)
        fmt = {"school": school.name[lang], "number": reg.decision.number, "date": view.date(reg.decision.date)}
        pages[_md_path(citations.DECISION_PAGE, lang)] = render(
            "quyet-dinh.md.j2", view=view, version=version,
            page_title=view.t("decision.title", **fmt), description=view.t("decision.description", **fmt))
    return pages


def guide_backlinks(project: Project) -> dict[int, list[dict[str, Any]]]:
    """{article number: [{"guide": guide, "cites": ["Điều 13, điểm e", ...]}]} for the Quy chế page."""
    return {}


# Hand-written pages (docs/<src> with .vi.md and .en.md) and generated ones, in menu order.
NAV = [
    ("index.md", "nav.home"),
    ("quy-che/index.md", "nav.quy_che"),
    ("quyet-dinh/index.md", "nav.decision"),
    ("thuat-ngu.md", "nav.glossary"),
    ("xuat-ban.md", "nav.publish"),
]


def navigation(project: Project, lang: str) -> list[dict[str, Any]]:
    return [{strings()[key][lang]: src} for src, key in NAV]
