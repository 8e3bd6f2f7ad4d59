/* Sổ tay thư điện tử – training pages: what mkdocs-quiz does not do for us.
   - quiz page: pass/fail against the quiz's pass mark, "try the wrong ones again", certificate form;
   - training page: each quiz's state in this browser (not started / in progress / result);
   - certificate page: the certificate from the URL, print, and a prepared email to the school.
   mkdocs-quiz keeps per-question progress (localStorage "quiz_progress_<path>") and tells us about
   it with its "quizProgressUpdate" event. Everything here survives a browser without storage or
   with corrupt stored data, and puts text into the page with textContent only. */
(function () {
  "use strict";

  var RESULT = "hb-quiz-result:";
  var PROGRESS = "quiz_progress_"; // mkdocs-quiz's key, followed by the page's path

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
  function motion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  }
  function focusQuestion(q) {
    q.scrollIntoView({ behavior: motion(), block: "start" });
    var input = $("input", q);
    if (input) input.focus({ preventScroll: true });
  }
  function shuffle(fieldset) {
    var items = all(":scope > div", fieldset);
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = items[i]; items[i] = items[j]; items[j] = t;
    }
    items.forEach(function (el) { fieldset.appendChild(el); });
  }

  /* -- quiz page ---------------------------------------------------------------------------- */
  function quizPage(data) {
    var result = $("#hb-result");
    var progress = $('[data-hb="progress"]');
    var complete = null;
    if (!store.ok) all(".hb-storage-warning").forEach(function (el) { el.hidden = false; });

    var box = $('[data-hb="questions"]');
    var start = $('[data-hb="start"]');
    function openQuestions(focus) {
      box.classList.add("hb-open");
      document.body.classList.add("hb-open-quiz");
      if (focus) focusQuestion($(".quiz", box));
    }
    var saved = store.json(PROGRESS + location.pathname) || {};
    if (Object.keys(saved).length || /^#q-/.test(location.hash)) openQuestions(false);
    start.addEventListener("click", function () { openQuestions(true); });

    function questions() { return all(".quiz[data-hb-question]"); }
    function verdict(q) {
      var item = $(".quiz-feedback:not(.hidden) .quiz-feedback-item", q);
      if (!item) return null;
      return item.classList.contains("incorrect") ? "wrong" : item.classList.contains("correct") ? "right" : null;
    }
    function reset(list) {
      list.forEach(function (q) {
        var button = $(".quiz-reset-button", q);
        if (button) button.click(); // mkdocs-quiz's own reset: clears the answer and its saved state
        var fieldset = $("fieldset", q);
        if (fieldset) shuffle(fieldset);
      });
      if (list[0]) focusQuestion(list[0]);
    }

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

    window.addEventListener("quizProgressUpdate", function (ev) {
      var p = ev.detail || {};
      var total = data.total;
      progress.textContent = fmt(data.strings.progress, { answered: p.answered || 0, total: total });
      var done = p.answered >= total && total > 0;
      var justFinished = done && complete === false;
      complete = done;
      if (!done) { result.hidden = true; return; }
      var percent = Math.round((p.correct * 100) / total);
      var passed = percent >= data.passMark;
      $('[data-hb="score"]', result).textContent = fmt(data.strings.score, { correct: p.correct, total: total, percent: percent });
      $('[data-hb="pass"]', result).hidden = !passed;
      $('[data-hb="fail"]', result).hidden = passed;
      $('[data-hb="retry"]', result).hidden = p.correct >= total;
      var form = $('[data-hb="cert-form"]', result);
      form.hidden = !passed;
      form.elements.correct.value = p.correct;
      form.elements.date.value = today();
      result.hidden = false;
      store.set(RESULT + data.id, JSON.stringify({ correct: p.correct, total: total, percent: percent, passed: passed, date: today() }));
      if (justFinished) {
        result.scrollIntoView({ behavior: motion(), block: "start" });
        result.focus({ preventScroll: true });
      }
    });

    $('[data-hb="retry"]', result).addEventListener("click", function () {
      reset(questions().filter(function (q) { return verdict(q) === "wrong"; }));
    });
    $('[data-hb="restart"]', result).addEventListener("click", function () {
      reset(questions().filter(function (q) { return verdict(q) !== null; }));
    });
  }

  /* -- list of quizzes ------------------------------------------------------------------------ */
  function trainingPage(data) {
    all("[data-hb-state]").forEach(function (cell) {
      var total = +cell.getAttribute("data-hb-total");
      var res = store.json(RESULT + cell.getAttribute("data-hb-state"));
      if (res && typeof res.percent === "number") {
        var text = res.passed ? data.strings.passed : data.strings.failed;
        cell.textContent = fmt(text, { percent: res.percent, date: showDate(res.date, data.lang) });
        cell.className = res.passed ? "hb-state--passed" : "hb-state--failed";
        return;
      }
      var path = new URL(cell.getAttribute("data-hb-href"), location.href).pathname;
      var saved = store.json(PROGRESS + path) || {};
      var answered = Object.keys(saved).filter(function (k) { return saved[k] && saved[k].answered === true; }).length;
      if (answered > 0) {
        cell.textContent = fmt(data.strings.progress, { answered: Math.min(answered, total), total: total });
        cell.className = "hb-state--progress";
      }
    });
  }

  /* -- certificate ------------------------------------------------------------------------------ */
  function certificatePage(data) {
    var params = new URLSearchParams(location.search);
    var quiz = Object.prototype.hasOwnProperty.call(data.quizzes, params.get("quiz")) ? data.quizzes[params.get("quiz")] : null;
    var name = (params.get("name") || "").replace(/\s+/g, " ").trim().slice(0, 80);
    var correct = parseInt(params.get("correct"), 10);
    var date = params.get("date") || "";
    if (!quiz || !name || !(correct >= 0 && correct <= quiz.total) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    var percent = Math.round((correct * 100) / quiz.total);
    if (percent < quiz.passMark) return;
    var values = {
      name: name, quiz: quiz.title, correct: correct, total: quiz.total, percent: percent, pass_mark: quiz.passMark,
      date: showDate(date, data.lang), number: data.version.number, year: data.version.year
    };
    $('[data-hb="name"]').textContent = name;
    $('[data-hb="quiz"]').textContent = quiz.title;
    $('[data-hb="score"]').textContent = fmt(data.strings.score, values);
    $('[data-hb="date"]').textContent = values.date;
    // The certificate and the "no result" message share one place (see handbook.css): swapping them
    // does not move anything on the page.
    document.body.setAttribute("data-hb-certificate", "");
    $('[data-hb="mail"]').href = "mailto:" + data.email + "?subject=" + encodeURIComponent(fmt(data.strings.mail_subject, values)) +
      "&body=" + encodeURIComponent(fmt(data.strings.mail_body, values).replace(/\n/g, "\r\n"));
    $('[data-hb="print"]').addEventListener("click", function () { window.print(); });
  }

  var quiz = readData("hb-quiz-data");
  if (quiz) quizPage(quiz);
  var training = readData("hb-training-data");
  if (training) trainingPage(training);
  var certificate = readData("hb-cert-data");
  if (certificate) certificatePage(certificate);
})();
