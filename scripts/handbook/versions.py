"""Importing a new school year's text as a new version beside the old ones.

The text is read as the office has it (UTF-8, or UTF-16 from Word's "Unicode text"), normalised
to NFC, parsed and validated by the same parser as the site; nothing is written unless it is valid.
The English of unchanged units carries over; new and changed units are marked pending."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from .problems import ContentError, Problem, display_path, errors
from .project import RE_YEAR, TEXT_FILE, load_project
from .regulation import Regulation, parse_text
from .textfile import decode
from .translation import Translation, dump_translation


@dataclass
class ImportResult:
    year: str
    folder: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    identical_to: str | None = None  # the year whose text is the same: nothing was written
    regulation: Regulation | None = None
    carried: int = 0
    pending: dict[str, str] = field(default_factory=dict)  # ID -> "new" | "changed"


def quoted(text: str) -> str:
    """A YAML double-quoted string (JSON's quoting is valid YAML), whatever quotes the text holds."""
    return json.dumps(text, ensure_ascii=False)


def _normalised(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def carry_over(new: Regulation, old: Regulation | None, old_tr: Translation | None, file: str) -> Translation:
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
        elif unit.content in by_text and old_tr.get(by_text[unit.content]):
            tr.text[unit.id] = old_tr.text[by_text[unit.content]]
        elif before is not None:
            tr.pending[unit.id] = "changed"
            if old_tr.get(unit.id):
                tr.previous[unit.id] = old_tr.text[unit.id]
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
{signer_title}{effective_line}"""


def import_version(root: Path, source: Path, year: str, overwrite: bool = False,
                   effective: str | None = None) -> ImportResult:
    result = ImportResult(year)
    file = display_path(source, root)
    if not RE_YEAR.match(year):
        result.problems.append(Problem(file, 1, f"năm học {year!r} phải có dạng 2023-2024", "bad-year"))
        return result
    try:
        decoded = decode(source.read_bytes(), file)
    except ContentError as exc:
        result.problems = exc.problems
        return result
    except OSError as exc:
        result.problems.append(Problem(file, 1, f"không đọc được tệp: {exc.strerror}", "no-file"))
        return result
    reg, problems = parse_text(decoded.text, file)
    result.regulation = reg
    result.problems = problems
    if reg is None or errors(problems):
        return result

    project = load_project(root)
    folder = root / "regulations" / year
    if folder.exists() and not overwrite:
        result.problems.append(Problem(file, 1, f"đã có phiên bản {year} ({display_path(folder, root)}); "
                                       "muốn thay thế thì thêm --overwrite", "version-exists"))
        return result
    others = [v for v in project.versions if v.year != year]
    latest = others[-1] if others else None
    if latest is not None:
        latest_text = (latest.folder / TEXT_FILE).read_bytes()
        if _normalised(decode(latest_text, latest.regulation.source).text) == _normalised(decoded.text):
            result.identical_to = latest.year
            return result
    if reg.school_year and reg.school_year != year:
        result.problems.append(Problem(file, 1, f"văn bản ghi năm học {reg.school_year}, đang nhập là {year}",
                                       "year-mismatch", "warning"))

    # Valid and new: write the version.
    folder.mkdir(parents=True, exist_ok=True)
    (folder / TEXT_FILE).write_text(decoded.text, encoding="utf-8")
    previous_meta = latest.signer_title if latest else None
    signer_title = (f"signer_title: {{vi: {quoted(previous_meta['vi'])}, en: {quoted(previous_meta['en'])}}}\n"
                    if previous_meta else "# signer_title: {vi: \"Hiệu trưởng\", en: \"Principal\"}\n")
    d = reg.decision
    (folder / "meta.yml").write_text(META_TEMPLATE.format(
        year=year, number=d.number, place=d.place, date=d.date.isoformat(), signer=d.signer,
        effective=(d.effective.isoformat() if d.effective else "(không ghi)"), signer_title=signer_title,
        effective_line=(f"effective: {effective}\n" if effective else "# effective: YYYY-MM-DD\n")),
        encoding="utf-8")
    tr = carry_over(reg, latest.regulation if latest else None, latest.translation if latest else None,
                    display_path(folder / "en.yml", root))
    # The model was parsed under the name of the file the office gave; the translation file names the copy.
    stored = replace(reg, source=display_path(folder / TEXT_FILE, root))
    (folder / "en.yml").write_text(dump_translation(stored, tr), encoding="utf-8")
    result.folder = folder
    result.carried = len(tr.text)
    result.pending = dict(tr.pending)
    return result
