// Citation previews: hovering or focusing a citation marker shows its reference in place,
// like Wikipedia's reference previews. Event delegation keeps it working with instant navigation.
(function () {
  "use strict";
  var tip = null;
  var owner = null;

  function marker(node) {
    return node && node.closest ? node.closest(".claims-cite a") : null;
  }

  function hide() {
    if (tip) { tip.remove(); tip = null; }
    if (owner) { owner.removeAttribute("aria-describedby"); owner = null; }
  }

  function show(link) {
    if (owner === link) return;
    var reference = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    // Only the plugin's own reference list is previewed, never an element a contributor wrote.
    if (!reference || !reference.parentElement || !reference.parentElement.matches("ol.claims-references")) return;
    hide();
    var copy = reference.cloneNode(true);
    copy.querySelectorAll(".claims-backlink, .claims-ref__page").forEach(function (node) { node.remove(); });
    tip = document.createElement("div");
    tip.className = "claims-preview";
    tip.id = "claims-preview";
    tip.setAttribute("role", "tooltip");
    tip.textContent = copy.textContent.replace(/\s+/g, " ").trim();
    document.body.appendChild(tip);
    var box = link.getBoundingClientRect();
    var left = Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(window.scrollX + 8, left) + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
    tip.addEventListener("mouseleave", function (event) { if (!marker(event.relatedTarget)) hide(); });
    link.setAttribute("aria-describedby", tip.id);
    owner = link;
  }

  document.addEventListener("mouseover", function (event) {
    var link = marker(event.target);
    if (link) show(link);
  });
  document.addEventListener("mouseout", function (event) {
    var link = marker(event.target);
    if (link && !(tip && tip.contains(event.relatedTarget)) && marker(event.relatedTarget) !== link) hide();
  });
  document.addEventListener("focusin", function (event) {
    var link = marker(event.target);
    if (link) show(link); else hide();
  });
  document.addEventListener("focusout", function (event) {
    if (marker(event.target)) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  document.addEventListener("click", function (event) {
    if (!(tip && tip.contains(event.target))) hide();
  });
})();

// Contributors' ids carry the prefix `user-content-` (so they never clobber the theme's or the plugin's), as on
// GitHub: an address with the bare fragment (`format/#editor-support`) still reaches its heading.
(function () {
  "use strict";
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || document.getElementById(id)) return;
    var target = document.getElementById("user-content-" + id);
    if (target) target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(reveal);  // each instant navigation
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", reveal);
  else reveal();
})();

// "Copy link" on claim pages: shown only where this script runs, wired without inline handlers (CSP script-src 'self').
(function () {
  "use strict";

  function reveal() {
    document.querySelectorAll(".claims-share__copy[hidden]").forEach(function (node) { node.hidden = false; });
  }

  function fallbackCopy(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    field.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-claims-copy]") : null;
    if (!button) return;
    var url = button.getAttribute("data-claims-copy") || window.location.href.split("#")[0];
    var status = button.parentNode.querySelector(".claims-share__status");
    var copy = navigator.clipboard && window.isSecureContext
      ? navigator.clipboard.writeText(url).catch(function () { return fallbackCopy(url); })
      : fallbackCopy(url);
    copy.then(function () { if (status) status.textContent = "Link copied."; },
              function () { if (status) status.textContent = "Copy this address: " + url; });
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", reveal); else reveal();
  // mkdocs-material's instant navigation swaps pages without loading this script again.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(reveal);
})();

// mkdocs-material's navigation drawer, on screens too narrow for the sidebar (phones, or a desktop zoomed in):
// its menu button is a <label>, which the keyboard never reaches. A real button takes its place where this script
// runs (Enter or Space opens and closes the drawer, and says whether it is open; Escape closes it), and the
// keyboard goes into the drawer when it opens and stays there while it is open (Tab and Shift+Tab go round its
// links, as in a dialog: the page behind it is covered). claims.css takes the closed drawer out of the Tab order.
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  if (!toggle) return;

  function drawerButton() {
    return document.querySelector(".claims-drawer-button");
  }

  function setUp() {
    var label = document.querySelector(".md-header label.md-header__button[for='__drawer']");
    if (!label || drawerButton()) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon claims-drawer-button";
    button.setAttribute("aria-label", "Navigation");
    Array.prototype.forEach.call(label.childNodes, function (node) { button.appendChild(node.cloneNode(true)); });
    label.hidden = true;
    label.after(button);
    button.addEventListener("click", function () {
      toggle.click();  // the theme follows the box as when its label is pressed
      if (toggle.checked) {
        var first = document.querySelector(".md-sidebar--primary a[href]");
        if (first) first.focus();
      }
    });
    showState();
  }

  function showState() {
    var button = drawerButton();
    if (button) button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
  }

  function drawerOpen() {
    return toggle.checked && drawerButton() && drawerButton().offsetParent;  // the button hides on a desktop
  }

  // What the keyboard can reach in the open drawer: the links and controls in sight (a closed section's are not).
  function stops(drawer) {
    return Array.prototype.filter.call(
      drawer.querySelectorAll("a[href], button, input, select, textarea, [tabindex]"),
      function (element) {
        return element.tabIndex >= 0 && !element.disabled &&
          element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
      });
  }

  function keepInside(event) {
    var drawer = document.querySelector(".md-sidebar--primary");
    var inside = drawer ? stops(drawer) : [];
    if (!inside.length) return;
    var first = inside[0], last = inside[inside.length - 1], here = document.activeElement;
    if (!drawer.contains(here)) {
      (event.shiftKey ? last : first).focus();
    } else if (event.shiftKey && here === first) {
      last.focus();
    } else if (!event.shiftKey && here === last) {
      first.focus();
    } else {
      return;  // the browser moves to the next stop inside
    }
    event.preventDefault();
  }

  toggle.addEventListener("change", showState);
  document.addEventListener("keydown", function (event) {
    if (!drawerOpen()) return;
    if (event.key === "Tab") {
      keepInside(event);
    } else if (event.key === "Escape") {
      toggle.click();
      drawerButton().focus();
    }
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp); else setUp();
  // Instant navigation closes the drawer without a change event, and may draw the header anew.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { setUp(); showState(); });
  }
})();
