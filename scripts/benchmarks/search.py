"""Search benchmark (not a test): index size per language, time from page load to first results,
and time per query, measured in Chromium against the built site served by nginx with gzip.

    .venv/bin/python -m scripts.benchmarks.search [--site site] [--runs 3]

Build the site first (`.venv/bin/mkdocs build`). Target: results within 100 ms of typing once the
index is loaded."""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.support.searching import WATCH, open_search
from tests.support.web import launch as chromium
from tests.support.web import nginx

QUERIES = {
    "vi": ["mật khẩu", "mat khau", "thu hồi", "thu hoi", "ky so", "tệp đính kèm", "10MB", "virus", "dieu 13",
           "gio lam viec", "nhom thu", "pass", "mật mã", "hiệu trưởng phê duyệt", "c1thanham"],
    "en": ["password", "forgot password", "recall", "attachment", "10MB", "virus", "email group",
           "working hours", "school address", "Article 13", "spam", "digital signature"],
}
ROOTS = {"vi": "/", "en": "/en/"}


def type_and_time(page, query: str) -> float:
    """ms from the keystroke that submits the query (Material searches on keyup) to the first
    change of the results."""
    box = page.locator(".md-search__input")
    box.fill(query)
    page.evaluate(WATCH)
    box.press("End")
    return page.evaluate("() => window.__hbChanged")


def measure(base: str, lang: str, runs: int) -> dict:
    out: dict = {"load_to_first": [], "per_query": []}
    with sync_playwright() as p:
        browser = chromium(p)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            sizes = {}
            page.on("requestfinished", lambda r, s=sizes: s.__setitem__(r.url, r.sizes()["responseBodySize"])
                    if "search_index.json" in r.url else None)
            page.goto(base + ROOTS[lang], wait_until="load")
            t_load = page.evaluate("() => performance.now()")
            open_search(page)
            page.evaluate(WATCH)
            page.locator(".md-search__input").fill(QUERIES[lang][0])
            page.locator(".md-search__input").press("End")
            page.evaluate("() => window.__hbChanged")
            page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
            out["load_to_first"].append(page.evaluate("() => performance.now()") - t_load)
            out["wire"] = next(iter(sizes.values()), None)
            page.wait_for_timeout(300)
            for q in QUERIES[lang]:
                ms = type_and_time(page, q)
                if ms >= 0:
                    out["per_query"].append(ms)
            context.close()
        browser.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        raise SystemExit(f"{args.site}/index.html not found: build the site first")
    print(f"{'lang':4} {'index bytes':>12} {'gzip -6':>9} {'on wire':>8} {'load→first results ms':>22} "
          f"{'per query ms: median':>21} {'p90':>6} {'max':>6}")
    with nginx(args.site) as base:
        for lang in ("vi", "en"):
            index = args.site / ("" if lang == "vi" else lang) / "search" / "search_index.json"
            raw = index.read_bytes()
            m = measure(base, lang, args.runs)
            per = sorted(m["per_query"])
            p90 = per[int(0.9 * (len(per) - 1))]
            print(f"{lang:4} {len(raw):>12,} {len(gzip.compress(raw, 6)):>9,} {m['wire'] or 0:>8,} "
                  f"{statistics.median(m['load_to_first']):>22.0f} {statistics.median(per):>21.1f} "
                  f"{p90:>6.1f} {per[-1]:>6.1f}")
    print(f"({args.runs} page loads per language; {len(QUERIES['vi'])}/{len(QUERIES['en'])} queries each; "
          "target: under 100 ms per query once the index is loaded)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
