package app

// The progressive web app in chromium: installable, the service worker's
// rules for what it keeps, reading offline, and logging out forgetting.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"hyperboard/internal/fixture"
	"hyperboard/views"
)

// pwaNetwork stands between the browser and the board like the network
// does: switched off, every connection is cut, as when a phone loses its
// signal. DevTools' offline emulation does not reach a service worker's
// own fetches, so the test cuts the line itself.
type pwaNetwork struct {
	off atomic.Bool
	url string
}

func pwaListen(t *testing.T, b *testBoard) *pwaNetwork {
	t.Helper()
	board, err := url.Parse(b.listen())
	if err != nil {
		t.Fatal(err)
	}
	n := &pwaNetwork{}
	proxy := httputil.NewSingleHostReverseProxy(board)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.off.Load() {
			panic(http.ErrAbortHandler) // the connection drops with no answer
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	n.url = srv.URL
	return n
}

// pwaKept lists the paths in the service worker's page cache.
const pwaKept = `caches.keys().then(names => Promise.all(names.filter(n => n.startsWith('hb-pages-')).map(n =>
	caches.open(n).then(c => c.keys())))).then(lists => lists.flat().map(r => new URL(r.url).pathname + new URL(r.url).search))`

func pwaKeptPaths(t *testing.T, ctx context.Context) []string {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](pwaKept, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("read the page cache: %v", err)
	}
	return got
}

// pwaWaitKept waits until the page cache holds path.
func pwaWaitKept(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	deadline := time.Now().Add(browserPollTimeout)
	for {
		kept := pwaKeptPaths(t, ctx)
		for _, p := range kept {
			if p == path {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never reached the page cache; it holds %v", path, kept)
		}
		time.Sleep(50 * time.Millisecond) // the cache has no event to wait on
	}
}

// pwaOpen navigates and waits until the service worker controls the page.
func pwaOpen(t *testing.T, ctx context.Context, address string) {
	t.Helper()
	browserDo(t, ctx, "open "+address, chromedp.Navigate(address))
	browserWaitUntil(t, ctx, `navigator.serviceWorker.controller !== null`, `({url: location.href, sw: !!navigator.serviceWorker.controller})`)
}

func TestBrowserServiceWorkerKeepsReadPagesForOffline(t *testing.T) {
	b := newTestBoard(t)
	b.member("maren", memberPassword)
	forum := b.fx.Forum("Eyepieces")
	author := b.fx.User("dew_fan")
	read := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Barlow lenses explained", Posts: 3, Every: time.Minute})
	unread := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Never opened here", Posts: 1})
	readPath, unreadPath := views.TopicPath(read.ID, read.Title), views.TopicPath(unread.ID, unread.Title)
	net := pwaListen(t, b)
	base := net.url
	ctx := browserStart(t)

	browserLogInAs(t, ctx, base, "maren", memberPassword)
	// The worker registers once the first page has loaded; the pages
	// opened after it is active go through it.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`navigator.serviceWorker.ready.then(r => r.active !== null)`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("the service worker never became active: %v", err)
	}
	pwaOpen(t, ctx, base+readPath)
	pwaWaitKept(t, ctx, readPath)

	t.Run("installable", func(t *testing.T) {
		var found page.GetInstallabilityErrorsResult
		browserDo(t, ctx, "ask chromium whether the board is installable", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			var err error
			found, err = cdp.Call(ctx, tg, page.GetInstallabilityErrors, cdp.Empty{})
			return err
		}))
		for _, e := range found.InstallabilityErrors {
			t.Errorf("not installable: %s %v", e.ErrorID, e.ErrorArguments)
		}
	})

	t.Run("private pages are never kept", func(t *testing.T) {
		for _, private := range []string{"/settings", "/pm", "/pm/new", "/search/mine", views.ForumPath(forum.ID, forum.Title) + "/new"} {
			pwaOpen(t, ctx, base+private)
		}
		// A public page read after them is kept, so the worker had its
		// chance to keep them too.
		forumPath := views.ForumPath(forum.ID, forum.Title)
		pwaOpen(t, ctx, base+forumPath)
		pwaWaitKept(t, ctx, forumPath)
		for _, p := range pwaKeptPaths(t, ctx) {
			if p != readPath && p != forumPath && p != "/" {
				t.Errorf("the page cache holds %s, which is not a public reading page", p)
			}
		}
	})

	net.off.Store(true)

	t.Run("a read topic opens offline", func(t *testing.T) {
		browserDo(t, ctx, "open the read topic offline", chromedp.Navigate(base+readPath))
		if got := browserEval[string](t, ctx, `document.querySelector('h1')?.textContent.trim() ?? ''`); got != read.Title {
			t.Errorf("offline, the read topic shows h1 %q, want %q", got, read.Title)
		}
		if got := browserEval[int](t, ctx, `document.querySelectorAll('#posts article').length`); got != 3 {
			t.Errorf("offline, the read topic shows %d posts, want 3", got)
		}
	})

	t.Run("an unread topic shows the offline page listing the read one", func(t *testing.T) {
		browserDo(t, ctx, "open the unread topic offline", chromedp.Navigate(base+unreadPath))
		if got := browserEval[string](t, ctx, `document.querySelector('h1')?.textContent.trim() ?? ''`); got != "You are offline" {
			t.Fatalf("offline, an unread topic shows h1 %q, want the offline page", got)
		}
		browserWaitUntil(t, ctx, `document.querySelectorAll('#offline-topics a').length > 0`, `document.body.innerText`)
		links := browserEval[[]string](t, ctx, `Array.from(document.querySelectorAll('#offline-topics a'), a => a.textContent + ' ' + new URL(a.href).pathname)`)
		if len(links) != 1 || links[0] != read.Title+" "+readPath {
			t.Errorf("the offline page lists %q, want only %q", links, read.Title+" "+readPath)
		}
		if browserEval[bool](t, ctx, `!document.getElementById('offline-empty').hidden`) {
			t.Errorf("the offline page still says nothing is saved")
		}
	})

	net.off.Store(false)

	t.Run("logging out forgets the member's pages", func(t *testing.T) {
		pwaOpen(t, ctx, base+readPath)
		pwaWaitKept(t, ctx, readPath)
		browserDo(t, ctx, "open the account menu", chromedp.Click(chromedp.CSS(`#account summary`)))
		navigate(t, ctx, "log out", chromedp.Click(chromedp.CSS(`#account form[action="/logout"] button`)))
		for _, p := range pwaKeptPaths(t, ctx) {
			if p != "/" {
				t.Errorf("after logout the page cache still holds %s", p)
			}
		}
		net.off.Store(true)
		browserDo(t, ctx, "open the topic offline after logout", chromedp.Navigate(base+readPath))
		if got := browserEval[string](t, ctx, `document.querySelector('h1')?.textContent.trim() ?? ''`); got != "You are offline" {
			t.Errorf("after logout, offline, the topic shows h1 %q, want the offline page", got)
		}
		net.off.Store(false)
	})
}

func TestBrowserWithoutJavaScriptNoServiceWorker(t *testing.T) {
	b := newTestBoard(t)
	forum := b.fx.Forum("Eyepieces")
	topic := b.fx.Topic(forum, b.fx.User("dew_fan"), fixture.TopicSpec{Title: "Barlow lenses explained", Posts: 2})
	base := b.listen()
	ctx := browserStart(t)
	browserDo(t, ctx, "open a topic with JavaScript off",
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate(base+views.TopicPath(topic.ID, topic.Title)),
	)
	if got := browserEval[int](t, ctx, `document.querySelectorAll('#posts article').length`); got != 2 {
		t.Errorf("the topic shows %d posts with JavaScript off, want 2", got)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[int](`navigator.serviceWorker.getRegistrations().then(r => r.length)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got != 0 {
		t.Errorf("%d service workers registered with JavaScript off, want none", got)
	}
	if skip := browserEval[string](t, ctx, `document.querySelector('body > a[href="#content"]')?.textContent ?? ''`); !strings.Contains(skip, "Skip to content") {
		t.Errorf("no Skip to content link first in the page (found %q)", skip)
	}
}
