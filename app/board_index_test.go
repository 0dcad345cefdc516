package app

import (
	"strings"
	"testing"

	"hyperboard/internal/fixture"
	"hyperboard/models"
)

func TestBoardIndex(t *testing.T) {
	b := newTestBoard(t)
	alice, bob := b.fx.User("alice"), b.fx.User("bob")
	scopes := b.fx.Forum("Telescopes")
	reports := b.fx.Forum("Observing reports")
	b.fx.Topic(scopes, alice, fixture.TopicSpec{Title: "Dobsonian or refractor?", Posts: 3})
	b.fx.Topic(scopes, bob, fixture.TopicSpec{Title: "Collimation tips", Posts: 2})
	b.fx.Topic(reports, bob, fixture.TopicSpec{Title: "M13 from the city", Posts: 4})

	_, doc := b.page("/")

	t.Run("lists each category with its forums", func(t *testing.T) {
		sections := doc.Find("section[aria-labelledby^=cat]")
		if sections.Length() != 2 {
			t.Fatalf("found %d category sections, want 2", sections.Length())
		}
		got := texts(doc.Find(".forum-row h3 a"))
		if strings.Join(got, "|") != "Telescopes|Observing reports" {
			t.Errorf("forums = %q", got)
		}
	})
	t.Run("shows topic and post counts", func(t *testing.T) {
		row := doc.Find(".forum-row").First()
		if got := strings.TrimSpace(row.Find(".topic-count").Text()); got != "2 topics" {
			t.Errorf("topic count = %q, want 2 topics", got)
		}
		if got := strings.TrimSpace(row.Find(".post-count").Text()); got != "5 posts" {
			t.Errorf("post count = %q, want 5 posts", got)
		}
	})
	t.Run("shows the last post with its topic and author", func(t *testing.T) {
		last := doc.Find(".forum-row").Eq(1).Find(".last-post")
		if !strings.Contains(last.Text(), "M13 from the city") || !strings.Contains(last.Text(), "bob") {
			t.Errorf("last post = %q", strings.Join(strings.Fields(last.Text()), " "))
		}
		href, _ := last.Find("a").Attr("href")
		if !strings.HasPrefix(href, "/p/") {
			t.Errorf("last post link = %q, want a /p/ permalink", href)
		}
	})
	t.Run("shows board statistics", func(t *testing.T) {
		stats := doc.Find("#board-stats")
		for sel, want := range map[string]string{".stat-posts": "9", ".stat-topics": "3", ".stat-users": "2", ".stat-newest": "bob"} {
			if got := strings.TrimSpace(stats.Find(sel).Text()); got != want {
				t.Errorf("%s = %q, want %q", sel, got, want)
			}
		}
	})
	t.Run("header shows the board title and configured links", func(t *testing.T) {
		b.setConfig(func(c *models.BoardConfig) {
			c.Title = "Night Owls"
			c.HeaderLinks = append(c.HeaderLinks, models.HeaderLink{Title: "Club site", URL: "https://example.org/"})
		})
		_, doc := b.page("/")
		if got := doc.Find("title").Text(); got != "Night Owls" {
			t.Errorf("title = %q", got)
		}
		link := doc.Find(`#site-nav a[href="https://example.org/"]`)
		if link.Text() != "Club site" {
			t.Errorf("header link missing: %q", link.Text())
		}
	})
}

func TestBoardIndexOnEmptyBoard(t *testing.T) {
	b := newTestBoard(t)
	_, doc := b.page("/")
	if !strings.Contains(doc.Find("main").Text(), "no forums yet") {
		t.Error("an empty board does not say it has no forums")
	}
}
