"""Lighthouse (mobile) of every page type in both languages against bare Material, on nginx with gzip.

    .venv/bin/python -m scripts.benchmarks.lighthouse [--runs 5]

Builds the site into a temporary folder with site_url set to the loopback address it is served from (so
canonical and hreflang links are real) and, beside it, a bare Material site (no plugin, no overrides, no
CSS or JavaScript of ours) with one page per page type holding the same article content, headings and table
of contents as ours. Both are served by Debian's nginx (gzip on). Lighthouse 12.2.3 (installed once with
npm into ~/.cache/lighthouse-12) runs against Debian's chromium, alternating our page and its bare twin
--runs times each, so both see the same machine. Printed per page type: the median performance score and
Total Blocking Time of ours and of the reference, our accessibility / best practices / SEO, our worst CLS.

The bar (issue 17): our median performance not below the reference's, our median TBT not above 1.1× the
reference's (and never more than 10 ms above it, which a 2-core machine cannot tell apart), accessibility,
best practices and SEO 100, CLS 0, on every page type in both languages. Exit status 1 when one fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from handbook.publish import mkdocs_build

from tests.support.web import free_port, nginx

ROOT = Path(__file__).resolve().parents[2]
LH_HOME = Path(os.environ.get("LIGHTHOUSE_HOME", Path.home() / ".cache" / "lighthouse-12"))
CERT = ("dao-tao/giay-chung-nhan/?quiz=tong-hop&name=Nguy%E1%BB%85n%20Th%E1%BB%8B%20Lan&correct=15&total=15"
        "&date=2026-11-25")
PAGES = [("home", ""), ("Quy chế", "quy-che/"), ("decision", "quyet-dinh/"), ("guides", "huong-dan/"),
         ("guide", "huong-dan/quen-mat-khau/"), ("training", "dao-tao/"), ("quiz", "dao-tao/chuong-3/"),
         ("certificate", CERT), ("glossary", "thuat-ngu/"), ("versions", "phien-ban/")]
OTHERS = ("accessibility", "best-practices", "seo")
TBT_RATIO, TBT_SLACK_MS = 1.1, 10.0


def lighthouse() -> Path:
    binary = LH_HOME / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        LH_HOME.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "i", "-E", "--silent", "--no-audit", "--no-fund", "lighthouse@12.2.3"],
                       cwd=LH_HOME, check=True)
    return binary


def audit(binary: Path, url: str, out: Path) -> dict:
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    out.unlink(missing_ok=True)
    subprocess.run([str(binary), url, "--quiet", "--form-factor=mobile", "--output=json", f"--output-path={out}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
                   env={**os.environ, "CHROME_PATH": chrome}, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    report = json.loads(out.read_text()) if out.exists() else {}
    return report if report.get("categories") and not report.get("runtimeError") else {}


def article_markdown(page: Path) -> tuple[str, str]:
    """The title and the article of one of our built pages, as Markdown with raw HTML: headings back to
    Markdown so that Material builds the same table of contents; everything else as it is."""
    html = page.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    start = html.index('<article class="md-content__inner md-typeset">')
    body = html[html.index(">", start) + 1:html.index("</article>", start)]
    body = re.sub(r"<script\b.*?</script>", "", body, flags=re.S)  # the bare page runs none of our code
    body = re.sub(r'<h([1-6])[^>]* id="([^"]+)"[^>]*>(.*?)(?:<a class="headerlink"[^>]*>.*?</a>)?</h\1>',
                  lambda m: f"\n\n{'#' * int(m[1])} {re.sub(r'<[^>]+>', '', m[3]).strip()} {{: #{m[2]} }}\n\n", body)
    return (title.group(1).split(" - ")[0].strip() if title else "Page"), body


def bare_reference(site: Path, out: Path, site_url: str) -> dict[str, str]:
    """A bare Material site with one page per (language, page type) holding the same article as ours;
    returns the URL path of each twin under `out`."""
    twins: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "docs").mkdir()
        for lang in ("vi", "en"):
            for name, path in PAGES:
                source = site / ("en" if lang == "en" else "") / path.split("?")[0] / "index.html"
                title, body = article_markdown(source)
                slug = f"{lang}-{re.sub(r'[^a-z]+', '-', name.lower()).strip('-') or 'page'}"
                page = project / "docs" / f"{slug}.md"
                page.write_text(f"---\ntitle: \"{title}\"\n---\n\n{body}", encoding="utf-8")
                twins[f"{lang} {name}"] = f"{slug}/"
        (project / "mkdocs.yml").write_text(
            f"site_name: Bare Material\nsite_url: {site_url}\ntheme:\n  name: material\n  language: vi\n"
            "  font: false\nmarkdown_extensions: [attr_list, md_in_html, toc]\n", encoding="utf-8")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                        "-d", str(out)], env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True)
    return twins


def score(report: dict, category: str) -> int:
    return round((report["categories"][category]["score"] or 0) * 100)


def metric(report: dict, key: str) -> float:
    return float(report["audits"][key].get("numericValue", 0))


def main() -> int:
    parser = argparse.ArgumentParser(description="Lighthouse on every page type, both languages, vs bare Material")
    parser.add_argument("--runs", type=int, default=5, help="audits of each page and of its twin (median kept)")
    args = parser.parse_args()
    binary = lighthouse()
    port = free_port()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # nginx workers run as an unprivileged user
        site = Path(tmp) / "site"
        if not mkdocs_build(ROOT, site, {"HANDBOOK_SITE_URL": f"http://127.0.0.1:{port}/"}).ok:
            raise SystemExit("the site does not build: see the messages above")
        twins = bare_reference(site, site / "zz-bare", f"http://127.0.0.1:{port}/zz-bare/")
        print(f"Lighthouse 12.2.3 mobile, nginx gzip, {args.runs} audits of each page alternating with its bare "
              f"Material twin; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
        print(f"{'page':16} {'perf':>5} {'ref':>5} {'TBT ms':>7} {'ref':>6} {'ratio':>6} {'a11y':>5} {'bp':>4} "
              f"{'seo':>4} {'CLS':>5}")
        with nginx(site, port=port) as base:
            for lang in ("vi", "en"):
                for name, path in PAGES:
                    label = f"{lang} {name}"
                    ours, ref = [], []
                    url = f"{base}/{'en/' if lang == 'en' else ''}{path}"
                    for _ in range(args.runs):
                        ours.append(audit(binary, url, Path(tmp) / "o.json"))
                        ref.append(audit(binary, f"{base}/zz-bare/{twins[label]}", Path(tmp) / "r.json"))
                    ours, ref = [r for r in ours if r], [r for r in ref if r]
                    if not ours or not ref:
                        print(f"{label:16} no report")
                        ok = False
                        continue
                    perf = statistics.median(score(r, "performance") for r in ours)
                    perf_ref = statistics.median(score(r, "performance") for r in ref)
                    tbt = statistics.median(metric(r, "total-blocking-time") for r in ours)
                    tbt_ref = statistics.median(metric(r, "total-blocking-time") for r in ref)
                    others = {c: min(score(r, c) for r in ours) for c in OTHERS}
                    cls = max(metric(r, "cumulative-layout-shift") for r in ours)
                    row_ok = (perf >= perf_ref and tbt <= max(TBT_RATIO * tbt_ref, tbt_ref + TBT_SLACK_MS)
                              and all(v == 100 for v in others.values()) and cls == 0)
                    ok &= row_ok
                    ratio = f"{tbt / tbt_ref:.2f}x" if tbt_ref else "-"
                    print(f"{label:16} {perf:>5.0f} {perf_ref:>5.0f} {tbt:>7.0f} {tbt_ref:>6.0f} {ratio:>6} "
                          f"{others['accessibility']:>5} {others['best-practices']:>4} {others['seo']:>4} "
                          f"{cls:>5.3f}  {'ok' if row_ok else 'BELOW'}")
    shutil.rmtree(Path(tmp), ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
