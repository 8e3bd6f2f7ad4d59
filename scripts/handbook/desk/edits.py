"""Editing the editors' YAML from the desk without disturbing anything else in the file.

ruamel.yaml composes the file into nodes that know where each value starts and ends in the text; an
edit replaces exactly those characters with the new value (written as a double-quoted YAML string, or a
flow list for citations), so every comment, key order, blank line, quoting and line of the file stays as
the editor left it, and a diff shows the edited values only.

Which values may be edited is derived from the model here (an item key → its file → the fields of that
step, checklist or question); the request only ever names one of these fields, never a path or a file.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..problems import ContentError, Problem
from ..reviews import Item

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Field:
    """One editable value of an item: its place in the file, what it is, and its current value."""

    name: str  # the form field's name: the path inside the item, e.g. "rules.0.text.vi"
    path: Path_  # from the document's root
    part: str  # "title", "text", "rule", "advice", "option", "prompt", "choice", "explanation", "checklist", "cite"
    index: int | None  # which rule / advice / choice (0-based), when there are several
    lang: str | None  # "vi" | "en"; None for citations
    value: str  # for citations: the IDs, one per line


def compose(text: str, file: Path | str) -> Node:
    try:
        node = YAML(typ="rt").compose(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError([Problem(file, mark.line + 1 if mark else 1, f"YAML sai cú pháp: {exc}", "yaml")]) from None
    if not isinstance(node, MappingNode):
        raise ContentError([Problem(file, 1, "tệp phải là một mục có các trường", "yaml")])
    return node


def child(node: Node, step: str | int) -> tuple[Node | None, Node | None]:
    """(key node, value node) of a mapping key or a sequence index; (None, None) when absent."""
    if isinstance(node, MappingNode) and isinstance(step, str):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == step:
                return key, value
    if isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return None, node.value[step]
    return None, None


def at(root: Node | None, path: Path_) -> Node | None:
    node: Node | None = root
    for step in path:
        if node is None:
            return None
        node = child(node, step)[1]
    return node


def _items(node: Node | None) -> list[Node]:
    return list(node.value) if isinstance(node, SequenceNode) else []


def _id_index(seq: Node | None, id_: str) -> int | None:
    for i, entry in enumerate(_items(seq)):
        found = child(entry, "id")[1]
        if isinstance(found, ScalarNode) and found.value == id_:
            return i
    return None


def item_path(root: Node, item: Item) -> Path_ | None:
    """Where an item lives in its file: ("steps", 2), ("checklist",) or ("questions", 4)."""
    if item.kind == "question":
        i = _id_index(child(root, "questions")[1], item.owner)
        return None if i is None else ("questions", i)
    if item.kind == "checklist":
        return ("checklist",)
    step = item.key.rsplit("/", 1)[1]
    i = _id_index(child(root, "steps")[1], step)
    return None if i is None else ("steps", i)


def fields(text: str, item: Item) -> list[Field]:
    """The editable values of an item, in reading order."""
    root = compose(text, item.file)
    base = item_path(root, item)
    if base is None:
        raise ContentError([Problem(item.file, item.line, f"{item.label}: không còn trong tệp", "desk-item")])
    node = at(root, base)
    found: list[Field] = []

    def texts(rel: Path_, part: str, index: int | None) -> None:
        value = at(node, rel) if node is not None else None
        for lang in ("vi", "en"):
            scalar = child(value, lang)[1] if value is not None else None
            if isinstance(scalar, ScalarNode):
                found.append(Field(".".join(map(str, (*rel, lang))), (*base, *rel, lang), part, index, lang,
                                   str(scalar.value)))

    def cites(rel: Path_, index: int | None) -> None:
        value = at(node, rel) if node is not None else None
        if isinstance(value, SequenceNode):
            ids = [str(v.value) for v in value.value if isinstance(v, ScalarNode)]
            found.append(Field(".".join(map(str, rel)), (*base, *rel), "cite", index, None, "\n".join(ids)))

    if item.kind == "question":
        texts(("prompt",), "prompt", None)
        for j, _ in enumerate(_items(at(node, ("choices",)))):
            texts(("choices", j, "text"), "choice", j)
        texts(("explanation",), "explanation", None)
        cites(("cite",), None)
    elif item.kind == "checklist":
        for j, entry in enumerate(_items(node)):
            texts((j, "text"), "checklist", j)
            if child(entry, "cite")[1] is not None:
                cites((j, "cite"), j)
    else:
        texts(("title",), "title", None)
        texts(("text",), "text", None)
        for j, _ in enumerate(_items(at(node, ("rules",)))):
            texts(("rules", j, "text"), "rule", j)
            cites(("rules", j, "cite"), j)
        for j, entry in enumerate(_items(at(node, ("choice", "options")))):
            texts(("choice", "options", j, "text"), "option", j)
            if child(entry, "cite")[1] is not None:
                cites(("choice", "options", j, "cite"), j)
        for j, _ in enumerate(_items(at(node, ("advice",)))):
            texts(("advice", j), "advice", j)
    return found


def clean(value: str) -> str:
    """What a text area sends, as the files hold text: NFC, '\\n' line ends, no trailing spaces."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in value.strip().split("\n"))


def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's quoting is valid YAML), whatever the value holds."""
    return json.dumps(value, ensure_ascii=False)


RE_CITE_ID = re.compile(r"^[a-z0-9-]+$")


def cite_list(ids: list[str]) -> str:
    return "[" + ", ".join(i if RE_CITE_ID.match(i) else quoted(i) for i in ids) + "]"


def _end(node: Node) -> int:
    """Where a value really ends: its last scalar (a block mapping's own end mark lies past the comments
    that follow it, which belong to the next entry)."""
    if isinstance(node, ScalarNode):
        return int(node.end_mark.index)
    if isinstance(node, (MappingNode, SequenceNode)) and node.flow_style:
        return int(node.end_mark.index)
    inner: list[Node] = []
    for entry in node.value:
        inner += list(entry) if isinstance(entry, tuple) else [entry]
    return max((_end(n) for n in inner), default=int(node.start_mark.index))


def replace(text: str, changes: dict[Path_, str], file: Path | str) -> str:
    """The text with the values at the given paths replaced by the given YAML (already rendered)."""
    root = compose(text, file)
    spans: list[tuple[int, int, str]] = []
    for path, rendered in changes.items():
        node = at(root, path)
        if node is None:
            raise ContentError([Problem(file, 1, f"không tìm thấy {'.'.join(map(str, path))} trong tệp", "desk-edit")])
        start, end = int(node.start_mark.index), _end(node)
        old = text[start:end]
        spans.append((start, end, rendered + old[len(old.rstrip("\n")):]))  # a block scalar (| or >) owns
    for start, end, rendered in sorted(spans, reverse=True):  # its line end: keep it for the next key
        text = text[:start] + rendered + text[end:]
    return text


def edit(text: str, item: Item, values: dict[str, str]) -> tuple[str, list[str]]:
    """The file's text with an item's fields set from `values` (form name → submitted value; names that
    are not fields of the item are ignored), and the names of the fields that changed."""
    changes: dict[Path_, str] = {}
    changed: list[str] = []
    for f in fields(text, item):
        if f.name not in values:
            continue
        if f.part == "cite":
            ids = [line.strip() for line in values[f.name].replace(",", "\n").split("\n") if line.strip()]
            if ids != f.value.split("\n"):
                changes[f.path] = cite_list(ids)
                changed.append(f.name)
        else:
            new = clean(values[f.name])
            if new != f.value:
                changes[f.path] = quoted(new)
                changed.append(f.name)
    return (replace(text, changes, item.file) if changes else text), changed


def set_translation(text: str, unit_id: str, english: str, file: Path | str) -> str:
    """en.yml with one unit's entry set to its English: a pending entry ({pending: …, previous: …}) becomes
    the English string on the key's line; the comments around it stay."""
    root = compose(text, file)
    key, value = child(root, unit_id)
    if key is None or value is None:
        raise ContentError([Problem(file, 1, f"không có mục {unit_id} trong tệp bản dịch", "desk-edit")])
    if isinstance(value, ScalarNode):
        start = int(value.start_mark.index)
        prefix = ""
    else:
        start = int(key.end_mark.index)
        prefix = ": "
    end = _end(value)
    return text[:start] + prefix + quoted(clean(english)) + text[end:]
