// Keyboard focus after an htmx swap (issue 14): when the swap removed the focused control (a row
// opened for editing, a row saved or cancelled), focus goes to the new content: a field marked
// aria-invalid (the first wrong one, issue 27), else one marked autofocus, else the control marked data-focus-return (the button that opens the row again),
// else the first field of a form, else the first control, else the content itself.
// A swap that leaves the focused control in place (a filter typed into) does not move focus.
(function () {
  "use strict";
  let targetId = null;
  const FIELD = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";
  const CONTROL = "button:not([disabled]), [href], " + FIELD;

  function focusLost() {
    const active = document.activeElement;
    return !active || active === document.body || !active.isConnected;
  }

  function firstOf(root, selector) {
    if (root.matches && root.matches(selector)) return root;
    return root.querySelector(selector);
  }

  function focusInside(root) {
    const el = firstOf(root, "[aria-invalid=true]") || firstOf(root, "[autofocus]") || firstOf(root, "[data-focus-return]")
      || firstOf(root, "form " + FIELD.split(", ").join(", form ")) || firstOf(root, CONTROL);
    if (el) {
      el.focus();
      return;
    }
    if (!root.hasAttribute("tabindex")) root.setAttribute("tabindex", "-1");
    root.focus();
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    targetId = event.detail.target && event.detail.target.id;
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (!focusLost()) return;
    const root = (targetId && document.getElementById(targetId)) || event.detail.target;
    targetId = null;
    if (root && root.isConnected) focusInside(root);
  });
})();
