package app

import (
	"bytes"
	"encoding/json"
	"image/png"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"hyperboard/views"
)

func TestManifestNamesTheBoardAndItsIcons(t *testing.T) {
	b := newTestBoard(t)
	resp, body := b.get("/manifest.webmanifest")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	if got := resp.Header.Get("Content-Type"); got != "application/manifest+json" {
		t.Errorf("Content-Type = %q, want application/manifest+json", got)
	}
	var m webManifest
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("manifest is not JSON: %v\n%s", err, body)
	}
	if m.Name == "" || m.ShortName == "" || len([]rune(m.ShortName)) > shortNameLength {
		t.Errorf("name %q, short name %q: want both, the short one at most %d characters", m.Name, m.ShortName, shortNameLength)
	}
	if m.StartURL != "/" || m.Display != "standalone" || m.ThemeColor == "" || m.BackgroundColor == "" {
		t.Errorf("start_url %q, display %q, theme %q, background %q: want /, standalone and both colours", m.StartURL, m.Display, m.ThemeColor, m.BackgroundColor)
	}

	// Every PNG is served as a PNG of the size the manifest claims, and a
	// maskable one is among them.
	sizes := map[string]bool{}
	for _, icon := range m.Icons {
		resp, body := b.get(icon.Src)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != icon.Type {
			t.Errorf("%s: status %d, type %q; want 200 and %s", icon.Src, resp.StatusCode, resp.Header.Get("Content-Type"), icon.Type)
			continue
		}
		if icon.Type != "image/png" {
			continue
		}
		img, err := png.DecodeConfig(bytes.NewReader([]byte(body)))
		if err != nil {
			t.Errorf("%s: not a PNG: %v", icon.Src, err)
			continue
		}
		if got := strconv.Itoa(img.Width) + "x" + strconv.Itoa(img.Height); got != icon.Sizes {
			t.Errorf("%s is %s, the manifest says %s", icon.Src, got, icon.Sizes)
		}
		sizes[icon.Sizes+" "+icon.Purpose] = true
	}
	for _, want := range []string{"192x192 ", "512x512 ", "512x512 maskable"} {
		if !sizes[want] {
			t.Errorf("no %q icon among %v", want, sizes)
		}
	}
}

func TestEveryPageLinksTheManifest(t *testing.T) {
	b := newTestBoard(t)
	_, doc := b.page("/")
	if got := doc.Find(`link[rel=manifest]`).AttrOr("href", ""); got != "/manifest.webmanifest" {
		t.Errorf("manifest link = %q, want /manifest.webmanifest", got)
	}
	touch := doc.Find(`link[rel=apple-touch-icon]`).AttrOr("href", "")
	if resp, _ := b.get(touch); resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" {
		t.Errorf("apple-touch-icon %q: status %d, type %q", touch, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func TestServiceWorkerIsServedWithItsShell(t *testing.T) {
	b := newTestBoard(t)
	resp, body := b.get("/sw.js")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") {
		t.Fatalf("status %d, type %q; want 200 and text/javascript", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if got := resp.Header.Get("Cache-Control"); got != "no-cache" {
		t.Errorf("Cache-Control = %q, want no-cache so a new deployment is seen at once", got)
	}
	if !strings.Contains(body, `var VERSION = "`+b.srv.handler.assets.Version()+`"`) {
		t.Errorf("the worker does not carry the build version %s", b.srv.handler.assets.Version())
	}
	for _, name := range []string{"app.css", "bundle.js", "icon-192.png"} {
		if url := b.srv.handler.assets.URL(name); !strings.Contains(body, `"`+url+`"`) {
			t.Errorf("the worker's shell lacks %s (%s)", name, url)
		}
	}
	if !strings.Contains(body, `"`+offlinePath+`"`) {
		t.Errorf("the worker's shell lacks the offline page")
	}
}

func TestOfflinePageCarriesNothingOfTheMember(t *testing.T) {
	b := newTestBoard(t)
	cl, u := b.loggedIn("maren")
	resp, doc := cl.page("/offline")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	if doc.Find("#"+views.OfflineTopicsID).Length() != 1 {
		t.Errorf("no list of kept topics")
	}
	html, _ := doc.Html()
	if strings.Contains(html, u.Username) {
		t.Errorf("the offline page, kept in the browser for anyone, names the member %s", u.Username)
	}
	if token := doc.Find(`meta[name=csrf-token]`).AttrOr("content", ""); token != "" {
		t.Errorf("the offline page carries a CSRF token %q", token)
	}
}
