package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

const browserReplyState = `({url: location.href, posts: document.querySelectorAll('#posts article').length,
	box: document.querySelector('#reply-message')?.value, error: document.querySelector('#reply-error')?.textContent,
	marker: window.__marker})`

// browserReplyBoard is a topic of three posts and a member logged in to
// reply to it in the browser.
func browserReplyBoard(t *testing.T) (b *testBoard, base, topicURL string, ctx context.Context) {
	b = newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	author := b.fx.User("stargazer")
	topic := b.fx.Topic(b.fx.Forum("Observing"), author, fixture.TopicSpec{Title: "Meteor shower tonight", Posts: 3})
	b.member("replier", registerPassword)
	base = b.listen()
	ctx = browserStart(t)
	return b, base, views.TopicPath(topic.ID, topic.Title), ctx
}

func browserLogIn(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	browserDo(t, ctx, "log in",
		chromedp.Navigate(base+"/login"),
		chromedp.SetValue(chromedp.CSS("#login-name"), "replier"),
		chromedp.SetValue(chromedp.CSS("#login-password"), registerPassword),
	)
	navigate(t, ctx, "submit the login form", chromedp.Click(chromedp.CSS("#login button[type=submit]")))
}

func TestBrowserInlineReplyQuoteAndDraft(t *testing.T) {
	b, base, topicURL, ctx := browserReplyBoard(t)
	browserLogIn(t, ctx, base)
	navigate(t, ctx, "open the topic", chromedp.Navigate(base+topicURL))
	browserWaitUntil(t, ctx, browserScriptLoaded, browserReplyState)
	browserEval[chromedp.Void](t, ctx, `window.__marker = 42`)

	// Two quotes gather after what was typed.
	browserDo(t, ctx, "type and quote two posts",
		chromedp.SetValue(chromedp.CSS("#reply-message"), "Agreed with both:"),
		chromedp.Click(chromedp.CSS("#posts article:nth-of-type(1) .quote-link")),
	)
	browserWaitUntil(t, ctx, `document.querySelector('#reply-message').value.includes('Post 1 of')`, browserReplyState)
	browserDo(t, ctx, "quote the second post", chromedp.Click(chromedp.CSS("#posts article:nth-of-type(2) .quote-link")))
	browserWaitUntil(t, ctx, `(v => v.startsWith('Agreed with both:') && v.indexOf('Post 1 of') < v.indexOf('Post 2 of'))(document.querySelector('#reply-message').value)`, browserReplyState)
	if got := browserEval[string](t, ctx, `document.activeElement?.id`); got != "reply-message" {
		t.Errorf("focus is on %q after quoting, want the reply box", got)
	}

	// The reply appears at the end without a reload.
	browserDo(t, ctx, "send the reply", chromedp.Click(chromedp.CSS("#reply button[type=submit]:not([name])")))
	browserWaitUntil(t, ctx, `document.querySelectorAll('#posts article').length === 4 && document.querySelector('#reply-message').value === ''`, browserReplyState)
	if got := browserEval[bool](t, ctx, `window.__marker === 42 && document.querySelector('#posts article:last-of-type .post-body').textContent.includes('Agreed with both:')`); !got {
		t.Error("the reply was not appended in place")
	}

	// A half-written reply survives a reload.
	browserDo(t, ctx, "start another reply", chromedp.SendKeys(chromedp.CSS("#reply-message"), "Half a thought"))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`fetch(location.href, {credentials: 'same-origin'}).then(r => r.text()).then(t => t.includes('Half a thought'))`,
		chromedp.WithPollingTimeout(browserPollTimeout))); err != nil {
		t.Fatalf("the draft was never saved: %v", err)
	}
	navigate(t, ctx, "reload", chromedp.Reload())
	if got := browserEval[string](t, ctx, `document.querySelector('#reply-message').value`); got != "Half a thought" {
		t.Errorf("after a reload the box holds %q", got)
	}
	if n := countRows(t, b, "SELECT count(*) FROM posts"); n != 4 {
		t.Errorf("%d posts, want 4", n)
	}
}

func TestBrowserReplyWithoutJavaScript(t *testing.T) {
	b, base, topicURL, ctx := browserReplyBoard(t)
	browserDo(t, ctx, "switch JavaScript off", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	browserLogIn(t, ctx, base)
	navigate(t, ctx, "open the topic", chromedp.Navigate(base+topicURL))

	navigate(t, ctx, "follow Reply with quote", chromedp.Click(chromedp.CSS("#posts article:nth-of-type(2) .quote-link")))
	if got := browserEval[string](t, ctx, `location.pathname + ' ' + document.querySelector('#reply-message').value`); got == "" ||
		!containsAll(got, "/reply", `post=`, "Post 2 of") {
		t.Fatalf("the reply page shows %q", got)
	}
	browserDo(t, ctx, "add a line", chromedp.SendKeys(chromedp.CSS("#reply-message"), "Same here."))
	navigate(t, ctx, "submit", chromedp.Click(chromedp.CSS("#reply button[type=submit]:not([name])")))
	if got := browserEval[string](t, ctx, `location.pathname + location.hash + ' ' + document.querySelector('#posts article:last-of-type .post-body')?.textContent`); !containsAll(got, topicURL, "#p", "Same here.") {
		t.Errorf("after posting the page shows %q", got)
	}
	if n := countRows(t, b, "SELECT count(*) FROM posts"); n != 4 {
		t.Errorf("%d posts, want 4", n)
	}

	// Edit on a page of its own, and back to the post.
	navigate(t, ctx, "follow Edit", chromedp.Click(chromedp.CSS("#posts article:last-of-type .edit-link")))
	browserDo(t, ctx, "change the text", chromedp.SetValue(chromedp.CSS(".edit-form textarea"), "Same here, [b]twice[/b]."))
	navigate(t, ctx, "save", chromedp.Click(chromedp.CSS(".edit-form button[type=submit]")))
	if got := browserEval[string](t, ctx, `document.querySelector('#posts article:last-of-type .post-body strong')?.textContent + ' ' + document.querySelector('#posts article:last-of-type .edit-note')?.textContent`); !containsAll(got, "twice", "Last edited by replier") {
		t.Errorf("after saving the page shows %q", got)
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

func TestBrowserInlineEditAndCancel(t *testing.T) {
	b, base, topicURL, ctx := browserReplyBoard(t)
	replier, err := b.store.UserForLogin(t.Context(), "replier")
	if err != nil {
		t.Fatal(err)
	}
	topic, err := b.store.TopicView(t.Context(), 1, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{"first of mine", "second of mine"} {
		if _, err := b.store.CreateReply(t.Context(), topic.ID, models.NewPost{AuthorID: replier.ID, Body: body, BodyHTML: "<p>" + body + "</p>"}); err != nil {
			t.Fatal(err)
		}
	}
	browserLogIn(t, ctx, base)
	navigate(t, ctx, "open the topic", chromedp.Navigate(base+topicURL))
	browserWaitUntil(t, ctx, browserScriptLoaded, browserReplyState)
	browserEval[chromedp.Void](t, ctx, `window.__marker = 42`)

	// Open two edits, cancel one, save the other.
	browserDo(t, ctx, "edit both of my posts",
		chromedp.Click(chromedp.CSS("#posts article:nth-of-type(4) .edit-link")),
	)
	browserWaitUntil(t, ctx, `document.querySelectorAll('#posts .edit-form').length === 1`, browserReplyState)
	browserDo(t, ctx, "edit the other", chromedp.Click(chromedp.CSS("#posts article:nth-of-type(5) .edit-link")))
	browserWaitUntil(t, ctx, `document.querySelectorAll('#posts .edit-form').length === 2`, browserReplyState)
	browserDo(t, ctx, "cancel the first", chromedp.Click(chromedp.CSS("#posts article:nth-of-type(4) .cancel-edit")))
	browserWaitUntil(t, ctx, `document.querySelectorAll('#posts .edit-form').length === 1 && document.querySelector('#posts article:nth-of-type(4) .post-body')?.textContent.includes('first of mine')`, browserReplyState)
	browserDo(t, ctx, "change and save the second",
		chromedp.SetValue(chromedp.CSS("#posts article:nth-of-type(5) textarea"), "second, [i]improved[/i]"),
		chromedp.Click(chromedp.CSS("#posts article:nth-of-type(5) .edit-form button[type=submit]")),
	)
	browserWaitUntil(t, ctx, `document.querySelectorAll('#posts .edit-form').length === 0 && document.querySelector('#posts article:nth-of-type(5) .post-body em')?.textContent === 'improved'`, browserReplyState)
	if got := browserEval[bool](t, ctx, `window.__marker === 42 && document.querySelector('#posts article:nth-of-type(5) .edit-note') !== null`); !got {
		t.Error("the edit did not swap in place with its edit note")
	}

	// Delete (offered on the last post) swaps that post, and no other, for
	// a note.
	last := browserEval[string](t, ctx, `document.querySelector('#posts article:nth-of-type(5)').id`)
	browserEval[chromedp.Void](t, ctx, `window.confirm = () => true`)
	browserDo(t, ctx, "delete the second", chromedp.Click(chromedp.CSS("#posts article:nth-of-type(5) .delete-button")))
	browserWaitUntil(t, ctx, `document.querySelector('#`+last+`')?.textContent === 'Your post was deleted.' && document.querySelectorAll('#posts article').length === 4`, browserReplyState)
	if got := browserEval[bool](t, ctx, `window.__marker === 42`); !got {
		t.Error("the deletion reloaded the page")
	}
}
