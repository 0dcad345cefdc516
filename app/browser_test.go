package app

// Browser tests: the board in Debian's chromium, driven by chromedp. They
// check what only a browser can: htmx's partial page swaps and history, the
// same pages with JavaScript off, the layout on a phone, and that the Content
// Security Policy lets htmx run without a single violation.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// browserChromium is where Debian installs its browser; `make test` installs it
// when it is missing.
const browserChromium = "/usr/bin/chromium"

// browserTimeout bounds everything one test does in its browser.
const browserTimeout = 30 * time.Second

// browserPollTimeout bounds one wait for a condition, so that a failed wait reports
// what it waited for while the test's context still has time left.
const browserPollTimeout = 10 * time.Second

// browserStart starts a headless chromium for one test, with a fresh
// profile, and returns a context for its tab. The browser closes when the
// test ends.
func browserStart(t *testing.T) context.Context {
	t.Helper()
	return browserStartFor(t, browserTimeout)
}

// browserStartFor is browserStart for a test that walks many pages and
// needs more time than browserTimeout.
func browserStartFor(t *testing.T, within time.Duration) context.Context {
	t.Helper()
	if _, err := os.Stat(browserChromium); err != nil {
		t.Fatalf("browser tests need %s: %v (run `make test`, which installs Debian's chromium)", browserChromium, err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browserChromium),
		chromedp.UserDataDir(t.TempDir()),
		// Root (as in CI containers) cannot use chromium's sandbox, and
		// containers often lack the namespaces it needs; the browser only
		// visits the test server on the loopback.
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	)
	timeout, cancelTimeout := context.WithTimeout(context.Background(), within)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(timeout, opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		// Registered after t.TempDir above, so the browser is gone before
		// its profile is removed.
		cancelTab()
		cancelAlloc()
		cancelTimeout()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", browserChromium, err)
	}
	return ctx
}

// browserDo runs steps that return nothing and fails the test on an error.
func browserDo(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// browserEval evaluates a JavaScript expression in the page and returns its value.
func browserEval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// browserWaitUntil polls the page until the JavaScript condition holds. On timeout
// it fails with the condition and the value of state, a JavaScript
// expression that describes what the page shows instead.
func browserWaitUntil(t *testing.T, ctx context.Context, cond, state string) {
	t.Helper()
	deadline := time.Now().Add(browserPollTimeout)
	var err error
	for {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool]("("+cond+") && "+browserHTMXIdle, chromedp.WithPollingTimeout(time.Until(deadline))))
		// A page still being replaced has no context to evaluate in yet;
		// that is a reason to look again, not a failure.
		if err == nil || time.Now().After(deadline) ||
			!(strings.Contains(err.Error(), "Cannot find context") || strings.Contains(err.Error(), "navigated or closed")) {
			break
		}
	}
	if err != nil {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(`+state+`)`))
		t.Fatalf("waiting for %s: %v\npage state: %s", cond, err, got)
	}
}

// browserScriptLoaded holds once the page's script has run; htmx itself
// starts on the reader's first act (assets/js/start.js).
const browserScriptLoaded = `typeof window.startHtmx === "function"`

// browserHTMXIdle holds once htmx has no request in flight and has settled
// what it swapped in: new links only become htmx links when they settle, so
// clicking one earlier would load a whole page.
const browserHTMXIdle = `document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added') === null`

// browserPageState describes a paginated page: its address, title, the first item
// of the list and the current page of both bars.
const browserPageState = `({
	url: location.href,
	title: document.title,
	firstPost: document.querySelector('#posts article')?.dataset.postNumber,
	topics: document.querySelectorAll('#topics .topic-row').length,
	top: document.querySelector('#pagination-top [aria-current=page]')?.textContent,
	bottom: document.querySelector('#pagination-bottom [aria-current=page]')?.textContent,
	marker: window.__marker,
})`

// browserFirstPostIs is true once the post list starts with post number n.
func browserFirstPostIs(n int) string {
	return fmt.Sprintf(`document.querySelector('#posts article')?.dataset.postNumber === '%d'`, n)
}

// browserTopic writes a forum with one topic of n posts and returns the
// topic's path.
func browserTopic(b *testBoard, title string, n int) string {
	alice := b.fx.User("alice")
	forum := b.fx.Forum("Telescopes")
	topic := b.fx.Topic(forum, alice, fixture.TopicSpec{Title: title, Posts: n, Every: time.Minute})
	return views.TopicPath(topic.ID, topic.Title)
}

func TestBrowserTopicPaginationWithHTMX(t *testing.T) {
	b := newTestBoard(t)
	path := browserTopic(b, "Sixty posts about collimation", 60)
	base := b.listen()
	ctx := browserStart(t)

	browserDo(t, ctx, "open page 1",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+path),
	)
	browserWaitUntil(t, ctx, browserScriptLoaded+` && `+browserFirstPostIs(1), browserPageState)
	if got := browserEval[string](t, ctx, `typeof window.htmx`); got != "undefined" {
		t.Errorf("typeof window.htmx = %q before the reader acted, want undefined: htmx started with the page", got)
	}
	browserEval[chromedp.Void](t, ctx, `window.__marker = 42`)

	// The press that leads to the click starts htmx, which then handles the click.
	browserDo(t, ctx, "click Next", chromedp.Click(chromedp.CSS(`#pagination-bottom a[rel=next]`)))
	// The title comes with the settle step after the swap, so wait for it too.
	browserWaitUntil(t, ctx, browserFirstPostIs(26)+` && document.title.includes('Page 2')`, browserPageState)

	if got := browserEval[string](t, ctx, `location.search`); got != "?page=2" {
		t.Errorf("location.search = %q after Next, want ?page=2 (hx-push-url)", got)
	}
	if got := browserEval[int](t, ctx, `window.__marker ?? 0`); got != 42 {
		t.Errorf("window.__marker = %d after Next, want 42: the page was reloaded, not swapped by htmx", got)
	}
	if got := browserEval[string](t, ctx, `document.querySelector('#pagination-top [aria-current=page]')?.textContent ?? ''`); got != "2" {
		t.Errorf("top pagination shows page %q as current, want 2 (out-of-band swap)", got)
	}
	if got := browserEval[string](t, ctx, `document.querySelector('#pagination-bottom [aria-current=page]')?.textContent ?? ''`); got != "2" {
		t.Errorf("bottom pagination shows page %q as current, want 2", got)
	}
	if got := browserEval[int](t, ctx, `document.querySelectorAll('#posts').length * 100 + document.querySelectorAll('#pagination-top').length * 10 + document.querySelectorAll('#pagination-bottom').length`); got != 111 {
		t.Errorf("after the swap the page has #posts, #pagination-top, #pagination-bottom %d, %d, %d times; want each once", got/100, got/10%10, got%10)
	}
	if got := browserEval[int](t, ctx, `document.querySelectorAll('#posts article').length`); got != 25 {
		t.Errorf("page 2 shows %d posts, want 25", got)
	}
	if got := browserEval[string](t, ctx, `document.title`); !strings.Contains(got, "Page 2") {
		t.Errorf("document.title = %q, want it to contain Page 2", got)
	}

	// Back: htmx keeps no history cache, so it asks the server for page 1.
	browserEval[chromedp.Void](t, ctx, `history.back()`)
	browserWaitUntil(t, ctx, browserFirstPostIs(1)+` && location.search === ''`, browserPageState)
	if got := browserEval[string](t, ctx, `document.querySelector('#pagination-top [aria-current=page]')?.textContent ?? ''`); got != "1" {
		t.Errorf("after Back the top pagination shows page %q as current, want 1", got)
	}
	if got := browserEval[int](t, ctx, `window.__marker ?? 0`); got != 42 {
		t.Errorf("window.__marker = %d after Back, want 42: htmx should restore the page without a reload", got)
	}
}

// An assistive technology may activate a link with a click and no press
// before it: that click starts htmx, which handles it too.
func TestBrowserFirstClickWithoutAPressIsHandledByHTMX(t *testing.T) {
	b := newTestBoard(t)
	path := browserTopic(b, "Thirty posts about eyepieces", 30)
	base := b.listen()
	ctx := browserStart(t)

	browserDo(t, ctx, "open page 1", chromedp.Navigate(base+path))
	browserWaitUntil(t, ctx, browserScriptLoaded+` && `+browserFirstPostIs(1)+` && document.readyState === 'complete'`, browserPageState)
	browserEval[chromedp.Void](t, ctx, `window.__marker = 42; document.querySelector('#pagination-bottom a[rel=next]').click()`)
	browserWaitUntil(t, ctx, browserFirstPostIs(26)+` && window.__marker === 42`, browserPageState)
}

func TestBrowserTopicPaginationWithoutJavaScript(t *testing.T) {
	b := newTestBoard(t)
	path := browserTopic(b, "Sixty posts about collimation", 60)
	base := b.listen()
	ctx := browserStart(t)

	browserDo(t, ctx, "open page 1 with JavaScript off",
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+path),
	)
	// DevTools can still evaluate; the page's own scripts cannot run.
	if got := browserEval[string](t, ctx, `typeof window.htmx`); got != "undefined" {
		t.Fatalf("typeof window.htmx = %q with JavaScript off, want undefined", got)
	}
	firstPost := func() string {
		t.Helper()
		return browserEval[string](t, ctx, `document.querySelector('#posts article')?.dataset.postNumber ?? 'none'`)
	}
	location := func() string {
		t.Helper()
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatalf("read the location: %v", err)
		}
		return loc
	}
	if got := firstPost(); got != "1" {
		t.Fatalf("page 1 starts with post %q, want 1", got)
	}
	browserEval[chromedp.Void](t, ctx, `window.__marker = 42`)

	// A plain link: the click loads a new document.
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#pagination-bottom a[rel=next]`)))
	if err != nil {
		t.Fatalf("click Next: %v", err)
	}
	if resp == nil || resp.Status != 200 {
		t.Fatalf("Next answered %+v, want a 200 page", resp)
	}
	if got := location(); got != base+path+"?page=2" {
		t.Errorf("location after Next = %q, want %q", got, base+path+"?page=2")
	}
	if got := firstPost(); got != "26" {
		t.Errorf("page 2 starts with post %q, want 26", got)
	}
	if got := browserEval[bool](t, ctx, `window.__marker === undefined`); !got {
		t.Errorf("window.__marker survived Next: the page was not loaded anew")
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(title, "Page 2") {
		t.Errorf("title = %q, want it to contain Page 2", title)
	}

	// Back may come from the back/forward cache, which fires no load event,
	// so wait for the main frame to commit the navigation instead.
	back := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		h, err := cdp.Call(ctx, tg, page.GetNavigationHistory, cdp.Empty{})
		if err != nil {
			return err
		}
		if h.CurrentIndex < 1 {
			return fmt.Errorf("no page to go back to (history index %d)", h.CurrentIndex)
		}
		_, err = cdp.Call(ctx, tg, page.NavigateToHistoryEntry, page.NavigateToHistoryEntryParams{EntryID: h.Entries[h.CurrentIndex-1].ID})
		return err
	})
	nav, err := chromedp.Run(ctx, chromedp.WaitEvent(page.FrameNavigated,
		func(e page.EventFrameNavigated) bool { return e.Frame.ParentID == "" }, back))
	if err != nil {
		t.Fatalf("go back: %v", err)
	}
	t.Logf("Back: %s navigation to %s", nav.Type, nav.Frame.URL)
	if got := location(); got != base+path {
		t.Errorf("location after Back = %q, want %q", got, base+path)
	}
	if got := firstPost(); got != "1" {
		t.Errorf("after Back the page starts with post %q, want 1", got)
	}
}

func TestBrowserForumPagination(t *testing.T) {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.TopicsPerPage = 5 })
	alice := b.fx.User("alice")
	forum := b.fx.Forum("Telescopes")
	for i := 1; i <= 12; i++ {
		b.fx.Topic(forum, alice, fixture.TopicSpec{Title: fmt.Sprintf("Topic %d", i), Posts: 1, LastAt: time.Now().Add(-time.Duration(i) * time.Hour)})
	}
	base := b.listen()
	ctx := browserStart(t)

	browserDo(t, ctx, "open the forum",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+views.ForumPath(forum.ID, forum.Title)),
	)
	browserWaitUntil(t, ctx, browserScriptLoaded+` && document.querySelectorAll('#topics .topic-row').length === 5`, browserPageState)
	browserEval[chromedp.Void](t, ctx, `window.__marker = 42`)

	browserDo(t, ctx, `click page "3"`,
		chromedp.Click(chromedp.Search(`//nav[@id="pagination-bottom"]//a[normalize-space(.)="3"]`)))
	browserWaitUntil(t, ctx, `document.querySelectorAll('#topics .topic-row').length === 2 && location.search === '?page=3' && document.title.includes('Page 3')`, browserPageState)

	if got := browserEval[int](t, ctx, `window.__marker ?? 0`); got != 42 {
		t.Errorf("window.__marker = %d after the click, want 42: the page was reloaded, not swapped by htmx", got)
	}
	if got := browserEval[string](t, ctx, `document.querySelector('#pagination-top [aria-current=page]')?.textContent ?? ''`); got != "3" {
		t.Errorf("top pagination shows page %q as current, want 3", got)
	}
	if got := browserEval[string](t, ctx, `Array.from(document.querySelectorAll('#topics .topic-title'), a => a.textContent).join('|')`); got != "Topic 11|Topic 12" {
		t.Errorf("page 3 lists %q, want the two oldest topics, Topic 11|Topic 12", got)
	}
}

// browserNoSidewaysScroll fails the test when the page is wider than the viewport.
func browserNoSidewaysScroll(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	widths := browserEval[[]int](t, ctx, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`)
	if widths[0] > widths[1] {
		wide := browserEval[string](t, ctx, `Array.from(document.querySelectorAll('body *'))
			.filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
			.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')).join(', ')`)
		t.Errorf("%s: scrollWidth %d > clientWidth %d, the page scrolls sideways; widest elements: %s", where, widths[0], widths[1], wide)
	}
}

// browserRect is an element's box from getBoundingClientRect.
type browserRect struct {
	Left   float64 `json:"left"`
	Right  float64 `json:"right"`
	Top    float64 `json:"top"`
	Bottom float64 `json:"bottom"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

func browserBox(t *testing.T, ctx context.Context, selector string) browserRect {
	t.Helper()
	return browserEval[browserRect](t, ctx, fmt.Sprintf(`(() => {
		const r = document.querySelector(%q).getBoundingClientRect();
		return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height};
	})()`, selector))
}

// browserScreenshot saves what the viewport shows as <name>.png in the
// folder named by HYPERBOARD_SCREENSHOTS, when it is set, so that a person
// can look at the pages the tests saw.
func browserScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("HYPERBOARD_SCREENSHOTS")
	if dir == "" {
		return
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	file := filepath.Join(dir, name+".png")
	if err := os.WriteFile(file, shot, 0o644); err != nil {
		t.Errorf("save the screenshot: %v", err)
	}
	t.Logf("screenshot: %s", file)
}

func TestBrowserPhoneLayout(t *testing.T) {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.PostsPerPage = 10 })
	alice := b.fx.User("alice")
	forum := b.fx.Forum("Telescopes")
	longWord := strings.Repeat("Astrophotography", 5) // 80 letters, no break
	topic := b.fx.Topic(forum, alice, fixture.TopicSpec{Title: longWord, Posts: 30, Every: time.Minute})
	topicPath := views.TopicPath(topic.ID, topic.Title)
	base := b.listen()
	ctx := browserStart(t)

	browserDo(t, ctx, "open the board index on a phone",
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.Navigate(base+"/"),
	)
	if got := browserEval[int](t, ctx, `document.documentElement.clientWidth`); got != 390 {
		t.Fatalf("the phone viewport is %d CSS pixels wide, want 390", got)
	}
	browserNoSidewaysScroll(t, ctx, "board index")
	browserScreenshot(t, ctx, "phone-index")

	browserDo(t, ctx, "open the forum on a phone", chromedp.Navigate(base+views.ForumPath(forum.ID, forum.Title)))
	browserNoSidewaysScroll(t, ctx, "forum page")
	browserScreenshot(t, ctx, "phone-forum")
	// The row clips what overflows it, so the page does not scroll, but a
	// title cut off at the edge cannot be read.
	title, row := browserBox(t, ctx, `#topics .topic-title`), browserBox(t, ctx, `#topics .topic-row`)
	if title.Right > row.Right+0.5 {
		t.Errorf("forum page: the %d-letter topic title ends at x=%.0f, past its row's edge at x=%.0f; it is cut off instead of wrapping", len(longWord), title.Right, row.Right)
	}

	browserDo(t, ctx, "open the topic on a phone", chromedp.Navigate(base+topicPath))
	browserNoSidewaysScroll(t, ctx, "topic page")
	// The long word wraps wherever it appears: heading, subject, body.
	for _, c := range []struct{ inner, outer string }{
		{`h1`, `main`},
		{`#posts article .post-subject`, `#posts article`},
		{`#posts article .post-body`, `#posts article`},
	} {
		inner, outer := browserBox(t, ctx, c.inner), browserBox(t, ctx, c.outer)
		if inner.Right > outer.Right+0.5 {
			t.Errorf("topic page: %s ends at x=%.0f, past the edge of %s at x=%.0f", c.inner, inner.Right, c.outer, outer.Right)
		}
	}
	panel, body := browserBox(t, ctx, `#posts article aside.author-panel`), browserBox(t, ctx, `#posts article .post-body`)
	if panel.Bottom > body.Top+0.5 {
		t.Errorf("phone: the author panel (bottom %.0f) is not above the post body (top %.0f)", panel.Bottom, body.Top)
	}
	targets := browserEval[[]browserRect](t, ctx, `Array.from(document.querySelectorAll('nav[aria-label=Pagination] a, nav[aria-label=Pagination] [aria-current=page]'), e => {
		const r = e.getBoundingClientRect();
		return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height};
	})`)
	if len(targets) < 4 {
		t.Fatalf("found %d pagination links on a 3-page topic, want at least 4 (two bars)", len(targets))
	}
	for i, r := range targets {
		if r.Height < 36 || r.Width < 36 {
			t.Errorf("pagination target %d is %.0fx%.0f px, want at least 36x36 to tap", i, r.Width, r.Height)
		}
	}

	browserScreenshot(t, ctx, "phone-topic")

	// On a desktop the author panel is a column left of the post.
	browserDo(t, ctx, "show the topic on a desktop",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Reload(),
	)
	browserNoSidewaysScroll(t, ctx, "topic page at 1280px")
	panel, body = browserBox(t, ctx, `#posts article aside.author-panel`), browserBox(t, ctx, `#posts article .post-body`)
	if panel.Right > body.Left+0.5 {
		t.Errorf("desktop: the author panel (right %.0f) is not left of the post body (left %.0f)", panel.Right, body.Left)
	}
}

// browserCSPWatch is injected into every document before its own scripts: it
// records each Content Security Policy violation the document reports.
const browserCSPWatch = `window.__csp = [];
document.addEventListener('securitypolicyviolation', e => {
	window.__csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
}, true);`

func TestBrowserCSPHasNoViolations(t *testing.T) {
	b := newTestBoard(t)
	path := browserTopic(b, "Sixty posts about collimation", 60)
	base := b.listen()
	ctx := browserStart(t)

	// Everything the page says on its console, every uncaught exception, and
	// the browser's own log (where it reports blocked resources).
	var (
		mu       sync.Mutex
		problems []string
		noted    []string
	)
	err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			text := d.Text
			if d.Exception != nil {
				text += " " + d.Exception.Description
			}
			problems = append(problems, fmt.Sprintf("exception: %s (%s:%d)", text, d.URL, d.LineNumber))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				problems = append(problems, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
			}
		case *cdplog.EventEntryAdded:
			e := ev.Entry
			switch {
			case e.Source == cdplog.EntrySourceNetwork && strings.HasSuffix(e.URL, "/favicon.ico"):
				// The browser asks for /favicon.ico by itself; the board
				// has none. Not the page's doing, so only noted.
				noted = append(noted, fmt.Sprintf("log %s/%s: %s (%s)", e.Source, e.Level, e.Text, e.URL))
			case e.Level == cdplog.EntryLevelError || e.Level == cdplog.EntryLevelWarning || e.Source == cdplog.EntrySourceSecurity:
				problems = append(problems, fmt.Sprintf("log %s/%s: %s (%s)", e.Source, e.Level, e.Text, e.URL))
			}
		}
	})
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	browserDo(t, ctx, "watch for CSP violations",
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			// chromedp enables the log domain already; this makes the
			// test's need explicit.
			if _, err := cdp.Call(ctx, tg, cdplog.Enable, cdp.Empty{}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: browserCSPWatch})
			return err
		}),
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+path),
	)
	browserWaitUntil(t, ctx, browserScriptLoaded+` && `+browserFirstPostIs(1), browserPageState)

	if ok := browserEval[bool](t, ctx, `Array.isArray(window.__csp)`); !ok {
		t.Fatal("the violation watcher did not run before the page's scripts")
	}

	browserEval[chromedp.Void](t, ctx, `window.__marker = 42`)
	browserDo(t, ctx, "click Next", chromedp.Click(chromedp.CSS(`#pagination-bottom a[rel=next]`)))
	browserWaitUntil(t, ctx, browserFirstPostIs(26)+` && document.title.includes('Page 2') && window.__marker === 42`, browserPageState)

	config := browserEval[string](t, ctx, `JSON.stringify({
		selfRequestsOnly: htmx.config.selfRequestsOnly,
		allowScriptTags: htmx.config.allowScriptTags,
		allowEval: htmx.config.allowEval,
		includeIndicatorStyles: htmx.config.includeIndicatorStyles,
		allowNestedOobSwaps: htmx.config.allowNestedOobSwaps,
		historyCacheSize: htmx.config.historyCacheSize,
	})`)
	want := `{"selfRequestsOnly":true,"allowScriptTags":false,"allowEval":false,"includeIndicatorStyles":false,"allowNestedOobSwaps":false,"historyCacheSize":0}`
	if config != want {
		t.Errorf("htmx.config = %s, want %s (set by our script before htmx starts)", config, want)
	}
	if n := browserEval[int](t, ctx, `document.querySelectorAll('style').length`); n != 0 {
		t.Errorf("%d style elements on the page; htmx added its indicator styles", n)
	}

	// A round trip to the page settles the events that came before it.
	violations := browserEval[[]string](t, ctx, `window.__csp`)
	mu.Lock()
	found := append([]string(nil), problems...)
	for _, n := range noted {
		t.Log(n)
	}
	mu.Unlock()
	if len(violations) > 0 {
		t.Errorf("%d Content Security Policy violations:\n%s", len(violations), strings.Join(violations, "\n"))
	}
	if len(found) > 0 {
		t.Errorf("%d errors or warnings in the browser:\n%s", len(found), strings.Join(found, "\n"))
	}

	// The watcher must be able to see a violation, or its silence proves
	// nothing: an inline style attribute is one under style-src 'self'.
	browserEval[chromedp.Void](t, ctx, `document.body.setAttribute('style', 'outline: 1px solid red')`)
	browserWaitUntil(t, ctx, `window.__csp.length > 0`, `window.__csp`)
}

// browserLogInAs logs the tab in through the login form.
func browserLogInAs(t *testing.T, ctx context.Context, base, name, password string) {
	t.Helper()
	browserDo(t, ctx, "log in as "+name,
		chromedp.Navigate(base+"/login"),
		chromedp.SetValue(chromedp.CSS("#login-name"), name),
		chromedp.SetValue(chromedp.CSS("#login-password"), password),
	)
	navigate(t, ctx, "submit the login form as "+name, chromedp.Click(chromedp.CSS("#login button[type=submit]")))
}
