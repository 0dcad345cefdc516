package app

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/bbcode"
	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// SECURITY-TESTS.md items 17, 25-27, 62 and 64: what the server renders.

// Item 17: opening the editor and saving without a change stores the same
// text and the same HTML.
func TestUnchangedEditKeepsTextAndHTML(t *testing.T) {
	b := newTestBoard(t)
	cl, u := b.loggedIn("writer")
	topic := b.fx.Topic(b.fx.Forum("Lounge"), b.fx.User("opener"), fixture.TopicSpec{Title: "T", Posts: 1})
	body := "[b]bold[/b] and [quote=\"a\"]q[/quote]\n\n[list][*]x[/list] [url=https://example.org/]l[/url] <tag> & \"quotes\"  \n  indented"
	if resp, text := cl.post(views.ReplyPath(topic.ID), url.Values{"message": {body}, "key": {models.NewToken()}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply: %d\n%s", resp.StatusCode, text)
	}
	var before struct {
		ID             int64
		Body, BodyHTML string
	}
	read := func(dst any) {
		if err := b.store.DB().NewRaw("SELECT id, body, body_html FROM posts WHERE author_id = ?", u.ID).Scan(t.Context(), dst); err != nil {
			t.Fatal(err)
		}
	}
	read(&before)
	for i := range 2 {
		_, doc := cl.page(views.EditPath(before.ID))
		form := url.Values{}
		doc.Find("form#edit-form input[name], form[action$='/edit'] input[name]").Each(func(_ int, s *goquery.Selection) {
			form.Set(s.AttrOr("name", ""), s.AttrOr("value", ""))
		})
		form.Set("message", doc.Find("textarea[name=message]").Text())
		if resp, text := cl.post(views.EditPath(before.ID), form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save %d: %d\n%s", i, resp.StatusCode, text)
		}
		var after struct {
			ID             int64
			Body, BodyHTML string
		}
		read(&after)
		if after.Body != strings.TrimSpace(before.Body) || after.BodyHTML != before.BodyHTML {
			t.Errorf("save %d without a change:\n text %q -> %q\n html %q -> %q", i, before.Body, after.Body, before.BodyHTML, after.BodyHTML)
		}
	}
}

// Item 25: every URL whose answer depends on HX-Request says so.
func TestFragmentURLsVaryOnHXRequest(t *testing.T) {
	b := newModBoard(t)
	admin, adminU := b.loggedIn("root")
	b.fx.Join(adminU, models.GroupAdministrators)
	pm, err := b.store.SendPM(t.Context(), models.NewPM{SenderID: adminU.ID, To: []string{"member"}, Subject: "Hi", Body: "x", BodyHTML: "<p>x</p>", Limits: pmLimits})
	if err != nil {
		t.Fatal(err)
	}
	paths := []struct {
		cl   *client
		path string
	}{
		{admin, "/"}, {admin, views.ForumPath(b.forumA.ID, b.forumA.Title)}, {admin, topicURL(b.topicA)},
		{admin, topicURL(b.topicA) + "?page=1"}, {admin, views.ReplyPath(b.topicA.ID)}, {admin, views.QuotePath(b.topicA.ID, b.postsA[0])},
		{admin, views.EditPath(b.postsA[1])}, {admin, "/search?q=collimation"}, {admin, "/members"}, {admin, "/groups"},
		{b.member, "/pm"}, {b.member, "/pm/" + idStr(pm)}, {b.member, "/pm/new"}, {admin, "/settings"}, {admin, "/mod/log"},
		{admin, "/mod/reports"}, {admin, "/mod/bans"}, {admin, "/admin/users"}, {admin, "/admin/forums"}, {admin, "/admin/settings"},
		{admin, "/t/" + idStr(b.topicA.ID) + "/move"}, {admin, "/p/" + idStr(b.postsA[0]) + "/info"}, {admin, "/search/new"},
	}
	differ := 0
	for _, p := range paths {
		full, fullBody := p.cl.get(p.path)
		frag, fragBody := p.cl.get(p.path, "HX-Request", "true")
		if full.StatusCode != frag.StatusCode || fullBody == fragBody {
			continue // the same answer either way
		}
		differ++
		for _, resp := range []*http.Response{full, frag} {
			if !strings.Contains(resp.Header.Get("Vary"), "HX-Request") {
				t.Errorf("%s answers differently to htmx but Vary is %q", p.path, resp.Header.Get("Vary"))
			}
		}
	}
	if differ < len(paths)/2 {
		t.Errorf("only %d of %d URLs answer htmx with a fragment", differ, len(paths))
	}
}

// Item 26: a script address as a website is refused at save, and one that
// got into the database anyway is neutralised by templ.
func TestScriptWebsiteIsNeverALink(t *testing.T) {
	b := newTestBoard(t)
	cl, u := b.loggedIn("webby")
	for _, site := range []string{"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,x", "vbscript:x"} {
		resp, _ := cl.post("/settings/preferences", url.Values{"timezone": {"UTC"}, "website": {site}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("website %q saved: %d", site, resp.StatusCode)
		}
	}
	if _, err := b.store.DB().ExecContext(t.Context(), "UPDATE users SET website = 'javascript:alert(1)' WHERE id = ?", u.ID); err != nil {
		t.Fatal(err)
	}
	_, doc := cl.page(views.UserPath(u.ID, u.Username))
	href, ok := doc.Find(".profile-website a").Attr("href")
	if ok && href != "about:invalid#TemplFailedSanitizationURL" {
		t.Errorf("a stored script website renders as href=%q", href)
	}
}

// Item 26's review: raw HTML enters a view only as cooked BBCode, inside an
// hx-disable container, or as what the views' own templates rendered, kept
// (views.PostParts); and no view marks a URL as safe but constants.
func TestTemplatesInsertRawHTMLOnlyFromTheRenderer(t *testing.T) {
	files, err := filepath.Glob("../views/*.templ")
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates found: %v", err)
	}
	goFiles, _ := filepath.Glob("*.go")
	viewGo, _ := filepath.Glob("../views/*.go")
	cooked := regexp.MustCompile(`^@templ\.Raw\([a-zA-Z.]*\.(BodyHTML|SignatureHTML|PreviewHTML|HTML)\)$`)
	safeURL := regexp.MustCompile(`templ\.SafeURL\(("[^"]*"|[A-Z][A-Za-z]*Path|"#" \+ q\.ID)\)`)
	raws := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		for i, line := range lines {
			trimmed := strings.TrimSpace(line)
			if strings.Contains(trimmed, "templ.Raw") {
				raws++
				if !cooked.MatchString(trimmed) {
					t.Errorf("%s:%d: raw HTML from something other than the renderer: %s", f, i+1, trimmed)
				}
				if i == 0 || !strings.Contains(lines[i-1], "hx-disable") {
					t.Errorf("%s:%d: raw HTML not directly inside an hx-disable container", f, i+1)
				}
			}
			for _, m := range regexp.MustCompile(`templ\.SafeURL\([^)]*\)`).FindAllString(line, -1) {
				if !safeURL.MatchString(m) {
					t.Errorf("%s:%d: %s marks a computed URL as safe", f, i+1, m)
				}
			}
		}
	}
	if raws == 0 {
		t.Fatal("found no templ.Raw at all; is the pattern stale?")
	}
	for _, f := range append(goFiles, viewGo...) {
		if strings.HasSuffix(f, "_test.go") || strings.HasSuffix(f, "_templ.go") {
			continue
		}
		src, _ := os.ReadFile(f)
		if strings.Contains(string(src), "renderedHTML(") && filepath.Base(f) != "kept_parts.go" {
			t.Errorf("%s makes renderedHTML, which only kept_parts.go may fill from the templates", f)
		}
		for _, bad := range []string{"templ.Raw(", "templ.SafeURL(", "templ.SafeCSS(", "unsafe.Pointer"} {
			if strings.Contains(string(src), bad) {
				t.Errorf("%s uses %s outside the reviewed templates", f, bad)
			}
		}
	}
}

// Item 27: ids in paths are integers; anything else is 404, so an id can
// never carry markup into an hx-get.
func TestNonIntegerIDsAreNotFound(t *testing.T) {
	b := newTestBoard(t)
	cl, _ := b.loggedIn("poker")
	topic := b.fx.Topic(b.fx.Forum("Lounge"), b.fx.User("op"), fixture.TopicSpec{Title: "T", Posts: 1})
	for _, id := range []string{`1" hx-trigger="load`, "1e3", "-1", "0", "0x1", "1.0", "%20" + idStr(topic.ID), "99999999999999999999", "abc"} {
		for _, pattern := range []string{"/t/%s", "/p/%s", "/f/%s", "/p/%s/edit", "/t/%s/reply", "/u/%s", "/pm/%s", "/groups/%s"} {
			path := strings.Replace(pattern, "%s", url.PathEscape(id), 1)
			for _, htmx := range []string{"", "true"} {
				resp, body := cl.get(path, "HX-Request", htmx)
				if resp.StatusCode != http.StatusNotFound {
					t.Errorf("GET %s (htmx %q): %d, want 404", path, htmx, resp.StatusCode)
				}
				if strings.Contains(body, `hx-trigger="load`) {
					t.Errorf("GET %s: the id came back as markup", path)
				}
			}
		}
	}
}

// Item 62: titles, names and reasons are text in every place they are shown.
func TestHostileNamesAreTextEverywhere(t *testing.T) {
	const payload = `<img src=x onerror=alert(1)>"'&<script>alert(2)</script>`
	b := newModBoard(t)
	admin, adminU := b.loggedIn("root")
	b.fx.Join(adminU, models.GroupAdministrators)
	evil := b.fx.User("evil" + payload)
	forum := b.fx.Forum("Forum " + payload)
	topic := b.fx.Topic(forum, evil, fixture.TopicSpec{Title: "Topic " + payload, Posts: 2})
	if _, err := b.store.SendPM(t.Context(), models.NewPM{SenderID: evil.ID, To: []string{"root"}, Subject: "PM " + payload, Body: payload, BodyHTML: "<p>x</p>", Limits: pmLimits}); err != nil {
		t.Fatal(err)
	}
	if resp, body := admin.post("/t/"+idStr(topic.ID)+"/lock", url.Values{"reason": {"Reason " + payload}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("lock: %d\n%s", resp.StatusCode, body)
	}
	pages := []string{
		"/", views.ForumPath(forum.ID, forum.Title), views.TopicPath(topic.ID, topic.Title), views.UserPath(evil.ID, evil.Username),
		"/members", "/members?q=evil", "/search?q=Topic", "/search/new", "/pm", "/mod/log", "/admin/users?q=evil",
		"/admin/forums", views.ReplyPath(topic.ID), "/t/" + idStr(topic.ID) + "/move",
	}
	for _, p := range pages {
		for _, htmx := range []string{"", "true"} {
			resp, body := admin.get(p, "HX-Request", htmx)
			if resp.StatusCode != http.StatusOK {
				if resp.StatusCode >= 300 && resp.StatusCode < 400 {
					continue // canonical redirects lead to pages checked here
				}
				t.Errorf("GET %s (htmx %q): %d", p, htmx, resp.StatusCode)
				continue
			}
			if strings.Contains(body, "<img src=x") || strings.Contains(body, "<script>alert") {
				t.Errorf("GET %s (htmx %q): the payload is in the markup unescaped", p, htmx)
			}
			doc := parse(t, body)
			assertSafeRender(t, p, doc, isFullPage(body))
			if title := doc.Find("title").Text(); htmx == "" && strings.Contains(p, "/t/") && !strings.Contains(title, payload) {
				t.Errorf("GET %s: the page title %q does not show the topic's title as text", p, title)
			}
		}
	}
	// Names offered to the PM form's completion.
	if _, body := admin.get("/pm/names?to=evil", "HX-Request", "true"); strings.Contains(body, "<img src=x") {
		t.Error("name completion returns the payload unescaped")
	}
}

// Item 64: images in posts come from other sites; the policy lets them
// show, and nothing demands cross-origin isolation they cannot give.
func TestExternalImagesAreAllowed(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("painter")
	topic := b.fx.Topic(b.fx.Forum("Gallery"), author, fixture.TopicSpec{Title: "Pictures", Posts: 1})
	if _, err := b.store.CreateReply(t.Context(), topic.ID, models.NewPost{AuthorID: author.ID, Body: "[img]https://images.example/a.png[/img]",
		BodyHTML: bbcode.Cook("[img]https://images.example/a.png[/img]")}); err != nil {
		t.Fatal(err)
	}
	resp, doc := b.page(views.TopicPath(topic.ID, topic.Title))
	csp := resp.Header.Get("Content-Security-Policy")
	if !regexp.MustCompile(`img-src [^;]*https:`).MatchString(csp) {
		t.Errorf("CSP %q does not let https images load", csp)
	}
	if coep := resp.Header.Get("Cross-Origin-Embedder-Policy"); coep == "require-corp" {
		t.Error("COEP require-corp would break every external image")
	}
	img := doc.Find(".post-body img.bb-img")
	if img.AttrOr("src", "") != "https://images.example/a.png" || img.AttrOr("referrerpolicy", "") != "no-referrer" {
		t.Errorf("image rendered as %s", outer(img))
	}
	if _, ok := img.Attr("crossorigin"); ok {
		t.Error("a crossorigin attribute would make the image need CORS")
	}
}
