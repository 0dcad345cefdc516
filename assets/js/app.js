// Hyperboard's own script: the few lines htmx needs from us.
//
// The bundle runs it right after htmx, which starts once the document has
// been parsed; so htmx starts with these settings. Requests stay on this
// site, responses can never run scripts, indicator styles come from our
// stylesheet (so the CSP needs no inline styles), out-of-band parts must sit
// at the top level of a response, and no page is kept in htmx's history
// cache. (A meta tag would say the same in every page's bytes.)
Object.assign(htmx.config, {
  selfRequestsOnly: true,
  allowScriptTags: false,
  allowEval: false,
  includeIndicatorStyles: false,
  allowNestedOobSwaps: false,
  historyCacheSize: 0,
  scrollIntoViewOnBoost: false,
});

// Every state-changing htmx request carries the page's CSRF token in a
// header, read from the csrf-token meta tag at send time. (An inherited
// hx-headers on <body> would also reach any htmx attribute that slipped
// into user content.)
document.addEventListener("htmx:configRequest", function (event) {
  if (event.detail.verb === "get") return;
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) event.detail.headers["X-CSRF-Token"] = meta.content;
});

// A rejected form comes back re-rendered with its errors and the user's
// text (422, or 409 when someone else changed it first), or with a message
// to wait (429): swap it in like a success.
// htmx leaves other error responses unswapped, so nothing typed is lost.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if (status === 409 || status === 422 || status === 429) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// What a swap changed is said aloud through the page's live region, and
// keyboard focus follows the change instead of falling back to the top of
// the page. announce clears the region first, so the same words said twice
// are heard twice.
function announce(message) {
  var region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  setTimeout(function () { region.textContent = message; }, 50);
}

function focusOn(elt) {
  if (!elt) return;
  if (!elt.matches("a[href], button, input, select, textarea, summary, [tabindex]")) {
    elt.setAttribute("tabindex", "-1");
  }
  elt.focus();
}

// The server names what happened when it matters ("Reply posted") and where
// focus goes, in an HX-Trigger-After-Settle header.
document.addEventListener("hb:announce", function (event) {
  if (event.detail.focus) focusOn(document.querySelector(event.detail.focus));
  if (event.detail.message) announce(event.detail.message);
});

// htmx reports the end of a swap once for every element it settled; act
// once per response.
var settled = new WeakSet();
document.addEventListener("htmx:afterSettle", function (event) {
  var detail = event.detail;
  if (!detail.xhr || settled.has(detail.xhr)) return;
  settled.add(detail.xhr);
  var source = detail.requestConfig && detail.requestConfig.elt;
  var pager = source && source.closest && source.closest('nav[aria-label^="Pagination"], form.display-options');
  if (pager) {
    // A new page of a list: say which, and start reading at its first item.
    var list = document.querySelector(pager.getAttribute("hx-target"));
    var current = document.querySelector('nav[aria-label="Pagination"] [aria-current="page"]');
    if (list) {
      focusOn(list.querySelector("article") || list.querySelector("h2 a[href], h3 a[href]") || list.querySelector("a[href]") || list);
    }
    announce(current ? "Page " + current.textContent + " loaded" : "List updated");
    return;
  }
  // The element that had focus was swapped away (Cancel, Save, Delete):
  // focus what took its place.
  var target = detail.target;
  if ((document.activeElement === null || document.activeElement === document.body) && target && target.id) {
    focusOn(document.getElementById(target.id));
  }
});

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
