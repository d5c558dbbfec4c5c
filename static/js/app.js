// Behaviour that templates ask for with data-* attributes; no inline scripts (CSP, issue 13).
(function () {
  "use strict";

  // <form data-confirm="Удалить вопрос?">: ask before submitting.
  document.addEventListener("submit", function (event) {
    const form = event.target;
    const question = form.dataset ? form.dataset.confirm : undefined;
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    // <form data-action-template="/banks/mentors/0/edit/" data-action-field="staff">:
    // go to the page of the chosen object.
    const template = form.dataset ? form.dataset.actionTemplate : undefined;
    if (template) {
      const field = form.elements[form.dataset.actionField || "staff"];
      if (field && /^\d+$/.test(field.value)) {
        form.action = template.replace("/0/", "/" + field.value + "/");
      }
    }
  });

  // <input data-select-on-click>: select the whole value (a link to copy).
  document.addEventListener("click", function (event) {
    const input = event.target.closest ? event.target.closest("[data-select-on-click]") : null;
    if (input) input.select();
  });

  // <button data-print>: print the page.
  document.addEventListener("click", function (event) {
    const button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) {
      event.preventDefault();
      window.print();
    }
  });

  // <form data-kind-switch="kind">: show only the fields whose data-kinds name the chosen kind;
  // without JavaScript all fields are shown.
  function syncKinds(form, select) {
    form.querySelectorAll("[data-kinds]").forEach(function (el) {
      const kinds = el.dataset.kinds;
      el.hidden = kinds !== "" && !kinds.split(" ").includes(select.value);
    });
  }
  function initKindSwitches(root) {
    root.querySelectorAll("form[data-kind-switch]").forEach(function (form) {
      const select = form.elements[form.dataset.kindSwitch || "kind"];
      if (!select || form.dataset.kindSwitchReady) return;
      form.dataset.kindSwitchReady = "1";
      select.addEventListener("change", function () { syncKinds(form, select); });
      syncKinds(form, select);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { initKindSwitches(document); });
  document.addEventListener("htmx:load", function (event) { initKindSwitches(event.target); });
})();
