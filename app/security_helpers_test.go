package app

import (
	"io"
	"log/slog"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/assets"
	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
)

// newTestBoardWith is newTestBoard with a changed server configuration.
func newTestBoardWith(t *testing.T, change func(*Config)) *testBoard {
	t.Helper()
	manifestOnce.Do(func() { manifest, manifestErr = assets.Load() })
	if manifestErr != nil {
		t.Fatalf("assets: %v", manifestErr)
	}
	store := dbtest.Store(t)
	cfg := Config{CountQueries: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), FlushInterval: time.Hour, Password: cheapPassword}
	change(&cfg)
	srv := New(cfg, store, manifest)
	t.Cleanup(func() { srv.Shutdown(5 * time.Second) })
	return &testBoard{t: t, srv: srv, store: store, fx: fixture.New(t, store)}
}

// behindProxy trusts the in-process test connection (whose peer is
// 0.0.0.0) as a reverse proxy, so that X-Forwarded-For names the client and
// X-Forwarded-Proto: https makes a request HTTPS.
func behindProxy(c *Config) {
	c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("0.0.0.0/32")}
}

// snapshot is everything a refused request must leave as it was: the rows
// of every table a write could touch and all counters ("nothing written").
func (b *testBoard) snapshot() string {
	b.t.Helper()
	return (&matrixWorld{testBoard: b}).fingerprint() + "|" + b.countsOf(
		"sessions", "private_messages", "pm_recipients", "drafts", "submission_keys", "group_members", "pm_blocks")
}

func (b *testBoard) countsOf(tables ...string) string {
	b.t.Helper()
	var out string
	for _, table := range tables {
		var n int
		if err := b.store.DB().NewRaw("SELECT count(*) FROM "+table).Scan(b.t.Context(), &n); err != nil {
			b.t.Fatalf("count %s: %v", table, err)
		}
		out += table + "=" + itoa(int64(n)) + ";"
	}
	return out
}

// hostileBody packs the attacks of the catalogue into one post: markup,
// event handlers, htmx attributes, an out-of-band swap of the real
// navigation, script URLs in BBCode, and a breakout from the editor's
// textarea.
const hostileBody = `<script>alert("s1")</script><img src=x onerror=alert("s2")>` +
	`<a hx-get="/logout" hx-trigger="load">l</a><div hx-post="/p/1/delete" hx-trigger="revealed">d</div>` +
	`<div id="site-nav" hx-swap-oob="true">fake nav</div>` +
	`[url=javascript:alert("s3")]u[/url][img]https://x.example/a.png" onerror="alert('s4')[/img]` +
	`[quote="x" onmouseover="alert('s5')"]q[/quote][color=red;background:url(javascript:alert('s6'))]c[/color]` +
	`</textarea><script>alert("s7")</script></div></article><p hx-get="/logout">after</p>`

// assertSafeRender checks the SAFE render of SECURITY-TESTS.md on a page or
// fragment: nothing from user input that can run or request, and the
// page's own structure after the content intact.
func assertSafeRender(t *testing.T, what string, doc *goquery.Document, fullPage bool) {
	t.Helper()
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		node := s.Get(0)
		switch node.Data {
		case "script":
			if src := s.AttrOr("src", ""); !strings.HasPrefix(src, "/assets/") {
				t.Errorf("%s: a script that is not ours: %s", what, outer(s))
			}
		case "iframe", "object", "embed", "base", "form", "meta", "link", "style":
			if inUserContent(s) {
				t.Errorf("%s: <%s> inside user content", what, node.Data)
			}
		}
		for _, a := range node.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") {
				t.Errorf("%s: event attribute %s on <%s>", what, key, node.Data)
			}
			if key == "style" {
				t.Errorf("%s: style attribute on <%s>", what, node.Data)
			}
			if (strings.HasPrefix(key, "hx-") || strings.HasPrefix(key, "data-hx-")) && inUserContent(s) {
				t.Errorf("%s: %s inside user content", what, key)
			}
			if key == "href" || key == "src" || key == "action" || strings.HasPrefix(key, "hx-get") || strings.HasPrefix(key, "hx-post") {
				if !safeURL(a.Val) {
					t.Errorf("%s: %s=%q on <%s>", what, key, a.Val, node.Data)
				}
			}
			// Text attributes (title, aria-label, value) may show the payload
			// as text; only those that load or run things may not hold it.
			if (key == "href" || key == "src" || key == "action" || key == "formaction" || key == "srcdoc") && strings.Contains(a.Val, "alert(") {
				t.Errorf("%s: attribute %s carries the payload: %q", what, key, a.Val)
			}
		}
	})
	if n := doc.Find("#site-nav").Length(); fullPage && n != 1 {
		t.Errorf("%s: %d elements claim the navigation's id", what, n)
	} else if !fullPage && n != 0 {
		t.Errorf("%s: the fragment carries an element with the navigation's id", what)
	}
	if fullPage && doc.Find("body > footer, footer.mt-8").Length() == 0 {
		t.Errorf("%s: the page's footer is gone", what)
	}
}

// inUserContent reports whether s lies inside a container of cooked user
// content (the container itself, with its hx-disable, is ours).
func inUserContent(s *goquery.Selection) bool {
	return s.ParentsFiltered(".post-body, .signature, .profile-signature, .bbcode-result").Length() > 0
}

// safeURL reads a URL as a browser would (entities are decoded by the
// parser; whitespace and controls removed) and allows http, https, mailto
// and site-relative addresses.
func safeURL(raw string) bool {
	clean := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, raw)
	lower := strings.ToLower(clean)
	if strings.HasPrefix(lower, "//") {
		return false
	}
	scheme, _, found := strings.Cut(lower, ":")
	if !found || strings.ContainsAny(scheme, "/?#") {
		return true // relative
	}
	return scheme == "http" || scheme == "https" || scheme == "mailto"
}

func outer(s *goquery.Selection) string {
	h, _ := goquery.OuterHtml(s)
	return h
}

// isFullPage tells a whole page from an htmx fragment.
func isFullPage(body string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(body)), "<!doctype")
}
