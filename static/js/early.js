/* Runs in <head> before first paint: applies the reader's saved text size and contrast
   so the article does not jump. Client-side only; the HTML is the same for everyone.

   This file is the one place that defines the text-size steps; static/js/portal.js
   (the buttons) uses window.PortalReading. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.className = root.className.replace(/\bno-js\b/, "js");

  // Step -> scale of the article text (1 = the default 17 px body text).
  var SCALES = { "-2": 0.8, "-1": 0.9, "0": 1, "1": 1.15, "2": 1.3, "3": 1.5, "4": 1.75, "5": 2 };
  var MIN = -2;
  var MAX = 5;
  var FONT_KEY = "portal.fontStep";
  var CONTRAST_KEY = "portal.contrast";

  function clamp(step) {
    step = parseInt(step, 10);
    if (isNaN(step)) { return 0; }
    return Math.max(MIN, Math.min(MAX, step));
  }

  function applyStep(step) {
    step = clamp(step);
    if (step === 0) {
      root.removeAttribute("data-font-step");
      root.style.removeProperty("--article-scale");
    } else {
      root.setAttribute("data-font-step", String(step));
      // CSSOM, not a style attribute: allowed under a strict Content-Security-Policy.
      root.style.setProperty("--article-scale", String(SCALES[String(step)]));
    }
    return step;
  }

  function applyContrast(on) {
    if (on) { root.setAttribute("data-contrast", "high"); } else { root.removeAttribute("data-contrast"); }
    return !!on;
  }

  function read(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  window.PortalReading = {
    min: MIN,
    max: MAX,
    scales: SCALES,
    fontKey: FONT_KEY,
    contrastKey: CONTRAST_KEY,
    clamp: clamp,
    applyStep: applyStep,
    applyContrast: applyContrast,
    read: read,
    currentStep: function () { return clamp(root.getAttribute("data-font-step") || 0); },
    contrastOn: function () { return root.getAttribute("data-contrast") === "high"; }
  };

  applyStep(read(FONT_KEY) || 0);
  applyContrast(read(CONTRAST_KEY) === "high");
})();
