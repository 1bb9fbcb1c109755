/* The portal's small, plain script: keeps the header date right on cached pages. */
(function () {
  "use strict";
  var WEEKDAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

  function todayInHanoi() {
    // Parts of today's date in Asia/Ho_Chi_Minh, whatever the visitor's own time zone.
    var parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit", weekday: "short" })
      .formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    var weekdayIndex = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday);
    return { day: parts.day, month: parts.month, year: parts.year, weekday: weekdayIndex };
  }

  function dateLine(lang) {
    var t = todayInHanoi();
    var date = t.day + "/" + t.month + "/" + t.year;
    if (lang && lang.indexOf("en") === 0) { return WEEKDAYS_EN[t.weekday] + ", " + date; }
    var weekday = t.weekday === 0 ? "Chủ nhật" : "Thứ " + (t.weekday + 1);
    return weekday + ", Ngày " + date;
  }

  function updateDateLine() {
    var el = document.querySelector("[data-today]");
    if (!el || !window.Intl) { return; }
    try {
      var text = dateLine(el.getAttribute("data-lang"));
      if (el.textContent.trim() !== text) { el.textContent = text; }
    } catch (e) { /* keep the rendered date */ }
  }

  window.Portal = window.Portal || {};
  window.Portal.dateLine = dateLine;
  updateDateLine();
})();

/* Reading tools (templates/includes/reading_tools.html): text size, high contrast, print,
   save as a self-contained HTML file; and the copy-link button of the share links.
   The steps and the before-paint part live in static/js/early.js (window.PortalReading). */
(function () {
  "use strict";
  var R = window.PortalReading;
  var root = document.documentElement;

  function format(template, values) {
    return String(template || "").replace(/%\((\w+)\)s/g, function (m, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : m;
    });
  }

  function store(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); } else { window.localStorage.setItem(key, value); }
    } catch (e) { /* private mode or storage full: the choice lasts for this page only */ }
  }

  function percent(step) {
    return Math.round(R.scales[String(step)] * 100) + "%";
  }

  function announce(tools, message) {
    var status = tools.querySelector("[data-reading-status]");
    if (!status) { return; }
    // Clear first so the same message twice is announced twice; only the last one stays.
    status.textContent = "";
    window.clearTimeout(announce.timer);
    announce.timer = window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function allTools() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-reading-tools]"));
  }

  function refresh() {
    var step = R.currentStep();
    var contrast = R.contrastOn();
    allTools().forEach(function (tools) {
      var value = tools.querySelector("[data-font-value]");
      if (value) { value.textContent = percent(step); }
      Array.prototype.forEach.call(tools.querySelectorAll("[data-font-change]"), function (button) {
        var delta = parseInt(button.getAttribute("data-font-change"), 10);
        var atLimit = delta < 0 ? step <= R.min : step >= R.max;
        // aria-disabled, not disabled: a keyboard user pressing A+ repeatedly keeps focus.
        button.setAttribute("aria-disabled", atLimit ? "true" : "false");
      });
      var toggle = tools.querySelector("[data-contrast-toggle]");
      if (toggle) { toggle.setAttribute("aria-pressed", contrast ? "true" : "false"); }
    });
  }

  function setStep(tools, step) {
    var before = R.currentStep();
    step = R.applyStep(step);
    store(R.fontKey, step === 0 ? null : String(step));
    refresh();
    var key = "data-msg-size";
    if (step === 0) { key = "data-msg-size-default"; } else if (step === before && step === R.max) { key = "data-msg-size-max"; } else if (step === before && step === R.min) { key = "data-msg-size-min"; }
    announce(tools, format(tools.getAttribute(key), { value: percent(step) }));
  }

  function slug(text) {
    var s = String(text || "").normalize ? String(text).normalize("NFD") : String(text || "");
    s = s.replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
    s = s.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
    return s || "bai-viet";
  }

  function articleParts() {
    var body = document.querySelector("[data-article-body]");
    var article = (body && body.closest("article")) || document.querySelector("main") || document.body;
    var title = article.querySelector("h1") || document.querySelector("h1");
    var meta = article.querySelector(".article-meta");
    var attachments = Array.prototype.filter.call(
      article.querySelectorAll("[data-article-attachments], .attachments, .article-attachments"),
      function (el) { return !(body && body.contains(el)) && !el.parentElement.closest("[data-article-attachments], .attachments, .article-attachments"); }
    );
    // Document links outside the body that no attachment list holds (e.g. "Link xem: …").
    var looseLinks = Array.prototype.filter.call(article.querySelectorAll("a[href*='/documents/']"), function (a) {
      if (body && body.contains(a)) { return false; }
      return !attachments.some(function (list) { return list.contains(a); });
    });
    return { article: article, title: title, meta: meta, body: body, attachments: attachments, looseLinks: looseLinks };
  }

  var DROP = "script, style, noscript, template, button, form, input, select, textarea, [data-reading-tools], [data-save-exclude], .share";

  function cleanCopy(doc, el) {
    var copy = doc.importNode(el, true);
    Array.prototype.forEach.call(copy.querySelectorAll(DROP), function (node) { node.remove(); });
    // Embedded players do not work offline: keep a link to them instead.
    Array.prototype.forEach.call(copy.querySelectorAll("iframe, video, audio, object, embed"), function (node) {
      var src = node.getAttribute("src") || (node.querySelector("source") && node.querySelector("source").getAttribute("src"));
      var p = doc.createElement("p");
      if (src) {
        var a = doc.createElement("a");
        a.href = new URL(src, document.baseURI).href;
        a.textContent = node.getAttribute("title") || a.href;
        p.appendChild(a);
      }
      node.replaceWith(p);
    });
    Array.prototype.forEach.call(copy.querySelectorAll("[href]"), function (node) {
      var href = node.getAttribute("href");
      if (href && href.charAt(0) !== "#") {
        try { node.setAttribute("href", new URL(href, document.baseURI).href); } catch (e) { /* keep it */ }
      }
    });
    Array.prototype.forEach.call(copy.querySelectorAll("img"), function (img) {
      var src = img.getAttribute("src");
      if (src) { img.setAttribute("src", new URL(src, document.baseURI).href); }
      img.removeAttribute("srcset");
      img.removeAttribute("sizes");
      img.removeAttribute("loading");
    });
    Array.prototype.forEach.call(copy.querySelectorAll("*"), function (node) {
      Array.prototype.slice.call(node.attributes).forEach(function (attr) {
        if (/^on/i.test(attr.name) || attr.name === "style") { node.removeAttribute(attr.name); }
      });
    });
    return copy;
  }

  function inlineImages(doc) {
    // Same-origin images become data: URLs so the saved file is complete offline.
    var images = Array.prototype.slice.call(doc.querySelectorAll("img[src]"));
    if (!window.fetch || !window.FileReader) { return Promise.resolve(); }
    return Promise.all(images.map(function (img) {
      var src = img.getAttribute("src");
      if (src.indexOf(window.location.origin + "/") !== 0) { return null; }
      return window.fetch(src, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.blob() : null; })
        .then(function (blob) {
          if (!blob || blob.size > 5 * 1024 * 1024) { return null; }
          return new Promise(function (resolve) {
            var reader = new FileReader();
            reader.onload = function () { img.setAttribute("src", reader.result); resolve(); };
            reader.onerror = function () { resolve(); };
            reader.readAsDataURL(blob);
          });
        })
        .catch(function () { return null; });
    }));
  }

  var SAVED_CSS = [
    "body{margin:0;font:18px/1.6 'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;color:#1c1c1c;background:#fff}",
    "article{max-width:46rem;margin:0 auto;padding:1.5rem 1rem}",
    "h1{font-size:1.6rem;line-height:1.3;color:#7d0a17;margin:.5rem 0}",
    ".article-meta{color:#555;font-size:.9rem;display:flex;gap:1.25rem;flex-wrap:wrap}",
    ".article-meta time{white-space:pre}",
    "img,video{max-width:100%;height:auto}a{color:#0b4f8a}",
    "table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}",
    "blockquote{margin:1rem 0;padding-left:1rem;border-left:4px solid #a50e1f}",
    ".saved-source{font-size:.85rem;color:#555;border-bottom:1px solid #ddd;padding-bottom:.5rem;overflow-wrap:anywhere}",
    ".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}",
    "@media print{.saved-source a::after{content:''}}"
  ].join("\n");

  function buildSavedHtml(tools) {
    var parts = articleParts();
    var titleText = (parts.title ? parts.title.textContent : document.title).trim();
    var doc = document.implementation.createHTMLDocument(titleText);
    doc.documentElement.setAttribute("lang", root.getAttribute("lang") || "vi");
    var charset = doc.createElement("meta");
    charset.setAttribute("charset", "utf-8");
    doc.head.insertBefore(charset, doc.head.firstChild);
    var viewport = doc.createElement("meta");
    viewport.setAttribute("name", "viewport");
    viewport.setAttribute("content", "width=device-width, initial-scale=1");
    doc.head.appendChild(viewport);
    var style = doc.createElement("style");
    style.textContent = SAVED_CSS;
    doc.head.appendChild(style);

    var article = doc.createElement("article");
    doc.body.appendChild(article);
    var canonical = document.querySelector("link[rel='canonical']");
    var address = canonical ? canonical.href : window.location.href.split("#")[0];
    var source = doc.createElement("p");
    source.className = "saved-source";
    var agency = document.querySelector(".brand__name");
    source.appendChild(doc.createTextNode(tools.getAttribute("data-label-source") + ": " + (agency ? agency.textContent.trim() + " – " : "")));
    var link = doc.createElement("a");
    link.href = address;
    link.textContent = address;
    source.appendChild(link);
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    source.appendChild(doc.createTextNode(". " + tools.getAttribute("data-label-saved-at") + ": " +
      pad(now.getDate()) + "/" + pad(now.getMonth() + 1) + "/" + now.getFullYear() + " " + pad(now.getHours()) + ":" + pad(now.getMinutes()) + "."));
    article.appendChild(source);

    var h1 = doc.createElement("h1");
    h1.textContent = titleText;
    article.appendChild(h1);
    if (parts.meta) { article.appendChild(cleanCopy(doc, parts.meta)); }
    if (parts.body) { article.appendChild(cleanCopy(doc, parts.body)); }
    parts.attachments.forEach(function (el) { article.appendChild(cleanCopy(doc, el)); });
    if (parts.looseLinks.length) {
      var section = doc.createElement("section");
      var heading = doc.createElement("h2");
      heading.textContent = tools.getAttribute("data-label-attachments");
      section.appendChild(heading);
      var list = doc.createElement("ul");
      parts.looseLinks.forEach(function (a) {
        var li = doc.createElement("li");
        var copy = doc.createElement("a");
        copy.href = new URL(a.getAttribute("href"), document.baseURI).href;
        copy.textContent = a.textContent.trim() || copy.href;
        li.appendChild(copy);
        list.appendChild(li);
      });
      section.appendChild(list);
      article.appendChild(section);
    }
    return inlineImages(doc).then(function () {
      return { name: slug(titleText) + ".html", html: "<!DOCTYPE html>\n" + doc.documentElement.outerHTML + "\n" };
    });
  }

  function download(name, html) {
    var blob = new Blob([html], { type: "text/html;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function saveArticle(tools) {
    buildSavedHtml(tools).then(function (saved) {
      download(saved.name, saved.html);
      announce(tools, format(tools.getAttribute("data-msg-saved"), { name: saved.name }));
    }).catch(function () {
      announce(tools, tools.getAttribute("data-msg-save-failed"));
    });
  }

  function onToolsClick(event) {
    var tools = event.currentTarget;
    var button = event.target.closest("button");
    if (!button || !tools.contains(button)) { return; }
    if (button.hasAttribute("data-font-change")) {
      if (button.getAttribute("aria-disabled") === "true") {
        setStep(tools, R.currentStep());
      } else {
        setStep(tools, R.currentStep() + parseInt(button.getAttribute("data-font-change"), 10));
      }
    } else if (button.hasAttribute("data-font-reset")) {
      setStep(tools, 0);
    } else if (button.hasAttribute("data-contrast-toggle")) {
      var on = R.applyContrast(!R.contrastOn());
      store(R.contrastKey, on ? "high" : null);
      refresh();
      announce(tools, tools.getAttribute(on ? "data-msg-contrast-on" : "data-msg-contrast-off"));
    } else if (button.hasAttribute("data-print")) {
      window.print();
    } else if (button.hasAttribute("data-save-article")) {
      saveArticle(tools);
    }
  }

  function onCopyClick(event) {
    var button = event.currentTarget;
    var url = button.getAttribute("data-copy-link");
    var status = button.parentElement.querySelector("[data-copy-status]");
    function show(message, withUrl) {
      if (!status) { return; }
      status.textContent = message + (withUrl ? " " + url : "");
    }
    if (!navigator.clipboard || !navigator.clipboard.writeText) {
      show(button.getAttribute("data-msg-copy-failed"), true);
      return;
    }
    navigator.clipboard.writeText(url).then(function () {
      show(button.getAttribute("data-msg-copied"), false);
    }, function () {
      show(button.getAttribute("data-msg-copy-failed"), true);
    });
  }

  // A table wider than the screen scrolls sideways inside itself (portal.css); keyboard
  // users can only scroll it if it can take focus.
  function focusableWideTables() {
    Array.prototype.forEach.call(document.querySelectorAll("main table"), function (table) {
      if (table.scrollWidth > table.clientWidth + 1) {
        if (!table.hasAttribute("tabindex")) { table.setAttribute("tabindex", "0"); table.setAttribute("data-scrolls", ""); }
      } else if (table.hasAttribute("data-scrolls")) {
        table.removeAttribute("tabindex");
        table.removeAttribute("data-scrolls");
      }
    });
  }
  var resizeTimer;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(focusableWideTables, 150);
  });
  focusableWideTables();

  if (R) {
    allTools().forEach(function (tools) {
      tools.addEventListener("click", onToolsClick);
      tools.addEventListener("click", function () { window.setTimeout(focusableWideTables, 0); });
    });
    refresh();
    // Another tab changed the setting: follow it.
    window.addEventListener("storage", function (event) {
      if (event.key === R.fontKey) { R.applyStep(event.newValue || 0); refresh(); }
      if (event.key === R.contrastKey) { R.applyContrast(event.newValue === "high"); refresh(); }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy-link]"), function (button) {
    button.addEventListener("click", onCopyClick);
  });
})();

/* The main menu's "Menu" button on phones (templates/includes/main_menu.html): a
   disclosure button; Escape closes the open menu and gives the focus back to it. */
(function () {
  "use strict";
  var nav = document.querySelector("[data-main-nav]");
  var button = nav && nav.querySelector("[data-main-nav-toggle]");
  if (!button) { return; }

  function setOpen(open) {
    nav.classList.toggle("is-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  nav.addEventListener("keydown", function (event) {
    if ((event.key === "Escape" || event.key === "Esc") && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();

/* High contrast from the top bar of every page (templates/includes/header.html): once
   on, it can be switched off wherever it applies, not only on articles. Kept in step
   with the article's own Tương phản button. */
(function () {
  "use strict";
  var R = window.PortalReading;
  var button = document.querySelector("[data-site-contrast]");
  if (!R || !button) { return; }

  function sync() {
    var on = R.contrastOn() ? "true" : "false";
    document.querySelectorAll("[data-site-contrast], [data-contrast-toggle]").forEach(function (b) {
      b.setAttribute("aria-pressed", on);
    });
  }

  button.addEventListener("click", function () {
    var on = R.applyContrast(!R.contrastOn());
    try {
      if (on) { window.localStorage.setItem(R.contrastKey, "high"); } else { window.localStorage.removeItem(R.contrastKey); }
    } catch (e) { /* storage unavailable: this page only */ }
    sync();
  });
  document.addEventListener("click", function () { window.setTimeout(sync, 0); });
  window.addEventListener("storage", function () { window.setTimeout(sync, 0); });
  sync();
})();
