"""How the pages look on a phone and a laptop, in real Chromium: nothing runs off the screen, targets
are big enough to tap, headings land below the sticky header, text and focus rings can be seen.

Screenshots of each page type (both languages, 360 px and 1280 px) are written to
tests/artifacts/screenshots/ for a person to look at; they are not compared pixel by pixel."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from .support.htmltext import page_paths
from .support.nextyear import build_two_versions
from .support.project import ROOT
from .support.web import serve, viewport_page

pytestmark = pytest.mark.browser

SHOTS = ROOT / "tests" / "artifacts" / "screenshots"
WIDTHS = (360, 1280)
LONG_NAME = ("NguyễnThịThanhHuyền" * 5)[:80]  # a name with no space to break at
CERTIFICATE = "dao-tao/giay-chung-nhan/?quiz=tong-hop&name={name}&correct=15&date=2026-11-25"
# One page of each type, screenshotted as loaded (the path without the language prefix)...
PAGE_TYPES = {
    "home": "",
    "quy-che": "quy-che/",
    "decision": "quyet-dinh/",
    "versions": "phien-ban/",
    "guide": "huong-dan/dia-chi-cua-truong/",
    "card": "huong-dan/the-tra-cuu-nhanh/",
    "guides": "huong-dan/",
    "training": "dao-tao/",
    "glossary": "thuat-ngu/",
    "404": "404.html",
}
# ...and the states a page reaches only after a step: (path, what to do first; None: nothing).
QUIZ = "dao-tao/chuong-3/"
STATES = {
    "quiz": (QUIZ, "open"),
    "quiz-result": (QUIZ, "answer"),
    "certificate": (CERTIFICATE.format(name=quote("Nguyễn Thị Lan")), None),
    "certificate-long-name": (CERTIFICATE.format(name=quote(LONG_NAME)), None),
}

# What runs off the right edge: the document itself, and any link or button (a control cut off by the
# screen's edge cannot be read or tapped). Hidden controls and those inside a box that scrolls
# sideways on its own (a wide table) do not count.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrollsAlone = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === "auto" || o === "scroll" || o === "hidden") return true; }
    return false; };
  const past = [];
  for (const el of document.querySelectorAll("a[href], button, [role=button], input, label.md-button, .md-button")) {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (!r.width || !r.height || s.visibility === "hidden" || r.right <= width + 0.5 || scrollsAlone(el)) continue;
    past.push(`${el.tagName.toLowerCase()}.${el.className || ""} "${(el.textContent || "").trim().slice(0, 40)}"`
              + ` right=${Math.round(r.right)}`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, past};
}"""


def check_overflow(page: Any, where: str) -> list[str]:
    found = page.evaluate(OVERFLOW)
    problems = []
    if found["scrollWidth"] > found["width"]:
        problems.append(f"{where}: page {found['scrollWidth']} px wide on a {found['width']} px screen")
    problems += [f"{where}: {p} past {found['width']} px" for p in found["past"]]
    return problems


DRAWN = ".quiz[data-hb-question]:visible"  # the questions of this attempt (the rest of the pool is hidden)
LANDED = "() => document.activeElement.closest('.quiz, #hb-result').getBoundingClientRect().top"


def open_quiz(page: Any) -> None:
    button = page.locator('[data-hb="start"]')
    if button.is_visible():
        button.click()
    page.locator(DRAWN).first.wait_for(state="visible")


def answer_all(page: Any, wrong: int = 0) -> None:
    """Open the quiz and answer every question, all right except number `wrong` (counted from 0): a pass
    whose result shows all three buttons (certificate, retry the wrong ones, start again)."""
    open_quiz(page)
    questions = page.locator(DRAWN)
    for i in range(questions.count()):
        q = questions.nth(i)
        boxes = q.locator("input:not([data-correct])").all()[:1] if i == wrong else \
            q.locator("input[data-correct]").all()
        for box in boxes:
            box.check()
        q.locator('button.quiz-button[type="submit"]').click()
    page.locator('[data-hb="retry"]').wait_for(state="visible")


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The project with next year's text imported and in force for a month: the announcement bar is
    up and the changes page exists."""
    site = build_two_versions(tmp_path_factory.mktemp("two-versions"))
    url, server = serve(site)
    yield url
    server.shutdown()


def screenshot(page: Any, name: str) -> None:
    page.evaluate("document.fonts.ready")
    page.evaluate("window.scrollTo(0, 0)")  # or the sticky header is drawn where the page was scrolled
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_runs_off_the_screen(browser, base_url, site_dir, width):
    """Every page of the site, and each page type's screenshot on the way (one load per page)."""
    paths = page_paths(site_dir)
    assert len(paths) > 40
    shots = {("/en/" if lang == "en" else "/") + path: f"{kind}-{lang}-{width}"
             for kind, path in PAGE_TYPES.items() for lang in ("vi", "en")}
    assert set(shots) <= set(paths)
    problems: list[str] = []
    with viewport_page(browser, width, 800) as page:
        page.set_default_timeout(30_000)
        for path in paths:
            page.goto(base_url + path, wait_until="load")
            problems += check_overflow(page, path)
            if path in shots:
                screenshot(page, shots[path])
        for lang, prefix in (("vi", "/"), ("en", "/en/")):
            for kind, (path, step) in STATES.items():
                page.goto(base_url + prefix + path, wait_until="load")
                if step == "open":
                    open_quiz(page)
                elif step == "answer":
                    answer_all(page)
                problems += check_overflow(page, f"{kind} ({lang})")
                screenshot(page, f"{kind}-{lang}-{width}")
                page.evaluate("localStorage.clear()")
    assert problems == [], "\n".join(problems)
    assert len(list(SHOTS.glob(f"*-{width}.png"))) >= 2 * (len(PAGE_TYPES) + len(STATES))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_pages_of_a_new_version_fit_the_screen(browser, two_versions, width):
    """The pages only a second version has: the announcement bar (on the home page) and the changes page."""
    problems: list[str] = []
    with viewport_page(browser, width, 800) as page:
        for lang, prefix in (("vi", "/"), ("en", "/en/")):
            for kind, path in (("announcement", ""), ("changes", "phien-ban/2023-2024/")):
                page.goto(two_versions + prefix + path, wait_until="load")
                problems += check_overflow(page, f"{kind} ({lang})")
                screenshot(page, f"{kind}-{lang}-{width}")
    assert problems == [], "\n".join(problems)


# -- Targets, landing below the header, buttons -------------------------------------------------

CITATIONS = """() => [...document.querySelectorAll('a.hb-cite')].filter(a => a.getClientRects().length).map(a => {
  const r = a.getBoundingClientRect();
  let between = null;  // the text from this citation to the next one in the same list
  const next = a.nextElementSibling;
  if (next && next.matches('a.hb-cite')) {
    between = '';
    for (let n = a.nextSibling; n && n !== next; n = n.nextSibling) between += n.textContent;
  }
  return {label: a.textContent, height: r.height, lines: a.getClientRects().length, between};
})"""


def test_citations_are_big_enough_to_tap_clearly_separated_and_never_broken(browser, base_url, site_dir):
    """WCAG 2.2 target size (24 px) on a 390 px phone; "Điều 7, khoản 1; Điều 7, khoản 2" reads as two."""
    paths = [p for p in page_paths(site_dir) if "/huong-dan/" in p] + ["/dao-tao/", "/en/dao-tao/"]
    problems, seen = [], 0
    with viewport_page(browser, 390, 844) as page:
        for path in paths:
            page.goto(base_url + path)
            for c in page.evaluate(CITATIONS):
                seen += 1
                if c["height"] < 24:
                    problems.append(f"{path}: {c['label']!r} is {c['height']:.1f} px tall")
                if c["lines"] > 1:
                    problems.append(f"{path}: {c['label']!r} is broken over {c['lines']} lines")
                if c["between"] is not None and c["between"] != "; ":
                    problems.append(f"{path}: {c['label']!r} is followed by {c['between']!r}, not '; '")
    assert seen > 100
    assert problems == [], "\n".join(problems[:20])


HEADER_BOTTOM = "document.querySelector('.md-header').getBoundingClientRect().bottom"
TOP_OF = "sel => document.querySelector(sel).getBoundingClientRect().top"


@pytest.mark.parametrize("path, target", [
    ("quy-che/#dieu-13-e", "#dieu-13-e"),
    ("quy-che/#dieu-9", "#dieu-9"),
    ("en/quy-che/#dieu-4-d", "#dieu-4-d"),
    ("huong-dan/quen-mat-khau/#cap-lai-mat-khau", "#cap-lai-mat-khau"),
    ("huong-dan/quen-mat-khau/#ket-thuc", "#ket-thuc"),
    ("thuat-ngu/#cbgvnv", "#cbgvnv"),
    ("quyet-dinh/#qd-dieu-2", "#qd-dieu-2"),
])
def test_following_a_link_lands_below_the_sticky_header(page, base_url, path, target):
    page.goto(f"{base_url}/{path}")
    page.wait_for_function(f"() => scrollY > 0 && document.querySelector({target!r})"
                           ".getBoundingClientRect().top < innerHeight")
    top, header = page.evaluate(TOP_OF, target), page.evaluate(HEADER_BOTTOM)
    assert top >= header, f"{target} at {top:.0f} px, under the header ending at {header:.0f} px"


def test_start_and_retry_land_the_question_below_the_sticky_header(browser, base_url):
    with viewport_page(browser, 390, 844, reduced_motion="reduce") as page:
        page.goto(base_url + "/" + QUIZ)
        page.locator('[data-hb="start"]').click()
        page.wait_for_function("document.activeElement && document.activeElement.name === 'answer'")
        first = page.evaluate(LANDED)
        assert first >= page.evaluate(HEADER_BOTTOM), f"first question at {first:.0f} px, under the header"
        answer_all(page, wrong=2)
        page.wait_for_function("document.activeElement && document.activeElement.id === 'hb-result'")
        result_top = page.evaluate(LANDED)
        assert result_top >= page.evaluate(HEADER_BOTTOM), f"result at {result_top:.0f} px, under the header"
        page.locator('[data-hb="retry"]').click()
        page.wait_for_function("document.activeElement && document.activeElement.name === 'answer'")
        third = page.evaluate(LANDED)
        assert third >= page.evaluate(HEADER_BOTTOM), f"question 3 at {third:.0f} px, under the header"


BOXES = """sel => [...document.querySelectorAll(sel)].filter(b => b.getClientRects().length && !b.hidden)
  .map(b => { const r = b.getBoundingClientRect(); return {text: b.textContent.trim(), left: r.left, right: r.right,
                                                          top: r.top, bottom: r.bottom}; })"""


def gap(a: dict, b: dict) -> float:
    """Distance between two boxes (negative when they overlap)."""
    return max(b["left"] - a["right"], a["left"] - b["right"], b["top"] - a["bottom"], a["top"] - b["bottom"])


def check_buttons(boxes: list[dict], width: int, where: str) -> list[str]:
    problems = []
    heights = {round(b["bottom"] - b["top"]) for b in boxes}
    if max(heights) - min(heights) > 1:
        problems.append(f"{where}: heights {sorted(heights)}")
    if width < 600:
        widths = {round(b["right"] - b["left"]) for b in boxes}
        if max(widths) - min(widths) > 1:
            problems.append(f"{where}: widths {sorted(widths)} on a phone")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if gap(a, b) < 8:
                problems.append(f"{where}: {a['text']!r} and {b['text']!r} {gap(a, b):.0f} px apart")
    return problems


@pytest.mark.parametrize("width", [390, 1280])
def test_result_and_certificate_buttons_are_spaced_and_the_same_size(browser, base_url, width):
    problems = []
    with viewport_page(browser, width, 900) as page:
        for lang in ("", "en/"):
            page.goto(base_url + "/" + lang + CERTIFICATE.format(name=quote("Nguyễn Thị Lan")))
            boxes = page.evaluate(BOXES, ".hb-cert__actions .md-button")
            assert len(boxes) == 2
            problems += check_buttons(boxes, width, f"{lang}certificate")
            page.goto(base_url + "/" + lang + QUIZ)
            answer_all(page)
            boxes = page.evaluate(BOXES, "#hb-result .md-button")
            assert len(boxes) == 3  # certificate, retry the wrong ones, start again
            problems += check_buttons(boxes, width, f"{lang}quiz result")
            page.evaluate("localStorage.clear()")
    assert problems == [], "\n".join(problems)


# -- Colours: contrast from computed styles --------------------------------------------------------

CONTRAST = """
window.hbColour = {
  parse(c) { const p = c.match(/[\\d.]+/g).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; },
  // The colour behind an element: its own and its ancestors' backgrounds laid over white.
  behind(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = this.parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let out = [255, 255, 255];
    for (const c of layers.reverse()) out = out.map((v, i) => c[i] * c[3] + v * (1 - c[3]));
    return out;
  },
  over(c, bg) { return [0, 1, 2].map(i => c[i] * c[3] + bg[i] * (1 - c[3])); },
  lum(rgb) { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
             return 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2]); },
  ratio(a, b) { const [x, y] = [this.lum(a), this.lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); },
  text(el) { const bg = this.behind(el), c = this.parse(getComputedStyle(el).color);
             return this.ratio(this.over(c, bg), bg); },
  // The focus ring is drawn outside the element (inside it when the offset is negative).
  outline(el) {
    const s = getComputedStyle(el);
    if (s.outlineStyle === "none" || parseFloat(s.outlineWidth) < 1) return {ratio: 0, style: "none"};
    const bg = this.behind(parseFloat(s.outlineOffset) < 0 ? el : el.parentElement);
    return {ratio: this.ratio(this.over(this.parse(s.outlineColor), bg), bg),
            style: s.outlineStyle + " " + s.outlineWidth};
  },
};
"""
FOCUS_RINGS = """sel => [...document.querySelectorAll(sel)].filter(el => el.getClientRects().length
    && getComputedStyle(el).visibility !== 'hidden').map(el => {
  el.focus();
  const found = {what: el.tagName.toLowerCase() + '.' + el.className + ' ' + el.textContent.trim().slice(0, 30),
                 focused: document.activeElement === el, ...hbColour.outline(el)};
  el.blur();
  return found;
})"""


def focus_rings(page: Any, selector: str) -> list[dict]:
    page.keyboard.press("Shift")  # keyboard use: focus rings show (:focus-visible)
    return [r for r in page.evaluate(FOCUS_RINGS, selector) if r["focused"]]


@pytest.mark.parametrize("width", [390, 1280])
def test_focus_rings_stand_out_on_every_background(browser, base_url, width):
    """WCAG 1.4.11: the focus indicator at least 3:1 against what is behind it, on the white page,
    the blue header and the dark footer."""
    weak = []
    with viewport_page(browser, width, 900, init_script=CONTRAST) as page:
        for path in ("/huong-dan/quen-mat-khau/", "/en/quy-che/", "/" + QUIZ):
            page.goto(base_url + path)
            rings = []
            for where in (".md-header", ".md-footer", "article"):
                found = focus_rings(page, f"{where} a[href], {where} button, {where} input:not([type=hidden])")
                assert found, f"{path}: nothing to focus in {where}"
                rings += found
            weak += [f"{path}: {r['what']}: {r['style']} at {r['ratio']:.2f}:1" for r in rings if r["ratio"] < 3]
    assert weak == [], "\n".join(weak)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_announcement_is_readable(browser, two_versions, lang):
    with viewport_page(browser, 390, 844, init_script=CONTRAST) as page:
        page.goto(two_versions + ("/en/" if lang == "en" else "/"))
        banner = page.locator(".hb-announce")
        assert banner.is_visible()
        text = page.evaluate("hbColour.text(document.querySelector('.hb-announce'))")
        link = page.evaluate("hbColour.text(document.querySelector('.hb-announce a'))")
        rings = focus_rings(page, ".hb-announce a")
    assert text >= 4.5, f"announcement text {text:.2f}:1"
    assert link >= 4.5, f"announcement link {link:.2f}:1"
    assert rings and all(r["ratio"] >= 3 for r in rings), rings


def test_primary_buttons_keep_their_meaning_on_hover(page, base_url):
    """Material's accent (red here, for the superseded status) would turn a hovered button red, which
    reads as an error: a hovered button stays blue, and readable."""
    page.add_init_script(CONTRAST)
    page.goto(base_url + "/" + QUIZ)
    button = page.locator('[data-hb="start"]')
    button.hover()
    page.wait_for_timeout(400)  # Material's transition
    bg, ratio = page.evaluate("""() => { const b = document.querySelector('[data-hb="start"]');
        return [hbColour.parse(getComputedStyle(b).backgroundColor), hbColour.text(b)]; }""")
    r, g, b = bg[:3]
    assert b > r and b > g, f"hovered button is rgb{tuple(bg[:3])}, not blue"
    assert ratio >= 4.5, f"hovered button text {ratio:.2f}:1"


# -- The decision, the certificate and the changes page -----------------------------------------------

# The visual lines of a block, as lists of words; `whole` is the number of words of the source line
# (one .hb-l block, or the whole element) each word belongs to.
LINES = """sel => [...document.querySelectorAll(sel)].map(el => {
  const words = [], walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode());) {
    if (n.parentElement.closest('.headerlink, .hb-pending')) continue;
    for (const m of n.data.matchAll(/\\S+/g)) {
      const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
      const rect = r.getClientRects()[0], block = n.parentElement.closest('.hb-l') || el;
      if (rect) words.push({word: m[0], top: Math.round(rect.top),
                            whole: block.textContent.trim().split(/\\s+/).length});
    }
  }
  const lines = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last[0].top - w.top) < 4) last.push(w); else lines.push([w]);
  }
  return lines.map(l => ({text: l.map(w => w.word).join(' '), words: l.length, whole: l[0].whole}));
})"""


@pytest.mark.parametrize("width", [360, 390])
def test_titles_leave_no_word_alone_on_a_phone(browser, base_url, width):
    lone = []
    with viewport_page(browser, width, 800) as page:
        for path in ("/quyet-dinh/", "/en/quyet-dinh/", "/quy-che/", "/en/quy-che/"):
            page.goto(base_url + path)
            for block in page.evaluate(LINES, ".hb-qd-trich-yeu, .hb-qd-tham-quyen, .hb-doc-title, .hb-chapter"):
                lone += [f"{path}: {line['text']!r} alone" for line in block if line["words"] == 1 < line["whole"]]
    assert lone == [], "\n".join(lone)


@pytest.mark.parametrize("width", [360, 1280])
def test_the_decision_title_has_room_and_the_certificate_is_centred(browser, base_url, width):
    with viewport_page(browser, width, 800) as page:
        for lang in ("", "en/"):
            page.goto(f"{base_url}/{lang}quyet-dinh/")
            room = page.evaluate("""() => document.querySelector('.hb-doc-title').getBoundingClientRect().top
                - document.querySelector('.hb-decision-head').getBoundingClientRect().bottom""")
            assert room >= 20, f"{lang}quyet-dinh: the title {room:.0f} px under the date"
            for name in ("Nguyễn Thị Lan", LONG_NAME):
                page.goto(f"{base_url}/{lang}" + CERTIFICATE.format(name=quote(name)))
                off, fits = page.evaluate("""() => {
                  const cert = document.querySelector('.hb-cert').getBoundingClientRect();
                  const range = document.createRange();
                  range.selectNodeContents(document.querySelector('.hb-cert h1').firstChild);
                  const title = range.getBoundingClientRect(), name = document.querySelector('.hb-cert__name');
                  return [(title.left + title.right) / 2 - (cert.left + cert.right) / 2,
                          name.scrollWidth <= name.clientWidth && name.getBoundingClientRect().right <= cert.right];
                }""")
                assert abs(off) <= 1, f"{lang}certificate title {off:.1f} px off centre"
                assert fits, f"{lang}certificate: {len(name)}-character name runs out of the certificate"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_changes_page_shows_what_its_legend_says(browser, two_versions, lang):
    with viewport_page(browser, 390, 844, init_script=CONTRAST) as page:
        page.goto(two_versions + ("/en/" if lang == "en" else "/") + "phien-ban/2023-2024/")
        legend = page.locator(".hb-lead").inner_text()
        heads = page.locator(".hb-change__head").all_inner_texts()
        looks = page.evaluate("""() => Object.fromEntries(['ins', 'del'].map(tag => {
            const el = document.querySelector('.hb-change__text ' + tag), s = getComputedStyle(el);
            return [tag, {line: s.textDecorationLine, background: hbColour.parse(s.backgroundColor),
                          page: hbColour.behind(el.closest('.hb-change')), text: hbColour.text(el)}];
        }))""")
    promised = {"vi": ["gạch ngang", "gạch chân", "tô nền"], "en": ["Struck-through", "underlined", "highlighted"]}
    assert all(words in legend for words in promised[lang]), legend
    assert heads[0].endswith("Điều 8, điểm d" if lang == "vi" else "Article 8, point d"), heads
    assert "underline" in looks["ins"]["line"] and "line-through" in looks["del"]["line"]  # told apart without colour
    assert looks["ins"]["background"][3] > 0 and looks["ins"]["background"][:3] != looks["ins"]["page"]  # highlighted
    assert looks["ins"]["text"] >= 4.5 and looks["del"]["text"] >= 4.5
