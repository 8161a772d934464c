// 償還払い入力: Enter inside a receipt row adds the next row (or moves to it) instead of submitting the
// form, so that staff enter receipts with the keyboard alone. No inline script (CSP script-src 'self').
(function () {
  "use strict";
  var body = document.getElementById("claim-rows");
  var form = document.getElementById("manual-claims");
  if (!body || !form) {
    return;
  }

  function renumber(row, index) {
    var n = index + 1;
    row.setAttribute("data-row", String(index));
    var cell = row.querySelector(".row-number");
    if (cell) {
      cell.textContent = String(n);
    }

    row.querySelectorAll("input, select").forEach(function (field) {
      field.name = field.name.replace(/^Lines\[\d+\]/, "Lines[" + index + "]");
      var label = field.getAttribute("aria-label");
      if (label) {
        field.setAttribute("aria-label", label.replace(/（\d+行目）$/, "（" + n + "行目）"));
      }
    });
  }

  function addRow() {
    var rows = body.querySelectorAll("tr.claim-row");
    var last = rows[rows.length - 1];
    var copy = last.cloneNode(true);
    copy.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
    copy.querySelectorAll("[aria-invalid], [aria-describedby]").forEach(function (field) {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
    });
    copy.querySelectorAll("input").forEach(function (field) {
      if (field.type === "checkbox") {
        field.checked = false;
      } else {
        field.value = "";
      }
    });
    copy.querySelectorAll("select").forEach(function (field) { field.selectedIndex = 0; });
    renumber(copy, rows.length);
    body.appendChild(copy);
    return copy;
  }

  body.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing) {
      return;
    }

    var row = event.target.closest("tr.claim-row");
    if (!row) {
      return;
    }

    event.preventDefault();
    var next = row.nextElementSibling || addRow();
    var first = next.querySelector("input");
    if (first) {
      first.focus();
    }
  });
}());
