// One page per creation form: a random token travels with every submission of the create
// form (autosave and the buttons alike); the server makes the second one an edit
// (portal/core/creation.py).
(function () {
  "use strict";
  function token() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); })
      .join("");
  }
  function addToken() {
    if (window.location.pathname.indexOf("/pages/add/") === -1) return;
    var form = document.getElementById("page-edit-form");
    if (!form || form.querySelector("input[name=portal_creation_token]")) return;
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = "portal_creation_token";
    input.value = token();
    form.appendChild(input);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addToken);
  } else {
    addToken();
  }
})();
