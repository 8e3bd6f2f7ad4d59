/* The handbook's search worker, in place of Material's Lunr worker (docs/overrides/main.html points
   Material's `search` setting here). It speaks Material's worker protocol, so Material's search box,
   result list, keyboard handling and strings stay as they are:
     {type: 0 SETUP, data: {config, docs, options}}  ->  {type: 1 READY}
     {type: 2 QUERY, data: "what was typed"}          ->  {type: 3 RESULT, data: {items: [[item…]…], suggest}}
   An item is a doc with `score`, `terms` ({word: matched?}, which Material turns into the ?h= of the
   link and the "missing" line) and `title`/`text` as HTML with <mark>s.

   The index (scripts/handbook/searchindex.py) is plain text per entry with a kind (guide, glossary
   term, article, point, step…) and, for the regulation, the labels people cite ("Điều 13, điểm e");
   the syllable index is built here at SETUP.

   Matching works on syllables (Vietnamese) or words (English), never on substrings:
   - every word is compared as written (NFC, lower case, tone mark wherever it was placed: hoà = hòa),
     without its tone, and folded (no diacritics, đ -> d). A query without diacritics matches every
     folded reading equally; with diacritics, the exact word first, then the same letters.
   - on the Vietnamese site a word typed with the input method off (Telex "maatj", VNI "ma65t") is
     also read as the syllable it spells ("mật");
   - only the last word, while it is being typed (no space after it), may match the start of a word;
   - a word of four letters or more that matches nothing may be one slip away from a word that does;
   - English words also match their plural, -ed and -ing forms;
   - synonyms (regulations/synonyms*.yml) offer another wording of part of the query.
   Every word of the query must be found (words like "của", "the" may be missing), in the title, the
   labels or the text. Scores favour, in this order: the query being a whole title part or label, its
   start, a phrase in the right order, title over text, and the kind's weight (see searchindex.KINDS).
   If nothing has every word, the entries with the most of them are shown, the others marked missing. */
(function () {
  "use strict";

  /* ---- letters ------------------------------------------------------------------------------ */

  var TONE_OF_MARK = { "\u0300": "f", "\u0301": "s", "\u0303": "x", "\u0309": "r", "\u0323": "j" };
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;

  /* "hòa" and "hoà" -> base "hoa" + tone "f"; "mật" -> "mât" + "j". The tone is kept apart from the
     letters, so where it was written on the vowel does not matter. */
  function split(word) {
    var base = "", tone = "";
    var d = word.normalize("NFD");
    for (var i = 0; i < d.length; i++) {
      var c = d[i];
      if (TONE_OF_MARK[c]) tone = TONE_OF_MARK[c]; else base += c;
    }
    return [base.normalize("NFC"), tone];
  }

  function fold(base) {
    return base.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");
  }

  function key(base, tone) {
    return tone ? base + "/" + tone : base;
  }

  /* ---- typing with the input method off ------------------------------------------------------ */

  var HAT = { a: "â", e: "ê", o: "ô" };
  var HORN = { a: "ă", o: "ơ", u: "ư", "ô": "ơ", "â": "ă" };
  var VOWEL = /[aăâeêioôơuưy]/;
  var SYLLABLE = /^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?([aăâeêioôơuưy]{1,3})(ch|ng|nh|[cmnpt])?$/;

  function hat(letters, c) {  // "aa" -> "â", also typed later: "mata" -> "mât"
    for (var i = letters.length - 1; i >= 0; i--) {
      if (letters[i] === c) { letters[i] = HAT[c]; return true; }
    }
    return false;
  }

  /* Telex "w": "uow" -> "ươ", "aw" -> "ă", "ow" -> "ơ", "uw" -> "ư"; VNI "7" (`breve` false) leaves a alone. */
  function horn(letters, breve) {
    for (var i = letters.length - 1; i > 0; i--) {
      if ((letters[i] === "o" || letters[i] === "ô") && letters[i - 1] === "u") {
        letters[i - 1] = "ư"; letters[i] = "ơ"; return true;
      }
    }
    for (var j = letters.length - 1; j >= 0; j--) {
      var c = letters[j];
      if (HORN[c] && (breve || (c !== "a" && c !== "â"))) { letters[j] = HORN[c]; return true; }
    }
    return false;
  }

  /* The syllable a Telex or VNI key sequence spells, as [base, tone], or null when the word has no
     such keys or spells nothing Vietnamese. Free typing order, as Unikey allows: the tone and the
     marks may come after the final consonant ("maatj", "mat65"). `partial`: the word is still being
     typed, so it only has to be the start of a syllable. */
  function decode(word, partial) {
    var telex = /^[a-z]+$/.test(word), vni = /^[a-z0-9]+$/.test(word) && /\d/.test(word) && /[a-z]/.test(word);
    if (!telex && !vni) return null;
    var letters = [], tone = "", changed = false, vowel = false;
    for (var i = 0; i < word.length; i++) {
      var c = word[i];
      if (telex) {
        if (vowel && "sfrxj".indexOf(c) >= 0) {
          if (tone === c) return null;  // a tone key twice types the letter: "pass" is not Telex
          tone = c; changed = true; continue;
        }
        if (vowel && c === "z") { tone = ""; changed = true; continue; }
        if (c === "w") {
          if (!horn(letters, true)) letters.push("ư");
          changed = vowel = true; continue;
        }
        if (vowel && HAT[c] && hat(letters, c)) { changed = true; continue; }
        if (c === "d" && letters[0] === "d" && letters.length) { letters[0] = "đ"; changed = true; continue; }
      } else if (/\d/.test(c)) {
        changed = true;
        if ("12345".indexOf(c) >= 0 && vowel) { tone = "sfrxj"["12345".indexOf(c)]; continue; }
        if (c === "0" && vowel) { tone = ""; continue; }
        if (c === "6" && vowel && (hat(letters, "a") || hat(letters, "e") || hat(letters, "o"))) continue;
        if (c === "7" && vowel && horn(letters, false)) continue;
        if (c === "8" && vowel && hatBreve(letters)) continue;
        if (c === "9" && letters[0] === "d") { letters[0] = "đ"; continue; }
        return null;
      }
      letters.push(c);
      if (VOWEL.test(c)) vowel = true;
    }
    if (!changed || !vowel) return null;
    var base = letters.join("");
    if (!partial) {
      var m = SYLLABLE.exec(base);
      if (!m) return null;
      if (/^(c|ch|p|t)$/.test(m[3] || "") && tone !== "s" && tone !== "j") return null;  // "mat" needs sắc or nặng
      if (/[âă]$/.test(m[2]) && !m[3]) return null;  // "â", "ă" never end a syllable: "khâ" is still being typed
    } else if (!/^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?[aăâeêioôơuưy]{1,3}[cmnptgh]{0,2}$/.test(base)) {
      return null;
    }
    return [base, tone];
  }

  function hatBreve(letters) {  // VNI 8: "a8" -> "ă"
    for (var i = letters.length - 1; i >= 0; i--) {
      if (letters[i] === "a" || letters[i] === "â") { letters[i] = "ă"; return true; }
    }
    return false;
  }

  /* ---- English: plurals, -ed, -ing (Porter's first step, then a final e dropped, so that
     use/used/using, recall/recalled/recalls, virus/viruses meet) ------------------------------ */

  function stem(w) {
    if (w.length < 3 || !/^[a-z]+$/.test(w)) return w;
    if (/sses$/.test(w)) w = w.slice(0, -2);
    else if (/ies$/.test(w)) w = w.slice(0, -2);
    else if (/[^su]s$/.test(w) && !/is$/.test(w)) w = w.slice(0, -1);
    var m = /^(.*[aeiouy].*?)(eed|ed|ing)$/.exec(w);
    if (m && m[2] === "eed") w = w.slice(0, -1);
    else if (m && /[aeiouy]/.test(m[1])) {
      w = m[1];
      if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
    }
    if (/[^aeiou]y$/.test(w) && /[aeiou]/.test(w.slice(0, -1))) w = w.slice(0, -1) + "i";
    if (w.length > 2 && /e$/.test(w)) w = w.slice(0, -1);
    return w;
  }

  /* One slip: a letter changed, added, dropped, or two neighbours swapped. */
  function oneSlip(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1 || a === b) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* ---- the index ---------------------------------------------------------------------------- */

  var SPLIT = /\s*[,:;()·–—/]\s*|\.\s+/;  // title parts: "Điều 13. Trách nhiệm…", "Virus, tệp .exe, .com"

  function Index(config, docs) {
    var hb = config.hb || {};
    this.lang = hb.lang || config.lang[0] || "en";
    this.kinds = hb.kinds || {};
    this.context = hb.context || 0.35;
    this.synonyms = {};  // keys as the query's words will be: "e-mail" -> "e mail"
    Object.keys(hb.synonyms || {}).forEach(function (k) {
      this.synonyms[(fold(split(k.toLowerCase())[0]).match(WORD) || []).join(" ")] = hb.synonyms[k];
    }, this);
    this.optional = {};
    (hb.optional || []).forEach(function (w) { this.optional[fold(split(w)[0])] = true; }, this);
    this.terms = [];     // term id -> {form, base, tone, key, fold, stem, docs: [doc ids]}
    this.ids = new Map();
    this.byFold = new Map(); this.byKey = new Map(); this.byBase = new Map(); this.byStem = new Map();
    this.pairs = new Set();  // two words side by side somewhere: a * PAIR + b
    this.docs = docs.map(function (doc, n) { return this.add(doc, n); }, this);
  }

  var PAIR = 1 << 20;

  Index.prototype.term = function (form) {
    var id = this.ids.get(form);
    if (id !== undefined) return id;
    var parts = split(form), f = fold(parts[0]);
    var t = { form: form, base: parts[0], tone: parts[1], key: key(parts[0], parts[1]), fold: f,
              stem: this.lang === "en" ? stem(f) : f, stop: false, docs: [] };
    t.stop = this.lang === "en" && !!this.optional[f];
    id = this.terms.length;
    this.terms.push(t);
    this.ids.set(form, id);
    [[this.byFold, t.fold], [this.byKey, t.key], [this.byBase, t.base], [this.byStem, t.stem]].forEach(function (p) {
      var list = p[0].get(p[1]);
      if (list) list.push(id); else p[0].set(p[1], [id]);
    });
    return id;
  };

  /* A field: the term ids of its words in order, with where each word stands in the text. English
     words like "the", "your" are left out, so "keep password secret" is a phrase of "Keep your
     password secret". */
  Index.prototype.field = function (text, doc, weight, name) {
    var ids = [], at = [], m;
    WORD.lastIndex = 0;
    var lower = text.toLowerCase();
    while ((m = WORD.exec(lower))) {
      var id = this.term(m[0].normalize("NFC"));
      var t = this.terms[id];
      if (t.stop) continue;
      if (ids.length) this.pairs.add(ids[ids.length - 1] * PAIR + id);
      ids.push(id); at.push(m.index, m.index + m[0].length);
      if (t.docs[t.docs.length - 1] !== doc) t.docs.push(doc);
    }
    return { ids: Int32Array.from(ids), at: Int32Array.from(at), weight: weight, name: name, text: text };
  };

  Index.prototype.add = function (doc, n) {
    var kind = this.kinds[doc.kind] || [1, 0.3];
    var fields = [];
    var titleIsContext = doc.kind === "point";
    var names = titleIsContext ? [] : doc.title.split(SPLIT).filter(Boolean);
    if (names.length > 1) names.unshift(doc.title);
    names.concat(doc.labels || []).forEach(function (name) {
      fields.push(this.field(name, n, kind[0], true));
    }, this);
    if (titleIsContext) fields.push(this.field(doc.title, n, this.context, false));
    var body = this.field(doc.text || "", n, kind[1], false);
    fields.push(body);
    return { doc: doc, fields: fields, body: body, page: doc.location.split("#")[0] };
  };

  /* ---- the query ---------------------------------------------------------------------------- */

  /* What one typed word may match: a weight per term id (0: no match). A whole word scores 1 (also
     another English form of it; 0.9 for the same letters without the tone typed; 0.6 for the same
     letters with other diacritics than typed), the start of a word PREFIX, a word one slip away SLIP. */
  var PREFIX = 0.5, SLIP = 0.4, WHOLE = 0.85;
  Index.prototype.slot = function (word, last, typos) {
    var terms = this.terms, weights = new Float32Array(terms.length), ids = [];
    var parts = split(word), base = parts[0], tone = parts[1], f = fold(base);
    var marked = base !== f || tone !== "";
    function set(id, w) {
      if (weights[id] === 0) ids.push(id);
      if (weights[id] < w) weights[id] = w;
    }
    function give(list, w) {
      if (list) for (var i = 0; i < list.length; i++) set(list[i], w);
    }
    if (marked) {
      give(this.byFold.get(f), 0.6);
      if (!tone) give(this.byBase.get(base), 0.9);
      give(this.byKey.get(key(base, tone)), 1);
    } else {
      give(this.byFold.get(f), 1);
      if (this.lang === "en") give(this.byStem.get(stem(f)), 1);  // recall, recalls, recalled: one word
    }
    var decoded = this.lang === "vi" && !marked ? decode(word, false) : null;
    if (decoded) {
      if (!decoded[1]) give(this.byBase.get(decoded[0]), 0.85);
      give(this.byKey.get(key(decoded[0], decoded[1])), 1);
    }
    var typing = last && this.lang === "vi" && !marked ? decode(word, true) : null;
    var known = ids.length > 0;
    if (last || (typos && f.length >= 4) || (!known && f.length >= 4)) {
      for (var id = 0; id < terms.length; id++) {
        var t = terms[id], w = 0;
        if (last) {
          if (t.fold.length > f.length && t.fold.lastIndexOf(f, 0) === 0 &&
              (!marked || (t.base.lastIndexOf(base, 0) === 0 && (!tone || t.tone === tone)))) {
            w = PREFIX;
          } else if (typing && t.base.length > typing[0].length && t.base.lastIndexOf(typing[0], 0) === 0 &&
                     (!typing[1] || t.tone === typing[1])) {
            w = PREFIX;
          }
        }
        if (!w && (typos || !known) && f.length >= 4 && t.fold.length >= 3 && oneSlip(t.fold, f)) w = SLIP;
        if (w) set(id, w);
      }
    }
    return { weights: weights, ids: ids, optional: !!this.optional[decoded ? fold(decoded[0]) : f], typed: word,
             marked: marked };
  };

  /* The readings of a query: as typed, and with each run of words that is a synonym key replaced by
     each of its synonyms ("mat ma" -> "mật khẩu"). A synonym reading counts 0.7, and each further
     synonym of the same words less (the first listed is the closest), so that where the words typed
     are themselves in a title, that title comes first. */
  var SYNONYM = 0.7, FURTHER = 0.6;
  Index.prototype.readings = function (words, open, typos) {
    var self = this;
    var folded = words.map(function (w) {
      var d = self.lang === "vi" ? decode(w, false) : null;
      return fold(d ? d[0] : split(w)[0]);
    });
    var spans = [];
    for (var i = 0; i < words.length; i++) {
      for (var j = words.length; j > i; j--) {
        var k = folded.slice(i, j).join(" ");
        if (Object.prototype.hasOwnProperty.call(this.synonyms, k)) {
          spans.push({ from: i, to: j, phrases: this.synonyms[k] });
          i = j - 1;
          break;
        }
      }
    }
    var slots = words.map(function (w, n) { return self.slot(w, open && n === words.length - 1, typos); });
    this.inContext(slots);
    var readings = [{ slots: slots, factor: 1 }];
    spans.forEach(function (span) {
      var more = [];
      readings.forEach(function (r) {
        span.phrases.forEach(function (phrase, rank) {
          var sub = (phrase.toLowerCase().normalize("NFC").match(WORD) || []).map(function (w) {
            var s = self.slot(w, false, false);
            s.typed = words.slice(span.from, span.to).join(" ");
            return s;
          });
          var at = span.from - (words.length - r.slots.length);  // earlier spans may have changed the length
          more.push({ slots: r.slots.slice(0, at).concat(sub, r.slots.slice(at + span.to - span.from)),
                      factor: r.factor * SYNONYM * Math.pow(FURTHER, rank) });
        });
      });
      readings = readings.concat(more).slice(0, 16);
    });
    return readings;
  };

  /* Diacritics from context: typed without them, "nhan vien" could be "nhận" or "nhân"; where the
     handbook has one reading side by side with the neighbouring word ("nhân viên"), the others
     count for less (below a whole word: not marked either). */
  Index.prototype.inContext = function (slots) {
    var pairs = this.pairs;
    slots.forEach(function (slot, s) {
      var readings = slot.ids.filter(function (id) { return slot.weights[id] >= WHOLE; });
      if (readings.length < 2) return;
      var seen = readings.filter(function (a) {
        return [s - 1, s + 1].some(function (t) {
          if (t < 0 || t >= slots.length) return false;
          return slots[t].ids.some(function (b) { return pairs.has(t > s ? a * PAIR + b : b * PAIR + a); });
        });
      });
      if (!seen.length) return;
      readings.forEach(function (id) { if (seen.indexOf(id) < 0) slot.weights[id] = 0.8; });
    });
  };

  /* How well one field answers the slots: coverage of the query, words in order next to each other,
     the field starting with the query, the share of the field the query covers, all of it. */
  var MAX_SLOTS = 64;
  var GOT = new Float32Array(MAX_SLOTS), PREV = new Float32Array(MAX_SLOTS), CUR = new Float32Array(MAX_SLOTS);
  var JOINED = new Uint8Array(MAX_SLOTS);

  function fieldScore(field, slots, best) {
    var ids = field.ids, n = ids.length, m = slots.length;
    if (!n) return 0;
    var got = GOT, prev = PREV, cur = CUR, joined = JOINED;  // scratch: no allocation per field
    got.fill(0, 0, m); prev.fill(0, 0, m); joined.fill(0, 0, m);
    var covered = 0;
    for (var p = 0; p < n; p++) {
      var any = false, id = ids[p];
      for (var s = 0; s < m; s++) {
        var w = slots[s].weights[id];
        cur[s] = w;
        if (w > 0) {
          any = true;
          if (w > got[s]) got[s] = w;
          if (s > 0 && prev[s - 1] > 0) joined[s] = 1;
        }
      }
      if (any) covered++;
      var t = prev; prev = cur; cur = t;
    }
    var sum = 0, counted = 0, pairs = 0, all = true;
    for (var i = 0; i < m; i++) {
      if (got[i] > best[i]) best[i] = got[i];
      sum += got[i];
      if (!slots[i].optional || got[i] > 0) counted++;
      if (!slots[i].optional && got[i] === 0) all = false;
      pairs += joined[i];
    }
    if (sum === 0) return 0;
    var cover = sum / counted;
    var phrase = counted > 1 ? Math.min(1, pairs / (counted - 1)) : 1;
    if (field.name) cover *= cover;  // a title holding half the query says much less than one holding all
    var score = field.weight * cover * (1 + phrase);
    if (field.name) {
      var share = covered / n, lead = got[0] > 0 && slots[0].weights[ids[0]] > 0;
      score *= 1 + 0.5 * (lead ? 1 : 0) + 0.5 * share;
      if (all && share === 1 && phrase === 1) score *= 1.5;
    }
    return score;
  }

  Index.prototype.score = function (entry, reading) {
    var slots = reading.slots, m = slots.length;
    var best = new Float32Array(m), names = 0, rest = 0;
    entry.fields.forEach(function (field) {
      var s = fieldScore(field, slots, best);
      if (field.name) names = Math.max(names, s); else rest += s;
    });
    var missing = [], approx = 0;
    for (var i = 0; i < m; i++) {
      if (best[i] === 0 && !slots[i].optional) missing.push(i);
      else if (slots[i].marked && best[i] < 0.85) approx++;  // typed "bàn", found only "bản"
    }
    // Words typed with diacritics found as written come before the same letters with other marks:
    // the score is divided so that no title can lift an approximate entry above an exact one.
    return { score: (names + rest) * reading.factor / (1 + 50 * approx), missing: missing, best: best };
  };

  Index.prototype.run = function (words, open, typos) {
    var readings = this.readings(words, open, typos), self = this;
    var found = new Map();
    readings.forEach(function (reading) {
      reading.slots = reading.slots.slice(0, MAX_SLOTS);
      var all = reading.slots.every(function (s) { return s.optional; });
      if (all) reading.slots.forEach(function (s) { s.optional = false; });
      // Entries holding at least one word of the reading: from the terms' lists.
      var seen = new Set();
      reading.slots.forEach(function (s) {
        s.ids.forEach(function (id) { self.terms[id].docs.forEach(function (d) { seen.add(d); }); });
      });
      seen.forEach(function (d) {
        var r = self.score(self.docs[d], reading);
        var had = found.get(d);
        if (!had || r.missing.length < had.missing.length ||
            (r.missing.length === had.missing.length && r.score > had.score)) {
          r.reading = reading;
          found.set(d, r);
        }
      });
    });
    return found;
  };

  /* ---- results ------------------------------------------------------------------------------ */

  function escape(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* The text from..to as HTML, the marked words in <mark>, words side by side in one <mark>. */
  function marked(field, from, to, marks) {
    var out = "", at = from;
    marks.forEach(function (p) {
      var a = field.at[2 * p], b = field.at[2 * p + 1];
      if (a < from || b > to) return;
      var between = field.text.slice(at, a);
      if (at > from && /^[ \t]+$/.test(between) && out.slice(-7) === "</mark>") {  // not across lines: one <p> each
        out = out.slice(0, -7) + between + escape(field.text.slice(a, b)) + "</mark>";
      } else {
        out += escape(between) + "<mark>" + escape(field.text.slice(a, b)) + "</mark>";
      }
      at = b;
    });
    return out + escape(field.text.slice(at, to));
  }

  var WINDOW = 150, FOLDED = 60;  // characters of text shown around the matches: best entry, the others
  var PER_PAGE = 3;

  /* The text around the matches, `size` characters at most, one <p> per line of the entry. */
  function snippet(field, marks, size) {
    var text = field.text, lead = size >> 2;
    if (!text) return "";
    var from = 0, to = text.length;
    if (text.length > size) {
      // The window holding the most matches, starting a little before the first of them; the start
      // of the text, which says what the entry is about, unless a later window holds more.
      var bestAt = lead, bestCount = 0;
      while (bestCount < marks.length && field.at[2 * marks[bestCount] + 1] <= size) bestCount++;
      for (var i = 0; i < marks.length; i++) {
        var start = field.at[2 * marks[i]], count = 0;
        for (var j = i; j < marks.length && field.at[2 * marks[j] + 1] <= start + size - lead; j++) count++;
        if (count > bestCount) { bestCount = count; bestAt = start; }
      }
      from = Math.max(0, bestAt - lead);
      to = Math.min(text.length, from + size);
      if (from > 0) from = text.indexOf(" ", from) + 1 || from;
      if (to < text.length) to = text.lastIndexOf(" ", to) > from ? text.lastIndexOf(" ", to) : to;
    }
    var html = marked(field, from, to, marks);
    return html.split("\n").map(function (line, n, all) {
      return "<p>" + (n === 0 && from > 0 ? "… " : "") + line + (n === all.length - 1 && to < text.length ? " …" : "") + "</p>";
    }).join("");
  }

  /* What to mark in an entry, per field, and the words to send for the page's highlight: for each
     word of the query, its best kind of match here. Where a whole word matched, a prefix or a slip
     of the same query word elsewhere is not shown ("thu" marks "thư", not "thường"); and where the
     query's words stand together, only those places count ("gui van ban" marks "gửi văn bản", not
     the "ban" of "ban hành"). */
  Index.prototype.shown = function (entry, result) {
    var slots = result.reading.slots, best = result.best, fields = entry.fields, terms = this.terms;
    var marks = fields.map(function () { return []; }), forms = slots.map(function () { return []; });
    slots.forEach(function (slot, s) {
      if (best[s] === 0) return;
      var floor = best[s] >= WHOLE ? WHOLE : best[s] - 1e-6, found = [], joined = [];
      fields.forEach(function (f, i) {
        var ids = f.ids;
        for (var p = 0; p < ids.length; p++) {
          if (slot.weights[ids[p]] < floor) continue;
          found.push([i, p]);
          if ((s > 0 && p > 0 && slots[s - 1].weights[ids[p - 1]] > 0) ||
              (s + 1 < slots.length && p + 1 < ids.length && slots[s + 1].weights[ids[p + 1]] > 0)) joined.push([i, p]);
        }
      });
      (joined.length ? joined : found).forEach(function (at) {
        marks[at[0]].push(at[1]);
        var form = terms[fields[at[0]].ids[at[1]]].form;
        if (forms[s].indexOf(form) < 0) forms[s].push(form);
      });
    });
    marks.forEach(function (list) { list.sort(function (a, b) { return a - b; }); });
    return { marks: marks, forms: forms };
  };

  Index.prototype.item = function (d, result, size) {
    var entry = this.docs[d], doc = entry.doc, slots = result.reading.slots, terms = {};
    var shown = this.shown(entry, result);
    // Words found, as they are written in this entry, in query order: Material puts them in the
    // link (?h=…) and highlight.js marks them on the page. A word not found is listed as missing.
    slots.forEach(function (s, n) {
      if (result.best[n] === 0) {
        if (!s.optional) terms[s.typed] = false;
      } else {
        shown.forms[n].forEach(function (form) { terms[form] = true; });
      }
    });
    var t = entry.fields.findIndex(function (f) { return f.text === doc.title; });
    var title = t >= 0 ? marked(entry.fields[t], 0, doc.title.length, shown.marks[t]) : escape(doc.title);
    var b = entry.fields.indexOf(entry.body);
    return { location: doc.location, title: title, text: size ? snippet(entry.body, shown.marks[b], size) : "",
             score: Math.round(result.score * 1000) / 1000, terms: terms };
  };

  Index.prototype.search = function (query) {
    var raw = String(query).normalize("NFC");
    var words = raw.toLowerCase().match(WORD) || [];
    if (!words.length) return { items: [] };
    if (words.length > 12) words = words.slice(0, 12);
    var open = !/\s$/.test(raw);
    var found = this.run(words, open, false);
    var complete = [];
    var enough = function (r) {
      // Four words or more: one may be missing (half the score), so a long question still finds
      // the entry that answers most of it ("gui file qua lon").
      var required = r.reading.slots.filter(function (s) { return !s.optional; }).length;
      if (r.missing.length === 1 && required >= 4) { r.score /= 2; r.missing = []; r.loose = true; }
      return !r.missing.length;
    };
    found.forEach(function (r, d) { if (enough(r)) complete.push(d); });
    if (!complete.length) {  // nothing has every word: allow a slip in any long word
      var again = this.run(words, open, true);
      again.forEach(function (r, d) { if (enough(r)) complete.push(d); });
      if (complete.length) found = again;
    }
    var chosen = complete;
    if (!chosen.length) {  // the entries with the most words, the rest marked missing
      var fewest = Infinity;
      found.forEach(function (r) { fewest = Math.min(fewest, r.missing.length); });
      found.forEach(function (r, d) { if (r.missing.length === fewest && r.score > 0) chosen.push(d); });
    }
    var self = this;
    chosen.sort(function (a, b) { return found.get(b).score - found.get(a).score || a - b; });
    // Material groups by page: a page's entries follow its best one, the page itself first if it
    // matched, or added with score 0 so each group has its heading. A page shows its PER_PAGE best
    // entries: Material draws every entry of the first ten pages at once, and the Quy chế alone
    // may match sixty points while a word is half typed.
    var groups = new Map();
    chosen.forEach(function (d) {
      var page = self.docs[d].page;
      if (!groups.has(page)) groups.set(page, []);
      // Material shows the text of a page's best entry; the others wait under "more on this page"
      // (shorter), and the page's own text shows only when the page is the best.
      var list = groups.get(page), own = self.docs[d].doc.location === page;
      var size = !list.length ? WINDOW : own ? 0 : FOLDED;
      if (list.length < PER_PAGE || own) list.push(self.item(d, found.get(d), size));
    });
    var items = [];
    groups.forEach(function (list, page) {
      if (!list.some(function (i) { return i.location === page; })) {
        var parent = self.docs.find(function (e) { return e.doc.location === page; });
        if (parent) list.push({ location: page, title: escape(parent.doc.title), text: "", score: 0, terms: {} });
      }
      items.push(list);
    });
    var result = { items: items };
    if (this.suggest) result.suggest = this.suggestion(words, open, items, found, chosen);
    return result;
  };

  /* Material shows the rest of the word being typed, from the best result ("quen mat kh" -> "khau"). */
  Index.prototype.suggestion = function (words, open, items, found, chosen) {
    if (!open || !chosen.length) return [];
    var lastWord = words[words.length - 1], result = found.get(chosen[0]);
    var slots = result.reading.slots, last = slots.length - 1;
    if (slots[last].typed !== lastWord || result.best[last] >= WHOLE || result.best[last] === 0) return [];
    var forms = this.shown(this.docs[chosen[0]], result).forms[last];
    if (!forms.length) return [];
    var plainTyped = fold(split(lastWord)[0]) === lastWord;
    var word = plainTyped ? fold(split(forms[0])[0]) : forms[0];
    return word.lastIndexOf(lastWord, 0) === 0 ? [word] : [];
  };

  /* ---- Material's worker protocol ------------------------------------------------------------ */

  var index = null;
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;

  function handle(message) {
    if (message.type === SETUP) {
      index = new Index(message.data.config, message.data.docs);
      index.suggest = !!(message.data.options && message.data.options.suggest);
      return { type: READY };
    }
    if (message.type === QUERY) {
      // Material sends the query as a string, materialx as {query: …}.
      var query = typeof message.data === "string" ? message.data : (message.data && message.data.query) || "";
      try {
        return { type: RESULT, data: index ? index.search(query) : { items: [] } };
      } catch (err) {
        console.warn("search:", err);
        return { type: RESULT, data: { items: [] } };
      }
    }
    throw new TypeError("Invalid message type");
  }

  self.hbSearch = { Index: Index, decode: decode, split: split, fold: fold, stem: stem, oneSlip: oneSlip,
                    handle: handle, get index() { return index; } };
  if (typeof WorkerGlobalScope !== "undefined" || (typeof parent !== "undefined" && parent !== self)) {
    // materialx (the second build stack) numbers its messages and matches each reply by that number.
    addEventListener("message", function (ev) {
      var reply = handle(ev.data);
      if (ev.data && ev.data.id !== undefined) reply.id = ev.data.id;
      postMessage(reply);
    });
  }
})();
