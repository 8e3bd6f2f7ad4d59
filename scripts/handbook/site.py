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

from . import citations, guides
from .project import LANGS, Project, Version
from .render import en_date, render, vi_date

GENERATED_DIRS = ("quy-che", "quyet-dinh", "huong-dan", "dao-tao", "phien-ban")
GUIDES_INDEX = "huong-dan/index.md"
TRAINING_INDEX = "dao-tao/index.md"
CERTIFICATE = "dao-tao/giay-chung-nhan.md"
NEWCOMER_GUIDE = "tuan-dau-tien"  # highlighted on the guides page and the home page


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

    def asset(self, path: str) -> str:
        """A static file under docs/ (served from the site root for every language)."""
        return posixpath.relpath("/" + path, "/" + self.url)

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

    def link_to(self, link: str) -> str:
        """URL of a `guide:x` / `quiz:x` / `page:x` link from this page."""
        target = guides.link_target(link, {g.id for g in self.project.guides}, {q.id for q in self.project.quizzes})
        assert target, link  # checked by guides.check_guides before any page is rendered
        return self.link(target)

    def link_label(self, link: str) -> str:
        kind, _, name = link.partition(":")
        if kind == "guide":
            return next(g.title[self.lang] for g in self.project.guides if g.id == name)
        if kind == "quiz":
            return next(q.title[self.lang] for q in self.project.quizzes if q.id == name)
        return self.t(f"page.{name}")

    def articles_of(self, ids: list[str]) -> list[int]:
        assert self.version
        return citations.article_numbers(self.version.regulation, ids)


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
    backlinks = guides.backlinks(project.guides, reg)
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
        for guide in project.guides:
            view = PageView(project, guide.src, lang)
            template = "huong-dan-card.md.j2" if guide.layout == "card" else "huong-dan.md.j2"
            pages[_md_path(guide.src, lang)] = render(template, view=view, guide=guide)
        view = PageView(project, GUIDES_INDEX, lang)
        pages[_md_path(GUIDES_INDEX, lang)] = render("huong-dan-index.md.j2", view=view, guides=project.guides,
                                                     newcomer_id=NEWCOMER_GUIDE)
        pages.update(training_pages(project, lang))
    return pages


def training_pages(project: Project, lang: str) -> dict[str, str]:
    """The quizzes, the list of quizzes and the certificate page, in one language."""
    assert project.school and project.current
    t = strings()
    pages: dict[str, str] = {}
    for quiz in project.quizzes:
        view = PageView(project, quiz.src, lang)
        total = len(quiz.questions)
        data = {"id": quiz.id, "total": total, "passMark": quiz.pass_mark, "lang": lang,
                "strings": {k: t[f"quiz.{k}"][lang] for k in ("score", "progress", "choose")}}
        pages[_md_path(quiz.src, lang)] = render("dao-tao.md.j2", view=view, quiz=quiz, data=data,
                                                 needed=-(-quiz.pass_mark * total // 100),
                                                 certificate_src=CERTIFICATE)
    view = PageView(project, TRAINING_INDEX, lang)
    data = {"lang": lang,
            "strings": {k: t[f"training.state.{k}"][lang] for k in ("none", "progress", "passed", "failed")}}
    pages[_md_path(TRAINING_INDEX, lang)] = render("dao-tao-index.md.j2", view=view, quizzes=project.quizzes,
                                                   data=data)
    view = PageView(project, CERTIFICATE, lang)
    version = project.current
    data = {
        "lang": lang, "email": project.school.email,
        "quizzes": {q.id: {"title": q.title[lang], "total": len(q.questions), "passMark": q.pass_mark}
                    for q in project.quizzes},
        "version": {"year": version.year_label, "number": version.decision.number},
        "strings": {k: t[f"cert.{k}"][lang] for k in ("score", "mail_subject", "mail_body")},
    }
    pages[_md_path(CERTIFICATE, lang)] = render("giay-chung-nhan.md.j2", view=view, school=project.school, data=data)
    return pages


# Hand-written pages (docs/<src> with .vi.md and .en.md) and generated ones, in menu order.
def navigation(project: Project, lang: str) -> list[dict[str, Any]]:
    t = strings()
    return [
        {t["nav.home"][lang]: "index.md"},
        {t["nav.quy_che"][lang]: "quy-che/index.md"},
        {t["nav.decision"][lang]: "quyet-dinh/index.md"},
        {t["nav.guides"][lang]: [GUIDES_INDEX] + [{g.title[lang]: g.src} for g in project.guides]},
        {t["nav.training"][lang]: [TRAINING_INDEX] + [{q.title[lang]: q.src} for q in project.quizzes]
         + [{t["cert.title"][lang]: CERTIFICATE}]},
        {t["nav.glossary"][lang]: "thuat-ngu.md"},
        {t["nav.publish"][lang]: "xuat-ban.md"},
    ]
