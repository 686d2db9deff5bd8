// The deck builder swaps its list after each move: put keyboard focus back on
// the moved question's button, so ↑ ↑ ↑ keeps moving the same question.
(function () {
  "use strict";
  let focused = null;

  document.addEventListener("htmx:beforeSwap", function (event) {
    const active = document.activeElement;
    focused = event.detail.target.id === "entries" && active && active.dataset.focusKey
      ? { entry: active.dataset.entry, action: active.dataset.focusKey }
      : null;
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!focused) return;
    const list = document.getElementById("entries");
    const buttons = list ? list.querySelectorAll('[data-entry="' + focused.entry + '"]') : [];
    const same = Array.prototype.find.call(buttons, function (b) { return b.dataset.focusKey === focused.action && !b.disabled; });
    // At the top or bottom the pressed arrow is disabled: the other one is the next move.
    const other = Array.prototype.find.call(buttons, function (b) { return !b.disabled; });
    const target = same || other || document.getElementById("in-deck");
    if (target) target.focus();
    focused = null;
  });
})();
