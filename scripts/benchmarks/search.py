"""Search benchmark (not a test): our search next to Material's stock Lunr search on the same pages,
both languages, in Chromium against the sites served by nginx with gzip, in one run.

- index: bytes of the index a language's pages load, raw and gzip -6 (the stock stack loads one
  index holding both languages);
- query: one query inside the search worker, from the message to the reply (the worker's own
  message handler, called in the worker: no page, no rendering), over the query table of
  tests/search_queries.py, median and p90;
- keystroke: from a key going down in the search box to the results painted (the first frame after
  the result list changed), every key of a sample of the table's queries typed one by one, as on a
  phone with the input method off;
- main-thread CPU: the page's main thread's own CPU time per key while typing (Chrome's trace), which
  other programs on a shared machine disturb less than the wall-clock times above;
- first results: from focusing the search box on a fresh page to the first results painted
  (fetching and building the index included: ours is fetched on focus, the stock one at page load).

    .venv/bin/python -m scripts.benchmarks.search [--site site] [--rounds 3] [--sample 24]

Build the site first (`.venv/bin/mkdocs build`); the stock twin is built here from the same
Markdown pages (benchmarks/build.py). Targets (issue 15): query <= 5 ms p90, keystroke <= 50 ms p90,
index <= 30 KiB gzip per language."""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts.benchmarks.build import bare_twin
from tests.search_queries import ENGLISH, VIETNAMESE
from tests.support.searching import WATCH, open_search
from tests.support.web import launch as chromium
from tests.support.web import nginx

ROOT = Path(__file__).resolve().parents[2]
QUERIES = {"vi": [q for q, _ in VIETNAMESE], "en": [q for q, _ in ENGLISH]}
ROOTS = {"vi": "/", "en": "/en/"}

# Time of one query in the worker: Material's worker and ours both answer a QUERY message (type 2)
# through their "message" listener with postMessage; the reply is caught before it reaches the page.
IN_WORKER = """async ([queries, rounds]) => {
  const times = [], real = self.postMessage;  // an own property of the worker's global: put it back after
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t0 = performance.now();
      await new Promise(resolve => {
        self.postMessage = () => resolve();
        self.dispatchEvent(new MessageEvent("message", {data: {type: 2, data: q}}));
      });
      if (r > 0) times.push(performance.now() - t0);  // the first round warms the engine up
    }
  }
  self.postMessage = real;
  return times;
}"""

# Per key press in the search box: ms from keydown to the first frame painted after the results changed.
KEYSTROKES = """() => {
  window.__hbKeys = [];
  let pending = null;
  document.addEventListener("keydown", e => {
    if (e.target.matches && e.target.matches(".md-search__input")) pending = performance.now();
  }, true);
  addEventListener("DOMContentLoaded", () => {
    new MutationObserver(() => {
      if (pending === null) return;
      const t0 = pending;
      pending = null;
      requestAnimationFrame(() => setTimeout(() => window.__hbKeys.push(performance.now() - t0)));
    }).observe(document.querySelector(".md-search-result"), {childList: true, subtree: true, characterData: true});
  });
}"""


def stock_twin(tmp: Path) -> Path:
    """Material + static-i18n with its stock search, on our Markdown pages (generated ones included)."""
    config = bare_twin(ROOT, tmp / "stock")
    out = tmp / "stock-site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True, cwd=config.parent)
    return out


def index_file(site: Path, lang: str) -> Path:
    own = site / ("" if lang == "vi" else lang) / "search" / "search_index.json"
    return own if own.exists() else site / "search" / "search_index.json"


def ascii_sample(queries: list[str], size: int) -> list[str]:
    """Queries a phone keyboard types key by key (Playwright sends no key events for "ậ")."""
    typed = [q for q in queries if q.isascii()]
    step = max(1, len(typed) // size)
    return typed[::step][:size]


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(p * (len(values) - 1) + 0.5))]


def type_keys(page, query: str) -> list[float]:
    """Clear the box, type the query key by key; ms from each key to its results painted."""
    box = page.locator(".md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_timeout(150)
    page.evaluate("() => { window.__hbKeys = []; }")
    for key in query:
        page.keyboard.press("Space" if key == " " else key)
        page.wait_for_timeout(150)  # a quick typist; every key's results are in before the next
    return page.evaluate("() => window.__hbKeys")


def main_thread_cpu(trace: Path) -> float:
    """ms of CPU time of the page's main thread (the renderer thread that did the layouts) in a trace."""
    events = json.loads(trace.read_text())["traceEvents"]
    layouts = collections.Counter((e["pid"], e["tid"]) for e in events if e.get("name") == "Layout")
    main = layouts.most_common(1)[0][0]
    tasks = [e for e in events if (e["pid"], e["tid"]) == main and e.get("ph") == "X" and e.get("name") in TASKS]
    return sum(e.get("tdur", 0) for e in tasks) / 1000


TASKS = {"ThreadControllerImpl::RunTask", "RunTask"}  # top-level tasks (Chromium names them either way)


def measure(browser, base: str, lang: str, rounds: int, sample: int, tmp: Path) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"query": [], "keystroke": [], "first": [], "cpu": []}
    for attempt in range(2):  # two fresh pages: first results twice
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.add_init_script(f"({KEYSTROKES})()")
        page.goto(base + ROOTS[lang], wait_until="load")
        page.wait_for_timeout(300)
        t0 = page.evaluate("() => performance.now()")
        open_search(page)
        page.evaluate(WATCH)
        box = page.locator(".md-search__input")
        box.fill(QUERIES[lang][0])
        box.press("End")
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r)))")
        out["first"].append(page.evaluate("() => performance.now()") - t0)
        if attempt == 0:
            worker = page.workers[0]
            out["query"] = worker.evaluate(IN_WORKER, [QUERIES[lang], rounds + 1])
            typed = ascii_sample(QUERIES[lang], sample)
            for query in typed:
                out["keystroke"] += type_keys(page, query)
            # The same keys again under Chrome's tracing (which costs time itself), for the CPU figure.
            trace = tmp / f"trace-{lang}.json"
            browser.start_tracing(page=page, path=str(trace),
                                  categories=["devtools.timeline", "disabled-by-default-devtools.timeline"])
            for query in typed[::2]:
                type_keys(page, query)
            keys = sum(len(query) + 1 for query in typed[::2])  # each query's keys and the clearing of the box
            browser.stop_tracing()
            out["cpu"] = [main_thread_cpu(trace) / max(1, keys)]
        context.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the query table in the worker")
    parser.add_argument("--sample", type=int, default=24, help="queries typed key by key, per language")
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        raise SystemExit(f"{args.site}/index.html not found: build the site first")
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        os.chmod(tmp, 0o755)  # nginx's workers run as another user
        stock = stock_twin(Path(tmp))
        browser = chromium(p)
        with nginx(args.site) as ours_url, nginx(stock) as stock_url:
            for lang in ("vi", "en"):
                for name, site, url in (("handbook", args.site, ours_url), ("stock Lunr", stock, stock_url)):
                    raw = index_file(site, lang).read_bytes()
                    m = measure(browser, url, lang, args.rounds, args.sample, Path(tmp))
                    rows.append((name, lang, len(raw), len(gzip.compress(raw, 6)), m))
        browser.close()
    print(f"{'search':11} {'lang':4} {'index bytes':>11} {'gzip':>7} {'query ms: median':>17} {'p90':>6} "
          f"{'keystroke→screen ms: median':>28} {'p90':>6} {'CPU ms/key':>11} {'first results ms':>17}")
    for name, lang, raw_size, gz_size, m in rows:
        query, keys = m["query"], m["keystroke"]
        print(f"{name:11} {lang:4} {raw_size:>11,} {gz_size:>7,} {pct(query, 0.5):>17.2f} "
              f"{pct(query, 0.9):>6.2f} {pct(keys, 0.5):>28.1f} {pct(keys, 0.9):>6.1f} {m['cpu'][0]:>11.1f} "
              f"{pct(m['first'], 0.5):>17.0f}")
    n_keys = [len(m["keystroke"]) for *_, m in rows]
    print(f"(query: {args.rounds} rounds of {len(QUERIES['vi'])}/{len(QUERIES['en'])} queries in the worker; "
          f"keystroke: {min(n_keys)}–{max(n_keys)} keys per row; first results: 2 fresh pages. "
          "Targets: query p90 <= 5 ms, keystroke p90 <= 50 ms, index <= 30 KiB gzip)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
