/* Visitor statistics: one small POST per page view counts it (the server decides
   whether it is a new view, a reload, a bot…) and answers the live numbers, which
   replace the ones the (possibly cached) page was rendered with. Without JavaScript
   the rendered numbers stay.

   A visitor is this browser: a random id (128 bits, no meaning) kept in the site's own
   localStorage and sent with each beacon, so that two people behind one address are
   two visitors and a reload is not a new view. No cookie. Where storage is refused the
   beacon goes without an id and the server tells visitors apart as before. A browser
   driven by automation (navigator.webdriver) says so and is not counted. */
(function () {
  "use strict";
  var script = document.currentScript;
  var endpoint = (script && script.getAttribute("data-endpoint")) || "/_stats/hit";
  var KEY = "portal-stats-id";

  function format(n) {
    var lang = document.documentElement.lang || "vi";
    var sep = lang.indexOf("en") === 0 ? "," : ".";
    return String(Math.max(0, Math.floor(n))).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }

  function put(selector, value) {
    if (typeof value !== "number") { return; }
    var nodes = document.querySelectorAll(selector);
    for (var i = 0; i < nodes.length; i++) { nodes[i].textContent = format(value); }
  }

  function show(data) {
    put("[data-views]", data.views);
    put("[data-stats-online]", data.online);
    put("[data-stats-total]", data.total);
  }

  function newId() {
    var bytes = new Uint8Array(16);
    var c = window.crypto || window.msCrypto;
    if (c && c.getRandomValues) {
      c.getRandomValues(bytes);
    } else {
      for (var i = 0; i < 16; i++) { bytes[i] = Math.floor(Math.random() * 256); }
    }
    var hex = "";
    for (var j = 0; j < 16; j++) { hex += (bytes[j] < 16 ? "0" : "") + bytes[j].toString(16); }
    return hex;
  }

  function browserId() {
    try {
      var id = window.localStorage.getItem(KEY);
      if (!/^[0-9a-f]{32}$/.test(id || "")) {
        id = newId();
        window.localStorage.setItem(KEY, id);
        if (window.localStorage.getItem(KEY) !== id) { return null; }
      }
      return id;
    } catch (e) {
      return null; // storage refused (privacy settings): counted without an id
    }
  }

  function send() {
    if (!window.fetch || !window.JSON) { return; }
    var page = parseInt(document.body.getAttribute("data-page-id") || "", 10);
    if (!(page > 0)) { return; } // only pages count
    var data = { page: page };
    var id = browserId();
    if (id) { data.id = id; }
    if (navigator.webdriver) { data.wd = true; }
    fetch(endpoint, {
      method: "POST",
      keepalive: true,
      credentials: "omit",
      cache: "no-store",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(data)
    }).then(function (response) {
      return response.status === 200 ? response.json() : null;
    }).then(function (data) {
      if (data) { show(data); }
    }).catch(function () { /* keep the rendered numbers */ });
  }

  // A page prerendered by the browser is counted only when the visitor sees it.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
}());
