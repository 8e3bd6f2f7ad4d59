"""One Jinja2 environment (autoescape on) that turns the model into Markdown pages.

Pages are Markdown with raw HTML blocks for the official text: Python-Markdown leaves raw HTML
blocks alone, so the text keeps every character (no `*.exe` turning into emphasis), and
autoescaping keeps markup from content out of the page. Text that must sit in Markdown itself
(headings, link labels) goes through the `md` filter, which escapes both HTML and Markdown.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>])")


def md(value: Any) -> Markup:
    """Escape text for an inline Markdown context (heading, link label): HTML first, then Markdown."""
    html = str(escape(str(value)))
    return Markup(_MD_SPECIAL.sub(r"\\\1", html))


def md_line(value: Any) -> Markup:
    """One line of Markdown (an answer choice): line breaks become spaces, then escaped."""
    return md(" ".join(str(value).split()))


def md_block(value: Any) -> Markup:
    """Editor text as Markdown paragraphs (a question): each paragraph escaped on one line."""
    parts = [" ".join(p.split()) for p in re.split(r"\n\s*\n", str(value)) if p.strip()]
    return Markup("\n\n".join(str(md(p)) for p in parts))


def attr(value: Any) -> Markup:
    """Text for an attribute value that Markdown's attr_list will read (no quotes or braces)."""
    return Markup(str(escape(re.sub(r'["{}]', "", " ".join(str(value).split())))))


def lines_html(value: str) -> Markup:
    """Plain text whose line breaks matter (official text, translations): escaped, <br> between lines."""
    return Markup("<br>\n".join(str(escape(line)) for line in str(value).split("\n")))


def paragraphs_html(value: str) -> Markup:
    """Editor text (guides, quizzes): blank lines separate paragraphs; everything escaped."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", str(value)) if p.strip()]
    return Markup("".join(f"<p>{lines_html(p)}</p>" for p in parts))


def vi_date(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def en_date(value: date) -> str:
    return value.strftime("%-d %B %Y")


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
    env.filters.update(md=md, md_line=md_line, md_block=md_block, attr=attr, lines=lines_html,
                       paragraphs=paragraphs_html, vi_date=vi_date, en_date=en_date)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
