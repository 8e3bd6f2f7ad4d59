"""Next school year's regulation as a test imagines it, and a site built with both years.

Shared by the publishing tests (which check each step) and the layout tests (which need the pages
only a second version has: the announcement bar and the changes page)."""

from __future__ import annotations

from pathlib import Path

from .project import OFFICIAL, build_site, copy_project, handbook

OLD = OFFICIAL.read_text(encoding="utf-8")
NEW_POINT_8D = OLD.split("\n")[109].replace("10MB", "20MB")
REMOVED_13G = next(line for line in OLD.split("\n") if line.startswith("g) Nghiêm cấm sử dụng hộp thư"))
ARTICLE_15 = ("Điều 15. Hiệu lực thi hành\n\n"
              "a) Quy chế này có hiệu lực kể từ ngày ký.\n\n"
              "b) Quy chế này thay thế Quy chế năm học 2022-2023.")
TODAY = "2023-10-01"  # within the announcement's 90 days after 05/09/2023


def next_year_text() -> str:
    """The 2022–2023 text as the next year's decision might change it: 8d raised to 20MB, point g
    of Điều 13 removed, a new Điều 15; the decision renumbered and redated to match."""
    text = OLD.replace(OLD.split("\n")[109], NEW_POINT_8D)
    text = text.replace(REMOVED_13G + "\n\n", "")
    text = text + "\n\n" + ARTICLE_15
    text = text.replace("gồm 06 chương 14 điều", "gồm 06 chương 15 điều")
    text = text.replace("Số: 24/QĐ-THTA", "Số: 31/QĐ-THTA").replace("24/QĐ-THTA ngày 11/10/2022",
                                                                  "31/QĐ-THTA ngày 05/09/2023")
    text = text.replace("ngày 11 tháng 10 năm 2022", "ngày 05 tháng 9 năm 2023")
    return text.replace("2022 - 2023", "2023 - 2024").replace("năm học 2022-2023 gồm", "năm học 2023-2024 gồm")


def build_two_versions(root: Path) -> Path:
    """A copy of the project with 2023–2024 imported, reviewed and built as of TODAY; returns the site.
    Raises AssertionError with the tool's output when a step fails."""
    project = copy_project(root / "p")
    source = root / "quy-che-2023-2024.txt"
    source.write_text(next_year_text(), encoding="utf-8")
    env = {"HANDBOOK_TODAY": TODAY}
    done = handbook(project, "import", str(source), "--year", "2023-2024", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    for path in [*project.glob("guides/*.yml"), *project.glob("quizzes/*.yml"), *project.glob("docs/*.md")]:
        text = path.read_text(encoding="utf-8")
        if "dieu-13-g" in text:  # the editor re-points what cited the removed point
            path.write_text(text.replace("dieu-13-g", "dieu-13-b"), encoding="utf-8")
    done = handbook(project, "review", "--all", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    site = root / "site"
    built = build_site(project, site, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    return site
