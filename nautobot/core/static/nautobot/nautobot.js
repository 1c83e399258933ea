// Nautobot web UI: progressive enhancement only; every page works without this file.
(function () {
  "use strict";

  // A signed-in user's choice is saved as their theme preference (data-theme-url), so it follows them to other
  // browsers; this browser also remembers it for the pages shown signed out.
  function setTheme(theme) {
    var root = document.documentElement;
    root.dataset.bsTheme = theme;
    root.dataset.themePreference = theme;
    localStorage.setItem("nautobot-theme", theme);
    if (root.dataset.themeUrl) {
      fetch(root.dataset.themeUrl, {
        method: "POST",
        headers: JSON.parse(document.body.getAttribute("hx-headers")),  // {"X-CSRFToken": ...}
        body: new URLSearchParams({theme: theme}),
      });
    }
  }

  // `data-query-params='{"site_id": "$site"}'`: filters taken from other fields of the same form when loading.
  function dependentParams(el) {
    var params = new URLSearchParams();
    if (!el.dataset.queryParams || !el.form) return params;
    var wanted = JSON.parse(el.dataset.queryParams);
    Object.keys(wanted).forEach(function (key) {
      var source = el.form.elements[String(wanted[key]).replace(/^\$/, "")];
      if (!source) return;
      var values = source.selectedOptions ? Array.from(source.selectedOptions).map(function (o) { return o.value; }) : [source.value];
      values.filter(Boolean).forEach(function (v) { params.append(key, v); });
    });
    return params;
  }

  // Related-object selects: options come from the REST API as the user types (brief representation).
  // `data-value-field`/`data-display-field` (1.x `to_field_name`/`display_field`) pick what is submitted and
  // shown; `data-static-params` adds fixed filters (a JSON object of lists).
  function apiSelect(el) {
    if (el.tomselect) return;
    var url = el.dataset.apiUrl;
    var valueField = el.dataset.valueField || "id";
    var labelField = el.dataset.displayField || "display";
    var brief = valueField === "id" && labelField === "display" && !el.dataset.full;
    var select = new TomSelect(el, {
      valueField: valueField, labelField: labelField, searchField: [], maxOptions: 50, preload: "focus",
      plugins: el.multiple ? ["remove_button"] : [],
      closeAfterSelect: !el.multiple,
      // A single choice is done once picked: leave the field, so an API answer still on its way (for an
      // earlier keystroke) does not open the list again over the rest of the form.
      onItemAdd: function () { if (!el.multiple) this.blur(); },
      load: function (query, callback) {
        var sep = url.indexOf("?") === -1 ? "?" : "&";
        var params = dependentParams(el);
        if (el.dataset.staticParams) {
          var fixed = JSON.parse(el.dataset.staticParams);
          Object.keys(fixed).forEach(function (key) { [].concat(fixed[key]).forEach(function (v) { params.append(key, v); }); });
        }
        var extra = params.toString();
        fetch(url + sep + (extra ? extra + "&" : "") + (brief ? "brief=1&" : "") + "limit=50&q=" + encodeURIComponent(query), {headers: {Accept: "application/json"}, credentials: "same-origin"})
          .then(function (r) { return r.json(); })
          .then(function (data) { callback(data.results || []); })
          .catch(function () { callback(); });
      },
    });
    if (el.dataset.queryParams && el.form) {
      var wanted = JSON.parse(el.dataset.queryParams);
      Object.keys(wanted).forEach(function (key) {
        var source = el.form.elements[String(wanted[key]).replace(/^\$/, "")];
        if (source && source.addEventListener) source.addEventListener("change", function () {
          select.clear(); select.clearOptions(); select.loadedSearches = {};  // reload with the new filter
        });
      });
    }
  }

  function enhance(root) {
    if (window.TomSelect) {
      root.querySelectorAll("select.api-select").forEach(apiSelect);
      root.querySelectorAll("select.tom-select, select[multiple].form-select:not(.api-select)").forEach(function (el) {
        if (!el.tomselect) new TomSelect(el, {plugins: ["remove_button"]});
      });
    }
    // 1.x `SlugField`: filled from its source field (`data-slug-source`) until the user edits it.
    root.querySelectorAll("input[data-slug-source]").forEach(function (slug) {
      var source = slug.form && slug.form.elements[slug.dataset.slugSource];
      if (!source || slug.dataset.slugBound) return;
      slug.dataset.slugBound = "1";
      var edited = slug.value !== "";
      slug.addEventListener("input", function () { edited = slug.value !== ""; });
      source.addEventListener("input", function () {
        if (!edited) slug.value = source.value.toLowerCase().replace(/[^a-z0-9_]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 100);
      });
    });
    root.querySelectorAll("input.toggle-all").forEach(function (box) {
      box.addEventListener("change", function () {
        box.closest("table").querySelectorAll("tbody input[name=pk]").forEach(function (b) { b.checked = box.checked; });
      });
    });
    root.querySelectorAll("select.per-page").forEach(function (sel) {
      sel.addEventListener("change", function () {
        var params = new URLSearchParams(location.search);
        params.set("per_page", sel.value); params.delete("page");
        location.search = params.toString();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.getElementById("theme-toggle");
    if (toggle) toggle.addEventListener("click", function () {
      setTheme(document.documentElement.dataset.bsTheme === "dark" ? "light" : "dark");
    });
    document.querySelectorAll("[data-theme-set]").forEach(function (b) {
      b.addEventListener("click", function () { setTheme(b.dataset.themeSet); });
    });
    enhance(document);
  });
  document.addEventListener("htmx:afterSwap", function (e) { enhance(e.target); });

  // In-page tabs of a detail page (`<a data-nautobot-tab="advanced" href="<object>#advanced">`): on the object's
  // own page the link shows its pane; from another page (change log, notes) it opens the object's page, whose
  // address names the pane to show.
  function showTab(link) {
    var pane = document.getElementById(link.dataset.nautobotTab);
    if (!pane) return false;
    link.closest(".nav").querySelectorAll(".nav-link").forEach(function (l) { l.classList.toggle("active", l === link); });
    pane.parentElement.querySelectorAll(":scope > .tab-pane").forEach(function (p) { p.classList.toggle("active", p === pane); });
    return true;
  }
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("a[data-nautobot-tab]");
    if (!link || new URL(link.href).pathname !== window.location.pathname) return;
    if (showTab(link)) {
      e.preventDefault();
      history.replaceState(null, "", link.hash);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var name = window.location.hash.slice(1);
    var link = name && document.querySelector('a[data-nautobot-tab="' + CSS.escape(name) + '"]');
    if (link) showTab(link);
  });
})();
