"""Lighthouse audit (mobile) of every page type in both languages, on nginx with gzip.

    .venv/bin/python scripts/benchmarks/lighthouse.py [--site DIR] [--runs 1]

Builds the site into a temporary folder with site_url set to the loopback address it is served
from (so canonical and hreflang links are real), serves it with Debian's nginx (gzip on), runs
Lighthouse 12.2.3 (installed once with npm into ~/.cache/lighthouse-12) against Debian's chromium,
and prints performance / accessibility / best practices / SEO per page, with any failing audit.
Exit status 1 when a score is below --min (default 100)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from serve import free_port, nginx  # noqa: E402

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


def build(out: Path, site_url: str) -> None:
    env = {**os.environ, "HANDBOOK_SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                   cwd=ROOT, env=env, check=True)


def audit(binary: Path, url: str, out: Path) -> dict:
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    subprocess.run([str(binary), url, "--quiet", "--form-factor=mobile", "--output=json", f"--output-path={out}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
                   env={**os.environ, "CHROME_PATH": chrome}, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return json.loads(out.read_text()) if out.exists() else {}


def main() -> int:
    parser = argparse.ArgumentParser(description="Lighthouse on every page type, both languages")
    parser.add_argument("--runs", type=int, default=1, help="audits per page; the median score is kept")
    parser.add_argument("--min", type=int, default=100)
    args = parser.parse_args()
    binary = lighthouse()
    port = free_port()
    worst = 100
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # nginx workers run as an unprivileged user
        site = Path(tmp) / "site"
        build(site, f"http://127.0.0.1:{port}/")
        print(f"{'page':28} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'KiB':>6}")
        with nginx(site, port=port) as base:
            for lang in ("vi", "en"):
                for name, path in PAGES:
                    url = f"{base}/{'en/' if lang == 'en' else ''}{path}"
                    reports = [audit(binary, url, Path(tmp) / f"r{i}.json") for i in range(args.runs)]
                    reports = [r for r in reports if r.get("categories")]
                    if not reports:
                        print(f"{lang + ' ' + name:28} no report")
                        worst = 0
                        continue
                    scores = {c: sorted(round((r["categories"][c]["score"] or 0) * 100) for r in reports)
                              [len(reports) // 2] for c in CATEGORIES}
                    kib = reports[0]["audits"]["total-byte-weight"].get("numericValue", 0) / 1024
                    if reports[0].get("runtimeError"):
                        print(f"{lang + ' ' + name:28} error {reports[0]['runtimeError'].get('code')}")
                    worst = min(worst, *scores.values())
                    metrics = "  ".join(f"{m.split('-')[0][:5]}={reports[0]['audits'][k].get('displayValue', '')}"
                                        for k, m in METRICS.items())
                    print(f"{lang + ' ' + name:28} " + " ".join(f"{scores[c]:>5}" for c in CATEGORIES)
                          + f" {kib:>6.0f}   {metrics}")
                    for key, a in reports[0]["audits"].items():
                        if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") in (
                                "binary", "numeric", "metricSavings"):
                            print(f"{'':30}{key}: {a.get('displayValue', '') or a['score']}")
                    for f in Path(tmp).glob("r*.json"):
                        f.unlink()
    shutil.rmtree(Path(tmp), ignore_errors=True)
    return 0 if worst >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
