"""The generated part of the site: the text of every generated page in the catalogue, in every language.

Everything here returns text; writing files is the plugin's (or the CLI's) job. Each page is its
front matter (a YAML dump opened by a stamp naming the files to edit) followed by the body its
template renders. Generated pages are Markdown with the language suffixes static-i18n expects
(x.vi.md, x.en.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cached_property
from typing import Any

from . import citations
from .changes import compare, word_diff_html
from .guides import backlinks
from .i18n import UnitText, article_heading, chapter_heading, format_date, strings, unit_text
from .model import Unit
from .project import Project, Version
from .quizzes import Question, Quiz
from .render import front_matter, html_text, render
from .routes import Catalogue, Route, asset

NEWCOMER_GUIDE = "tuan-dau-tien"  # highlighted on the guides page and the home page


class PageView:
    """What a template needs to know about the page it renders: language, strings, links."""

    def __init__(self, project: Project, catalogue: Catalogue, route: Route, lang: str,
                 version: Version | None = None):
        self.project = project
        self.catalogue = catalogue
        self.route = route
        self.lang = lang
        self.official = project.languages.default
        self.version = version or project.current
        self.of_year = "@" in route.key  # a page of one version (quy-che/2022-2023/), not the current text
        self.url = catalogue.url(route, lang)

    def t(self, key: str, **kw: Any) -> str:
        return strings().t(key, self.lang, **kw)

    def date(self, value: date) -> str:
        return format_date(value, self.lang)

    def asset(self, path: str) -> str:
        """A static file under docs/ (served from the site root for every language)."""
        return asset(self.url, path)

    def link(self, key: str, anchor: str | None = None, lang: str | None = None) -> str:
        return self.catalogue.href(self.url, key, lang or self.lang, anchor)

    # -- official text ----------------------------------------------------------------------
    def unit(self, unit: Unit) -> UnitText:
        assert self.version
        return unit_text(unit, self.lang, self.version.translation, self.official)

    def unit_lines(self, unit: Unit) -> list[str]:
        return self.unit(unit).text.split("\n")

    def article_heading(self, article: Any) -> str:
        assert self.version
        return article_heading(article, self.lang, self.version.translation, self.official)

    def chapter_heading(self, chapter: Any) -> str:
        assert self.version
        return chapter_heading(chapter, self.lang, self.version.translation, self.official)

    @property
    def is_official(self) -> bool:
        return self.lang == self.official

    def _year(self) -> str | None:
        return self.version.year if self.of_year and self.version else None

    @property
    def quy_che_url(self) -> str:
        return self.link(self.catalogue.regulation("quy-che", self._year()).key)

    @property
    def decision_url(self) -> str:
        return self.link(self.catalogue.regulation("decision", self._year()).key)

    @property
    def current_url(self) -> str:
        return self.link("quy-che")

    @property
    def versions_url(self) -> str:
        return self.link("versions")

    def changes_url(self, version: Version) -> str:
        return self.link(f"changes@{version.year}")

    def year_url(self, version: Version, decision: bool = False) -> str:
        return self.link(self.catalogue.regulation("decision" if decision else "quy-che", version.year).key)

    @property
    def official_url(self) -> str:
        """The same page in the official language."""
        return self.link(self.route.key, lang=self.official)

    def cite_label(self, id_: str, version: Version | None = None) -> str:
        version = version or self.version
        assert version and self.project.latest
        reg = version.regulation if version.regulation.get(id_) else self.project.latest.regulation
        return citations.label(reg, id_, self.lang)

    def cite(self, id_: str) -> dict[str, str]:
        """A citation from a guide or question: to the version in force, or, for a point that only
        the upcoming version has, to that version's own page."""
        current, latest = self.project.current, self.project.latest
        assert current and latest
        version = current if current.regulation.get(id_) is not None else latest
        route = self.catalogue.citation(id_, None if version is current else version.year)
        return {"label": citations.label(version.regulation, id_, self.lang),
                "title": citations.title(version.regulation, id_, self.lang, version.translation),
                "href": self.link(route.key, id_)}

    def link_to(self, link: str) -> str:
        """URL of a `guide:x` / `quiz:x` / `page:x` link from this page."""
        route = self.catalogue.link(link)
        assert route, link  # checked when the project loads, before any page is rendered
        return self.link(route.key)

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

    @cached_property
    def stamp(self) -> str:
        """The comment that opens a generated page: which files to edit instead."""
        sources = ", ".join(self.route.sources) or "scripts/handbook/templates/" + str(self.route.template)
        return (f"Trang tạo tự động từ {sources}: hãy sửa các tệp đó, không sửa tệp này.\n"
                f"Generated from {sources}: edit those files, not this one.")


Page = tuple[dict[str, Any], dict[str, Any]]  # (front matter, template context)


def generate(project: Project, directory_urls: bool = True) -> dict[str, str]:
    """All generated pages: {"quy-che/index.vi.md": "...markdown...", ...}."""
    pages: dict[str, str] = {}
    if project.current is None or project.school is None:
        return pages
    catalogue = project.catalogue(directory_urls)
    for route in catalogue.generated:
        kind = route.key.split("@")[0].split(":")[0]
        for lang in project.languages.codes:
            view = PageView(project, catalogue, route, lang)
            meta, context = BUILDERS[kind](project, view, route)
            meta = {"title": html_text(meta["title"]), **{k: v for k, v in meta.items() if k != "title"}}
            assert route.template
            pages[route.md(lang)] = str(front_matter(meta, view.stamp)) + "\n" + render(route.template, view=view,
                                                                                   **context)
    return pages


def _version(project: Project, route: Route) -> Version:
    year = route.key.partition("@")[2]
    version = project.version(year) if year else project.current
    assert version
    return version


def _regulation(project: Project, view: PageView, route: Route) -> Page:
    """The Quy chế of one version: at quy-che/ for the version in force, at quy-che/<year>/ for every one."""
    assert project.school and project.current
    version = view.version = _version(project, route)
    reg = version.regulation
    school = project.school.name[view.lang]
    title = view.t("quy_che.title") + (f" ({version.year_label})" if view.of_year else "")
    description = view.t("quy_che.description", school=school, year=version.year_label,
                         chapters=len(reg.chapters), articles=len(reg.articles))
    meta: dict[str, Any] = {"title": title, "description": description}
    if view.of_year:
        meta["search"] = {"exclude": True}
    links = backlinks(project.guides, project.current.regulation) if not view.of_year else {}
    return meta, {"version": version, "backlinks": links}


def _decision(project: Project, view: PageView, route: Route) -> Page:
    assert project.school
    version = view.version = _version(project, route)
    d = version.decision
    fmt = {"school": project.school.name[view.lang], "number": d.number, "date": view.date(d.date)}
    meta: dict[str, Any] = {"title": view.t("decision.title", **fmt),
                            "description": view.t("decision.description", **fmt)}
    if view.of_year:
        meta["search"] = {"exclude": True}
    return meta, {"version": version}


def _versions(project: Project, view: PageView, route: Route) -> Page:
    return ({"title": view.t("versions.title"), "description": view.t("versions.description")},
            {"versions": list(reversed(project.versions))})


def _changes(project: Project, view: PageView, route: Route) -> Page:
    version = view.version = _version(project, route)
    assert version.previous
    changes = compare(version.previous.regulation, version.regulation)
    meta = {"title": view.t("changes.title", year=version.year_label),
            "description": view.t("changes.description", year=version.year_label,
                                  previous=version.previous.year_label)}
    return meta, {"version": version, "changes": changes, "diff": word_diff_html}


def _guides(project: Project, view: PageView, route: Route) -> Page:
    return ({"title": view.t("guides.title"), "description": view.t("guides.description")},
            {"guides": project.guides, "newcomer_id": NEWCOMER_GUIDE})


def _guide(project: Project, view: PageView, route: Route) -> Page:
    guide = next(g for g in project.guides if f"guide:{g.id}" == route.key)
    meta: dict[str, Any] = {"title": guide.title[view.lang], "description": guide.summary[view.lang]}
    if guide.layout == "card":
        meta["hide"] = ["toc"]
    return meta, {"guide": guide}


def _training(project: Project, view: PageView, route: Route) -> Page:
    assert project.school
    data = {"lang": view.lang, "strings": {k: view.t(f"training.state.{k}")
                                           for k in ("none", "progress", "passed", "failed", "latest")}}
    basis = project.school.training_basis
    return ({"title": view.t("training.title"), "description": view.t("training.description")},
            {"quizzes": project.quizzes, "data": data, "basis": view.cite(basis) if basis else None})


def _group(project: Project, quiz: Quiz, question: Question) -> str:
    """What a question is spread over when an attempt is drawn: the article (or chapter) of its first citation."""
    assert project.latest
    reg, first = project.latest.regulation, question.cite[0]
    if first.startswith("qd-"):
        return "quyet-dinh"  # the issuing decision is a group of its own
    if quiz.draw and quiz.draw.spread == "chapter":
        chapter = reg.chapter_of(first)
        return chapter.id if chapter else first
    article = reg.article_of(first)
    return article.id if article else first


def _quiz(project: Project, view: PageView, route: Route) -> Page:
    quiz = next(q for q in project.quizzes if f"quiz:{q.id}" == route.key)
    assert project.current
    size = quiz.attempt_size
    data = {"id": quiz.id, "size": size, "passMark": quiz.pass_mark, "lang": view.lang,
            "spread": quiz.draw.spread if quiz.draw else None,
            "pool": [[q.id, _group(project, quiz, q)] for q in quiz.questions],
            "version": {"year": project.current.year},
            "strings": {k: view.t(f"quiz.{k}") for k in ("score", "progress", "choose")}
            | {"label": view.t("quiz.question_label", n="{n}", total="{total}")}}
    # mkdocs-quiz's own progress panels count the whole pool: the page shows the attempt's progress instead.
    meta = {"title": quiz.title[view.lang],
            "description": quiz.description[view.lang] if quiz.description else view.t("training.description"),
            "hb_quiz": quiz.id,
            "quiz": {"enabled": True, "shuffle_answers": True, "show_correct": True, "auto_submit": False,
                     "disable_after_submit": True, "show_progress": False}}
    return meta, {"quiz": quiz, "data": data, "needed": -(-quiz.pass_mark * size // 100)}


def _certificate(project: Project, view: PageView, route: Route) -> Page:
    assert project.school and project.current
    version, lang = project.current, view.lang
    data = {
        "lang": lang, "email": project.school.results_email, "current": version.year,
        "quizzes": {q.id: {"title": q.title[lang], "size": q.attempt_size, "pool": len(q.questions),
                           "passMark": q.pass_mark} for q in project.quizzes},
        "versions": {v.year: {"label": v.year_label, "number": v.decision.number,
                              "superseded": v.superseded.isoformat() if v.status == "superseded" and v.superseded
                              else None} for v in project.versions},
        "strings": {k: view.t(f"cert.{k}") for k in ("score", "mail_subject", "mail_body", "superseded",
                                                       "superseded_short", "passed_score", "issue")}
        | {"version": view.t("cert.version", year="{year}", number="{number}")},
    }
    return ({"title": view.t("cert.title"), "description": view.t("cert.description"),
             "hide": ["toc", "navigation"]}, {"school": project.school, "data": data})


BUILDERS: dict[str, Callable[[Project, PageView, Route], Page]] = {
    "quy-che": _regulation, "decision": _decision, "versions": _versions, "changes": _changes,
    "guides": _guides, "guide": _guide, "training": _training, "quiz": _quiz, "certificate": _certificate,
}


def navigation(project: Project, lang: str, directory_urls: bool = True) -> list[dict[str, Any]]:
    titles = {f"guide:{g.id}": g.title[lang] for g in project.guides}
    titles |= {f"quiz:{q.id}": q.title[lang] for q in project.quizzes}
    return project.catalogue(directory_urls).navigation(lang, titles)


def announcement(project: Project, lang: str, directory_urls: bool = True) -> dict[str, str] | None:
    """The announcement bar: a version about to take effect, or one that took effect recently."""
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
    s = strings()
    return {"text": s.t(key, lang, year=version.year_label, date=format_date(version.effective, lang)),
            "link": s.t("announce.link", lang),
            "url": project.catalogue(directory_urls).url(f"changes@{version.year}", lang)}
