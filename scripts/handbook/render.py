"""One Jinja2 environment (autoescape on) that turns the model into Markdown pages, and one escaping
function per context a value from a source file can reach.

Pages are Markdown with raw HTML blocks for the official text: Python-Markdown leaves raw HTML blocks
alone, so the text keeps every character (no `*.exe` turning into emphasis), and autoescaping keeps
markup from content out of the page. The contexts, and the filter for each:

    HTML text or attribute (inside raw HTML blocks)   autoescape; `lines` / `paragraphs` keep line breaks
    Markdown inline (headings, link labels)           `md` (HTML, then Markdown)
    attr_list values ({: data-toc-label="…" })        `attr`
    YAML front matter                                 `front_matter` (a YAML dump, never a template)
    JSON inside <script type="application/json">      Jinja's `tojson` (escapes < > & ')
    Theme values (titles, nav, site name)             `html_text` here; Markup in the plugin

Editor text may mark a word **bold** (the negatives of quiz stems: `rich`, `rich_line`, `paragraphs`);
nothing else of Markdown or HTML in editor text is ever live.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"
# The characters Python-Markdown (with tables) treats as escapable; `<` and `>` are HTML-escaped first.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_HTML_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


def md(value: Any) -> Markup:
    """Escape text for an inline Markdown context (heading, link label): HTML first, then Markdown."""
    html = str(escape(str(value)))
    return Markup(_MD_SPECIAL.sub(r"\\\1", html))


def attr(value: Any) -> Markup:
    """Text for an attribute value that Markdown's attr_list will read: no quotes or braces (they would end
    it), and Markdown-escaped like the heading it sits on, because inline Markdown runs over the whole line
    before attr_list reads it (an unescaped `[x](javascript:…)` there becomes a live link)."""
    return md(re.sub(r'["{}]', "", " ".join(str(value).split())))


def html_text(value: Any) -> str:
    """Text for a theme template that writes it into HTML as it is (page titles): & < > escaped, quotes
    kept (the theme escapes attributes itself; escaping them here would show "&#39;" to screen readers)."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def lines_html(value: str) -> Markup:
    """Plain text whose line breaks matter (official text, translations): escaped, <br> between lines."""
    return Markup("<br>\n".join(str(escape(line)) for line in str(value).split("\n")))


def paragraphs_html(value: str) -> Markup:
    """Editor text (guides, quizzes): blank lines separate paragraphs; everything escaped, **bold** kept."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", str(value)) if p.strip()]
    return Markup("".join(f"<p>{rich(p)}</p>" for p in parts))


def rich(value: str) -> Markup:
    """Editor text in HTML: escaped, line breaks kept, **bold** as <strong>."""
    return Markup(_HTML_BOLD.sub(r"<strong>\1</strong>", str(lines_html(value))))


def rich_line(value: str) -> Markup:
    """Editor text on one line (an answer choice): line breaks become spaces, then as `rich`."""
    return rich(" ".join(str(value).split()))


def plain(value: str) -> str:
    """Editor text without its **bold** marks (for exports and tooltips)."""
    return _HTML_BOLD.sub(r"\1", value)


class _FrontMatter(yaml.SafeDumper):
    pass


def front_matter(meta: dict[str, Any], comment: str = "") -> Markup:
    """A page's YAML front matter, written by a YAML library: whatever the values hold (backslashes,
    quotes, colons, line breaks), they come back as they were. `comment` opens it (the generated-page stamp)."""
    body = yaml.dump(meta, Dumper=_FrontMatter, allow_unicode=True, sort_keys=False, width=10_000)
    stamp = "".join(f"# {line}\n" for line in comment.split("\n")) if comment else ""
    return Markup(f"---\n{stamp}{body}---\n")


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md, attr=attr, lines=lines_html, rich=rich, rich_line=rich_line,
                       paragraphs=paragraphs_html, html_text=html_text, plain=plain)
    env.globals.update(front_matter=front_matter)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
