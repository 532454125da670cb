/* Placard: small enhancements. Every page reads completely without this script. */
(function () {
  "use strict";

  function ended(element, now) {
    var ends = Date.parse(element.getAttribute("data-ends") || "");
    return !isNaN(ends) && ends <= now;
  }

  /* A site built on 1 December is still right on the 12th: move what has ended since. */
  function settlePastEvents(now) {
    var page = document.querySelector("article.event[data-ends]");
    if (page && ended(page, now)) {
      var note = page.querySelector(".past-note");
      if (note) note.hidden = false;
    }
    var upcoming = document.getElementById("upcoming");
    var past = document.getElementById("past");
    if (!upcoming || !past) return;
    var heading = past.querySelector("h2");
    upcoming.querySelectorAll(".day").forEach(function (day) {
      var gone = Array.prototype.filter.call(day.querySelectorAll(".event-card"), function (card) {
        return ended(card, now);
      });
      if (!gone.length) return;
      var target = past.querySelector('.day[data-day="' + day.getAttribute("data-day") + '"] .cards');
      if (!target) {
        var copy = day.cloneNode(true);
        copy.querySelector(".cards").textContent = "";
        heading.insertAdjacentElement("afterend", copy);
        target = copy.querySelector(".cards");
      }
      gone.reverse().forEach(function (card) { target.insertBefore(card, target.firstChild); });
      if (!day.querySelector(".event-card")) day.remove();
    });
    var empty = past.querySelector(".empty");
    if (empty && past.querySelector(".event-card")) empty.remove();
  }

  /* Filter the events list by country and by online / in person. */
  function setUpFilter() {
    var form = document.querySelector(".event-filter");
    if (!form) return;
    form.hidden = false;
    function apply() {
      var country = form.elements.country.value;
      var mode = form.elements.mode.value;
      document.querySelectorAll(".event-card").forEach(function (card) {
        var show = (!country || card.getAttribute("data-country") === country) &&
                   (!mode || card.getAttribute("data-mode") === mode);
        card.hidden = !show;
      });
      document.querySelectorAll(".day").forEach(function (day) {
        day.hidden = !day.querySelector(".event-card:not([hidden])");
      });
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  }

  /* Search with the static Pagefind index; results are built as text, never as HTML. */
  function setUpSearch() {
    var form = document.querySelector("form[data-pagefind]");
    if (!form) return;
    var bundle = form.getAttribute("data-pagefind");
    var input = form.querySelector("input[type=search]");
    var status = document.querySelector(".search-status");
    var list = document.querySelector(".search-results");
    var engine = null;
    var counter = 0;

    function load() {
      if (!engine) {
        engine = import(bundle + "pagefind.js").then(function (pagefind) {
          return pagefind.options({ baseUrl: bundle.replace(/pagefind\/$/, "") }).then(function () {
            return pagefind;
          });
        });
      }
      return engine;
    }

    function plain(html) {
      var holder = document.createElement("div");
      holder.innerHTML = "";
      holder.textContent = String(html || "").replace(/<[^>]*>/g, "");
      return holder.textContent;
    }

    function show(query) {
      var mine = ++counter;
      list.textContent = "";
      if (!query.trim()) { status.textContent = ""; return; }
      load().then(function (pagefind) {
        return pagefind.search(query);
      }).then(function (search) {
        if (mine !== counter) return null;
        return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
      }).then(function (results) {
        if (!results || mine !== counter) return;
        status.textContent = results.length + " \u2022 " + query;
        results.forEach(function (result) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = result.url;
          link.textContent = plain(result.meta && result.meta.title) || result.url;
          link.setAttribute("dir", "auto");
          var excerpt = document.createElement("p");
          excerpt.textContent = plain(result.excerpt);
          excerpt.setAttribute("dir", "auto");
          item.appendChild(link);
          item.appendChild(excerpt);
          list.appendChild(item);
        });
      }).catch(function () {
        status.textContent = "\u26a0";
      });
    }

    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) { input.value = params.get("q"); show(input.value); }
    input.addEventListener("input", function () { show(input.value); });
    form.addEventListener("submit", function (event) { event.preventDefault(); show(input.value); });
  }

  function start() {
    settlePastEvents(Date.now());
    setUpFilter();
    setUpSearch();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
