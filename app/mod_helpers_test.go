package app

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// modBoard is a board of two forums, Telescopes (A) and Binoculars (B),
// where "warden" moderates A only (every moderator permission, stickies
// and announcements) and is an ordinary member in B.
type modBoard struct {
	*testBoard
	mod, member       *client
	modUser, memberU  *models.User
	author            *models.User
	forumA, forumB    *models.Forum
	topicA, topicB    *models.Topic
	postsA, postsB    []int64
	wardenGroupInForA int64
}

func newModBoard(t *testing.T) *modBoard {
	t.Helper()
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	mb := &modBoard{testBoard: b}
	mb.mod, mb.modUser = b.loggedIn("warden")
	mb.member, mb.memberU = b.loggedIn("member")
	mb.author = b.fx.User("author")
	mb.forumA, mb.forumB = b.fx.Forum("Telescopes"), b.fx.Forum("Binoculars")
	mb.wardenGroupInForA = b.fx.Group("Telescope team", mb.modUser)
	b.fx.Grant(mb.forumA.ID, mb.wardenGroupInForA, models.FList|models.FRead|models.FPost|models.FReply|models.FSticky|models.FAnnounce|models.ModeratorPerms, 0)
	mb.topicA = b.fx.Topic(mb.forumA, mb.author, fixture.TopicSpec{Title: "Collimation help", Posts: 5, Every: time.Minute})
	mb.topicB = b.fx.Topic(mb.forumB, mb.author, fixture.TopicSpec{Title: "Best 10x50", Posts: 3, Every: time.Minute})
	mb.postsA, mb.postsB = b.fx.PostIDs(mb.topicA.ID), b.fx.PostIDs(mb.topicB.ID)
	return mb
}

// noDrift fails the test when a counter or pointer disagrees with the posts.
func (b *testBoard) noDrift(t *testing.T) {
	t.Helper()
	drift, err := b.store.Recount(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drift {
		if d.Rows != 0 {
			t.Errorf("%d rows of %s drifted from the posts", d.Rows, d.Table)
		}
	}
}

// logCount counts the moderator log's rows.
func (b *testBoard) logCount(t *testing.T) int {
	t.Helper()
	return countRows(t, b, "SELECT count(*) FROM moderator_log")
}

// lastLog is the newest moderator log entry.
func (b *testBoard) lastLog(t *testing.T) models.ModLogEntry {
	t.Helper()
	var e models.ModLogEntry
	if err := b.store.DB().NewSelect().Model(&e).OrderExpr("id DESC").Limit(1).Scan(t.Context()); err != nil {
		t.Fatalf("no log entry: %v", err)
	}
	return e
}

// topicRow reads a topic's stored state.
func (b *testBoard) topicRow(t *testing.T, id int64) models.Topic {
	t.Helper()
	var topic models.Topic
	if err := b.store.DB().NewSelect().Model(&topic).Where("id = ?", id).Scan(t.Context()); err != nil {
		t.Fatalf("topic %d: %v", id, err)
	}
	return topic
}

// postNumbers returns a topic's post ids in number order, failing unless
// the numbers run 1..n without gaps.
func (b *testBoard) postNumbers(t *testing.T, topicID int64) []int64 {
	t.Helper()
	var rows []struct {
		ID         int64
		PostNumber int
	}
	if err := b.store.DB().NewRaw("SELECT id, post_number FROM posts WHERE topic_id = ? ORDER BY post_number", topicID).Scan(t.Context(), &rows); err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		if r.PostNumber != i+1 {
			t.Errorf("topic %d: post %d numbered %d, want %d", topicID, r.ID, r.PostNumber, i+1)
		}
		ids[i] = r.ID
	}
	return ids
}

func topicURL(t *models.Topic) string { return views.TopicPath(t.ID, t.Title) }

// wantStatus fails unless the response has the status.
func wantStatus(t *testing.T, what string, resp *http.Response, body string, status int) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("%s: status %d, want %d\n%s", what, resp.StatusCode, status, body)
	}
}

// htmxRedirectTo reads where an htmx answer sends the browser.
func htmxRedirectTo(t *testing.T, resp *http.Response) string {
	t.Helper()
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("HX-Redirect") == "" {
		t.Fatalf("status %d, HX-Redirect %q; want an htmx redirect", resp.StatusCode, resp.Header.Get("HX-Redirect"))
	}
	return resp.Header.Get("HX-Redirect")
}

// form builds url.Values from name, value pairs.
func form(pairs ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Add(pairs[i], pairs[i+1])
	}
	return v
}

const hx = "HX-Request"
