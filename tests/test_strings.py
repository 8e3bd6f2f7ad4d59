"""The language layer: every interface string the code or a template asks for exists in every language,
and every string in strings.yml is used (a key nobody reads is a translation nobody maintains).

Keys are found in the sources: literal keys (`t("guide.who")`, `view.t('cert.title')`), f-string families
with their values (`view.t(f"quiz.{k}") for k in ("score", …)`), and the families built from data, whose
values come from where the data is defined (roles from the guide schema, change kinds from changes.py,
route labels from the catalogue)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import yaml
from handbook import i18n
from handbook.i18n import DEFAULT_LANGUAGES
from handbook.routes import PAGE_LINKS, Catalogue

from .support.project import ROOT

PACKAGE = ROOT / "scripts" / "handbook"
LITERAL = re.compile(r"""(?<!lang\.)\bt\(\s*["']([\w\-]+(?:\.[\w\-]+)+)["']""")  # not Material's own lang.t(…)
QUOTED = re.compile(r"""["']([\w\-]+(?:\.[\w\-]+)+)["']""")  # a key chosen in code: key = "announce.current"
FAMILY = re.compile(r"""\bt\(f["']([\w.\-]+)\.\{(\w+)\}["'].*?\bfor \2 in (\([^)]*\))""", re.S)
TEMPLATE_FAMILY = re.compile(r"""view\.t\(\s*["']([\w.\-]+\.)["']\s*~\s*([\w.]+)""")


def used_keys(known: set[str] | None = None) -> set[str]:
    """The keys the sources ask for; with `known`, also every known key that appears quoted in them."""
    keys: set[str] = set()
    sources = [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.j2"), *(ROOT / "docs" / "overrides").rglob("*.html")]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        keys |= set(LITERAL.findall(text))
        if known:
            keys |= set(QUOTED.findall(text)) & known
        for prefix, _, values in FAMILY.findall(text):
            keys |= {f"{prefix}.{v}" for v in ast.literal_eval(values)}
    roles = json.loads((ROOT / "guides" / "schema.json").read_text(encoding="utf-8"))["$defs"]["role"]["enum"]
    keys |= {f"role.{r}" for r in roles}
    keys |= {f"changes.{kind}" for kind in ("added", "removed", "changed")}
    keys |= {f"guide.choice.{kind}" for kind in ("and", "or")} | {f"guide.{kind}" for kind in ("and", "or")}
    keys |= {f"page.{name}" for name in PAGE_LINKS}
    keys |= {r.label for r in Catalogue(DEFAULT_LANGUAGES) if r.label}
    keys |= {f"404.link.{key}" for key in ("home", "quy-che", "guides", "training")}
    return keys


def table() -> dict[str, dict[str, str]]:
    return yaml.safe_load((PACKAGE / "strings.yml").read_text(encoding="utf-8"))


def test_template_families_are_all_known():
    """A template that builds a key from data (`view.t("role." ~ r)`) must be one of the families above."""
    families = set()
    for path in PACKAGE.rglob("*.j2"):
        families |= {prefix for prefix, _ in TEMPLATE_FAMILY.findall(path.read_text(encoding="utf-8"))}
    assert families <= {"role.", "guide.choice.", "guide.", "changes.", "status."}, families


def test_every_key_the_code_uses_exists_in_every_language():
    strings = table()
    missing = sorted(k for k in used_keys() if k not in strings)
    assert missing == []
    incomplete = sorted(k for k in used_keys() if set(strings[k]) != set(DEFAULT_LANGUAGES.codes))
    assert incomplete == []


def test_no_key_is_unused():
    unused = sorted(set(table()) - used_keys(set(table())))
    assert unused == []


def test_every_official_language_string_is_filled():
    """The official language never falls back: only keys meant for translated pages may be empty there."""
    empty = sorted(k for k, v in table().items() if not v[DEFAULT_LANGUAGES.default].strip())
    assert all(k.startswith(("en.", "changes.vi_note")) for k in empty), empty
    assert all(v["en"].strip() for v in table().values())


def test_the_languages_come_from_the_i18n_configuration(tmp_path: Path):
    assert i18n.languages_of(ROOT) == DEFAULT_LANGUAGES
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config.replace("default: true", "default: false").replace(
        "name: English\n          build: true", "name: English\n          build: true\n          default: true"),
        encoding="utf-8")
    swapped = i18n.languages_of(tmp_path)
    assert swapped.default == "en" and swapped.codes == ("en", "vi") and swapped.root("vi") == "vi/"
