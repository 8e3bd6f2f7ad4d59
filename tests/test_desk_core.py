"""What the desk adds to the core, without a browser: in-place YAML edits (only the edited values change),
pending translations set, the decision heading above "Số:", items citing a removed point, the deploy
setting and a failed deploy that puts site/ back, and the desk's interface strings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from handbook import publish, reviews
from handbook.desk import edits
from handbook.i18n import strings
from handbook.parser import parse_text
from handbook.problems import ContentError
from handbook.project import load_project

from .support.nextyear import next_year_text
from .support.project import OFFICIAL, ROOT, copy_project, make_project

TEXT = OFFICIAL.read_text(encoding="utf-8")
HEADING = "UBND QUẬN LONG BIÊN\nTRƯỜNG TIỂU HỌC THANH AM\n\nSố: 24/QĐ-THTA\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" \
          "Độc lập - Tự do - Hạnh phúc\n\n"


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.split("\n"), after.split("\n")
    assert len(a) == len(b)
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


def item(project, key: str) -> reviews.Item:
    return next(i for i in project.review_items() if i.key == key)


def test_editing_a_question_changes_only_the_edited_values(project):
    it = item(project, "quiz/dinh-kem-15mb")
    text = it.file.read_text(encoding="utf-8")
    values = {f.name: f.value for f in edits.fields(text, it)}
    assert set(values) >= {"prompt.vi", "prompt.en", "choices.0.text.vi", "explanation.en", "cite"}
    values["choices.0.text.en"] = 'A file of "25 MB" — \\ too large:\r\nsecond line  '
    values["cite"] = "dieu-8-d\ndieu-4-d"
    new, changed = edits.edit(text, it, values)
    assert changed == ["choices.0.text.en", "cite"]
    lines = changed_lines(text, new)
    assert lines[0][1].endswith('en: "A file of \\"25 MB\\" — \\\\ too large:\\nsecond line"}')
    assert lines[1][1] == "    cite: [dieu-8-d, dieu-4-d]"
    assert len(lines) == 2
    assert edits.fields(new, it)[3].value == 'A file of "25 MB" — \\ too large:\nsecond line'  # read back as typed


def test_editing_a_step_and_a_checklist_keeps_every_comment_and_flow_mapping(project):
    step = item(project, "guide/tep-dinh-kem/kiem-tra-dung-luong")
    text = step.file.read_text(encoding="utf-8")
    new, changed = edits.edit(text, step, {"title.en": "Check the size first", "rules.0.text.vi": "Tối đa 20MB.",
                                           "not-a-field": "ignored", "../../etc": "ignored"})
    assert changed == ["title.en", "rules.0.text.vi"]
    assert [b for _, b in changed_lines(text, new)] == [
        '    title: {vi: "Kiểm tra dung lượng", en: "Check the size first"}', '          vi: "Tối đa 20MB."']
    checklist = item(project, "guide/tep-dinh-kem/danh-sach-kiem-tra")
    new, changed = edits.edit(text, checklist, {"1.text.vi": "Mục mới."})
    assert changed == ["1.text.vi"] and len(changed_lines(text, new)) == 1


def test_a_pending_translation_becomes_the_english_string_with_its_comments(tmp_path):
    en = (ROOT / "regulations" / "2022-2023" / "en.yml").read_text(encoding="utf-8")
    old = re.search(r'^dieu-8-d: (".*")$', en, re.M).group(1)
    pending = en.replace(f"dieu-8-d: {old}", f"dieu-8-d:\n  pending: changed\n  previous: {old}")
    out = edits.set_translation(pending, "dieu-8-d", "Up to 20MB.", "en.yml")
    assert out == en.replace(f"dieu-8-d: {old}", 'dieu-8-d: "Up to 20MB."')
    assert edits.set_translation(out, "dieu-8-d", "Again.", "en.yml").count('dieu-8-d: "Again."') == 1
    with pytest.raises(ContentError):
        edits.set_translation(en, "dieu-99", "x", "en.yml")


def test_the_heading_above_so_is_kept_and_the_2022_ids_do_not_change():
    plain, problems = parse_text(TEXT)
    assert problems == []
    headed, problems = parse_text(TEXT.replace("Số: 24/QĐ-THTA\n\n", HEADING, 1))
    assert problems == []
    ids = [u.id for u in plain.units()]
    assert [u.id for u in headed.units() if not u.id.startswith("qd-dau-")] == ids
    assert not any(i.startswith("qd-dau-") for i in ids)
    left, right = headed.decision.heading_sides
    assert [b.lines for b in left] == [("UBND QUẬN LONG BIÊN", "TRƯỜNG TIỂU HỌC THANH AM"), ("Số: 24/QĐ-THTA",)]
    assert [b.lines for b in right] == [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
                                        ("Thượng Thanh, ngày 11 tháng 10 năm 2022",)]


def test_a_line_above_so_that_is_not_a_heading_is_still_refused():
    _, problems = parse_text("xin chào\n\n" + TEXT)
    assert [(p.line, p.code) for p in problems] == [(1, "unexpected-line")]


def test_the_decision_page_prints_the_heading_in_its_two_columns(tmp_path):
    from handbook.site import generate

    project = make_project(tmp_path / "p", files={"regulations/2022-2023/quy-che.txt":
                                                  TEXT.replace("Số: 24/QĐ-THTA\n\n", HEADING, 1)}, reviewed=False)
    html = generate(load_project(project))["quyet-dinh/index.vi.md"]
    head = html[html.index('<div class="hb-decision-head">'):html.index("\n# <span")]
    sides = re.findall(r'<div class="hb-decision-head__side">(.*?)</div>', head, re.S)
    assert len(sides) == 2
    assert re.findall(r'id="([\w-]+)"', sides[0]) == ["qd-dau-1", "qd-so"]
    assert re.findall(r'id="([\w-]+)"', sides[1]) == ["qd-dau-2", "qd-ngay"]
    assert "TRƯỜNG TIỂU HỌC THANH AM" in sides[0] and "Độc lập - Tự do - Hạnh phúc" in sides[1]


def test_items_citing_a_removed_point_are_found(tmp_path):
    reg, _ = parse_text(next_year_text())
    project = load_project(ROOT)
    gone = reviews.removed(project.review_items(), reg)
    assert gone and all(ids == ["dieu-13-g"] for _, ids in gone)
    assert {i.key for i, _ in gone} & {i.key for i, _ in reviews.flagged(project.review_items(), reg, {})} == set()


@pytest.mark.parametrize("value,ok", [("[]", True), ("[rsync, -a, site/, 'may chu:/var/www/']", True),
                                      ('"rsync -a site/ x:/y"', False), ("[rsync, '']", False), ("[1, 2]", False)])
def test_the_deploy_command_is_a_list_of_arguments(tmp_path, value, ok):
    root = copy_project(tmp_path / "p")
    school = root / "regulations" / "school.yml"
    school.write_text(school.read_text(encoding="utf-8").replace("  deploy: []", f"  deploy: {value}"),
                      encoding="utf-8")
    project = load_project(root)
    found = [p for p in project.problems if "publish.deploy" in p.message]
    assert (found == []) == ok
    if ok:
        assert isinstance(project.school.deploy, tuple)


def test_a_failed_deploy_puts_the_published_site_back(tmp_path, monkeypatch):
    root = tmp_path / "p"
    (root / "site").mkdir(parents=True)
    (root / "site" / "index.html").write_text("old", encoding="utf-8")

    def fake_build(root: Path, offline: bool, site: str, say, echo) -> int:  # what a successful build leaves
        (root / site / "index.html").write_text("new", encoding="utf-8")
        (root / publish.OFFLINE_ZIP).parent.mkdir(exist_ok=True)
        (root / publish.OFFLINE_ZIP).write_text("new zip", encoding="utf-8")
        return 0

    monkeypatch.setattr(publish, "build", fake_build)
    said: list[str] = []
    import sys

    failing = (sys.executable, "-c", "import sys; print('connection refused'); sys.exit(3)")
    assert publish.publish(root, failing, say=said.append) == 3
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "old"
    assert not (root / publish.OFFLINE_ZIP).exists()
    assert "connection refused" in said and any("trả lại như trước" in line for line in said)
    working = (sys.executable, "-c", "print('copied')")
    assert publish.publish(root, working, say=said.append) == 0
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "new"
    assert publish.publish(root, ("no-such-command-here",), say=said.append) == 1


def test_every_desk_string_used_exists_in_both_languages_and_every_one_is_used():
    desk = ROOT / "scripts" / "handbook" / "desk"
    source = "\n".join(p.read_text(encoding="utf-8") for p in [*desk.glob("*.py"), *desk.glob("templates/*.j2")])
    keys = {k for k in strings().table if k.startswith("desk.")}
    used = {k for k in re.findall(r"[\"'](desk\.[a-z_.0-9]+)[\"']", source) if not k.endswith((".", "_"))}
    prefixes = set(re.findall(r"[\"'](desk\.[a-z_.]+\.)[\"'] ~", source)) | set(
        re.findall(r"[\"'](desk\.[a-z_.]+_)[\"'] ~", source))
    assert used - keys == set()
    unused = {k for k in keys - used if not any(k.startswith(p) for p in prefixes)}
    assert unused == set()
    assert all(set(strings().table[k]) == {"vi", "en"} for k in keys)


def test_the_desk_takes_the_next_free_port():
    import socket

    from handbook.desk.server import free_port

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        assert free_port("127.0.0.1", taken) not in (None, taken)


def test_handbook_import_reads_a_word_file(tmp_path):
    from .support.project import run_cli
    from .support.word import make_docx

    root = copy_project(tmp_path / "p")
    source = tmp_path / "QĐ 31.docx"
    source.write_bytes(make_docx(next_year_text(), auto_articles=[2, 4]))
    result = run_cli(root, "import", str(source), "--year", "2023-2024")
    assert result.code == 0, result.output
    assert (root / "regulations" / "2023-2024" / "quy-che.txt").read_text(encoding="utf-8").startswith(
        "UBND QUẬN LONG BIÊN\nTRƯỜNG TIỂU HỌC THANH AM\n\nSố: 31/QĐ-THTA")
    broken = tmp_path / "sai.docx"
    broken.write_bytes(b"PK\x03\x04not a package")
    result = run_cli(root, "import", str(broken), "--year", "2024-2025")
    assert result.code == 1 and "sai.docx" in result.err and "Traceback" not in result.output


def test_a_block_scalar_is_replaced_without_joining_the_next_line(tmp_path):
    quiz = tmp_path / "q.yml"
    text = ("id: q\nquestions:\n  - id: cau\n    prompt:\n      vi: |\n        Dòng một\n        dòng hai\n"
            "      en: >\n        Line one\n        line two\n    explanation: {vi: \"a\", en: \"b\"}  # kept\n"
            "    cite: [dieu-1-1]\n")
    it = reviews.Item("quiz/cau", "question", "cau", quiz, 3, "câu hỏi cau", ("dieu-1-1",))
    new, changed = edits.edit(text, it, {"prompt.vi": "Mới", "prompt.en": "New"})
    assert changed == ["prompt.vi", "prompt.en"]
    assert new == ("id: q\nquestions:\n  - id: cau\n    prompt:\n      vi: \"Mới\"\n      en: \"New\"\n"
                   "    explanation: {vi: \"a\", en: \"b\"}  # kept\n    cite: [dieu-1-1]\n")
