package app

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"hyperboard/models"
	"hyperboard/views"
)

const browserModState = `({url: location.href, marker: window.__marker,
	locked: !!document.querySelector('#topic-status .locked-marker'),
	tools: document.querySelector('#mod-tools')?.innerText,
	reply: document.querySelector('#reply')?.tagName})`

// browserMemberTab opens a second tab with cookies of its own, logged in as
// the board's member, for seeing what the moderator's action did to others.
func browserMemberTab(t *testing.T, ctx context.Context, base string) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	browserLogInAs(t, tab, base, "member", memberPassword)
	return tab
}

// browserMemberCannotReply checks, in the member's tab, that the topic
// offers no reply box and says it is locked.
func browserMemberCannotReply(t *testing.T, tab context.Context, url string) {
	t.Helper()
	navigate(t, tab, "the member opens the topic", chromedp.Navigate(url))
	if got := browserEval[string](t, tab, `document.querySelector('form#reply') ? 'a reply form' : document.querySelector('#reply')?.textContent ?? ''`); !containsAll(got, "locked") {
		t.Errorf("the member's reply box shows %q, want the locked notice", got)
	}
}

func TestBrowserModeratorLocksTopicInline(t *testing.T) {
	b := newModBoard(t)
	base := b.listen()
	ctx := browserStart(t)
	url := base + topicURL(b.topicA)
	browserLogInAs(t, ctx, base, "warden", memberPassword)
	navigate(t, ctx, "open the topic", chromedp.Navigate(url))
	browserWaitUntil(t, ctx, browserScriptLoaded+` && document.querySelector('#mod-tools .lock-button') !== null`, browserModState)
	browserEval[chromedp.Void](t, ctx, `window.__marker = 42`)

	browserDo(t, ctx, "lock with a reason",
		chromedp.SetValue(chromedp.CSS("#mod-reason"), "cooling off"),
		chromedp.Click(chromedp.CSS("#mod-tools .lock-button")),
	)
	browserWaitUntil(t, ctx, `document.querySelector('#topic-status .locked-marker') !== null
		&& document.querySelector('#mod-tools .unlock-button') !== null
		&& document.querySelector('#reply-note .locked-note') !== null`, browserModState)
	if got := browserEval[bool](t, ctx, `window.__marker === 42 && document.querySelectorAll('#mod-tools').length === 1`); !got {
		t.Error("the lock reloaded the page or duplicated the box instead of swapping it in place")
	}
	if got := browserEval[string](t, ctx, `document.querySelector('#mod-tools .mod-status')?.textContent ?? ''`); !containsAll(got, "locked") {
		t.Errorf("the box says %q", got)
	}
	if e := b.lastLog(t); e.Action != models.ModLock || e.Reason != "cooling off" {
		t.Errorf("log entry = %+v", e)
	}

	browserMemberCannotReply(t, browserMemberTab(t, ctx, base), url)
}

func TestBrowserModeratorLocksTopicWithoutJavaScript(t *testing.T) {
	b := newModBoard(t)
	base := b.listen()
	ctx := browserStart(t)
	url := base + topicURL(b.topicA)
	browserDo(t, ctx, "switch JavaScript off", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	browserLogInAs(t, ctx, base, "warden", memberPassword)
	navigate(t, ctx, "open the topic", chromedp.Navigate(url))
	browserDo(t, ctx, "give a reason", chromedp.SetValue(chromedp.CSS("#mod-reason"), "cooling off"))
	navigate(t, ctx, "press Lock topic", chromedp.Click(chromedp.CSS("#mod-tools .lock-button")))
	if got := browserEval[string](t, ctx, `location.href`); got != url {
		t.Errorf("after locking the browser is at %q, want the topic", got)
	}
	if got := browserEval[bool](t, ctx, `document.querySelector('#topic-status .locked-marker') !== null && document.querySelector('#mod-tools .unlock-button') !== null`); !got {
		t.Error("the reloaded topic page does not show the lock")
	}
	if e := b.lastLog(t); e.Action != models.ModLock || e.Reason != "cooling off" {
		t.Errorf("log entry = %+v", e)
	}
	browserMemberCannotReply(t, browserMemberTab(t, ctx, base), url)
}

// The moderator's pages read on a phone without sideways scrolling, every
// tool of the box opened.
func TestBrowserModeratorPagesOnAPhone(t *testing.T) {
	b := newModBoard(t)
	if _, err := b.store.DeletePostWithReason(t.Context(), b.postsA[2], b.modUser.ID, "spam"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.store.CreateReply(t.Context(), b.topicA.ID, models.NewPost{AuthorID: b.memberU.ID, Body: "hello", BodyHTML: "<p>hello</p>", IP: "2001:db8:85a3::8a2e:370:7334"}); err != nil {
		t.Fatal(err)
	}
	base := b.listen()
	ctx := browserStart(t)
	browserLogInAs(t, ctx, base, "warden", memberPassword)
	browserDo(t, ctx, "use a phone", chromedp.EmulateViewport(360, 800, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
	for name, path := range map[string]string{
		"topic":      topicURL(b.topicA),
		"split page": views.SplitPath(b.topicA.ID),
		"move page":  views.MovePath(b.topicA.ID),
		"log":        views.ModLogPath(0),
		"post info":  views.PostInfoPath(b.fx.PostIDs(b.topicA.ID)[5]),
	} {
		navigate(t, ctx, "open the "+name, chromedp.Navigate(base+path))
		browserEval[chromedp.Void](t, ctx, `document.querySelectorAll('details').forEach(d => d.open = true)`)
		browserNoSidewaysScroll(t, ctx, name)
		browserScreenshot(t, ctx, "phone-mod-"+strings.ReplaceAll(name, " ", "-"))
	}
}

// A moderator edits another member's post in place, with a reason, and the
// edit note names the moderator; without JavaScript the same edit goes
// through the edit page.
func TestBrowserModeratorEditsAnotherPost(t *testing.T) {
	for _, js := range []bool{true, false} {
		t.Run(map[bool]string{true: "with JavaScript", false: "without JavaScript"}[js], func(t *testing.T) {
			b := newModBoard(t)
			base := b.listen()
			ctx := browserStart(t)
			url := base + topicURL(b.topicA)
			post := "#" + views.PostAnchor(b.postsA[1])
			if !js {
				browserDo(t, ctx, "switch JavaScript off", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
					return err
				}))
			}
			browserLogInAs(t, ctx, base, "warden", memberPassword)
			navigate(t, ctx, "open the topic", chromedp.Navigate(url))
			form := post + " .edit-form"
			if js {
				browserWaitUntil(t, ctx, browserScriptLoaded, browserModState)
				browserEval[chromedp.Void](t, ctx, `window.__marker = 42`)
				browserDo(t, ctx, "open the inline editor", chromedp.Click(chromedp.CSS(post+" .edit-link")))
				browserWaitUntil(t, ctx, `document.querySelector('`+post+` .edit-form') !== null`, browserModState)
			} else {
				navigate(t, ctx, "follow Edit", chromedp.Click(chromedp.CSS(post+" .edit-link")))
			}
			browserDo(t, ctx, "rewrite the post with a reason",
				chromedp.SetValue(chromedp.CSS(form+" textarea"), "Tidied: [b]collimate[/b] before every session."),
				chromedp.SetValue(chromedp.CSS(form+" input[name=reason]"), "formatting"),
			)
			if js {
				browserDo(t, ctx, "save", chromedp.Click(chromedp.CSS(form+" button[type=submit]")))
				browserWaitUntil(t, ctx, `document.querySelector('`+post+` .edit-form') === null
					&& document.querySelector('`+post+` .post-body strong')?.textContent === 'collimate'`, browserModState)
				if !browserEval[bool](t, ctx, `window.__marker === 42`) {
					t.Error("saving reloaded the page instead of swapping the post")
				}
			} else {
				navigate(t, ctx, "save", chromedp.Click(chromedp.CSS(form+" button[type=submit]")))
			}
			note := browserEval[string](t, ctx, `document.querySelector('`+post+` .edit-note')?.textContent ?? ''`)
			if !containsAll(note, "warden", "formatting") {
				t.Errorf("edit note %q, want the moderator's name and the reason", note)
			}
			if e := b.lastLog(t); e.PostID != b.postsA[1] || e.Reason != "formatting" {
				t.Errorf("log entry = %+v", e)
			}
		})
	}
}
