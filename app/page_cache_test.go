package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"hyperboard/bbcode"
	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// eventually waits until cond holds, failing the test after a deadline.
// Change notices between servers travel through PostgreSQL, so another
// server hears a write a moment after it commits.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still not so after 10s: %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitListening waits until the server hears the other servers' notices,
// before which it keeps no page.
func (b *testBoard) waitListening() {
	b.t.Helper()
	eventually(b.t, "the server listens for changes", b.srv.handler.pages.listening.Load)
}

// twoServers starts two app servers on one database, each with its own
// store, page cache and listener, as a board scaled out runs them.
func twoServers(t *testing.T) (*testBoard, *testBoard) {
	t.Helper()
	dsn := dbtest.DSN(t)
	var boards [2]*testBoard
	for i := range boards {
		store, err := models.Open(t.Context(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { store.Close() })
		boards[i] = boardOn(t, store)
		boards[i].waitListening()
	}
	return boards[0], boards[1]
}

// guestBody fetches a page as a guest and returns its status and body,
// checking that a guest's page sets no cookie.
func (b *testBoard) guestBody(path string) (int, string, string) {
	b.t.Helper()
	resp, body := b.get(path)
	if len(resp.Cookies()) != 0 {
		b.t.Errorf("GET %s as a guest set cookies %v", path, resp.Cookies())
	}
	return resp.StatusCode, body, resp.Header.Get("X-Cache")
}

// primed fetches a page as a guest until it comes from the cache: notices
// of the writes just made may still be on their way, each dropping it.
func (b *testBoard) primed(t *testing.T, path string) string {
	t.Helper()
	var body string
	eventually(t, "GET "+path+" comes from the cache", func() bool {
		var status int
		var cache string
		status, body, cache = b.guestBody(path)
		return status == http.StatusOK && cache == "hit"
	})
	return body
}

func TestGuestPagesAreTheSameForEveryGuest(t *testing.T) {
	b := newTestBoard(t)
	b.waitListening()
	author := b.fx.User("author")
	forum := b.fx.Forum("Lounge")
	topic := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Clear skies", Posts: 3})
	for _, path := range []string{"/", views.ForumPath(forum.ID, forum.Title), views.TopicPath(topic.ID, topic.Title), "/members"} {
		t.Run(path, func(t *testing.T) {
			first, second := b.newClient(), b.newClient()
			r1, body1 := first.get(path)
			r2, body2 := second.get(path)
			if r1.StatusCode != http.StatusOK || body1 != body2 {
				t.Fatalf("two guests got different pages (status %d)", r1.StatusCode)
			}
			if r2.Header.Get("X-Cache") != "hit" {
				t.Errorf("the second guest's page was not kept: X-Cache %q", r2.Header.Get("X-Cache"))
			}
			if len(r1.Cookies())+len(r2.Cookies()) != 0 {
				t.Error("a kept page set a cookie")
			}
			if first.csrf != "" {
				t.Errorf("a kept page carries a token: %q", first.csrf)
			}
			// htmx asks for a fragment: kept apart from the full page.
			r3, body3 := second.get(path, "HX-Request", "true")
			if r3.StatusCode == http.StatusOK && body3 == body1 && path != "/" {
				t.Error("the fragment was answered with the full page")
			}
		})
	}

	t.Run("compressed forms are made once and decode to the page", func(t *testing.T) {
		path := views.TopicPath(topic.ID, topic.Title)
		plain := b.primed(t, path)
		for _, enc := range []string{"gzip", "br"} {
			resp, body := b.get(path, "Accept-Encoding", enc)
			if resp.Header.Get("Content-Encoding") != enc || resp.Header.Get("X-Cache") != "hit" {
				t.Fatalf("Accept-Encoding %s: Content-Encoding %q, X-Cache %q", enc, resp.Header.Get("Content-Encoding"), resp.Header.Get("X-Cache"))
			}
			if decoded := decode(t, enc, []byte(body)); decoded != plain {
				t.Errorf("%s form differs from the page", enc)
			}
		}
	})

	t.Run("the login form is never kept: it carries the guest's own token", func(t *testing.T) {
		cl := b.newClient()
		cl.get("/login")
		resp, _ := cl.get("/login")
		if resp.Header.Get("X-Cache") != "" || cl.csrf == "" {
			t.Errorf("login page: X-Cache %q, token %q", resp.Header.Get("X-Cache"), cl.csrf)
		}
	})

	t.Run("a member never gets a kept guest page", func(t *testing.T) {
		path := views.TopicPath(topic.ID, topic.Title)
		guest := b.primed(t, path)
		cl, _ := b.loggedIn("reader")
		resp, body := cl.get(path)
		if resp.Header.Get("X-Cache") != "" {
			t.Errorf("member's page: X-Cache %q", resp.Header.Get("X-Cache"))
		}
		if body == guest || !strings.Contains(body, "reader") || cl.csrf == "" {
			t.Error("the member got the guest's page")
		}
		// Nor is the member's page kept for the guests.
		if _, again, _ := b.guestBody(path); again != guest {
			t.Error("the guests' page changed after a member's visit")
		}
	})
}

func TestGuestPagesChangeAcrossServers(t *testing.T) {
	a, b := twoServers(t)
	a.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	ctx := context.Background()
	author := a.fx.User("author")
	mod := a.fx.User("moderator")
	m := models.Moderation{ModeratorID: mod.ID, Reason: "tidy"}
	lounge, archive := a.fx.Forum("Lounge"), a.fx.Forum("Archive")
	cl, _ := a.loggedIn("replier")

	newTopic := func(title string) (*models.Topic, string) {
		topic := a.fx.Topic(lounge, author, fixture.TopicSpec{Title: title, Posts: 3})
		return topic, views.TopicPath(topic.ID, topic.Title)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// shows fetches a page as a guest through both servers until it says
	// what the write made it say: at once on the writing server, as soon
	// as the notice arrives on the other.
	shows := func(t *testing.T, path string, what string, ok func(status int, body string) bool) {
		t.Helper()
		if status, body, _ := a.guestBody(path); !ok(status, body) {
			t.Errorf("the writing server's guest page does not show %s", what)
		}
		eventually(t, "the other server's guest page shows "+what, func() bool {
			status, body, _ := b.guestBody(path)
			return ok(status, body)
		})
	}
	// Members' pages are rendered for them, from posts kept for every
	// reader (kept_data.go): those must change as guests' pages do.
	readers := []*client{}
	for i, server := range []*testBoard{a, b} {
		r, _ := server.loggedIn(fmt.Sprint("reader", i))
		readers = append(readers, r)
	}
	primeEveryone := func(t *testing.T, path string) {
		t.Helper()
		a.primed(t, path)
		b.primed(t, path)
		for _, r := range readers {
			r.get(path)
		}
	}
	showsEveryone := func(t *testing.T, path string, what string, ok func(status int, body string) bool) {
		t.Helper()
		shows(t, path, what, ok)
		if resp, body := readers[0].get(path); !ok(resp.StatusCode, body) {
			t.Errorf("the writing server's member page does not show %s", what)
		}
		eventually(t, "the other server's member page shows "+what, func() bool {
			resp, body := readers[1].get(path)
			return ok(resp.StatusCode, body)
		})
	}
	contains := func(s string) func(int, string) bool {
		return func(status int, body string) bool { return status == http.StatusOK && strings.Contains(body, s) }
	}
	lacks := func(s string) func(int, string) bool {
		return func(status int, body string) bool { return status == http.StatusOK && !strings.Contains(body, s) }
	}

	t.Run("reply", func(t *testing.T) {
		_, path := newTopic("Reply here")
		forumPath := views.ForumPath(lounge.ID, lounge.Title)
		for _, p := range []string{path, forumPath} {
			primeEveryone(t, p)
		}
		_, doc := cl.page(path)
		action, form := replyForm(t, doc)
		form.Set("message", "Saw Saturn's rings tonight!")
		if resp, body := cl.post(action, form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("reply: status %d\n%s", resp.StatusCode, body)
		}
		showsEveryone(t, path, "the reply", contains("Saw Saturn&#39;s rings tonight!"))
		shows(t, forumPath, "the replier as last poster", contains("replier"))
	})
	t.Run("edit", func(t *testing.T) {
		topic, path := newTopic("Edit here")
		primeEveryone(t, path)
		body := "Corrected: Jupiter, not Saturn."
		must(a.store.EditPost(ctx, topic.FirstPostID, models.PostEdit{EditorID: author.ID, Body: body, BodyHTML: bbcode.Cook(body)}))
		showsEveryone(t, path, "the edit", contains("Corrected: Jupiter"))
	})
	t.Run("delete", func(t *testing.T) {
		topic, path := newTopic("Delete here")
		primeEveryone(t, path)
		_, err := a.store.DeletePost(ctx, a.fx.PostIDs(topic.ID)[2], author.ID)
		must(err)
		showsEveryone(t, path, "the post gone", lacks("Post 3 of Delete here."))
	})
	t.Run("restore", func(t *testing.T) {
		topic, path := newTopic("Restore here")
		id := a.fx.PostIDs(topic.ID)[2]
		_, err := a.store.DeletePost(ctx, id, author.ID)
		must(err)
		primeEveryone(t, path)
		must(a.store.RestorePost(ctx, id, lounge.ID, m))
		showsEveryone(t, path, "the post back", contains("Post 3 of Restore here."))
	})
	t.Run("move", func(t *testing.T) {
		topic, _ := newTopic("Moving on")
		from, to := views.ForumPath(lounge.ID, lounge.Title), views.ForumPath(archive.ID, archive.Title)
		for _, p := range []string{from, to} {
			a.primed(t, p)
			b.primed(t, p)
		}
		must(a.store.MoveTopic(ctx, topic.ID, lounge.ID, archive.ID, false, m))
		shows(t, to, "the moved topic in its new forum", contains("Moving on"))
		shows(t, from, "the moved topic gone from its old forum", lacks("Moving on"))
	})
	t.Run("lock", func(t *testing.T) {
		topic, path := newTopic("Lock me")
		if primeEveryone(t, path); strings.Contains(b.primed(t, path), "locked-marker") {
			t.Fatal("locked before the lock")
		}
		_, err := a.store.SetTopicLocked(ctx, topic.ID, lounge.ID, true, m)
		must(err)
		showsEveryone(t, path, "the lock", contains("locked-marker"))
	})
	t.Run("rename", func(t *testing.T) {
		_, path := newTopic("Who wrote this")
		primeEveryone(t, path)
		must(a.store.UpdateAccount(ctx, author.ID, models.AccountFields{Username: "stargazer", Email: "author@example.invalid"}))
		showsEveryone(t, path, "the new name", contains("stargazer"))
		shows(t, "/members", "the new name", contains("stargazer"))
	})
	t.Run("ACL", func(t *testing.T) {
		_, path := newTopic("Members only soon")
		a.primed(t, path)
		b.primed(t, path)
		a.primed(t, "/")
		b.primed(t, "/")
		grants, err := a.store.ForumGrants(ctx, lounge.ID)
		must(err)
		for i := range grants {
			if grants[i].SystemKey == models.GroupGuests {
				grants[i].Allow = 0
			}
		}
		must(a.store.SetForumGrants(ctx, lounge.ID, grants))
		shows(t, path, "no topic for guests", func(status int, _ string) bool { return status == http.StatusNotFound })
		shows(t, "/", "no forum for guests", lacks(views.ForumPath(lounge.ID, lounge.Title)))
	})
	t.Run("a member's totals", func(t *testing.T) {
		watcher, _ := b.loggedIn("watcher")
		if _, body := watcher.get("/"); strings.Contains(body, "newcomer") {
			t.Fatal("the newcomer is there before joining")
		}
		a.fx.User("newcomer")
		eventually(t, "the other server's board index names the newest member", func() bool {
			_, body := watcher.get("/")
			return strings.Contains(body, "newcomer")
		})
	})
	a.noDrift(t)
}

func TestListenerReconnectEmptiesTheCache(t *testing.T) {
	a, b := twoServers(t)
	forum := a.fx.Forum("Lounge")
	topic := a.fx.Topic(forum, a.fx.User("author"), fixture.TopicSpec{Title: "Still here", Posts: 2})
	path := views.TopicPath(topic.ID, topic.Title)
	b.primed(t, path)
	// Cut every listening connection of the database; the servers must
	// notice, forget their pages (notices may have been missed meanwhile)
	// and listen again.
	var cut int
	if err := a.store.DB().NewRaw(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND query LIKE 'LISTEN %'`).Scan(t.Context(), &cut); err != nil || cut != 2 {
		t.Fatalf("cut %d listeners: %v", cut, err)
	}
	eventually(t, "the cache emptied and listening again", func() bool {
		return b.srv.handler.pages.snapshot().Pages == 0 && b.srv.handler.pages.listening.Load()
	})
	b.primed(t, path)
	_, err := a.store.DeletePost(t.Context(), a.fx.PostIDs(topic.ID)[1], topic.AuthorID)
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "notices heard after the reconnect", func() bool {
		_, body, _ := b.guestBody(path)
		return !strings.Contains(body, "Post 2 of Still here.")
	})
}

func TestABurstOfGuestsRendersAMissingPageOnce(t *testing.T) {
	b := newTestBoard(t)
	b.waitListening()
	topic := b.fx.Topic(b.fx.Forum("Lounge"), b.fx.User("author"), fixture.TopicSpec{Title: "Linked from elsewhere", Posts: 25})
	path := views.TopicPath(topic.ID, topic.Title)
	queries := func() int64 { return int64(b.store.DB().DBStats().Queries) }

	b.srv.handler.pages.invalidate([]models.Tag{models.TagAll})
	before := queries()
	b.primed(t, path)
	oneRender := queries() - before

	b.srv.handler.pages.invalidate([]models.Tag{models.TagAll})
	before = queries()
	const guests = 24
	var wg sync.WaitGroup
	bodies := make([]string, guests)
	for i := range guests {
		wg.Go(func() {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			resp, err := b.srv.Fiber.Test(req, -1)
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			bodies[i] = string(body)
		})
	}
	wg.Wait()
	if burst := queries() - before; burst > oneRender {
		t.Errorf("%d guests at once on a missing page cost %d queries; one render costs %d", guests, burst, oneRender)
	}
	for i, body := range bodies {
		if !strings.Contains(body, "Linked from elsewhere") {
			t.Fatalf("guest %d did not get the topic page", i)
		}
	}
}

func TestPageCacheStaysWithinItsBudget(t *testing.T) {
	const budget = 256 << 10
	pc := newPageCache(budget)
	rng := rand.New(rand.NewPCG(1, 2))
	page := func(i int) *cachedPage {
		body := make([]byte, 4<<10)
		for j := range body {
			body[j] = byte('a' + rng.IntN(26)) // compresses poorly, as the worst case
		}
		return &cachedPage{key: fmt.Sprint("page", i), body: body, tags: []models.Tag{models.TopicTag(int64(i))}}
	}
	for i := range 200 {
		if !pc.put(page(i), pc.generation()) {
			t.Fatalf("page %d refused", i)
		}
		if i < 5 || pc.get([]byte("page5"), time.Now()) != nil {
			continue // page 5 is read after each put, so it stays
		}
		t.Fatalf("page 5, the most recently used, was evicted at page %d", i)
	}
	s := pc.snapshot()
	if s.Bytes > budget || s.Evicted == 0 || s.Pages == 0 {
		t.Fatalf("after 200 pages of 4 KiB: %d bytes kept, budget %d, %d evicted", s.Bytes, budget, s.Evicted)
	}
	if pc.get([]byte("page0"), time.Now()) != nil || pc.get([]byte("page199"), time.Now()) == nil {
		t.Error("the least recently used page stayed, or the newest went")
	}

	t.Run("a tag drops exactly its pages", func(t *testing.T) {
		before := pc.snapshot().Pages
		pc.invalidate([]models.Tag{models.TopicTag(199)})
		if pc.get([]byte("page199"), time.Now()) != nil || pc.snapshot().Pages != before-1 {
			t.Error("invalidating one topic did not drop exactly its page")
		}
	})
	t.Run("a page rendered before a change is not kept", func(t *testing.T) {
		gen := pc.generation()
		pc.invalidate([]models.Tag{models.TopicTag(1)})
		if pc.put(page(1000), gen) {
			t.Error("a page rendered before an invalidation was kept")
		}
	})
	t.Run("a page too large for the budget is not kept", func(t *testing.T) {
		big := &cachedPage{key: "big", body: bytes.Repeat([]byte("x"), budget)}
		if pc.put(big, pc.generation()) {
			t.Error("a page as large as the budget was kept")
		}
	})
	t.Run("the app honours the configured budget", func(t *testing.T) {
		// 30 five-post topic pages with their compressed forms (about
		// 16 KB each) take more than this, and each is well under the
		// largest page kept (a sixteenth of what the pages are given).
		const budget = 384 << 10
		b := boardOn(t, dbtest.Store(t), func(c *Config) { c.PageCacheBytes = budget })
		b.waitListening()
		forum := b.fx.Forum("Lounge")
		author := b.fx.User("author")
		var paths []string
		for i := range 30 {
			topic := b.fx.Topic(forum, author, fixture.TopicSpec{Title: fmt.Sprint("Topic ", i), Posts: 5})
			paths = append(paths, views.TopicPath(topic.ID, topic.Title))
		}
		for _, path := range paths {
			b.primed(t, path)
		}
		if s := b.srv.handler.pages.snapshot(); s.Bytes > budget || s.Evicted == 0 {
			t.Errorf("kept %d bytes in %d pages with a budget of %d, %d evicted", s.Bytes, s.Pages, budget, s.Evicted)
		}
	})
}

// decode undoes a Content-Encoding.
func decode(t *testing.T, encoding string, body []byte) string {
	t.Helper()
	var out []byte
	var err error
	switch encoding {
	case "gzip":
		out, err = fasthttp.AppendGunzipBytes(nil, body)
	case "br":
		out, err = fasthttp.AppendUnbrotliBytes(nil, body)
	}
	if err != nil {
		t.Fatalf("decode %s: %v", encoding, err)
	}
	return string(out)
}

// A write naming more tags than one notice holds reaches the other
// servers in several notices: each tag is dropped there, and nothing else.
func TestManyTagsReachTheOtherServers(t *testing.T) {
	a, b := twoServers(t)
	var tags []models.Tag
	for id := range int64(3000) {
		tags = append(tags, models.ViewerTag(id))
	}
	pages := b.srv.handler.pages
	gen := pages.generation()
	pages.keepValue(keptValuePrefix+"first", 1, 8, gen, tags[0])
	pages.keepValue(keptValuePrefix+"last", 2, 8, gen, tags[len(tags)-1])
	pages.keepValue(keptValuePrefix+"other", 3, 8, gen, models.ViewerTag(99999))
	if err := a.store.Announce(t.Context(), tags...); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the other server drops what the first and last tags name", func() bool {
		_, first := keptValue[int](pages, keptValuePrefix+"first")
		_, last := keptValue[int](pages, keptValuePrefix+"last")
		return !first && !last
	})
	if _, ok := keptValue[int](pages, keptValuePrefix+"other"); !ok {
		t.Error("the other server dropped a value no tag named: the write announced everything")
	}
}
