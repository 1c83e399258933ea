// Jobs pages: the live log of a job result, and the schedule fields of the run form. Progressive enhancement:
// without this file a result page shows the lines it was rendered with (reload for more) and every field shows.
(function () {
  "use strict";

  function cell(text, className) {
    var td = document.createElement("td");
    if (className) td.className = className;
    td.textContent = text;
    return td;
  }

  function logRow(line) {
    var tr = document.createElement("tr");
    tr.className = "log-line";
    tr.appendChild(cell(line.created, "ps-3 text-nowrap small"));
    var level = document.createElement("td");
    var badge = document.createElement("span");
    badge.className = "badge " + line.level_class;
    badge.textContent = line.level;
    level.appendChild(badge);
    tr.appendChild(level);
    tr.appendChild(cell(line.grouping, "small"));
    var obj = cell("", "small");
    if (line.url) {
      var a = document.createElement("a");
      a.href = line.url;
      a.textContent = line.object;
      obj.appendChild(a);
    } else {
      obj.textContent = line.object;
    }
    tr.appendChild(obj);
    var message = cell(line.message, "log-message small text-break");
    message.style.whiteSpace = "pre-wrap";
    tr.appendChild(message);
    return tr;
  }

  function setStatus(data) {
    document.querySelectorAll(".job-status").forEach(function (badge) {
      badge.className = "badge " + data.status_class + " job-status";
      badge.dataset.status = data.status;
      badge.textContent = data.status_label;
    });
    var fields = {"job-started": data.started, "job-completed": data.completed, "job-duration": data.duration};
    Object.keys(fields).forEach(function (id) {
      var el = document.getElementById(id);
      if (el && fields[id]) el.textContent = fields[id];
    });
  }

  function follow(root) {
    var url = root.dataset.liveUrl;
    var count = parseInt(root.dataset.count || "0", 10);
    var rows = document.getElementById("job-log-rows");
    var delay = 1000;

    function poll() {
      fetch(url + "?after=" + count, {headers: {Accept: "application/json"}, credentials: "same-origin"})
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          delay = 1000;
          var atBottom = window.innerHeight + window.scrollY >= document.body.offsetHeight - 40;
          data.lines.forEach(function (line) { rows.appendChild(logRow(line)); });
          if (data.lines.length) {
            var empty = document.getElementById("job-log-empty");
            if (empty) empty.classList.add("d-none");
            if (atBottom) window.scrollTo(0, document.body.scrollHeight);
          }
          count = data.count;
          root.dataset.count = String(count);
          setStatus(data);
          if (data.final) {
            root.dataset.final = "true";
            if (data.output_html !== undefined) document.getElementById("job-output").innerHTML = data.output_html;
            var indicator = document.getElementById("job-live-indicator");
            if (indicator) indicator.textContent = "";
            var cancel = document.getElementById("cancel-form");
            if (cancel) cancel.remove();
            return;
          }
          setTimeout(poll, delay);
        })
        .catch(function () {
          delay = Math.min(delay * 2, 15000);  // server restarting or network gone: back off, keep trying
          setTimeout(poll, delay);
        });
    }
    if (root.dataset.final !== "true") setTimeout(poll, delay);
  }

  function scheduleFields(form) {
    var when = form.querySelector("select[name=_schedule_type]");
    if (!when) return;
    function show() {
      var value = when.value;
      var shown = {
        _schedule_name: value !== "immediately",
        _schedule_start_time: value !== "immediately" && value !== "custom",
        _schedule_crontab: value === "custom",
      };
      Object.keys(shown).forEach(function (name) {
        var row = document.getElementById("field-" + name);
        if (row) row.classList.toggle("d-none", !shown[name] && !row.querySelector(".field-error"));
      });
    }
    when.addEventListener("change", show);
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("job-result");
    if (root && root.dataset.liveUrl) follow(root);
    var form = document.getElementById("job-run-form");
    if (form) scheduleFields(form);
  });
})();
