"""Everything the handbook is built from, loaded once: school settings, regulation versions with
their translations, guides, quizzes, review records, the languages and the page catalogue. Loading
never raises on bad content: problems are collected with file:line so the CLI can list them all and
the build can refuse. A file that fails to load is reported once, and what depends on it is not
reported again (no 82 "missing translation" lines after one YAML error in en.yml)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

from . import itemquality, parser, reviews
from .guides import Guide, check_guides, load_guides
from .i18n import CONFIG_FILE, DEFAULT_LANGUAGES, Languages, languages_of
from .model import Decision, Regulation
from .problems import Problem, display_path, errors, unique
from .quizzes import Quiz, check_citations, load_quizzes
from .reviews import Item as ReviewItem
from .reviews import Records
from .routes import Catalogue, Item
from .slugs import fold
from .translation import Translation, check_translation, load_translation
from .yamlfile import LineDict, line_of, load_mapping

RE_YEAR = re.compile(r"(\d{4})-(\d{4})")
TEXT_FILE = "quy-che.txt"
Status = Literal["current", "superseded", "upcoming"]


@dataclass(frozen=True)
class School:
    name: dict[str, str]
    short_name: dict[str, str]
    location: dict[str, str]
    email: str  # the school's address for official documents (a point of Điều 6 lists it)
    email_cite: str
    results_email: str  # where staff send their training results (its own setting: not the documents mailbox)
    results_email_cite: str
    site_name: dict[str, str]
    site_description: dict[str, str]
    training_basis: str = ""  # the point that makes the leadership train staff (cited on the training page)
    announce_days: int = 90  # how long the "new version in force" announcement stays up
    deploy: tuple[str, ...] = ()  # publish.deploy: the command that copies site/ to the web server (no shell)


@dataclass
class Version:
    year: str  # "2022-2023": the folder name and the version's address
    folder: Path
    regulation: Regulation
    translation: Translation
    effective: date
    signer_title: dict[str, str] | None = None
    superseded: date | None = None  # the day the next version takes (or took) effect
    status: Status = "current"
    previous: Version | None = None

    @property
    def decision(self) -> Decision:
        return self.regulation.decision

    @property
    def year_label(self) -> str:
        return self.year.replace("-", "–")


@dataclass
class Project:
    root: Path
    school: School | None
    languages: Languages = DEFAULT_LANGUAGES
    versions: list[Version] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    guides: list[Guide] = field(default_factory=list)
    synonyms: dict[str, list[str]] = field(default_factory=dict)  # search: what staff type -> text words
    synonyms_en: dict[str, list[str]] = field(default_factory=dict)  # the same for the English site
    quizzes: list[Quiz] = field(default_factory=list)
    today: date = field(default_factory=date.today)
    reviews: Records | None = field(default_factory=dict)  # None: the records file is unreadable
    _catalogues: dict[bool, Catalogue] = field(default_factory=dict, repr=False)

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

    @property
    def load_errors(self) -> list[Problem]:
        """Errors other than review flags: with any of these, no command may write records derived
        from the project (a quiz that failed to load would look like a quiz that was deleted)."""
        return [p for p in errors(self.problems) if p.code not in reviews.CODES]

    def catalogue(self, directory_urls: bool = True) -> Catalogue:
        """The page catalogue of this project (built once its guides and quizzes are loaded)."""
        if directory_urls not in self._catalogues:
            current = self.current.year if self.current else None
            self._catalogues[directory_urls] = Catalogue(
                self.languages, [v.year for v in self.versions], current,
                [Item(g.id, self.path(g.file), g.template) for g in self.guides],
                [Item(q.id, self.path(q.file), q.template) for q in self.quizzes], directory_urls)
        return self._catalogues[directory_urls]

    def review_items(self) -> list[ReviewItem]:
        return reviews.items(self.guides, self.quizzes)

    def path(self, path: Path) -> str:
        """A path as the editor knows it (relative to the project)."""
        return display_path(path, self.root)


def _texts(data: LineDict, key: str, file: Path, langs: tuple[str, ...], problems: list[Problem]) -> dict[str, str]:
    value = data.get(key)
    if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) and value[lang].strip()
                                              for lang in langs):
        problems.append(Problem(file, line_of(data, [key]), f"{key} cần có nội dung cho: {', '.join(langs)}",
                                "school-config"))
        return {lang: "" for lang in langs}
    return {lang: " ".join(value[lang].split()) for lang in langs}


RE_EMAIL = re.compile(r"[^@\s\"<>]+@[^@\s\"<>]+\.[a-z]{2,}")
RE_CITE = re.compile(r"(dieu|qd-dieu|chuong)-[0-9]+(-([a-z]+|[0-9]+))?")


def load_school(path: Path, langs: tuple[str, ...]) -> tuple[School | None, list[Problem]]:
    data, problems = load_mapping(path, "cần hai mục school: và site:", "school-config")
    if data is None:
        return None, problems
    school = data.get("school")
    site = data.get("site")
    if not isinstance(school, LineDict) or not isinstance(site, LineDict):
        return None, [Problem(path, 1, "cần hai mục school: và site:", "school-config")]

    def email(key: str) -> str:
        value = school.get(key)
        if not isinstance(value, str) or not RE_EMAIL.fullmatch(value):
            problems.append(Problem(path, line_of(school, [key]), f"school.{key} phải là một địa chỉ thư, "
                                    "ví dụ c1thanham@longbien.edu.vn", "school-config"))
            return ""
        return value

    def cite(mapping: LineDict, key: str) -> str:
        value = mapping.get(key, "")
        if not isinstance(value, str) or (value and not RE_CITE.fullmatch(value)):
            problems.append(Problem(path, line_of(mapping, [key]), f"{key}: cần một mã điều/điểm như dieu-6-2",
                                    "school-config"))
            return ""
        return value

    days = site.get("announce_days", 90)
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 3650:
        problems.append(Problem(path, line_of(site, ["announce_days"]), "announce_days phải là số ngày "
                                "(số nguyên từ 0 đến 3650), ví dụ 90", "school-config"))
        days = 90
    school_email = email("email")
    deploy: tuple[str, ...] = ()
    publish = data.get("publish", LineDict())
    command = publish.get("deploy", []) if isinstance(publish, dict) else None
    if not isinstance(command, list) or not all(isinstance(a, str) and a.strip() for a in command):
        problems.append(Problem(path, line_of(data, ["publish", "deploy"]), "publish.deploy phải là một lệnh viết "
                                "thành danh sách, ví dụ [rsync, -a, site/, may-chu:/var/www/so-tay/]; [] nếu không "
                                "dùng", "school-config"))
    else:
        deploy = tuple(command)
    result = School(
        name=_texts(school, "name", path, langs, problems),
        short_name=_texts(school, "short_name", path, langs, problems),
        location=_texts(school, "location", path, langs, problems),
        email=school_email,
        email_cite=cite(school, "email_cite"),
        results_email=email("results_email") if "results_email" in school else school_email,
        results_email_cite=cite(school, "results_email_cite") or cite(school, "email_cite"),
        site_name=_texts(site, "name", path, langs, problems),
        site_description=_texts(site, "description", path, langs, problems),
        training_basis=cite(school, "training_basis"),
        announce_days=days,
        deploy=deploy,
    )
    return result, problems


def load_version(folder: Path, langs: tuple[str, ...]) -> tuple[Version | None, list[Problem]]:
    problems: list[Problem] = []
    text = folder / TEXT_FILE
    if not text.exists():
        return None, [Problem(folder, 1, f"thiếu văn bản {TEXT_FILE}", "no-text")]
    regulation, found = parser.load(text)
    problems += found
    if regulation is None:
        return None, problems
    translation, found = load_translation(folder / "en.yml")
    problems += found
    problems += check_translation(regulation, translation)

    effective = regulation.decision.effective or regulation.decision.date
    signer_title = None
    meta_path = folder / "meta.yml"
    meta, found = load_mapping(meta_path, "cần dạng \"effective: NNNN-TT-NN\" (và signer_title)", "version-meta")
    if meta is None:
        return None, problems + found
    if "effective" in meta:
        try:
            effective = date.fromisoformat(str(meta["effective"]))
        except ValueError:
            problems.append(Problem(meta_path, line_of(meta, ["effective"]),
                                    "effective phải là một ngày có thật dạng NNNN-TT-NN, ví dụ 2023-09-05",
                                    "version-meta"))
    if "signer_title" in meta:
        signer_title = _texts(meta, "signer_title", meta_path, langs, problems)
    if regulation.school_year and regulation.school_year != folder.name:
        problems.append(Problem(text, 1, f"văn bản ghi năm học {regulation.school_year} nhưng nằm "
                                f"trong thư mục {folder.name}", "year-mismatch", "warning"))
    return Version(folder.name, folder, regulation, translation, effective, signer_title), problems


def today() -> date:
    """The build's date; HANDBOOK_TODAY=YYYY-MM-DD fixes it (tests, previewing a future version)."""
    value = os.environ.get("HANDBOOK_TODAY")
    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError:
        return date.today()


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


def is_year(name: str) -> bool:
    """A school-year folder name: "2023-2024" (two consecutive years)."""
    m = RE_YEAR.fullmatch(name)
    return bool(m) and int(m.group(2)) == int(m.group(1)) + 1  # type: ignore[union-attr]


def is_project(root: Path) -> bool:
    return (root / CONFIG_FILE).is_file() and (root / "regulations").is_dir()


def load_project(root: Path, languages: Languages | None = None) -> Project:
    """Load and check everything. `languages` comes from the i18n plugin during a build; the CLI reads
    the same configuration from mkdocs.yml."""
    root = root.resolve()
    if not is_project(root):
        return Project(root, None, problems=[Problem(root, 1, f"đây không phải thư mục sổ tay (cần {CONFIG_FILE} và "
                                                     "thư mục regulations/): chạy lệnh trong thư mục dự án hoặc "
                                                     "thêm --root", "no-project")])
    languages = languages or languages_of(root)
    regulations = root / "regulations"
    school, problems = load_school(regulations / "school.yml", languages.codes)
    project = Project(root, school, languages, problems=problems, today=today())
    folders = []
    for p in sorted(regulations.iterdir()):
        if p.is_dir() and is_year(p.name):
            folders.append(p)
        elif p.is_dir() and not p.name.startswith("."):
            project.problems.append(Problem(p, 1, f"thư mục {p.name!r} không được đọc: thư mục một phiên bản phải "
                                            "tên là năm học, ví dụ 2023-2024", "ignored-folder", "warning"))
    if not folders:
        project.problems.append(Problem(regulations, 1, "chưa có văn bản nào (regulations/<năm học>/quy-che.txt)",
                                        "no-versions"))
    for folder in folders:
        version, found = load_version(folder, languages.codes)
        project.problems += found
        if version:
            project.versions.append(version)
    set_status(project.versions, project.today)
    for older, newer in zip(project.versions, project.versions[1:], strict=False):
        if newer.effective <= older.effective:
            project.problems.append(Problem(newer.folder / "meta.yml", 1,
                                            f"phiên bản {newer.year} phải có hiệu lực sau {older.year} "
                                            f"({newer.effective} ≤ {older.effective})", "version-order"))
    reg = project.latest.regulation if project.latest else None
    project.quizzes, found = load_quizzes(root / "quizzes")
    project.problems += found + check_citations(project.quizzes, reg)
    project.problems += itemquality.check(project.quizzes, reg, languages.default)
    project.synonyms, found = load_synonyms(regulations / "synonyms.yml")
    project.problems += found
    project.synonyms_en, found = load_synonyms(regulations / "synonyms.en.yml")
    project.problems += found
    project.guides, found = load_guides(root / "guides")
    project.problems += found
    catalogue = project.catalogue()
    for first, second in catalogue.clashes:
        project.problems.append(Problem(root / (second.sources[0] if second.sources else "."), 1,
                                        f"trang {second.key} trùng địa chỉ với {first.key} ({first.src}): đổi mã",
                                        "route-clash"))
    project.problems += check_guides(project.guides, reg, lambda link: catalogue.link(link) is not None)
    if school and reg:
        for key, value in (("training_basis", school.training_basis), ("email_cite", school.email_cite),
                           ("results_email_cite", school.results_email_cite)):
            if value and reg.get(value) is None:
                project.problems.append(Problem(regulations / "school.yml", 1, f"{key}: không có mã {value} "
                                                f"trong Quy chế", "unknown-cite"))
    if reg is not None:
        project.problems += check_page_links(root / "docs", reg, catalogue)
    project.reviews, found = reviews.load_records(root / reviews.RECORDS)
    project.problems += found
    if reg is not None and project.reviews is not None:
        project.problems += reviews.check(project.review_items(), reg, project.reviews)
    project.problems = unique(project.problems)
    return project


def load_synonyms(path: Path) -> tuple[dict[str, list[str]], list[Problem]]:
    """regulations/synonyms.yml: `what people type: [words the text uses]`; keys are matched
    without diacritics, so they are stored folded."""
    data, problems = load_mapping(path, "cần dạng \"từ gõ: [từ trong văn bản, …]\"", "synonyms")
    if data is None:
        return {}, problems
    result: dict[str, list[str]] = {}
    for key, value in data.items():
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(Problem(path, data.key_lines[key], f"{key}: cần một danh sách từ, ví dụ [mật khẩu]",
                                    "synonyms"))
            continue
        result[" ".join(fold(str(key)).split())] = [" ".join(v.split()) for v in value]
    return result, problems


@cache
def _link_pattern(pages: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\]\((?:\.\./)*(" + "|".join(re.escape(p) for p in pages) + r")#([\w-]+)\)")


def check_page_links(docs: Path, reg: Regulation, catalogue: Catalogue) -> list[Problem]:
    """Hand-written pages (docs/*.md) link to articles and points too: those links must exist in
    the version in force (the build checks them as well, but without naming the line)."""
    pattern = _link_pattern((catalogue.regulation("quy-che").src, catalogue.regulation("decision").src))
    problems = []
    for path in sorted(docs.glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(path, 1, f"không đọc được trang: {exc}", "unreadable"))
            continue
        for no, line in enumerate(text.split("\n"), 1):
            for m in pattern.finditer(line):
                if reg.get(m.group(2)) is None:
                    problems.append(Problem(path, no, f"liên kết tới {m.group(2)}: không có "
                                            f"trong Quy chế (văn bản {reg.school_year})", "unknown-cite"))
    return problems
