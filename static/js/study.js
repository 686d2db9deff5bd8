// Keyboard study for Recall. Progressive enhancement: every action here is
// also a plain button or link, so the study loop works without this file.
(function () {
  "use strict";

  function typing(target) {
    return target && (target.tagName === "INPUT" && target.type === "text" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
  }

  function click(selector) {
    const el = document.querySelector("#study " + selector);
    if (el && !el.disabled) { el.click(); return true; }
    return false;
  }

  function focusFirst(root) {
    const el = (root || document).querySelector("#study [autofocus]");
    if (el) el.focus({ preventScroll: false });
  }

  function renumber(list) {
    list.querySelectorAll("[data-order-item]").forEach(function (item, index) {
      const select = item.querySelector("select");
      if (select) select.value = String(index + 1);
    });
  }

  document.addEventListener("click", function (event) {
    const move = event.target.closest("[data-move]");
    if (!move) return;
    const item = move.closest("[data-order-item]");
    const list = item.parentElement;
    if (move.dataset.move === "-1" && item.previousElementSibling) {
      list.insertBefore(item, item.previousElementSibling);
    } else if (move.dataset.move === "1" && item.nextElementSibling) {
      list.insertBefore(item.nextElementSibling, item);
    }
    renumber(list);
    move.focus();
  });

  function undoKey(event) {
    // Alt+U by its physical key: on a Mac, Option+U types a dead key instead of "u".
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === "KeyU") return true;
    return (event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === "z";
  }

  function isChoice(target) {
    return target && target.closest && target.closest("[data-choice-key]");
  }

  document.addEventListener("keydown", function (event) {
    if (!document.getElementById("study")) return;
    const key = event.key;
    if (typing(event.target)) {
      // The answer box has focus by default, so the review keys must work from it:
      // Ctrl+Z undoes the review once there is no typing left to undo.
      if (undoKey(event) && (event.altKey || event.target.value === "")) {
        event.preventDefault();
        click("[data-undo-form] button");
      } else if (key === "Escape") {
        event.target.blur();
        const card = document.querySelector("#study .flashcard");
        if (card) card.focus({ preventScroll: true });
      }
      return; // Enter in the answer box submits its form natively
    }
    if (undoKey(event)) {
      event.preventDefault();
      click("[data-undo-form] button");
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (key === " " && isChoice(event.target)) {
      // Space on a focused option would choose it: Space reveals, only 1-4 or Enter choose.
      event.preventDefault();
      click("[data-reveal]");
    } else if (key === " " || key === "Enter") {
      if (event.target.tagName === "BUTTON" || event.target.tagName === "A") return; // native activation
      event.preventDefault();
      click("[data-suggested]") || click("[data-submit]") || click("[data-reveal]");
    } else if (/^[1-4]$/.test(key)) {
      event.preventDefault();
      click('[data-rating="' + key + '"]') || click('[data-choice-key="' + key + '"]');
    } else if (key === "u") {
      event.preventDefault();
      click("[data-undo-form] button");
    } else if (key === "e") {
      const link = document.querySelector("#study [data-source-link]");
      if (link) { event.preventDefault(); window.open(link.href, "_blank", "noopener"); }
    }
  });

  // A button fires its click on Space's keyup: stop that too on an option.
  document.addEventListener("keyup", function (event) {
    if (event.key === " " && document.getElementById("study") && isChoice(event.target)) {
      event.preventDefault();
    }
  });

  document.addEventListener("htmx:afterSettle", function () { focusFirst(); });
  document.addEventListener("DOMContentLoaded", function () { focusFirst(); });
})();
