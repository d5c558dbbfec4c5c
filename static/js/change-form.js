// Show only the fields of the chosen kind of change; without JavaScript all fields are shown.
(function () {
  const form = document.getElementById("change-form");
  if (!form) return;
  const kind = form.querySelector("[name=kind]");
  const sync = () => form.querySelectorAll("[data-kinds]").forEach((el) => {
    const kinds = el.dataset.kinds;
    el.hidden = kinds !== "" && !kinds.split(" ").includes(kind.value);
  });
  kind.addEventListener("change", sync);
  sync();
})();
