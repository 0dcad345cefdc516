package app

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/internal/fixture"
	"hyperboard/views"
)

// A first visit costs one script request: htmx and our own script come
// in one deferred, hashed bundle, on guests' and members' pages alike.
func TestPagesLoadOneScriptBundle(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("vela")
	topic := b.fx.Topic(b.fx.Forum("Lounge"), author, fixture.TopicSpec{Title: "First light", Posts: 3})
	cl, _ := b.loggedIn("maren")
	bundle := b.srv.handler.assets.URL("bundle.js")

	pages := []struct {
		name string
		page func(string, ...string) (*http.Response, *goquery.Document)
		path string
	}{
		{"guest board index", b.page, "/"},
		{"guest topic", b.page, views.TopicPath(topic.ID, topic.Title)},
		{"guest login", b.page, "/login"},
		{"member topic", cl.page, views.TopicPath(topic.ID, topic.Title)},
		{"member settings", cl.page, "/settings"},
	}
	for _, p := range pages {
		resp, doc := p.page(p.path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", p.name, resp.StatusCode)
		}
		scripts := doc.Find("script")
		if scripts.Length() != 1 {
			t.Errorf("%s: %d script elements, want exactly one", p.name, scripts.Length())
			continue
		}
		if src := scripts.AttrOr("src", ""); src != bundle {
			t.Errorf("%s: script src %q, want the bundle %s", p.name, src, bundle)
		}
		if _, deferred := scripts.Attr("defer"); !deferred {
			t.Errorf("%s: the bundle is not deferred, so it would hold up the first paint", p.name)
		}
	}

	resp, body := b.get(bundle)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") {
		t.Fatalf("%s: status %d, type %q; want 200 and text/javascript", bundle, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
		t.Errorf("%s: Cache-Control %q, want a year, immutable", bundle, cc)
	}
	// htmx must be defined before our script, which listens to its events.
	htmx, ours := strings.Index(body, "var htmx="), strings.Index(body, `"htmx:configRequest"`)
	if htmx < 0 || ours < 0 || htmx > ours {
		t.Errorf("the bundle holds htmx at %d and our script at %d; want both, htmx first", htmx, ours)
	}
	for _, enc := range []string{"br", "gzip"} {
		if resp, _ := b.get(bundle, "Accept-Encoding", enc); resp.Header.Get("Content-Encoding") != enc {
			t.Errorf("%s with Accept-Encoding %s: Content-Encoding %q", bundle, enc, resp.Header.Get("Content-Encoding"))
		}
	}
}
