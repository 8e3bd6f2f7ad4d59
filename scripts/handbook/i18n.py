"""The one language layer: which languages the site has, every interface string, dates, and how a
unit of the official text reads in each language.

- Languages and the default come from the i18n plugin's configuration in mkdocs.yml (the one place
  MkDocs and static-i18n read them too); `languages_of(root)` reads them for the CLI and the desk.
- Every interface string lives in strings.yml, keyed, with one text per language; `Strings.t()`
  formats them. A test fails when a key used by the code or the templates is missing, or a key is unused.
- `unit_text()` is how a unit of the regulation reads in a language (templates and search share it);
  `article_heading()` / `chapter_heading()` build "Article 13. …" and "Chapter II. …" once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from .model import Article, Block, Chapter, Unit
from .translation import Translation
from .yamlfile import FastSafeLoader

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class Languages:
    default: str
    codes: tuple[str, ...]  # the default first
    names: dict[str, str]

    def root(self, lang: str) -> str:
        """Where a language's pages live, relative to the site root: "" or "en/"."""
        return "" if lang == self.default else f"{lang}/"

    @property
    def translated(self) -> tuple[str, ...]:
        """The languages other than the official one."""
        return tuple(code for code in self.codes if code != self.default)


DEFAULT_LANGUAGES = Languages("vi", ("vi", "en"), {"vi": "Tiếng Việt", "en": "English"})


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data: MkDocs' own tags (!ENV, !!python/name) are read as nothing."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def languages_from_plugin(entries: list[Any]) -> Languages:
    """Languages from static-i18n's `languages:` list (dicts, or its config objects)."""
    def get(entry: Any, key: str) -> Any:
        return entry.get(key) if isinstance(entry, dict) else getattr(entry, key, None)

    built = [e for e in entries if get(e, "build") is not False and get(e, "locale")]
    default = next((get(e, "locale") for e in built if get(e, "default")), None) or get(built[0], "locale")
    codes = (default, *[get(e, "locale") for e in built if get(e, "locale") != default])
    return Languages(str(default), tuple(str(c) for c in codes),
                     {str(get(e, "locale")): str(get(e, "name") or get(e, "locale")) for e in built})


def languages_of(root: Path) -> Languages:
    """The site's languages as configured in mkdocs.yml; the handbook's two when it says nothing."""
    try:
        config = yaml.load((root / CONFIG_FILE).read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError):
        return DEFAULT_LANGUAGES
    plugins = (config or {}).get("plugins") or []
    # MkDocs takes plugins as a list of names / one-key mappings, or as one mapping (ours: see mkdocs.yml).
    for plugin in [plugins] if isinstance(plugins, dict) else plugins:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            entries = plugin["i18n"].get("languages") or []
            if entries:
                return languages_from_plugin(entries)
    return DEFAULT_LANGUAGES


class Strings:
    """Interface strings by key and language (strings.yml)."""

    def __init__(self, table: dict[str, dict[str, str]]):
        self.table = table

    def t(self, key: str, lang: str, **values: Any) -> str:
        text = self.table[key][lang]
        return text.format(**values) if values else text

    def all(self, key: str) -> dict[str, str]:
        return dict(self.table[key])

    def __contains__(self, key: str) -> bool:
        return key in self.table


@cache
def strings() -> Strings:
    text = (files("handbook") / "strings.yml").read_text(encoding="utf-8")
    return Strings(yaml.load(text, Loader=FastSafeLoader))


def t(key: str, lang: str, **values: Any) -> str:
    return strings().t(key, lang, **values)


def format_date(value: date, lang: str) -> str:
    """11/10/2022 in Vietnamese, 11 October 2022 in English."""
    if lang == "vi":
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return f"{value.day} {value.strftime('%B')} {value.year}"


@dataclass(frozen=True)
class UnitText:
    text: str
    lang: str  # the language the text is in: the page's, or the official one while a translation is pending
    pending: bool = False


def unit_text(unit: Unit, lang: str, translation: Translation | None, official: str = "vi") -> UnitText:
    """How a unit reads in `lang`, without its dash or point label (the page adds those): the official
    text verbatim, its translation, or the official text marked pending while there is none."""
    if lang == official:
        return UnitText(unit.content, lang)
    english = translation.get(unit.id) if translation else None
    return UnitText(english, lang) if english else UnitText(unit.content, official, pending=True)


def article_heading(article: Article, lang: str, translation: Translation | None, official: str = "vi") -> str:
    """The article's heading as readers of `lang` see it: "Điều 13. …" verbatim, or "Article 13. …"."""
    if lang == official:
        return article.heading
    return t("article.heading", lang, number=article.number,
             title=unit_text(article, lang, translation, official).text)


def chapter_heading(chapter: Chapter, lang: str, translation: Translation | None, official: str = "vi") -> str:
    """One line for a chapter: "CHƯƠNG II. QUY ĐỊNH VỀ …" as written, or "Chapter II. Rules on …"."""
    if lang == official:
        return f"{chapter.label}. {chapter.title}"
    return t("chapter.heading", lang, numeral=chapter.numeral,
             title=" ".join(unit_text(chapter, lang, translation, official).text.split("\n")))


def point_label(block: Block) -> str:
    """A point's label as the text writes it: "e)"."""
    return block.parts()[1]
