/* A job's page (progress/templates/progress/job.html): asks the job's status every
   second and moves the progress bar; once the job is finished it loads the page again,
   which then offers the file or says what went wrong. Without JavaScript the page
   reloads itself (<noscript><meta http-equiv="refresh">) and has a link to do so. */
(function () {
  "use strict";

  var root = document.querySelector("[data-job-status-url]");
  if (!root || !window.fetch) {
    return;
  }
  var url = root.getAttribute("data-job-status-url");
  var bar = root.querySelector("progress");
  var text = root.querySelector("[data-job-text]");
  var spokenTenth = -1; // the live region speaks every tenth, not every second
  var INTERVAL = 1000;
  var AFTER_ERROR = 5000;

  text.setAttribute("role", "status");

  function show(data) {
    bar.value = data.percent;
    bar.textContent = data.percent + " %";
    var tenth = Math.floor(data.percent / 10);
    if (tenth !== spokenTenth) {
      spokenTenth = tenth;
      text.textContent = data.text;
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 404) {
          window.location.reload(); // expired or gone: the page says so
          return null;
        }
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (data === null) {
          return;
        }
        show(data);
        if (data.status === "done" || data.status === "failed") {
          window.location.reload();
          return;
        }
        window.setTimeout(poll, INTERVAL);
      })
      .catch(function () {
        window.setTimeout(poll, AFTER_ERROR);
      });
  }

  window.setTimeout(poll, INTERVAL);
})();
