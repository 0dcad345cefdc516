package app

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"hyperboard/internal/fixture"
	"hyperboard/models"
)

// SECURITY-TESTS.md items 28-34: forged and replayed state changes.

// forgeryWorld is a board where one administrator (who may do everything)
// holds a session, with a topic of three posts of their own in a forum.
type forgeryWorld struct {
	*testBoard
	cl    *client
	admin *models.User
	forum *models.Forum
	topic *models.Topic
	posts []int64
}

func newForgeryWorld(t *testing.T) *forgeryWorld {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	w := &forgeryWorld{testBoard: b}
	w.cl, w.admin = b.loggedIn("keeper")
	b.fx.Join(w.admin, models.GroupAdministrators)
	b.member("target", memberPassword)
	w.forum = b.fx.Forum("Lounge")
	w.topic = b.fx.Topic(w.forum, w.admin, fixture.TopicSpec{Title: "Mine", Posts: 3})
	w.posts = b.fx.PostIDs(w.topic.ID)
	w.fx.Forum("Elsewhere")
	return w
}

// forgeries are state-changing requests, each with a complete form but for
// the token.
func (w *forgeryWorld) forgeries() map[string]url.Values {
	t, p, f := "/t/"+idStr(w.topic.ID), "/p/"+idStr(w.posts[1]), "/f/"+idStr(w.forum.ID)
	return map[string]url.Values{
		t + "/reply":                          {"message": {"Forged reply text"}, "key": {"k1"}},
		f + "/new":                            {"subject": {"Forged"}, "message": {"Forged topic text"}, "key": {"k2"}},
		p + "/edit":                           {"message": {"Forged edit"}, "version": {"0"}},
		p + "/delete":                         {},
		t + "/move":                           {"forum": {idStr(w.forum.ID + 1)}},
		t + "/lock":                           {"reason": {"forged"}},
		t + "/kind":                           {"kind": {"1"}},
		t + "/delete":                         {},
		"/mod/bans/new":                       {"kind": {"user"}, "target": {"target"}, "duration": {"1d"}, "reason": {"forged"}},
		"/settings/preferences":               {"timezone": {"Asia/Tokyo"}, "website": {"https://evil.example/"}},
		"/settings/email":                     {"email": {"evil@evil.example"}, "password": {memberPassword}},
		"/settings/password":                  {"current": {memberPassword}, "password": {"a new password 123"}, "confirm": {"a new password 123"}},
		"/pm/new":                             {"to": {"target"}, "subject": {"Forged"}, "message": {"Forged PM"}, "key": {"k3"}},
		"/admin/settings":                     {"title": {"Forged board"}},
		"/admin/forums/new":                   {"title": {"Forged forum"}},
		"/mark-read":                          {},
		"/logout":                             {},
		t + "/draft":                          {"message": {"Forged draft"}},
		"/p/" + idStr(w.posts[0]) + "/report": {"reason": {"spam"}},
	}
}

func TestForgedWritesAreRefused(t *testing.T) {
	w := newForgeryWorld(t)
	member, _ := w.loggedIn("bystander")
	cases := []struct {
		name    string
		token   func() string
		headers []string
	}{
		{"without a token", func() string { return "" }, nil},
		{"with htmx and no header", func() string { return "" }, []string{"HX-Request", "true"}},
		{"with another member's token", func() string { return member.csrf }, nil},
		{"with the right token from another site", func() string { return w.cl.csrf }, []string{"Origin", "https://evil.example"}},
		{"with the right token from a sibling subdomain", func() string { return w.cl.csrf }, []string{"Sec-Fetch-Site", "same-site"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for path, form := range w.forgeries() {
				form = cloneValues(form)
				if tok := c.token(); tok != "" {
					form.Set(csrfField, tok)
				}
				before := w.snapshot()
				resp, body := w.cl.postRaw(path, form, c.headers...)
				keepsText := keepsTextPaths.MatchString(path)
				switch {
				case keepsText && resp.StatusCode == http.StatusUnprocessableEntity:
					// The design's answer for forms with text: refused, with
					// the text given back and the reason beside it.
					if !strings.Contains(body, form.Get("message")) || !strings.Contains(body, "nothing was posted") {
						t.Errorf("POST %s: the refusal lost the text or the reason", path)
					}
				case resp.StatusCode != http.StatusForbidden:
					t.Errorf("POST %s: %d, want 403", path, resp.StatusCode)
				}
				if after := w.snapshot(); after != before {
					t.Errorf("POST %s was refused but wrote something", path)
				}
			}
		})
	}
	t.Run("the session still works afterwards", func(t *testing.T) {
		_, doc := w.cl.page("/")
		if doc.Find("#account .account-name").Length() != 1 {
			t.Error("the administrator is no longer logged in")
		}
	})
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// The GHSA-94w9-97p3-p368 attack: a cookie planted from a sibling site
// plus the same value as header must not pass, because a member's token
// lives in their session, not in a cookie.
func TestPlantedCSRFCookieIsRefused(t *testing.T) {
	w := newForgeryWorld(t)
	w.cl.cookies[guestCSRFCookie] = "planted-token"
	before := w.snapshot()
	for _, htmx := range []bool{false, true} {
		var resp *http.Response
		if htmx {
			resp, _ = w.cl.postRaw("/t/"+idStr(w.topic.ID)+"/lock", url.Values{}, "HX-Request", "true", csrfHeader, "planted-token")
		} else {
			resp, _ = w.cl.postRaw("/t/"+idStr(w.topic.ID)+"/lock", url.Values{csrfField: {"planted-token"}})
		}
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("htmx %v: planted cookie and matching token got %d", htmx, resp.StatusCode)
		}
	}
	if w.snapshot() != before {
		t.Error("the forged lock wrote something")
	}
	// A guest's token is a cookie (it guards only the login and
	// registration forms); planted from a sibling, the browser marks the
	// request same-site and it is refused too.
	guest := w.newClient()
	guest.cookies[guestCSRFCookie] = "planted-token"
	resp, _ := guest.postRaw("/login", url.Values{csrfField: {"planted-token"}, "username": {"keeper"}, "password": {memberPassword}},
		"Sec-Fetch-Site", "same-site")
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("login with a planted guest token from a sibling: %d", resp.StatusCode)
	}
}

var routeParam = regexp.MustCompile(`:[a-zA-Z]+\??`)

// Every route that changes state answers only POST: a GET or HEAD (a link,
// an <img>, a prefetch) writes nothing.
func TestMutatingRoutesIgnoreGetAndHead(t *testing.T) {
	w := newForgeryWorld(t)
	gets := map[string]bool{}
	var posts []string
	for _, r := range w.srv.Fiber.GetRoutes(true) {
		switch r.Method {
		case http.MethodGet:
			gets[r.Path] = true
		case http.MethodPost:
			posts = append(posts, r.Path)
		}
	}
	if len(posts) < 40 {
		t.Fatalf("only %d POST routes found", len(posts))
	}
	before := w.snapshot()
	for _, pattern := range posts {
		path := routeParam.ReplaceAllStringFunc(pattern, func(p string) string {
			if strings.HasPrefix(p, ":id") && strings.HasPrefix(pattern, "/p/") {
				return idStr(w.posts[1])
			}
			if strings.HasPrefix(p, ":id") && strings.HasPrefix(pattern, "/t/") {
				return idStr(w.topic.ID)
			}
			return idStr(w.admin.ID)
		})
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			resp, _ := w.cl.send(httptest.NewRequest(method, path, nil), nil)
			switch code := resp.StatusCode; {
			case gets[pattern] && (code == http.StatusOK || code == http.StatusForbidden):
				// The same URL's GET is the form that leads to the action
				// (refused here when the viewer may not take it).
			case code == http.StatusNotFound, code == http.StatusMethodNotAllowed:
			case code >= 300 && code < 400 && resp.Header.Get("Location") != path:
				// Another page's URL (e.g. /t/1/lock reads as topic 1 with the
				// slug "lock") redirects to that page.
			default:
				t.Errorf("%s %s (route %s): %d", method, path, pattern, code)
			}
		}
	}
	if w.snapshot() != before {
		t.Error("a GET or HEAD wrote something")
	}
	resp, _ := w.cl.get("/p/" + idStr(w.posts[1]) + "/delete")
	if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /p/ID/delete: %d", resp.StatusCode)
	}
}
