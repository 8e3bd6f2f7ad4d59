"""Typed configuration of the handbook plugin (validated by MkDocs)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class HandbookConfig(base.Config):  # type: ignore[no-untyped-call]
    # Folder holding regulations/, guides/ and quizzes/, relative to mkdocs.yml.
    content_dir = c.Type(str, default=".")
