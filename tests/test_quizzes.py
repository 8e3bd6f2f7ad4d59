"""Quizzes: the bank's coverage, validation of every kind of broken input, and safe rendering."""

from __future__ import annotations

import collections
import re
import subprocess
import sys
from pathlib import Path

import pytest
from handbook.project import load_project
from handbook.quizzes import load_quizzes

from .support import htmltext
from .support.project import (
    OFFICIAL,
    ROOT,
    build_site,
    copy_project,
    make_project,
    real_project,
    real_regulation,
    run_cli,
)


def test_bank_loads_cleanly():
    quizzes, problems = load_quizzes(ROOT / "quizzes")
    assert problems == []
    assert len(quizzes) == 7


def test_one_quiz_per_chapter_plus_a_final_one():
    chapters = sorted(q.chapter for q in real_project().quizzes if q.chapter)
    assert chapters == [c.id for c in real_regulation().chapters]
    finals = [q for q in real_project().quizzes if not q.chapter]
    assert len(finals) == 1
    reg = real_regulation()
    final_articles = {reg.article_of(c).number for q in finals[0].questions for c in q.cite if reg.article_of(c)}
    assert len({real_regulation().article(n).id for n in final_articles}) >= 10  # draws on the whole Quy chế


def test_coverage_of_the_bank():
    reg = real_regulation()
    questions = [q for quiz in real_project().quizzes for q in quiz.questions]
    assert len(questions) >= 60
    per_article = collections.Counter(
        n for q in questions for n in {reg.article_of(c).number for c in q.cite if reg.article_of(c)})
    assert all(per_article[n] >= 2 for n in range(1, 15)), per_article
    assert {q.type for q in questions} == {"single", "multiple", "true_false"}


def test_every_question_has_both_languages_and_an_explanation():
    for quiz in real_project().quizzes:
        for q in quiz.questions:
            for lang in ("vi", "en"):
                assert q.prompt[lang].strip() and q.explanation[lang].strip()
                assert all(c.text[lang].strip() for c in q.choices)


def test_chapter_quizzes_cite_their_own_chapter():
    for quiz in real_project().quizzes:
        if not quiz.chapter:
            continue
        chapter = real_regulation().get(quiz.chapter)
        own = {a.number for a in chapter.articles}
        for q in quiz.questions:
            cited = {real_regulation().article_of(c).number for c in q.cite if real_regulation().article_of(c)}
            assert cited & own or all(c.startswith("qd-") for c in q.cite), q.id


# -- broken input: each error is reported as file:line by `handbook check` and fails the build --------

def check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "handbook.cli", "--root", str(project), "check"],
                          capture_output=True, text=True)


def edit(project: Path, name: str, old: str, new: str) -> int:
    """Replace the first `old` in quizzes/<name>; return the 1-based line where it was."""
    path = project / "quizzes" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "p")


def first_question_block(project: Path, name: str) -> str:
    text = (project / "quizzes" / name).read_text(encoding="utf-8")
    start = text.index("  - id:")
    return text[start: text.index("  - id:", start + 5)]


def test_duplicate_question_ids_across_files(project: Path):
    first_id = re.search(r"  - id: (\S+)", (project / "quizzes" / "chuong-1.yml").read_text()).group(1)
    line = edit(project, "chuong-2.yml", "  - id: ", f"  - id: {first_id}\n    old_id: ")
    (project / "quizzes" / "chuong-2.yml").write_text(
        (project / "quizzes" / "chuong-2.yml").read_text().replace("\n    old_id: ", "\n    # was: ", 1))
    result = check(project)
    assert result.returncode == 1
    assert f"quizzes/chuong-2.yml:{line}: mã câu hỏi '{first_id}' đã dùng ở quizzes/chuong-1.yml:" in result.stderr


def test_unknown_citation(project: Path):
    text = (project / "quizzes" / "chuong-3.yml").read_text()
    cite = re.search(r"cite: \[(dieu-8-d)[^\]]*\]", text)
    edit(project, "chuong-3.yml", cite.group(0), "cite: [dieu-8-x]")
    result = check(project)
    assert result.returncode == 1
    assert re.search(r"quizzes/chuong-3\.yml:\d+: câu \S+: trích dẫn 'dieu-8-x' không có trong Quy chế",
                     result.stderr)


def test_single_question_needs_exactly_one_correct_choice(project: Path):
    block = first_question_block(project, "chuong-1.yml")
    assert "type: single" in block
    wrong_choice = re.search(r"      - text: \{[^\n]*\}\n(?!        correct)", block).group(0)
    fixed = block.replace(wrong_choice, wrong_choice + "        correct: true\n", 1)
    line = edit(project, "chuong-1.yml", block, fixed) + block[: block.index("choices:")].count("\n")
    result = check(project)
    assert result.returncode == 1
    assert f"quizzes/chuong-1.yml:{line}: câu" in result.stderr and "đang có 2" in result.stderr


def test_multiple_question_needs_a_correct_choice(project: Path):
    text = (project / "quizzes" / "tong-hop.yml").read_text()
    start = text.index("type: multiple")
    end = text.index("  - id:", start)
    block = text[start:end]
    edit(project, "tong-hop.yml", block, block.replace("        correct: true\n", ""))
    result = check(project)
    assert result.returncode == 1 and "(multiple) chưa có đáp án nào correct: true" in result.stderr


def test_missing_english_text(project: Path):
    text = (project / "quizzes" / "chuong-4.yml").read_text()
    m = re.search(r'(    prompt:\n      vi: "[^"]*"\n)      en: "[^"]*"\n', text)
    line = edit(project, "chuong-4.yml", m.group(0), m.group(1))
    result = check(project)
    assert result.returncode == 1
    assert f"quizzes/chuong-4.yml:{line}:" in result.stderr and "thiếu trường 'en'" in result.stderr


def test_empty_explanation(project: Path):
    text = (project / "quizzes" / "chuong-5.yml").read_text()
    m = re.search(r'explanation:\n      vi: "[^"]*"', text) or re.search(r'explanation: \{vi: "[^"]*"', text)
    old = m.group(0)
    new = re.sub(r'vi: "[^"]*"', 'vi: "   "', old)
    line = edit(project, "chuong-5.yml", old, new)
    result = check(project)
    assert result.returncode == 1
    assert "giải thích tiếng Việt (vi) để trống" in result.stderr
    assert re.search(rf"quizzes/chuong-5\.yml:({line}|{line + 1}):", result.stderr)


def test_schema_error_and_broken_yaml(project: Path):
    line = edit(project, "chuong-6.yml", "pass_mark: 80", "pass_mark: 180")
    result = check(project)
    assert f"quizzes/chuong-6.yml:{line}: pass_mark: giá trị 180 ngoài khoảng cho phép" in result.stderr
    edit(project, "chuong-6.yml", "pass_mark: 180", "pass_mark: [80")
    result = check(project)
    assert result.returncode == 1 and "quizzes/chuong-6.yml:" in result.stderr and "YAML sai cú pháp" in result.stderr


def test_broken_quiz_fails_the_build_and_publishes_nothing(project: Path, tmp_path: Path):
    edit(project, "chuong-6.yml", "pass_mark: 80", "pass_mark: 0")
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode != 0 and "quizzes/chuong-6.yml" in result.stderr
    assert not (out / "index.html").exists()


# -- rendering -------------------------------------------------------------------------------------

def test_markup_in_yaml_never_reaches_the_page_unescaped(project: Path, tmp_path: Path):
    evil = '<script>alert(1)</script> <img src=x onerror=alert(2)> **bold** [[blank]]'
    text = (project / "quizzes" / "chuong-6.yml").read_text()
    m = re.search(r'prompt:\n      vi: "([^"]*)"', text)
    edit(project, "chuong-6.yml", m.group(0), f'prompt:\n      vi: "{evil}"')
    m = re.search(r'explanation: \{vi: "([^"]*)"', text) or re.search(r'explanation:\n      vi: "([^"]*)"', text)
    edit(project, "chuong-6.yml", m.group(0), m.group(0).replace(m.group(1), '<b onmouseover=alert(3)>x</b>'))
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    html = (out / "dao-tao" / "chuong-6" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "bold [[blank]]" in htmltext.text_of(out / "dao-tao" / "chuong-6" / "index.html")
    assert "<strong>bold</strong> [[blank]]" in html  # **bold** is the one mark editors may use (negatives)
    assert 'class="quiz-blank-input"' not in html  # [[…]] did not become a fill-in-the-blank


def test_quiz_pages_exist_in_both_languages_with_the_same_questions(site_dir: Path):
    for quiz in real_project().quizzes:
        ids = []
        for prefix in ("", "en/"):
            html = (site_dir / prefix / "dao-tao" / quiz.id / "index.html").read_text(encoding="utf-8")
            ids.append(re.findall(r'data-hb-question="([^"]+)"', html))
        assert ids[0] == ids[1] == [q.id for q in quiz.questions]


def test_quiz_answers_are_excluded_from_search(site_dir: Path):
    html = (site_dir / "dao-tao" / "chuong-3" / "index.html").read_text(encoding="utf-8")
    wrapped = re.findall(r'<hb-noindex data-search-exclude>\s*<div class="quiz"', html)
    questions = next(q for q in real_project().quizzes if q.id == "chuong-3").questions
    assert len(wrapped) == len(re.findall(r'<div class="quiz"', html)) == len(questions)
    assert "mkdocs-quiz-source" not in html  # the embedded source would reveal the answers


def test_training_page_lists_every_quiz(site_dir: Path):
    for prefix in ("", "en/"):
        html = (site_dir / prefix / "dao-tao" / "index.html").read_text(encoding="utf-8")
        assert re.findall(r'data-hb-state="([^"]+)"', html) == [q.id for q in real_project().quizzes]


def test_vietnamese_quiz_interface_comes_from_our_translation(site_dir: Path):
    html = (site_dir / "dao-tao" / "chuong-1" / "index.html").read_text(encoding="utf-8")
    assert '"Try Again": "Làm lại"' in html and ">Trả lời</button>" in html
    en = (site_dir / "en" / "dao-tao" / "chuong-1" / "index.html").read_text(encoding="utf-8")
    assert ">Submit</button>" in en


# -- item quality ----------------------------------------------------------------------------------

def give_away_bank() -> str:
    """A quiz with the give-aways of the old bank: the key the longest option (quoted from the text),
    statements mostly false, and only a few points asked."""
    singles = "".join(f"""
  - id: dai-nhat-{n}
    type: single
    prompt: {{vi: "Câu {n}?", en: "Question {n}?"}}
    choices:
      - text: {{vi: "Phải bảo quản mật khẩu để đảm bảo an toàn cho hộp thư điện tử được cấp {n}",
               en: "Keep the password safe so the mailbox stays secure {n}"}}
        correct: true
      - text: {{vi: "Hỏi công an {n}", en: "Ask the police {n}"}}
      - text: {{vi: "Dùng Gmail {n}", en: "Use Gmail {n}"}}
      - text: {{vi: "Không làm gì {n}", en: "Do nothing {n}"}}
    explanation: {{vi: "Vì vậy.", en: "Because."}}
    cite: [dieu-13-e]
""" for n in range(8))
    statements = "".join(f"""
  - id: nhan-dinh-{n}
    type: true_false
    prompt: {{vi: "Nhận định {n}.", en: "Statement {n}."}}
    answer: {"true" if n == 0 else "false"}
    explanation: {{vi: "Vì vậy.", en: "Because."}}
    cite: [dieu-13-a]
""" for n in range(6))
    return ("id: thu-nghiem\ntitle: {vi: \"Bài thử\", en: \"Test quiz\"}\npass_mark: 50\nquestions:"
            + singles + statements)


def test_check_warns_on_the_measurable_give_aways(tmp_path):
    project = make_project(tmp_path / "p", quizzes={"thu-nghiem": give_away_bank()})
    run = run_cli(project, "check")
    assert run.code == 0  # warnings, not errors: the author decides
    found = {(m.group(1), m.group(2)) for m in re.finditer(r"^(\S+?):\d+: cảnh báo: .*\[(item-[\w-]+)\]$",
                                                            run.output, re.M)}
    assert {("quizzes/thu-nghiem.yml", "item-longest-key"), ("quizzes/thu-nghiem.yml", "item-length-ratio"),
            ("quizzes/thu-nghiem.yml", "item-true-false")} <= found
    never = re.findall(r"^regulations/2022-2023/quy-che\.txt:(\d+): cảnh báo: .*\[item-never-asked\]$",
                       run.output, re.M)
    asked = {OFFICIAL.read_text(encoding="utf-8").split("\n").index(line) + 1 for line in OFFICIAL.read_text(
        encoding="utf-8").split("\n") if line.startswith(("a) Hộp thư điện tử của CBGVNV", "e) Nghiêm cấm việc"))}
    assert len(never) > 30 and not asked & {int(n) for n in never}


def test_the_real_bank_has_no_give_aways():
    project = load_project(ROOT)
    assert [str(p) for p in project.problems if p.code.startswith("item-")] == []
