package app

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestSecurityHeaders(t *testing.T) {
	b := newTestBoard(t)
	for _, path := range []string{"/", "/no/such/page"} {
		resp, _ := b.get(path)
		csp := resp.Header.Get("Content-Security-Policy")
		for _, want := range []string{"script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP allows inline code: %q", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s: missing nosniff or Referrer-Policy", path)
		}
	}
}

// htmx is wrapped so that it runs only when the start script starts it,
// on the reader's first act, and takes its settings from an htmx-config
// tag the start script adds first; TestBrowserCSPHasNoViolations reads
// them back from a live page.
func TestHTMXConfig(t *testing.T) {
	b := newTestBoard(t)
	_, doc := b.page("/")
	_, bundle := b.get(b.srv.handler.assets.URL("bundle.js"))
	wrapped, htmx := strings.Index(bundle, "function startHtmx() {"), strings.Index(bundle, "var htmx=")
	if wrapped < 0 || htmx < wrapped {
		t.Errorf("the bundle wraps htmx at %d and defines it at %d; want it defined inside startHtmx", wrapped, htmx)
	}
	configured, started := strings.Index(bundle, "configureHtmx();"), strings.Index(bundle, "startHtmx();")
	if configured < 0 || started < configured {
		t.Errorf("the start script configures htmx at %d and starts it at %d; want it configured first", configured, started)
	}
	config := strings.Index(bundle, "function configureHtmx()")
	for _, setting := range []string{"selfRequestsOnly: true", "allowScriptTags: false", "allowEval: false", "includeIndicatorStyles: false", "allowNestedOobSwaps: false", "historyCacheSize: 0"} {
		if config < 0 || !strings.Contains(bundle[config:], setting) {
			t.Errorf("the start script does not set %s", setting)
		}
	}
	if doc.Find("body[hx-headers]").Length() != 0 {
		t.Error("body carries hx-headers, which user content would inherit")
	}
}

func TestAssetsAreHashedCachedAndPrecompressed(t *testing.T) {
	b := newTestBoard(t)
	_, doc := b.page("/")
	css := doc.Find(`link[rel=stylesheet]`).AttrOr("href", "")
	js := doc.Find(`script[src]`).AttrOr("src", "")
	for _, url := range []string{css, js} {
		if !strings.HasPrefix(url, "/assets/") || strings.Count(url, ".") < 2 {
			t.Fatalf("asset URL %q is not content-hashed", url)
		}
		for enc, want := range map[string]string{"br, gzip": "br", "gzip": "gzip", "": ""} {
			resp, body := b.get(url, "Accept-Encoding", enc)
			if resp.StatusCode != http.StatusOK || len(body) == 0 {
				t.Fatalf("%s: status %d", url, resp.StatusCode)
			}
			if got := resp.Header.Get("Content-Encoding"); got != want {
				t.Errorf("%s with Accept-Encoding %q: Content-Encoding %q, want %q", url, enc, got, want)
			}
			if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
				t.Errorf("%s: Cache-Control %q", url, cc)
			}
		}
		resp, _ := b.get(url, "If-None-Match", mustGet(t, b, url).Header.Get("ETag"))
		if resp.StatusCode != http.StatusNotModified {
			t.Errorf("%s: revalidation got %d, want 304", url, resp.StatusCode)
		}
	}
	if resp, _ := b.get("/assets/app.css"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unhashed asset name answered %d", resp.StatusCode)
	}
}

func mustGet(t *testing.T, b *testBoard, path string) *http.Response {
	resp, _ := b.get(path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	return resp
}

func TestPagesAreCompressed(t *testing.T) {
	b := newTestBoard(t)
	for _, enc := range []string{"br", "gzip"} {
		resp, _ := b.get("/", "Accept-Encoding", enc)
		if got := resp.Header.Get("Content-Encoding"); got != enc {
			t.Errorf("Accept-Encoding %s: Content-Encoding %q", enc, got)
		}
	}
	// A member's page is compressed for each request, with gzip's fastest
	// level whenever the client takes gzip: brotli's costs twice the CPU.
	member, _ := b.loggedIn("member")
	_, plain := member.get("/")
	for accept, want := range map[string]string{"br, gzip": "gzip", "gzip": "gzip", "br": "br"} {
		resp, body := member.get("/", "Accept-Encoding", accept)
		if got := resp.Header.Get("Content-Encoding"); got != want {
			t.Errorf("a member's page with Accept-Encoding %q: Content-Encoding %q, want %q", accept, got, want)
		} else if decoded := decode(t, want, []byte(body)); !strings.Contains(decoded, "Log out") || len(decoded) < len(plain)/2 {
			t.Errorf("a member's %s page does not decode to their page", want)
		}
	}
}

func TestOversizedBodyIsRefused(t *testing.T) {
	b := newTestBoard(t)
	base := b.listen()
	// Announce a 2 MiB form and send none of it: the server must refuse on
	// the header alone, before reading (or buffering) any body.
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "POST /login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n",
		strings.TrimPrefix(base, "http://"), 2<<20)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 2 MiB form got %d, want 413", resp.StatusCode)
	}
	if n := countRows(t, b, "SELECT count(*) FROM throttle_events"); n != 0 {
		t.Error("the refused request was processed")
	}
}
