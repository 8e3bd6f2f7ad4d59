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
from .changes import compare, word_diff_html
from .project import Project, Version
from .render import en_date, render, vi_date
from .schemas import LANGS

GENERATED_DIRS = ("quy-che", "quyet-dinh", "huong-dan", "dao-tao", "phien-ban")
GUIDES_INDEX = "huong-dan/index.md"
TRAINING_INDEX = "dao-tao/index.md"
CERTIFICATE = "dao-tao/giay-chung-nhan.md"
NEWCOMER_GUIDE = "tuan-dau-tien"  # highlighted on the guides page and the home page


@cache
def strings() -> dict[str, dict[str, str]]:
    return yaml.safe_load((files("handbook") / "strings.yml").read_text(encoding="utf-8"))


VERSIONS_INDEX = "phien-ban/index.md"


def year_page(base: str, year: str) -> str:
    """The page of one version: quy-che/index.md -> quy-che/2022-2023/index.md."""
    return f"{base[: -len('index.md')]}{year}/index.md"


def url_of(src: str, lang: str, directory_urls: bool = True) -> str:
    """Site-relative URL of a page source: "huong-dan/x.md" -> "huong-dan/x/" (or
    "huong-dan/x.html" when the site is built for file:// without directory URLs)."""
    path = src[:-3] if src.endswith(".md") else src
    prefix = "" if lang == "vi" else f"{lang}/"
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


class PageView:
    """What a template needs to know about the page it renders: language, strings, links."""

    def __init__(self, project: Project, src: str, lang: str, version: Version | None = None,
                 directory_urls: bool = True, of_year: bool = False):
        self.project = project
        self.src = src
        self.lang = lang
        self.version = version or project.current
        self.directory_urls = directory_urls
        self.of_year = of_year  # a page of one version (quy-che/2022-2023/), not the current text
        self.url = url_of(src, lang, directory_urls)

    def t(self, key: str, **kw: Any) -> str:
        text = strings()[key][self.lang]
        return text.format(**kw) if kw else text

    def date(self, value: date) -> str:
        return vi_date(value) if self.lang == "vi" else en_date(value)

    def asset(self, path: str) -> str:
        """A static file under docs/ (served from the site root for every language)."""
        return posixpath.relpath("/" + path, "/" + folder_of(self.url))

    def link(self, src: str, anchor: str | None = None, lang: str | None = None) -> str:
        href = relative(self.url, url_of(src, lang or self.lang, self.directory_urls))
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
        assert self.version
        return year_page(citations.QUY_CHE_PAGE, self.version.year) if self.of_year else citations.QUY_CHE_PAGE

    @property
    def quy_che_url(self) -> str:
        return self.link(self.quy_che_src)

    @property
    def decision_url(self) -> str:
        assert self.version
        src = year_page(citations.DECISION_PAGE, self.version.year) if self.of_year else citations.DECISION_PAGE
        return self.link(src)

    @property
    def current_url(self) -> str:
        return self.link(citations.QUY_CHE_PAGE)

    @property
    def versions_url(self) -> str:
        return self.link(VERSIONS_INDEX)

    def changes_url(self, version: Version) -> str:
        return self.link(year_page(VERSIONS_INDEX, version.year))

    def year_url(self, version: Version, decision: bool = False) -> str:
        return self.link(year_page(citations.DECISION_PAGE if decision else citations.QUY_CHE_PAGE, version.year))

    @property
    def official_url(self) -> str:
        """The same page in Vietnamese (the official text)."""
        return self.link(self.src, lang="vi")

    def cite_label(self, id_: str) -> str:
        assert self.version
        reg = self.version.regulation if self.version.regulation.get(id_) else self.project.latest.regulation
        return citations.label(reg, id_, self.lang)

    def cite(self, id_: str) -> dict[str, str]:
        """A citation from a guide or question: to the version in force, or, for a point that only
        the upcoming version has, to that version's own page."""
        current, latest = self.project.current, self.project.latest
        assert current and latest
        version = current if current.regulation.get(id_) is not None else latest
        c = citations.resolve(version.regulation, id_, self.lang, version.translation)
        page = c.page if version is current else year_page(c.page, version.year)
        return {"label": c.label, "title": c.title, "href": self.link(page, c.anchor)}

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
        assert self.project.latest
        return citations.article_numbers(self.project.latest.regulation, ids)


def _md_path(src: str, lang: str) -> str:
    return f"{src[:-3]}.{lang}.md"


def generate(project: Project, directory_urls: bool = True) -> dict[str, str]:
    """All generated pages: {"quy-che/index.vi.md": "...markdown...", ...}."""
    pages: dict[str, str] = {}
    version = project.current
    if version is None or project.school is None:
        return pages
    backlinks = guides.backlinks(project.guides, version.regulation)
    for lang in LANGS:
        def view(src: str, v: Version | None = None, of_year: bool = False, lang: str = lang) -> PageView:
            return PageView(project, src, lang, v, directory_urls, of_year)

        pages.update(regulation_pages(project, version, lang, view, backlinks, of_year=False))
        pages[_md_path(VERSIONS_INDEX, lang)] = render("phien-ban-index.md.j2", view=view(VERSIONS_INDEX),
                                                       versions=list(reversed(project.versions)))
        for v in project.versions:  # every version at its own address, and what changed from the one before
            pages.update(regulation_pages(project, v, lang, view, {}, of_year=True))
            if v.previous is not None:
                src = year_page(VERSIONS_INDEX, v.year)
                pages[_md_path(src, lang)] = render("phien-ban.md.j2", view=view(src, v, of_year=True), version=v,
                                                    changes=compare(v.previous.regulation, v.regulation),
                                                    diff=word_diff_html)
        for guide in project.guides:
            template = "huong-dan-card.md.j2" if guide.layout == "card" else "huong-dan.md.j2"
            pages[_md_path(guide.src, lang)] = render(template, view=view(guide.src), guide=guide)
        pages[_md_path(GUIDES_INDEX, lang)] = render("huong-dan-index.md.j2", view=view(GUIDES_INDEX),
                                                     guides=project.guides, newcomer_id=NEWCOMER_GUIDE)
        pages.update(training_pages(project, lang, view))
    return pages


def regulation_pages(project: Project, version: Version, lang: str, view: Any, backlinks: dict,
                     of_year: bool) -> dict[str, str]:
    """The Quy chế and its decision for one version: at quy-che/ and quyet-dinh/ for the version in
    force, or at quy-che/<year>/ and quyet-dinh/<year>/ for every version (a permanent address)."""
    assert project.school
    school, reg = project.school, version.regulation
    qc = year_page(citations.QUY_CHE_PAGE, version.year) if of_year else citations.QUY_CHE_PAGE
    qd = year_page(citations.DECISION_PAGE, version.year) if of_year else citations.DECISION_PAGE
    v = view(qc, version, of_year)
    fmt = {"school": school.name[lang], "year": version.year_label}
    title = v.t("quy_che.title") + (f" ({version.year_label})" if of_year else "")
    pages = {_md_path(qc, lang): render("quy-che.md.j2", view=v, version=version, backlinks=backlinks,
                                        page_title=title, description=v.t("quy_che.description", **fmt),
                                        of_year=of_year)}
    v = view(qd, version, of_year)
    fmt = {"school": school.name[lang], "number": reg.decision.number, "date": v.date(reg.decision.date)}
    pages[_md_path(qd, lang)] = render("quyet-dinh.md.j2", view=v, version=version, of_year=of_year,
                                       page_title=v.t("decision.title", **fmt),
                                       description=v.t("decision.description", **fmt))
    return pages


def announcement(project: Project, lang: str, directory_urls: bool = True) -> dict[str, str] | None:
    """The announcement bar: a version about to take effect, or one that took effect recently."""
    t = strings()
    school = project.school
    upcoming = project.upcoming[0] if project.upcoming else None
    current = project.current
    if upcoming is not None:
        version, key = upcoming, "announce.upcoming"
    elif (current and current.previous and school
          and 0 <= (project.today - current.effective).days <= school.announce_days):
        version, key = current, "announce.current"
    else:
        return None
    date = vi_date(version.effective) if lang == "vi" else en_date(version.effective)
    return {"text": t[key][lang].format(year=version.year_label, date=date),
            "link": t["announce.link"][lang],
            "url": url_of(year_page(VERSIONS_INDEX, version.year), lang, directory_urls)}


def training_pages(project: Project, lang: str, page_view: Any) -> dict[str, str]:
    """The quizzes, the list of quizzes and the certificate page, in one language."""
    assert project.school and project.current
    t = strings()
    pages: dict[str, str] = {}
    for quiz in project.quizzes:
        view = page_view(quiz.src)
        total = len(quiz.questions)
        data = {"id": quiz.id, "total": total, "passMark": quiz.pass_mark, "lang": lang,
                "strings": {k: t[f"quiz.{k}"][lang] for k in ("score", "progress", "choose")}}
        pages[_md_path(quiz.src, lang)] = render("dao-tao.md.j2", view=view, quiz=quiz, data=data,
                                                 needed=-(-quiz.pass_mark * total // 100),
                                                 certificate_src=CERTIFICATE)
    view = page_view(TRAINING_INDEX)
    data = {"lang": lang,
            "strings": {k: t[f"training.state.{k}"][lang] for k in ("none", "progress", "passed", "failed")}}
    basis = project.school.training_basis
    pages[_md_path(TRAINING_INDEX, lang)] = render("dao-tao-index.md.j2", view=view, quizzes=project.quizzes,
                                                   data=data, basis=view.cite(basis) if basis else None)
    view = page_view(CERTIFICATE)
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
        {t["nav.versions"][lang]: VERSIONS_INDEX},
        {t["nav.guides"][lang]: [GUIDES_INDEX] + [{g.title[lang]: g.src} for g in project.guides]},
        {t["nav.training"][lang]: [TRAINING_INDEX] + [{q.title[lang]: q.src} for q in project.quizzes]
         + [{t["cert.title"][lang]: CERTIFICATE}]},
        {t["nav.glossary"][lang]: "thuat-ngu.md"},
        {t["nav.publish"][lang]: "xuat-ban.md"},
    ]
