"""Where a build's time goes (not a test): one build of a project under cProfile, in this interpreter,
its time split by plugin event (inclusive) and by package (exclusive).

    .venv/bin/python -m scripts.benchmarks.profile [--large] [--project FOLDER] [--runs 3]

The split by event says which plugin's hook costs what (ours is `handbook`; the theme's search, static-i18n
and mkdocs-quiz beside it); the split by package says where the CPU goes whoever called it (Markdown,
Jinja, YAML, our code). cProfile slows Python code down about 1.5×, more for many small calls: compare
shares, not seconds, with the build benchmark's plain timings. With --project the folder is profiled as it
is (an older checkout, for a before/after table); otherwise a copy of this project (--large: the build
benchmark's 10 versions, 500 questions, 50 guides). After one build to warm the caches, as in everyday
use, each run is a fresh build; the medians are printed.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Plugin events MkDocs dispatches (mkdocs.plugins.PluginCollection.on_*), matched by the hook's code.
EVENT = re.compile(r"\bon_(config|pre_build|files|nav|env|post_build|page_markdown|page_content|page_context|"
                   r"post_page|post_template|pre_template|template_context|page_read_source|pre_page|serve)\b"
                   r"|_keep_search_index|_finish_build")
PACKAGES = ("handbook", "mkdocs_quiz", "mkdocs_static_i18n", "material", "mkdocs", "markdown", "pymdownx",
            "jinja2", "yaml", "jsonschema", "babel", "pygments", "bs4", "html", "json", "re")


def package_of(filename: str) -> str:
    if filename == "~":
        return "builtins (C: str, re, json, dict…)"
    parts = Path(filename).parts
    for name in PACKAGES:
        if name in parts:
            return name
    return "python" if "lib" in parts else "other"


def profile_once(config: Path, site: Path) -> tuple[float, pstats.Stats]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    shutil.rmtree(site, ignore_errors=True)
    logging.disable(logging.WARNING)
    old = Path.cwd()
    os.chdir(config.parent)
    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    try:
        profiler.enable()
        build(load_config(str(config), site_dir=str(site)))
        profiler.disable()
    finally:
        os.chdir(old)
    seconds = time.perf_counter() - t0
    return seconds, pstats.Stats(profiler)


def split(stats: pstats.Stats) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    by_event: dict[str, float] = defaultdict(float)
    by_package: dict[str, float] = defaultdict(float)
    ours: dict[str, float] = {}
    for (filename, _line, function), (_cc, _nc, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        by_package[package_of(filename)] += tottime
        if package_of(filename) == "handbook" and not EVENT.fullmatch(function):
            ours[f"{Path(filename).stem}.{function}"] = cumtime
        if EVENT.fullmatch(function) and "plugins" not in Path(filename).parts[-1:]:
            owner = package_of(filename)
            if owner in ("handbook", "mkdocs_quiz", "mkdocs_static_i18n", "material"):
                by_event[f"{owner} {function}"] += cumtime
    return by_event, by_package, ours


def main() -> int:
    parser = argparse.ArgumentParser(description="where a build's time goes, by plugin event and by package")
    parser.add_argument("--project", type=Path, help="profile this folder as it is (e.g. an older checkout)")
    parser.add_argument("--large", action="store_true", help="the build benchmark's large synthetic site")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.project:
            project = args.project.resolve()
        else:
            from handbook.publish import copy_sources

            project = copy_sources(ROOT, work / "project")
            if args.large:
                from scripts.benchmarks.build import make_synthetic

                make_synthetic(project, 10, 500, 50)
                os.environ["HANDBOOK_TODAY"] = "2032-10-01"
        os.environ["NO_MKDOCS_2_WARNING"] = "1"
        sys.path.insert(0, str(project / "scripts"))
        totals, events, packages, ours = [], defaultdict(list), defaultdict(list), defaultdict(list)
        profile_once(project / "mkdocs.yml", work / "site")  # warm-up: caches as in everyday builds
        for _ in range(args.runs):
            seconds, stats = profile_once(project / "mkdocs.yml", work / "site")
            totals.append(seconds)
            by_event, by_package, in_ours = split(stats)
            for key, value in in_ours.items():
                ours[key].append(value)
            for key, value in by_event.items():
                events[key].append(value)
            for key, value in by_package.items():
                packages[key].append(value)
    for table in (events, packages, ours):  # a function absent from a run took no time in it
        for values in table.values():
            values += [0.0] * (len(totals) - len(values))
    total = statistics.median(totals)
    print(f"{project}: build under cProfile, median of {args.runs}: {total:.2f} s "
          f"(load average {os.getloadavg()[0]:.1f})")
    print("\nplugin hooks, inclusive (a hook's own work and all it calls; static-i18n's post_build runs the "
          "other language's whole build)")
    for key, values in sorted(events.items(), key=lambda kv: -statistics.median(kv[1])):
        value = statistics.median(values)
        if value >= 0.01:
            print(f"  {key:40} {value:6.2f} s {100 * value / total:5.1f} %")
    print("\nby package, exclusive (CPU in that package's own functions)")
    for key, values in sorted(packages.items(), key=lambda kv: -statistics.median(kv[1])):
        value = statistics.median(values)
        if value >= 0.01:
            print(f"  {key:40} {value:6.2f} s {100 * value / total:5.1f} %")
    print("\nour functions, inclusive (the eight costliest; nested ones overlap)")
    for key, values in sorted(ours.items(), key=lambda kv: -statistics.median(kv[1]))[:8]:
        value = statistics.median(values)
        print(f"  {key:40} {value:6.2f} s {100 * value / total:5.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
