package app

import (
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"hyperboard/models"
	"hyperboard/views"
)

func TestFAQIndexLinksEveryQuestion(t *testing.T) {
	b := newTestBoard(t)
	_, doc := b.page("/faq")

	if doc.Find(`#site-nav a[href="/faq"]`).Length() != 1 {
		t.Error("the header has no link to the FAQ")
	}
	linked := map[string]bool{}
	doc.Find(`#faq-index a`).Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		id, ok := strings.CutPrefix(href, "#")
		if !ok || id == "" {
			t.Errorf("index link %q does not point at an anchor on the page", href)
			return
		}
		if n := doc.Find(`[id="` + id + `"]`).Length(); n != 1 {
			t.Errorf("index link %q (%s): %d elements have that id, want 1", href, strings.TrimSpace(a.Text()), n)
		}
		linked[id] = true
	})
	questions := doc.Find(`article.faq-question`)
	if questions.Length() < 20 {
		t.Fatalf("the FAQ has %d questions, want at least 20", questions.Length())
	}
	if len(linked) != questions.Length() {
		t.Errorf("the index links %d anchors, the page has %d questions", len(linked), questions.Length())
	}
	questions.Each(func(_ int, q *goquery.Selection) {
		id, _ := q.Attr("id")
		if !linked[id] {
			t.Errorf("question %q (#%s) is missing from the index", q.Find("h3").Text(), id)
		}
		if q.Find(`a[href="#faq-index"]`).Length() != 1 {
			t.Errorf("question #%s has no Back to top link", id)
		}
	})
	for _, section := range []string{"Accounts", "Posting", "Formatting with BBCode", "Private messages", "Search",
		"Permissions and moderation", "Timezones and date formats", "Member list and groups"} {
		if !strings.Contains(doc.Find("#faq-index").Text(), section) {
			t.Errorf("the index has no section %q", section)
		}
	}
	for _, path := range []string{"/search/unread", "/search/new", "/search/mine", "/search/unanswered"} {
		if doc.Find(`#topic-lists a[href="`+path+`"]`).Length() != 1 {
			t.Errorf("the answer about topic lists does not link %s", path)
		}
	}
	formats := texts(doc.Find(`#faq-date-formats li`))
	if len(formats) != len(views.DateFormats) {
		t.Fatalf("the FAQ lists %d date formats, the settings offer %d: %q", len(formats), len(views.DateFormats), formats)
	}
	// The FAQ's example moment: 14 March 2026, 15:09.
	moment := time.Date(2026, time.March, 14, 15, 9, 0, 0, time.UTC)
	for i, f := range views.DateFormats {
		if want := moment.Format(f.Layout); !strings.Contains(formats[i], want) {
			t.Errorf("date format %d is shown as %q, want it to contain %q", i, formats[i], want)
		}
	}
}

func TestFAQBBCodeTableIsCookedLive(t *testing.T) {
	b := newTestBoard(t)
	_, doc := b.page("/faq")

	// Each tag's cooked result must hold this element; a row without an
	// expectation here fails, so a new example cannot go untested.
	want := map[string]string{
		"[b]":            `strong`,
		"[i]":            `em`,
		"[u]":            `u`,
		"[s]":            `s`,
		"[quote]":        `blockquote.bb-quote`,
		`[quote="name"]`: `blockquote.bb-quote cite`,
		"[code]":         `pre > code`,
		"[url]":          `a[href="https://example.com/"][rel="nofollow ugc noopener"]`,
		"[url=]":         `a[href="https://example.com/"][rel="nofollow ugc noopener"]`,
		"[email]":        `a[href="mailto:someone@example.com"][rel="nofollow ugc noopener"]`,
		"[img]":          `img.bb-img[src^="http://"][src$=".svg"]`,
		"[list]":         `ul > li + li`,
		"[list=1]":       `ol > li + li`,
		"[color]":        `span.bb-color-red + span.bb-color-blue`,
		"[size]":         `span.bb-size-150 + span.bb-size-85`,
		"Bare addresses": `a[href="https://example.com/guide"][rel="nofollow ugc noopener"]`,
	}
	rows := doc.Find(`#bbcode-table tr.bbcode-example`)
	if rows.Length() != len(views.BBCodeSamples) {
		t.Fatalf("the table has %d rows, want one per sample (%d)", rows.Length(), len(views.BBCodeSamples))
	}
	seen := map[string]bool{}
	rows.Each(func(i int, row *goquery.Selection) {
		tag, _ := row.Attr("data-tag")
		seen[tag] = true
		source, sample := row.Find("code.bbcode-source"), views.BBCodeSamples[i]
		literal := source.Text() == sample.Source
		if tag == "[img]" {
			// The image's address is the board's own, known only per request.
			literal = strings.HasPrefix(source.Text(), "[img]http://") && strings.HasSuffix(source.Text(), ".svg[/img]")
		}
		if !literal || source.Children().Length() != 0 {
			t.Errorf("%s: the source is not shown literally: %q, want %q", tag, source.Text(), sample.Source)
		}
		result := row.Find(".bbcode-result")
		if _, ok := result.Attr("hx-disable"); !ok {
			t.Errorf("%s: the cooked result is not inside hx-disable", tag)
		}
		sel, ok := want[tag]
		if !ok {
			t.Errorf("%s: no expectation for this row", tag)
			return
		}
		if result.Find(sel).Length() == 0 {
			html, _ := result.Html()
			t.Errorf("%s: the result %s has no %s", tag, strings.TrimSpace(html), sel)
		}
	})
	for tag := range want {
		if !seen[tag] {
			t.Errorf("the table has no row for %s", tag)
		}
	}
	if got := doc.Find(`tr[data-tag="[quote=\"name\"]"] cite`).Text(); got != "stargazer wrote:" {
		t.Errorf(`[quote="name"] cites %q, want "stargazer wrote:"`, got)
	}
	if got := doc.Find(`tr[data-tag="[code]"] pre code`).Text(); !strings.Contains(got, "[b]up[/b]") {
		t.Errorf("[code] result %q does not keep the tags inside it as text", got)
	}
}

func TestFAQFloodIntervalFollowsTheBoard(t *testing.T) {
	b := newTestBoard(t)
	for _, c := range []struct {
		seconds int
		want    string
	}{
		{45, "45 seconds"},
		{1, "1 second"},
		{0, "does not make you wait"},
	} {
		b.setConfig(func(cfg *models.BoardConfig) { cfg.FloodIntervalSeconds = c.seconds })
		_, doc := b.page("/faq")
		got := strings.TrimSpace(doc.Find("#flood-interval #faq-flood-interval").Text())
		if !strings.Contains(got, c.want) {
			t.Errorf("flood interval %d s: the FAQ says %q, want %q", c.seconds, got, c.want)
		}
	}
}

func TestBrowserFAQOnPhone(t *testing.T) {
	b := newTestBoard(t)
	base := b.listen()
	ctx := browserStart(t)

	browserDo(t, ctx, "open the FAQ on a 360 px phone",
		chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.Navigate(base+"/faq"),
	)
	if got := browserEval[int](t, ctx, `document.documentElement.clientWidth`); got != 360 {
		t.Fatalf("the phone viewport is %d CSS pixels wide, want 360", got)
	}
	browserNoSidewaysScroll(t, ctx, "FAQ")
	table, main := browserBox(t, ctx, "#bbcode-table"), browserBox(t, ctx, "main")
	if table.Right > main.Right+0.5 {
		t.Errorf("the BBCode table ends at x=%.0f, past the page content at x=%.0f", table.Right, main.Right)
	}
	browserScreenshot(t, ctx, "phone-faq")

	browserDo(t, ctx, "follow an index link", chromedp.Click(`#faq-index a[href="#drafts"]`))
	browserWaitUntil(t, ctx, `location.hash === '#drafts' && Math.abs(document.getElementById('drafts').getBoundingClientRect().top) < 2`,
		`({hash: location.hash, top: document.getElementById('drafts').getBoundingClientRect().top})`)
}
