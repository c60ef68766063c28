/* The portal's small behaviours, none needed to read a page: the reading modes (large text,
   high contrast), the article's font size and print buttons, and hiding an emergency notice
   whose time has passed on a page kept by a cache. Controls are rendered hidden and shown
   here, so without JavaScript nothing is offered that would not work. */
(function () {
  var MODES = ["large-text", "high-contrast"];
  var root = document.documentElement;

  function saveModes() {
    var on = MODES.filter(function (mode) { return root.classList.contains(mode); });
    try { window.localStorage.setItem("portal-modes", on.join(" ")); } catch (e) { /* ignore */ }
  }

  function show(control) { control.hidden = false; }

  document.querySelectorAll("[data-mode-toggle]").forEach(function (button) {
    var mode = button.getAttribute("data-mode-toggle");
    button.setAttribute("aria-pressed", root.classList.contains(mode) ? "true" : "false");
    button.addEventListener("click", function () {
      var on = root.classList.toggle(mode);
      button.setAttribute("aria-pressed", on ? "true" : "false");
      saveModes();
    });
    show(button.closest("[hidden]") || button);
  });

  document.querySelectorAll("[data-font-size]").forEach(function (button) {
    var target = document.querySelector(button.getAttribute("data-target") || "main article");
    button.addEventListener("click", function () {
      if (!target) { return; }
      ["font-small", "font-medium", "font-large"].forEach(function (name) {
        target.classList.remove(name);
      });
      target.classList.add("font-" + button.getAttribute("data-font-size"));
      document.querySelectorAll("[data-font-size]").forEach(function (other) {
        other.setAttribute("aria-pressed", other === button ? "true" : "false");
      });
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  document.querySelectorAll(".article-tools[hidden]").forEach(show);

  var now = Date.now();
  document.querySelectorAll("[data-ends-at]").forEach(function (notice) {
    if (Date.parse(notice.getAttribute("data-ends-at")) <= now) { notice.remove(); }
  });
})();
