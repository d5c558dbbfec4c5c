// Small behaviours written as data attributes instead of inline handlers (a strict CSP forbids
// those): data-action-template on a form whose address depends on a chosen staff member,
// data-confirm on a form that asks before it is sent, data-select-on-click, data-print.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (form.dataset.actionTemplate && form.elements.staff) {
      form.action = form.dataset.actionTemplate.replace("/0/", "/" + form.elements.staff.value + "/");
    }
  });
  document.addEventListener("click", function (event) {
    const target = event.target;
    if (target.matches("[data-select-on-click]")) target.select();
    if (target.closest("[data-print]")) window.print();
  });
})();
