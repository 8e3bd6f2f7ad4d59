"""Everything the handbook is built from, loaded once: school settings, regulation versions with
their translations, guides, quizzes and review records. Loading never raises on bad content:
problems are collected with file:line so the CLI can list them all and the build can refuse."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import regulation as reg_mod
from . import reviews
from .guides import Guide, check_guides, load_guides
from .problems import ContentError, Problem, display_path, errors
from .quizzes import Quiz, check_citations, load_quizzes
from .regulation import Regulation
from .schemas import LANGS
from .slugs import fold
from .translation import Translation, check_translation, load_translation
from .yamlfile import LineDict, line_of, load_mapping
from .yamlfile import load as load_yaml

RE_YEAR = re.compile(r"^\d{4}-\d{4}$")
TEXT_FILE = "quy-che.txt"


@dataclass(frozen=True)
class School:
    name: dict[str, str]
    short_name: dict[str, str]
    location: dict[str, str]
    email: str
    email_cite: str
    site_name: dict[str, str]
    site_description: dict[str, str]
    training_basis: str = ""  # the point that makes the leadership train staff (cited on the training page)
    announce_days: int = 90  # how long the "new version in force" announcement stays up


@dataclass
class Version:
    year: str  # "2022-2023": the folder name and the version's address
    folder: Path
    regulation: Regulation
    translation: Translation
    effective: date
    signer_title: dict[str, str] | None = None
    superseded: date | None = None  # the day the next version takes (or took) effect
    status: str = "current"  # "current" | "superseded" | "upcoming"
    previous: Version | None = None

    @property
    def decision(self) -> reg_mod.Decision:
        return self.regulation.decision

    @property
    def year_label(self) -> str:
        return self.year.replace("-", "–")


@dataclass
class Project:
    root: Path
    school: School | None
    versions: list[Version] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    guides: list[Guide] = field(default_factory=list)
    synonyms: dict[str, list[str]] = field(default_factory=dict)  # search: what staff type -> text words
    synonyms_en: dict[str, list[str]] = field(default_factory=dict)  # the same for the English site
    quizzes: list[Quiz] = field(default_factory=list)

    today: date = field(default_factory=date.today)
    reviews: dict[str, dict[str, str]] = field(default_factory=dict)  # item -> {cited ID: fingerprint}

    @property
    def current(self) -> Version | None:
        return next((v for v in self.versions if v.status == "current"), None)

    @property
    def latest(self) -> Version | None:
        """The newest text: what guides, questions and their reviews are prepared against (it may be
        upcoming, so the content is reviewed before the version goes live)."""
        return self.versions[-1] if self.versions else None

    @property
    def upcoming(self) -> list[Version]:
        return [v for v in self.versions if v.status == "upcoming"]

    def version(self, year: str) -> Version | None:
        return next((v for v in self.versions if v.year == year), None)

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def _texts(data: LineDict, key: str, file: str, problems: list[Problem]) -> dict[str, str]:
    value = data.get(key)
    if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) and value[lang].strip()
                                              for lang in LANGS):
        problems.append(Problem(file, line_of(data, [key]), f"{key} cần có cả vi và en", "school-config"))
        return {lang: "" for lang in LANGS}
    return {lang: value[lang].strip() for lang in LANGS}


def load_school(path: Path, root: Path) -> tuple[School | None, list[Problem]]:
    file = display_path(path, root)
    try:
        data = load_yaml(path, root)
    except (ContentError, OSError) as exc:
        return None, getattr(exc, "problems", [Problem(file, 1, f"không đọc được: {exc}", "school-config")])
    problems: list[Problem] = []
    school = data.get("school") if isinstance(data, LineDict) else None
    site = data.get("site") if isinstance(data, LineDict) else None
    if not isinstance(school, LineDict) or not isinstance(site, LineDict):
        return None, [Problem(file, 1, "cần hai mục school: và site:", "school-config")]
    email = school.get("email")
    if not isinstance(email, str) or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", email):
        problems.append(Problem(file, line_of(school, ["email"]), "school.email phải là một địa chỉ thư",
                                "school-config"))
    result = School(
        name=_texts(school, "name", file, problems),
        short_name=_texts(school, "short_name", file, problems),
        location=_texts(school, "location", file, problems),
        email=str(email),
        email_cite=str(school.get("email_cite", "")),
        site_name=_texts(site, "name", file, problems),
        site_description=_texts(site, "description", file, problems),
        training_basis=str(school.get("training_basis", "")),
        announce_days=int(site.get("announce_days", 90)),
    )
    return result, problems


def load_version(folder: Path, root: Path) -> tuple[Version | None, list[Problem]]:
    problems: list[Problem] = []
    text = folder / TEXT_FILE
    if not text.exists():
        return None, [Problem(display_path(folder, root), 1, f"thiếu văn bản {TEXT_FILE}", "no-text")]
    regulation, found = reg_mod.load(text, root)
    problems += found
    if regulation is None:
        return None, problems
    translation, found = load_translation(folder / "en.yml", root)
    problems += found
    problems += check_translation(regulation, translation)

    effective = regulation.decision.effective or regulation.decision.date
    signer_title = None
    meta_path = folder / "meta.yml"
    meta, found = load_mapping(meta_path, root, "cần dạng \"effective: NNNN-TT-NN\" (và signer_title)", "version-meta")
    if meta is None:
        return None, problems + found
    if meta:
        meta_file = display_path(meta_path, root)
        if "effective" in meta:
            try:
                effective = date.fromisoformat(str(meta["effective"]))
            except ValueError:
                problems.append(Problem(meta_file, line_of(meta, ["effective"]),
                                        "effective phải có dạng NNNN-TT-NN, ví dụ 2023-09-05", "version-meta"))
        if "signer_title" in meta:
            signer_title = _texts(meta, "signer_title", meta_file, problems)
    if regulation.school_year and regulation.school_year != folder.name:
        problems.append(Problem(regulation.source, 1, f"văn bản ghi năm học {regulation.school_year} nhưng nằm "
                                f"trong thư mục {folder.name}", "year-mismatch", "warning"))
    return Version(folder.name, folder, regulation, translation, effective, signer_title), problems


def today() -> date:
    """The build's date; HANDBOOK_TODAY=YYYY-MM-DD fixes it (tests, previewing a future version)."""
    value = os.environ.get("HANDBOOK_TODAY")
    return date.fromisoformat(value) if value else date.today()


def set_status(versions: list[Version], on: date) -> None:
    """The version in force is the latest whose effective date has come; later ones are upcoming."""
    in_force = [v for v in versions if v.effective <= on] or versions[:1]
    current = in_force[-1] if in_force else None
    for older, newer in zip(versions, versions[1:], strict=False):
        older.superseded = newer.effective
        newer.previous = older
    for v in versions:
        v.status = ("current" if v is current else
                    "upcoming" if current and v.effective > on and versions.index(v) > versions.index(current)
                    else "superseded")


def load_project(root: Path) -> Project:
    root = root.resolve()
    school, problems = load_school(root / "regulations" / "school.yml", root)
    project = Project(root, school, problems=problems, today=today())
    folders = sorted(p for p in (root / "regulations").iterdir() if p.is_dir() and RE_YEAR.match(p.name))
    if not folders:
        project.problems.append(Problem("regulations", 1, "chưa có văn bản nào (regulations/<năm học>/quy-che.txt)",
                                        "no-versions"))
    for folder in folders:
        version, found = load_version(folder, root)
        project.problems += found
        if version:
            project.versions.append(version)
    set_status(project.versions, project.today)
    for older, newer in zip(project.versions, project.versions[1:], strict=False):
        if newer.effective <= older.effective:
            project.problems.append(Problem(display_path(newer.folder / "meta.yml", root), 1,
                                            f"phiên bản {newer.year} phải có hiệu lực sau {older.year} "
                                            f"({newer.effective} ≤ {older.effective})", "version-order"))
    reg = project.latest.regulation if project.latest else None
    project.quizzes, found = load_quizzes(root / "quizzes", root)
    project.problems += found + check_citations(project.quizzes, reg)
    project.synonyms, found = load_synonyms(root / "regulations" / "synonyms.yml", root)
    project.problems += found
    project.synonyms_en, found = load_synonyms(root / "regulations" / "synonyms.en.yml", root)
    project.problems += found
    project.guides, found = load_guides(root / "guides", root)
    project.problems += found
    project.problems += check_guides(project.guides, reg, {q.id for q in project.quizzes})
    if school and school.training_basis and reg and not reg.get(school.training_basis):
        project.problems.append(Problem("regulations/school.yml", 1, f"training_basis: không có mã "
                                        f"{school.training_basis} trong Quy chế", "unknown-cite"))
    if reg is not None:
        project.problems += check_page_links(root / "docs", root, reg)
    project.reviews, found = reviews.load_records(root / reviews.RECORDS, root)
    project.problems += found
    if reg is not None:
        project.problems += reviews.check(project)
    return project


def load_synonyms(path: Path, root: Path) -> tuple[dict[str, list[str]], list[Problem]]:
    """regulations/synonyms.yml: `what people type: [words the text uses]`; keys are matched
    without diacritics, so they are stored folded."""
    file = display_path(path, root)
    data, problems = load_mapping(path, root, "cần dạng \"từ gõ: [từ trong văn bản, …]\"", "synonyms")
    if data is None:
        return {}, problems
    result: dict[str, list[str]] = {}
    for key, value in data.items():
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(Problem(file, data.key_lines[key], f"{key}: cần một danh sách từ, ví dụ [mật khẩu]",
                                    "synonyms"))
            continue
        result[" ".join(fold(str(key)).split())] = [" ".join(v.split()) for v in value]
    return result, problems


RE_REG_LINK = re.compile(r"\]\((?:\.\./)*(quy-che|quyet-dinh)/index\.md#([\w-]+)\)")


def check_page_links(docs: Path, root: Path, reg: Regulation) -> list[Problem]:
    """Hand-written pages (docs/*.md) link to articles and points too: those links must exist in
    the version in force (the build checks them as well, but without naming the line)."""
    problems = []
    for path in sorted(docs.glob("*.md")):
        for no, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            for m in RE_REG_LINK.finditer(line):
                if reg.get(m.group(2)) is None:
                    problems.append(Problem(display_path(path, root), no, f"liên kết tới {m.group(2)}: không có "
                                            f"trong Quy chế (văn bản {reg.school_year})", "unknown-cite"))
    return problems
