"""What the desk's pages show, taken from the project model: the items to review with the old and new
wording of what they cite, the units waiting for English, labels as people cite them; and the desk's own
Jinja environment (autoescape on) over desk/templates/."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from .. import citations, reviews
from ..changes import word_diff_html
from ..guides import Guide, Step
from ..i18n import format_date, strings
from ..model import Regulation
from ..project import Project, Version
from ..quizzes import Question
from ..render import lines_html, rich

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(lines=lines_html, rich=rich)
    env.globals.update(diff=word_diff_html)
    return env


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = request.state.lang
    session = request.state.session
    flash, session.flash = session.flash, []

    def t(key: str, **values: Any) -> str:
        return strings().t(key, lang, **values)

    html = environment().get_template(template).render(
        t=t, lang=lang, other="en" if lang == "vi" else "vi", csrf=session.csrf, path=request.url.path,
        flash=flash, date=lambda d: format_date(d, lang), **context)
    return HTMLResponse(html, status_code=status)


def label(reg: Regulation, id_: str, lang: str) -> str:
    """"Điều 8, điểm d"; the decision's own parts (its heading, bases, signature) by their ID."""
    try:
        return citations.label(reg, id_, lang)
    except KeyError:
        return strings().t("desk.part", lang, id=id_)


@dataclass(frozen=True)
class Point:
    """A point an item cites, as it read in the previous version and as it reads now."""

    id: str
    label: str
    old: str | None  # None: not in the previous version
    new: str | None  # None: removed


@dataclass(frozen=True)
class Entry:
    item: reviews.Item
    changed: list[str] | None  # cited IDs whose text changed; None when never recorded
    removed: list[str]  # cited IDs no longer in the text


def entries(project: Project) -> list[Entry]:
    """Every item to look at, in file order: citing a changed point, never recorded, or citing a removed one."""
    latest = project.latest
    if latest is None:
        return []
    items = project.review_items()
    found = {i.key: Entry(i, changed, []) for i, changed in
             reviews.flagged(items, latest.regulation, project.reviews or {})}
    for item, gone in reviews.removed(items, latest.regulation):
        found[item.key] = Entry(item, None, gone)
    order = {i.key: n for n, i in enumerate(items)}
    return sorted(found.values(), key=lambda e: order[e.item.key])


def points(project: Project, entry: Entry, lang: str) -> list[Point]:
    """The cited points to compare: the changed and removed ones (all of them for an item never recorded)."""
    latest = project.latest
    assert latest is not None
    old_reg = latest.previous.regulation if latest.previous else None
    ids = entry.removed + (entry.changed if entry.changed is not None else
                           [c for c in entry.item.cites if c not in entry.removed])
    found = []
    for id_ in ids:
        now = latest.regulation.get(id_)
        before = old_reg.get(id_) if old_reg else None
        where = latest.regulation if now is not None else old_reg
        found.append(Point(id_, label(where, id_, lang) if where is not None else id_,
                           before.text if before is not None else None, now.text if now is not None else None))
    return found


def find_item(project: Project, key: str) -> reviews.Item | None:
    return next((i for i in project.review_items() if i.key == key), None)


def guide_of(project: Project, item: reviews.Item) -> Guide | None:
    return next((g for g in project.guides if g.id == item.owner), None) if item.kind != "question" else None


def step_of(project: Project, item: reviews.Item) -> Step | None:
    guide = guide_of(project, item)
    step_id = item.key.rsplit("/", 1)[1]
    return next((s for s in guide.steps if s.id == step_id), None) if guide and item.kind == "step" else None


def question_of(project: Project, item: reviews.Item) -> Question | None:
    if item.kind != "question":
        return None
    return next((q for quiz in project.quizzes for q in quiz.questions if q.id == item.owner), None)


def title(project: Project, item: reviews.Item, lang: str) -> str:
    """How a person names the item: "Tệp đính kèm… — Bước: Kiểm tra dung lượng", or a question's prompt."""
    t = strings().t
    if item.kind == "question":
        q = question_of(project, item)
        prompt = " ".join((q.prompt[lang] if q else item.owner).split())
        return t("desk.item.question", lang, text=prompt if len(prompt) < 90 else prompt[:89] + "…")
    guide = guide_of(project, item)
    name = guide.title[lang] if guide else item.owner
    if item.kind == "checklist":
        return t("desk.item.checklist", lang, guide=name)
    step = step_of(project, item)
    return t("desk.item.step", lang, guide=name, step=step.title[lang] if step else item.key)


@dataclass(frozen=True)
class Pending:
    id: str
    label: str
    vietnamese: str
    previous: str | None
    reason: str  # "new" | "changed"


def pending(version: Version, lang: str) -> list[Pending]:
    """The units of a version waiting for English, in reading order."""
    tr = version.translation
    return [Pending(u.id, label(version.regulation, u.id, lang), u.content, tr.previous.get(u.id), tr.pending[u.id])
            for u in version.regulation.units() if u.id in tr.pending]


def why(project: Project, entry: Entry, lang: str) -> str:
    """Why an item is on the list, with the points as people cite them."""
    latest = project.latest
    assert latest is not None
    t = strings().t
    if entry.removed:
        old = latest.previous.regulation if latest.previous else latest.regulation
        return t("desk.review.why_removed", lang, points="; ".join(label(old, c, lang) for c in entry.removed))
    if entry.changed is None:
        return t("desk.review.why_new", lang)
    changed = "; ".join(label(latest.regulation, c, lang) for c in entry.changed)
    return t("desk.review.why_changed", lang, points=changed)
