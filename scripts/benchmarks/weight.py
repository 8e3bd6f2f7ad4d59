"""Page weight benchmark (not a test): bytes transferred on a first visit to every page, measured in
Chromium against the built site served by nginx with gzip, plus the size of the project's own CSS
and JavaScript.

    .venv/bin/python -m scripts.benchmarks.weight [--site site]

Budgets: no page over 130 KiB transferred on first load; our own CSS + JS under 20 KiB gzip."""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.support.htmltext import page_paths
from tests.support.web import launch as chromium
from tests.support.web import nginx
from tests.support.weights import own_files  # the files the budget test counts as ours

PAGE_BUDGET = 130 * 1024
OWN_BUDGET = 20 * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description="page weight per page on nginx with gzip")
    parser.add_argument("--site", type=Path, default=Path("site"))
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html: no built site; build it first (.venv/bin/mkdocs build -d {args.site})",
              file=sys.stderr)
        return 2
    own = {name: len(gzip.compress((args.site / name).read_bytes(), 9)) for name in own_files()}
    results = []
    with nginx(args.site) as base, sync_playwright() as p:
        browser = chromium(p)
        for path in page_paths(args.site, "index.html"):
            context = browser.new_context()  # a first visit: empty cache
            page = context.new_page()
            sizes: list[int] = []
            page.on("requestfinished", lambda r, s=sizes: s.append(r.sizes()["responseBodySize"]
                                                                    + r.sizes()["responseHeadersSize"]))
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(300)
            results.append((sum(sizes), len(sizes), path))
            context.close()
        browser.close()
    results.sort(reverse=True)
    print(f"{'page':44} {'KiB':>7} {'requests':>9}")
    for total, count, path in results[:12]:
        print(f"{path:44} {total / 1024:>7.1f} {count:>9}")
    print(f"... {len(results)} pages; heaviest {results[0][0] / 1024:.1f} KiB, "
          f"lightest {results[-1][0] / 1024:.1f} KiB (budget {PAGE_BUDGET // 1024} KiB)")
    print("own CSS + JS (gzip -9): " + ", ".join(f"{Path(n).name} {b / 1024:.1f}" for n, b in own.items())
          + f" = {sum(own.values()) / 1024:.1f} KiB (budget {OWN_BUDGET // 1024} KiB)")
    over = [r for r in results if r[0] > PAGE_BUDGET]
    return 1 if over or sum(own.values()) > OWN_BUDGET else 0


if __name__ == "__main__":
    sys.exit(main())
