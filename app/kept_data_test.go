package app

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

func TestMembersReadKeptPostsButModeratorsFreshOnes(t *testing.T) {
	b := newTestBoard(t)
	b.waitListening()
	forum := b.fx.Forum("Lounge")
	author := b.fx.User("author")
	topic := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Read by many", Posts: 25})
	path := views.TopicPath(topic.ID, topic.Title)
	reader, readerUser := b.loggedIn("reader")
	mod, modUser := b.loggedIn("mod")
	b.fx.Join(modUser, models.GroupModerators)

	queries := func(cl *client) int {
		t.Helper()
		resp, body := cl.get(path)
		if !strings.Contains(body, "Post 25 of Read by many.") {
			t.Fatalf("GET %s: status %d, the page lacks its last post", path, resp.StatusCode)
		}
		n, _ := strconv.Atoi(resp.Header.Get("X-Query-Count"))
		return n
	}
	// The reader's visit (session, account, groups, drafts) was kept when
	// they logged in; the topic, its posts and the forum list are kept by
	// the first reading.
	if first, again := queries(reader), queries(reader); again != 0 || first <= again {
		t.Errorf("a member's visits ran %d then %d queries; want everything from memory the second time", first, again)
	}
	other, _ := b.loggedIn("other")
	if n := queries(other); n != 0 {
		t.Errorf("another member's visit ran %d queries; want the kept topic and posts", n)
	}
	// A draft reply is the member's own, read when their visit says so.
	if err := b.store.SaveDraft(t.Context(), readerUser.ID, topic.ID, "Half a thought about planes"); err != nil {
		t.Fatal(err)
	}
	if _, body := reader.get(path); !strings.Contains(body, "Half a thought about planes") {
		t.Error("the member's topic page, from the kept topic, lost their draft")
	}
	if _, body := other.get(path); strings.Contains(body, "Half a thought about planes") {
		t.Error("another member's page shows the draft")
	}
	// A moderator may see deleted posts and report marks: theirs are read.
	if n := queries(mod); n != 3 {
		t.Errorf("a moderator's visit ran %d queries; want the visit, the topic and its posts", n)
	}
}

func TestKeptListsCarryEachMembersOwnUnreadFlags(t *testing.T) {
	b := newTestBoard(t)
	b.waitListening()
	author := b.fx.User("author")
	forum := b.fx.Forum("Lounge")
	topic := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Read by one", Posts: 3})
	forumPath := views.ForumPath(forum.ID, forum.Title)
	done, _ := b.loggedIn("done")
	fresh, _ := b.loggedIn("fresh")
	done.page(views.TopicPath(topic.ID, topic.Title))
	b.flushReads()

	// Each order: the first visit reads the list and keeps it, the second
	// is served from it.
	for _, order := range [][]*client{{done, fresh}, {fresh, done}} {
		b.srv.handler.pages.invalidate([]models.Tag{models.TagAll})
		for _, cl := range order {
			_, list := cl.page(forumPath)
			_, index := cl.page("/")
			want := cl == fresh
			if topicMarked(list, topic.ID) != want || forumMarked(index, forum.ID) != want {
				t.Errorf("unread shown %v on the forum page and %v on the index; want %v for the member who %s",
					topicMarked(list, topic.ID), forumMarked(index, forum.ID), want, map[bool]string{true: "has not read it", false: "read it"}[want])
			}
		}
	}
	if _, doc := b.page(forumPath); topicMarked(doc, topic.ID) {
		t.Error("a guest's page, from the kept list, marks a topic unread")
	}
}

// The parts of posts and the rows of topics kept for members carry times
// in one clock; each member reads them in their own, and the message link
// beside every post but their own.
func TestMembersReadKeptPostsByTheirOwnClock(t *testing.T) {
	b := newTestBoard(t)
	b.waitListening()
	forum := b.fx.Forum("Lounge")
	author, authorUser := b.loggedIn("author")
	topic := b.fx.Topic(forum, authorUser, fixture.TopicSpec{Title: "Read around the world", Posts: 3})
	path := views.TopicPath(topic.ID, topic.Title)
	tokyo, tokyoUser := b.loggedIn("tokyo")
	if err := b.store.UpdatePreferences(t.Context(), tokyoUser.ID, models.Preferences{Timezone: "Asia/Tokyo", DateFormat: "iso"}); err != nil {
		t.Fatal(err)
	}
	reader, _ := b.loggedIn("reader")

	clocks := map[*client]views.Clock{author: views.NewClock("UTC", ""), tokyo: views.NewClock("Asia/Tokyo", "iso"), reader: views.NewClock("UTC", "")}
	for _, order := range [][]*client{{reader, tokyo, author}, {tokyo, author, reader}} {
		b.srv.handler.pages.invalidate([]models.Tag{models.TagAll})
		for _, cl := range order {
			_, doc := cl.page(path)
			stamp := doc.Find("article .post-meta time").First()
			at, err := time.Parse("2006-01-02T15:04Z07:00", stamp.AttrOr("datetime", ""))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := stamp.Text(), clocks[cl].Time(at); got != want {
				t.Errorf("a member reads the first post's time as %q; want %q, in their own zone and format", got, want)
			}
			_, list := cl.page(views.ForumPath(forum.ID, forum.Title))
			row := list.Find(".topic-row time").First()
			if at, err := time.Parse("2006-01-02T15:04Z07:00", row.AttrOr("datetime", "")); err != nil || row.Text() != clocks[cl].Time(at) {
				t.Errorf("a member reads the topic's time in the forum's list as %q (%v); want it in their own zone and format", row.Text(), err)
			}
			links, want := doc.Find("article .pm-link").Length(), 3
			if cl == author {
				want = 0
			}
			if links != want {
				t.Errorf("%d message links beside the posts; want %d", links, want)
			}
		}
	}
}
