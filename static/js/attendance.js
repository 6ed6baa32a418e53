// The attendance list's filter box: shows only the people whose name or organisation
// holds what is typed. Without this script the box stays hidden and every name shows.
(function () {
  "use strict";
  var box = document.getElementById("attendance-filter");
  var status = document.getElementById("attendance-filter-status");
  if (!box || !status) {
    return;
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll(".attendance-row"));
  box.closest("[hidden]").hidden = false;
  box.addEventListener("input", function () {
    var query = box.value.trim().toLocaleLowerCase("nb");
    var shown = 0;
    rows.forEach(function (row) {
      var match = row.getAttribute("data-search").indexOf(query) !== -1;
      row.hidden = !match;
      shown += match ? 1 : 0;
    });
    status.textContent = query ? status.getAttribute("data-template").replace("{count}", shown) : "";
  });
})();
