package app

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hyperboard/bbcode"
	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// browserHostile is hostileBody for a real browser: payloads set a flag
// instead of opening a dialog, and htmx attributes aim at the session and
// at post 1.
const browserHostile = `<script>window.__pwned='script'</script><img src=x onerror="window.__pwned='img'">` +
	`<a hx-get="/logout" hx-trigger="load">l</a><div hx-post="/p/1/delete" hx-trigger="revealed">d</div>` +
	`<div data-hx-get="/logout" data-hx-trigger="load">dl</div>` +
	`<div id="site-nav" hx-swap-oob="true">fake nav</div>` +
	`[url=javascript:window.__pwned='url']u[/url][quote="x" onmouseover="window.__pwned='quote'"]q[/quote]` +
	`</div></article><p hx-get="/logout" hx-trigger="load">after</p>`

const browserHostileState = `({url: location.href, posts: document.querySelectorAll('#posts article').length,
	nav: document.querySelector('#site-nav')?.textContent.trim().slice(0, 60), pwned: window.__pwned,
	requests: performance.getEntriesByType('resource').map(e => e.name.replace(location.origin, ''))})`

// Items 19-22: user content cannot make htmx act, in a page or in an htmx
// fragment, even with the hx-disable wrapper taken away.
func TestBrowserHostilePostsCannotDriveHTMX(t *testing.T) {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	author := b.fx.User("mallory")
	topic := b.fx.Topic(b.fx.Forum("Lounge"), author, fixture.TopicSpec{Title: "Innocent", Posts: 2})
	first := b.fx.PostIDs(topic.ID)[0]
	if _, err := b.store.CreateReply(t.Context(), topic.ID, models.NewPost{AuthorID: author.ID, Body: browserHostile, BodyHTML: bbcode.Cook(browserHostile)}); err != nil {
		t.Fatal(err)
	}
	b.member("reader", registerPassword)
	base := b.listen()
	ctx := browserStart(t)
	browserLogInAs(t, ctx, base, "reader", registerPassword)
	navigate(t, ctx, "open the topic", chromedp.Navigate(base+views.TopicPath(topic.ID, topic.Title)))
	browserWaitUntil(t, ctx, browserScriptLoaded+` && document.querySelectorAll('#posts article').length === 3`, browserHostileState)
	nav := browserEval[string](t, ctx, `document.querySelector('#site-nav').innerHTML`)
	// htmx starts on the reader's first act, as a click into the reply box.
	browserDo(t, ctx, "click into the reply box", chromedp.Click(chromedp.CSS("#reply-message")))
	browserWaitUntil(t, ctx, `window.htmx !== undefined`, browserHostileState)

	// Item 22: the wrapper is only a second line. Take it away and let
	// htmx look at the posts again.
	browserEval[chromedp.Void](t, ctx, `document.querySelectorAll('[hx-disable]').forEach(e => { e.removeAttribute('hx-disable'); htmx.process(e) })`)

	// Item 21: the same text sent as an inline reply comes back inside the
	// htmx fragment.
	browserDo(t, ctx, "send the hostile text inline",
		chromedp.SetValue(chromedp.CSS("#reply-message"), browserHostile),
		chromedp.Click(chromedp.CSS("#reply button[type=submit]:not([name])")),
	)
	browserWaitUntil(t, ctx, `document.querySelectorAll('#posts article').length === 4 && document.querySelector('#reply-message').value === ''`, browserHostileState)
	browserEval[chromedp.Void](t, ctx, `document.querySelectorAll('[hx-disable]').forEach(e => { e.removeAttribute('hx-disable'); htmx.process(e) })`)
	// A request of the page's own after all that, so that anything the
	// posts had set off would have been sent before it.
	browserEval[chromedp.Void](t, ctx, `htmx.ajax('GET', location.pathname, {target: '#posts', select: '#posts', swap: 'outerHTML'}).then(() => window.__settled = true)`)
	browserWaitUntil(t, ctx, `window.__settled === true`, browserHostileState)

	requests := browserEval[[]string](t, ctx, `performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)`)
	for _, r := range requests {
		if strings.HasPrefix(r, "/logout") || strings.HasSuffix(r, "/delete") {
			t.Errorf("user content made the browser request %s", r)
		}
	}
	if got := browserEval[string](t, ctx, `String(window.__pwned)`); got != "undefined" {
		t.Errorf("a payload ran: %s", got)
	}
	if got := browserEval[string](t, ctx, `document.querySelector('#site-nav').innerHTML`); got != nav {
		t.Errorf("the navigation changed to %q", got)
	}
	if n := browserEval[int](t, ctx, `document.querySelectorAll('#site-nav').length`); n != 1 {
		t.Errorf("%d elements with the navigation's id", n)
	}
	if got := browserEval[bool](t, ctx, `document.querySelector('#posts article:last-of-type .post-body').textContent.includes('hx-swap-oob')`); !got {
		t.Error("the appended post does not show the hostile text as text")
	}
	if n := countRows(t, b, "SELECT count(*) FROM posts WHERE id = ? AND deleted_at IS NULL", first); n != 1 {
		t.Error("post 1 was deleted")
	}
	if n := countRows(t, b, "SELECT count(*) FROM sessions"); n != 1 {
		t.Errorf("%d sessions: the reader was logged out", n)
	}
}

// Item 24: a private message is not shown again by Back after logout.
func TestBrowserBackAfterLogoutHidesPrivateMessages(t *testing.T) {
	b := newTestBoard(t)
	sender := b.member("sender", registerPassword)
	b.member("reader", registerPassword)
	id, err := b.store.SendPM(t.Context(), models.NewPM{SenderID: sender.ID, To: []string{"reader"}, Subject: "Codes",
		Body: "the vault code is 4711", BodyHTML: "<p>the vault code is 4711</p>", Limits: pmLimits})
	if err != nil {
		t.Fatal(err)
	}
	base := b.listen()
	for _, js := range []bool{true, false} {
		ctx := browserMember(t, base, "reader", js)
		navigate(t, ctx, "open the message", chromedp.Navigate(base+"/pm/"+idStr(id)))
		if !browserEval[bool](t, ctx, `document.body.textContent.includes('the vault code is 4711')`) {
			t.Fatal("the message is not shown to its reader")
		}
		browserDo(t, ctx, "log out",
			chromedp.Evaluate[chromedp.Void](`document.querySelector('form[action="/logout"]').requestSubmit()`),
		)
		browserWaitUntil(t, ctx, `location.pathname === '/' && document.readyState === 'complete'`, `location.href`)
		browserDo(t, ctx, "go back", chromedp.Evaluate[chromedp.Void](`history.back()`))
		browserWaitUntil(t, ctx, `location.pathname !== '/' && document.readyState === 'complete'`, `location.href`)
		if browserEval[bool](t, ctx, `document.body.textContent.includes('the vault code is 4711')`) {
			t.Errorf("JavaScript %v: Back after logout shows the private message", js)
		}
	}
}
