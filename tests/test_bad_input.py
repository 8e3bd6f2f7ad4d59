"""No input makes a command print a traceback: every bad file, value, flag or folder gets
`file:line: message` (or `flag: message`), a non-zero exit, and nothing written.

The commands run in this process (`cli.main`), so an exception that escaped would fail the test
itself; a few run as their own process to see exactly what a person sees. Problems are asserted by
their code and line, not by their wording."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from .support.project import OFFICIAL, handbook, make_project, run_cli

TEXT = OFFICIAL.read_text(encoding="utf-8")


def text_line(prefix: str) -> int:
    return next(i for i, line in enumerate(TEXT.split("\n"), 1) if line.startswith(prefix))


def with_text(tmp_path: Path, text: str) -> Path:
    return make_project(tmp_path / "p", files={"regulations/2022-2023/quy-che.txt": text}, reviewed=False)


def codes(output: str) -> list[tuple[str, int, str]]:
    """(file, line, code) of every problem printed."""
    return [(m.group(1), int(m.group(2) or 0), m.group(3))
            for m in re.finditer(r"^(.+?)(?::(\d+))?: .*\[([\w-]+)\]$", output, re.M)]


def assert_refused(run, file: str, line: int | None, code: str) -> None:
    assert run.code != 0, run.output
    assert "Traceback" not in run.output
    found = codes(run.output)
    assert any(f == file and (line is None or n == line) and c == code for f, n, c in found), found


# -- the official text ---------------------------------------------------------------------------

def test_an_impossible_issue_date(tmp_path):
    project = with_text(tmp_path, TEXT.replace("ngày 11 tháng 10 năm 2022", "ngày 31 tháng 09 năm 2022"))
    assert_refused(run_cli(project, "check"), "regulations/2022-2023/quy-che.txt", 5, "bad-date")


def test_an_impossible_effective_date(tmp_path):
    text = TEXT.replace("có hiệu lực kể từ ngày ký", "có hiệu lực kể từ ngày 31/09/2022")
    project = with_text(tmp_path, text)
    assert_refused(run_cli(project, "check"), "regulations/2022-2023/quy-che.txt", text_line("Điều 2."), "bad-date")


def test_a_nul_character_names_its_line(tmp_path):
    line = text_line("e) Nghiêm cấm")
    lines = TEXT.split("\n")
    lines[line - 1] = lines[line - 1].replace("mật khẩu", "mật\0khẩu", 1)
    project = with_text(tmp_path, "\n".join(lines))
    assert_refused(run_cli(project, "check"), "regulations/2022-2023/quy-che.txt", line, "control-char")


def test_a_right_to_left_override_is_refused(tmp_path):
    project = make_project(tmp_path / "p", guides={"thu-nghiem": "id: thu-nghiem\ntitle: {vi: \"A\u202eB\", en: B}\n"},
                           reviewed=False)
    assert_refused(run_cli(project, "check"), "guides/thu-nghiem.yml", 2, "control-char")


@pytest.mark.parametrize("separator", ["\v", "\u2028", "\u2029"])
def test_word_line_breaks_are_line_breaks(tmp_path, separator):
    """Word's manual line break (vertical tab) and the Unicode separators split a point over two lines
    of the same point, as the text was written: nothing is lost, nothing refused."""
    original = next(line for line in TEXT.split("\n") if line.startswith("e) Nghiêm cấm"))
    broken = original.replace(" và ", f" và{separator}", 1)
    project = with_text(tmp_path, TEXT.replace(original, broken))
    run = run_cli(project, "review", "--all")
    assert run.code == 0, run.output
    run = run_cli(project, "check")
    assert run.code == 0, run.output


def test_an_absurd_article_number_is_refused_at_once(tmp_path):
    text = TEXT.replace("Điều 14.", "Điều 99999999999999999999.")
    project = with_text(tmp_path, text)
    started = time.perf_counter()
    run = run_cli(project, "check")
    assert time.perf_counter() - started < 10
    assert_refused(run, "regulations/2022-2023/quy-che.txt", text_line("Điều 14."), "bad-number")


def test_a_text_file_too_large_to_be_a_regulation(tmp_path):
    project = with_text(tmp_path, TEXT + "\n" + "x" * (5 * 1024 * 1024))
    assert_refused(run_cli(project, "check"), "regulations/2022-2023/quy-che.txt", 1, "too-large")


# -- YAML and settings ----------------------------------------------------------------------------

def test_yaml_nested_thousands_deep(tmp_path):
    deep = "id: thu-nghiem\ntitle: " + "[" * 5000 + "]" * 5000 + "\n"
    project = make_project(tmp_path / "p", quizzes={"thu-nghiem": deep}, reviewed=False)
    assert_refused(run_cli(project, "check"), "quizzes/thu-nghiem.yml", 2, "yaml")  # the line that nests


@pytest.mark.parametrize(("old", "new", "key"), [
    ("announce_days: 90", "announce_days: nhiều", "announce_days"),
    ("announce_days: 90", "announce_days: -5", "announce_days"),
    ("email_cite: dieu-6-2", "email_cite: Điều 6", "email_cite"),
    ("email: c1thanham@longbien.edu.vn", "email: c1thanham", "email:"),
])
def test_bad_school_settings(tmp_path, old, new, key):
    school = (make_project(tmp_path / "ref") / "regulations" / "school.yml").read_text(encoding="utf-8")
    assert old in school
    project = make_project(tmp_path / "p", files={"regulations/school.yml": school.replace(old, new)})
    line = next(i for i, text in enumerate(school.replace(old, new).split("\n"), 1) if key in text)
    assert_refused(run_cli(project, "check"), "regulations/school.yml", line, "school-config")


def test_a_citation_in_the_settings_that_the_text_lacks(tmp_path):
    school = (make_project(tmp_path / "ref") / "regulations" / "school.yml").read_text(encoding="utf-8")
    project = make_project(tmp_path / "p", files={"regulations/school.yml":
                                                  school.replace("email_cite: dieu-6-2", "email_cite: dieu-6-9")})
    assert_refused(run_cli(project, "check"), "regulations/school.yml", 1, "unknown-cite")


def test_one_broken_translation_file_is_one_problem(tmp_path):
    en = (OFFICIAL.parent / "en.yml").read_text(encoding="utf-8").replace('dieu-13-e: "', 'dieu-13-e: {"', 1)
    project = make_project(tmp_path / "p", files={"regulations/2022-2023/en.yml": en})
    run = run_cli(project, "check")
    found = codes(run.err)  # the errors (warnings go to stdout)
    assert run.code == 1 and [c for _, _, c in found] == ["yaml"], found  # not 82 "missing translation"


def test_files_that_would_be_passed_over_are_named(tmp_path):
    project = make_project(tmp_path / "p", files={"guides/extra.yaml": "id: extra\n", "quizzes/bai.yml.txt": "x",
                                                  "regulations/2022-2023 - Copy/quy-che.txt": TEXT})
    run = run_cli(project, "check")
    assert run.code == 0
    warned = {(f, c) for f, _, c in codes(run.output)}
    assert {("guides/extra.yaml", "ignored-file"), ("quizzes/bai.yml.txt", "ignored-file"),
            ("regulations/2022-2023 - Copy", "ignored-folder")} <= warned


# -- flags and folders ----------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "flag"), [
    (["--year", "2023-2024", "--effective", "foo"], "--effective"),
    (["--year", "2023-2024\n"], "--year"),
    (["--year", "2024-2023"], "--year"),
    (["--year", "2023-2025"], "--year"),
    (["--year", "../../etc"], "--year"),
])
def test_bad_import_flags_write_nothing(tmp_path, args, flag):
    project = make_project(tmp_path / "p")
    source = tmp_path / "new.txt"
    source.write_text(TEXT, encoding="utf-8")
    before = sorted(p.name for p in (project / "regulations").iterdir())
    run = run_cli(project, "import", str(source), *args)
    assert run.code != 0 and "Traceback" not in run.output
    assert any(f == flag for f, _, _ in codes(run.output)), run.output
    assert sorted(p.name for p in (project / "regulations").iterdir()) == before


def test_importing_a_missing_file(tmp_path):
    project = make_project(tmp_path / "p")
    run = run_cli(project, "import", str(tmp_path / "khong-co.txt"), "--year", "2023-2024")
    assert run.code == 1 and "khong-co.txt" in run.err and "Traceback" not in run.output


def test_outside_the_project_folder(tmp_path):
    run = run_cli(None, "check", cwd=tmp_path)
    assert run.code == 2 and "[no-project]" in run.err
    seen = handbook(None, "build", cwd=tmp_path)  # as a person runs it
    assert seen.returncode == 2 and "Traceback" not in seen.stderr and "[no-project]" in seen.stderr


def test_unknown_versions_in_diff(tmp_path):
    project = make_project(tmp_path / "p")
    run = run_cli(project, "diff", "2022-2023", "2030-2031")
    assert run.code == 1 and run.err.startswith("2030-2031:")


def test_an_unwritable_regulations_folder(tmp_path, monkeypatch):
    """Root may write anywhere, so the refusal a read-only folder gives is simulated where it happens."""
    project = make_project(tmp_path / "p")
    source = tmp_path / "new.txt"
    source.write_text(TEXT.replace("10MB", "20MB"), encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkdtemp", refuse)
    before = sorted(p.name for p in (project / "regulations").iterdir())
    run = run_cli(project, "import", str(source), "--year", "2023-2024")
    assert run.code == 1 and "Traceback" not in run.output and "[write-failed]" in run.err
    assert sorted(p.name for p in (project / "regulations").iterdir()) == before


def test_a_file_that_changes_after_it_was_valid_is_validated_again(tmp_path):
    """Files that matched their schema are remembered (.cache/) so builds skip validating them; a change
    to the file or to the schema makes it count as new."""
    project = make_project(tmp_path / "p")
    assert run_cli(project, "check").code == 0
    assert (project / ".cache" / "handbook" / "valid-yaml.json").exists()
    guide = project / "guides" / "thu-nghiem.yml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("audience: [staff]", "audience: [everyone]"),
                     encoding="utf-8")
    assert_refused(run_cli(project, "check"), "guides/thu-nghiem.yml", 4, "schema")
    guide.write_text(guide.read_text(encoding="utf-8").replace("audience: [everyone]", "audience: [staff]"),
                     encoding="utf-8")
    assert run_cli(project, "check").code == 0
    schema = project / "guides" / "schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"staff", "office"', '"office"'), encoding="utf-8")
    assert_refused(run_cli(project, "check"), "guides/thu-nghiem.yml", 4, "schema")


def test_a_missing_schema_is_named(tmp_path):
    project = make_project(tmp_path / "p")
    (project / "quizzes" / "schema.json").unlink()
    assert_refused(run_cli(project, "check"), "quizzes/schema.json", None, "no-schema")
