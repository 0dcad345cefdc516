package app

// Accessibility: axe-core, from the npm package the build installs, checks
// every kind of page in chromium, as a guest and as a member, at a phone's
// width and a desktop's, in the light and the dark colour scheme, and again
// after each htmx swap.

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// axeSource is axe-core's browser build, installed by `npm ci`.
const axeSource = "../node_modules/axe-core/axe.min.js"

var (
	axeOnce   sync.Once
	axeScript string
	axeErr    error
)

// browserWithAxe adds axe-core to every document the tab loads.
func browserWithAxe(t *testing.T, ctx context.Context) {
	t.Helper()
	axeOnce.Do(func() {
		var b []byte
		b, axeErr = os.ReadFile(axeSource)
		axeScript = string(b)
	})
	if axeErr != nil {
		t.Fatalf("axe-core: %v (run `make test`, which installs the npm packages)", axeErr)
	}
	browserDo(t, ctx, "add axe-core to every page", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: axeScript})
		return err
	}))
}

// axeViolation is one rule axe found broken, with the first few elements
// that break it.
type axeViolation struct {
	ID    string   `json:"id"`
	Help  string   `json:"help"`
	Nodes []string `json:"nodes"`
}

func (v axeViolation) String() string {
	return v.ID + " (" + v.Help + "):\n\t\t" + strings.Join(v.Nodes, "\n\t\t")
}

// axeRun runs axe on the page as it is now; rules limits it to those rules
// (all of them when empty).
func axeRun(t *testing.T, ctx context.Context, rules ...string) []axeViolation {
	t.Helper()
	options := `{resultTypes: ['violations']}`
	if len(rules) > 0 {
		list, _ := json.Marshal(rules)
		options = `{resultTypes: ['violations'], runOnly: {type: 'rule', values: ` + string(list) + `}}`
	}
	js := `axe.run(document, ` + options + `).then(r => r.violations.map(v => ({
		id: v.id, help: v.help,
		nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\s+/g, ' ')),
	})))`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe: %v", err)
	}
	return got
}

// axeScheme switches the page between the light and the dark colour scheme.
func axeScheme(dark bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		scheme := "light"
		if dark {
			scheme = "dark"
		}
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// axeCheck checks the page now shown: every rule at a phone's width and at
// a desktop's, and colour contrast again in the dark scheme.
func axeCheck(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	report := func(how string, found []axeViolation) {
		t.Helper()
		for _, v := range found {
			t.Errorf("%s, %s: %s", where, how, v)
		}
	}
	browserDo(t, ctx, "phone width", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
	report("phone", axeRun(t, ctx))
	browserDo(t, ctx, "desktop width", chromedp.EmulateViewport(1280, 900))
	report("desktop", axeRun(t, ctx))
	browserDo(t, ctx, "dark scheme", axeScheme(true))
	report("desktop, dark", axeRun(t, ctx, "color-contrast"))
	browserDo(t, ctx, "light scheme", axeScheme(false))
}

// axeVisit opens a page that must load and checks it.
func axeVisit(t *testing.T, ctx context.Context, base, path string) {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(base+path))
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	if resp == nil || (resp.Status != http.StatusOK && resp.Status != http.StatusNotFound) {
		t.Fatalf("open %s: got %+v, want a page", path, resp)
	}
	axeCheck(t, ctx, path)
}

// a11yBoard is the demo board with a few things added so that every kind
// of page has something to show: a topic of several pages, private
// messages, a report, a ban and a moderator log entry.
type a11yBoard struct {
	*testBoard
	admin, mod   *client
	adminU, modU *models.User
	forum        *models.Forum
	topic        *models.Topic
	topicPath    string
	posts        []int64
	pm           int64
	group        int64
}

// a11yLogIn logs an existing account in with memberPassword.
func (b *testBoard) a11yLogIn(u *models.User) *client {
	b.t.Helper()
	hash, err := models.HashPassword(memberPassword, cheapPassword)
	if err != nil {
		b.t.Fatal(err)
	}
	if err := b.store.SetPasswordHash(b.t.Context(), u.ID, hash); err != nil {
		b.t.Fatal(err)
	}
	cl := b.newClient()
	if resp, body := cl.post("/login", url.Values{"username": {u.Username}, "password": {memberPassword}}); resp.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("log in as %s: status %d\n%s", u.Username, resp.StatusCode, body)
	}
	cl.get("/")
	return cl
}

func newA11yBoard(t *testing.T) *a11yBoard {
	t.Helper()
	b := &a11yBoard{testBoard: newTestBoard(t)}
	staff, err := b.store.SeedDemo(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	b.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	b.adminU, b.modU = staff.Admin, staff.Moderator
	b.admin, b.mod = b.a11yLogIn(b.adminU), b.a11yLogIn(b.modU)

	b.forum = b.fx.Forum("Long reads")
	b.topic = b.fx.Topic(b.forum, b.fx.User("dew_fan"), fixture.TopicSpec{Title: "Thirty posts on dew heaters", Posts: 30, Every: time.Minute})
	b.topicPath = views.TopicPath(b.topic.ID, b.topic.Title)
	b.posts = b.fx.PostIDs(b.topic.ID)

	b.pm = sendPM(t, b.mod, b.adminU.Username, "Star party rota", "Can you take the [b]Saturday[/b] shift?")
	sendPM(t, b.admin, b.modU.Username, "Re: Star party rota", "Yes, gladly.")
	if resp, body := b.admin.post(views.ReportPath(b.posts[2]), reportForm(models.ReportOffTopic, "Drifting from dew heaters")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("report: status %d\n%s", resp.StatusCode, body)
	}
	mustBan(t, b.admin, banValues(models.BanIP, "203.0.113.7", "7d", "Spam from this address"))
	if resp, body := b.admin.post("/t/"+strconv.FormatInt(b.topic.ID, 10)+"/lock", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("lock: status %d\n%s", resp.StatusCode, body)
	}
	if resp, body := b.admin.post("/t/"+strconv.FormatInt(b.topic.ID, 10)+"/unlock", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("unlock: status %d\n%s", resp.StatusCode, body)
	}
	_, groups := b.admin.page("/groups")
	b.group = firstID(t, groups, `a[href^="/groups/"]`, "/groups/")
	return b
}

// firstID is the number after prefix in the first link that sel matches.
func firstID(t *testing.T, doc *goquery.Document, sel, prefix string) int64 {
	t.Helper()
	href, _ := doc.Find(sel).First().Attr("href")
	rest, _, _ := strings.Cut(strings.TrimPrefix(href, prefix), "/")
	id, err := strconv.ParseInt(rest, 10, 64)
	if err != nil {
		t.Fatalf("no link %s with an id after %s (found %q)", sel, prefix, href)
	}
	return id
}

func TestBrowserAccessibilityEveryPage(t *testing.T) {
	b := newA11yBoard(t)
	base := b.listen()
	post := strconv.FormatInt(b.posts[1], 10)
	forum := strconv.FormatInt(b.forum.ID, 10)
	topic := strconv.FormatInt(b.topic.ID, 10)
	profile := views.UserPath(b.modU.ID, b.modU.Username)
	public := []string{
		"/", views.ForumPath(b.forum.ID, b.forum.Title), b.topicPath, b.topicPath + "?page=2",
		profile, "/members", "/groups", views.GroupPath(b.group),
		"/search", "/search?q=dew", "/search/unanswered", "/faq", "/offline", "/no-such-page",
	}

	t.Run("as a guest", func(t *testing.T) {
		ctx := browserStartFor(t, 3*time.Minute)
		browserWithAxe(t, ctx)
		for _, path := range append(public, "/login", "/register") {
			axeVisit(t, ctx, base, path)
		}
	})

	t.Run("as an administrator", func(t *testing.T) {
		ctx := browserStartFor(t, 5*time.Minute)
		browserWithAxe(t, ctx)
		browserLogInAs(t, ctx, base, b.adminU.Username, memberPassword)
		member := []string{
			"/f/" + forum + "/new", "/t/" + topic + "/reply", "/p/" + post + "/edit", "/p/" + post + "/info", views.ReportPath(b.posts[3]),
			"/t/" + topic + "/move", "/t/" + topic + "/split", "/t/" + topic + "/merge",
			"/search/new", "/search/unread", "/search/mine", "/settings", views.SettingsZonesPath,
			"/pm", "/pm/sent", "/pm/outbox", "/pm/saved", "/pm/new", views.PMPath(b.pm), views.PMPath(b.pm) + "/reply",
			"/mod/reports", "/mod/bans", "/mod/bans/new", "/mod/log",
			"/admin", "/admin/settings", "/admin/forums", "/admin/forums/new",
			"/admin/forums/" + forum + "/edit", "/admin/forums/" + forum + "/delete", "/admin/forums/" + forum + "/permissions",
			"/admin/categories/new", "/admin/categories/" + strconv.FormatInt(b.forum.CategoryID, 10) + "/edit",
			"/admin/groups", "/admin/groups/new", "/admin/groups/" + strconv.FormatInt(b.group, 10),
			"/admin/users", "/admin/users/" + strconv.FormatInt(b.modU.ID, 10),
		}
		for _, path := range append(public, member...) {
			axeVisit(t, ctx, base, path)
		}
	})
}

// a11yTabTo presses Tab until the focused element matches selector, and
// fails when it is not reached within limit presses.
func a11yTabTo(t *testing.T, ctx context.Context, selector string, limit int) {
	t.Helper()
	is := `document.activeElement?.matches(` + strconv.Quote(selector) + `) === true`
	for range limit {
		if browserEval[bool](t, ctx, is) {
			return
		}
		browserDo(t, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
	}
	t.Fatalf("%d presses of Tab never reached %s; focus is on %s", limit, selector,
		browserEval[string](t, ctx, `document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing'`))
}

// a11yAnnounced waits until the live region says message and focus is on
// an element that matches focus.
func a11yAnnounced(t *testing.T, ctx context.Context, message, focus string) {
	t.Helper()
	browserWaitUntil(t, ctx, `document.getElementById('announcer').textContent === `+strconv.Quote(message)+
		` && document.activeElement?.matches(`+strconv.Quote(focus)+`) === true`,
		`({said: document.getElementById('announcer').textContent, focus: document.activeElement?.outerHTML.slice(0, 160)})`)
}

func TestBrowserKeyboardReadsAndRepliesWithAnnouncements(t *testing.T) {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	b.member("maren", memberPassword)
	forum := b.fx.Forum("Long reads")
	topic := b.fx.Topic(forum, b.fx.User("dew_fan"), fixture.TopicSpec{Title: "Thirty posts on dew heaters", Posts: 30, Every: time.Minute})
	base := b.listen()
	ctx := browserStartFor(t, 2*time.Minute)
	browserWithAxe(t, ctx)
	browserLogInAs(t, ctx, base, "maren", memberPassword)
	browserDo(t, ctx, "open the topic", chromedp.Navigate(base+views.TopicPath(topic.ID, topic.Title)))
	browserWaitUntil(t, ctx, browserScriptLoaded+` && `+browserFirstPostIs(1), browserPageState)

	// The first Tab lands on the skip link, and Enter on it goes to the content.
	browserDo(t, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
	if got := browserEval[string](t, ctx, `document.activeElement?.textContent.trim() ?? ''`); got != "Skip to content" {
		t.Fatalf("the first Tab focuses %q, want Skip to content", got)
	}
	if !browserEval[bool](t, ctx, `getComputedStyle(document.activeElement).position === 'absolute' && document.activeElement.getBoundingClientRect().width > 10`) {
		t.Errorf("the focused skip link is not shown")
	}
	browserDo(t, ctx, "press Enter on Skip to content", chromedp.KeyEvent(kb.Enter))
	browserWaitUntil(t, ctx, `location.hash === '#content'`, `location.href`)

	t.Run("pagination: Page 2 loaded, focus on its first post", func(t *testing.T) {
		a11yTabTo(t, ctx, `#pagination-top a[rel=next]`, 40)
		if outline := browserEval[string](t, ctx, `getComputedStyle(document.activeElement).outlineStyle`); outline == "none" {
			t.Errorf("the focused page link shows no outline")
		}
		browserDo(t, ctx, "press Enter on Next", chromedp.KeyEvent(kb.Enter))
		browserWaitUntil(t, ctx, browserFirstPostIs(26), browserPageState)
		a11yAnnounced(t, ctx, "Page 2 loaded", `#posts article:first-of-type`)
		axeCheck(t, ctx, "page 2 swapped in")
	})

	t.Run("reply with quote: focus in the reply box", func(t *testing.T) {
		a11yTabTo(t, ctx, `#posts article:last-of-type .quote-link`, 60)
		browserDo(t, ctx, "press Enter on Reply with quote", chromedp.KeyEvent(kb.Enter))
		browserWaitUntil(t, ctx, `document.getElementById('reply-message')?.value.includes('[quote') && document.activeElement?.id === 'reply-message'`,
			`({value: document.getElementById('reply-message')?.value, focus: document.activeElement?.id})`)
		axeCheck(t, ctx, "quote in the reply box")
	})

	t.Run("reply: Reply posted, focus on the new post", func(t *testing.T) {
		browserDo(t, ctx, "type a reply", chromedp.KeyEvent("Agreed, a heater strip at the dew shield works."))
		a11yTabTo(t, ctx, `#reply button[type=submit]:not([name])`, 10)
		browserDo(t, ctx, "press Enter on Post reply", chromedp.KeyEvent(kb.Enter))
		browserWaitUntil(t, ctx, `document.querySelectorAll('#posts article').length === 6`, browserPageState)
		a11yAnnounced(t, ctx, "Reply posted", `#posts article:last-of-type`)
		axeCheck(t, ctx, "reply added")
	})

	t.Run("edit: the edit box, then Post saved", func(t *testing.T) {
		a11yTabTo(t, ctx, `#posts article:last-of-type .edit-link`, 20)
		browserDo(t, ctx, "press Enter on Edit", chromedp.KeyEvent(kb.Enter))
		browserWaitUntil(t, ctx, `document.activeElement?.matches('#posts article:last-of-type textarea[name=message]') === true`,
			`document.activeElement?.outerHTML.slice(0, 160)`)
		axeCheck(t, ctx, "inline edit form")
		browserDo(t, ctx, "add to the message", chromedp.KeyEvent(" Edited."))
		a11yTabTo(t, ctx, `#posts article:last-of-type button[type=submit]`, 10)
		browserDo(t, ctx, "press Enter on Save", chromedp.KeyEvent(kb.Enter))
		a11yAnnounced(t, ctx, "Post saved", `#posts article:last-of-type`)
		if got := browserEval[string](t, ctx, `document.querySelector('#posts article:last-of-type .post-body').textContent`); !strings.Contains(got, "Edited.") {
			t.Errorf("the saved post reads %q, want the edit in it", got)
		}
	})
}
