package app

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// postNumbers lists the data-post-number of every post on a page.
func postNumbers(doc *goquery.Document) []int {
	var out []int
	doc.Find("#posts article[id^=p]").Each(func(_ int, s *goquery.Selection) {
		n, _ := strconv.Atoi(s.AttrOr("data-post-number", ""))
		out = append(out, n)
	})
	return out
}

func numberRange(first, last int) []int {
	var out []int
	step := 1
	if last < first {
		step = -1
	}
	for n := first; ; n += step {
		out = append(out, n)
		if n == last {
			return out
		}
	}
}

func TestTopicPages(t *testing.T) {
	b := newTestBoard(t)
	u := b.fx.User("erin")
	f := b.fx.Forum("Observing")
	// 60 posts an hour apart, the newest half an hour ago.
	topic := b.fx.Topic(f, u, fixture.TopicSpec{Title: "Comet watch", Posts: 60, Every: time.Hour, LastAt: time.Now().Add(-30 * time.Minute)})
	path := views.TopicPath(topic.ID, topic.Title)

	cases := []struct {
		name  string
		query string
		want  []int
		label string
	}{
		{"page 1 holds posts 1 to 25", "", numberRange(1, 25), "Page 1 of 3"},
		{"page 2 holds posts 26 to 50", "?page=2", numberRange(26, 50), "Page 2 of 3"},
		{"the last page holds the rest", "?page=3", numberRange(51, 60), "Page 3 of 3"},
		{"newest first starts at the end", "?order=desc", numberRange(60, 36), "Page 1 of 3"},
		{"newest first, last page", "?order=desc&page=3", numberRange(10, 1), "Page 3 of 3"},
		{"the last day holds the 24 newest posts", "?days=1", numberRange(37, 60), "Page 1 of 1"},
		{"the last week holds them all", "?days=7&page=3", numberRange(51, 60), "Page 3 of 3"},
		{"the last day, newest first", "?days=1&order=desc", numberRange(60, 37), "Page 1 of 1"},
		{"an unknown filter means all posts", "?days=banana", numberRange(1, 25), "Page 1 of 3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, doc := b.page(path + c.query)
			if got := postNumbers(doc); !slices.Equal(got, c.want) {
				t.Errorf("posts %v, want %v", got, c.want)
			}
			if got := strings.Join(strings.Fields(doc.Find("nav#pagination-top").Text()), " "); !strings.HasPrefix(got, c.label) {
				t.Errorf("pagination %q, want %q", got, c.label)
			}
		})
	}

	t.Run("page links keep the filter", func(t *testing.T) {
		_, doc := b.page(path + "?days=7&order=desc")
		if href := doc.Find("nav#pagination-top a[rel=next]").AttrOr("href", ""); href != path+"?days=7&from=60&order=desc&page=2" {
			t.Errorf("next link = %q", href)
		}
		if doc.Find(`select[name=days] option[selected]`).AttrOr("value", "") != "7" ||
			doc.Find(`select[name=order] option[selected]`).AttrOr("value", "") != "desc" {
			t.Error("the display options do not show the current choice")
		}
	})
	t.Run("a period without posts says so", func(t *testing.T) {
		quiet := b.fx.Topic(f, u, fixture.TopicSpec{Title: "Quiet", Posts: 3, LastAt: time.Now().AddDate(0, 0, -10)})
		_, doc := b.page(views.TopicPath(quiet.ID, quiet.Title) + "?days=1")
		if len(postNumbers(doc)) != 0 || !strings.Contains(doc.Find("#posts").Text(), "No posts in the selected period") {
			t.Error("an empty period is not explained")
		}
	})
	t.Run("htmx gets the posts and the pagination bars only", func(t *testing.T) {
		resp, doc := b.page(path+"?page=2", "HX-Request", "true")
		if doc.Find("header#top").Length() != 0 {
			t.Error("fragment carries the page chrome")
		}
		if got := postNumbers(doc); len(got) != 25 || got[0] != 26 {
			t.Errorf("fragment posts = %v", got)
		}
		if doc.Find(`nav#pagination-top[hx-swap-oob=true]`).Length() != 1 {
			t.Error("fragment lacks the out-of-band pagination bar")
		}
		if !strings.Contains(doc.Find("title").Text(), "Page 2") {
			t.Errorf("fragment title = %q", doc.Find("title").Text())
		}
		if !strings.Contains(resp.Header.Get("Vary"), "HX-Request") {
			t.Errorf("Vary = %q", resp.Header.Get("Vary"))
		}
	})
	t.Run("history restores and boosted requests get the full page", func(t *testing.T) {
		for _, h := range []string{"HX-History-Restore-Request", "HX-Boosted"} {
			_, doc := b.page(path+"?page=2", "HX-Request", "true", h, "true")
			if doc.Find("header#top").Length() != 1 {
				t.Errorf("%s: got a fragment, want the full page", h)
			}
		}
	})
}

func TestTopicPostShowsAuthorPanel(t *testing.T) {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.DefaultTimezone = "Asia/Kolkata" })
	if _, err := b.store.DB().NewRaw("INSERT INTO ranks (title, min_posts) VALUES ('Stargazer', 0), ('Veteran', 3)").Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	u := b.fx.User("frank")
	f := b.fx.Forum("Lounge")
	at := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	topic := b.fx.Topic(f, u, fixture.TopicSpec{Title: "Hello <everyone>", Posts: 4, LastAt: at})
	_, doc := b.page(views.TopicPath(topic.ID, topic.Title))

	post := doc.Find("#posts article").Last()
	panel := post.Find("aside.author-panel")
	if got := strings.TrimSpace(panel.Find(".author-name").Text()); got != "frank" {
		t.Errorf("author = %q", got)
	}
	if got := strings.TrimSpace(panel.Find(".author-rank").Text()); got != "Veteran" {
		t.Errorf("rank = %q, want Veteran (4 posts)", got)
	}
	if got := strings.TrimSpace(panel.Find(".author-posts").Text()); got != "4" {
		t.Errorf("post count = %q", got)
	}
	// One list of facts serves the phone's layout and the desktop's, so a
	// page of posts does not carry each author's facts twice.
	joined := strings.TrimSpace(panel.Find(".author-joined").Text())
	if joined == "" || strings.Count(panel.Text(), joined) != 1 || strings.Count(strings.ToLower(panel.Text()), "post") != 1 {
		t.Errorf("the author panel %q does not give the join date %q and the post count once each", panel.Text(), joined)
	}
	if doc.Find("#posts .post-mod").Length() != 0 {
		t.Error("a guest's page carries empty places for moderators' controls")
	}
	if got := post.Find("time").Text(); got != "Wed Mar 4, 2026 3:30 pm" {
		t.Errorf("post time = %q, want it in the board's zone", got)
	}
	if got := doc.Find("#timezone").Text(); got != "UTC+05:30 (Asia/Kolkata)" {
		t.Errorf("footer zone = %q", got)
	}
	if got := strings.TrimSpace(post.Find(".post-subject").Text()); got != "Re: Hello <everyone>" {
		t.Errorf("subject = %q", got)
	}
	if href := post.Find("a.permalink").AttrOr("href", ""); href != "/p/"+strings.TrimPrefix(post.AttrOr("id", ""), "p") {
		t.Errorf("permalink = %q for %s", href, post.AttrOr("id", ""))
	}
	if post.Find(".post-body[hx-disable]").Length() != 1 {
		t.Error("the post body is not inside an hx-disable element")
	}
}

func TestPostPermalink(t *testing.T) {
	b := newTestBoard(t)
	u := b.fx.User("gina")
	f := b.fx.Forum("Lounge")
	topic := b.fx.Topic(f, u, fixture.TopicSpec{Title: "Long one", Posts: 60})
	ids := b.fx.PostIDs(topic.ID)
	path := views.TopicPath(topic.ID, topic.Title)

	for _, c := range []struct{ number, page int }{{1, 1}, {25, 1}, {26, 2}, {51, 3}, {60, 3}} {
		id := ids[c.number-1]
		resp, _ := b.get(views.PostPath(id))
		want := views.Pager{Path: path}.URL(c.page) + "#p" + strconv.FormatInt(id, 10)
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != want {
			t.Errorf("post %d: got %d to %q, want %q", c.number, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	t.Run("a deleted post is gone", func(t *testing.T) {
		if _, err := b.store.DB().NewRaw("UPDATE posts SET deleted_at = now() WHERE id = ?", ids[5]).Exec(t.Context()); err != nil {
			t.Fatal(err)
		}
		if resp, _ := b.get(views.PostPath(ids[5])); resp.StatusCode != http.StatusNotFound {
			t.Errorf("got %d", resp.StatusCode)
		}
	})
}

func TestCanonicalURLsAndNotFound(t *testing.T) {
	b := newTestBoard(t)
	u := b.fx.User("hank")
	f := b.fx.Forum("Deep Sky")
	topic := b.fx.Topic(f, u, fixture.TopicSpec{Title: "The Veil Nebula", Posts: 2})
	tid, fid := strconv.FormatInt(topic.ID, 10), strconv.FormatInt(f.ID, 10)

	redirects := map[string]string{
		"/t/" + tid:                       "/t/" + tid + "/the-veil-nebula",
		"/t/" + tid + "/old-title?page=1": "/t/" + tid + "/the-veil-nebula?page=1",
		"/f/" + fid:                       "/f/" + fid + "/deep-sky",
		"/f/" + fid + "/x?page=1":         "/f/" + fid + "/deep-sky?page=1",
	}
	for from, to := range redirects {
		resp, _ := b.get(from)
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != to {
			t.Errorf("%s: got %d to %q, want 301 to %q", from, resp.StatusCode, resp.Header.Get("Location"), to)
		}
	}
	for _, path := range []string{"/t/999999", "/t/abc", "/f/0", "/p/999999", "/p/1x", "/no/such/page", "/t/" + tid + "/x/sideways"} {
		resp, body := b.get(path)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, resp.StatusCode)
			continue
		}
		if !strings.Contains(body, "Page not found") || !strings.Contains(body, `<header id="top"`) {
			t.Errorf("%s: 404 is not a proper page", path)
		}
	}
	t.Run("htmx gets the message alone", func(t *testing.T) {
		resp, body := b.get("/t/999999", "HX-Request", "true")
		if resp.StatusCode != http.StatusNotFound || strings.Contains(body, "<html") || !strings.Contains(body, "Page not found") {
			t.Errorf("got %d: %s", resp.StatusCode, body)
		}
	})
}

func TestPreviousAndNextTopic(t *testing.T) {
	b := newTestBoard(t)
	u := b.fx.User("iris")
	f := b.fx.Forum("Lounge")
	now := time.Now()
	older := b.fx.Topic(f, u, fixture.TopicSpec{Title: "Older", LastAt: now.Add(-3 * time.Hour)})
	middle := b.fx.Topic(f, u, fixture.TopicSpec{Title: "Middle", LastAt: now.Add(-2 * time.Hour)})
	newer := b.fx.Topic(f, u, fixture.TopicSpec{Title: "Newer", LastAt: now.Add(-time.Hour)})
	base := views.TopicPath(middle.ID, middle.Title)

	for suffix, want := range map[string]int64{"/previous": newer.ID, "/next": older.ID} {
		resp, _ := b.get(base + suffix)
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/t/"+strconv.FormatInt(want, 10) {
			t.Errorf("%s: got %d to %q", suffix, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	resp, body := b.get(views.TopicPath(newer.ID, newer.Title) + "/previous")
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "There are no newer topics in this forum.") {
		t.Errorf("no previous topic: got %d", resp.StatusCode)
	}
}
