/* Accessibility modes (大字 / 高对比) remembered across pages, and the print button.
   No third-party code; works without it (progressive enhancement). */
(function () {
  var root = document.documentElement;
  var modes = ["large-text", "high-contrast"];
  function apply() {
    modes.forEach(function (mode) {
      var on = localStorage.getItem("portal-" + mode) === "1";
      root.classList.toggle(mode, on);
      document.querySelectorAll('[data-toggle-mode="' + mode + '"]').forEach(function (b) {
        b.setAttribute("aria-pressed", on ? "true" : "false");
      });
    });
  }
  try { apply(); } catch (e) {}
  document.addEventListener("DOMContentLoaded", function () {
    apply();
    document.querySelectorAll("[data-toggle-mode]").forEach(function (button) {
      button.addEventListener("click", function () {
        var key = "portal-" + button.getAttribute("data-toggle-mode");
        localStorage.setItem(key, localStorage.getItem(key) === "1" ? "0" : "1");
        apply();
      });
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
