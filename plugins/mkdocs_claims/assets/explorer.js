// The explorer (search/): a form whose fields are the address's query string (?q=…&speaker=…&year=…), run on
// Pagefind's index, which the site serves in small chunks. Every value from the index (titles, names, excerpts)
// reaches the page as text, never as HTML. Runs on every page load and after each instant navigation.
(function () {
  "use strict";
  var PAGE = 10; // results shown at a time
  var LABELS = { kind: "Type", speaker: "Speaker", topic: "Topic", verdict: "Verdict", year: "Year" };
  var loading = null;

  function pagefind(root) {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return module.options({ baseUrl: new URL(root).pathname, excerptLength: 24 }).then(function () {
          return module.init();
        }).then(function () { return module; });
      });
    }
    return loading;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Pagefind's excerpt marks the matched words with <mark>: parsed in an inert document, only text and marks kept.
  function excerpt(html) {
    var paragraph = element("p", "claims-explorer__excerpt");
    var parsed = new DOMParser().parseFromString(html || "", "text/html");
    parsed.body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") paragraph.appendChild(element("mark", "", node.textContent));
      else paragraph.appendChild(document.createTextNode(node.textContent));
    });
    return paragraph;
  }

  // Filter values hold full-width look-alikes of `"`, `\` and `&` (search_index.py): shown as typed.
  var TYPED = { "\uff02": "\"", "\uff3c": "\\", "\uff06": "&" };
  var LOOK_ALIKE = { "\"": "\uff02", "\\": "\uff3c", "&": "\uff06" };
  function shown(value) { return value.replace(/[\uff02\uff3c\uff06]/g, function (c) { return TYPED[c]; }); }
  function indexed(value) {
    return value.replace(/\s+/g, " ").trim().replace(/["\\&]/g, function (c) { return LOOK_ALIKE[c]; });
  }

  function sortedValues(name, counts) {
    var values = Object.keys(counts);
    if (name === "year") return values.sort().reverse();
    return values.sort(function (a, b) { return counts[b] - counts[a] || a.localeCompare(b); });
  }

  function Explorer(box) {
    this.box = box;
    this.root = new URL(box.dataset.root, location.href).href;
    this.form = box.querySelector("form");
    this.query = this.form.elements.q;
    this.facets = box.querySelector(".claims-explorer__facets");
    this.names = this.facets.dataset.filters.split(" ");
    this.status = box.querySelector(".claims-explorer__status");
    this.list = box.querySelector(".claims-explorer__results");
    this.more = box.querySelector(".claims-explorer__more");
    this.results = [];
    this.shown = 0;
    this.token = 0;
    this.timer = 0;
  }

  Explorer.prototype.start = function () {
    var self = this;
    var params = new URLSearchParams(location.search);
    // What the address holds; a reader may have typed already, while the page was arriving.
    if (params.has("q")) this.query.value = params.get("q");
    if (params.has("sort")) this.form.elements.sort.value = params.get("sort");
    this.form.addEventListener("submit", function (event) { event.preventDefault(); self.run(); });
    this.form.addEventListener("input", function (event) {
      clearTimeout(self.timer);
      if (event.target === self.query) self.timer = setTimeout(function () { self.run(); }, 200);
      else self.run();
    });
    this.box.querySelector(".claims-explorer__clear").addEventListener("click", function (event) {
      event.preventDefault();
      self.query.value = "";
      self.form.elements.sort.value = "";
      self.facets.querySelectorAll("input:checked").forEach(function (input) { input.checked = false; });
      self.run();
      self.query.focus();
    });
    this.more.addEventListener("click", function () { self.showMore(true); });
    if (!this.query.value) this.query.focus();
    this.status.textContent = "Loading the search index…";
    pagefind(this.root).then(function (module) {
      self.module = module;
      return module.filters();
    }).then(function (filters) {
      self.drawFacets(filters, params);
      self.run();
    }).catch(function (error) {
      self.status.textContent = "The search could not load: " + error;
    });
  };

  Explorer.prototype.drawFacets = function (filters, params) {
    var self = this;
    var wide = window.matchMedia("(min-width: 45em)").matches;
    this.facets.textContent = "";
    this.counts = {};
    this.names.forEach(function (name) {
      var counts = filters[name] || {};
      var wanted = params.getAll(name).map(indexed);
      wanted.forEach(function (value) { if (!(value in counts)) counts[value] = 0; });
      var values = sortedValues(name, counts);
      if (!values.length) return;
      var details = element("details", "claims-explorer__facet");
      // Open where something is chosen; short lists open too, except on a phone, where the results come first.
      details.open = wanted.length > 0 || (values.length <= 6 && wide);
      details.appendChild(element("summary", "", LABELS[name] || name));
      var fieldset = element("fieldset");
      fieldset.appendChild(element("legend", "claims-explorer__legend", LABELS[name] || name));
      self.counts[name] = {};
      values.forEach(function (value, index) {
        var id = "claims-facet-" + name + "-" + index;
        var input = element("input");
        input.type = "checkbox";
        input.name = name;
        input.value = value;
        input.id = id;
        input.checked = wanted.indexOf(value) >= 0;
        var label = element("label", "claims-explorer__option");
        label.htmlFor = id;
        label.appendChild(input);
        label.appendChild(element("span", "claims-explorer__value", shown(value)));
        var count = element("span", "claims-explorer__count", String(counts[value]));
        label.appendChild(count);
        self.counts[name][value] = count;
        fieldset.appendChild(label);
      });
      details.appendChild(fieldset);
      self.facets.appendChild(details);
    });
  };

  Explorer.prototype.state = function () {
    var data = new FormData(this.form);
    var filters = {};
    this.names.forEach(function (name) {
      var values = data.getAll(name);
      if (values.length) filters[name] = { any: values };
    });
    return { q: (data.get("q") || "").trim(), sort: data.get("sort") || "", filters: filters };
  };

  // The address holds the form, so a search or a filtered list can be bookmarked and shared.
  Explorer.prototype.remember = function () {
    var params = new URLSearchParams();
    new FormData(this.form).forEach(function (value, name) { if (value) params.append(name, value); });
    var search = params.toString();
    history.replaceState(history.state, "", location.pathname + (search ? "?" + search : ""));
  };

  Explorer.prototype.run = function () {
    var self = this;
    var token = ++this.token;
    var state = this.state();
    this.remember();
    if (!this.module) return;
    this.list.textContent = "";
    this.more.hidden = true;
    if (!state.q && !Object.keys(state.filters).length) {
      this.results = [];
      this.status.textContent = "Type a few words, or choose a filter.";
      return;
    }
    // Without words to rank by, a filtered list shows the newest claims first.
    var order = state.sort || (state.q ? "" : "newest");
    var options = { filters: state.filters };
    if (order) options.sort = { date: order === "oldest" ? "asc" : "desc" };
    this.module.search(state.q || null, options).then(function (search) {
      if (token !== self.token) return;
      self.results = search.results;
      self.shown = 0;
      self.updateCounts(search.filters || {});
      var count = search.results.length;
      self.status.textContent = count === 0 ? "No results." : count === 1 ? "1 result." : count + " results.";
      return self.showMore(false);
    });
  };

  Explorer.prototype.updateCounts = function (counts) {
    var self = this;
    Object.keys(this.counts || {}).forEach(function (name) {
      Object.keys(self.counts[name]).forEach(function (value) {
        self.counts[name][value].textContent = String((counts[name] || {})[value] || 0);
      });
    });
  };

  Explorer.prototype.showMore = function (focus) {
    var self = this;
    var token = this.token;
    var slice = this.results.slice(this.shown, this.shown + PAGE);
    this.shown += slice.length;
    return Promise.all(slice.map(function (result) { return result.data(); })).then(function (pages) {
      if (token !== self.token) return;
      var first = null;
      pages.forEach(function (page) {
        var item = self.item(page);
        first = first || item.querySelector("a");
        self.list.appendChild(item);
      });
      self.more.hidden = self.shown >= self.results.length;
      if (focus && first) first.focus();  // the keyboard lands on the first new result
    });
  };

  Explorer.prototype.item = function (page) {
    var meta = page.meta || {};
    var item = element("li", "claims-explorer__result");
    var link = element("a", "claims-explorer__title", meta.title || page.url);
    link.href = page.url;
    item.appendChild(link);
    var facts = element("p", "claims-explorer__facts");
    var kind = (page.filters.kind || [])[0] || "";
    if (meta.speaker) facts.appendChild(element("span", "claims-explorer__speaker", meta.speaker));
    if (meta.date) {
      var time = element("time", "claims-explorer__date", meta.when || meta.date);
      time.dateTime = meta.date;
      facts.appendChild(time);
    }
    if (meta.verdict) facts.appendChild(element("span", "claims-explorer__verdict", meta.verdict));
    if (kind && kind !== "Claim") facts.appendChild(element("span", "claims-explorer__kind", kind));
    item.appendChild(facts);
    item.appendChild(excerpt(page.excerpt));
    return item;
  };

  function start() {
    var box = document.getElementById("claims-explorer");
    if (box && !box.dataset.started) {
      box.dataset.started = "true";
      new Explorer(box).start();
    }
  }

  // mkdocs-material's instant navigation swaps pages without reloading: `document$` announces each one.
  if (typeof window.document$ !== "undefined") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
