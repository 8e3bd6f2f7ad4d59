"""One sitemap per language (/sitemap.xml, /en/sitemap.xml) from static-i18n's combined one, each
URL with its hreflang alternates and an x-default, and a robots.txt that lists both."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

from . import fsutil

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def split(site_dir: Path, site_url: str, languages: list[str], default: str) -> dict[str, Path]:
    combined = site_dir / "sitemap.xml"
    if not combined.exists():
        return {}
    ET.register_namespace("", NS["s"])
    ET.register_namespace("xhtml", NS["x"])
    root = ET.parse(combined).getroot()
    base = site_url.rstrip("/") + "/"
    others = tuple(f"{base}{lang}/" for lang in languages if lang != default)
    groups: dict[str, list[ET.Element]] = {lang: [] for lang in languages}
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", default="", namespaces=NS)
        lang = next((lang for lang in languages if lang != default and loc.startswith(f"{base}{lang}/")), default)
        if lang == default and loc.startswith(others):
            continue
        links = url.findall("x:link", NS)
        default_link = next((link for link in links if link.get("hreflang") == default), None)
        if default_link is not None and not any(link.get("hreflang") == "x-default" for link in links):
            x = ET.SubElement(url, f"{{{NS['x']}}}link", rel="alternate", hreflang="x-default",
                              href=default_link.get("href", ""))
            x.tail = "\n    "
        groups[lang].append(url)
    written = {}
    for lang, urls in groups.items():
        out = ET.Element(f"{{{NS['s']}}}urlset")
        out.extend(urls)
        data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(out, encoding="utf-8")
        path = site_dir / ("" if lang == default else lang) / "sitemap.xml"
        fsutil.write_bytes(path, data)
        fsutil.write_bytes(path.with_suffix(".xml.gz"), gzip.compress(data, mtime=0))
        written[lang] = path
    fsutil.write_text(site_dir / "robots.txt", "User-agent: *\nAllow: /\n" + "".join(
        f"Sitemap: {base}{'' if lang == default else lang + '/'}sitemap.xml\n" for lang in languages))
    return written
