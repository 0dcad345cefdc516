package app

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"hyperboard/internal/fixture"
)

const browserSearchState = `({url: location.href, hits: document.querySelectorAll('#search-results .search-post').length,
	current: document.querySelector('#pagination-top [aria-current=page]')?.textContent, marker: window.__marker})`

func TestBrowserSearchAndPaging(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("comet_hunter")
	forum := b.fx.Forum("Observing")
	for i := range 30 {
		topic := b.fx.Topic(forum, author, fixture.TopicSpec{Title: fmt.Sprintf("Night %02d", i+1), LastAt: time.Now().Add(-time.Duration(30-i) * time.Hour)})
		if _, err := b.store.DB().ExecContext(t.Context(), "UPDATE posts SET body = ? WHERE topic_id = ?",
			fmt.Sprintf("The nebula looked faint on night %d.", i+1), topic.ID); err != nil {
			t.Fatal(err)
		}
	}
	base := b.listen()

	for _, c := range []struct {
		mode string
		js   bool
	}{{"with JavaScript", true}, {"without JavaScript", false}} {
		t.Run(c.mode+" a search pages through its results", func(t *testing.T) {
			ctx := browserStart(t)
			browserDo(t, ctx, "open the search page",
				chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !c.js})
					return err
				}),
				chromedp.EmulateViewport(390, 844),
			)
			navigate(t, ctx, "search from the header", chromedp.Navigate(base+"/search?q=nebula"))
			if got := browserEval[int](t, ctx, `document.querySelectorAll('#search-results .search-post').length`); got != 25 {
				t.Fatalf("page 1 lists %d results, want 25", got)
			}
			browserNoSidewaysScroll(t, ctx, "search results")
			next := chromedp.Click(chromedp.CSS(`#pagination-bottom a[rel=next]`))
			if c.js {
				browserWaitUntil(t, ctx, browserScriptLoaded, browserSearchState)
				browserEval[chromedp.Void](t, ctx, `window.__marker = 42`)
				browserDo(t, ctx, "go to page 2", next)
				browserWaitUntil(t, ctx, `document.querySelectorAll('#search-results .search-post').length === 5 && location.search.includes('page=2') && window.__marker === 42`, browserSearchState)
			} else {
				navigate(t, ctx, "go to page 2", next)
				if got := browserEval[string](t, ctx, `document.querySelectorAll('#search-results .search-post').length + ' ' + location.search`); got != "5 ?page=2&q=nebula" && got != "5 ?q=nebula&page=2" {
					t.Errorf("page 2 shows %q", got)
				}
			}
			if got := browserEval[string](t, ctx, `document.querySelector('#search-results mark')?.textContent ?? ''`); got == "" {
				t.Error("the search word is not highlighted")
			}
		})
	}
}
