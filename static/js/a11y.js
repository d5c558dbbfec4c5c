// Keyboard and screen readers (issue 27); behaviour behind data-* attributes, no inline scripts.
(function () {
  "use strict";

  // [data-announce] in new content is read out: copied into the page's live region (#a11y-live,
  // present from the start, so screen readers notice the change).
  function announce(root) {
    const region = document.getElementById("a11y-live");
    if (!region || !root || !root.querySelectorAll) return;
    const found = root.matches && root.matches("[data-announce]") ? [root] : [];
    root.querySelectorAll("[data-announce]").forEach(function (el) { found.push(el); });
    const text = found.map(function (el) { return el.textContent.trim(); }).join(" ");
    if (!text) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    announce(event.detail.elt && event.detail.elt.isConnected ? event.detail.elt : event.detail.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    // A page that came back with errors (no htmx): focus the first wrong field and say why.
    const wrong = document.querySelector("main [aria-invalid=true]");
    if (wrong) {
      wrong.focus();
      announce(wrong.closest("form") || document.body);
    }
  });

  // Escape closes: an open inline form ([data-escape-close], by its [data-escape-target] button),
  // else the phone menu (focus back on its toggler).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    const active = document.activeElement;
    const inline = active && active.closest ? active.closest("[data-escape-close]") : null;
    if (inline) {
      const cancel = inline.querySelector("[data-escape-target]");
      if (cancel) {
        event.preventDefault();
        cancel.click();
        return;
      }
    }
    const menu = document.querySelector(".navbar-collapse.show");
    if (menu && window.bootstrap && !document.querySelector(".dropdown-menu.show")) {
      window.bootstrap.Collapse.getOrCreateInstance(menu).hide();
      const toggler = document.querySelector('[data-bs-target="#' + menu.id + '"]');
      if (toggler) toggler.focus();
    }
  });

  // <button data-copy="#id">: copy the value (or text) of the element named.
  document.addEventListener("click", function (event) {
    const button = event.target.closest ? event.target.closest("[data-copy]") : null;
    if (!button) return;
    const source = document.querySelector(button.dataset.copy);
    if (!source) return;
    event.preventDefault(); // a link that copies: without JS it simply opens its href
    const text = source.value !== undefined ? source.value : source.textContent;
    const done = function () {
      const region = document.getElementById("a11y-live");
      if (region) region.textContent = button.dataset.copied || "Скопировано.";
      button.textContent = button.dataset.copied || "Скопировано.";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        if (source.select) source.select();
      });
    } else if (source.select) {
      source.select();
      document.execCommand("copy");
      done();
    }
  });

  // <div class="file-pick"><input type="file">…<span class="file-pick-name">: the chosen file's
  // name shown in Russian beside the labelled button (templates/partials/field.html).
  document.addEventListener("change", function (event) {
    const input = event.target;
    if (input.type !== "file" || !input.closest) return;
    const box = input.closest(".file-pick");
    const out = box ? box.querySelector(".file-pick-name") : null;
    if (out) {
      out.textContent = input.files && input.files.length
        ? Array.from(input.files).map(function (f) { return f.name; }).join(", ")
        : "Файл не выбран";
    }
  });
})();
