/* Sổ tay thư điện tử – training pages: what mkdocs-quiz does not do for us.
   - quiz page: each attempt draws its questions from the quiz's pool (spread over articles or chapters),
     scores only the questions of the attempt that are on the page now, pass/fail against the pass mark,
     "try the wrong ones again", a new attempt, the certificate form;
   - results: the latest attempt and every pass are kept (a failed retake never erases a pass), with the
     date and the version of the Regulation the attempt was taken against;
   - training page: each quiz's best pass and latest attempt in this browser;
   - certificate page: the stored passes, the certificate for any of them, print, and a prepared email to
     the school carrying the machine-readable result line (result-line.js).
   mkdocs-quiz renders the questions, gives feedback and keeps each question's answer (localStorage
   "quiz_progress_<path>"); we read the answers from the page itself, so stored answers to questions no
   longer on the page never count. Everything survives a browser without storage or with corrupt data,
   and puts text into the page with textContent only. */
(function () {
  "use strict";

  var PROGRESS = "quiz_progress_"; // mkdocs-quiz's answers, + the page's path: {"q-<id>": {answered, correct}}
  var RESULTS = "hb-results:";   // + quiz id: {latest, passes: [..]}
  var ATTEMPT = "hb-attempt:";   // + quiz id: {id, drawn: [question ids], version}
  var OLD_RESULT = "hb-quiz-result:"; // before attempts were kept: one result per quiz
  var MAX_PASSES = 20;

  var store = (function () {
    var memory = {};
    var local = null;
    try {
      local = window.localStorage;
      local.setItem("hb-probe", "1");
      local.removeItem("hb-probe");
    } catch (e) {
      local = null;
    }
    return {
      ok: local !== null,
      get: function (key) {
        try { return local ? local.getItem(key) : (key in memory ? memory[key] : null); } catch (e) { return null; }
      },
      set: function (key, value) {
        try { if (local) { local.setItem(key, value); return; } } catch (e) { /* full or blocked */ }
        memory[key] = value;
      },
      json: function (key) {
        try {
          var value = JSON.parse(this.get(key));
          return value && typeof value === "object" && !Array.isArray(value) ? value : null;
        } catch (e) {
          return null; // corrupt data is treated as no data
        }
      }
    };
  })();

  function $(selector, root) { return (root || document).querySelector(selector); }
  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, key) { return key in values ? String(values[key]) : m; });
  }
  function readData(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }
  function showDate(iso, lang) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) return "";
    if (lang === "vi") return m[3] + "/" + m[2] + "/" + m[1];
    return new Date(+m[1], +m[2] - 1, +m[3]).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }
  function percentOf(correct, total) { return total > 0 ? Math.round((correct * 100) / total) : 0; }
  function motion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  }
  function focusQuestion(q) {
    q.scrollIntoView({ behavior: motion(), block: "start" });
    var input = $("input", q);
    if (input) input.focus({ preventScroll: true });
  }
  function shuffled(list, random) {
    var items = list.slice();
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var t = items[i]; items[i] = items[j]; items[j] = t;
    }
    return items;
  }
  function shuffleChoices(fieldset) {
    shuffled(all(":scope > div", fieldset), Math.random).forEach(function (el) { fieldset.appendChild(el); });
  }

  /* A seeded generator (mulberry32), so the tests can check the draw; attempts use Math.random. */
  function seeded(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /* Draw `size` questions from the pool ([[id, group], …]): with a spread, the groups (articles or
     chapters) take turns in a random order, each giving a random question, so every group is asked
     before any is asked twice. Questions of the `previous` attempt come last in each group, so a retake
     asks what the last attempt did not, as far as the pool allows. The drawn questions keep the pool's
     order (they read like the text). */
  function draw(pool, size, spread, random, previous) {
    size = Math.min(size || pool.length, pool.length);
    var before = {};
    (previous || []).forEach(function (id) { before[id] = true; });
    function fresh(ids) {  // shuffled, the ones not asked last time first
      var list = shuffled(ids, random);
      return list.filter(function (id) { return !before[id]; }).concat(list.filter(function (id) { return before[id]; }));
    }
    var picked = {};
    if (spread) {
      var groups = {}, order = [];
      pool.forEach(function (q) {
        if (!groups[q[1]]) { groups[q[1]] = []; order.push(q[1]); }
        groups[q[1]].push(q[0]);
      });
      var queues = shuffled(order, random).map(function (g) { return fresh(groups[g]); });
      var n = 0;
      while (n < size) {
        queues.forEach(function (queue) { if (n < size && queue.length) { picked[queue.shift()] = true; n++; } });
      }
    } else {
      fresh(pool.map(function (q) { return q[0]; })).slice(0, size).forEach(function (id) { picked[id] = true; });
    }
    return pool.map(function (q) { return q[0]; }).filter(function (id) { return picked[id]; });
  }

  /* -- results kept per quiz --------------------------------------------------------------------- */
  function results(quizId) {
    var stored = store.json(RESULTS + quizId) || {};
    var passes = Array.isArray(stored.passes) ? stored.passes.filter(validRecord) : [];
    var latest = validRecord(stored.latest) ? stored.latest : null;
    var old = store.json(OLD_RESULT + quizId); // a result kept before attempts: keep its pass
    if (!latest && validRecord(old)) {
      latest = old;
      if (old.passed && !passes.length) passes.push(old);
    }
    return { latest: latest, passes: passes };
  }
  function validRecord(r) {
    return !!r && typeof r === "object" && typeof r.correct === "number" && typeof r.total === "number" &&
      r.total > 0 && r.correct >= 0 && r.correct <= r.total && /^\d{4}-\d{2}-\d{2}$/.test(r.date || "");
  }
  function best(passes) {
    return passes.reduce(function (b, r) { return !b || r.percent > b.percent || (r.percent === b.percent && r.date > b.date) ? r : b; }, null);
  }
  function keep(quizId, record) {
    var kept = results(quizId);
    kept.latest = record;
    if (record.passed) {
      kept.passes = kept.passes.filter(function (r) { return r.attempt !== record.attempt; });
      kept.passes.push(record);
      kept.passes = kept.passes.slice(-MAX_PASSES);
    }
    store.set(RESULTS + quizId, JSON.stringify(kept));
  }

  /* -- quiz page ---------------------------------------------------------------------------------- */
  function quizPage(data) {
    var result = $("#hb-result");
    var progress = $('[data-hb="progress"]');
    var box = $('[data-hb="questions"]');
    var start = $('[data-hb="start"]');
    var poolIds = data.pool.map(function (q) { return q[0]; });
    var onPage = {};
    all(".quiz[data-hb-question]", box).forEach(function (q) { onPage[q.getAttribute("data-hb-question")] = q; });
    var attempt = null;
    var complete = null;
    if (!store.ok) all(".hb-storage-warning").forEach(function (el) { el.hidden = false; });

    function validAttempt(a) {
      return !!a && typeof a.id === "string" && Array.isArray(a.drawn) &&
        a.drawn.length === Math.min(data.size, poolIds.length) &&
        a.drawn.every(function (id) { return Object.prototype.hasOwnProperty.call(onPage, id); });
    }
    function questions() { return attempt ? attempt.drawn.map(function (id) { return onPage[id]; }) : []; }
    function verdict(q) {
      var item = $(".quiz-feedback:not(.hidden) .quiz-feedback-item", q);
      if (!item) return null;
      return item.classList.contains("incorrect") ? "wrong" : item.classList.contains("correct") ? "right" : null;
    }
    function reset(list) {
      list.forEach(function (q) {
        var button = $(".quiz-reset-button", q);
        if (button && verdict(q) !== null) button.click(); // mkdocs-quiz's own reset: clears the answer it stored
        var fieldset = $("fieldset", q);
        if (fieldset) shuffleChoices(fieldset);
      });
    }
    function apply(a) {
      attempt = a;
      var position = {};
      a.drawn.forEach(function (id, i) { position[id] = i; });
      Object.keys(onPage).forEach(function (id) {
        var q = onPage[id], wrapper = q.parentElement;
        var drawn = Object.prototype.hasOwnProperty.call(position, id);
        (wrapper.tagName === "HB-NOINDEX" ? wrapper : q).hidden = !drawn;
        if (drawn) q.setAttribute("data-hb-label", fmt(data.strings.label, { n: position[id] + 1, total: a.drawn.length }));
      });
    }
    function newAttempt() {
      // Answers left from earlier attempts are cleared, so no question starts the attempt answered.
      reset(Object.keys(onPage).map(function (id) { return onPage[id]; }));
      var a = { id: String(Date.now()) + Math.random().toString(36).slice(2, 6),
                drawn: draw(data.pool, data.size, data.spread, Math.random, attempt ? attempt.drawn : []),
                version: data.version.year };
      store.set(ATTEMPT + data.id, JSON.stringify(a));
      complete = null;
      apply(a);
      update(false);
    }
    function openQuestions(focus) {
      box.classList.add("hb-open");
      document.body.classList.add("hb-open-quiz");
      if (focus && questions()[0]) focusQuestion(questions()[0]);
    }

    function update(announce) {
      var list = questions();
      var total = list.length;
      var answered = 0, correct = 0;
      list.forEach(function (q) {
        var v = verdict(q);
        if (v) answered++;
        if (v === "right") correct++;
      });
      progress.textContent = total ? fmt(data.strings.progress, { answered: answered, total: total }) : "";
      var done = total > 0 && answered >= total;
      var justFinished = done && complete === false;
      complete = done;
      if (!done) { result.hidden = true; return; }
      var percent = percentOf(correct, total);
      var passed = percent >= data.passMark;
      $('[data-hb="score"]', result).textContent = fmt(data.strings.score, { correct: correct, total: total, percent: percent });
      $('[data-hb="pass"]', result).hidden = !passed;
      $('[data-hb="fail"]', result).hidden = passed;
      $('[data-hb="retry"]', result).hidden = correct >= total;
      var date = today();
      var form = $('[data-hb="cert-form"]', result);
      form.hidden = !passed;
      form.elements.correct.value = correct;
      form.elements.total.value = total;
      form.elements.date.value = date;
      result.hidden = false;
      keep(data.id, { attempt: attempt.id, correct: correct, total: total, percent: percent, passed: passed,
                      date: date, version: attempt.version || data.version.year });
      if (justFinished && announce) {
        result.scrollIntoView({ behavior: motion(), block: "start" });
        result.focus({ preventScroll: true });
      }
    }

    var saved = store.json(ATTEMPT + data.id);
    if (validAttempt(saved)) {
      apply(saved);
      // mkdocs-quiz restores the answers after this script has run: ask its store whether there are any.
      if (answeredIn(saved, location.pathname) > 0 || /^#q-/.test(location.hash)) openQuestions(false);
    } else if (/^#q-/.test(location.hash)) {
      newAttempt();
      openQuestions(false);
    }
    start.addEventListener("click", function () {
      if (!attempt) newAttempt();
      openQuestions(true);
    });

    // Submitting with nothing chosen would lock the question as wrong: ask for a choice instead.
    document.addEventListener("submit", function (ev) {
      var quiz = ev.target.closest && ev.target.closest(".quiz");
      if (!quiz || $('input[name="answer"]:checked', ev.target)) return;
      ev.preventDefault();
      ev.stopImmediatePropagation();
      var feedback = $(".quiz-feedback", quiz);
      feedback.textContent = data.strings.choose;
      feedback.classList.remove("hidden");
      feedback.setAttribute("tabindex", "-1");
      feedback.focus();
    }, true);

    // mkdocs-quiz announces every answer (and the answers it restored); the page then shows them.
    window.addEventListener("quizProgressUpdate", function () {
      if (attempt) window.setTimeout(function () { update(true); }, 0);
    });

    $('[data-hb="retry"]', result).addEventListener("click", function () {
      var wrong = questions().filter(function (q) { return verdict(q) === "wrong"; });
      reset(wrong);
      if (wrong[0]) focusQuestion(wrong[0]);
    });
    $('[data-hb="restart"]', result).addEventListener("click", function () {
      newAttempt();
      openQuestions(true);
    });
  }

  /* How many questions of an attempt mkdocs-quiz has stored answers for, on the quiz page at `path`. */
  function answeredIn(attempt, path) {
    var saved = store.json(PROGRESS + path) || {};
    return attempt.drawn.filter(function (id) { var s = saved["q-" + id]; return s && s.answered === true; }).length;
  }

  /* -- list of quizzes ---------------------------------------------------------------------------- */
  function trainingPage(data) {
    all("[data-hb-state]").forEach(function (cell) {
      var id = cell.getAttribute("data-hb-state");
      var kept = results(id);
      var top = best(kept.passes), latest = kept.latest;
      var parts = [];
      if (top) parts.push(fmt(data.strings.passed, { percent: top.percent, date: showDate(top.date, data.lang) }));
      if (latest && (!top || latest.attempt !== top.attempt)) {
        parts.push(fmt(top ? data.strings.latest : data.strings.failed, { percent: latest.percent, date: showDate(latest.date, data.lang) }));
      }
      var attempt = store.json(ATTEMPT + id);
      var path = new URL(cell.getAttribute("data-hb-href"), location.href).pathname;
      if (attempt && Array.isArray(attempt.drawn) && (!latest || latest.attempt !== attempt.id)) {
        var answered = answeredIn(attempt, path);
        if (answered > 0 && answered < attempt.drawn.length) {
          parts.push(fmt(data.strings.progress, { answered: answered, total: attempt.drawn.length }));
        }
      }
      if (parts.length) {
        cell.textContent = parts.join(" · ");
        cell.className = top ? "hb-state--passed" : latest ? "hb-state--failed" : "hb-state--progress";
      }
    });
  }

  /* -- certificate -------------------------------------------------------------------------------- */
  function certificatePage(data) {
    var params = new URLSearchParams(location.search);
    var quiz = Object.prototype.hasOwnProperty.call(data.quizzes, params.get("quiz")) ? data.quizzes[params.get("quiz")] : null;
    listPasses(data);
    if (!quiz) return;
    var name = (params.get("name") || "").replace(/\s+/g, " ").trim().slice(0, 80);
    var correct = parseInt(params.get("correct"), 10);
    var total = parseInt(params.get("total"), 10) || quiz.size;
    var date = params.get("date") || "";
    var year = params.get("version") || data.current;
    var version = Object.prototype.hasOwnProperty.call(data.versions, year) ? data.versions[year] : null;
    if (!version || !(total > 0 && total <= quiz.pool) || !(correct >= 0 && correct <= total) ||
        !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    var percent = percentOf(correct, total);
    if (percent < quiz.passMark) return;
    if (!name) { askName(params); return; }
    var values = {
      name: name, quiz: quiz.title, correct: correct, total: total, percent: percent, pass_mark: quiz.passMark,
      date: showDate(date, data.lang), number: version.number, year: version.label
    };
    $('[data-hb="name"]').textContent = name;
    $('[data-hb="quiz"]').textContent = quiz.title;
    $('[data-hb="score"]').textContent = fmt(data.strings.score, values);
    $('[data-hb="date"]').textContent = values.date;
    $('[data-hb="version"]').textContent = fmt(data.strings.version, values) +
      (version.superseded ? " " + fmt(data.strings.superseded, { date: showDate(version.superseded, data.lang) }) : "");
    // The certificate and the "no result" message share one place (see handbook.css): swapping them
    // does not move anything on the page.
    document.body.setAttribute("data-hb-certificate", "");
    var line = window.resultLine ? window.resultLine({ quiz: params.get("quiz"), version: year, correct: correct,
                                                        total: total, date: date, name: name }) : "";
    $('[data-hb="mail"]').href = "mailto:" + data.email + "?subject=" + encodeURIComponent(fmt(data.strings.mail_subject, values)) +
      "&body=" + encodeURIComponent((fmt(data.strings.mail_body, values) + "\n\n" + line + "\n").replace(/\n/g, "\r\n"));
    $('[data-hb="print"]').addEventListener("click", function () { window.print(); });
  }

  function askName(params) {
    var form = $('[data-hb="name-form"]');
    ["quiz", "correct", "total", "date", "version"].forEach(function (key) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = key;
      input.value = params.get(key) || "";
      form.appendChild(input);
    });
    form.hidden = false;
  }

  function listPasses(data) {
    var list = $('[data-hb="passes"]');
    if (!list) return;
    var rows = [];
    Object.keys(data.quizzes).forEach(function (id) {
      results(id).passes.forEach(function (r) { rows.push({ id: id, r: r }); });
    });
    rows.sort(function (a, b) { return a.r.date < b.r.date ? 1 : a.r.date > b.r.date ? -1 : 0; });
    var body = $("tbody", list);
    rows.forEach(function (row) {
      var quiz = data.quizzes[row.id], r = row.r;
      var version = data.versions[r.version] || null;
      var tr = document.createElement("tr");
      var cells = [quiz.title, fmt(data.strings.passed_score, { correct: r.correct, total: r.total, percent: r.percent }),
                   showDate(r.date, data.lang),
                   version ? version.label + (version.superseded ? " (" + data.strings.superseded_short + ")" : "") : r.version];
      cells.forEach(function (text) {
        var td = document.createElement("td");
        td.textContent = text;
        tr.appendChild(td);
      });
      var td = document.createElement("td");
      var a = document.createElement("a");
      a.href = "?" + new URLSearchParams({ quiz: row.id, correct: r.correct, total: r.total, date: r.date,
                                           version: r.version || data.current }).toString();
      a.textContent = data.strings.issue;
      td.appendChild(a);
      tr.appendChild(td);
      body.appendChild(tr);
    });
    list.hidden = rows.length === 0;
  }

  var quiz = readData("hb-quiz-data");
  if (quiz) quizPage(quiz);
  var training = readData("hb-training-data");
  if (training) trainingPage(training);
  var certificate = readData("hb-cert-data");
  if (certificate) certificatePage(certificate);
  // For the tests: the draw with a seed.
  window.hbTraining = { draw: draw, seeded: seeded };
})();
