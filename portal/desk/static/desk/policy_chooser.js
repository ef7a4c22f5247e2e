// Policy chooser (portal/desk/chooser.py): search policy documents by title or 文号 and add
// the chosen one to the interpretation's linked documents.
(function () {
  "use strict";

  function setUp(root) {
    var input = root.querySelector("[data-search]");
    var results = root.querySelector("[data-results]");
    var chosen = root.querySelector("[data-chosen]");
    var name = root.getAttribute("data-name");
    var url = root.getAttribute("data-search-url");
    var timer = null;

    function isChosen(id) {
      return !!chosen.querySelector('input[value="' + id + '"]');
    }

    function add(id, text) {
      var none = chosen.querySelector("[data-none]");
      if (none) none.remove();
      if (isChosen(id)) return;
      var li = document.createElement("li");
      var labelEl = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = name;
      box.value = id;
      box.checked = true;
      labelEl.appendChild(box);
      labelEl.appendChild(document.createTextNode(" " + text));
      li.appendChild(labelEl);
      chosen.appendChild(li);
    }

    function show(items) {
      results.textContent = "";
      if (!items.length) {
        var empty = document.createElement("li");
        empty.textContent = "没有找到符合条件的政策文件。";
        results.appendChild(empty);
        return;
      }
      items.forEach(function (item) {
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button-small button-secondary";
        button.textContent = "选择";
        button.addEventListener("click", function () {
          add(item.id, item.label);
          results.textContent = "";
          input.value = "";
        });
        li.appendChild(document.createTextNode(item.label + " "));
        li.appendChild(button);
        results.appendChild(li);
      });
    }

    function search() {
      var q = input.value.trim();
      if (!q) {
        results.textContent = "";
        return;
      }
      fetch(url + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) { show(data.results || []); })
        .catch(function () { results.textContent = "查找失败，请稍后重试。"; });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // do not submit the page form
        clearTimeout(timer);
        search();
      }
    });
  }

  function init() {
    document.querySelectorAll("[data-desk-policy-chooser]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
