// Keyboard review of a teacher's drafts, as Anki users move through a browser:
// j/k move between the questions of the list, a publishes a draft, r removes a
// question (a draft, or one just published: a change of mind), e edits.
// Progressive enhancement: every action is also a plain button.
(function () {
  "use strict";
  let acted = null; // the id of the draft whose decision is on its way

  function typing(target) {
    return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable);
  }

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll("[data-draft-list] " + selector));
  }

  function waiting() { return all("[data-draft][data-waiting]"); }

  function current() {
    const el = document.activeElement;
    return el && el.closest ? el.closest("[data-draft-list] [data-draft]") : null;
  }

  function show(draft) {
    if (!draft) return;
    draft.focus({ preventScroll: true });
    draft.scrollIntoView({ block: "nearest" });
  }

  // The next draft still waiting after ``from`` in the list, else the one before it.
  function after(from) {
    const list = waiting();
    const next = list.find(function (d) { return from.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING; });
    return next || list[list.length - 1] || null;
  }

  document.addEventListener("keydown", function (event) {
    if (!document.querySelector("[data-draft-list]")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key;
    const here = current();
    if (typing(event.target)) {
      // Escape leaves an edit box for its draft, where the keys work again.
      if (key === "Escape" && here) { event.preventDefault(); show(here); }
      return;
    }
    if (key === "j" || key === "k") {
      event.preventDefault();
      const list = all("[data-draft]:not([data-removed])");
      if (!here) { show(key === "j" ? waiting()[0] || list[0] : list[list.length - 1]); return; }
      const i = list.indexOf(here);
      show(list[key === "j" ? Math.min(i + 1, list.length - 1) : Math.max(i - 1, 0)] || here);
    } else if ((key === "a" || key === "r") && here && !here.hasAttribute("data-removed")) {
      const button = here.querySelector('[data-draft-action="' + key + '"]');
      if (button && !button.disabled) {
        event.preventDefault();
        acted = here.id;
        button.click();
      }
    } else if (key === "e" && here) {
      const box = here.querySelector("[data-draft-edit]");
      if (box) { event.preventDefault(); box.focus(); }
    }
  });

  // A refused edit answers 400 with the draft and the reason: show it, as htmx
  // does not swap error responses by itself.
  document.addEventListener("htmx:beforeSwap", function (event) {
    const target = event.detail.target;
    if (event.detail.xhr.status === 400 && target && target.closest && target.closest("[data-draft-list], .drafts")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // The decided draft was swapped in place: move on to the next one waiting.
  document.addEventListener("htmx:afterSettle", function () {
    if (!acted) return;
    const done = document.getElementById(acted);
    acted = null;
    if (done) show(after(done) || done);
  });
})();
