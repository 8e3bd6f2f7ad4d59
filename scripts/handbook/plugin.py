"""The MkDocs plugin: only MkDocs events live here; the work is done by the plain-Python modules.

- on_config: load and check all content (a problem fails the build before anything is written),
  write the generated pages into docs/ (only files whose text changed, so `mkdocs serve` does
  not rebuild in a loop), and set the site name and navigation for the language being built.
- on_page_content: small HTML touches MkDocs cannot be configured for (localised permalink titles).
- on_post_build: per-language search indexes (see search.py).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs_quiz import plugin as quiz_plugin

from . import quizpage, search, site, sitemaps
from .config import HandbookConfig
from .problems import errors
from .project import Project, load_project

log = logging.getLogger("mkdocs.plugins.handbook")
IFRAME_WORKER = "assets/javascripts/vendor/iframe-worker-shim.js"
QUIZ_JS = "assets/javascripts/vendor/mkdocs-quiz.js"  # mkdocs-quiz's own script, written at build time


def current_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    lang = getattr(i18n, "current_language", None) or config.theme.get("language") or "vi"
    return str(lang)


class _QuizTranslationFilter(logging.Filter):
    """mkdocs-quiz warns that it has no built-in Vietnamese strings even when custom_translations
    supplies them (our locales/vi.po), which would fail every --strict build. Drop only that warning,
    and only for languages that do have a custom translation."""

    def __init__(self, languages: set[str]):
        super().__init__()
        self.languages = languages

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        return not any(msg.startswith(f"Built-in translation for '{lang}' not found") for lang in self.languages)


class HandbookPlugin(BasePlugin[HandbookConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        self.site_dir: Path | None = None  # the site root
        self.not_found: dict[str, str] = {}  # the 404 page as rendered in each language

    # Runs after static-i18n's on_config (-100), which decides the language of this build pass.
    @event_priority(-200)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        quiz = config.plugins.get("mkdocs_quiz")
        if quiz is not None:
            # Vietnamese strings for mkdocs-quiz ship with this package (locales/vi.po).
            translations = quiz.config.setdefault("custom_translations", {})
            translations.setdefault("vi", str(Path(__file__).parent / "locales" / "vi.po"))
            quiz_log = logging.getLogger("mkdocs.plugins.mkdocs_quiz")
            for f in [f for f in quiz_log.filters if isinstance(f, _QuizTranslationFilter)]:
                quiz_log.removeFilter(f)
            quiz_log.addFilter(_QuizTranslationFilter(set(quiz.config.get("custom_translations", {}))))
        root = Path(config.config_file_path).parent
        if self.project is None or current_language(config) == "vi":
            self.site_dir = Path(config.site_dir)
            self.project = load_project(root / self.config.content_dir)
            problems = self.project.problems
            for p in problems:
                if p.severity == "warning":
                    log.info(str(p))
            found = errors(problems)
            if found:
                listing = "\n".join(f"  {p}" for p in found)
                raise PluginError(f"Nội dung có {len(found)} lỗi; chưa xây dựng trang (content has errors):\n"
                                  f"{listing}\nChạy `handbook check` để xem chi tiết.")
            write_generated(Path(config.docs_dir), site.generate(self.project, config.use_directory_urls))
        lang = current_language(config)
        school = self.project.school
        assert school is not None
        config.site_name = school.site_name[lang]
        config.site_description = school.site_description[lang]
        config.nav = site.navigation(self.project, lang)
        config.extra["hb_announce"] = site.announcement(self.project, lang, config.use_directory_urls)
        # Footer (docs/overrides/partials/copyright.html): the school's name, and Material's credit
        # in the page's language (Material writes it in English only).
        config.copyright = school.name[lang]
        config.extra["hb_made_with"] = site.strings()["footer.made_with"][lang]
        if offline_build(config):
            # Material's offline plugin loads its file:// worker shim from unpkg; ship our copy instead.
            polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
            config.extra["polyfills"] = [*polyfills, IFRAME_WORKER]
        return config

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Any) -> dict:
        page.meta["hb_hreflang"] = hreflang_links(page, config)
        return context

    # After mkdocs-quiz (priority 0) has turned the <quiz> blocks into HTML.
    @event_priority(-50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Any) -> str:
        lang = current_language(config)
        title = site.strings()["permalink.title"][lang]
        html = html.replace('title="Permanent link"', f'title="{title}"')
        quiz_id = page.meta.get("hb_quiz")
        if quiz_id and self.project:
            quiz = next(q for q in self.project.quizzes if q.id == quiz_id)
            html = quizpage.postprocess(html, quiz, lang)
            # mkdocs-quiz inlines its 44 KB script in every quiz page; serve it once, cached and deferred.
            src = get_relative_url(QUIZ_JS, page.url)
            html = html.replace(quiz_plugin.js_script, f'<script src="{src}" defer></script>')
        return html

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # static-i18n builds every language into the same site_dir, so each language's 404.html
        # overwrites the previous one; keep each, and write them where they belong after the build.
        if template_name == "404.html":
            self.not_found[current_language(config)] = output_content
        return output_content

    # After static-i18n's on_post_build (-100) has built the other languages and merged the index.
    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if getattr(i18n, "building", False) or self.site_dir is None:
            return  # a nested per-language build: the merged index is not written yet
        languages = [lang.locale for lang in i18n.config.languages if lang.build] if i18n else ["vi"]
        assert self.project is not None
        search.write_indexes(self.site_dir, self.project, languages, default="vi",
                             directory_urls=config.use_directory_urls, offline=offline_build(config))
        if config.site_url:
            sitemaps.split(self.site_dir, config.site_url, languages, default="vi")
        js = quiz_plugin.js_script
        if js.startswith("<script"):
            (self.site_dir / QUIZ_JS).parent.mkdir(parents=True, exist_ok=True)
            (self.site_dir / QUIZ_JS).write_text(js[js.index(">") + 1: js.rindex("</script>")], encoding="utf-8")
        for lang, html in self.not_found.items():
            path = self.site_dir / ("" if lang == "vi" else lang) / "404.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")


def offline_build(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin is on (`handbook build --offline`): file:// links, no server."""
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(offline is not None and offline.config.enabled)


def write_generated(docs_dir: Path, pages: dict[str, str]) -> None:
    """Write generated pages, touching only what changed, and remove generated pages that no longer exist."""
    for rel, text in pages.items():
        path = docs_dir / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    wanted = {docs_dir / rel for rel in pages}
    for folder in site.GENERATED_DIRS:
        for path in sorted((docs_dir / folder).rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def hreflang_links(page: Page, config: MkDocsConfig) -> list[dict[str, str]]:
    """Absolute URLs of this page in every language (from static-i18n's alternates), plus x-default."""
    alternates = getattr(page.file, "alternates", None) or {}
    base = (config.site_url or "").rstrip("/") + "/"
    links = []
    for lang, file in sorted(alternates.items()):
        url = "" if file.url in ("./", ".") else file.url
        links.append({"lang": lang, "href": base + url})
    default = next((link for link in links if link["lang"] == "vi"), None)
    if default:
        links.append({"lang": "x-default", "href": default["href"]})
    return links
