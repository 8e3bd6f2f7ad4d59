"""Weight budgets, from the built files (deterministic; scripts/benchmarks/weight.py measures the
same in Chromium over nginx): every page under 130 KiB gzip on a first visit, and the project's
own CSS and JavaScript under 20 KiB gzip in total."""

from __future__ import annotations

import gzip
import posixpath
import re
from pathlib import Path

OWN = ["assets/stylesheets/handbook.css", "assets/javascripts/handbook.js", "assets/javascripts/training.js",
       "assets/javascripts/search/worker.js", "assets/javascripts/search/highlight.js"]
WORKER = "assets/javascripts/search/worker.js"  # docs/overrides/main.html puts it in place of Material's


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 1))  # nginx's default gzip level


def first_visit(site: Path, page: Path) -> int:
    """The page, what it links (styles, scripts, icon) and the search worker. The search index loads
    when the reader first opens search, highlight.js only on a page opened from a result
    (docs/overrides/main.html)."""
    html = page.read_text(encoding="utf-8")
    here = page.parent.relative_to(site).as_posix()
    refs = re.findall(r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', html)
    refs += re.findall(r'<script[^>]* src="([^"]+)"', html)
    files = {posixpath.normpath(posixpath.join(here, r)) for r in refs if not r.startswith(("http", "data:"))}
    files.add(WORKER)
    return gz(page.read_bytes()) + sum(gz((site / f).read_bytes()) for f in files)


def test_every_page_stays_under_130_kib_on_first_load(site_dir: Path):
    weights = {p.relative_to(site_dir).as_posix(): first_visit(site_dir, p) for p in site_dir.rglob("index.html")}
    assert len(weights) > 40
    heavy = {p: round(w / 1024, 1) for p, w in weights.items() if w > 130 * 1024}
    assert heavy == {}

