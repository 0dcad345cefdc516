// What the page needs from script before the reader acts: the service
// worker, the offline page's list, and starting htmx on the first sign of
// intent.

// htmx starts on the reader's first press, key, touch, click, submit or
// change, not when the page loads: evaluating it and walking the
// page held the main thread for 120-230 ms under Lighthouse's phone
// profile, while the page was still being shown. Starting is synchronous
// and comes before the click or submit the press leads to (a click's own
// listeners are added before it reaches its target), so htmx still
// handles that; and a page whose htmx has not started works as it does
// without JavaScript.
(function () {
  // Not focus: a page may focus a field as it loads (autofocus), and focus
  // that a key moved came with the key.
  var intents = ["pointerdown", "touchstart", "keydown", "click", "submit", "change", "input"];
  var parsed = false;
  document.addEventListener("DOMContentLoaded", function () { parsed = true; });
  function start() {
    intents.forEach(function (type) { document.removeEventListener(type, start, true); });
    configureHtmx();
    startHtmx();
    // htmx begins at DOMContentLoaded, or straight away once the page has
    // loaded; in between, it would wait for an event already past.
    if (parsed && document.readyState !== "complete") {
      document.dispatchEvent(new Event("DOMContentLoaded"));
    }
  }
  intents.forEach(function (type) { document.addEventListener(type, start, { capture: true, passive: true }); });

  // htmx reads its settings from this tag as it starts, which may be
  // while its own code is still being evaluated. Requests stay on this
  // site, responses can never run scripts, indicator styles come from our
  // stylesheet (so the CSP needs no inline styles), out-of-band parts must
  // sit at the top level of a response, and no page is kept in htmx's
  // history cache. (Served in the page, the tag would cost every page its
  // bytes.)
  function configureHtmx() {
    var meta = document.createElement("meta");
    meta.name = "htmx-config";
    meta.content = JSON.stringify({
      selfRequestsOnly: true,
      allowScriptTags: false,
      allowEval: false,
      includeIndicatorStyles: false,
      allowNestedOobSwaps: false,
      historyCacheSize: 0,
      scrollIntoViewOnBoost: false,
    });
    document.head.appendChild(meta);
  }
})();

// Offline reading: a service worker of our own keeps the topics read here.
// It is registered once the page has loaded, so it never competes with
// the page for the network.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").catch(function () {});
  });
}

// The offline page lists the topics the service worker kept, newest first,
// by the titles their pages carry.
var offlineTopics = document.getElementById("offline-topics");
if (offlineTopics && "caches" in window) {
  caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.startsWith("hb-pages-"); }).map(function (name) {
      return caches.open(name).then(function (cache) {
        return cache.keys().then(function (requests) {
          return Promise.all(requests.filter(function (request) {
            return new URL(request.url).pathname.startsWith("/t/");
          }).reverse().map(function (request) {
            return cache.match(request).then(function (response) { return response.text(); }).then(function (html) {
              var page = new DOMParser().parseFromString(html, "text/html");
              var heading = page.querySelector("h1");
              return { url: request.url, title: heading ? heading.textContent.trim() : request.url };
            });
          }));
        });
      });
    }));
  }).then(function (lists) {
    var seen = {};
    lists.flat().forEach(function (topic) {
      var path = new URL(topic.url).pathname;
      if (seen[path]) return;
      seen[path] = true;
      var link = document.createElement("a");
      link.href = topic.url;
      link.textContent = topic.title;
      var item = document.createElement("li");
      item.appendChild(link);
      offlineTopics.appendChild(item);
    });
    var empty = document.getElementById("offline-empty");
    if (empty && offlineTopics.children.length > 0) empty.hidden = true;
  });
}
