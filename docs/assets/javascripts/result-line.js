/* The machine-readable result line for the email to the school, the same byte for byte as
   scripts/handbook/register/resultline.py makes it (tests/test_resultline.py runs both):
     THTA-KQ1|quiz=…|version=2022-2023|correct=…|total=…|date=YYYY-MM-DD|name=…|check=<CRC-32, 8 hex>
   The check code catches accidental edits; it is NOT a signature (anyone can compute it).
   No WebCrypto: it must work on file:// and plain http pages. */
(function () {
  "use strict";
  var TABLE = [];
  for (var n = 0; n < 256; n++) {
    var c = n;
    for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
    TABLE[n] = c >>> 0;
  }
  function crc32(text) {
    var bytes = new TextEncoder().encode(text), crc = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]) & 0xFF] ^ (crc >>> 8);
    return ((crc ^ 0xFFFFFFFF) >>> 0).toString(16).padStart(8, "0");
  }
  // Same whitespace set as register/resultline.py; a lone surrogate becomes U+FFFD (it cannot be encoded).
  var SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
  function cleanName(name) {
    return String(name).replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g, function (m) { return m.length === 2 ? m : "\uFFFD"; })
      .normalize("NFC").replace(SPACE, " ").trim()
      .replace(/[%|\r\n]/g, function (ch) { return "%" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"); });
  }
  /* fields: {quiz, version ("2022-2023"), correct, total (integers), date ("YYYY-MM-DD"), name} */
  window.resultLine = function (f) {
    var body = "THTA-KQ1|quiz=" + f.quiz + "|version=" + f.version + "|correct=" + f.correct + "|total=" + f.total +
      "|date=" + f.date + "|name=" + cleanName(f.name);
    return body + "|check=" + crc32(body);
  };
})();
