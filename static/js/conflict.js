// «Взять мой вариант» on a save conflict: put this person's value back into the field.
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-conflict-field]");
  if (!button) return;
  const scope = button.closest("form") || document;
  const input = scope.querySelector('[name="' + button.dataset.conflictField + '"]');
  if (!input) return;
  input.value = button.dataset.conflictValue;
  input.dispatchEvent(new Event("change", { bubbles: true }));
  input.focus();
});
