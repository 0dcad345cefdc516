package app

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// maxQueriesPerPage is the design's budget for a topic or forum page,
// whatever its length.
const maxQueriesPerPage = 4

// TestQueryBudget counts the SQL each page runs on a small and on a large
// board: the count must stay within budget and not grow with the content.
func TestQueryBudget(t *testing.T) {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.TopicsPerPage = 10 })
	users := []*models.User{b.fx.User("u1"), b.fx.User("u2"), b.fx.User("u3")}
	small, large := b.fx.Forum("Small"), b.fx.Forum("Large")
	short := b.fx.Topic(small, users[0], fixture.TopicSpec{Title: "Short", Posts: 1})
	var long *models.Topic
	for i := range 30 {
		long = b.fx.Topic(large, users[i%3], fixture.TopicSpec{Title: fmt.Sprintf("Topic %d", i), Posts: 5 + i*5, Every: time.Hour})
	}

	pages := map[string]string{
		"board index":               "/",
		"small forum":               views.ForumPath(small.ID, small.Title),
		"large forum, page 3":       views.ForumPath(large.ID, large.Title) + "?page=3",
		"one-post topic":            views.TopicPath(short.ID, short.Title),
		"long topic, last page":     views.TopicPath(long.ID, long.Title) + "?page=6",
		"long topic, filtered":      views.TopicPath(long.ID, long.Title) + "?days=2&order=desc",
		"long topic, htmx fragment": views.TopicPath(long.ID, long.Title) + "?page=2",
		"member list":               "/members?sort=posts",
	}
	member, _ := b.loggedIn("reader")
	// A moderator's topic pages carry the moderator tools, the deleted
	// posts and which posts have open reports, at no extra query.
	moderator, mod := b.loggedIn("moderator")
	b.fx.Join(mod, models.GroupModerators)
	longIDs := b.fx.PostIDs(long.ID)
	for _, i := range []int{0, 30, 140} { // on page 1, page 2, the last page
		if err := b.store.CreateReport(t.Context(), longIDs[i], users[0].ID, models.ReportSpam, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.store.DeletePost(t.Context(), longIDs[3], users[0].ID); err != nil {
		t.Fatal(err)
	}
	for name, path := range pages {
		htmx := strconv.FormatBool(name == "long topic, htmx fragment")
		for who, get := range map[string]func(string, ...string) (*http.Response, string){"a guest": b.get, "a member": member.get, "a moderator": moderator.get} {
			t.Run(name+" for "+who, func(t *testing.T) {
				resp, body := get(path, "HX-Request", htmx)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("status %d\n%s", resp.StatusCode, body)
				}
				n, err := strconv.Atoi(resp.Header.Get("X-Query-Count"))
				if err != nil {
					t.Fatalf("no query count: %v", err)
				}
				if n > maxQueriesPerPage {
					t.Errorf("%s ran %d queries, budget %d", path, n, maxQueriesPerPage)
				}
				if marked := strings.Contains(body, "reported-marker"); marked != (who == "a moderator" && strings.Contains(name, "long topic")) {
					t.Errorf("reported posts marked: %v", marked)
				}
			})
		}
	}

	// A member's own pages, with read marks in place.
	member.page(views.TopicPath(long.ID, long.Title))
	b.flushReads()
	own := map[string]string{
		"unread list":              views.TopicListPath(models.ListUnread),
		"new posts list":           views.TopicListPath(models.ListNew),
		"own posts list":           views.TopicListPath(models.ListMine),
		"unanswered list":          views.TopicListPath(models.ListUnanswered),
		"jump to the first unread": views.UnreadPostPath(long.ID, long.Title),
	}
	for name, path := range own {
		t.Run(name+" for a member", func(t *testing.T) {
			resp, body := member.get(path)
			if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusFound {
				t.Fatalf("status %d\n%s", resp.StatusCode, body)
			}
			if n, err := strconv.Atoi(resp.Header.Get("X-Query-Count")); err != nil || n > maxQueriesPerPage {
				t.Errorf("%s ran %q queries, budget %d", path, resp.Header.Get("X-Query-Count"), maxQueriesPerPage)
			}
		})
	}
}
