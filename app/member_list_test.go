package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"hyperboard/models"
	"hyperboard/views"
)

// memberNames are the names the member list shows, in order.
func memberNames(doc *goquery.Document) string {
	return strings.Join(texts(doc.Find("#members .member-row .member-name")), ",")
}

// setMember gives a member a known join date and post count.
func (b *testBoard) setMember(u *models.User, joined time.Time, posts int) {
	b.t.Helper()
	_, err := b.store.DB().NewUpdate().Model((*models.User)(nil)).
		Set("joined_at = ?", joined).Set("post_count = ?", posts).
		Where("id = ?", u.ID).Exec(b.t.Context())
	if err != nil {
		b.t.Fatal(err)
	}
	b.fx.Announce()
}

func TestMemberListSorting(t *testing.T) {
	b := newTestBoard(t)
	day := func(y int) time.Time { return time.Date(y, 3, 1, 12, 0, 0, 0, time.UTC) }
	// alice and carol tie on posts; alice was created first, so has the lower id.
	b.setMember(b.fx.User("alice"), day(2020), 10)
	b.setMember(b.fx.User("Bob"), day(2021), 50)
	b.setMember(b.fx.User("carol"), day(2019), 10)
	b.setMember(b.fx.User("dave"), day(2022), 0)

	for _, tc := range []struct{ name, query, want string }{
		{"names go A to Z by default, ignoring case", "", "alice,Bob,carol,dave"},
		{"names go Z to A on request", "?order=desc", "dave,carol,Bob,alice"},
		{"join dates go oldest first", "?sort=joined", "carol,alice,Bob,dave"},
		{"join dates go newest first on request", "?sort=joined&order=desc", "dave,Bob,alice,carol"},
		{"post counts go busiest first, ties by age of account", "?sort=posts", "Bob,alice,carol,dave"},
		{"post counts go quietest first as the mirror image", "?sort=posts&order=asc", "dave,carol,alice,Bob"},
		{"an unknown sort and order mean the default", "?sort=email&order=sideways", "alice,Bob,carol,dave"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, doc := b.page("/members" + tc.query)
			if got := memberNames(doc); got != tc.want {
				t.Errorf("order = %s, want %s", got, tc.want)
			}
		})
	}

	t.Run("each row shows avatar, profile link, rank, join date and posts", func(t *testing.T) {
		if _, err := b.store.DB().ExecContext(t.Context(), "INSERT INTO ranks (title, min_posts) VALUES ('Newcomer', 0), ('Regular', 25), ('Veteran', 500)"); err != nil {
			t.Fatal(err)
		}
		b.fx.Announce()
		_, doc := b.page("/members?sort=posts")
		row := doc.Find("#members .member-row").First()
		if row.Find("span[aria-hidden=true].avatar").Length() != 1 {
			t.Error("no avatar")
		}
		var bob models.User
		if err := b.store.DB().NewSelect().Model(&bob).Where("username = 'Bob'").Scan(t.Context()); err != nil {
			t.Fatal(err)
		}
		if href := row.Find(".member-name a").AttrOr("href", ""); href != views.UserPath(bob.ID, "Bob") {
			t.Errorf("name links to %q", href)
		}
		if got := strings.TrimSpace(row.Find(".member-rank").Text()); got != "Regular" {
			t.Errorf("rank = %q, want Regular", got)
		}
		if got := row.Find(".member-joined time").AttrOr("datetime", ""); got != "2021-03-01T12:00Z" {
			t.Errorf("joined datetime = %q", got)
		}
		if got := strings.TrimSpace(row.Find(".member-posts").Text()); got != "50" {
			t.Errorf("posts = %q", got)
		}
	})
	t.Run("the sorted column says so and its heading reverses the order", func(t *testing.T) {
		_, doc := b.page("/members?sort=joined")
		sorted := doc.Find("#members th[aria-sort]")
		if sorted.Length() != 1 || sorted.AttrOr("aria-sort", "") != "ascending" || !strings.Contains(sorted.Text(), "Joined") {
			t.Fatalf("aria-sort on %q = %q", strings.TrimSpace(sorted.Text()), sorted.AttrOr("aria-sort", ""))
		}
		if href := sorted.Find("a").AttrOr("href", ""); href != "/members?order=desc&sort=joined" {
			t.Errorf("sorted heading links to %q", href)
		}
		links := map[string]string{}
		doc.Find("#members th a").Each(func(_ int, a *goquery.Selection) {
			links[strings.TrimSpace(a.Text())] = a.AttrOr("href", "")
			if a.AttrOr("href", "") != a.AttrOr("hx-get", "") || a.AttrOr("hx-target", "") != "#members" || a.AttrOr("hx-push-url", "") != "true" {
				t.Errorf("heading %q is not the same link with and without htmx", a.Text())
			}
		})
		if links["Username"] != "/members" || links["Posts"] != "/members?sort=posts" {
			t.Errorf("other headings link to %v", links)
		}
	})
	t.Run("sorting keeps the filter and starts again at page 1", func(t *testing.T) {
		_, doc := b.page("/members?q=a&sort=posts")
		if href := doc.Find(`#members th[aria-sort] a`).AttrOr("href", ""); href != "/members?order=asc&q=a&sort=posts" {
			t.Errorf("sorted heading links to %q", href)
		}
	})
}

func TestMemberListPaging(t *testing.T) {
	b := newTestBoard(t)
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 30 {
		b.setMember(b.fx.User(fmt.Sprintf("member%02d", i)), start.AddDate(0, 0, i), 0)
	}

	t.Run("page 2 holds the members after the first 25", func(t *testing.T) {
		_, doc := b.page("/members?page=2")
		if got := memberNames(doc); got != "member25,member26,member27,member28,member29" {
			t.Errorf("page 2 = %s", got)
		}
		if nav := doc.Find("nav#pagination-top"); !strings.Contains(nav.Text(), "Page 2 of 2") {
			t.Errorf("pagination says %q", strings.Join(strings.Fields(nav.Text()), " "))
		}
		if got := doc.Find("title").Text(); !strings.HasPrefix(got, "Members - Page 2") {
			t.Errorf("title = %q", got)
		}
	})
	t.Run("a page past the end redirects to the last page", func(t *testing.T) {
		resp, _ := b.get("/members?page=7&sort=joined")
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/members?page=2&sort=joined" {
			t.Errorf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("a page that is not a number redirects to page 1", func(t *testing.T) {
		resp, _ := b.get("/members?page=-1&q=member")
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/members?q=member" {
			t.Errorf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("page links keep the sort and the filter", func(t *testing.T) {
		_, doc := b.page("/members?q=MEMBER&sort=joined&order=desc")
		next := doc.Find("nav#pagination-bottom a[rel=next]")
		u, err := url.Parse(next.AttrOr("href", ""))
		if err != nil || u.Path != "/members" {
			t.Fatalf("next links to %q", next.AttrOr("href", ""))
		}
		want := url.Values{"q": {"MEMBER"}, "sort": {"joined"}, "order": {"desc"}, "page": {"2"}}
		if u.Query().Encode() != want.Encode() {
			t.Errorf("next page query = %s, want %s", u.Query().Encode(), want.Encode())
		}
		if next.AttrOr("hx-get", "") != next.AttrOr("href", "") {
			t.Error("the htmx link differs from the plain one")
		}
		_, doc = b.page(next.AttrOr("href", ""))
		if got := memberNames(doc); got != "member04,member03,member02,member01,member00" {
			t.Errorf("page 2 newest first = %s", got)
		}
	})
	t.Run("a filter with fewer matches has fewer pages", func(t *testing.T) {
		resp, _ := b.get("/members?q=member1&page=2")
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/members?q=member1" {
			t.Errorf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("htmx gets the list and both pagination bars only", func(t *testing.T) {
		resp, doc := b.page("/members?page=2", "HX-Request", "true")
		if doc.Find("header#top").Length() != 0 || doc.Find("form#member-search").Length() != 0 {
			t.Error("the fragment carries the page around the list")
		}
		if got := doc.Find("section#members .member-row").Length(); got != 5 {
			t.Errorf("fragment lists %d members, want 5", got)
		}
		if doc.Find(`nav#pagination-top[hx-swap-oob=true]`).Length() != 1 || doc.Find(`nav#pagination-bottom[hx-swap-oob=true]`).Length() != 1 {
			t.Error("fragment lacks the out-of-band pagination bars")
		}
		if got := doc.Find("title").Text(); !strings.HasPrefix(got, "Members - Page 2") {
			t.Errorf("fragment title = %q", got)
		}
		if !strings.Contains(resp.Header.Get("Vary"), "HX-Request") {
			t.Errorf("Vary = %q, want HX-Request in it", resp.Header.Get("Vary"))
		}
	})
	t.Run("without htmx the whole page comes back", func(t *testing.T) {
		resp, doc := b.page("/members?page=2")
		if doc.Find("header#top").Length() != 1 || doc.Find("section#members").Length() != 1 {
			t.Error("the full page lacks its chrome or the list")
		}
		if !strings.Contains(resp.Header.Get("Vary"), "HX-Request") {
			t.Errorf("Vary = %q, want HX-Request in it", resp.Header.Get("Vary"))
		}
	})
	t.Run("pagination swaps the member list and pushes the URL", func(t *testing.T) {
		_, doc := b.page("/members")
		nav := doc.Find("nav#pagination-top")
		if nav.AttrOr("hx-target", "") != "#members" || nav.AttrOr("hx-push-url", "") != "true" {
			t.Error("pagination does not target #members and push the URL")
		}
	})
	t.Run("the page stays within the query budget", func(t *testing.T) {
		for _, path := range []string{"/members?page=2&sort=posts", "/members?q=member2", "/members?page=9"} {
			resp, _ := b.get(path, "HX-Request", "true")
			if n, err := strconv.Atoi(resp.Header.Get("X-Query-Count")); err != nil || n > maxQueriesPerPage {
				t.Errorf("%s ran %q queries, budget %d", path, resp.Header.Get("X-Query-Count"), maxQueriesPerPage)
			}
		}
	})
}

func TestMemberListFilter(t *testing.T) {
	b := newTestBoard(t)
	for _, name := range []string{"Alfred", "alice", "Sally", "under_score", "underXscore", "per%cent", "percent", `back\slash`, "backslash"} {
		b.fx.User(name)
	}

	for _, tc := range []struct{ name, q, want string }{
		{"names that start with the text match, in any case", "AL", "Alfred,alice"},
		{"the text in the middle of a name does not match", "ally", ""},
		{"an underscore matches only an underscore", "under_", "under_score"},
		{"a percent sign matches only a percent sign", "per%", "per%cent"},
		{"a backslash matches only a backslash", `back\`, `back\slash`},
		{"spaces around the text are ignored", "  sal ", "Sally"},
		{"an empty filter lists everyone", "", `Alfred,alice,back\slash,backslash,per%cent,percent,Sally,under_score,underXscore`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, doc := b.page("/members?q=" + url.QueryEscape(tc.q))
			if got := memberNames(doc); got != tc.want {
				t.Errorf("q=%q lists %q, want %q", tc.q, got, tc.want)
			}
		})
	}

	t.Run("the count and the box show the filter", func(t *testing.T) {
		_, doc := b.page("/members?q=al")
		if got := strings.Join(strings.Fields(doc.Find("#members .member-count").Text()), " "); got != "2 members whose names begin with “al”" {
			t.Errorf("count says %q", got)
		}
		if got := doc.Find(`form#member-search input[name=q]`).AttrOr("value", ""); got != "al" {
			t.Errorf("search box holds %q", got)
		}
	})
	t.Run("no match says so", func(t *testing.T) {
		_, doc := b.page("/members?q=zz")
		if !strings.Contains(doc.Find("#members").Text(), "No members found") {
			t.Error("an empty result does not say so")
		}
	})
	t.Run("text no name can hold is not an error", func(t *testing.T) {
		for _, q := range []string{"%00", "%ff%fe", "a%00b", strings.Repeat("x", 2000)} {
			if resp, _ := b.get("/members?q=" + q); resp.StatusCode != http.StatusOK {
				t.Errorf("q=%.20s answered %d", q, resp.StatusCode)
			}
		}
	})
	t.Run("the search form works with and without htmx", func(t *testing.T) {
		_, doc := b.page("/members")
		form := doc.Find("form#member-search")
		if form.AttrOr("action", "") != "/members" || strings.ToLower(form.AttrOr("method", "")) != "get" {
			t.Errorf("form is %s %s", form.AttrOr("method", ""), form.AttrOr("action", ""))
		}
		if form.Find(`button[type=submit]`).Text() != "Search" {
			t.Error("no Search button")
		}
		input := form.Find(`input[name=q]`)
		for attr, want := range map[string]string{
			"hx-get":      "/members",
			"hx-trigger":  "input changed delay:300ms, search",
			"hx-target":   "#members",
			"hx-push-url": "true",
		} {
			if got := input.AttrOr(attr, ""); got != want {
				t.Errorf("input %s = %q, want %q", attr, got, want)
			}
		}
	})
	t.Run("the filter form carries the current sort", func(t *testing.T) {
		_, doc := b.page("/members?sort=joined&order=desc")
		got := url.Values{}
		doc.Find(`input[form=member-search]`).Each(func(_ int, in *goquery.Selection) {
			got.Add(in.AttrOr("name", ""), in.AttrOr("value", ""))
		})
		if got.Encode() != "order=desc&sort=joined" {
			t.Errorf("form carries %s", got.Encode())
		}
		_, doc = b.page("/members")
		if n := doc.Find(`input[form=member-search]`).Length(); n != 0 {
			t.Errorf("the default sort adds %d fields", n)
		}
	})
}

// browserMembersState describes the member list for failed waits.
const browserMembersState = `({
	url: location.href,
	rows: document.querySelectorAll('#members .member-row').length,
	sorted: document.querySelector('#members th[aria-sort]')?.textContent.trim(),
	q: document.querySelector('#member-q')?.value,
	marker: window.__marker,
})`

func TestBrowserMemberList(t *testing.T) {
	b := newTestBoard(t)
	for i := range 30 {
		b.setMember(b.fx.User(fmt.Sprintf("member%02d", i)), time.Now().AddDate(0, 0, -i), i)
	}
	longName := strings.Repeat("Zeta", 15) // 60 letters, no break
	b.fx.User(longName)
	base := b.listen()

	t.Run("filtering and sorting swap the list in place, and Back undoes them", func(t *testing.T) {
		ctx := browserStart(t)
		browserDo(t, ctx, "open the member list on a small phone",
			chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
			chromedp.Navigate(base+"/members"),
		)
		browserWaitUntil(t, ctx, browserScriptLoaded+` && document.querySelectorAll('#members .member-row').length === 25`, browserMembersState)
		browserNoSidewaysScroll(t, ctx, "member list")
		browserDo(t, ctx, "go to the last page", chromedp.Navigate(base+"/members?page=2"))
		browserNoSidewaysScroll(t, ctx, "member list, page 2")
		name, table := browserBox(t, ctx, `#members .member-row:last-child .member-name`), browserBox(t, ctx, `#members table`)
		if name.Right > table.Right+0.5 {
			t.Errorf("the %d-letter name ends at x=%.0f, past the table's edge at x=%.0f", len(longName), name.Right, table.Right)
		}
		browserScreenshot(t, ctx, "phone-members")
		for i, r := range browserEval[[]browserRect](t, ctx, `Array.from(document.querySelectorAll('#members th a, #member-search input, #member-search button'), e => {
			const r = e.getBoundingClientRect();
			return {width: r.width, height: r.height};
		})`) {
			if r.Height < 36 {
				t.Errorf("target %d is %.0f px high, want at least 36 to tap", i, r.Height)
			}
		}
		browserEval[chromedp.Void](t, ctx, `window.__marker = 42`)

		browserDo(t, ctx, "type a name", chromedp.SendKeys(`#member-q`, "member1"))
		browserWaitUntil(t, ctx, `document.querySelectorAll('#members .member-row').length === 10 && location.search === '?q=member1'`, browserMembersState)

		browserDo(t, ctx, "sort by posts", chromedp.Click(chromedp.Search(`//th//a[contains(., "Posts")]`)))
		browserWaitUntil(t, ctx, `document.querySelector('#members th[aria-sort]')?.textContent.includes('Posts') && location.search === '?q=member1&sort=posts'`, browserMembersState)
		if got := browserEval[string](t, ctx, `document.querySelector('#members .member-name').textContent`); got != "member19" {
			t.Errorf("busiest member1x = %q, want member19", got)
		}

		browserDo(t, ctx, "narrow the name further", chromedp.SendKeys(`#member-q`, "2"))
		browserWaitUntil(t, ctx, `document.querySelectorAll('#members .member-row').length === 1`, browserMembersState)
		if got := browserEval[string](t, ctx, `location.search`); got != "?q=member12&sort=posts" {
			t.Errorf("location.search = %q, want the sort kept: ?q=member12&sort=posts", got)
		}
		if got := browserEval[int](t, ctx, `window.__marker ?? 0`); got != 42 {
			t.Errorf("window.__marker = %d, want 42: the page was reloaded, not swapped by htmx", got)
		}

		browserEval[chromedp.Void](t, ctx, `history.back()`)
		browserWaitUntil(t, ctx, `location.search === '?q=member1&sort=posts' && document.querySelectorAll('#members .member-row').length === 10`, browserMembersState)
		if got := browserEval[string](t, ctx, `document.querySelector('#member-q').value`); got != "member1" {
			t.Errorf("after Back the search box holds %q, want member1", got)
		}
	})

	t.Run("without JavaScript the search form and headings are plain", func(t *testing.T) {
		ctx := browserStart(t)
		browserDo(t, ctx, "open the member list with JavaScript off",
			chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
				return err
			}),
			chromedp.Navigate(base+"/members?sort=joined&order=desc"),
		)
		if _, err := chromedp.RunResponse(ctx, chromedp.SetValue(`#member-q`, "member2"), chromedp.Click(`#member-search button`)); err != nil {
			t.Fatalf("search: %v", err)
		}
		if got := browserEval[string](t, ctx, `location.search`); got != "?q=member2&sort=joined&order=desc" {
			t.Errorf("location.search = %q after Search, want the filter and the sort", got)
		}
		if got := browserEval[int](t, ctx, `document.querySelectorAll('#members .member-row').length`); got != 10 {
			t.Errorf("the search lists %d members, want 10", got)
		}
	})
}
