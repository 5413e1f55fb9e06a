// Review page, progressively enhanced: show the draft's evidence inside the source pane
// without scrolling the whole page away from the draft, and open another draft by
// clicking its passage. Without JavaScript the #ev-current anchor does the first job and
// the numbered notes under the text the second.
(function () {
  "use strict";
  var pane = document.querySelector(".review-source");
  var text = document.querySelector("[data-draft-base]");
  var current = document.getElementById("ev-current");
  if (!pane || !text) return;

  function showCurrent(fromAnchor) {
    if (!current || getComputedStyle(pane).position !== "sticky") return;
    // The anchor scrolled the page too; the draft's header belongs back in view.
    if (fromAnchor) window.scrollTo(0, 0);
    var offset = current.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    pane.scrollTop += offset - pane.clientHeight / 3;
  }
  if (location.hash === "#ev-current") {
    // The browser scrolls to the anchor as the page finishes loading; correct it after that.
    window.addEventListener("load", function () {
      setTimeout(function () { showCurrent(true); }, 0);
    });
  } else {
    showCurrent(false);
  }

  text.addEventListener("click", function (event) {
    if (event.target.closest("a")) return;
    var mark = event.target.closest("mark[data-evidence^='draft-']");
    if (!mark) return;
    var id = mark.getAttribute("data-evidence").slice("draft-".length);
    var base = text.getAttribute("data-draft-base");
    location.href = base.replace("00000000-0000-0000-0000-000000000000", id) + "#ev-current";
  });
})();
