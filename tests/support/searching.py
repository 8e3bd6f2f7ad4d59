"""Driving Material's search box in Chromium, shared by the search tests and the search benchmark."""

from __future__ import annotations

from urllib.parse import urlparse

# Watch the result panel: window.__hbChanged resolves at its first change after this call.
WATCH = """() => { window.__hbChanged = new Promise(resolve => {
  const t0 = performance.now();
  const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now() - t0); });
  obs.observe(document.querySelector('.md-search-result'), {childList: true, subtree: true, characterData: true});
  setTimeout(() => { obs.disconnect(); resolve(-1); }, 5000);
}); }"""

# Resolves once the result panel has changed and then stayed the same for `quiet` ms.
SETTLED = """async (quiet) => {
  await window.__hbChanged;
  const panel = () => document.querySelector('.md-search-result').innerHTML;
  let last = panel(), since = performance.now();
  while (performance.now() - since < quiet) {
    await new Promise(r => setTimeout(r, 20));
    if (panel() !== last) { last = panel(); since = performance.now(); }
  }
}"""



def open_search(page) -> None:
    """Open the search box as a reader would: the header field on wide screens, the icon on phones."""
    box = page.locator(".md-search__input")
    icon = page.locator('label.md-header__button[for="__search"]')
    if icon.is_visible():  # phones: the magnifier opens the search dialog and focuses the box
        icon.click()
        page.wait_for_function("() => document.getElementById('__search').checked")
        box.focus()
    else:
        box.click()


def search(page, query: str, quiet: int = 250, hidden: bool = False) -> list[str]:
    """Type a query; return the result links (path#anchor, without ?h=) in order: the visible ones,
    or with `hidden` also those folded under "n more on this page"."""
    box = page.locator(".md-search__input")
    page.evaluate(WATCH)
    box.fill(query)
    box.press("End")
    page.evaluate(SETTLED, quiet)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list a.md-search-result__link",
        "(els, hidden) => els.filter(e => hidden || e.offsetParent !== null).map(e => e.href)", hidden)
    return [_path(h) for h in hrefs]


def _path(href: str) -> str:
    u = urlparse(href)
    return u.path + (f"#{u.fragment}" if u.fragment else "")
