// Hyperboard's service worker: read offline what you have read online.
//
// The server serves this file at /sw.js (the whole site is its scope) with
// two constants written above it: VERSION, which names the build, and
// SHELL, the hashed URLs of the stylesheet, script bundle and icons plus the
// offline page. Both caches carry the version, so a new deployment starts
// afresh and the old caches are deleted once it takes over.
/* global VERSION, SHELL */

var SHELL_CACHE = "hb-shell-" + VERSION;
var PAGES_CACHE = "hb-pages-" + VERSION;

// The reading pages kept for offline use, oldest dropped first.
var MAX_PAGES = 60;

// Public reading pages only: the board index, forums and topics, never
// the forms that share their prefixes, and nothing private (messages,
// settings, moderator and admin pages) because nothing else matches.
var READING = /^\/(?:(?:f|t)\/\d+(?:\/(?!(?:new|reply|move|split|merge)$)[^/]+)?)?$/;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE)
      .then(function (cache) { return cache.addAll(SHELL); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil((async function () {
    if (self.registration.navigationPreload) {
      await self.registration.navigationPreload.enable();
    }
    var names = await caches.keys();
    await Promise.all(names.filter(function (name) {
      return name.startsWith("hb-") && name !== SHELL_CACHE && name !== PAGES_CACHE;
    }).map(function (name) { return caches.delete(name); }));
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // Logging out forgets the member's pages before the server ends the
    // session, so the next person at this browser cannot read them.
    if (request.method === "POST" && url.pathname === "/logout") {
      event.respondWith(caches.delete(PAGES_CACHE).then(function () { return fetch(request); }));
    }
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(caches.match(request, { cacheName: SHELL_CACHE }).then(function (hit) {
      return hit || fetch(request);
    }));
  }
});

// page asks the network first and keeps a copy of a reading page; offline
// it answers with the copy, or with the offline page, which lists the
// topics kept.
async function page(event, url) {
  try {
    var response = (await event.preloadResponse) || (await fetch(event.request));
    if (keepable(url, response)) {
      event.waitUntil(keep(event.request, response.clone()));
    }
    return response;
  } catch (offline) {
    var kept = await caches.match(event.request, { cacheName: PAGES_CACHE, ignoreVary: true });
    return kept || (await caches.match("/offline", { cacheName: SHELL_CACHE, ignoreVary: true })) || Response.error();
  }
}

function keepable(url, response) {
  return READING.test(url.pathname) && response.status === 200 && !response.redirected &&
    (response.headers.get("Content-Type") || "").startsWith("text/html") &&
    !/no-store/.test(response.headers.get("Cache-Control") || "");
}

async function keep(request, response) {
  var cache = await caches.open(PAGES_CACHE);
  await cache.put(request, response);
  var keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_PAGES)).map(function (old) {
    return cache.delete(old);
  }));
}
