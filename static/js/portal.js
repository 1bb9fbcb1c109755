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
