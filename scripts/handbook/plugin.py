"""The MkDocs plugin: only MkDocs events live here; the work is done by the plain-Python modules.

- on_config: load and check all content (a problem fails the build before anything is written),
  write the generated pages into docs/ (generated.py: only files whose text changed, only files it
  owns), and set the site name, navigation, permalink title and 404 links for the language being built.
- on_serve: `mkdocs serve` watches the real sources (regulations/, guides/, quizzes/, our templates and
  strings) instead of the generated pages, so an edit rebuilds once.
- on_page_context / on_page_content: hreflang links for the template; mkdocs-quiz's HTML adjusted.
- on_post_build: per-language search indexes, sitemaps and 404 pages (see search.py, sitemaps.py).

The same plugin runs on MkDocs + Material and on ProperDocs + materialx (mkdocs.materialx.yml); what
differs between the two themes is handled here (MATERIAL_FORKS, the theme's plugin namespace).

Values from content reach the theme as Markup holding escaped text: the theme writes site_name, nav
titles and the copyright into the page unescaped, and escapes them again (`| e`) only in a few
attributes, where Markup is left alone.
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path
from typing import Any

import rcssmin
import rjsmin
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from . import fsutil, generated, quizpage, search, site, sitemaps
from .config import HandbookConfig
from .i18n import Languages, languages_from_plugin, strings
from .problems import errors
from .project import Project, load_project
from .render import TEMPLATES
from .routes import GENERATED_DIRS

log = logging.getLogger("mkdocs.plugins.handbook")
IFRAME_WORKER = "assets/javascripts/vendor/iframe-worker-shim.js"
QUIZ_JS = "assets/javascripts/vendor/mkdocs-quiz.js"  # mkdocs-quiz's own script, written at build time
SOURCES = ("regulations", "guides", "quizzes")  # what an editor changes, beside docs/
# Forks of Material that static-i18n does not recognise by name (it reconfigures only theme "material").
MATERIAL_FORKS = {"materialx"}


def i18n_plugin(config: MkDocsConfig) -> Any:
    return config.plugins.get("i18n")


def languages(config: MkDocsConfig) -> Languages | None:
    i18n = i18n_plugin(config)
    entries = getattr(getattr(i18n, "config", None), "languages", None)
    return languages_from_plugin(list(entries)) if entries else None


def current_language(config: MkDocsConfig, default: str) -> str:
    lang = getattr(i18n_plugin(config), "current_language", None) or config.theme.get("language") or default
    return str(lang)


def cache_quiz_translations() -> None:
    """mkdocs-quiz parses its .po files again for every question block it renders (278 times for our
    bank, a third of its time). The files do not change during a build: parse each once (by path and
    modification time)."""
    from mkdocs_quiz import translations  # noqa: PLC0415

    manager = translations.TranslationManager
    if getattr(manager._parse_po_file, "hb_cached", False):
        return
    parse = manager._parse_po_file

    @functools.cache
    def parsed(path: str, mtime: int) -> dict[str, str]:
        return dict(parse(None, Path(path)))  # the method never uses self

    def cached(self: object, po_path: Path) -> dict[str, str]:
        return dict(parsed(str(po_path), po_path.stat().st_mtime_ns))

    cached.hb_cached = True  # type: ignore[attr-defined]
    manager._parse_po_file = cached


def quiz_script() -> str:
    from mkdocs_quiz import plugin as quiz_plugin  # noqa: PLC0415 (only when mkdocs-quiz is installed)

    return str(quiz_plugin.js_script)


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


class HandbookPlugin(BasePlugin[HandbookConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        self.site_dir: Path | None = None  # the site root
        self.not_found: dict[str, str] = {}  # the 404 page as rendered in each language
        # The theme's search index of each language pass, as the text it wrote: parsed only once all passes
        # are built (held parsed, the first pass's index weighed 5 MiB on the large site's peak).
        self.search_passes: dict[str, str] = {}

    # Runs after static-i18n's on_config (-100), which decides the language of this build pass.
    @event_priority(-200)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._quiz_strings(config)
        root = (Path(config.config_file_path).parent / self.config.content_dir).resolve()
        configured = languages(config)
        if self.project is None:
            self.site_dir = Path(config.site_dir)
            self.project = load_project(root, configured)
            for p in self.project.problems:
                if p.severity == "warning":
                    log.info(p.render(root))
            found = errors(self.project.problems)
            if found:
                listing = "\n".join(f"  {p.render(root)}" for p in found)
                raise PluginError(f"Nội dung có {len(found)} lỗi; chưa xây dựng trang (content has errors):\n"
                                  f"{listing}\nChạy `handbook check` để xem chi tiết.")
            pages = site.generate(self.project, config.use_directory_urls)
            try:
                generated.write(Path(config.docs_dir), pages)
            except OSError as exc:
                raise PluginError(f"Không ghi được trang vào {config.docs_dir}: {exc}") from None
            # From here on the build needs of the quizzes only their titles and question IDs.
            self.project.quizzes = [q.outline() for q in self.project.quizzes]
        project = self.project
        assert project.school is not None
        lang = current_language(config, project.languages.default)
        i18n = i18n_plugin(config)
        if config.theme.name in MATERIAL_FORKS and i18n is not None and i18n.config.reconfigure_material:
            # What static-i18n does for "material" in its on_config: the theme's language for this pass
            # (interface strings, <html lang>, mkdocs-quiz's strings) and the language switcher.
            i18n.reconfigure_material_theme(config, lang)
        school = project.school
        config.site_name = Markup(escape(school.site_name[lang]))
        config.site_description = Markup(escape(school.site_description[lang]))
        config.copyright = Markup(escape(school.name[lang]))
        config.nav = [_markup_keys(item) for item in site.navigation(project, lang, config.use_directory_urls)]
        config.extra["hb_announce"] = site.announcement(project, lang, config.use_directory_urls)
        config.extra["hb_made_with"] = strings().t("footer.made_with", lang)
        config.extra["hb_404"] = not_found(project, lang, config.use_directory_urls)
        toc = config.mdx_configs.setdefault("toc", {})
        toc["permalink_title"] = strings().t("permalink.title", lang)
        if offline_build(config):
            # Material's offline plugin loads its file:// worker shim from unpkg; ship our copy instead.
            polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
            config.extra["polyfills"] = [*polyfills, IFRAME_WORKER]
        return config

    def _quiz_strings(self, config: MkDocsConfig) -> None:
        quiz = config.plugins.get("mkdocs_quiz")
        if quiz is None:
            return
        cache_quiz_translations()
        # Vietnamese strings for mkdocs-quiz ship with this package (locales/vi.po).
        translations = quiz.config.setdefault("custom_translations", {})
        translations.setdefault("vi", str(Path(__file__).parent / "locales" / "vi.po"))
        quiz_log = logging.getLogger("mkdocs.plugins.mkdocs_quiz")
        for f in [f for f in quiz_log.filters if isinstance(f, _QuizTranslationFilter)]:
            quiz_log.removeFilter(f)
        quiz_log.addFilter(_QuizTranslationFilter(set(quiz.config.get("custom_translations", {}))))

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a source changes, once: watch docs/ without the generated folders (which the
        build itself rewrites), and the content folders, templates and strings beside it."""
        docs = Path(config.docs_dir)
        root = (Path(config.config_file_path).parent / self.config.content_dir).resolve()
        try:
            server.unwatch(config.docs_dir)
        except KeyError:
            pass
        for entry in sorted(docs.iterdir()):
            if entry.name not in GENERATED_DIRS and not entry.name.startswith("."):
                server.watch(str(entry))
        for path in [*(root / name for name in SOURCES), TEMPLATES, TEMPLATES.parent / "strings.yml"]:
            if path.exists():
                server.watch(str(path))
        return server

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Any) -> TemplateContext:
        # Our own template variable (main.html reads it), beside MkDocs' typed ones.
        default = self.project.languages.default if self.project else "vi"
        context["hb_hreflang"] = hreflang_links(page, config, default)  # type: ignore[typeddict-unknown-key]
        return context

    # After mkdocs-quiz (priority 0) has turned the <quiz> blocks into HTML.
    @event_priority(-50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Any) -> str:
        quiz_id = page.meta.get("hb_quiz")
        if quiz_id and self.project:
            quiz = next(q for q in self.project.quizzes if q.id == quiz_id)
            try:
                html = quizpage.postprocess(html, quiz)
            except quizpage.QuizPageError as exc:
                raise PluginError(str(exc)) from None
            # mkdocs-quiz inlines its 44 KB script in every quiz page; serve it once, cached and deferred.
            src = get_relative_url(QUIZ_JS, page.url)
            html = html.replace(quiz_script(), f'<script src="{src}" defer></script>')
        return html

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # static-i18n builds every language into the same site_dir, so each language's 404.html
        # overwrites the previous one; keep each, and write them where they belong after the build.
        if template_name == "404.html" and self.project:
            self.not_found[current_language(config, self.project.languages.default)] = output_content
        return output_content

    # After the theme's search plugin (0) has written this pass's index, before static-i18n's
    # on_post_build (-100) starts the next language's pass, which overwrites it.
    @event_priority(-50)
    def _keep_search_index(self, config: MkDocsConfig) -> None:
        if self.site_dir is not None and self.project is not None and (self.site_dir / search.INDEX).is_file():
            lang = current_language(config, self.project.languages.default)
            self.search_passes[lang] = (self.site_dir / search.INDEX).read_text(encoding="utf-8")

    # After static-i18n's on_post_build (-100) has built the other languages.
    @event_priority(-200)
    def _finish_build(self, config: MkDocsConfig) -> None:
        i18n = i18n_plugin(config)
        if getattr(i18n, "building", False) or self.site_dir is None or self.project is None:
            return  # a nested per-language build: the other languages are not built yet
        catalogue = self.project.catalogue(config.use_directory_urls)
        passes = [json.loads(self.search_passes[lang]) for lang in self.project.languages.codes
                  if lang in self.search_passes]
        self.search_passes = {}
        if not passes:
            raise PluginError(f"Không thấy chỉ mục tìm kiếm {search.INDEX} trong {self.site_dir} "
                              "(no Lunr search index: on materialx the search plugin needs provider: lunr)")
        search.write_indexes(self.site_dir, self.project, catalogue, search.merge(passes),
                             offline=offline_build(config))
        codes = list(self.project.languages.codes)
        if config.site_url:
            sitemaps.split(self.site_dir, config.site_url, codes, default=self.project.languages.default)
        js = quiz_script()
        if js.startswith("<script"):
            fsutil.write_text(self.site_dir / QUIZ_JS, rjsmin.jsmin(js[js.index(">") + 1: js.rindex("</script>")]))
        # Our scripts and styles are written to be read (comments say why); readers get them without.
        minify = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}
        for source in sorted((Path(config.docs_dir) / "assets").rglob("*")):
            served = self.site_dir / source.relative_to(config.docs_dir)
            if source.suffix in minify and served.is_file() and "vendor" not in source.parts:
                fsutil.write_text(served, minify[source.suffix](served.read_text(encoding="utf-8")))
        for lang, html in self.not_found.items():
            fsutil.write_text(self.site_dir / self.project.languages.root(lang) / "404.html", html)

    on_post_build = CombinedEvent(_keep_search_index, _finish_build)


def not_found(project: Project, lang: str, directory_urls: bool) -> list[dict[str, Any]]:
    """What the 404 page says, in every language, the page's own first (a host serves one 404 page
    for every missing address, whatever language the reader was in)."""
    catalogue = project.catalogue(directory_urls)
    example = catalogue.url("quy-che", lang) + "#dieu-13-e"
    versions = catalogue.url(f"quy-che@{project.versions[0].year}", lang) if project.versions else example
    order = [lang, *(code for code in project.languages.codes if code != lang)]
    return [{"lang": code, "title": strings().t("404.title", code),
             "text": strings().t("404.text", code, example=example, versions=versions),
             "links": catalogue.not_found_links(code)} for code in order]


def _markup_keys(item: Any) -> Any:
    """Nav labels are escaped text; as Markup, the theme's `| e` leaves them as they are."""
    if isinstance(item, dict):
        return {Markup(k): _markup_keys(v) for k, v in item.items()}
    if isinstance(item, list):
        return [_markup_keys(v) for v in item]
    return item


def offline_build(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin is on (`handbook build --offline`): file:// links, no server."""
    # Registered under the theme's namespace: material/offline or materialx/offline.
    offline = config.plugins.get(f"{config.theme.name}/offline") or config.plugins.get("offline")
    return bool(offline is not None and offline.config.enabled)


def hreflang_links(page: Page, config: MkDocsConfig, default: str) -> list[dict[str, str]]:
    """Absolute URLs of this page in every language (from static-i18n's alternates), plus x-default."""
    alternates = getattr(page.file, "alternates", None) or {}
    base = (config.site_url or "").rstrip("/") + "/"
    links = []
    for lang, file in sorted(alternates.items()):
        url = "" if file.url in ("./", ".") else file.url
        links.append({"lang": lang, "href": base + url})
    official = next((link for link in links if link["lang"] == default), None)
    if official:
        links.append({"lang": "x-default", "href": official["href"]})
    return links
