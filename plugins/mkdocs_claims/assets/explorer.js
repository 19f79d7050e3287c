// The explorer (search/): a form whose fields are the address's query string (?q=…&speaker=…&year=…), run on
// Pagefind's index, which the site serves in small chunks. Every value from the index (titles, names, excerpts)
// reaches the page as text, never as HTML. Runs on every page load and after each instant navigation.
(function () {
  "use strict";
  var PAGE = 10; // results shown at a time
  var RETURN = "claims-explorer-return"; // this tab's storage: the result opened from a list (cameBack)
  var LABELS = { kind: "Type", speaker: "Speaker", topic: "Topic", verdict: "Verdict", year: "Year" };
  var loading = null;

  // Pagefind's module with the index's newest part. A large archive's index is built in parts of whole years
  // (search_index.py); claims-parts.json lists the archive's years, newest first, and the older parts with theirs.
  function pagefind(root) {
    if (!loading) {
      // On the page, without Pagefind's worker: its script is 12 KiB more to download before the first results,
      // for searches that take milliseconds.
      var options = { baseUrl: new URL(root).pathname, excerptLength: 24, noWorker: true };
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return module.options(options).then(function () {
          return module.init();
        }).then(function () {
          return fetch(new URL("pagefind/claims-parts.json", root).href).then(function (response) {
            return response.ok ? response.json() : { parts: [], years: [] };
          });
        }).then(function (found) { return new Index(module, root, options, found); });
      });
    }
    return loading;
  }

  // The index, whose older parts are merged only when a search reaches their years: every merged part answers
  // every word with a chunk of its own, so a reader of the newest claims downloads the newest part alone.
  function Index(module, root, options, found) {
    this.module = module;
    this.root = root;
    this.options = options;
    this.years = found.years || [];
    this.parts = (found.parts || []).map(function (part) {
      return { path: part.path, years: part.years, merged: false };
    });
    this.merging = Promise.resolve();
  }

  // Merges the parts that hold any of `years` (all of them when `years` is null), one after the other: Pagefind
  // lists a part before it has loaded it, so no search may run while a part is merging.
  Index.prototype.need = function (years) {
    var self = this;
    var attempts = [];
    this.parts.forEach(function (part) {
      var wanted = !years || part.years.some(function (year) { return years.indexOf(year) >= 0; });
      if (part.merged || !wanted) return;
      part.merged = true;
      var attempt = self.merging.then(function () {
        return self.module.mergeIndex(new URL("pagefind/" + part.path, self.root).pathname, self.options);
      });
      self.merging = attempt.catch(function () { part.merged = false; });  // asked for again next time
      attempts.push(attempt);
    });
    return Promise.all(attempts).then(function () { return self.merging; });
  };

  // Whether every part that holds any of `years` is merged already.
  Index.prototype.holds = function (years) {
    return this.parts.every(function (part) {
      return part.merged || !part.years.some(function (year) { return years.indexOf(year) >= 0; });
    });
  };

  // A search over the merged parts and those that hold `years` (the whole archive when `years` is null).
  Index.prototype.search = function (term, options, years) {
    var self = this;
    return this.need(years === undefined ? [] : years).then(function () {
      return self.module.search(term, options);
    });
  };

  // A list by date: its claims, newest or oldest first. The index holds no sort by date, which would cost every
  // search of a part 14 KB more: a claim's result id, the name of its fragment, is `<tag>.<rank>`, its rank in
  // the date order of its part in base 36, and any other page's `<tag>-<number>` (search_order.py). An index
  // whose pages kept Pagefind's names (a version whose files search_order.py does not know) kept its sort too,
  // which Pagefind applied: its results are in order already. Pagefind ignores a sort its index does not hold.
  var NAMED = /^[0-9a-f]+([.-])([0-9a-z]+)$/;
  function byDate(results, order) {
    if (!results.length || !NAMED.test(results[0].id)) return results;
    var ranked = results.map(function (result) {
      var name = NAMED.exec(result.id);
      return { result: result, rank: name && name[1] === "." ? parseInt(name[2], 36) : null };
    }).filter(function (item) { return item.rank !== null; });
    var sign = order === "oldest" ? 1 : -1;
    ranked.sort(function (a, b) { return sign * (a.rank - b.rank); });
    return ranked.map(function (item) { return item.result; });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A window on the page's text with the matched words marked, and "…" where the text goes on before or after
  // it. Pagefind's own excerpt is HTML made from the text with "<" and ">" escaped but not "&" (a title's
  // "&amp;" would show as "&"), so its window is found among the text's words and those are shown, as text.
  var SPACES = /[\r\n\s]+/g;  // how Pagefind splits a page's text into the words its locations count
  function excerpt(page) {
    var paragraph = element("p", "claims-explorer__excerpt");
    var words = (page.content || "").split(SPACES);
    var escaped = (page.raw_content || "").split(SPACES);  // the same words, "<" and ">" escaped
    var plain = page.plain_excerpt || "";  // Pagefind's window: its words, "<" and ">" escaped
    var length = plain.split(" ").length;
    var matched = (page.locations || []).filter(function (at) { return at >= 0 && at < words.length; });
    var start = words.length === escaped.length ? escaped.findIndex(function (word, at) {
      return escaped.slice(at, at + length).join(" ").trim() === plain;
    }) : -1;
    if (start < 0) start = Math.max(0, Math.min.apply(null, matched.concat([words.length])) - 4);
    var end = Math.min(words.length, start + length);
    if (start > 0) paragraph.appendChild(document.createTextNode("… "));
    for (var at = start; at < end; at++) {
      if (at > start) paragraph.appendChild(document.createTextNode(" "));
      paragraph.appendChild(matched.indexOf(at) >= 0 ? element("mark", "", words[at]) :
        document.createTextNode(words[at]));
    }
    if (end < words.length) paragraph.appendChild(document.createTextNode(" …"));
    paragraph.normalize();
    return paragraph;
  }

  // Filter values hold full-width look-alikes of `"`, `\` and `&` (search_index.py): shown as typed.
  var TYPED = { "\uff02": "\"", "\uff3c": "\\", "\uff06": "&" };
  var LOOK_ALIKE = { "\"": "\uff02", "\\": "\uff3c", "&": "\uff06" };
  function shown(value) { return value.replace(/[\uff02\uff3c\uff06]/g, function (c) { return TYPED[c]; }); }
  function indexed(value) {
    return value.replace(/\s+/g, " ").trim().replace(/["\\&]/g, function (c) { return LOOK_ALIKE[c]; });
  }

  // Years newest first, verdicts in the scale's order (best first, "Not rated" last), other values by the counts
  // shown (`counts`), then by their counts in the whole archive (`totals`).
  function sortedValues(name, counts, verdicts, totals) {
    var values = Object.keys(counts);
    if (name === "year") return values.sort().reverse();
    if (name === "verdict") {
      var place = function (value) { var at = verdicts.indexOf(value); return at < 0 ? verdicts.length : at; };
      return values.sort(function (a, b) { return place(a) - place(b) || a.localeCompare(b); });
    }
    return values.sort(function (a, b) {
      return counts[b] - counts[a] || (totals[b] || 0) - (totals[a] || 0) || a.localeCompare(b);
    });
  }

  function Explorer(box) {
    this.box = box;
    this.root = new URL(box.dataset.root, location.href).href;
    this.form = box.querySelector("form");
    this.query = this.form.elements.q;
    this.facets = box.querySelector(".claims-explorer__facets");
    this.names = this.facets.dataset.filters.split(" ");
    // The scale's [label, id] pairs, best first, then "Not rated" (no id): the facet's order, the results' badges.
    var scale = JSON.parse(this.facets.dataset.verdicts);
    this.verdicts = scale.map(function (step) { return indexed(step[0]); });
    this.badges = new Map(scale.map(function (step) { return [step[0], step[1]]; }));
    this.status = box.querySelector(".claims-explorer__status");
    this.list = box.querySelector(".claims-explorer__results");
    this.pages = box.querySelector(".claims-explorer__pages");
    this.more = box.querySelector(".claims-explorer__more");
    this.results = [];
    this.pending = [];  // years still to read, for a list in date order over an index in parts
    this.total = 0;
    this.shown = 0;
    this.token = 0;
    this.timer = 0;
  }

  Explorer.prototype.start = function () {
    var self = this;
    var params = new URLSearchParams(location.search);
    // What the address holds; a reader may have typed already, while the page was arriving.
    if (params.has("q")) this.query.value = params.get("q");
    if (params.has("sort")) this.form.elements.sort.value = params.get("sort") === "best" ? "best" :
      params.get("sort") === "oldest" ? "oldest" : "";  // newest first, also for the older `sort=newest`
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
    this.more.addEventListener("click", function () {
      if (self.fetching !== self.token) self.showMore(true);  // one request at a time
    });
    // An empty explorer waits for words; a list someone sent (filters in the address) is left to be read,
    // without a phone's keyboard opening over it.
    if (!this.query.value && !this.names.some(function (name) { return params.has(name); })) this.query.focus();
    // Back from a result: the list as long as it was, the keyboard on the result that was opened.
    this.returnTo = cameBack();
    this.status.textContent = "Loading the search index…";
    this.drawFacets(params);
    pagefind(this.root).then(function (index) {
      self.index = index;
      self.names.forEach(function (name) { if (self.facetOpen(name)) self.loadFacet(name); });
      self.run();
    }).catch(function (error) {
      self.status.textContent = "The search could not load: " + error;
    });
  };

  // One closed facet per filter, without its values: Pagefind keeps each filter's values in a file that grows with
  // the archive (tens of kilobytes at 25,000 claims), so a facet fetches its own only when a reader opens it. A
  // value the address chooses is a ticked box from the start, so a shared filtered list works on first load.
  Explorer.prototype.drawFacets = function (params) {
    var self = this;
    this.facets.textContent = "";
    this.options = {};
    this.totals = {};
    this.loads = {};
    this.names.forEach(function (name) {
      var details = element("details", "claims-explorer__facet");
      details.dataset.filter = name;
      details.appendChild(element("summary", "", LABELS[name] || name));
      var fieldset = element("fieldset");
      fieldset.appendChild(element("legend", "claims-explorer__legend", LABELS[name] || name));
      details.appendChild(fieldset);
      self.options[name] = {};
      params.getAll(name).map(indexed).forEach(function (value) {
        if (!self.options[name][value]) fieldset.appendChild(self.option(name, value, true));
      });
      details.open = Object.keys(self.options[name]).length > 0;
      details.addEventListener("toggle", function () { if (details.open) self.loadFacet(name); });
      self.facets.appendChild(details);
    });
  };

  Explorer.prototype.facet = function (name) {
    return this.facets.querySelector("details[data-filter='" + name + "']");
  };

  Explorer.prototype.facetOpen = function (name) { return this.facet(name).open; };

  Explorer.prototype.option = function (name, value, checked) {
    var input = element("input");
    input.type = "checkbox";
    input.name = name;
    input.value = value;
    input.id = "claims-facet-" + name + "-" + Object.keys(this.options[name]).length;
    input.checked = checked;
    var label = element("label", "claims-explorer__option");
    label.htmlFor = input.id;
    label.appendChild(input);
    label.appendChild(element("span", "claims-explorer__value", shown(value)));
    label.appendChild(element("span", "claims-explorer__count"));
    this.options[name][value] = label;
    return label;
  };

  // A facet's values and their counts over the whole archive, from a search that matches every page (`none` of no
  // value) but names the filter, which makes Pagefind fetch that filter's file and no other.
  Explorer.prototype.loadFacet = function (name) {
    var self = this;
    if (!this.index || this.loads[name]) return;
    var fieldset = this.facet(name).querySelector("fieldset");
    var waiting = element("p", "claims-explorer__loading", "Loading…");
    fieldset.appendChild(waiting);
    var filters = {};
    filters[name] = { none: [] };
    this.loads[name] = this.index.search(null, { filters: filters }, null).then(function (search) {
      var totals = (search.filters || {})[name] || {};
      Object.keys(self.options[name]).forEach(function (value) { if (!(value in totals)) totals[value] = 0; });
      self.totals[name] = totals;
      var values = sortedValues(name, totals, self.verdicts, totals);
      if (values.length) waiting.remove();
      else waiting.textContent = "None in this archive.";
      values.forEach(function (value) {
        fieldset.appendChild(self.options[name][value] || self.option(name, value, false));
      });
      return self.count();
    }).catch(function (error) {
      waiting.textContent = "The values could not load: " + error;
      delete self.loads[name];  // opening the facet again tries again
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

  // The result opened from this list and how many results it showed, when the reader comes back to it: from
  // the history entry, or from this tab's storage, since mkdocs-material may have replaced the entry's state
  // with its own. Both are shared with other scripts of the site: only a text and a finite number are read.
  function cameBack() {
    var back = history.state || {};
    if (typeof back.claimsOpened !== "string" || !back.claimsOpened) {
      var navigation = (performance.getEntriesByType && performance.getEntriesByType("navigation")[0]) || {};
      back = {};
      try {
        var kept = JSON.parse(sessionStorage.getItem(RETURN) || "null");
        if (navigation.type === "back_forward" && kept && kept.list === location.href) {
          back = { claimsOpened: kept.opened, claimsShown: kept.shown };
        }
      } catch (error) { /* storage off or unreadable: no way back to restore */ }
    }
    if (typeof back.claimsOpened !== "string" || !back.claimsOpened) return null;
    return { url: back.claimsOpened, shown: Number.isFinite(back.claimsShown) ? back.claimsShown : PAGE };
  }

  // The address holds the form, so a search or a filtered list can be bookmarked and shared.
  Explorer.prototype.remember = function () {
    var params = new URLSearchParams();
    new FormData(this.form).forEach(function (value, name) { if (value) params.append(name, value); });
    var search = params.toString();
    var state = Object.assign({}, history.state || {});
    delete state.claimsOpened;  // a result opened from an earlier list
    delete state.claimsShown;
    history.replaceState(state, "", location.pathname + (search ? "?" + search : ""));
  };

  Explorer.prototype.run = function () {
    var self = this;
    var token = ++this.token;
    var state = this.state();
    this.remember();
    if (!this.index) return;
    this.list.textContent = "";
    this.more.hidden = true;
    this.showPages([]);
    // Busy from the words' search to its results: what is listed meanwhile belongs to no query.
    this.list.setAttribute("aria-busy", "true");
    if (!state.q && !Object.keys(state.filters).length) {
      this.list.removeAttribute("aria-busy");
      this.results = [];
      this.pending = [];
      this.total = 0;
      this.updateCounts(this.totals);
      this.status.textContent = "Type a few words, or choose a filter.";
      return;
    }
    // Newest first, unless the reader asks for the oldest or, with words to rank by, the best match. A list by
    // date holds the claims (other pages have no date): a choice of types without claims is listed as found.
    var kinds = state.filters.kind ? state.filters.kind.any : null;
    var claims = !kinds || kinds.indexOf("Claim") >= 0;
    var order = !claims || (state.sort === "best" && state.q) ? "" : state.sort === "oldest" ? "oldest" : "newest";
    this.order = order;
    this.shown = 0;
    this.results = [];
    this.pending = [];
    // An index in parts ranks each part's results by date on its own, and Pagefind merges them by that rank: a
    // list in date order is then read year by year, in order, each year from the one part that holds it, and
    // the older parts are merged only when the list reaches their years.
    if (order && this.index.years.length > 1) {
      this.pending = this.yearsOf(state, order);
      this.total = null;  // known once every year is read, or at once when their parts are merged already
      if (this.index.holds(this.pending)) {
        var dated = Object.assign({}, state.filters, { year: { any: this.pending.slice() } });
        this.index.search(state.q || null, { filters: dated }).then(function (search) {
          if (token !== self.token) return;
          self.total = search.results.length;
          if (self.shown) self.status.textContent = self.counted();
        });
      }
      this.count();
      if (state.q) this.findPages(state, token);
      return this.showMore(false);
    }
    var options = { filters: state.filters };
    if (order) options.sort = { date: order === "oldest" ? "asc" : "desc" };
    if (order && state.q) this.findPages(state, token);
    this.count();
    return this.index.search(state.q || null, options, order ? [] : null).then(function (search) {
      if (token !== self.token) return;
      self.results = order ? byDate(search.results, order) : search.results;
      self.total = self.results.length;
      return self.showMore(false);
    });
  };

  // In a list by date, which holds claims only, the other pages the words find (people, topics, sources,
  // explainers; all in the newest part of the index) are named above it, the best three. They are the pages a
  // search sorted by date leaves out, for want of a date: found so, they cost no filter's file.
  Explorer.prototype.findPages = function (state, token) {
    var self = this;
    var index = this.index;
    var sorted = { filters: state.filters, sort: { date: "desc" } };
    Promise.all([index.search(state.q, { filters: state.filters }), index.search(state.q, sorted)]).then(function (found) {
      var dated = {};
      byDate(found[1].results, "newest").forEach(function (result) { dated[result.id] = true; });
      var pages = found[0].results.filter(function (result) { return !dated[result.id]; }).slice(0, 3);
      return Promise.all(pages.map(function (result) { return result.data(); }));
    }).then(function (pages) {
      if (token === self.token) self.showPages(pages);
    }).catch(function () { /* the list itself says when the index cannot load */ });
  };

  Explorer.prototype.showPages = function (pages) {
    var self = this;
    this.pages.textContent = "";
    this.pages.hidden = !pages.length;
    if (!pages.length) return;
    this.pages.appendChild(element("span", "claims-explorer__pages-label", "Pages: "));
    pages.forEach(function (page, number) {
      if (number) self.pages.appendChild(document.createTextNode(" · "));
      var link = element("a", "", (page.meta || {}).title || page.url);
      link.href = page.url;
      self.pages.appendChild(link);
      var kind = (page.filters.kind || [])[0];
      if (kind) self.pages.appendChild(element("span", "claims-explorer__kind", " (" + kind + ")"));
    });
  };

  // The years a list in date order walks through: the archive's, or the ones the reader chose, in its order.
  Explorer.prototype.yearsOf = function (state, order) {
    var chosen = state.filters.year ? state.filters.year.any : null;
    var years = this.index.years.filter(function (year) { return !chosen || chosen.indexOf(year) >= 0; });
    return order === "oldest" ? years.slice().reverse() : years.slice();
  };

  // The results from `start` on, at least `count` of them when there are: for a list read year by year, the next
  // years' results are fetched (their part merged first) until there are enough.
  Explorer.prototype.fetchFrom = function (start, count, token) {
    var self = this;
    if (this.results.length >= start + count || !this.pending.length || token !== this.token) {
      return Promise.resolve(this.results.slice(start, start + count));
    }
    var state = this.state();
    var year = this.pending.shift();
    var filters = Object.assign({}, state.filters, { year: { any: [year] } });
    var sort = { date: this.order === "oldest" ? "asc" : "desc" };
    return this.index.search(state.q || null, { filters: filters, sort: sort }, [year]).then(function (search) {
      if (token === self.token) self.results = self.results.concat(byDate(search.results, self.order));
      return self.fetchFrom(start, count, token);
    });
  };

  // The counts of the loaded facets' values among the current results (over the archive when nothing is chosen);
  // a loaded facet has merged every part already. The values of one facet add up (any of them), so a facet
  // whose values are chosen counts what each of its values would add: the results without its own choice.
  Explorer.prototype.count = function () {
    var self = this;
    var token = this.token;
    var state = this.state();
    var loaded = Object.keys(this.totals);
    if (!loaded.length) return Promise.resolve();
    if (!state.q && !Object.keys(state.filters).length) return Promise.resolve(this.updateCounts(this.totals));
    function countsWithout(name) {
      var filters = Object.assign({}, state.filters);
      delete filters[name];
      if (!state.q && !Object.keys(filters).length) return Promise.resolve(self.totals[name]);
      return self.index.search(state.q || null, { filters: filters }, null).then(function (search) {
        return (search.filters || {})[name] || {};
      });
    }
    var own = loaded.filter(function (name) { return state.filters[name]; });
    return Promise.all([
      this.index.search(state.q || null, { filters: state.filters }, null),
      Promise.all(own.map(countsWithout)),
    ]).then(function (found) {
      if (token !== self.token) return;
      var counts = Object.assign({}, found[0].filters || {});
      own.forEach(function (name, number) { counts[name] = found[1][number]; });
      self.updateCounts(counts);
    });
  };

  Explorer.prototype.updateCounts = function (counts) {
    var self = this;
    Object.keys(this.totals).forEach(function (name) {
      var shown = {};
      Object.keys(self.options[name]).forEach(function (value) {
        shown[value] = (counts[name] || {})[value] || 0;
        self.options[name][value].querySelector(".claims-explorer__count").textContent = String(shown[value]);
      });
      self.arrange(name, shown);
    });
  };

  // A facet's values in the order of the counts it shows, so the most frequent among the results come first. Its
  // own counts stay as its boxes are ticked (each counts what it would add): no value moves under the reader.
  Explorer.prototype.arrange = function (name, shown) {
    var self = this;
    var fieldset = this.facet(name).querySelector("fieldset");
    var labels = sortedValues(name, shown, this.verdicts, this.totals[name]).map(function (value) {
      return self.options[name][value];
    });
    var current = fieldset.querySelectorAll("label.claims-explorer__option");
    if (labels.some(function (label, at) { return current[at] !== label; })) {
      labels.forEach(function (label) { fieldset.appendChild(label); });
    }
  };

  Explorer.prototype.showMore = function (focus) {
    var self = this;
    var token = this.token;
    var start = this.shown;
    var returnTo = start ? null : this.returnTo;
    this.returnTo = null;
    this.fetching = token;
    var count = returnTo ? Math.max(PAGE, Math.min(returnTo.shown, 100)) : PAGE;
    return this.fetchFrom(start, count, token).then(function (slice) {
      return Promise.all(slice.map(function (result) { return result.data(); }));
    }).then(function (pages) {
      if (token !== self.token) return;
      var first = null;
      pages.forEach(function (page) {
        var item = self.item(page);
        first = first || item.querySelector("a");
        self.list.appendChild(item);
      });
      self.shown = start + pages.length;
      self.fetching = null;
      if (!self.pending.length) self.total = self.results.length;
      self.status.textContent = self.counted();
      self.more.hidden = self.shown >= self.results.length && !self.pending.length;
      self.list.removeAttribute("aria-busy");
      if (focus && first) first.focus();  // the keyboard lands on the first new result
      if (returnTo) {
        var opened = Array.prototype.find.call(self.list.querySelectorAll("a.claims-explorer__title"),
          function (link) { return link.href === new URL(returnTo.url, location.href).href; });
        if (opened) opened.focus();
      }
    }).catch(function (error) {
      if (token !== self.token) return;
      self.fetching = null;  // "Show more results" tries again
      self.list.removeAttribute("aria-busy");
      self.status.textContent = "The search could not load: " + error;
    });
  };

  // "12 claims." for a list by date (claims only), "12 results." for one ranked by match; for a list in date
  // order whose older (or newer) years are not read yet, what is known.
  Explorer.prototype.counted = function () {
    var count = this.total === null ? this.results.length : this.total;
    var noun = this.order ? "claim" : "result";
    if (this.total === null) {
      return "At least " + count + " " + noun + "s; " + (this.order === "oldest" ? "later" : "earlier") +
        " years are searched as you show more.";
    }
    return count === 0 ? "No " + noun + "s." : count === 1 ? "1 " + noun + "." : count + " " + noun + "s.";
  };

  Explorer.prototype.item = function (page) {
    var meta = page.meta || {};
    var item = element("li", "claims-explorer__result");
    var link = element("a", "claims-explorer__title", meta.title || page.url);
    link.href = page.url;
    var self = this;
    link.addEventListener("click", function () {  // kept with this address, for the way back
      var state = Object.assign({}, history.state || {}, { claimsOpened: page.url, claimsShown: self.shown });
      history.replaceState(state, "");
      try {  // the theme replaces the history entry's state with its own (the scroll position)
        sessionStorage.setItem(RETURN, JSON.stringify({ list: location.href, opened: page.url,
                                                        shown: self.shown }));
      } catch (error) { /* storage off: the history entry alone */ }
    });
    item.appendChild(link);
    var facts = element("p", "claims-explorer__facts");
    var kind = (page.filters.kind || [])[0] || "";
    if (meta.speaker) facts.appendChild(element("span", "claims-explorer__speaker", meta.speaker));
    if (meta.date) {
      var time = element("time", "claims-explorer__date", meta.when || meta.date);
      time.dateTime = meta.date;
      facts.appendChild(time);
    }
    if (meta.verdict) {  // in its colour, as on every other page
      var verdict = element("span", "claims-explorer__verdict");
      var id = this.badges.get(meta.verdict);
      verdict.appendChild(id ? element("span", "claims-verdict claims-verdict--" + id, meta.verdict) :
        document.createTextNode(meta.verdict));
      facts.appendChild(verdict);
    }
    if (kind && kind !== "Claim") facts.appendChild(element("span", "claims-explorer__kind", kind));
    item.appendChild(facts);
    item.appendChild(excerpt(page));
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
