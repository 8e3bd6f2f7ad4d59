"""Reading built pages the way a reader sees them: visible text, element IDs, attributes."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

SKIP = {"script", "style", "template", "svg"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.ids: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag in SKIP:
            self._skip += 1
        if tag in ("p", "div", "li", "br", "h1", "h2", "h3", "h4", "dt", "dd", "section", "tr", "td", "th"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def parse(path: Path) -> _Collector:
    c = _Collector()
    c.feed(path.read_text(encoding="utf-8"))
    return c


def text_of(path: Path) -> str:
    """Visible text with whitespace collapsed to single spaces."""
    return re.sub(r"\s+", " ", "".join(parse(path).parts)).strip()


def main_text(path: Path) -> str:
    """Text of the page's article only (not navigation or footer)."""
    html = path.read_text(encoding="utf-8")
    start = html.index('<article class="md-content__inner')
    end = html.index("</article>", start)
    c = _Collector()
    c.feed(html[start:end])
    return re.sub(r"\s+", " ", "".join(c.parts)).strip()


def page_paths(site: Path, pattern: str = "*.html") -> list[str]:
    """The URL paths of a built site's pages: "/quy-che/" for quy-che/index.html, "/404.html" as is."""
    found = []
    for html in sorted(site.rglob(pattern)):
        rel = html.relative_to(site).as_posix()
        found.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return found
