"""Lighthouse audit (mobile) of every page type in both languages, on nginx with gzip.

    .venv/bin/python -m scripts.benchmarks.lighthouse [--runs 3] [--min 100] [--no-reference]

Builds the site into a temporary folder with site_url set to the loopback address it is served
from (so canonical and hreflang links are real), serves it with Debian's nginx (gzip on), runs
Lighthouse 12.2.3 (installed once with npm into ~/.cache/lighthouse-12) against Debian's chromium,
and prints performance / accessibility / best practices / SEO per page (median of --runs audits, with
the range of performance scores), the metrics of the first run and any failing audit.

A last row audits a bare Material page (no plugin, no overrides, no own CSS or JavaScript) holding the
same Quy chế text and table of contents, served the same way: performance varies from run to run on
a slow machine, and that row shows how much of it is the machine and Material rather than this project.
Exit status 1 when a median score of our pages is below --min (default 100)."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from handbook.publish import mkdocs_build

from tests.support.web import free_port, nginx

ROOT = Path(__file__).resolve().parents[2]
LH_HOME = Path(os.environ.get("LIGHTHOUSE_HOME", Path.home() / ".cache" / "lighthouse-12"))
CERT = "dao-tao/giay-chung-nhan/?quiz=tong-hop&name=Nguy%E1%BB%85n%20Th%E1%BB%8B%20Lan&correct=15&date=2026-11-25"
PAGES = [("home", ""), ("Quy chế", "quy-che/"), ("guide", "huong-dan/quen-mat-khau/"),
         ("quiz", "dao-tao/chuong-3/"), ("certificate", CERT)]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"first-contentful-paint": "fcp", "largest-contentful-paint": "lcp", "total-blocking-time": "tbt",
           "cumulative-layout-shift": "cls", "speed-index": "si"}


def lighthouse() -> Path:
    binary = LH_HOME / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        LH_HOME.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "i", "-E", "--silent", "--no-audit", "--no-fund", "lighthouse@12.2.3"],
                       cwd=LH_HOME, check=True)
    return binary


def audit(binary: Path, url: str, out: Path) -> dict:
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    subprocess.run([str(binary), url, "--quiet", "--form-factor=mobile", "--output=json", f"--output-path={out}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
                   env={**os.environ, "CHROME_PATH": chrome}, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return json.loads(out.read_text()) if out.exists() else {}


def bare_reference(site: Path, out: Path, site_url: str) -> None:
    """A bare Material site (no plugin, no overrides, no own CSS or JavaScript) whose one page holds the
    same Quy chế text and table of contents as ours, built into out: what Material itself scores here."""
    html = (site / "quy-che" / "index.html").read_text(encoding="utf-8")
    start = html.index('<article class="md-content__inner md-typeset">')
    body = html[html.index(">", start) + 1:html.index("</article>", start)]
    # Headings back to Markdown, so that Material builds the same table of contents as on our page.
    body = re.sub(r'<h([1-3])[^>]* id="([^"]+)"[^>]*>(.*?)<a class="headerlink"[^>]*>.*?</a></h\1>',
                  lambda m: f"\n\n{'#' * int(m[1])} {re.sub(r'<[^>]+>', '', m[3]).strip()} {{: #{m[2]} }}\n\n", body)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "docs").mkdir()
        (project / "docs" / "index.md").write_text("---\ntitle: Quy chế\n---\n\n" + body, encoding="utf-8")
        (project / "mkdocs.yml").write_text(
            f"site_name: Bare Material\nsite_url: {site_url}\ntheme:\n  name: material\n  language: vi\n"
            "  font: false\nmarkdown_extensions: [attr_list, md_in_html, toc]\n", encoding="utf-8")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                        "-d", str(out)], env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True)


def report(label: str, reports: list[dict]) -> int:
    """Print one row (median scores, the performance range, the first report's metrics and failing audits);
    return the row's lowest median score."""
    reports = [r for r in reports if r.get("categories")]
    if not reports:
        print(f"{label:28} no report")
        return 0
    runs = {c: sorted(round((r["categories"][c]["score"] or 0) * 100) for r in reports) for c in CATEGORIES}
    scores = {c: runs[c][len(reports) // 2] for c in CATEGORIES}
    spread = f"{runs['performance'][0]}-{runs['performance'][-1]}" if len(reports) > 1 else ""
    kib = reports[0]["audits"]["total-byte-weight"].get("numericValue", 0) / 1024
    if reports[0].get("runtimeError"):
        print(f"{label:28} error {reports[0]['runtimeError'].get('code')}")
    metrics = "  ".join(f"{m}={reports[0]['audits'][k].get('displayValue', '')}" for k, m in METRICS.items())
    print(f"{label:28} " + " ".join(f"{scores[c]:>5}" for c in CATEGORIES) + f" {spread:>7} {kib:>5.0f}   {metrics}")
    for key, a in reports[0]["audits"].items():
        if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") in (
                "binary", "numeric", "metricSavings"):
            print(f"{'':30}{key}: {a.get('displayValue', '') or a['score']}")
    return min(scores.values())


def main() -> int:
    parser = argparse.ArgumentParser(description="Lighthouse on every page type, both languages")
    parser.add_argument("--runs", type=int, default=3, help="audits per page; the median score is kept")
    parser.add_argument("--min", type=int, default=100)
    parser.add_argument("--no-reference", action="store_true", help="skip the bare Material reference page")
    args = parser.parse_args()
    binary = lighthouse()
    port = free_port()
    worst = 100
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # nginx workers run as an unprivileged user
        site = Path(tmp) / "site"
        if not mkdocs_build(ROOT, site, {"HANDBOOK_SITE_URL": f"http://127.0.0.1:{port}/"}).ok:
            raise SystemExit("the site does not build: see the messages above")
        if not args.no_reference:
            bare_reference(site, site / "zz-bare-material", f"http://127.0.0.1:{port}/zz-bare-material/")
        print(f"Lighthouse 12.2.3 mobile, nginx gzip, {args.runs} run(s) per page: "
              "median scores, performance range")
        print(f"{'page':28} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'range':>7} {'KiB':>5}")
        with nginx(site, port=port) as base:
            def audits(url: str) -> list[dict]:
                found = [audit(binary, url, Path(tmp) / f"r{i}.json") for i in range(args.runs)]
                for f in Path(tmp).glob("r*.json"):
                    f.unlink()
                return found

            for lang in ("vi", "en"):
                for name, path in PAGES:
                    url = f"{base}/{'en/' if lang == 'en' else ''}{path}"
                    worst = min(worst, report(f"{lang} {name}", audits(url)))
            if not args.no_reference:
                # Not held to --min: it shows what this machine allows Material itself.
                report("reference: bare Material", audits(f"{base}/zz-bare-material/"))
    shutil.rmtree(Path(tmp), ignore_errors=True)
    return 0 if worst >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
