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
