package app

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// SECURITY-TESTS.md items 72-81: concurrent writers against the real
// database. Item 72 (50 replies to one topic) is the models test
// TestConcurrentRepliesKeepEveryCounterExact; each test here ends with the
// recount finding no drift (item 81).

func TestRepliesWhileTopicsMove(t *testing.T) {
	b := newTestBoard(t)
	mod := b.fx.User("mover")
	var authors []*models.User
	for i := range 4 {
		authors = append(authors, b.fx.User(fmt.Sprintf("author%d", i)))
	}
	var forums []*models.Forum
	var topics []*models.Topic
	for f := range 5 {
		forums = append(forums, b.fx.Forum(fmt.Sprintf("Forum %d", f)))
		for i := range 4 {
			topics = append(topics, b.fx.Topic(forums[f], authors[0], fixture.TopicSpec{Title: fmt.Sprintf("T%d.%d", f, i), Posts: 2}))
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i := range 100 {
		wg.Go(func() {
			_, err := b.store.CreateReply(t.Context(), topics[i%len(topics)].ID, models.NewPost{AuthorID: authors[i%len(authors)].ID,
				Body: fmt.Sprintf("reply %d", i), BodyHTML: "<p>r</p>"})
			errs <- err
		})
	}
	for i := range 5 {
		wg.Go(func() {
			topic := topics[i*4] // one topic of each forum moves to the next forum
			errs <- b.store.MoveTopic(t.Context(), topic.ID, forums[i].ID, forums[(i+1)%5].ID, i%2 == 0, models.Moderation{ModeratorID: mod.ID})
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	b.noDrift(t)
}

func TestReplyRacingTheLastPostsDeletion(t *testing.T) {
	b := newTestBoard(t)
	author, replier := b.fx.User("author"), b.fx.User("replier")
	forum := b.fx.Forum("Lounge")
	for round := range 15 {
		topic := b.fx.Topic(forum, author, fixture.TopicSpec{Title: fmt.Sprintf("Round %d", round), Posts: 3})
		last := b.fx.PostIDs(topic.ID)[2]
		var wg sync.WaitGroup
		var replyErr, deleteErr error
		wg.Go(func() {
			_, replyErr = b.store.CreateReply(t.Context(), topic.ID, models.NewPost{AuthorID: replier.ID, Body: "racing", BodyHTML: "<p>racing</p>"})
		})
		wg.Go(func() { _, deleteErr = b.store.DeletePost(t.Context(), last, author.ID) })
		wg.Wait()
		if replyErr != nil {
			t.Fatalf("round %d: reply: %v", round, replyErr)
		}
		// The author's deletion may be refused when the reply came first
		// (a post with replies after it stays); either way the pointers hold.
		var ok bool
		if err := b.store.DB().NewRaw(`SELECT t.last_post_id = (SELECT id FROM posts WHERE topic_id = t.id AND deleted_at IS NULL ORDER BY post_number DESC LIMIT 1)
			AND f.last_post_id IS NOT NULL AND EXISTS (SELECT 1 FROM posts p WHERE p.id = f.last_post_id AND p.deleted_at IS NULL)
			FROM topics t JOIN forums f ON f.id = t.forum_id WHERE t.id = ?`, topic.ID).Scan(t.Context(), &ok); err != nil {
			t.Fatal(err)
		}
		if !ok {
			t.Errorf("round %d (delete: %v): the last-post pointers name a missing or hidden post", round, deleteErr)
		}
	}
	b.noDrift(t)
}

func TestConcurrentModeratorEditsConflict(t *testing.T) {
	b := newModBoard(t)
	second, secondU := b.loggedIn("deputy")
	b.fx.Grant(b.forumA.ID, b.fx.Group("Deputies", secondU), models.FList|models.FRead|models.ModeratorPerms, 0)
	target := b.postsA[2]
	for round := range 5 {
		_, doc := b.mod.page(views.EditPath(target))
		version := doc.Find("input[name=version]").AttrOr("value", "")
		var wg sync.WaitGroup
		type answer struct {
			status int
			body   string
		}
		answers := make([]answer, 2)
		for i, cl := range []*client{b.mod, second} {
			form := url.Values{"message": {fmt.Sprintf("round %d text of editor %d", round, i)}, "version": {version}, "reason": {"tidy"}, csrfField: {cl.csrf}}
			wg.Go(func() {
				resp, body := cl.postRaw(views.EditPath(target), form, "HX-Request", "true")
				answers[i] = answer{resp.StatusCode, body}
			})
		}
		wg.Wait()
		won, lost := 0, -1
		for i, a := range answers {
			switch a.status {
			case http.StatusOK:
				won++
			case http.StatusConflict:
				lost = i
			default:
				t.Fatalf("round %d: editor %d got %d", round, i, a.status)
			}
		}
		if won != 1 || lost < 0 {
			t.Fatalf("round %d: %d saves went through, want exactly one and one 409", round, won)
		}
		if body := answers[lost].body; !strings.Contains(body, fmt.Sprintf("round %d text of editor %d", round, lost)) || !strings.Contains(body, "changed by someone else") {
			t.Errorf("round %d: the refused editor lost their text or the reason", round)
		}
		var stored string
		if err := b.store.DB().NewRaw("SELECT body FROM posts WHERE id = ?", target).Scan(t.Context(), &stored); err != nil {
			t.Fatal(err)
		}
		if stored != fmt.Sprintf("round %d text of editor %d", round, 1-lost) {
			t.Errorf("round %d: stored %q, not the winner's text", round, stored)
		}
	}
	b.noDrift(t)
}

func TestDoubleSubmitMakesOnePost(t *testing.T) {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	cl, u := b.loggedIn("clicker")
	topic := b.fx.Topic(b.fx.Forum("Lounge"), b.fx.User("op"), fixture.TopicSpec{Title: "T"})
	form := url.Values{"message": {"clicked twice"}, "key": {models.NewToken()}, csrfField: {cl.csrf}}
	var wg sync.WaitGroup
	var locations [3]string
	for i := range 2 {
		wg.Go(func() {
			resp, _ := cl.postRaw(views.ReplyPath(topic.ID), form)
			locations[i] = resp.Header.Get("Location")
		})
	}
	wg.Wait()
	// The retry a browser makes after a timeout, later.
	resp, _ := cl.postRaw(views.ReplyPath(topic.ID), form)
	locations[2] = resp.Header.Get("Location")
	if n := countRows(t, b, "SELECT count(*) FROM posts WHERE author_id = ?", u.ID); n != 1 {
		t.Errorf("%d posts from one form sent three times", n)
	}
	if locations[0] == "" || locations[0] != locations[1] || locations[1] != locations[2] {
		t.Errorf("the three submissions lead to %v, want the one post each time", locations)
	}
	b.noDrift(t)
}

func TestDoubleDeleteChangesCountersOnce(t *testing.T) {
	b := newModBoard(t)
	var before struct{ Posts, Replies, Author int }
	counts := func() (c struct{ Posts, Replies, Author int }) {
		if err := b.store.DB().NewRaw(`SELECT f.post_count AS posts, t.reply_count AS replies, u.post_count AS author
			FROM topics t JOIN forums f ON f.id = t.forum_id JOIN users u ON u.id = ? WHERE t.id = ?`, b.author.ID, b.topicA.ID).Scan(t.Context(), &c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	before = counts()
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	for i := range 2 {
		wg.Go(func() {
			resp, _ := b.mod.post(views.DeletePath(b.postsA[3]), url.Values{"reason": {"double click"}}, "HX-Request", "true")
			statuses[i] = resp.StatusCode
		})
	}
	wg.Wait()
	after := counts()
	if after.Posts != before.Posts-1 || after.Replies != before.Replies-1 || after.Author != before.Author-1 {
		t.Errorf("counters %+v -> %+v after a double delete (statuses %v), want each one less", before, after, statuses)
	}
	for _, s := range statuses {
		if s >= 500 {
			t.Errorf("a double delete answered %d", s)
		}
	}
	if n := countRows(t, b.testBoard, "SELECT count(*) FROM moderator_log WHERE action = ?", models.ModDeletePost); n != 1 {
		t.Errorf("%d log entries for one deletion", n)
	}
	b.noDrift(t)
}

// Item 78: a failure between the post's insert and its counters rolls the
// whole reply back.
func TestFailureAfterInsertRollsBack(t *testing.T) {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	cl, _ := b.loggedIn("unlucky")
	forum := b.fx.Forum("Fragile")
	topic := b.fx.Topic(forum, b.fx.User("op"), fixture.TopicSpec{Title: "T", Posts: 2})
	// The forum's counters are updated last: make that update fail.
	for _, stmt := range []string{
		`CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`,
		fmt.Sprintf(`CREATE TRIGGER test_refuse BEFORE UPDATE ON forums FOR EACH ROW WHEN (OLD.id = %d) EXECUTE FUNCTION test_refuse()`, forum.ID),
	} {
		if _, err := b.store.DB().ExecContext(t.Context(), stmt); err != nil {
			t.Fatal(err)
		}
	}
	before := b.snapshot()
	for _, htmx := range []string{"", "true"} {
		resp, _ := cl.post(views.ReplyPath(topic.ID), url.Values{"message": {"lost in the failure"}, "key": {models.NewToken()}}, "HX-Request", htmx)
		if resp.StatusCode < 500 {
			t.Errorf("htmx %q: a failed write answered %d", htmx, resp.StatusCode)
		}
	}
	if b.snapshot() != before {
		t.Error("the failed reply left rows or counters behind")
	}
	if n := countRows(t, b, "SELECT count(*) FROM posts WHERE body = 'lost in the failure'"); n != 0 {
		t.Error("the post row survived the rollback")
	}
	if _, err := b.store.DB().ExecContext(t.Context(), "DROP TRIGGER test_refuse ON forums"); err != nil {
		t.Fatal(err)
	}
	b.noDrift(t)
}

// Item 79: browsers that hang up right after sending a reply leave either
// the whole reply or none of it.
func TestDisconnectAfterSubmit(t *testing.T) {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	cl, u := b.loggedIn("leaver")
	topic := b.fx.Topic(b.fx.Forum("Lounge"), b.fx.User("op"), fixture.TopicSpec{Title: "T"})
	base := b.listen()
	addr := strings.TrimPrefix(base, "http://")
	var cookies []string
	for name, value := range cl.cookies {
		cookies = append(cookies, name+"="+value)
	}
	const n = 20
	for i := range n {
		body := url.Values{"message": {fmt.Sprintf("hung up %d", i)}, "key": {models.NewToken()}, csrfField: {cl.csrf}}.Encode()
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nCookie: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s",
			views.ReplyPath(topic.ID), addr, strings.Join(cookies, "; "), len(body), body)
		if i%2 == 0 {
			bufio.NewReader(conn).Peek(1) // half wait for the first byte of the answer
		}
		conn.Close()
	}
	// Shutting the server down waits for every request still running.
	if err := b.srv.Fiber.ShutdownWithTimeout(10 * time.Second); err != nil {
		t.Fatal(err)
	}
	var stored, count, replies int
	if err := b.store.DB().NewRaw(`SELECT (SELECT count(*) FROM posts WHERE author_id = ?0), (SELECT post_count FROM users WHERE id = ?0),
		(SELECT reply_count FROM topics WHERE id = ?1)`, u.ID, topic.ID).Scan(t.Context(), &stored, &count, &replies); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d of %d replies committed", stored, n)
	if count != stored || replies != stored {
		t.Errorf("%d posts stored but the member counts %d and the topic %d replies", stored, count, replies)
	}
	b.noDrift(t)
}

// Item 80: posts arriving between reading page 1 and page 2 neither repeat
// nor vanish: pages are ranges of post numbers.
func TestPagesHoldStillWhileRepliesArrive(t *testing.T) {
	for _, order := range []string{"", "?order=desc"} {
		t.Run("order "+order, func(t *testing.T) {
			b := newTestBoard(t)
			b.setConfig(func(c *models.BoardConfig) { c.PostsPerPage = 10; c.FloodIntervalSeconds = 0 })
			author := b.fx.User("op")
			topic := b.fx.Topic(b.fx.Forum("Lounge"), author, fixture.TopicSpec{Title: "Busy", Posts: 15})
			numbers := func(url string) ([]string, string) {
				_, doc := b.page(url)
				next := doc.Find(`#pagination-top a[rel="next"]`).AttrOr("href", "")
				return doc.Find("#posts article").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("data-post-number", "") }), next
			}
			// The reader follows the page's own link to the next page.
			first, next := numbers(views.TopicPath(topic.ID, topic.Title) + order)
			if next == "" {
				t.Fatal("page 1 links to no page 2")
			}
			for i := range 10 {
				if _, err := b.store.CreateReply(t.Context(), topic.ID, models.NewPost{AuthorID: author.ID, Body: fmt.Sprintf("new %d", i), BodyHTML: "<p>n</p>"}); err != nil {
					t.Fatal(err)
				}
			}
			second, _ := numbers(next)
			seen := map[string]bool{}
			for _, n := range append(first, second...) {
				if seen[n] {
					t.Errorf("post %s shown on both pages", n)
				}
				seen[n] = true
			}
			// Oldest first the two pages hold posts 1 to 20; newest first
			// they hold the 15 posts there were when page 1 was read.
			want := 20
			if order != "" {
				want = 15
			}
			for n := 1; n <= want; n++ {
				if !seen[fmt.Sprint(n)] {
					t.Errorf("post %d skipped (page 1 %v, page 2 %v)", n, first, second)
				}
			}
		})
	}
}
