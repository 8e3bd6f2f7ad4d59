"""Weight budgets, from the built files (deterministic; scripts/benchmarks/weight.py measures the
same in Chromium over nginx): every page under 130 KiB gzip on a first visit, and the project's
own CSS and JavaScript under 20 KiB gzip in total."""

from __future__ import annotations

from pathlib import Path

from .support.weights import first_visit, gz, own_files


def test_every_page_stays_under_130_kib_on_first_load(site_dir: Path):
    weights = {p.relative_to(site_dir).as_posix(): first_visit(site_dir, p) for p in site_dir.rglob("index.html")}
    assert len(weights) > 40
    heavy = {p: round(w / 1024, 1) for p, w in weights.items() if w > 130 * 1024}
    assert heavy == {}



def test_our_own_css_and_javascript_stay_under_20_kib(site_dir: Path):
    files = own_files()
    assert "assets/javascripts/training.js" in files and "assets/stylesheets/handbook.css" in files
    missing = [f for f in files if not (site_dir / f).is_file()]
    assert missing == []
    total = sum(gz((site_dir / f).read_bytes()) for f in files)
    assert total <= 20 * 1024, f"own CSS + JS: {total / 1024:.1f} KiB gzip"
