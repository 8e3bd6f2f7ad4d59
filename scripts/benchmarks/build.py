"""Build benchmark (not a test): build time and peak memory of the real site and of a generated
large one (10 school-year versions, 500 questions, 50 guides), each against a bare Material +
static-i18n build of the same pages, so the cost of our own code is visible.

    .venv/bin/python -m scripts.benchmarks.build [--skip-large]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from handbook import reviews
from handbook.project import load_project
from handbook.publish import copy_sources
from handbook.versions import import_version

ROOT = Path(__file__).resolve().parents[2]

# Runs one build in a fresh interpreter and reports its wall time and peak resident memory.
CHILD = """
import json, resource, sys, time, logging
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.disable(logging.WARNING)
t0 = time.perf_counter()
build(load_config(sys.argv[1], site_dir=sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - t0,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

BARE = """site_name: Bare
site_url: https://example.test/
docs_dir: docs
theme: {name: material, language: vi, font: false}
markdown_extensions: [attr_list, md_in_html, admonition, def_list, tables, toc]
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - {locale: vi, name: Tiếng Việt, default: true}
        - {locale: en, name: English}
"""


def measure(config: Path, out: Path, env: dict[str, str] | None = None) -> dict[str, float]:
    result = subprocess.run([sys.executable, "-c", CHILD, str(config), str(out)], capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, cwd=config.parent)
    if result.returncode != 0:
        raise SystemExit(f"build failed: {config}\n{result.stderr[-3000:]}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    data["pages"] = sum(1 for _ in out.rglob("*.html"))
    return data


def bare_twin(project: Path, folder: Path) -> Path:
    """The same Markdown pages (hand-written and generated) in a Material + static-i18n project with
    none of our code: no handbook plugin, no quiz engine."""
    docs = folder / "docs"
    shutil.copytree(project / "docs", docs, ignore=shutil.ignore_patterns("overrides", "assets"))
    (folder / "mkdocs.yml").write_text(BARE, encoding="utf-8")
    return folder / "mkdocs.yml"


def make_large(project: Path) -> None:
    """10 versions, 500 questions, 50 guides, all valid and reviewed."""
    base = (project / "regulations" / "2022-2023" / "quy-che.txt").read_text(encoding="utf-8")
    for i in range(1, 10):
        y = 2022 + i
        text = (base.replace("10MB", f"{10 + i}MB").replace("Số: 24/QĐ-THTA", f"Số: {24 + i}/QĐ-THTA")
                .replace("24/QĐ-THTA ngày 11/10/2022", f"{24 + i}/QĐ-THTA ngày 05/09/{y}")
                .replace("ngày 11 tháng 10 năm 2022", f"ngày 05 tháng 9 năm {y}")
                .replace("2022 - 2023", f"{y} - {y + 1}").replace("năm học 2022-2023 gồm", f"năm học {y}-{y + 1} gồm"))
        source = project / f"{y}.txt"
        source.write_text(text, encoding="utf-8")
        result = import_version(project, source, f"{y}-{y + 1}")
        assert result.folder, result.problems
        source.unlink()
    questions = [q for f in sorted((project / "quizzes").glob("*.yml"))
                 for q in yaml.safe_load(f.read_text())["questions"]]
    for f in (project / "quizzes").glob("*.yml"):
        f.unlink()
    n = 0
    for k in range(20):
        bank = []
        for _ in range(25):
            q = copy.deepcopy(questions[n % len(questions)])
            q["id"] = f"{q['id']}-{n}"
            bank.append(q)
            n += 1
        quiz = {"id": f"bai-{k + 1}", "order": k + 1, "title": {"vi": f"Bài {k + 1}", "en": f"Quiz {k + 1}"},
                "pass_mark": 80, "questions": bank}
        (project / "quizzes" / f"bai-{k + 1}.yml").write_text(yaml.safe_dump(quiz, allow_unicode=True),
                                                                encoding="utf-8")
    guides = [yaml.safe_load(f.read_text()) for f in sorted((project / "guides").glob("*.yml"))]
    for k in range(50):
        g = copy.deepcopy(guides[k % len(guides)])
        if k >= len(guides):
            g["id"] = f"{g['id']}-{k}"
            g["related"] = []
            g["order"] = 100 + k
            for s in g["steps"]:
                s.pop("links", None)
            (project / "guides" / f"{g['id']}.yml").write_text(yaml.safe_dump(g, allow_unicode=True), encoding="utf-8")
    os.environ["HANDBOOK_TODAY"] = "2031-10-01"
    proj = load_project(project)
    assert proj.latest is not None
    records, _, _ = reviews.record(proj.review_items(), proj.latest.regulation, {}, None)
    (project / reviews.RECORDS).write_text(reviews.dump(records), encoding="utf-8")


def report(name: str, ours: dict[str, float], bare: dict[str, float]) -> None:
    print(f"{name:12} {ours['pages']:>6} {ours['seconds']:>9.1f} {ours['peak_mib']:>9.0f} "
          f"{bare['seconds']:>9.1f} {bare['peak_mib']:>9.0f} {ours['seconds'] / bare['seconds']:>7.2f}x "
          f"{ours['peak_mib'] / bare['peak_mib']:>7.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description="build time and peak memory, ours vs bare Material")
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()
    print(f"{'site':12} {'pages':>6} {'ours s':>9} {'ours MiB':>9} {'bare s':>9} {'bare MiB':>9} "
          f"{'time':>8} {'memory':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        real = copy_sources(ROOT, tmp_path / "real")
        ours = measure(real / "mkdocs.yml", tmp_path / "real-site")
        bare = measure(bare_twin(real, tmp_path / "real-bare"), tmp_path / "real-bare-site")
        report("real", ours, bare)
        if not args.skip_large:
            large = copy_sources(ROOT, tmp_path / "large")
            make_large(large)
            env = {"HANDBOOK_TODAY": "2031-10-01"}
            ours = measure(large / "mkdocs.yml", tmp_path / "large-site", env)
            bare = measure(bare_twin(large, tmp_path / "large-bare"), tmp_path / "large-bare-site")
            report("large", ours, bare)
            print("large: 10 versions, 500 questions in 20 quizzes, 50 guides (both languages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
