/* Visitor statistics: one small POST per page view counts it (the server decides
   whether it is a new view, a reload, a bot…) and answers the live numbers, which
   replace the ones the (possibly cached) page was rendered with. Without JavaScript
   the rendered numbers stay. No cookie; nothing else is sent. */
(function () {
  "use strict";
  var script = document.currentScript;
  var endpoint = (script && script.getAttribute("data-endpoint")) || "/_stats/hit";

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

  function send() {
    if (!window.fetch || !window.JSON) { return; }
    var id = parseInt(document.body.getAttribute("data-page-id") || "", 10);
    var body = JSON.stringify(id > 0 ? { page: id } : {});
    fetch(endpoint, {
      method: "POST",
      keepalive: true,
      credentials: "omit",
      cache: "no-store",
      headers: { "Content-Type": "application/json" },
      body: body
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
