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
    if box.input_value() == query:  # Material searches only when the value changes
        page.evaluate(WATCH)
        box.fill("")
        box.press("End")
        page.evaluate(SETTLED, 50)
    page.evaluate(WATCH)
    box.fill(query)
    box.press("End")
    page.evaluate(SETTLED, quiet)
    return results(page, hidden)


def results(page, hidden: bool = False) -> list[str]:
    """The result links now on screen (path#anchor), in order; with `hidden` also the folded ones."""
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list a.md-search-result__link",
        "(els, hidden) => els.filter(e => hidden || e.offsetParent !== null).map(e => e.href)", hidden)
    return [path_of(h) for h in hrefs]


# The result Enter opens: Material goes to the link with the highest data-md-score, the first of
# equals in page order (components/search: Enter on the query field).
BEST = """() => {
  let best = null, score = -Infinity;
  for (const a of document.querySelectorAll('.md-search-result__list a.md-search-result__link')) {
    const s = parseFloat(a.querySelector('[data-md-score]').dataset.mdScore);
    if (s > score) { best = a; score = s; }
  }
  return best ? best.href : null;
}"""


def best(page, query: str, quiet: int = 250) -> str | None:
    """Type a query; the path#anchor of the result Enter would open, or None without results."""
    search(page, query, quiet)
    href = page.evaluate(BEST)
    return path_of(href) if href else None


def path_of(href: str) -> str:
    u = urlparse(href)
    return u.path + (f"#{u.fragment}" if u.fragment else "")
