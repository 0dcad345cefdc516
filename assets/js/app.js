// Hyperboard's own script: the few lines htmx needs from us. The bundle
// runs it right after htmx, both inside startHtmx, which start.js calls on
// the reader's first act.

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
