package app

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"hyperboard/views"
)

const browserPMState = `({url: location.href, to: document.querySelector('#pm-to')?.value,
	names: Array.from(document.querySelectorAll('#pm-names option'), o => o.value),
	error: document.querySelector('#pm-error')?.textContent, list: document.querySelector('#pm-list')?.textContent})`

// browserMember logs a member in, in a browser of its own, with JavaScript on or off.
func browserMember(t *testing.T, base, name string, js bool) context.Context {
	t.Helper()
	ctx := browserStart(t)
	browserDo(t, ctx, "open the login form",
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !js})
			return err
		}),
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/login"),
		chromedp.SetValue(chromedp.CSS("#login-name"), name),
		chromedp.SetValue(chromedp.CSS("#login-password"), registerPassword),
	)
	navigate(t, ctx, "log in as "+name, chromedp.Click(chromedp.CSS("#login button[type=submit]")))
	return ctx
}

func TestBrowserPrivateMessage(t *testing.T) {
	b := newTestBoard(t)
	b.member("nova", registerPassword)
	b.member("vega", registerPassword)
	base := b.listen()

	for _, c := range []struct {
		mode    string
		js      bool
		subject string
	}{{"with JavaScript", true, "Meet at the dark site?"}, {"without JavaScript", false, "Spare eyepiece"}} {
		t.Run(c.mode+" a member writes and the recipient reads", func(t *testing.T) {
			ctx := browserMember(t, base, "nova", c.js)
			navigate(t, ctx, "open a new message", chromedp.Navigate(base+"/pm/new"))
			if c.js {
				browserWaitUntil(t, ctx, browserScriptLoaded, browserPMState)
				browserDo(t, ctx, "type the start of a name", chromedp.SendKeys(chromedp.CSS("#pm-to"), "ve"))
				browserWaitUntil(t, ctx, `Array.from(document.querySelectorAll('#pm-names option'), o => o.value).includes('vega')`, browserPMState)
			}
			browserDo(t, ctx, "write the message",
				chromedp.SetValue(chromedp.CSS("#pm-to"), "vega"),
				chromedp.SetValue(chromedp.CSS("#pm-subject"), c.subject),
				chromedp.SetValue(chromedp.CSS("#pm-message"), "Bring the [b]red[/b] torch."),
			)
			navigate(t, ctx, "send", chromedp.Click(chromedp.CSS("#"+views.PMFormID+" button[type=submit]:not([name])")))
			if got := browserEval[string](t, ctx, `location.pathname`); !strings.HasPrefix(got, "/pm") {
				t.Fatalf("after sending the browser is at %q", got)
			}

			reader := browserMember(t, base, "vega", c.js)
			navigate(t, reader, "open the inbox", chromedp.Navigate(base+"/pm"))
			if got := browserEval[string](t, reader, `document.querySelector('#pm-list')?.textContent ?? ''`); !strings.Contains(got, c.subject) {
				t.Fatalf("the inbox shows %q", got)
			}
			navigate(t, reader, "open the message", chromedp.Click(chromedp.Search(`//a[contains(., "`+c.subject+`")]`)))
			if got := browserEval[string](t, reader, `document.querySelector('.post-body strong')?.textContent ?? ''`); got != "red" {
				t.Errorf("the message body shows %q in bold, want red", got)
			}
		})
	}
}
