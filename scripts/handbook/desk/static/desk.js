/* The leadership desk: a file dropped on the upload box goes into its file field, and a running job's
   log is fetched every second. Everything works without this script (choose the file; reload the page). */
(function () {
  "use strict";
  var drop = document.querySelector("[data-drop]");
  if (drop) {
    var input = drop.querySelector("input[type=file]");
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("is-over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function () { drop.classList.remove("is-over"); });
    });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; input.form.requestSubmit(); }
    });
  }
  var job = document.querySelector("[data-job]");
  if (job) {
    var log = document.getElementById("job-log");
    var status = document.getElementById("job-status");
    var next = Number(job.getAttribute("data-next"));
    var poll = function () {
      fetch("/tien-trinh/" + encodeURIComponent(job.getAttribute("data-job")) + "?from=" + next, {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (data.lines.length) { log.textContent += data.lines.join("\n") + "\n"; log.scrollTop = log.scrollHeight; }
          next = data.next;
          if (!data.done) { setTimeout(poll, 1000); return; }
          status.textContent = status.getAttribute(data.ok ? "data-ok" : "data-failed");
          if (data.ok && data.kind === "preview") { document.getElementById("job-open").hidden = false; }
        })
        .catch(function () { setTimeout(poll, 3000); });
    };
    if (status.textContent === status.getAttribute("data-running")) { poll(); }
  }
})();
