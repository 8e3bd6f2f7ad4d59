"""The training register: who passed which quiz, when, against which version of the Quy chế.

Input: the results found in the term's emails (resultmail.py) and, optionally, the staff list
(staff.py). A person is matched to a staff row by sender address when the list has one for them,
else by name (NFC, case-folded, whitespace collapsed, diacritics kept). A result counts only when its
check code matches and its quiz and version exist in the project; everything else is listed for the
principal to look at, never silently dropped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from ..project import Project, Version
from ..quizzes import Quiz
from ..slugs import fold
from .mail import Received
from .staff import Staff, loose_key, name_key

# Why a result is not counted (Vietnamese, shown in the register).
EDITED = "mã kiểm tra không khớp: dòng kết quả đã bị sửa hoặc hỏng khi gửi"


@dataclass
class Person:
    name: str
    group: str = ""
    email: str = ""
    staff_line: int | None = None  # None when the person is known only from their results


@dataclass
class Entry:
    """One distinct result (copies of the same result collapsed into it)."""

    received: Received
    person: Person | None
    copies: list[Received] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problem: str | None = None  # why it is not counted
    quiz: Quiz | None = None
    version: Version | None = None

    @property
    def counted(self) -> bool:
        return self.problem is None and self.person is not None

    @property
    def passed(self) -> bool:
        return self.quiz is not None and self.received.result.percent >= self.quiz.pass_mark

    @property
    def superseded(self) -> bool:
        return self.version is not None and self.version.status == "superseded"

    @property
    def sources(self) -> list[str]:
        return [r.where for r in [self.received, *self.copies]]


@dataclass
class Cell:
    best: Entry | None = None

    @property
    def state(self) -> str:
        """passed | superseded (passed, but only against a version no longer in force) | failed | none"""
        if self.best is None:
            return "none"
        if not self.best.passed:
            return "failed"
        return "superseded" if self.best.superseded else "passed"


@dataclass
class Register:
    quizzes: list[Quiz]
    people: list[Person]
    cells: dict[tuple[int, str], Cell]
    entries: list[Entry]  # every distinct result, counted or not
    current: Version | None
    generated: date
    staff_list: bool
    files: int = 0
    messages: int = 0
    duplicates: int = 0

    def cell(self, person: int, quiz: str) -> Cell:
        return self.cells.get((person, quiz), Cell())

    @property
    def flagged(self) -> list[Entry]:
        """Not counted because of the result itself (edited, damaged, unknown quiz or version)."""
        return [e for e in self.entries if e.problem is not None]

    @property
    def outsiders(self) -> list[Entry]:
        """Valid results of people who are not on the staff list (or could not be told apart)."""
        return [e for e in self.entries if e.problem is None and e.person is None]

    def missing(self) -> list[tuple[int, Quiz, Cell]]:
        """Every person × quiz not yet passed against the version in force."""
        return [(i, q, self.cell(i, q.id)) for i in range(len(self.people)) for q in self.quizzes
                if self.cell(i, q.id).state != "passed"]


def build(project: Project, received: list[Received], staff: list[Staff] | None,
          generated: date | None = None) -> Register:
    quizzes = {q.id: q for q in project.quizzes}
    people = [Person(s.name, s.group, s.email, s.line) for s in staff or []]
    match = _Matcher(staff or [], people)
    entries: list[Entry] = []
    seen: dict[tuple[object, ...], Entry] = {}
    duplicates = 0
    for rec in received:
        r = rec.result
        entry = Entry(rec, None, quiz=quizzes.get(r.quiz), version=project.version(r.version))
        if not r.intact:
            entry.problem = EDITED
        elif r.problem:
            entry.problem = r.problem
        elif entry.quiz is None:
            entry.problem = f"không có bài kiểm tra {r.quiz!r} trong sổ tay"
        elif entry.version is None:
            entry.problem = f"không có phiên bản Quy chế {r.version} trong sổ tay"
        if entry.problem is None:
            entry.person = match(rec, entry.notes)
        # Copies of one result (sent twice, or in both an .mbox and an .eml) are one result.
        who: object = id(entry.person) if entry.person else ("?", name_key(r.name))
        key = (who, r.quiz, r.version, r.correct, r.total, r.day) if entry.problem is None else ("raw", r.raw)
        if key in seen:
            seen[key].copies.append(rec)
            duplicates += 1
            continue
        seen[key] = entry
        entries.append(entry)
    index = {id(p): i for i, p in enumerate(people)}
    cells: dict[tuple[int, str], Cell] = defaultdict(Cell)
    for e in entries:
        if not e.counted:
            continue
        assert e.person is not None and e.quiz is not None
        if id(e.person) not in index:
            index[id(e.person)] = len(people)
            people.append(e.person)
        cell = cells[(index[id(e.person)], e.quiz.id)]
        if cell.best is None or _rank(e) > _rank(cell.best):
            cell.best = e
    if staff is None:  # people known only from their results: in the order of a Vietnamese class list
        order = sorted(range(len(people)), key=lambda i: _list_order(people[i].name))
        people = [people[i] for i in order]
        moved = {old: new for new, old in enumerate(order)}
        cells = defaultdict(Cell, {(moved[i], q): c for (i, q), c in cells.items()})
    return Register(project.quizzes, people, dict(cells), entries, project.current,
                    generated or project.today, staff is not None, duplicates=duplicates)


def _rank(e: Entry) -> tuple[bool, bool, int, date]:
    """The result a cell shows: a pass before a fail, the version in force before a superseded one,
    then the higher score, then the later date."""
    r = e.received.result
    assert r.day is not None
    return (e.passed, not e.superseded, r.percent, r.day)


def _list_order(name: str) -> tuple[str, str]:
    """Vietnamese lists sort by given name (the last word), then by the whole name."""
    words = fold(name).split()
    return (words[-1] if words else "", " ".join(words))


class _Matcher:
    """Staff row for a result: by sender address first, then by name; None if no one (or several)."""

    def __init__(self, staff: list[Staff], people: list[Person]):
        self.by_email = {s.email: p for s, p in zip(staff, people, strict=True) if s.email}
        self.by_name: dict[str, list[tuple[Staff, Person]]] = defaultdict(list)
        self.by_loose: dict[str, list[Staff]] = defaultdict(list)
        for s, p in zip(staff, people, strict=True):
            self.by_name[s.key].append((s, p))
            self.by_loose[loose_key(s.name)].append(s)
        self.staff_list = bool(staff)
        self.unlisted: dict[str, Person] = {}  # no staff list: one person per name

    def __call__(self, rec: Received, notes: list[str]) -> Person | None:
        name = rec.result.name
        if not self.staff_list:
            return self.unlisted.setdefault(name_key(name), Person(name, email=rec.sender))
        person = self.by_email.get(rec.sender) if rec.sender else None
        if person is not None:
            if name_key(person.name) != name_key(name):
                notes.append(f"tên ghi trong thư: {name}")
            return person
        candidates = self.by_name.get(name_key(name), [])
        if len(candidates) == 1:
            s, person = candidates[0]
            if s.email and rec.sender and rec.sender != s.email:
                notes.append(f"gửi từ {rec.sender}, khác địa chỉ trong danh sách ({s.email})")
            return person
        if len(candidates) > 1:
            lines = ", ".join(str(s.line) for s, _ in candidates)
            notes.append(f"trùng tên với nhiều người trong danh sách (dòng {lines}): chưa ghép được")
            return None
        near = [s for s in self.by_loose.get(loose_key(name), []) if s.key != name_key(name)]
        if near:
            notes.append("gần giống (chỉ khác dấu, chưa ghép): " + ", ".join(f"{s.name} (dòng {s.line})" for s in near))
        return None
