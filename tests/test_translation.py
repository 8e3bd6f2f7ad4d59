"""The English translation: complete, keyed by the model's IDs, with missing and orphaned entries caught."""

from __future__ import annotations

from pathlib import Path

import pytest
from handbook.parser import load
from handbook.translation import check_translation, load_translation

from .support.project import OFFICIAL

EN = OFFICIAL.parent / "en.yml"


@pytest.fixture(scope="module")
def reg():
    return load(OFFICIAL)[0]


def check(reg, text: str, tmp_path: Path):
    path = tmp_path / "en.yml"
    path.write_text(text, encoding="utf-8")
    tr, problems = load_translation(path)
    return tr, problems + check_translation(reg, tr)


def test_real_translation_is_complete(reg):
    tr, problems = load_translation(EN)
    assert problems == []
    assert check_translation(reg, tr) == []
    assert set(tr.text) == {u.id for u in reg.units()}
    assert tr.get("dieu-13") and tr.get("qd-dieu-1") and tr.get("chuong-6")


def test_points_are_translated_without_their_label(reg):
    tr, _ = load_translation(EN)
    for unit in reg.units():
        if getattr(unit, "kind", None) == "point":
            assert not tr.get(unit.id).startswith(f"{unit.label})"), unit.id


def test_missing_translation_is_an_error(reg, tmp_path):
    text = EN.read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if not line.startswith("dieu-13-e:")]
    _, problems = check(reg, "\n".join(lines), tmp_path)
    assert [(p.code, p.severity) for p in problems] == [("missing-translation", "error")]
    assert "dieu-13-e" in problems[0].message and "quy-che.txt:165" in problems[0].message


def test_orphaned_translation_names_its_line(reg, tmp_path):
    text = EN.read_text(encoding="utf-8") + '\ndieu-15-a: "A point that does not exist"\n'
    _, problems = check(reg, text, tmp_path)
    line = text.split("\n").index('dieu-15-a: "A point that does not exist"') + 1
    assert [(p.code, p.line) for p in problems] == [("orphan-translation", line)]


def test_pending_translation_is_listed_not_fatal(reg, tmp_path):
    text = EN.read_text(encoding="utf-8").replace(
        'dieu-8-d: "', 'dieu-8-d:\n  pending: changed\n  previous: "', 1)
    tr, problems = check(reg, text, tmp_path)
    assert [(p.code, p.severity) for p in problems] == [("translation-pending", "warning")]
    assert tr.pending == {"dieu-8-d": "changed"} and tr.previous["dieu-8-d"]


def test_empty_and_duplicate_entries(reg, tmp_path):
    text = EN.read_text(encoding="utf-8")
    _, problems = check(reg, text + '\nqd-so: ""\n', tmp_path)
    assert problems[0].code == "duplicate-key"
    _, problems = check(reg, text.replace('qd-so: "No.: 24/QĐ-THTA"', 'qd-so: ""'), tmp_path)
    assert [p.code for p in problems] == ["empty-translation"]


def test_broken_yaml_names_the_line(reg, tmp_path):
    text = EN.read_text(encoding="utf-8")
    lines = text.split("\n")
    idx = next(i for i, line in enumerate(lines) if line.startswith("dieu-5:"))
    lines[idx] = 'dieu-5: "unterminated'
    _, problems = check(reg, "\n".join(lines), tmp_path)
    assert problems[0].code == "yaml" and 0 <= problems[0].line - (idx + 1) <= 4
