"""Shared fixtures: the real content built once, served on loopback, and real Chromium.

Browser tests carry the `browser` marker; CI runs them all (nothing is skipped for want of a browser:
scripts/dev installs Debian's chromium, and a missing browser fails the run)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .support.project import ROOT, build_site
from .support.web import CHROMIUM_ARGS, chromium_path, page_errors, serve


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert not warnings, "\n".join(warnings)
    return out


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    url, server = serve(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(60_000)  # a loaded 2-core machine is slow, not broken
    pg = context.new_page()
    errors = page_errors(pg)
    yield pg
    context.close()
    assert not errors, f"browser errors: {errors}"
