"""Heading slugs that keep Vietnamese readable: "Điều 13. Trách nhiệm" -> "dieu-13-trach-nhiem".

The default slugifier drops Đ/đ entirely ("#ieu-13"); here đ becomes d and the other marks are
removed after NFD decomposition. Regulation headings carry explicit IDs anyway; this serves the
hand-written pages."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Vietnamese without diacritics, lower case: "Mật khẩu Đ" -> "mat khau d"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(value: str, separator: str = "-") -> str:
    value = fold(value)
    value = re.sub(r"[^\w\s-]", "", value).strip()
    return re.sub(r"[\s_-]+", separator, value)
