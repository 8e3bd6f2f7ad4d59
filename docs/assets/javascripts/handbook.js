/* Sổ tay thư điện tử – small enhancements on every page (no dependencies, ~1 KB).
   Article and point IDs are the same in both languages, so switching language keeps the reader
   on the same article: the current #anchor is carried over to the other language's page. */
(function () {
  "use strict";
  document.addEventListener("click", function (ev) {
    var link = ev.target instanceof Element ? ev.target.closest("a.md-select__link[hreflang]") : null;
    if (!link || !location.hash || link.hash) return;
    link.hash = location.hash;
  }, true);

  /* A search result's link without the words to mark (?h=) takes them from a link of the same result
     that has them: materialx (the second build stack) draws each page's heading link without them. */
  document.addEventListener("click", function (ev) {
    var link = ev.target instanceof Element ? ev.target.closest("a.md-search-result__link") : null;
    if (!link || new URL(link.href).searchParams.has("h")) return;
    var group = link.closest(".md-search-result__item"), words = null;
    (group ? group.querySelectorAll("a.md-search-result__link") : []).forEach(function (other) {
      if (!words) words = new URL(other.href).searchParams.get("h");
    });
    if (!words) return;
    var url = new URL(link.href);
    url.searchParams.set("h", words);
    link.href = url.href;
  }, true);
})();
