// 未保存の変更の警告: a form marked data-unsaved-warning that has a changed field and was not submitted makes
// the browser ask before the page is left (beforeunload). Submitting the form (or a form loaded fresh) clears
// the mark. No inline script (CSP script-src 'self').
(function () {
  "use strict";
  var dirty = new Set();

  function watched(target) {
    var form = target && target.form;
    return form && form.hasAttribute("data-unsaved-warning") ? form : null;
  }

  function mark(event) {
    var form = watched(event.target);
    if (form) {
      dirty.add(form);
    }
  }

  document.addEventListener("input", mark, true);
  document.addEventListener("change", mark, true);
  document.addEventListener("submit", function (event) {
    dirty.delete(event.target);
  }, true);
  window.addEventListener("beforeunload", function (event) {
    var pending = false;
    dirty.forEach(function (form) {
      if (document.body.contains(form)) {
        pending = true;
      }
    });
    if (pending) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
