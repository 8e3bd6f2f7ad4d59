"""Publishing a new school year: import, compare, review flags, versions on the site, safe builds,
and a second school built from configuration alone."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .support import htmltext
from .support.nextyear import OLD, next_year_text
from .support.project import build_site, copy_project


def handbook(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "handbook.cli", "--root", str(project), *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("publish")
    project = copy_project(root / "p")
    source = root / "QĐ 31 - Quy chế thư điện tử 2023-2024.txt"
    source.write_bytes(next_year_text().replace("\n", "\r\n").encode("utf-16"))  # Word's "Unicode text"
    result = handbook(project, "import", str(source), "--year", "2023-2024")
    return {"root": root, "project": project, "source": source, "import": result}


def test_import_accepts_word_unicode_text_and_reports_next_steps(imported):
    result = imported["import"]
    assert result.returncode == 0, result.stderr
    folder = imported["project"] / "regulations" / "2023-2024"
    text = (folder / "quy-che.txt").read_text(encoding="utf-8")
    assert text == next_year_text()  # UTF-16 and CRLF became UTF-8 and LF, nothing else changed
    assert "Đã nhập phiên bản 2023-2024" in result.stdout and "31/QĐ-THTA" in result.stdout
    assert "Cần rà soát" in result.stdout and "handbook review <mục>" in result.stdout
    meta = (folder / "meta.yml").read_text(encoding="utf-8")
    assert "Quyết định số 31/QĐ-THTA" in meta  # what was read from the text, as a comment
    assert yaml.safe_load(meta) == {"signer_title": {"vi": "Hiệu trưởng", "en": "Principal"}}  # carried over


def test_diff_shows_exactly_the_changes(imported):
    result = handbook(imported["project"], "diff", "2022-2023", "2023-2024", "--no-color")
    assert result.returncode == 0
    heads = re.findall(r"^(THÊM|BỎ|SỬA)  (\S+)$", result.stdout, re.M)
    assert heads == [("SỬA", "dieu-8-d"), ("THÊM", "dieu-15"), ("BỎ", "dieu-13-g")]
    assert "[-10MB-]{+20MB+}" in result.stdout or "[-10MB.-]{+20MB.+}" in result.stdout
    assert "Điều 15. Hiệu lực thi hành" in result.stdout


def test_translation_carries_over_unchanged_points_and_marks_the_rest(imported):
    en = (imported["project"] / "regulations" / "2023-2024" / "en.yml").read_text(encoding="utf-8")
    old_en = (imported["project"] / "regulations" / "2022-2023" / "en.yml").read_text(encoding="utf-8")
    unchanged = re.search(r'^dieu-13-a: ".*"$', old_en, re.M).group(0)
    assert unchanged in en
    assert re.search(r"^dieu-8-d:\n  pending: changed\n  previous: \".*10MB", en, re.M)
    for new_id in ("dieu-15", "dieu-15-a", "dieu-15-b"):
        assert f"{new_id}:\n  pending: new" in en
    assert "dieu-13-g" not in en


def test_check_flags_what_relies_on_changed_or_removed_points(imported):
    result = handbook(imported["project"], "check", env={"HANDBOOK_TODAY": "2023-10-01"})
    assert result.returncode == 1
    out = result.stdout + result.stderr
    flagged = re.findall(r"^(\S+?):\d+: (?:hướng dẫn|câu hỏi) .*\((dieu-8-d)\)", out, re.M)
    assert flagged and {f for f, _ in flagged} >= {"guides/tep-dinh-kem.yml"}
    assert any(f.startswith("quizzes/") for f, _ in flagged)
    assert re.search(r"^guides/\S+\.yml:\d+: trích dẫn 'dieu-13-g' không có trong Quy chế", out, re.M)
    assert re.search(r"^quizzes/\S+\.yml:\d+: câu \S+: trích dẫn 'dieu-13-g'", out, re.M)
    assert re.search(r"^docs/thuat-ngu\.vi\.md:\d+: liên kết tới dieu-13-g", out, re.M)
    assert re.search(r"regulations/2023-2024/en.yml:\d+: cảnh báo: dieu-8-d: nội dung đã thay đổi, đang chờ dịch", out)


def test_refuses_to_record_a_review_while_a_removed_point_is_cited(imported):
    result = handbook(imported["project"], "review", "--all", env={"HANDBOOK_TODAY": "2023-10-01"})
    assert result.returncode == 1 and "dieu-13-g" in result.stderr


@pytest.fixture(scope="module")
def reviewed(imported) -> dict:
    project = imported["project"]
    for path in [*project.glob("guides/*.yml"), *project.glob("quizzes/*.yml"), *project.glob("docs/*.md")]:
        text = path.read_text(encoding="utf-8")
        if "dieu-13-g" in text:  # the editor re-points what cited the removed point
            path.write_text(text.replace("dieu-13-g", "dieu-13-b"), encoding="utf-8")
    env = {"HANDBOOK_TODAY": "2023-10-01"}
    review = handbook(project, "review", "--all", env=env)
    check = handbook(project, "check", env=env)
    site = imported["root"] / "site"
    build = build_site(project, site, env=env)
    return {**imported, "review": review, "check": check, "build": build, "site": site}


def test_after_review_the_check_passes_and_the_build_succeeds(reviewed):
    assert reviewed["review"].returncode == 0, reviewed["review"].stderr
    assert reviewed["check"].returncode == 0, reviewed["check"].stdout + reviewed["check"].stderr
    assert "cảnh báo" in reviewed["check"].stdout  # translations still pending are listed
    assert reviewed["build"].returncode == 0, reviewed["build"].stderr


def test_current_and_old_versions_each_have_their_address(reviewed):
    site = reviewed["site"]
    current = htmltext.main_text(site / "quy-che" / "index.html")
    assert "20MB" in current and "Điều 15. Hiệu lực thi hành" in current
    old = htmltext.main_text(site / "quy-che" / "2022-2023" / "index.html")
    assert "10MB" in old and "Điều 15." not in old
    assert "Đây là Quy chế năm học 2022–2023, đã được thay thế từ 05/09/2023" in old
    assert "Đã được thay thế từ 05/09/2023" in old
    assert (site / "quyet-dinh" / "2022-2023" / "index.html").exists()
    assert "31/QĐ-THTA" in htmltext.main_text(site / "quyet-dinh" / "index.html")


def test_each_version_is_described_from_its_own_text(reviewed):
    """The meta description counts the chapters and articles of the text it describes."""
    def description(page: Path) -> str:
        return re.search(r'<meta name="description" content="([^"]*)"', page.read_text(encoding="utf-8")).group(1)

    assert "6 chương, 15 điều" in description(reviewed["site"] / "quy-che" / "index.html")
    assert "6 chương, 14 điều" in description(reviewed["site"] / "quy-che" / "2022-2023" / "index.html")
    assert "6 chapters, 15 articles" in description(reviewed["site"] / "en" / "quy-che" / "index.html")


def test_versions_page_lists_every_version(reviewed):
    text = htmltext.main_text(reviewed["site"] / "phien-ban" / "index.html")
    assert re.search(r"2023–2024 31/QĐ-THTA 05/09/2023 05/09/2023 Đang có hiệu lực", text)
    assert re.search(r"2022–2023 24/QĐ-THTA 11/10/2022 11/10/2022 Đã được thay thế từ 05/09/2023", text)


def test_changes_page_highlights_words(reviewed):
    html = (reviewed["site"] / "phien-ban" / "2023-2024" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<del>10MB\.?</del><ins>20MB\.?</ins>", html)
    ids = re.findall(r'id="thay-doi-([^"]+)"', html)
    assert ids == ["dieu-8-d", "dieu-15", "dieu-13-g"]
    en = (reviewed["site"] / "en" / "phien-ban" / "2023-2024" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'id="thay-doi-([^"]+)"', en) == ids and 'lang="vi"' in en


def test_english_site_marks_changed_points_pending(reviewed):
    html = (reviewed["site"] / "en" / "quy-che" / "index.html").read_text(encoding="utf-8")
    point = re.search(r'<p class="hb-point" id="dieu-8-d">.*?</p>', html, re.S).group(0)
    assert "Translation pending" in point and '<span lang="vi">' in point and "20MB" in point
    unchanged = re.search(r'<p class="hb-point" id="dieu-13-a">.*?</p>', html, re.S).group(0)
    assert "Translation pending" not in unchanged and "password" in unchanged
    assert "Article 15." in html


def test_announcement_on_every_page_links_to_the_changes(reviewed):
    site = reviewed["site"]
    for page in (site / "index.html", site / "huong-dan" / "quen-mat-khau" / "index.html",
                 site / "en" / "dao-tao" / "index.html"):
        html = page.read_text(encoding="utf-8")
        m = re.search(r'<p class="hb-announce">([^<]*)<a href="([^"]+)"', html)
        assert m and "2023–2024" in m.group(1) and m.group(2).rstrip("/").endswith("phien-ban/2023-2024"), page


def test_no_announcement_long_after_the_change(reviewed, tmp_path):
    out = tmp_path / "later"
    assert build_site(reviewed["project"], out, env={"HANDBOOK_TODAY": "2024-06-01"}).returncode == 0
    assert 'class="hb-announce"' not in (out / "index.html").read_text(encoding="utf-8")


def test_a_version_not_yet_in_force_is_announced_not_shown(reviewed, tmp_path):
    out = tmp_path / "before"
    assert build_site(reviewed["project"], out, env={"HANDBOOK_TODAY": "2023-08-01"}).returncode == 0
    assert "10MB" in htmltext.main_text(out / "quy-che" / "index.html")
    assert "Sẽ có hiệu lực từ 05/09/2023" in htmltext.main_text(out / "phien-ban" / "index.html")
    assert "sẽ có hiệu lực từ 05/09/2023" in (out / "index.html").read_text(encoding="utf-8")


def test_importing_an_existing_year_needs_overwrite(reviewed):
    project = reviewed["project"]
    before = (project / "regulations" / "2023-2024" / "en.yml").read_text(encoding="utf-8")
    result = handbook(project, "import", str(reviewed["source"]), "--year", "2023-2024")
    assert result.returncode == 1 and "--overwrite" in result.stderr
    assert (project / "regulations" / "2023-2024" / "en.yml").read_text(encoding="utf-8") == before


def test_importing_an_identical_text_changes_nothing(reviewed, tmp_path):
    project = reviewed["project"]
    same = tmp_path / "same.txt"
    same.write_text(next_year_text() + "\n", encoding="utf-8")
    result = handbook(project, "import", str(same), "--year", "2024-2025")
    assert result.returncode == 0 and "giống hệt phiên bản 2023-2024" in result.stdout
    assert not (project / "regulations" / "2024-2025").exists()


def test_importing_a_broken_text_writes_nothing(reviewed, tmp_path):
    project = reviewed["project"]
    broken = tmp_path / "broken.txt"
    broken.write_text(next_year_text().replace("gồm 06 chương 15 điều", "gồm 06 chương 16 điều"), encoding="utf-8")
    result = handbook(project, "import", str(broken), "--year", "2024-2025")
    assert result.returncode == 1
    assert re.search(r"broken\.txt:23: quyết định ghi \"gồm 06 chương 16 điều\"", result.stderr)
    assert not (project / "regulations" / "2024-2025").exists()
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Số: 1\nĐiều".encode().replace("Đ".encode(), b"\xd0"))
    result = handbook(project, "import", str(latin), "--year", "2024-2025")
    assert result.returncode == 1 and "latin.txt:2: tệp không phải UTF-8" in result.stderr


def test_failed_build_keeps_the_published_site(tmp_path):
    project = copy_project(tmp_path / "p")
    assert handbook(project, "build").returncode == 0
    marker = (project / "site" / "index.html").read_text(encoding="utf-8")
    quiz = project / "quizzes" / "chuong-6.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("pass_mark: 80", "pass_mark: 0"), encoding="utf-8")
    result = handbook(project, "build")
    assert result.returncode == 1 and "quizzes/chuong-6.yml" in result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == marker
    assert not (project / ".site-new").exists()


def test_a_second_school_builds_from_its_own_configuration_and_text(tmp_path):
    project = copy_project(tmp_path / "p")
    school = project / "regulations" / "school.yml"
    school.write_text(school.read_text(encoding="utf-8")
                      .replace("Trường Tiểu học Thanh Am", "Trường Tiểu học Hoa Sen")
                      .replace("Thanh Am Primary School", "Hoa Sen Primary School")
                      .replace("TH Thanh Am", "TH Hoa Sen").replace("Thanh Am PS", "Hoa Sen PS")
                      .replace("c1thanham@longbien.edu.vn", "c1hoasen@longbien.edu.vn")
                      .replace("ththanham.hni@moet.edu.vn", "thhoasen.hni@moet.edu.vn")
                      .replace("Sổ tay thư điện tử", "Sổ tay thư điện tử Hoa Sen"), encoding="utf-8")
    text = project / "regulations" / "2022-2023" / "quy-che.txt"
    text.write_text(OLD.replace("Thanh Am", "Hoa Sen").replace("THANH AM", "HOA SEN")
                    .replace("c1thanham", "c1hoasen").replace("ththanham", "thhoasen")
                    .replace("Nguyễn Thị Thúy Vân", "Trần Văn Bình"), encoding="utf-8")
    en = project / "regulations" / "2022-2023" / "en.yml"
    en.write_text(en.read_text(encoding="utf-8").replace("Thanh Am", "Hoa Sen").replace("c1thanham", "c1hoasen")
                  .replace("ththanham", "thhoasen").replace("Nguyễn Thị Thúy Vân", "Trần Văn Bình"), encoding="utf-8")
    assert handbook(project, "review", "--all").returncode == 0
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    generated = [out / "quy-che" / "index.html", out / "quyet-dinh" / "index.html", out / "dao-tao" / "index.html",
                 out / "dao-tao" / "giay-chung-nhan" / "index.html", out / "en" / "quy-che" / "index.html"]
    for page in generated:
        html = page.read_text(encoding="utf-8")
        assert "Thanh Am" not in htmltext.main_text(page), page
        assert "Hoa Sen" in html
    assert "<title>Quy chế thư điện tử - Sổ tay thư điện tử Hoa Sen</title>" in generated[0].read_text(encoding="utf-8")
    cert = generated[3].read_text(encoding="utf-8")
    assert '"email": "thhoasen.hni@moet.edu.vn"' in cert and "ththanham" not in cert and "c1thanham" not in cert
    assert "Trần Văn Bình" in htmltext.main_text(out / "quyet-dinh" / "index.html")


@pytest.mark.parametrize(("name", "text", "where", "message"), [
    ("2022-2023/meta.yml", "effective 2023\n", 1, "effective: NNNN-TT-NN"),
    ("2022-2023/meta.yml", "effective: [\n", 2, "YAML sai cú pháp"),
    ("synonyms.yml", "- mat khau\n", 1, "từ gõ"),
    ("reviewed.yml", "just text\n", 1, "tệp ghi nhận rà soát hỏng"),
])
def test_a_broken_settings_file_is_named_and_nothing_is_built(tmp_path, name, text, where, message):
    project = copy_project(tmp_path / "p")
    (project / "regulations" / name).write_text(text, encoding="utf-8")
    check = handbook(project, "check")
    assert check.returncode == 1
    output = check.stdout + check.stderr
    assert f"regulations/{name}:{where}:" in output and message in output
    assert "Traceback" not in check.stderr
    assert handbook(project, "build").returncode == 1 and not (project / "site").exists()
