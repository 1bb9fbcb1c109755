/* Runs in <head> before first paint: applies the reader's saved text size and contrast
   so the article does not jump. Client-side only; the HTML is the same for everyone. */
(function () {
  var root = document.documentElement;
  root.className = root.className.replace(/\bno-js\b/, "js");
  try {
    var step = parseInt(window.localStorage.getItem("portal.fontStep") || "0", 10);
    if (step) { root.setAttribute("data-font-step", String(step)); }
    if (window.localStorage.getItem("portal.contrast") === "high") { root.setAttribute("data-contrast", "high"); }
  } catch (e) { /* storage unavailable: defaults */ }
})();
