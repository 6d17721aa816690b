/*
 * Wide tables scroll sideways inside .nl-table-wrap and .nl-table-scroll (on a phone almost every table
 * does). A region that actually overflows becomes focusable and labelled (by its table's caption or
 * label), so that keyboard users can scroll it too (WCAG 2.1.1; axe "scrollable-region-focusable").
 * Regions the server already marked (tabindex in the HTML) are left alone; what this script added is
 * taken away again when the region no longer overflows (a wider window).
 */
(function () {
  "use strict";

  var SELECTOR = ".nl-table-wrap, .nl-table-scroll";

  function tableLabel(wrap) {
    var table = wrap.querySelector("table");
    if (!table) return "Tabel";
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    if (table.getAttribute("aria-label")) return table.getAttribute("aria-label");
    var ids = (table.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    var text = ids
      .map(function (id) {
        var el = document.getElementById(id);
        return el ? el.textContent.trim() : "";
      })
      .filter(Boolean)
      .join(" ");
    return text || "Tabel";
  }

  function mark(root) {
    (root || document).querySelectorAll(SELECTOR).forEach(function (wrap) {
      if (wrap.hasAttribute("tabindex") && !wrap.dataset.nlScroll) return; // marked by the server
      var overflows = wrap.scrollWidth > wrap.clientWidth + 1;
      if (overflows && !wrap.dataset.nlScroll) {
        wrap.dataset.nlScroll = "1";
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", tableLabel(wrap) + " (horizontaal scrollbaar)");
      } else if (!overflows && wrap.dataset.nlScroll) {
        delete wrap.dataset.nlScroll;
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  var pending = null;
  function markSoon() {
    if (pending) window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      pending = null;
      mark(document);
    }, 150);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { mark(document); });
  } else {
    mark(document);
  }
  document.addEventListener("htmx:load", function () { mark(document); });
  window.addEventListener("resize", markSoon);
})();

/*
 * The menu on a small screen (under 48em, see theme.css): the navigation folds away behind the "Menu" button
 * (aria-expanded, aria-controls). The button is [hidden] in the HTML, so without this script the whole menu
 * stays visible. Escape closes the menu and puts the focus back on the button.
 */
(function () {
  "use strict";

  function setUp(nav) {
    var button = nav.querySelector(".nl-nav__toggle");
    var list = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!list || nav.dataset.nlMenu) return;
    nav.dataset.nlMenu = "1";
    nav.classList.add("nl-nav--js");
    button.hidden = false;
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
  }

  function setUpAll() {
    document.querySelectorAll(".nl-nav").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();

/*
 * The error summary above a form that came back with errors (includes/form_errors.html, the NL Design System
 * pattern): on load the focus goes to the first summary of the page and it scrolls into view, so that a screen
 * reader reads it and nobody has to look for the message. A link in it ("Label: melding") puts the focus on
 * its field, not only the scroll position.
 */
(function () {
  "use strict";

  function focusField(event) {
    var link = event.target.closest("a[data-nl-error-link]");
    if (!link) return;
    var id = decodeURIComponent((link.getAttribute("href") || "").slice(1));
    var field = id && document.getElementById(id);
    if (!field) return;
    event.preventDefault();
    var details = field.closest("details");
    if (details && !details.open) details.open = true;
    field.focus();
    field.scrollIntoView({ block: "center" });
  }

  function focusSummary() {
    var summary = document.querySelector("[data-nl-error-summary]");
    if (!summary) return;
    var details = summary.closest("details");
    if (details && !details.open) details.open = true;
    summary.focus({ preventScroll: true });
    summary.scrollIntoView({ block: "start" });
  }

  document.addEventListener("click", focusField);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();

/*
 * A part of a form that only matters for one choice, e.g. on the triage page "Wie voert het onderzoek uit?"
 * only for the route onderzoek: `data-nl-show-when="name=value"` hides it while another value of the radio
 * group `name` is checked. With nothing checked, or without JavaScript, it stays visible; the server ignores
 * what does not apply.
 */
(function () {
  "use strict";

  function update(root) {
    (root || document).querySelectorAll("[data-nl-show-when]").forEach(function (part) {
      var rule = part.getAttribute("data-nl-show-when").split("=");
      var form = part.closest("form") || document;
      var checked = form.querySelector('input[type="radio"][name="' + rule[0] + '"]:checked');
      part.hidden = Boolean(checked) && checked.value !== rule[1];
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches('input[type="radio"]')) update(document);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { update(document); });
  } else {
    update(document);
  }
})();
