// 郵便番号 → 住所: after htmx brings the lookup result (/Lookup?handler=Postal), fill the address input it names
// (data-fill-for) when that input is empty or still holds what was filled in before; when a 郵便番号 has several
// 町域, a click on one fills it. The filled value is an ordinary input event, so the unsaved-changes warning
// sees it. No inline script (CSP script-src 'self').
(function () {
  "use strict";

  function fill(id, value, onlyIfUntouched) {
    var input = document.getElementById(id);
    if (!input) {
      return;
    }

    if (onlyIfUntouched && input.value !== "" && input.value !== input.getAttribute("data-autofilled")) {
      return;
    }

    input.value = value;
    input.setAttribute("data-autofilled", value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !target.querySelectorAll) {
      return;
    }

    target.querySelectorAll("[data-fill-auto][data-fill-for]").forEach(function (hint) {
      fill(hint.getAttribute("data-fill-for"), hint.getAttribute("data-fill-value"), true);
    });
  });

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest("button[data-fill-for]") : null;
    if (button) {
      event.preventDefault();
      fill(button.getAttribute("data-fill-for"), button.getAttribute("data-fill-value"), false);
    }
  });
})();
