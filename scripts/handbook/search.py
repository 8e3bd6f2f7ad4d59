"""Search index post-processing: one index per language, each loaded only by its own pages.

static-i18n merges every language into /search/search_index.json. After the build we split it:
/search/search_index.json keeps the Vietnamese pages and /en/search/search_index.json the English
ones, with locations made relative to the language root (the theme override points Material's
`base` at that root, so result links resolve there)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"


def split_by_language(index: dict[str, Any], lang: str, languages: list[str], default: str) -> dict[str, Any]:
    """The entries of one language, with locations relative to that language's root."""
    prefixes = tuple(f"{other}/" for other in languages if other != default)
    if lang == default:
        docs = [d for d in index["docs"] if not d["location"].startswith(prefixes)]
    else:
        prefix = f"{lang}/"
        docs = [{**d, "location": d["location"][len(prefix):]} for d in index["docs"]
                if d["location"].startswith(prefix)]
    return {**index, "config": {**index["config"], "lang": [lang]}, "docs": docs}


def write_language_indexes(site_dir: Path, languages: list[str], default: str) -> dict[str, Path]:
    merged = json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
    written: dict[str, Path] = {}
    for lang in languages:
        path = site_dir / ("" if lang == default else lang) / INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        index = split_by_language(merged, lang, languages, default)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        written[lang] = path
    return written
