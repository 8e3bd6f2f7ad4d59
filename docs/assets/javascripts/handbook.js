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
})();
