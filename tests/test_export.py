"""`handbook export`: every format is read back (Word with python-docx, Aiken and GIFT with the small
parsers below, QTI as XML) and compared with the bank: stems, options, keys, bold, escaping."""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from docx import Document
from handbook import cli
from handbook.export.docx import docx_bytes, parts
from handbook.export.moodle import aiken, gift
from handbook.export.qti import qti_bytes
from handbook.export.text import LETTERS, plain, spans
from handbook.project import Project, load_project
from handbook.quizzes import TRUE_FALSE, Choice, Question, Quiz

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(ROOT)


def t(vi: str, en: str | None = None) -> dict[str, str]:
    return {"vi": vi, "en": en or vi}


def q(id_: str, type_: str, prompt: str, choices: list[tuple[str, bool]] | None = None, answer: bool = True,
      explanation: str = "Giải thích.") -> Question:
    if type_ == "true_false":
        made = tuple(Choice(dict(c), (i == 0) == answer) for i, c in enumerate(TRUE_FALSE))
    else:
        made = tuple(Choice(t(text), ok) for text, ok in choices or [])
    return Question(id_, type_, t(prompt), made, t(explanation), ("dieu-8-d",), "quizzes/thu.yml", 10)


# Everything that has broken an export somewhere: GIFT's special characters, HTML, "[[…]]" (a
# fill-in-the-blank to mkdocs-quiz), "&" (Sở GD&ĐT), bold negatives, two paragraphs, a key that is
# not first, one-key and many-key multiple-answer items, a false statement.
TRICKY = Quiz("thu", "quizzes/thu.yml", 1, t("Bài thử {1}: a/b"), None, None, 80, (
    q("ky-tu", "single", "Thầy cô **không** gửi a~b = c #1 {x} : y \\ z? [[đáp]] <script>x</script> GD&ĐT",
      [("Sai ~=#{}:\\ [[x]]", False), ("Đúng <b>đậm</b> & **mật**", True), ("Sai 3", False)],
      explanation="Vì **mật** {1} ~ = # : \\ <i>x</i>"),
    q("hai-doan", "single", "Đoạn một.\n\nĐoạn **hai**, dòng\nnối?", [("A1", True), ("A2", False)]),
    q("nhieu", "multiple", "Chọn tất cả:", [("m1", True), ("m2", False), ("m3", True), ("m4", True)]),
    q("mot-khoa", "multiple", "Chọn tất cả (một ý):", [("k1", False), ("k2", True), ("k3", False)]),
    q("dung-sai", "true_false", "Nhận định: email **không** cần mật khẩu.", answer=False),
))


def text_of(markup: str) -> str:
    markup = re.sub(r"</p>\s*<p>", " ", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def bold_of(markup: str) -> list[str]:
    return [html.unescape(b) for b in re.findall(r"<strong>(.*?)</strong>", markup)]


def bold_pieces(text: str) -> list[str]:
    return [piece for p in re.split(r"\n\s*\n", text) for piece, bold in spans(" ".join(p.split())) if bold]


def keys(question: Question) -> set[int]:
    return {i for i, c in enumerate(question.choices) if c.correct}


# --- Word -------------------------------------------------------------------------------------

def read_docx(data: bytes) -> tuple[list[dict], list[tuple[str, str]]]:
    doc = Document(io.BytesIO(data))
    items: list[dict] = []
    current: dict | None = None
    for p in doc.paragraphs:
        start = re.match(r"(Câu|Question) (\d+): ", p.text)
        option = re.match(r"([A-Z])\. |([a-z])\) ", p.text)
        if start:
            current = {"n": int(start.group(2)), "stem": [p.text[start.end():]], "options": [],
                       "bold": [r.text for r in p.runs[1:] if r.bold]}
            items.append(current)
        elif current is not None and option:
            runs = [r for r in p.runs if r.text.strip()]
            current["options"].append({"label": option.group(0).strip(), "text": p.text[option.end():],
                                       "underlined": [bool(r.underline) for r in runs],
                                       "bold": [r.text for r in runs[1:] if r.bold]})
        elif p.text.startswith("------"):
            current = None
        elif current is not None and not current["options"] and not p.text.startswith(("PHẦN", "PART")):
            current["stem"].append(p.text)
            current["bold"] += [r.text for r in p.runs if r.bold]
    key = [(row.cells[0].text, row.cells[1].text) for row in doc.tables[0].rows[1:]]
    return items, key


def check_docx(data: bytes, quiz: Quiz, lang: str) -> None:
    items, key = read_docx(data)
    single, multiple = parts(quiz)
    ordered = single + multiple
    assert [i["n"] for i in items] == list(range(1, len(ordered) + 1))
    for item, question, (n, answer) in zip(items, ordered, key, strict=True):
        assert " ".join(item["stem"]) == plain(question.prompt[lang])
        assert item["bold"] == bold_pieces(question.prompt[lang])
        labels = [f"{LETTERS[i].lower()})" if question.type == "multiple" else f"{LETTERS[i]}."
                  for i in range(len(question.choices))]
        assert [o["label"] for o in item["options"]] == labels
        assert [o["text"] for o in item["options"]] == [plain(c.text[lang]) for c in question.choices]
        # The key is underlined from its letter to its end, and nothing else is underlined.
        assert [all(o["underlined"]) for o in item["options"]] == [c.correct for c in question.choices]
        assert not any(any(o["underlined"]) for o, c in zip(item["options"], question.choices, strict=True)
                       if not c.correct)
        assert [o["bold"] for o in item["options"]] == [bold_pieces(c.text[lang]) for c in question.choices]
        assert n == str(item["n"])
        if question.type == "multiple":
            marks = ("Đ", "S") if lang == "vi" else ("T", "F")
            assert answer == ", ".join(f"{LETTERS[i].lower()}-{marks[0] if c.correct else marks[1]}"
                                       for i, c in enumerate(question.choices))
        else:
            assert answer == "".join(LETTERS[i] for i in sorted(keys(question)))


def test_docx_of_a_tricky_quiz_reads_back():
    data = docx_bytes(TRICKY, "vi", "Trường Tiểu học Thanh Am", "2022–2023", lambda c: c)
    check_docx(data, TRICKY, "vi")
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert texts.index("PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn") < texts.index(
        "PHẦN II. Câu trắc nghiệm đúng sai") < texts.index("------ HẾT ------") < texts.index("BẢNG ĐÁP ÁN") < \
        texts.index("LỜI GIẢI")
    # True/false is a one-answer item with two options; the statement here is false.
    [tf] = [i for i in read_docx(data)[0] if i["stem"][0].startswith("Nhận định")]
    assert [o["text"] for o in tf["options"]] == ["Đúng", "Sai"]
    assert [all(o["underlined"]) for o in tf["options"]] == [False, True]


# --- Aiken ------------------------------------------------------------------------------------

def read_aiken(text: str) -> list[tuple[str, list[str], str]]:
    items = []
    for block in text.strip().split("\n\n"):
        lines = block.split("\n")
        options = [re.fullmatch(r"([A-Z])\. (.*)", line) for line in lines[1:-1]]
        assert all(options), block
        answer = re.fullmatch(r"ANSWER: ([A-Z])", lines[-1])
        assert answer, block
        assert [m.group(1) for m in options if m] == list(LETTERS[:len(options)])
        items.append((lines[0], [m.group(2) for m in options if m], answer.group(1)))
    return items


def check_aiken(text: str, quizzes: list[Quiz], lang: str) -> None:
    expected = [x for quiz in quizzes for x in quiz.questions if x.type != "multiple"]
    items = read_aiken(text)
    assert len(items) == len(expected)
    for (stem, options, answer), question in zip(items, expected, strict=True):
        assert stem == plain(question.prompt[lang]) and "**" not in stem
        assert options == [plain(c.text[lang]) for c in question.choices]
        assert {LETTERS.index(answer)} == keys(question)


def test_aiken_of_a_tricky_quiz_skips_multiple_answer_items():
    text, skipped = aiken([TRICKY], "vi")
    assert [x.id for x in skipped] == ["nhieu", "mot-khoa"]
    check_aiken(text, [TRICKY], "vi")


# --- GIFT -------------------------------------------------------------------------------------

def split_unescaped(text: str, marks: str) -> list[tuple[str, str]]:
    """Split at unescaped characters in `marks`: [(mark before the piece, piece)]."""
    pieces, mark, buf, i = [], "", "", 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            buf += text[i:i + 2]
            i += 2
            continue
        if ch in marks:
            pieces.append((mark, buf))
            mark, buf = ch, ""
        else:
            buf += ch
        i += 1
    pieces.append((mark, buf))
    return pieces


def unescape_gift(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def read_gift(text: str) -> list[dict]:
    """A small reader of the GIFT subset Moodle documents for these types."""
    items, category = [], None
    for block in re.split(r"\n\s*\n", text.strip()):
        block = "\n".join(line for line in block.split("\n") if not line.startswith("//")).strip()
        if block.startswith("$CATEGORY:"):
            category = block.split(":", 1)[1].strip()
            continue
        title = re.match(r"::((?:\\.|[^:\\])*)::", block)
        assert title, block
        rest = block[title.end():]
        assert rest.startswith("[html]")
        rest = rest[len("[html]"):]
        braces = [(m, s) for m, s in split_unescaped(rest, "{}")]
        assert [m for m, _ in braces] == ["", "{", "}"] and braces[2][1] == "", block  # exactly one answer block
        stem, answers = braces[0][1], braces[1][1]
        answers, _, feedback = answers.partition("####")
        item = {"category": category, "id": unescape_gift(title.group(1)), "stem": unescape_gift(stem.strip()),
                "feedback": unescape_gift(feedback.strip())}
        if answers.strip() in ("T", "F"):
            item["tf"] = answers.strip() == "T"
        else:
            options = [(m, s.strip()) for m, s in split_unescaped(answers, "~=") if m]
            item["options"] = []
            for mark, body in options:
                weight = re.match(r"%(-?[\d.]+)%", body)
                value = float(weight.group(1)) if weight else (100.0 if mark == "=" else 0.0)
                item["options"].append((unescape_gift(body[weight.end():] if weight else body), mark, value))
        items.append(item)
    return items


def check_gift(text: str, quizzes: list[Quiz], lang: str) -> None:
    items = read_gift(text)
    expected = [(quiz, x) for quiz in quizzes for x in quiz.questions]
    assert len(items) == len(expected)
    for item, (quiz, question) in zip(items, expected, strict=True):
        assert item["id"] == question.id
        assert item["category"].endswith("/" + quiz.title[lang].replace("/", "//"))
        assert text_of(item["stem"]) == plain(question.prompt[lang])
        assert bold_of(item["stem"]) == bold_pieces(question.prompt[lang])
        assert text_of(item["feedback"]) == plain(question.explanation[lang])
        if question.type == "true_false":
            assert item["tf"] == question.choices[0].correct
            continue
        assert [text_of(o) for o, _, _ in item["options"]] == [plain(c.text[lang]) for c in question.choices]
        if question.type == "single":
            assert [m for _, m, _ in item["options"]] == ["=" if c.correct else "~" for c in question.choices]
        else:
            weights = [w for _, _, w in item["options"]]
            assert all(m == "~" for _, m, _ in item["options"])  # no "=": Moodle makes it a multiple-answer item
            assert {i for i, w in enumerate(weights) if w > 0} == keys(question)
            assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=0.001)
            assert all(w == -100 for w in weights if w <= 0)


def test_gift_of_a_tricky_quiz_escapes_and_reads_back():
    text = gift([TRICKY], "vi", lambda quiz: ["Sổ tay", quiz.title["vi"]])
    check_gift(text, [TRICKY], "vi")
    assert "$CATEGORY: $course$/top/Sổ tay/Bài thử {1}: a//b" in text
    assert "a\\~b \\= c \\#1 \\{x\\} \\: y \\\\ z?" in text  # GIFT's specials escaped
    assert "&lt;script&gt;" in text and "<script>" not in text  # HTML from the bank is text


# --- QTI --------------------------------------------------------------------------------------

def read_qti(data: bytes) -> list[dict]:
    z = zipfile.ZipFile(io.BytesIO(data))
    manifest = ET.fromstring(z.read("imsmanifest.xml"))
    hrefs = [r.get("href") for r in manifest.iter() if r.tag.endswith("resource") and "item" in (r.get("type") or "")]
    items = []
    for href in hrefs:
        root = ET.fromstring(z.read(href))
        ns = root.tag.split("}")[0] + "}"
        if root.tag == f"{ns}questestinterop":  # QTI 1.2
            item = root.find(f"{ns}item")
            stem = item.find(f"{ns}presentation/{ns}material/{ns}mattext").text
            labels = item.findall(f".//{ns}response_label")
            options = [(lab.get("ident"), lab.find(f".//{ns}mattext").text) for lab in labels]
            correct = {c.find(f".//{ns}varequal").text for c in item.iter(f"{ns}respcondition")
                       if float(c.find(f"{ns}setvar").text) > 0}
            multiple = item.find(f".//{ns}response_lid").get("rcardinality") == "Multiple"
            feedback = item.find(f"{ns}itemfeedback/{ns}material/{ns}mattext").text
            ident = item.get("ident")
        else:  # QTI 2.1
            stem = "".join(root.find(f"{ns}itemBody/{ns}div").itertext())
            options = [(c.get("identifier"), "".join(c.itertext())) for c in root.iter(f"{ns}simpleChoice")]
            correct = {v.text for v in root.iter(f"{ns}value") if v.text and v.text.startswith("q-")}
            multiple = root.find(f"{ns}responseDeclaration").get("cardinality") == "multiple"
            feedback = "".join(root.find(f"{ns}modalFeedback").itertext())
            ident = root.get("identifier")
        items.append({"id": ident, "stem": stem, "options": options, "correct": correct, "multiple": multiple,
                      "feedback": feedback})
    return items


def check_qti(data: bytes, quizzes: list[Quiz], lang: str) -> None:
    items = read_qti(data)
    expected = [x for quiz in quizzes for x in quiz.questions]
    assert len(items) == len(expected)
    for item, question in zip(items, expected, strict=True):
        assert item["id"] == f"q-{question.id}"
        assert text_of(item["stem"]) == plain(question.prompt[lang])
        assert bold_of(item["stem"]) == bold_pieces(question.prompt[lang])
        assert [text_of(text) for _, text in item["options"]] == [plain(c.text[lang]) for c in question.choices]
        assert item["correct"] == {f"q-{question.id}-{i + 1}" for i in keys(question)}
        assert item["multiple"] == (len(keys(question)) > 1)
        assert text_of(item["feedback"]) == plain(question.explanation[lang])


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_qti_of_a_tricky_quiz_reads_back(version: str):
    data = qti_bytes([TRICKY], "vi", "Bài thử", version)
    check_qti(data, [TRICKY], "vi")


# --- the command, on the real bank ------------------------------------------------------------

def export(tmp_path: Path, capsys, *args: str) -> tuple[int, str]:
    code = cli.main(["--root", str(ROOT), "export", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out + captured.err


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_format_of_the_bank_reads_back(project: Project, tmp_path: Path, capsys, lang: str):
    for fmt in ("docx", "aiken", "gift", "qti"):
        code, out = export(tmp_path, capsys, "--format", fmt, "--lang", lang, "--out", str(tmp_path / fmt))
        assert code == 0, out
    for quiz in project.quizzes:
        check_docx((tmp_path / "docx" / f"{quiz.id}.{lang}.docx").read_bytes(), quiz, lang)
        check_aiken((tmp_path / "aiken" / f"{quiz.id}.{lang}.aiken.txt").read_text(encoding="utf-8"), [quiz], lang)
        check_gift((tmp_path / "gift" / f"{quiz.id}.{lang}.gift.txt").read_text(encoding="utf-8"), [quiz], lang)
        check_qti((tmp_path / "qti" / f"{quiz.id}.{lang}.qti.zip").read_bytes(), [quiz], lang)


def test_one_file_for_several_quizzes(project: Project, tmp_path: Path, capsys):
    ids = [quiz.id for quiz in project.quizzes[:2]]
    chosen = [quiz for quiz in project.quizzes if quiz.id in ids]
    code, out = export(tmp_path, capsys, "--format", "gift", "--quiz", *ids, "--out", str(tmp_path / "bank.gift"))
    assert code == 0, out
    check_gift((tmp_path / "bank.gift").read_text(encoding="utf-8"), chosen, "vi")
    code, out = export(tmp_path, capsys, "--format", "qti", "--qti-version", "2.1", "--quiz", *ids,
                       "--out", str(tmp_path / "bank.zip"))
    assert code == 0, out
    check_qti((tmp_path / "bank.zip").read_bytes(), chosen, "vi")
    code, out = export(tmp_path, capsys, "--format", "aiken", "--quiz", *ids, "--out", str(tmp_path / "bank.txt"))
    assert code == 0
    check_aiken((tmp_path / "bank.txt").read_text(encoding="utf-8"), chosen, "vi")
    # Each multiple-answer item left out of Aiken is named at its file:line.
    multiple = [x for quiz in chosen for x in quiz.questions if x.type == "multiple"]
    for x in multiple:
        assert f"quizzes/{x.file.name}:{x.line}: cảnh báo: Aiken chỉ ghi được câu một đáp án: bỏ câu {x.id}" in out


def test_refusals_are_messages_not_tracebacks(project: Project, tmp_path: Path, capsys):
    code, out = export(tmp_path, capsys, "--format", "docx", "--out", str(tmp_path / "all.docx"))
    assert code == 2 and "Một đề Word chứa một bài" in out and not (tmp_path / "all.docx").exists()
    code, out = export(tmp_path, capsys, "--format", "gift", "--quiz", "khong-co")
    assert code == 2 and "Không có bài kiểm tra khong-co" in out
    quiz = project.quizzes[0]
    code, out = export(tmp_path, capsys, "--format", "docx", "--quiz", quiz.id, "--out", str(tmp_path / "one.docx"))
    assert code == 0
    check_docx((tmp_path / "one.docx").read_bytes(), quiz, "vi")
