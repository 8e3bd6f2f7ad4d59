"""Nothing typed is lost: every command that writes leaves the files as they were when it cannot finish,
never writes from a project that failed to load, and two commands never interleave.

Each test records the files before, runs the command (as the principal would, sometimes twice at once
or interrupted), and compares the files after."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .support.project import GUIDE, OFFICIAL, copy_project, handbook, make_project, run_cli

TEXT = OFFICIAL.read_text(encoding="utf-8")


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# -- import ---------------------------------------------------------------------------------------

def test_overwriting_a_year_with_one_word_corrected_keeps_its_english_and_metadata(tmp_path):
    project = make_project(tmp_path / "p")
    folder = project / "regulations" / "2022-2023"
    meta_before = (folder / "meta.yml").read_bytes()
    en_before = (folder / "en.yml").read_text(encoding="utf-8")
    corrected = tmp_path / "sua.txt"
    assert "không vượt quá 10MB" in TEXT
    corrected.write_text(TEXT.replace("không vượt quá 10MB", "không vượt quá 15MB"), encoding="utf-8")
    run = run_cli(project, "import", str(corrected), "--year", "2022-2023", "--overwrite")
    assert run.code == 0, run.output
    assert (folder / "meta.yml").read_bytes() == meta_before
    en_after = (folder / "en.yml").read_text(encoding="utf-8")
    pending = re.findall(r"^([\w-]+):\n  pending: (\w+)", en_after, re.M)
    assert pending == [("dieu-8-d", "changed")]
    old_8d = re.search(r'^dieu-8-d: (".*")$', en_before, re.M).group(1)
    assert f"  previous: {old_8d}" in en_after
    kept = [line for line in en_before.split("\n") if re.match(r"^[\w-]+: \"", line) and "dieu-8-d" not in line]
    assert len(kept) == 81 and all(line in en_after for line in kept)


def test_import_refuses_to_build_on_a_project_that_failed_to_load(tmp_path):
    project = make_project(tmp_path / "p", files={"regulations/2022-2023/en.yml": "dieu-1: [\n"})
    before = digest(project / "regulations")
    source = tmp_path / "new.txt"
    source.write_text(TEXT.replace("2022 - 2023", "2023 - 2024"), encoding="utf-8")
    run = run_cli(project, "import", str(source), "--year", "2023-2024")
    assert run.code == 1 and "[project-broken]" in run.err
    assert digest(project / "regulations") == before


# -- review records -------------------------------------------------------------------------------

def test_review_with_a_broken_records_file_writes_nothing(tmp_path):
    project = make_project(tmp_path / "p")
    records = project / "regulations" / "reviewed.yml"
    broken = records.read_text(encoding="utf-8").replace("}", "", 1)  # one missing }
    records.write_text(broken, encoding="utf-8")
    run = run_cli(project, "review", "quiz/cau-mot")
    assert run.code == 1 and "[review-records]" in run.err or "[yaml]" in run.err
    assert records.read_text(encoding="utf-8") == broken


def test_review_with_a_broken_quiz_keeps_that_quizs_records(tmp_path):
    project = make_project(tmp_path / "p")
    records = project / "regulations" / "reviewed.yml"
    before = records.read_bytes()
    assert b"quiz/cau-mot" in before
    quiz = project / "quizzes" / "thu-nghiem.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("pass_mark: 50", "pass_mark: [50"), encoding="utf-8")
    for args in (["guide/thu-nghiem/buoc-mot"], ["--all"]):
        run = run_cli(project, "review", *args)
        assert run.code == 1 and "quizzes/thu-nghiem.yml" in run.err
        assert records.read_bytes() == before


# -- builds ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real project, built once by `handbook build` (the reference for the tests below)."""
    project = copy_project(tmp_path_factory.mktemp("build") / "p")
    result = handbook(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_a_screenshot_beside_generated_pages_survives_the_build(built):
    from handbook.generated import write  # the plugin's own step, without a whole build
    from handbook.project import load_project
    from handbook.site import generate

    def regenerate() -> None:
        project = load_project(built)
        assert project.ok, [str(p) for p in project.problems if p.severity == "error"]
        write(built / "docs", generate(project))

    shot = built / "docs" / "huong-dan" / "anh-chup.png"
    shot.write_bytes(b"\x89PNG screenshot")
    extra = built / "guides" / "tam-thoi.yml"
    extra.write_text(GUIDE.replace("id: thu-nghiem", "id: tam-thoi"), encoding="utf-8")
    assert run_cli(built, "review", "--all").code == 0
    regenerate()
    page = built / "docs" / "huong-dan" / "tam-thoi.vi.md"
    assert page.exists() and "guides/tam-thoi.yml" in page.read_text(encoding="utf-8").split("\n")[1]
    extra.unlink()  # the guide is removed: its page goes, the screenshot stays
    regenerate()
    assert shot.read_bytes() == b"\x89PNG screenshot"
    assert not page.exists()
    ignored = (built / "docs" / ".gitignore").read_text(encoding="utf-8")
    assert "/huong-dan/anh-chup.png" not in ignored and "/huong-dan/gui-van-ban.vi.md" in ignored
    shot.unlink()


def test_two_builds_at_once_both_finish_and_the_site_is_whole(built):
    reference = pages(built / "site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "handbook.cli", "--root", str(built), "build"]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    time.sleep(0.5)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    outputs = [p.communicate(timeout=600)[0] for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert any("đang chờ" in out for out in outputs)  # one waited for the other
    assert pages(built / "site") == reference
    assert not list(built.glob(".site-build-*"))


def test_an_interrupted_offline_build_keeps_the_old_site_and_zip(built):
    zip_path = built / "dist" / "so-tay-thu-dien-tu-offline.zip"
    zip_path.parent.mkdir(exist_ok=True)
    zip_path.write_bytes(b"the previous offline copy")
    before = digest(built / "site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.Popen([sys.executable, "-m", "handbook.cli", "--root", str(built), "build", "--offline"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while not list(built.glob(".site-build-*/offline")) and time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.1)  # until the second (offline) build is under way
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert zip_path.read_bytes() == b"the previous offline copy"
    assert digest(built / "site") == before
    result = handbook(built, "build")  # the next build clears what the killed one left
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list(built.glob(".site-build-*"))


def test_a_site_folder_that_links_to_the_web_root_is_deployed_into(built, tmp_path):
    web_root = tmp_path / "var-www" / "so-tay"
    web_root.mkdir(parents=True)
    (web_root / "old.html").write_text("old", encoding="utf-8")
    real_site = built / "site"
    kept = real_site.rename(built / "site-kept")
    (built / "site").symlink_to(web_root, target_is_directory=True)
    try:
        result = handbook(built, "build")
        assert result.returncode == 0, result.stdout + result.stderr
        assert (built / "site").is_symlink() and (built / "site").resolve() == web_root.resolve()
        assert (web_root / "quy-che" / "index.html").exists() and not (web_root / "old.html").exists()
    finally:
        (built / "site").unlink()
        kept.rename(real_site)


def test_a_strict_warning_stops_handbook_build_and_is_shown(built):
    page = built / "docs" / "thuat-ngu.vi.md"
    original = page.read_text(encoding="utf-8")
    before = digest(built / "site")
    page.write_text(original + "\n[liên kết hỏng](khong-co-trang.md)\n", encoding="utf-8")
    try:
        result = handbook(built, "build")
        assert result.returncode == 1
        assert "WARNING" in result.stdout and "khong-co-trang.md" in result.stdout
        assert digest(built / "site") == before
    finally:
        page.write_text(original, encoding="utf-8")
