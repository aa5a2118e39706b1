// The interview's age box: its largest value follows the unit chosen (QA F9-17:
// 120 whatever the unit refused "200 days"). A file of its own (no inline script),
// so the Content-Security-Policy stays script-src 'self'. Without JavaScript the
// box has no largest value and the server checks the age in its unit.
(function () {
  "use strict";
  var box = document.getElementById("answer-age");
  var unit = document.getElementById("unit");
  if (!box || !unit) {
    return;
  }
  function follow() {
    var chosen = unit.options[unit.selectedIndex];
    var max = chosen ? chosen.getAttribute("data-max") : null;
    if (max) {
      box.setAttribute("max", max);
    } else {
      box.removeAttribute("max");
    }
  }
  unit.addEventListener("change", follow);
  follow();
})();
