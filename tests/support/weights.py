"""What a first visit to a built page costs: the page, what it links, the search worker (gzip level 1,
nginx's default). The budget test and the weight benchmark count the same files."""

from __future__ import annotations

import gzip
import posixpath
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKER = "assets/javascripts/search/worker.js"  # docs/overrides/main.html puts it in place of Material's


def own_files() -> list[str]:
    """The project's own CSS and JavaScript, as served: everything under docs/assets except the vendored
    files."""
    assets = ROOT / "docs" / "assets"
    return [p.relative_to(ROOT / "docs").as_posix() for p in sorted(assets.rglob("*"))
            if p.suffix in (".css", ".js") and "vendor" not in p.parts]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 1))  # nginx's default gzip level


def first_visit(site: Path, page: Path) -> int:
    """The page, what it links (styles, scripts, icon) and our search worker. The search index loads
    when the reader first opens search, highlight.js only on a page opened from a result
    (docs/overrides/main.html)."""
    html = page.read_text(encoding="utf-8")
    here = page.parent.relative_to(site).as_posix()
    refs = re.findall(r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', html)
    refs += re.findall(r'<script[^>]* src="([^"]+)"', html)
    files = {posixpath.normpath(posixpath.join(here, r)) for r in refs if not r.startswith(("http", "data:"))}
    files.add(WORKER)
    return gz(page.read_bytes()) + sum(gz((site / f).read_bytes()) for f in files)
