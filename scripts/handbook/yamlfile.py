"""Safe YAML loading that remembers where every value came from, so problems can say file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .problems import ContentError, Problem
from .textfile import read_text


class LineDict(dict[Any, Any]):
    """A mapping that knows the line of each key (1-based) and of itself."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list[Any]):
    line: int = 0
    item_lines: list[int]


# libyaml's parser when PyYAML has it (10× faster on the question bank; the constructors below, which
# record lines, are the same Python code either way).
FastSafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(FastSafeLoader):  # type: ignore[valid-type,misc]
    file: Path | str = "<yaml>"


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise ContentError([Problem(loader.file, key_node.start_mark.line + 1, "khóa YAML không hợp lệ",
                                        "yaml")]) from None
        if key in result:
            raise ContentError([Problem(loader.file, key_node.start_mark.line + 1,
                                        f"khóa {key!r} lặp lại (đã có ở dòng {result.key_lines[key]})",
                                        "duplicate-key")])
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
# Dates stay text: editors write "2022-10-11" and mean the text, and JSON Schema expects strings.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def loads(text: str, file: Path | str) -> Any:
    loader = _Loader(text)
    loader.file = file
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise ContentError([Problem(file, line, f"YAML sai cú pháp: {exc.problem or exc.context}", "yaml")]) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise ContentError([Problem(file, line, f"ký tự U+{exc.character:04X} không được dùng trong YAML"
                                    if isinstance(exc.character, int) else "ký tự không hợp lệ trong YAML",
                                    "yaml")]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(file, 1, f"YAML sai cú pháp: {exc}", "yaml")]) from None
    except RecursionError:
        # PyYAML builds nested values recursively: a file nested thousands deep is a mistake, not content.
        raise ContentError([Problem(file, 1, "YAML lồng nhau quá sâu: kiểm tra lại dấu ngoặc và thụt lề",
                                    "yaml")]) from None
    finally:
        loader.dispose()


def load(path: Path) -> Any:
    return loads(read_text(path).text, path)


def load_mapping(path: Path, shape: str, code: str) -> tuple[LineDict | None, list[Problem]]:
    """An optional YAML file that holds a mapping: an empty one when the file is absent or empty;
    None and the problems when it cannot be read or holds something else (`shape` says what is expected)."""
    if not path.exists():
        return LineDict(), []
    try:
        data = load(path)
    except ContentError as exc:
        return None, exc.problems
    if data is None:
        return LineDict(), []
    if not isinstance(data, LineDict):
        return None, [Problem(path, getattr(data, "line", 1), shape, code)]
    return data, []


def line_of(data: Any, path: list[Any] | tuple[Any, ...]) -> int:
    """The line of the value at a JSON-style path (keys and indexes), or the nearest parent's."""
    line = getattr(data, "line", 1)
    node = data
    for step in path:
        if isinstance(node, LineDict) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line
