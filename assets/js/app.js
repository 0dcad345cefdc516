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
