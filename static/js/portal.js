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
    // 字号 大/中/小 on items, remembered like the modes
    var sizes = ["large", "medium", "small"];
    function applySize() {
      var size = localStorage.getItem("portal-font-size") || "medium";
      sizes.forEach(function (s) { root.classList.toggle("fs-" + s, s === size && s !== "medium"); });
      document.querySelectorAll("[data-font-size]").forEach(function (b) {
        b.setAttribute("aria-pressed", b.getAttribute("data-font-size") === size ? "true" : "false");
      });
    }
    try { applySize(); } catch (e) {}
    document.querySelectorAll("[data-font-size]").forEach(function (button) {
      button.addEventListener("click", function () {
        localStorage.setItem("portal-font-size", button.getAttribute("data-font-size"));
        applySize();
      });
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
