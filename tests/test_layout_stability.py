"""Nothing moves once the page has painted (Cumulative Layout Shift, a Lighthouse metric), on a phone.

The pages load in real Chromium with its CPU slowed down four times and a slow 4G connection (what
Lighthouse assumes for phones), so the first paint comes before the deferred scripts run, which is
when things used to move: the quiz page's progress lines arriving above the footer, the certificate
filled in from its address, the search button appearing next to the language menu."""

from __future__ import annotations

import pytest

CERTIFICATE = ("dao-tao/giay-chung-nhan/?quiz=tong-hop&name=Nguy%E1%BB%85n%20Th%E1%BB%8B%20Lan"
               "&correct=15&date=2026-11-25")
PAGES = ["", "quy-che/", "huong-dan/quen-mat-khau/", "dao-tao/chuong-3/", CERTIFICATE,
         "en/", "en/dao-tao/chuong-3/", "en/" + CERTIFICATE]

OBSERVE = """
window.hbShifts = [];
// hadRecentInput is not consulted: nothing here touches the page, and Playwright's touch emulation
// marks every shift as following input.
new PerformanceObserver(list => {
  for (const e of list.getEntries()) {
    window.hbShifts.push({value: e.value, nodes: (e.sources || []).map(s => s.node ?
      (s.node.nodeName + "." + String(s.node.className || "")) : "?")});
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("path", PAGES)
def test_nothing_moves_after_the_first_paint(browser, base_url, path):
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75,
                                  is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(120_000)  # a 4x-throttled CPU on a loaded 2-core machine is slow, not broken
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
                                                       "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8})
        page.add_init_script(OBSERVE)
        page.goto(f"{base_url}/{path}", wait_until="load")
        page.wait_for_function("document.documentElement.classList.contains('js')")
        page.wait_for_timeout(1000)
        shifts = page.evaluate("window.hbShifts")
    finally:
        context.close()
    total = sum(s["value"] for s in shifts)
    # Lighthouse scores a page fully only under 0.1; nothing of ours should move at all. What is allowed
    # (0.0008, now and then) is the throttled HTML arriving in pieces: the header painted before its
    # search button has arrived. The shifts this test was written for measured 0.007 to 0.11.
    assert total < 0.002, f"{path or 'home'}: layout shift {total:.4f}: {shifts}"
