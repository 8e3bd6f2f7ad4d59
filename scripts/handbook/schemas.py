"""JSON Schema validation of editor YAML, with every error turned into a file:line problem.

The schemas (guides/schema.json, quizzes/schema.json) are the contract editors see in VS Code;
the same files validate here, so the editor and the build never disagree."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import fsutil
from .problems import ContentError, Problem
from .yamlfile import LineDict, line_of
from .yamlfile import load as load_yaml

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

VALID_CACHE = Path(".cache") / "handbook" / "valid-yaml.json"
MAX_REMEMBERED = 5000


def validator(schema_path: Path) -> Draft202012Validator:
    """The schema as it is now (a long-running desk sees an edited schema at once)."""
    return _compiled(schema_path.read_text(encoding="utf-8"))


@cache
def _compiled(schema: str) -> Draft202012Validator:
    # Imported when a file has to be validated: nothing changed since the last check, nothing imported
    # (jsonschema and what it brings weigh 3 MiB and a few hundred ms on every build).
    from jsonschema import Draft202012Validator  # noqa: PLC0415

    return Draft202012Validator(json.loads(schema))


class ValidFiles:
    """The files that matched their schema, remembered by a hash of the file and of the schema together,
    in the project's .cache/ (git-ignored): a file unchanged since it last matched an unchanged schema is
    not validated again. Only matches are remembered; a file with problems is always validated."""

    def __init__(self, root: Path):
        self.path = root / VALID_CACHE
        try:
            self.known = set(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            self.known = set()
        self.seen: set[str] = set()

    @staticmethod
    def key(schema_path: Path, path: Path) -> str:
        return hashlib.sha256(schema_path.read_bytes() + b"\0" + path.read_bytes()).hexdigest()

    def save(self) -> None:
        if self.seen - self.known:
            try:
                kept = sorted(self.seen) + sorted(self.known - self.seen)  # this project's files first
                fsutil.write_text(self.path, json.dumps(kept[:MAX_REMEMBERED]))
            except OSError:
                pass  # a read-only project still builds; it only validates every time


def _where(path: list[Any]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(gốc tệp)"


def _message(err: ValidationError) -> str:
    v = err.validator
    # jsonschema types these as "maybe unset"; on an error raised by a validator they are always set.
    value: Any = err.validator_value
    schema: Any = err.schema
    if v == "required":
        missing = [k for k in value if not isinstance(err.instance, dict) or k not in err.instance]
        return f"thiếu trường {', '.join(repr(k) for k in missing)}"
    if v == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        extra = sorted(set(err.instance) - allowed) if isinstance(err.instance, dict) else []
        return f"trường không hợp lệ {', '.join(repr(k) for k in extra)} (xem schema.json)"
    if v == "enum":
        return f"giá trị {err.instance!r} không hợp lệ; chọn một trong: {', '.join(map(str, value))}"
    if v == "type":
        names = {"string": "chuỗi", "integer": "số nguyên", "boolean": "true/false", "array": "danh sách",
                 "object": "mục có các trường"}
        want = value if isinstance(value, list) else [value]
        return f"phải là {' hoặc '.join(str(names.get(w, w)) for w in want)}, không phải {err.instance!r}"
    if v == "pattern":
        return f"{err.instance!r} sai dạng (chữ thường không dấu, nối bằng '-'; mã trích dẫn như dieu-13-e)"
    if v in ("minItems", "minLength"):
        return "không được để trống"
    if v in ("minimum", "maximum"):
        return f"giá trị {err.instance!r} ngoài khoảng cho phép"
    if v == "not":  # a schema may say in its own words why the combination is refused
        why = value.get("description") if isinstance(value, dict) else None
        return why or "có trường không dùng được với loại này (true_false dùng answer, loại khác dùng choices)"
    if v == "anyOf":
        return "bước cần có ít nhất một trong: text, rules, choice"
    return err.message


def validate(data: Any, schema_path: Path, file: Path | str) -> list[Problem]:
    problems = []
    errors = sorted(validator(schema_path).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    for err in errors:
        path = list(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
            if extra:
                path = [*path, extra[0]]
        problems.append(Problem(file, line_of(data, path), f"{_where(list(err.absolute_path))}: {_message(err)}",
                                "schema"))
    return problems


def documents(folder: Path, problems: list[Problem]) -> Iterator[tuple[Path, LineDict]]:
    """Each YAML file of an editor folder (guides/, quizzes/) that parses, matches the folder's
    schema.json and whose id is its file name (the id is the page's address): (path, data).
    Everything else is reported into `problems`, including files the folder would silently pass over."""
    problems += ignored_files(folder)
    schema = folder / "schema.json"
    if not schema.is_file() and any(folder.glob("*.yml")):
        problems.append(Problem(schema, 0, "thiếu lược đồ schema.json của thư mục: lấy lại từ bản gốc của dự án",
                                "no-schema"))
        return
    valid = ValidFiles(folder.parent)
    for path in sorted(folder.glob("*.yml")):
        file = path
        try:
            data = load_yaml(path)
            key = ValidFiles.key(schema, path)
        except ContentError as exc:
            problems += exc.problems
            continue
        except OSError as exc:
            problems.append(Problem(path, 0, f"không đọc được: {exc.strerror or exc}", "unreadable"))
            continue
        found = [] if key in valid.known else validate(data, schema, file)
        if found:
            problems += found
            continue
        valid.seen.add(key)
        if data["id"] != path.stem:
            problems.append(Problem(file, line_of(data, ["id"]), f"id {data['id']!r} phải trùng tên tệp "
                                    f"({path.stem}), vì đó là địa chỉ trang", "file-id"))
            continue
        yield file, data
    valid.save()


def ignored_files(folder: Path) -> list[Problem]:
    """Files that look like content but would not be read: `x.yaml`, `x.yml.txt`, `x.YML`."""
    found = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        name = path.name
        lower = name.lower()
        if path.is_file() and not name.endswith(".yml") and not name.startswith(".") \
                and (".yml" in lower or ".yaml" in lower):
            found.append(Problem(path, 1, f"tệp này không được đọc: chỉ các tệp *.yml (chữ thường) là nội dung; "
                                 f"đổi tên thành {name.split('.')[0]}.yml nếu đây là nội dung", "ignored-file",
                                 "warning"))
    return found
