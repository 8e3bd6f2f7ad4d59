"""Step-by-step guides from guides/*.yml: loading, validation, and what each guide cites.

A guide keeps rules and advice apart by structure: a step's `rules` carry citations (IDs of the
regulation model), its `advice` never does. Every citation is checked against the model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .citations import is_citable
from .model import Regulation
from .problems import Problem
from .schemas import documents
from .yamlfile import LineDict

Text = dict[str, str]
Layout = Literal["steps", "card"]
TEMPLATES: dict[str, str] = {"steps": "huong-dan.md.j2", "card": "huong-dan-card.md.j2"}


@dataclass(frozen=True)
class Cited:
    """A piece of guide text: a rule (with its citations), advice (`advice: true`, never cited) or a task."""

    text: Text
    cite: tuple[str, ...]
    line: int
    link: str | None = None
    advice: bool = False  # a checklist item that is advice, not a rule (never cites)


@dataclass(frozen=True)
class Step:
    id: str
    title: Text
    who: tuple[str, ...]
    line: int
    text: Text | None = None
    rules: tuple[Cited, ...] = ()
    choice_kind: str | None = None
    choices: tuple[Cited, ...] = ()
    advice: tuple[Text, ...] = ()
    links: tuple[str, ...] = ()

    @property
    def cites(self) -> list[str]:
        return _unique([c for part in (*self.rules, *self.choices) for c in part.cite])


@dataclass(frozen=True)
class Guide:
    id: str
    file: Path
    order: int
    layout: Layout
    title: Text
    summary: Text
    audience: tuple[str, ...]
    start: Text
    steps: tuple[Step, ...]
    end: Text
    checklist: tuple[Cited, ...]
    related: tuple[str, ...]

    @property
    def template(self) -> str:
        return TEMPLATES[self.layout]

    @property
    def cites(self) -> list[str]:
        return _unique([c for s in self.steps for c in s.cites] + [c for i in self.checklist for c in i.cite])


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _cited(d: LineDict) -> Cited:
    line = d.key_lines.get("cite", d.key_lines.get("link", d.line))  # problems point at the citation itself
    return Cited(dict(d["text"]), tuple(d.get("cite", ())), line, d.get("link"), bool(d.get("advice", False)))


def _build(data: LineDict, file: Path) -> Guide:
    steps = []
    for s in data["steps"]:
        choice = s.get("choice")
        steps.append(Step(
            id=s["id"], title=dict(s["title"]), who=tuple(s["who"]), line=s.line,
            text=dict(s["text"]) if "text" in s else None,
            rules=tuple(_cited(r) for r in s.get("rules", ())),
            choice_kind=choice["kind"] if choice else None,
            choices=tuple(_cited(o) for o in choice["options"]) if choice else (),
            advice=tuple(dict(a) for a in s.get("advice", ())),
            links=tuple(s.get("links", ())),
        ))
    return Guide(
        id=data["id"], file=file, order=data.get("order", 999), layout=data.get("layout", "steps"),
        title=dict(data["title"]), summary=dict(data["summary"]), audience=tuple(data["audience"]),
        start=dict(data["start"]), steps=tuple(steps), end=dict(data["end"]),
        checklist=tuple(_cited(i) for i in data["checklist"]), related=tuple(data.get("related", ())),
    )


def load_guides(folder: Path) -> tuple[list[Guide], list[Problem]]:
    guides: list[Guide] = []
    problems: list[Problem] = []
    for file, data in documents(folder, problems):
        seen: dict[str, int] = {}
        for s in data["steps"]:
            if s["id"] in seen:
                problems.append(Problem(file, s.line, f"bước {s['id']!r} lặp lại (đã có ở dòng {seen[s['id']]})",
                                        "duplicate-step"))
            seen.setdefault(s["id"], s.line)
        guides.append(_build(data, file))
    guides.sort(key=lambda g: (g.order, g.id))
    return guides, problems


def check_guides(guides: list[Guide], reg: Regulation | None, link_exists: Callable[[str], bool]) -> list[Problem]:
    """Cross-references: citations exist in the current text, links and related guides exist."""
    problems: list[Problem] = []
    ids = {g.id for g in guides}
    for g in guides:
        parts: list[Cited] = [p for s in g.steps for p in (*s.rules, *s.choices)] + list(g.checklist)
        if reg is not None:
            for part in parts:
                for c in part.cite:
                    if not is_citable(reg, c):
                        problems.append(Problem(g.file, part.line, f"trích dẫn {c!r} không có trong Quy chế "
                                                f"(văn bản {reg.school_year})", "unknown-cite"))
        links = [(link, s.line) for s in g.steps for link in s.links] + [(p.link, p.line) for p in parts if p.link]
        for link, line in links:
            if not link_exists(link):
                problems.append(Problem(g.file, line, f"liên kết {link!r} không trỏ tới trang nào", "unknown-link"))
        for r in g.related:
            if r not in ids:
                problems.append(Problem(g.file, 1, f"related: không có hướng dẫn {r!r}", "unknown-link"))
    return problems


def backlinks(guides: list[Guide], reg: Regulation) -> dict[int, list[tuple[Guide, list[str]]]]:
    """{article number: [(guide, [cited IDs within that article])]} in guide order."""
    result: dict[int, list[tuple[Guide, list[str]]]] = {}
    for g in guides:
        by_article: dict[int, list[str]] = {}
        for c in g.cites:
            article = reg.article_of(c)
            if article:
                by_article.setdefault(article.number, []).append(c)
        for number, cited in by_article.items():
            result.setdefault(number, []).append((g, cited))
    return result

