package app

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"hyperboard/internal/fixture"
	"hyperboard/views"
)

// TestBrowserAccountJourney walks a newcomer through the account features
// in a real browser, with JavaScript on and off: register, read a post,
// move to another timezone and see the post's time follow, log out.
func TestBrowserAccountJourney(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("caroline")
	forum := b.fx.Forum("Observing reports")
	posted := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	topic := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Lunar occultation", Posts: 1, LastAt: posted})
	topicURL := views.TopicPath(topic.ID, topic.Title)
	base := b.listen()

	const state = `({url: location.href, account: document.querySelector('#account')?.textContent.trim(),
		time: document.querySelector('#posts time')?.textContent, zone: document.querySelector('#timezone')?.textContent,
		errors: Array.from(document.querySelectorAll('.field-error'), e => e.textContent)})`

	for _, c := range []struct {
		mode string
		js   bool
		name string
	}{{"with JavaScript", true, "night_owl"}, {"without JavaScript", false, "early_bird"}} {
		t.Run(c.mode+" a newcomer registers, changes timezone and logs out", func(t *testing.T) {
			ctx := browserStart(t)
			browserDo(t, ctx, "open the registration form",
				chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !c.js})
					return err
				}),
				chromedp.EmulateViewport(390, 844),
				chromedp.Navigate(base+"/register"),
			)
			if c.js {
				browserWaitUntil(t, ctx, browserScriptLoaded, state)
			}
			browserDo(t, ctx, "fill in the form",
				chromedp.SetValue(chromedp.CSS("#register-name"), c.name),
				chromedp.SetValue(chromedp.CSS("#register-email"), c.name+"@example.org"),
				chromedp.SetValue(chromedp.CSS("#register-password"), registerPassword),
				chromedp.SetValue(chromedp.CSS("#register-confirm"), registerPassword),
			)
			navigate(t, ctx, "register", chromedp.Click(chromedp.CSS("#register button[type=submit]")))
			browserWaitUntil(t, ctx, `document.querySelector('#account .account-name')?.textContent === '`+c.name+`'`, state)

			postTimeIs := func(when, zone string) {
				t.Helper()
				navigate(t, ctx, "open the topic", chromedp.Navigate(base+topicURL))
				got := browserEval[[]string](t, ctx, `[document.querySelector('#posts time')?.textContent, document.querySelector('#timezone')?.textContent]`)
				if len(got) != 2 || got[0] != when || got[1] != zone {
					t.Errorf("the post shows %q, want %q in %q", got, when, zone)
				}
			}
			postTimeIs("Wed Mar 4, 2026 10:00 am", "UTC+00:00 (UTC)")

			navigate(t, ctx, "open the settings", chromedp.Navigate(base+"/settings"))
			change := chromedp.Click(chromedp.CSS("#" + views.PreferencesFormID + " .timezone-change"))
			if c.js {
				browserDo(t, ctx, "ask for the list of zones", change)
				browserWaitUntil(t, ctx, `document.querySelector('#pref-timezone') !== null`, state)
			} else {
				navigate(t, ctx, "follow Change to the list of zones", change)
			}
			browserDo(t, ctx, "choose Tokyo", chromedp.SetValue(chromedp.CSS("#pref-timezone"), "Asia/Tokyo"))
			save := chromedp.Click(chromedp.CSS("#" + views.PreferencesFormID + " button[type=submit]"))
			if c.js {
				browserDo(t, ctx, "save", save)
				// The footer is updated out of band, without a reload.
				browserWaitUntil(t, ctx, `document.querySelector('#timezone')?.textContent.startsWith('UTC+09:00')`, state)
			} else {
				navigate(t, ctx, "save", save)
			}
			postTimeIs("Wed Mar 4, 2026 7:00 pm", "UTC+09:00 (Asia/Tokyo)")

			// The account menu opens without JavaScript too (<details>).
			browserDo(t, ctx, "open the account menu", chromedp.Click(chromedp.CSS("#account summary")))
			navigate(t, ctx, "log out", chromedp.Click(chromedp.CSS(`#account form[action="/logout"] button`)))
			browserWaitUntil(t, ctx, `document.querySelector('#account a[href="/login"]') !== null`, state)
			postTimeIs("Wed Mar 4, 2026 10:00 am", "UTC+00:00 (UTC)")
		})
	}
}

// navigate runs an action that loads a new page and checks the page loaded.
func navigate(t *testing.T, ctx context.Context, what string, action chromedp.Action[chromedp.Void]) {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, action)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if resp == nil || resp.Status != http.StatusOK {
		t.Fatalf("%s: got %+v, want a page", what, resp)
	}
}
