"""Importing a new school year's text as a new version beside the old ones.

The text is read as the office has it (UTF-8, or UTF-16 from Word's "Unicode text"; the desk also
gives text read from a .docx), normalised to NFC, parsed and validated by the same parser as the site;
nothing is written unless it is valid and the project it joins loaded cleanly. The new version is
assembled in a temporary folder and moved into place in one rename, so an interrupted import leaves
the project as it was.

English carries over: a unit whose Vietnamese is unchanged keeps its English; a changed unit becomes
pending with the old English kept as `previous`. Importing over an existing year (`--overwrite`)
carries over from that year's own English and keeps its meta.yml, so correcting one word of a text
costs one pending translation, not all of them."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML

from . import fsutil
from .model import Regulation
from .parser import parse_text
from .problems import ContentError, Problem, errors
from .project import TEXT_FILE, Version, is_year, load_project
from .textfile import decode, read_text
from .translation import Translation, dump_translation


@dataclass
class ImportResult:
    year: str
    folder: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    identical_to: str | None = None  # the year whose text is the same: nothing was written
    carried: int = 0
    pending: dict[str, str] = field(default_factory=dict)  # ID -> "new" | "changed"


def _normalised(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def carry_over(new: Regulation, old: Regulation | None, old_tr: Translation | None, file: Path) -> Translation:
    """English for the new version: kept where the Vietnamese of a unit is unchanged (matched by ID,
    else by identical text under another ID), pending otherwise with the old English for reference."""
    tr = Translation(file)
    if old is None or old_tr is None:
        for unit in new.units():
            tr.pending[unit.id] = "new"
        return tr
    old_units = {u.id: u for u in old.units()}
    by_text = {u.content: u.id for u in old.units()}
    for unit in new.units():
        before = old_units.get(unit.id)
        if before is not None and before.content == unit.content and old_tr.get(unit.id):
            tr.text[unit.id] = old_tr.text[unit.id]
        elif before is not None and before.content == unit.content and unit.id in old_tr.pending:
            tr.pending[unit.id] = old_tr.pending[unit.id]  # still waiting, as before
            if unit.id in old_tr.previous:
                tr.previous[unit.id] = old_tr.previous[unit.id]
        elif unit.content in by_text and old_tr.get(by_text[unit.content]):
            tr.text[unit.id] = old_tr.text[by_text[unit.content]]
        elif before is not None:
            tr.pending[unit.id] = "changed"
            previous = old_tr.get(unit.id) or old_tr.previous.get(unit.id)
            if previous:
                tr.previous[unit.id] = previous
        else:
            tr.pending[unit.id] = "new"
    return tr


META_TEMPLATE = """# Thông tin của phiên bản {year}. Số, ngày, người ký và ngày hiệu lực được đọc từ văn bản;
# chỉ ghi ở đây những gì văn bản không nói rõ hoặc cần sửa.
# Version metadata: read from the text; write here only what the text does not state or gets wrong.
#
# Đọc được từ văn bản / read from the text:
#   Quyết định số {number}, {place}, ngày {date}; người ký: {signer}
#   Ngày có hiệu lực: {effective}
"""


def new_meta(year: str, reg: Regulation, previous: Version | None, effective: date | None) -> str:
    """meta.yml for a new version: what was read from the text as comments, the signer's title carried
    over from the previous version, the effective date only when given. Written by a YAML library."""
    d = reg.decision
    head = META_TEMPLATE.format(year=year, number=d.number, place=d.place, date=d.date.isoformat(),
                                signer=d.signer, effective=d.effective.isoformat() if d.effective else "(không ghi)")
    data: dict[str, object] = {}
    if previous and previous.signer_title:
        data["signer_title"] = dict(previous.signer_title)
    if effective:
        data["effective"] = effective.isoformat()
    body = _dump(data) if data else ""
    tail = "" if effective else "# effective: YYYY-MM-DD\n"
    hint = "" if data.get("signer_title") else "# signer_title: {vi: \"Hiệu trưởng\", en: \"Principal\"}\n"
    return head + hint + body + tail


def set_effective(meta_text: str, effective: date) -> str:
    """meta.yml with its effective date set, every comment and other line kept (ruamel round trip)."""
    yaml = _round_trip()
    data = yaml.load(meta_text) or {}
    data["effective"] = effective.isoformat()
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 10_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _dump(data: dict[str, object]) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = None
    yaml.allow_unicode = True
    yaml.width = 10_000
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def parse_year(value: str) -> Problem | None:
    if not is_year(value):
        return Problem("--year", 0, f"năm học {value.strip()!r} phải có dạng NNNN-NNNN gồm hai năm liền nhau, "
                       "ví dụ 2023-2024", "bad-year")
    return None


def parse_effective(value: str | None) -> tuple[date | None, Problem | None]:
    if value is None:
        return None, None
    try:
        return date.fromisoformat(value.strip()), None
    except ValueError:
        return None, Problem("--effective", 0, f"{value.strip()!r} không phải một ngày dạng NNNN-TT-NN, "
                             "ví dụ 2023-09-05", "bad-date")


def import_text(root: Path, text: str, source_name: str, year: str, overwrite: bool = False,
                effective: str | None = None) -> ImportResult:
    """Import already-decoded text (NFC, '\\n' line ends) as the version of `year`."""
    result = ImportResult(year)
    for problem in (parse_year(year), parse_effective(effective)[1]):
        if problem:
            result.problems.append(problem)
    if result.problems:
        return result
    when = parse_effective(effective)[0]
    reg, problems = parse_text(text, source_name)
    result.problems = problems
    if reg is None or errors(problems):
        return result
    with fsutil.project_lock(root):
        return _write_version(root, result, reg, text, source_name, overwrite, when)


def import_version(root: Path, source: Path, year: str, overwrite: bool = False,
                   effective: str | None = None) -> ImportResult:
    """Import a text file (as the office has it) as the version of `year`."""
    try:
        decoded = read_text(source)
    except ContentError as exc:
        return ImportResult(year, problems=exc.problems)
    return import_text(root, decoded.text, str(source), year, overwrite, effective)


def _write_version(root: Path, result: ImportResult, reg: Regulation, text: str, source_name: str,
                   overwrite: bool, effective: date | None) -> ImportResult:
    project = load_project(root)
    if project.load_errors:
        result.problems += project.load_errors
        result.problems.append(Problem(source_name, 0, "dự án đang có lỗi (liệt kê ở trên): sửa trước rồi nhập "
                                       "lại, để không có gì bị ghi dựa trên dữ liệu hỏng", "project-broken"))
        return result
    year = result.year
    folder = root / "regulations" / year
    existing = project.version(year)
    if folder.exists() and not overwrite:
        result.problems.append(Problem(source_name, 0, f"đã có phiên bản {year} (regulations/{year}); "
                                       "muốn thay thế thì thêm --overwrite", "version-exists"))
        return result
    others = [v for v in project.versions if v.year != year]
    before = [v for v in others if v.year < year]
    latest = before[-1] if before else None
    compare_with = existing or latest
    if compare_with is not None and _normalised(_text_of(compare_with)) == _normalised(text):
        result.identical_to = compare_with.year
        return result
    if reg.school_year and reg.school_year != year:
        result.problems.append(Problem(source_name, 1, f"văn bản ghi năm học {reg.school_year}, đang nhập là {year}",
                                       "year-mismatch", "warning"))
    # The English and the metadata come from the version being replaced, or else the one before.
    tr = carry_over(reg, compare_with.regulation if compare_with else None,
                    compare_with.translation if compare_with else None, folder / "en.yml")
    if existing is not None:
        meta = (existing.folder / "meta.yml").read_text(encoding="utf-8") if (existing.folder / "meta.yml").exists() \
            else new_meta(year, reg, latest, None)
        if effective:
            meta = set_effective(meta, effective)
    else:
        meta = new_meta(year, reg, latest, effective)
    try:
        with fsutil.new_folder(folder) as fresh:
            fsutil.write_text(fresh / TEXT_FILE, text)
            fsutil.write_text(fresh / "meta.yml", meta)
            fsutil.write_text(fresh / "en.yml", dump_translation(reg, tr, f"regulations/{year}/{TEXT_FILE}"))
    except OSError as exc:
        result.problems.append(Problem(folder.parent, 0, f"không ghi được vào thư mục: {exc.strerror or exc}; "
                                       "không có gì thay đổi", "write-failed"))
        return result
    result.folder = folder
    result.carried = len(tr.text)
    result.pending = dict(tr.pending)
    return result


def _text_of(version: Version) -> str:
    try:
        return decode((version.folder / TEXT_FILE).read_bytes(), version.folder / TEXT_FILE).text
    except (OSError, ContentError):
        return ""
