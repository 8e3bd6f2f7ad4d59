"""Build benchmark (not a test): build time and peak memory of our build against a bare Material +
static-i18n build of the same pages, on the real site, a large synthetic one (10 school-year versions,
500 questions, 50 guides) and, with --scale, a district-sized one (30 versions, 2,000 questions, 200 guides).

    .venv/bin/python -m scripts.benchmarks.build [--runs 5] [--skip-large] [--scale]

Each repetition builds ours and then the bare twin in fresh interpreters, one after the other, so both
see the same machine; the table gives the median of the repetitions and the spread (min–max), and the
ratios of the medians. Targets (issue 17): real ≤ 1.5×, large ≤ 1.3× the bare time, peak memory ≤ 1.2×.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import statistics
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
TARGETS = {"real": 1.5, "large": 1.3}
MEMORY_TARGET = 1.2

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
    shutil.rmtree(out, ignore_errors=True)
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
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(project / "docs", docs, ignore=shutil.ignore_patterns("overrides", "assets"))
    (folder / "mkdocs.yml").write_text(BARE, encoding="utf-8")
    return folder / "mkdocs.yml"


def make_synthetic(project: Path, versions: int, questions: int, guides: int) -> None:
    """A project enlarged to `versions` school years, `questions` questions in quizzes of 25 and `guides`
    guides, all valid and reviewed (copies of the real content with new IDs)."""
    base = (project / "regulations" / "2022-2023" / "quy-che.txt").read_text(encoding="utf-8")
    for i in range(1, versions):
        y = 2022 + i
        text = (base.replace("10MB", f"{10 + i}MB").replace("Số: 24/QĐ-THTA", f"Số: {24 + i}/QĐ-THTA")
                .replace("24/QĐ-THTA ngày 11/10/2022", f"{24 + i}/QĐ-THTA ngày 05/09/{y}")
                .replace("ngày 11 tháng 10 năm 2022", f"ngày 05 tháng 9 năm {y}")
                .replace("2022 - 2023", f"{y} - {y + 1}").replace("năm học 2022-2023 gồm", f"năm học {y}-{y + 1} gồm"))
        source = project / f"{y}.txt"
        source.write_text(text, encoding="utf-8")
        result = import_version(project, source, f"{y}-{y + 1}")
        assert result.folder, [str(p) for p in result.problems]
        source.unlink()
    pool = [q for f in sorted((project / "quizzes").glob("*.yml"))
            for q in yaml.safe_load(f.read_text(encoding="utf-8"))["questions"]]
    for f in (project / "quizzes").glob("*.yml"):
        f.unlink()
    n = 0
    for k in range(-(-questions // 25)):
        bank = []
        for _ in range(min(25, questions - n)):
            q = copy.deepcopy(pool[n % len(pool)])
            q["id"] = f"{q['id']}-{n}"
            bank.append(q)
            n += 1
        quiz = {"id": f"bai-{k + 1}", "order": k + 1, "title": {"vi": f"Bài {k + 1}", "en": f"Quiz {k + 1}"},
                "draw": {"count": 10, "spread": "article"}, "pass_mark": 80, "questions": bank}
        (project / "quizzes" / f"bai-{k + 1}.yml").write_text(yaml.safe_dump(quiz, allow_unicode=True),
                                                                encoding="utf-8")
    originals = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in sorted((project / "guides").glob("*.yml"))]
    for k in range(len(originals), guides):
        g = copy.deepcopy(originals[k % len(originals)])
        g.update(id=f"{g['id']}-{k}", related=[], order=100 + k)
        for s in g["steps"]:
            s.pop("links", None)
        (project / "guides" / f"{g['id']}.yml").write_text(yaml.safe_dump(g, allow_unicode=True), encoding="utf-8")
    os.environ["HANDBOOK_TODAY"] = f"{2022 + versions}-10-01"
    proj = load_project(project)
    assert proj.latest is not None and proj.load_errors == [], [str(p) for p in proj.load_errors][:5]
    records, _, _ = reviews.record(proj.review_items(), proj.latest.regulation, {}, None)
    (project / reviews.RECORDS).write_text(reviews.dump(records), encoding="utf-8")


def compare(name: str, project: Path, work: Path, runs: int, env: dict[str, str] | None = None) -> bool:
    """`runs` alternating builds of ours and the bare twin; prints a row and returns whether the targets hold."""
    ours_runs, bare_runs = [], []
    for _ in range(runs):
        ours_runs.append(measure(project / "mkdocs.yml", work / f"{name}-site", env))
        twin = bare_twin(project, work / f"{name}-bare")  # the generated pages as the last build wrote them
        bare_runs.append(measure(twin, work / f"{name}-bare-site"))
    def median(runs_: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs_)

    def spread(runs_: list[dict[str, float]]) -> str:
        values = sorted(r["seconds"] for r in runs_)
        return f"{values[0]:.1f}–{values[-1]:.1f}"

    ours_s, bare_s = median(ours_runs, "seconds"), median(bare_runs, "seconds")
    ours_m, bare_m = median(ours_runs, "peak_mib"), median(bare_runs, "peak_mib")
    time_ratio, mem_ratio = ours_s / bare_s, ours_m / bare_m
    target = TARGETS.get(name)
    ok = (target is None or time_ratio <= target) and (name not in TARGETS or mem_ratio <= MEMORY_TARGET)
    print(f"{name:7} {int(ours_runs[0]['pages']):>6} {ours_s:>7.1f} {spread(ours_runs):>11} {ours_m:>8.0f} "
          f"{bare_s:>7.1f} {spread(bare_runs):>11} {bare_m:>8.0f} {time_ratio:>6.2f}x {mem_ratio:>6.2f}x"
          f"  {'target ' + format(target, '.1f') + 'x' if target else '':12} {'ok' if ok else 'OVER'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description="build time and peak memory, ours vs bare Material")
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each build (median and spread)")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--scale", action="store_true", help="also 30 versions, 2,000 questions, 200 guides")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; {args.runs} repetitions, ours then bare")
    print(f"{'site':7} {'pages':>6} {'ours s':>7} {'range':>11} {'MiB':>8} {'bare s':>7} {'range':>11} {'MiB':>8} "
          f"{'time':>7} {'memory':>7}")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        real = copy_sources(ROOT, work / "real")
        ok &= compare("real", real, work, args.runs)
        sizes = [] if args.skip_large else [("large", 10, 500, 50)]
        sizes += [("scale", 30, 2000, 200)] if args.scale else []
        for name, versions, questions, guides in sizes:
            project = copy_sources(ROOT, work / name)
            make_synthetic(project, versions, questions, guides)
            env = {"HANDBOOK_TODAY": f"{2022 + versions}-10-01"}
            ok &= compare(name, project, work, args.runs if name != "scale" else 1, env)
            print(f"{'':7} {name}: {versions} versions, {questions} questions, {guides} guides (both languages)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
