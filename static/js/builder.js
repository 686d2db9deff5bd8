// The deck builder swaps its list after each move: put keyboard focus back on
// the moved question's button, so ↑ ↑ ↑ keeps moving the same question.
(function () {
  "use strict";
  let focused = null;

  // Remember the button that sent the request, not whatever has focus when the
  // answer arrives: by then a slow response may have let the focus move.
  document.addEventListener("htmx:beforeRequest", function (event) {
    const button = event.detail.elt;
    if (button && button.dataset && button.dataset.focusKey) {
      focused = { entry: button.dataset.entry, action: button.dataset.focusKey };
    }
  });

  // Other swaps (the search results refresh after each move) may land between
  // a move's request and its answer: only the list's own swap uses the focus.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!focused || event.detail.target.id !== "entries") return;
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
