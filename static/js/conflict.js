// «Взять мой вариант» on a save conflict: put this person's value back into the field.
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-conflict-field]");
  if (!button) return;
  // The conflict box stands just before its form: look in the plan row's editor or the page.
  const scope = button.closest("form, [data-testid=plan-row-form], main") || document;
  const input = scope.querySelector('[name="' + button.dataset.conflictField + '"]');
  if (!input) return;
  input.value = button.dataset.conflictValue;
  input.dispatchEvent(new Event("change", { bubbles: true }));
  input.focus();
});
