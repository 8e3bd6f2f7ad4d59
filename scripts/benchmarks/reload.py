"""Live reload benchmark (not a test): with `mkdocs serve` running, how long from saving a source file to the
change shown in the browser, and how many rebuilds each save causes — ours against a bare Material +
static-i18n project serving the same pages, in one run.

    .venv/bin/python -m scripts.benchmarks.reload [--runs 5]

Ours: a guide (guides/*.yml), a quiz (quizzes/*.yml) and the English translation (regulations/*/en.yml) are
edited in turn; the page that shows each is open in Chromium, which MkDocs' livereload script reloads. The
bare twin: a Markdown page of the same site is edited the same way. Target (issue 17): the change on screen
within 2 s, one rebuild per edit.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from handbook.publish import copy_sources
from playwright.sync_api import sync_playwright

from scripts.benchmarks.build import bare_twin
from tests.support.web import free_port, launch

ROOT = Path(__file__).resolve().parents[2]
TARGET_SECONDS = 2.0


class Serve:
    """`mkdocs serve` of a project on a free port, its log collected."""

    def __init__(self, project: Path, extra: tuple[str, ...] = ()):
        self.port = free_port()
        self.log = project / "serve.log"
        self.handle = self.log.open("w", encoding="utf-8")
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", *extra]
        self.process = subprocess.Popen(command, cwd=project, stdout=self.handle, stderr=subprocess.STDOUT,
                                        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        deadline = time.monotonic() + 300
        while "Serving on" not in self.text() and time.monotonic() < deadline:
            time.sleep(0.2)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def builds(self) -> int:
        return self.text().count("Building documentation")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(20)
        self.handle.close()


def edit_and_wait(page, serve: Serve, path: Path, old: str, new: str) -> tuple[float, int]:
    """Replace `old` by `new` in the file; return seconds until the page shows `new`, and the rebuilds."""
    before = serve.builds()
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    started = time.perf_counter()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    page.wait_for_function("(s) => document.body && document.body.innerText.includes(s)", arg=new, timeout=120_000,
                           polling=20)
    seconds = time.perf_counter() - started
    time.sleep(2.5)  # any second rebuild a save sets off would start by now
    return seconds, serve.builds() - before


def run_edits(browser, serve: Serve, edits: list[tuple[str, str, Path, str]], runs: int) -> dict[str, list]:
    results: dict[str, list] = {}
    context = browser.new_context()
    page = context.new_page()
    for name, url_path, path, old in edits:
        page.goto(f"http://127.0.0.1:{serve.port}/{url_path}")
        current = old
        for n in range(runs):
            marker = f"{old} {name}{n}"
            results.setdefault(name, []).append(edit_and_wait(page, serve, path, current, marker))
            current = marker
    context.close()
    return results


def report(label: str, results: dict[str, list]) -> bool:
    ok = True
    for name, runs in results.items():
        seconds = sorted(s for s, _ in runs)
        builds = sorted({b for _, b in runs})
        p90 = seconds[min(len(seconds) - 1, int(0.9 * len(seconds)))]
        good = statistics.median(seconds) <= TARGET_SECONDS and builds == [1]
        ok &= good or label.startswith("bare")
        verdict = "ok" if good else "" if label.startswith("bare") else "OVER"
        print(f"{label:6} {name:26} {statistics.median(seconds):>7.2f} {p90:>7.2f} {seconds[0]:>6.2f}–"
              f"{seconds[-1]:<6.2f} {','.join(map(str, builds)):>9}  {verdict}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description="save to screen under mkdocs serve, ours vs bare Material")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dirty", action="store_true", help="mkdocs serve --dirty (rebuild only changed pages)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours = copy_sources(ROOT, work / "ours")
        year = sorted(p.name for p in (ours / "regulations").iterdir() if re.fullmatch(r"\d{4}-\d{4}", p.name))[-1]
        en = ours / "regulations" / year / "en.yml"
        edits = [("guide (guides/*.yml)", "huong-dan/gui-van-ban/", ours / "guides" / "gui-van-ban.yml",
                  "Gửi văn bản chính thức của nhà trường qua thư điện tử"),
                 ("quiz (quizzes/*.yml)", "dao-tao/chuong-6/", ours / "quizzes" / "chuong-6.yml",
                  "Chương VI – Tổ chức thực hiện"),
                 ("translation (en.yml)", "en/quy-che/", en, "Implementation")]
        print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; {args.runs} saves each; "
              "seconds from save to the change on screen in Chromium (median, p90, range), rebuilds per save")
        print(f"{'stack':6} {'edit':26} {'median':>7} {'p90':>7} {'range':>13} {'rebuilds':>9}")
        with sync_playwright() as p:
            browser = launch(p)
            extra = ("--dirty", "--no-strict") if args.dirty else ()
            serve = Serve(ours, extra)
            try:
                ok = report("ours", run_edits(browser, serve, edits, args.runs))
            finally:
                serve.stop()
            bare = bare_twin(ours, work / "bare").parent
            serve = Serve(bare, extra)
            try:
                page = bare / "docs" / "huong-dan" / "gui-van-ban.vi.md"
                report("bare", run_edits(browser, serve, [("Markdown page (docs/*.md)", "huong-dan/gui-van-ban/",
                                                            page, "Gửi văn bản chính thức của nhà trường")], args.runs))
            finally:
                serve.stop()
            browser.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
