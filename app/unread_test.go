package app

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// flushReads writes the read marks the app has buffered.
func (b *testBoard) flushReads() {
	b.t.Helper()
	if err := b.srv.handler.reads.Flush(b.t.Context()); err != nil {
		b.t.Fatal(err)
	}
}

// replyAs adds a post to a topic as a member, as the reply form would.
func (b *testBoard) replyAs(u *models.User, topicID int64, body string) *models.Post {
	b.t.Helper()
	p, err := b.store.CreateReply(b.t.Context(), topicID, models.NewPost{AuthorID: u.ID, Body: body, BodyHTML: "<p>" + body + "</p>"})
	if err != nil {
		b.t.Fatal(err)
	}
	return p
}

// topicMarked reports whether a topic list shows a topic as having unread posts.
func topicMarked(doc *goquery.Document, topicID int64) bool {
	return doc.Find(`.topic-row[data-topic-id="`+strconv.FormatInt(topicID, 10)+`"] a.first-unread`).Length() > 0
}

// forumMarked reports whether the board index shows a forum as having unread posts.
func forumMarked(doc *goquery.Document, forumID int64) bool {
	return doc.Find(`.forum-row[data-forum-id="`+strconv.FormatInt(forumID, 10)+`"] .new-posts`).Length() > 0
}

// listedTopics are the titles a topic list shows, in order.
func listedTopics(doc *goquery.Document) []string {
	return texts(doc.Find("#topics .topic-title"))
}

func TestUnreadMarkers(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("author")
	forum, quiet := b.fx.Forum("Lounge"), b.fx.Forum("Quiet corner")
	topic := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Fresh news", Posts: 3})
	b.fx.Topic(quiet, author, fixture.TopicSpec{Title: "Before your time", Posts: 2, LastAt: time.Now().AddDate(-2, 0, 0)})
	cl, reader := b.loggedIn("reader")
	forumPath := views.ForumPath(forum.ID, forum.Title)
	topicPath := views.TopicPath(topic.ID, topic.Title)

	t.Run("a topic with posts the member has not read carries a link to the first unread one", func(t *testing.T) {
		_, doc := cl.page(forumPath)
		link := doc.Find(`.topic-row a.first-unread`)
		if href, _ := link.Attr("href"); href != views.UnreadPostPath(topic.ID, topic.Title) {
			t.Errorf("first unread link = %q, want %q", href, views.UnreadPostPath(topic.ID, topic.Title))
		}
	})
	t.Run("the board index marks the forum with unread posts and not the one without", func(t *testing.T) {
		_, doc := cl.page("/")
		if !forumMarked(doc, forum.ID) {
			t.Error("the forum with a new topic is not marked")
		}
		if forumMarked(doc, quiet.ID) {
			t.Error("a forum whose posts predate the member's joining is marked")
		}
	})
	t.Run("a guest sees no markers", func(t *testing.T) {
		_, doc := b.page(forumPath)
		if topicMarked(doc, topic.ID) {
			t.Error("a guest's forum page marks a topic unread")
		}
		_, doc = b.page("/")
		if forumMarked(doc, forum.ID) {
			t.Error("a guest's board index marks a forum unread")
		}
	})
	t.Run("the forum page drops the marker as soon as the topic is read", func(t *testing.T) {
		cl.page(topicPath)
		_, doc := cl.page(forumPath)
		if topicMarked(doc, topic.ID) {
			t.Error("the topic just read is still marked before the reads are written")
		}
	})
	t.Run("once the reads are written neither the forum nor the index is marked", func(t *testing.T) {
		b.flushReads()
		if n := countRows(t, b, "SELECT last_read_number FROM topic_reads WHERE user_id = ? AND topic_id = ?", reader.ID, topic.ID); n != 3 {
			t.Errorf("last read number = %d, want 3", n)
		}
		_, doc := cl.page(forumPath)
		if topicMarked(doc, topic.ID) {
			t.Error("the topic read is still marked")
		}
		_, doc = cl.page("/")
		if forumMarked(doc, forum.ID) {
			t.Error("the forum is still marked after reading its only topic")
		}
	})
	t.Run("someone else's reply marks the topic again", func(t *testing.T) {
		b.replyAs(author, topic.ID, "One more thing.")
		_, doc := cl.page(forumPath)
		if !topicMarked(doc, topic.ID) {
			t.Error("a topic with a new reply is not marked")
		}
		_, doc = cl.page("/")
		if !forumMarked(doc, forum.ID) {
			t.Error("the forum with a new reply is not marked")
		}
	})
	t.Run("the member's own reply leaves the topic read", func(t *testing.T) {
		cl.page(topicPath)
		b.flushReads()
		b.replyAs(reader, topic.ID, "Thanks!")
		_, doc := cl.page(forumPath)
		if topicMarked(doc, topic.ID) {
			t.Error("the member's own reply marks the topic unread for them")
		}
	})
}

func TestFirstUnreadPost(t *testing.T) {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.PostsPerPage = 5 })
	author := b.fx.User("author")
	forum := b.fx.Forum("Lounge")
	topic := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Long read", Posts: 12, Every: time.Minute})
	ids := b.fx.PostIDs(topic.ID)
	cl, _ := b.loggedIn("reader")
	topicPath := views.TopicPath(topic.ID, topic.Title)
	unread := views.UnreadPostPath(topic.ID, topic.Title)

	goesTo := func(t *testing.T, cl *client, want string) {
		t.Helper()
		resp, _ := cl.get(unread)
		if resp.StatusCode != http.StatusFound {
			t.Fatalf("status %d, want 302", resp.StatusCode)
		}
		if got := resp.Header.Get("Location"); got != want {
			t.Errorf("Location = %q, want %q", got, want)
		}
	}
	t.Run("a member who has read nothing starts at the first post", func(t *testing.T) {
		goesTo(t, cl, topicPath+"#p"+strconv.FormatInt(ids[0], 10))
	})
	t.Run("after the first page the member goes to the first post of the second", func(t *testing.T) {
		cl.page(topicPath)
		b.flushReads()
		goesTo(t, cl, topicPath+"?page=2#p"+strconv.FormatInt(ids[5], 10))
	})
	t.Run("a member who has read everything goes to the last post", func(t *testing.T) {
		cl.page(topicPath + "?page=3")
		b.flushReads()
		goesTo(t, cl, topicPath+"?page=3#p"+strconv.FormatInt(ids[11], 10))
	})
	t.Run("after marking everything read only a later reply is unread", func(t *testing.T) {
		cl.post(views.MarkReadPath, nil)
		reply := b.replyAs(author, topic.ID, "Late addition.")
		goesTo(t, cl, topicPath+"?page=3#p"+strconv.FormatInt(reply.ID, 10))
	})
	t.Run("a guest is sent to the start of the topic", func(t *testing.T) {
		goesTo(t, b.newClient(), "/t/"+strconv.FormatInt(topic.ID, 10))
	})
	t.Run("an unknown topic is not found", func(t *testing.T) {
		resp, _ := cl.get("/t/999999/x/unread")
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("status %d, want 404", resp.StatusCode)
		}
	})
}

func TestTopicLists(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("author")
	forum := b.fx.Forum("Lounge")
	reader := b.member("reader", "correct horse battery staple")
	answered := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Old and answered", Posts: 3, LastAt: time.Now().AddDate(0, 0, -3)})
	b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Nobody answered", Posts: 1})
	mine := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Joined in", Posts: 1, LastAt: time.Now().AddDate(0, 0, -2)})
	b.replyAs(reader, mine.ID, "Me too.")
	// The member was last here a day ago: the new list counts from then.
	if _, err := b.store.DB().NewRaw("UPDATE users SET last_visit_at = now() - interval '1 day' WHERE id = ?", reader.ID).Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	cl := b.newClient()
	if resp, _ := cl.post("/login", url.Values{"username": {"reader"}, "password": {"correct horse battery staple"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("log in: status %d", resp.StatusCode)
	}
	cl.get("/")

	lists := []struct {
		list models.TopicList
		want []string
	}{
		{models.ListUnread, []string{"Nobody answered", "Old and answered"}},
		{models.ListNew, []string{"Joined in", "Nobody answered"}},
		{models.ListMine, []string{"Joined in"}},
		{models.ListUnanswered, []string{"Nobody answered"}},
	}
	for _, l := range lists {
		t.Run("the "+string(l.list)+" list shows its topics, most recently active first", func(t *testing.T) {
			_, doc := cl.page(views.TopicListPath(l.list))
			if got := listedTopics(doc); !slices.Equal(got, l.want) {
				t.Errorf("topics = %q, want %q", got, l.want)
			}
		})
	}
	t.Run("each list names the forum of its topics", func(t *testing.T) {
		_, doc := cl.page(views.TopicListPath(models.ListMine))
		if got := texts(doc.Find("#topics .topic-forum")); !slices.Equal(got, []string{"Lounge"}) {
			t.Errorf("forums = %q", got)
		}
	})
	t.Run("a topic read leaves the unread list", func(t *testing.T) {
		cl.page(views.TopicPath(answered.ID, answered.Title))
		b.flushReads()
		_, doc := cl.page(views.TopicListPath(models.ListUnread))
		if got := listedTopics(doc); !slices.Equal(got, []string{"Nobody answered"}) {
			t.Errorf("unread topics = %q", got)
		}
	})
	t.Run("the board index links the lists for a member", func(t *testing.T) {
		_, doc := cl.page("/")
		for _, l := range lists {
			if doc.Find(`#topic-lists a[href="`+views.TopicListPath(l.list)+`"]`).Length() != 1 {
				t.Errorf("no link to the %s list", l.list)
			}
		}
		if doc.Find(`#topic-lists form[action="/mark-read"] input[name=_csrf]`).Length() != 1 {
			t.Error("no Mark all forums read form with a CSRF token")
		}
	})
	t.Run("a guest is sent to log in for a member's list", func(t *testing.T) {
		for _, l := range []models.TopicList{models.ListUnread, models.ListNew, models.ListMine} {
			resp, _ := b.get(views.TopicListPath(l))
			want := "/login?return=" + url.QueryEscape(views.TopicListPath(l))
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
				t.Errorf("%s: status %d, Location %q; want 303 to %q", l, resp.StatusCode, resp.Header.Get("Location"), want)
			}
		}
	})
	t.Run("a guest may see the unanswered topics, without markers", func(t *testing.T) {
		_, doc := b.page(views.TopicListPath(models.ListUnanswered))
		if got := listedTopics(doc); !slices.Equal(got, []string{"Nobody answered"}) {
			t.Errorf("topics = %q", got)
		}
		if doc.Find("a.first-unread").Length() != 0 {
			t.Error("a guest's list marks topics unread")
		}
	})
	t.Run("a guest's board index links only the unanswered list", func(t *testing.T) {
		_, doc := b.page("/")
		if got := doc.Find("#topic-lists a").Length(); got != 1 {
			t.Errorf("%d list links, want 1", got)
		}
		if doc.Find("#mark-read").Length() != 0 {
			t.Error("a guest is offered Mark all forums read")
		}
	})
}

func TestTopicListPages(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("author")
	forum := b.fx.Forum("Lounge")
	for i := range topicsPerList + 1 {
		b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Question " + strconv.Itoa(i), LastAt: time.Now().Add(time.Duration(-i) * time.Minute)})
	}
	path := views.TopicListPath(models.ListUnanswered)

	t.Run("the first page holds a page's worth and links the next", func(t *testing.T) {
		_, doc := b.page(path)
		if got := len(listedTopics(doc)); got != topicsPerList {
			t.Errorf("%d topics, want %d", got, topicsPerList)
		}
		if href, _ := doc.Find(`#pagination-top a[rel=next]`).Attr("href"); href != path+"?page=2" {
			t.Errorf("next page link = %q", href)
		}
	})
	t.Run("htmx gets the second page's list alone", func(t *testing.T) {
		_, doc := b.page(path+"?page=2", "HX-Request", "true")
		if got := listedTopics(doc); !slices.Equal(got, []string{"Question " + strconv.Itoa(topicsPerList)}) {
			t.Errorf("topics = %q", got)
		}
		if doc.Find("#topic-lists").Length() != 0 {
			t.Error("the fragment carries the whole page")
		}
	})
	t.Run("a page past the end goes to the last", func(t *testing.T) {
		resp, _ := b.get(path + "?page=9")
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != path+"?page=2" {
			t.Errorf("status %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
}

func TestMarkAllForumsRead(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("author")
	forum := b.fx.Forum("Lounge")
	topic := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Unread so far", Posts: 2})
	other := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Half read", Posts: 2})
	cl, reader := b.loggedIn("reader")
	forumPath := views.ForumPath(forum.ID, forum.Title)
	cl.page(views.TopicPath(other.ID, other.Title))
	b.flushReads()

	t.Run("is refused without the CSRF token", func(t *testing.T) {
		resp, _ := cl.postRaw(views.MarkReadPath, url.Values{})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("status %d, want 403", resp.StatusCode)
		}
		_, doc := cl.page(forumPath)
		if !topicMarked(doc, topic.ID) {
			t.Error("a refused request marked the topic read")
		}
	})
	t.Run("clears every marker and returns to the board index", func(t *testing.T) {
		resp, _ := cl.post(views.MarkReadPath, nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
			t.Fatalf("status %d, Location %q; want 303 to /", resp.StatusCode, resp.Header.Get("Location"))
		}
		_, doc := cl.page(forumPath)
		if topicMarked(doc, topic.ID) || topicMarked(doc, other.ID) {
			t.Error("a topic is still marked")
		}
		_, doc = cl.page("/")
		if forumMarked(doc, forum.ID) {
			t.Error("the forum is still marked")
		}
		if n := countRows(t, b, "SELECT count(*) FROM topic_reads WHERE user_id = ?", reader.ID); n != 0 {
			t.Errorf("%d per-topic marks left, want none", n)
		}
	})
	t.Run("answers htmx with HX-Redirect", func(t *testing.T) {
		resp, _ := cl.post(views.MarkReadPath, nil, "HX-Request", "true")
		if resp.StatusCode != http.StatusNoContent || resp.Header.Get("HX-Redirect") != "/" {
			t.Errorf("status %d, HX-Redirect %q", resp.StatusCode, resp.Header.Get("HX-Redirect"))
		}
	})
	t.Run("is refused to a guest", func(t *testing.T) {
		resp, _ := b.newClient().post(views.MarkReadPath, nil)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("status %d, want 403", resp.StatusCode)
		}
	})
}
