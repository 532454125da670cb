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

  /* Search with the static Pagefind index. Titles and excerpts come from indexed pages, and event
     pages hold volunteers' text: results are built as text nodes and <mark> elements, never as HTML. */
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

    function say(message, count, query) {
      status.textContent = form.getAttribute(message).replace("{count}", count).replace("{query}", query);
    }

    /* Pagefind's excerpt is HTML (escaped text, <mark> around matches). DOMParser reads it into an
       inert document that runs no script and loads nothing; only its text and marks are kept. */
    function excerpt(html) {
      var parsed = new DOMParser().parseFromString(String(html || ""), "text/html").body;
      var fragment = document.createDocumentFragment();
      Array.prototype.forEach.call(parsed.childNodes, function (node) {
        var piece = node.nodeName === "MARK" ? document.createElement("mark") : document.createTextNode("");
        piece.textContent = node.textContent;
        fragment.appendChild(piece);
      });
      return fragment;
    }

    function sameSite(url) {
      return new URL(url, window.location.href).origin === window.location.origin;
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
        results = results.filter(function (result) { return sameSite(result.url); });
        say(results.length ? "data-results" : "data-none", results.length, query);
        results.forEach(function (result) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = result.url;
          link.textContent = (result.meta && result.meta.title) || result.url;
          link.setAttribute("dir", "auto");
          var text = document.createElement("p");
          text.appendChild(excerpt(result.excerpt));
          text.setAttribute("dir", "auto");
          item.appendChild(link);
          item.appendChild(text);
          list.appendChild(item);
        });
      }).catch(function () {
        if (mine === counter) say("data-failed", 0, query);
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
