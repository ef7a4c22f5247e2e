/* The public site's small script: no third-party code, and every page works without it
   (progressive enhancement).

   - the phone menu: the "菜单" link (which opens the menu through :target without
     JavaScript) becomes a button with aria-expanded;
   - the accessibility and 适老化 tools (《互联网网站适老化通用设计规范》): 长者模式, 大字,
     高对比, 朗读全文 and 指读 (the browser's own speech synthesis, nothing from another
     host), 大鼠标, 十字线, 重置 — remembered across pages (localStorage);
   - 字号 大/中/小 on items, the print button;
   - the home page's picture carousel (W3C ARIA Authoring Practices, "Carousel"). */
(function () {
  var root = document.documentElement;
  var MODES = ["elder", "large-text", "high-contrast", "point-read", "big-cursor", "crosshair"];
  var speech = "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;

  function read(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: not remembered */ }
  }
  function isOn(mode) { return read("portal-" + mode) === "1"; }
  /* the few words this script writes, in the page's language (English pages: lang="en") */
  var ENGLISH = { "停止朗读": "Stop reading", "开始轮播": "Play slideshow", "暂停轮播": "Pause slideshow" };
  function word(text) { return root.getAttribute("lang") === "en" ? ENGLISH[text] || text : text; }
  function each(selector, fn, scope) {
    Array.prototype.forEach.call((scope || document).querySelectorAll(selector), fn);
  }

  /* ---- modes ---- */
  function applyModes() {
    MODES.forEach(function (mode) {
      var on = isOn(mode);
      root.classList.toggle(mode, on);
      each('[data-toggle-mode="' + mode + '"]', function (b) {
        b.setAttribute("aria-pressed", on ? "true" : "false");
      });
    });
    crosshair(isOn("crosshair"));
    if (!isOn("point-read") && speech && !reading) { window.speechSynthesis.cancel(); }
    document.dispatchEvent(new CustomEvent("portal:modes"));
  }

  /* ---- speech: the browser's own synthesis, a local voice where one exists ---- */
  var reading = false;
  function pickVoice(lang) {
    var voices = window.speechSynthesis.getVoices() || [];
    var local = voices.filter(function (v) { return v.localService; });
    var prefix = lang.slice(0, 2);
    return local.filter(function (v) { return (v.lang || "").toLowerCase().indexOf(prefix) === 0; })[0] ||
      null;
  }
  function chunks(text) {
    // long utterances stop half-way in some browsers: speak sentence by sentence
    var parts = text.replace(/\s+/g, " ").split(/(?<=[。！？；!?;])/);
    var out = [], current = "";
    parts.forEach(function (part) {
      if ((current + part).length > 180 && current) { out.push(current); current = ""; }
      current += part;
    });
    if (current.trim()) { out.push(current); }
    return out;
  }
  function speak(text, onend) {
    if (!speech || !text) { return; }
    var synth = window.speechSynthesis;
    var lang = root.getAttribute("lang") === "en" ? "en-US" : "zh-CN";
    var voice = pickVoice(lang);
    synth.cancel();
    var list = chunks(text);
    list.forEach(function (part, i) {
      var u = new SpeechSynthesisUtterance(part);
      u.lang = lang;
      u.rate = 0.9;
      if (voice) { u.voice = voice; }
      if (i === list.length - 1 && onend) { u.onend = onend; u.onerror = onend; }
      synth.speak(u);
    });
  }
  function pageText() {
    var main = document.getElementById("main");
    if (!main) { return ""; }
    var title = main.querySelector("h1");
    var body = main.querySelector(".article-body");
    if (body) { return (title ? title.innerText + "。" : "") + body.innerText; }
    return main.innerText;
  }

  /* ---- cross-hair: two guide lines following the pointer (and keyboard focus) ---- */
  var lines = null;
  function moveLines(x, y) {
    if (!lines) { return; }
    lines[0].style.transform = "translateY(" + Math.round(y) + "px)";
    lines[1].style.transform = "translateX(" + Math.round(x) + "px)";
  }
  function onPointer(event) { moveLines(event.clientX, event.clientY); }
  function onFocus(event) {
    var r = event.target.getBoundingClientRect && event.target.getBoundingClientRect();
    if (r) { moveLines(r.left + Math.min(r.width / 2, 40), r.top + r.height / 2); }
  }
  function crosshair(on) {
    if (on && !lines && document.body) {
      lines = ["crosshair-h", "crosshair-v"].map(function (name) {
        var line = document.createElement("div");
        line.className = "crosshair-line " + name;
        line.setAttribute("aria-hidden", "true");
        document.body.appendChild(line);
        return line;
      });
      moveLines(-10, -10);
      document.addEventListener("mousemove", onPointer, { passive: true });
      document.addEventListener("focusin", onFocus);
    } else if (!on && lines) {
      lines.forEach(function (line) { line.remove(); });
      lines = null;
      document.removeEventListener("mousemove", onPointer);
      document.removeEventListener("focusin", onFocus);
    }
  }

  function init() {
    applyModes();

    /* the phone menu and folded lists: without JavaScript a link to the part (shown by
       :target); with it, a button with aria-expanded */
    each("[data-disclosure]", disclosure);
    root.classList.add("js-disclosure");

    /* tools */
    each(".a11y-tools", function (tools) { tools.hidden = false; });
    if (speech) { each("[data-read-aloud], [data-toggle-mode='point-read']", function (b) { b.hidden = false; }); }
    each("[data-toggle-mode]", function (button) {
      button.addEventListener("click", function () {
        var key = "portal-" + button.getAttribute("data-toggle-mode");
        store(key, read(key) === "1" ? "0" : "1");
        applyModes();
      });
    });
    each("[data-read-aloud]", function (button) {
      var label = button.textContent;
      function done() {
        reading = false;
        button.setAttribute("aria-pressed", "false");
        button.textContent = label;
      }
      button.addEventListener("click", function () {
        if (reading) { window.speechSynthesis.cancel(); done(); return; }
        reading = true;
        button.setAttribute("aria-pressed", "true");
        button.textContent = word("停止朗读");
        speak(pageText(), done);
      });
    });
    each("[data-reset-modes]", function (button) {
      button.addEventListener("click", function () {
        MODES.concat(["font-size"]).forEach(function (mode) { store("portal-" + mode, mode === "font-size" ? "medium" : "0"); });
        if (speech) { window.speechSynthesis.cancel(); }
        applyModes();
        applySize();
      });
    });

    /* 指读: speak what the pointer rests on or what receives keyboard focus */
    var pointTimer = null;
    var READABLE = "a, button, h1, h2, h3, h4, p, li, td, th, label, figcaption, summary";
    function pointRead(target) {
      if (!isOn("point-read") || reading || !target || !target.closest) { return; }
      var element = target.closest(READABLE);
      if (!element) { return; }
      var text = (element.getAttribute("aria-label") || element.innerText || "").trim();
      if (text) { speak(text.slice(0, 300)); }
    }
    document.addEventListener("focusin", function (event) { pointRead(event.target); });
    document.addEventListener("mouseover", function (event) {
      clearTimeout(pointTimer);
      pointTimer = setTimeout(function () { pointRead(event.target); }, 350);
    });

    /* 字号 大/中/小 on items */
    var sizes = ["large", "medium", "small"];
    function applySize() {
      var size = read("portal-font-size") || "medium";
      sizes.forEach(function (s) { root.classList.toggle("fs-" + s, s === size && s !== "medium"); });
      each("[data-font-size]", function (b) {
        b.setAttribute("aria-pressed", b.getAttribute("data-font-size") === size ? "true" : "false");
      });
    }
    applySize();
    each("[data-font-size]", function (button) {
      button.addEventListener("click", function () {
        store("portal-font-size", button.getAttribute("data-font-size"));
        applySize();
      });
    });
    each("[data-print]", function (button) {
      button.addEventListener("click", function () { window.print(); });
    });

    each("[data-carousel]", carousel);
  }

  function disclosure(link) {
    var panel = document.getElementById(link.getAttribute("data-disclosure"));
    var owner = document.getElementById(link.getAttribute("href").slice(1)) || panel;
    if (!panel) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.textContent = link.textContent;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", panel.id);
    link.parentNode.replaceChild(button, link);
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      owner.classList.toggle("is-open", open);
      if (!open && location.hash === "#" + owner.id && history.replaceState) {
        history.replaceState(null, "", location.pathname + location.search);
      }
    }
    if (location.hash === "#" + owner.id) { setOpen(true); }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    owner.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  /* ---- carousel ---- */
  function carousel(box) {
    var slides = box.querySelectorAll(".carousel__slide");
    var n = slides.length;
    if (n < 2) { return; }
    var region = box.querySelector(".carousel__slides");
    var rotation = box.querySelector("[data-carousel-rotation]");
    var dots = box.querySelectorAll("[data-carousel-goto]");
    var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var current = 0, timer = null, hover = false, focus = false;
    // no automatic rotation for visitors who asked for less motion, nor in 长者模式
    var stopped = reduced || isOn("elder");
    box.classList.add("is-enhanced");
    each(".carousel__controls, .carousel__dots", function (el) { el.hidden = false; }, box);

    function show(index) {
      current = (index + n) % n;
      Array.prototype.forEach.call(slides, function (slide, i) { slide.hidden = i !== current; });
      Array.prototype.forEach.call(dots, function (dot, i) {
        dot.setAttribute("aria-current", i === current ? "true" : "false");
      });
      box.setAttribute("data-current", String(current));
    }
    function rotating() { return !stopped && !hover && !focus; }
    function schedule() {
      clearInterval(timer);
      timer = null;
      if (rotating()) {
        timer = setInterval(function () { show(current + 1); }, parseInt(box.getAttribute("data-interval"), 10) || 6000);
      }
      // announce slide changes only when the visitor makes them
      region.setAttribute("aria-live", rotating() ? "off" : "polite");
      rotation.textContent = word(stopped ? "开始轮播" : "暂停轮播");
    }
    rotation.addEventListener("click", function () { stopped = !stopped; schedule(); });
    box.querySelector("[data-carousel-prev]").addEventListener("click", function () { show(current - 1); });
    box.querySelector("[data-carousel-next]").addEventListener("click", function () { show(current + 1); });
    Array.prototype.forEach.call(dots, function (dot) {
      dot.addEventListener("click", function () { show(parseInt(dot.getAttribute("data-carousel-goto"), 10)); });
    });
    box.addEventListener("mouseenter", function () { hover = true; schedule(); });
    box.addEventListener("mouseleave", function () { hover = false; schedule(); });
    box.addEventListener("focusin", function () { focus = true; schedule(); });
    box.addEventListener("focusout", function (event) {
      if (!box.contains(event.relatedTarget)) { focus = false; schedule(); }
    });
    document.addEventListener("portal:modes", function () {
      if (isOn("elder") && !stopped) { stopped = true; schedule(); }
    });
    show(0);
    schedule();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
