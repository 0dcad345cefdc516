package app

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

const browserReportState = `({url: location.href, marker: window.__marker,
	forms: Array.from(document.querySelectorAll('.report-form, .report-done'), e => e.id + ': ' + e.textContent.trim().slice(0, 80)),
	closed: document.querySelector('.report-closed')?.textContent})`

// browserScripts turns the page's JavaScript off or on for what the tab loads next.
func browserScripts(t *testing.T, ctx context.Context, on bool) {
	t.Helper()
	browserDo(t, ctx, "switch JavaScript", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	}))
}

func TestBrowserReportAndClose(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("stargazer")
	topic := b.fx.Topic(b.fx.Forum("Observing"), author, fixture.TopicSpec{Title: "Telescopes for sale", Posts: 2})
	ids := b.fx.PostIDs(topic.ID)
	b.member("replier", registerPassword)
	b.fx.Join(b.member("warden", registerPassword), models.GroupModerators)
	topicURL := views.TopicPath(topic.ID, topic.Title)
	base := b.listen()
	ctx := browserStart(t)
	first, second := "#p"+strconv.FormatInt(ids[0], 10), "#p"+strconv.FormatInt(ids[1], 10)

	// With JavaScript: the form opens under the post and thanks in place.
	browserLogInAs(t, ctx, base, "replier", registerPassword)
	navigate(t, ctx, "open the topic", chromedp.Navigate(base+topicURL))
	browserWaitUntil(t, ctx, browserScriptLoaded, browserReportState)
	browserEval[chromedp.Void](t, ctx, `window.__marker = 42`)
	browserDo(t, ctx, "click Report", chromedp.Click(chromedp.CSS(first+" .report-link")))
	browserWaitUntil(t, ctx, `document.querySelector('`+first+` .report-form') !== null`, browserReportState)
	browserDo(t, ctx, "choose Spam and add a note",
		chromedp.Click(chromedp.CSS(first+` .report-form input[value=spam]`)),
		chromedp.SetValue(chromedp.CSS(first+` .report-form textarea`), "Sold in every thread"),
		chromedp.Click(chromedp.CSS(first+` .report-form button[type=submit]`)),
	)
	browserWaitUntil(t, ctx, `document.querySelector('`+first+` .report-done')?.textContent.includes('Thank you, the moderators will look at it')`, browserReportState)
	if got := browserEval[int](t, ctx, `window.__marker ?? 0`); got != 42 {
		t.Errorf("window.__marker = %d, want 42: the report reloaded the page", got)
	}
	browserScreenshot(t, ctx, "report-inline")

	// Without JavaScript: the same link opens a page, which goes back to the post.
	browserScripts(t, ctx, false)
	navigate(t, ctx, "open the topic without JavaScript", chromedp.Navigate(base+topicURL))
	navigate(t, ctx, "follow Report", chromedp.Click(chromedp.CSS(second+" .report-link")))
	if got := browserEval[string](t, ctx, `location.pathname`); got != views.ReportPath(ids[1]) {
		t.Fatalf("Report led to %s, want the report page", got)
	}
	browserDo(t, ctx, "choose Other and explain",
		chromedp.Click(chromedp.CSS(`.report-form input[value=other]`)),
		chromedp.SetValue(chromedp.CSS(`.report-form textarea`), "Same seller again"),
	)
	navigate(t, ctx, "send the report", chromedp.Click(chromedp.CSS(`.report-form button[type=submit]`)))
	if got := browserEval[string](t, ctx, `location.pathname + location.hash`); got != topicURL+second {
		t.Errorf("after reporting the browser is at %s, want %s", got, topicURL+second)
	}
	if n := countRows(t, b, "SELECT count(*) FROM reports WHERE closed_at IS NULL"); n != 2 {
		t.Fatalf("%d open reports, want 2", n)
	}

	// A moderator follows the marker to the queue and closes a report inline.
	browserDo(t, ctx, "log out", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.ClearBrowserCookies, cdp.Empty{})
		return err
	}))
	browserScripts(t, ctx, true)
	browserLogInAs(t, ctx, base, "warden", registerPassword)
	navigate(t, ctx, "open the topic as a moderator", chromedp.Navigate(base+topicURL))
	navigate(t, ctx, "follow the Reported marker", chromedp.Click(chromedp.CSS(first+" .reported-marker")))
	browserWaitUntil(t, ctx, browserScriptLoaded+` && document.querySelectorAll('#reports .report-row').length === 1`, browserReportState)
	browserEval[chromedp.Void](t, ctx, `window.__marker = 43`)
	browserDo(t, ctx, "close the report with a note",
		chromedp.SetValue(chromedp.CSS(`#reports .report-close input[name=note]`), "Warned the seller"),
		chromedp.Click(chromedp.CSS(`#reports .report-close button[type=submit]`)),
	)
	browserWaitUntil(t, ctx, `document.querySelector('#reports .report-closed')?.textContent.includes('Warned the seller') && window.__marker === 43`, browserReportState)
	browserScreenshot(t, ctx, "report-closed")
	if n := countRows(t, b, "SELECT count(*) FROM reports WHERE closed_at IS NOT NULL AND close_note = 'Warned the seller'"); n != 1 {
		t.Errorf("%d reports closed with the note, want 1", n)
	}
}

func TestBrowserModeratorPanelsOnAPhone(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("stargazer")
	topic := b.fx.Topic(b.fx.Forum("Observing"), author, fixture.TopicSpec{Title: strings.Repeat("Astrophotography", 5), Posts: 2})
	ids := b.fx.PostIDs(topic.ID)
	reporter := b.member("replier", registerPassword)
	warden := b.member("warden", registerPassword)
	b.fx.Join(warden, models.GroupModerators)
	if err := b.store.CreateReport(t.Context(), ids[1], reporter.ID, models.ReportOther, strings.Repeat("Unbrokenwordinanote", 6)); err != nil {
		t.Fatal(err)
	}
	for _, ban := range []models.NewBan{
		{Kind: models.BanEmail, Target: "*@" + strings.Repeat("very-long-subdomain", 5) + ".example"},
		{Kind: models.BanIP, Target: "2001:db8:85a3:1234:5678:8a2e:370:7334"},
	} {
		ban.Reason, ban.Note, ban.By = "Spam", strings.Repeat("Privatenotewithoutspaces", 5), warden.ID
		if _, err := b.store.CreateBan(t.Context(), ban); err != nil {
			t.Fatal(err)
		}
	}
	base := b.listen()
	ctx := browserStart(t)
	browserDo(t, ctx, "use a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
	browserLogInAs(t, ctx, base, "warden", registerPassword)
	for _, page := range []struct{ name, path string }{
		{"report queue", views.ReportQueuePath},
		{"ban list", views.BanListPath},
		{"ban form", views.BanUserPath("stargazer")},
		{"report page", views.ReportPath(ids[0])},
	} {
		navigate(t, ctx, "open the "+page.name, chromedp.Navigate(base+page.path))
		browserNoSidewaysScroll(t, ctx, page.name)
		browserScreenshot(t, ctx, "phone-"+strings.ReplaceAll(page.name, " ", "-"))
	}
}
