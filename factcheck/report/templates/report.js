(function () {
  "use strict";
  // Filters and views only hide what the page already holds: with scripts off, all of it shows.
  var form = document.getElementById("filters");
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card"));
  var shown = document.getElementById("shown");
  var names = ["kind", "severity", "outlet", "status"];

  function matches(card, want) {
    var outlets = (card.getAttribute("data-outlets") || "").split(" ");
    return (!want.kind || card.getAttribute("data-kind") === want.kind) &&
      (!want.severity || card.getAttribute("data-severity") === want.severity) &&
      (!want.status || card.getAttribute("data-status") === want.status) &&
      (!want.outlet || outlets.indexOf(want.outlet) >= 0);
  }

  function filter() {
    var want = {};
    names.forEach(function (name) { want[name] = form.elements[name].value; });
    var count = 0;
    cards.forEach(function (card) {
      card.hidden = !matches(card, want);
      if (!card.hidden) { count += 1; }
    });
    shown.textContent = count + " of " + cards.length + " shown";
  }

  var views = Array.prototype.slice.call(document.querySelectorAll("section.view"));
  var tabs = Array.prototype.slice.call(document.querySelectorAll("#views button"));

  function show(id) {
    views.forEach(function (view) { view.hidden = view.id !== id; });
    tabs.forEach(function (tab) {
      tab.setAttribute("aria-pressed", String(tab.getAttribute("data-view") === id));
    });
  }

  function follow() {
    // a link to a card or a document (#f-..., #d-...) opens the view holding it
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var view = target && target.closest ? target.closest("section.view") : null;
    if (view) {
      show(view.id);
      target.scrollIntoView();
    }
  }

  form.hidden = false;
  form.addEventListener("change", filter);
  form.addEventListener("reset", function () { setTimeout(filter, 0); });
  document.getElementById("views").hidden = false;
  tabs.forEach(function (tab) {
    tab.addEventListener("click", function () { show(tab.getAttribute("data-view")); });
  });
  window.addEventListener("hashchange", follow);
  filter();
  show("findings");
  follow();
}());
