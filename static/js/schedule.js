/* Lịch công tác: the "print" button (hidden until this script shows it). */
(function () {
  "use strict";
  var button = document.querySelector("[data-schedule-print]");
  if (!button) { return; }
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
