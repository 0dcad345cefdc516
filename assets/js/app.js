// Hyperboard's own script: the few lines htmx needs from us.
//
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
