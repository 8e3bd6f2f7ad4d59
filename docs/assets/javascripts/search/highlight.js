/* Marks on the opened page the words a search result matched. Loaded only when a result link is
   followed: the inline script in docs/overrides/main.html takes the words from ?h= (Material builds
   it from the worker's `terms`: the words as written in the entry, "gửi văn bản") and removes the
   parameter before Material's own highlighter could mark every text that merely starts with them.

   Whole words only, compared in lower case with the tone wherever it was placed (hủy = huỷ), never
   without diacritics: "bản" marks "bản", not "ban". When the query had several words and some stand
   together on the page, only those runs are marked ("gửi văn bản", not every "văn"). */
(function () {
  "use strict";
  var TONE_OF_MARK = { "\u0300": "f", "\u0301": "s", "\u0303": "x", "\u0309": "r", "\u0323": "j" };
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;
  var SKIP = "script, style, mark, code, pre, .headerlink, .md-search, hb-noindex";

  function key(word) {  // the same as the worker's: letters in NFC, lower case, tone apart
    var base = "", tone = "", d = word.toLowerCase().normalize("NFD");
    for (var i = 0; i < d.length; i++) {
      if (TONE_OF_MARK[d[i]]) tone = TONE_OF_MARK[d[i]]; else base += d[i];
    }
    return base.normalize("NFC") + "/" + tone;
  }

  function run() {
    var wanted = {}, count = 0;
    (String(window.__hbHighlight || "").match(WORD) || []).forEach(function (w) {
      if (!wanted[key(w)]) { wanted[key(w)] = true; count++; }
    });
    var root = document.querySelector("article.md-content__inner") || document.querySelector("main");
    if (!count || !root) return;

    // Every matching word of every visible text node, grouped into runs of words side by side.
    var runs = [], walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement || node.parentElement.closest(SKIP)) continue;
      var text = node.data, m, current = null, last = 0;
      WORD.lastIndex = 0;
      while ((m = WORD.exec(text))) {
        var hit = wanted[key(m[0])];
        var between = text.slice(last, m.index);
        if (hit && current && /^[\s,:;.\-–—"“”()]*$/.test(between) && current.words < count) {
          current.end = m.index + m[0].length;
          current.words++;
        } else if (hit) {
          current = { node: node, start: m.index, end: m.index + m[0].length, words: 1 };
          runs.push(current);
        } else {
          current = null;
        }
        last = m.index + m[0].length;
      }
    }
    var phrases = count > 1 && runs.some(function (r) { return r.words > 1; });
    var chosen = runs.filter(function (r) { return !phrases || r.words > 1; });

    // Wrap from the end of each node so earlier offsets stay valid.
    for (var i = chosen.length - 1; i >= 0; i--) {
      var r = chosen[i], range = document.createRange();
      range.setStart(r.node, r.start);
      range.setEnd(r.node, r.end);
      var mark = document.createElement("mark");
      mark.setAttribute("data-md-highlight", "");
      range.surroundContents(mark);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
