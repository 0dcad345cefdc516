package app

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// SECURITY-TESTS.md items 59-71: limits, odd input and the server around
// the handlers. (Item 59, an oversized body, is TestOversizedBodyIsRefused;
// 60, the character limit, is TestReply's "rejected replies keep the text";
// 63 is TestSecurityHeaders with TestSessionCookieOverHTTPS for HSTS.)

// Item 61: text that PostgreSQL cannot store, or that no browser sends,
// is refused with a message and writes nothing.
func TestUnstorableTextIsRefused(t *testing.T) {
	w := newForgeryWorld(t)
	b := w.testBoard
	member, mu := b.loggedIn("typist")
	own, err := b.store.CreateReply(t.Context(), w.topic.ID, models.NewPost{AuthorID: mu.ID, Body: "mine", BodyHTML: "<p>mine</p>"})
	if err != nil {
		t.Fatal(err)
	}
	forms := []struct {
		cl     *client
		path   string
		form   url.Values
		fields []string
	}{
		{member, views.ReplyPath(w.topic.ID), url.Values{"message": {"ok text"}, "subject": {"s"}, "key": {"k"}}, []string{"message", "subject"}},
		{member, views.NewTopicPath(w.forum.ID), url.Values{"subject": {"A title"}, "message": {"ok text"}, "key": {"k"}}, []string{"message", "subject"}},
		{member, views.EditPath(own.ID), url.Values{"message": {"ok text"}, "version": {"0"}, "reason": {"r"}}, []string{"message", "reason"}},
		{member, "/pm/new", url.Values{"to": {"target"}, "subject": {"Hello"}, "message": {"ok text"}, "key": {"k"}}, []string{"to", "subject", "message"}},
		{member, "/settings/preferences", url.Values{"timezone": {"UTC"}, "location": {"Here"}, "signature": {"sig"}}, []string{"location", "signature", "timezone"}},
		{member, "/p/" + idStr(w.posts[0]) + "/report", url.Values{"reason": {"other"}, "note": {"a note"}}, []string{"note"}},
		{w.cl, "/mod/bans/new", url.Values{"kind": {"user"}, "target": {"typist"}, "duration": {"1d"}, "reason": {"Spam"}}, []string{"target", "reason"}},
		{w.cl, "/admin/settings", url.Values{"title": {"Board"}, "description": {"d"}}, []string{"title", "description"}},
		{b.newClient(), "/login", url.Values{"username": {"typist"}, "password": {memberPassword}}, []string{"username"}},
		{b.newClient(), "/register", registerValues("newbie", "newbie@example.org"), []string{"username", "email"}},
	}
	for _, f := range forms {
		for _, field := range f.fields {
			for _, bad := range []string{"a\xffb", "a\x00b", "\xc3("} {
				form := cloneValues(f.form)
				form.Set(field, form.Get(field)+bad)
				before := b.snapshot()
				for _, htmx := range []string{"", "true"} {
					resp, body := f.cl.post(f.path, form, "HX-Request", htmx)
					if resp.StatusCode >= 500 || resp.StatusCode < 400 {
						t.Errorf("POST %s with %q in %s (htmx %q): %d, want a refusal", f.path, bad, field, htmx, resp.StatusCode)
					} else if resp.StatusCode == http.StatusUnprocessableEntity && !strings.Contains(body, "role=\"alert\"") && !strings.Contains(body, "error") {
						t.Errorf("POST %s with %q in %s: 422 without a message", f.path, bad, field)
					}
				}
				if b.snapshot() != before {
					t.Errorf("POST %s with %q in %s wrote something", f.path, bad, field)
				}
			}
		}
	}
	for _, q := range []string{"/search?q=%00%ff", "/members?q=%ff", "/search?author=%00", "/pm/names?to=%ff%00"} {
		if resp, _ := member.get(q); resp.StatusCode >= 500 {
			t.Errorf("GET %s: %d", q, resp.StatusCode)
		}
	}
}

// Item 67: search is limited like posting and registration (those two are
// TestReplyFloodControlAndLockedTopics and TestRegisterThrottle); the
// limit lives in PostgreSQL, so every app server shares it.
func TestSearchIsRateLimited(t *testing.T) {
	b := newTestBoard(t)
	cl, _ := b.loggedIn("seeker")
	// A second app server on the same database takes every other search.
	second := *b
	second.srv = New(Config{Logger: b.srv.handler.log, FlushInterval: time.Hour, Password: cheapPassword}, b.store, manifest)
	t.Cleanup(func() { second.srv.Shutdown(5 * time.Second) })
	for i := range models.Searches.Limit {
		via := *cl
		if i%2 == 1 {
			via.b = &second
		}
		resp, _ := via.get("/search?q=telescope" + strconv.Itoa(i))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("search %d: %d", i, resp.StatusCode)
		}
	}
	for _, htmx := range []string{"", "true"} {
		resp, body := cl.get("/search?q=one+more", "HX-Request", htmx)
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, "please wait") {
			t.Errorf("search over the limit (htmx %q): %d, Retry-After %q", htmx, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		if doc := parse(t, body); doc.Find(`#search-q`).AttrOr("value", "") != "one more" && htmx == "" {
			t.Error("the search form lost the words")
		}
	}
	// Another member is not held back by the first one's searches.
	finder, _ := b.loggedIn("finder")
	if resp, _ := finder.get("/search?q=telescope"); resp.StatusCode != http.StatusOK {
		t.Errorf("another member's search: %d", resp.StatusCode)
	}
}

// Item 68: without a trusted proxy, X-Forwarded-For changes nothing that
// is recorded or enforced by address.
func TestForwardedForIsIgnoredWithoutATrustedProxy(t *testing.T) {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	cl, u := b.loggedIn("poster")
	topic := b.fx.Topic(b.fx.Forum("Lounge"), b.fx.User("op"), fixture.TopicSpec{Title: "T"})
	if resp, _ := cl.post(views.ReplyPath(topic.ID), url.Values{"message": {"from where?"}, "key": {"k1"}}, "X-Forwarded-For", "1.2.3.4", "X-Real-IP", "1.2.3.4"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply: %d", resp.StatusCode)
	}
	var ip string
	if err := b.store.DB().NewRaw("SELECT host(author_ip) FROM posts WHERE author_id = ?", u.ID).Scan(t.Context(), &ip); err != nil {
		t.Fatal(err)
	}
	if ip == "1.2.3.4" {
		t.Errorf("the post records the forged address %s", ip)
	}
	// A ban of the socket's address holds whatever the header says.
	if _, err := b.store.CreateBan(t.Context(), models.NewBan{Kind: models.BanIP, Target: ip, Reason: "Abuse"}); err != nil {
		t.Fatal(err)
	}
	resp, body := cl.post(views.ReplyPath(topic.ID), url.Values{"message": {"again"}, "key": {"k2"}}, "X-Forwarded-For", "5.6.7.8")
	if resp.StatusCode == http.StatusSeeOther || !strings.Contains(body, "Abuse") {
		t.Errorf("an address ban was escaped with X-Forwarded-For: %d", resp.StatusCode)
	}
}

// Item 69: requests served at the same time each hand their own values to
// the buffered writers, which outlive the request (Fiber reuses its
// buffers; run under -race too).
func TestConcurrentRequestsKeepTheirOwnValues(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("op")
	forum := b.fx.Forum("Lounge")
	var topics []*models.Topic
	for i := range 20 {
		topics = append(topics, b.fx.Topic(forum, author, fixture.TopicSpec{Title: "T" + strconv.Itoa(i)}))
	}
	base := b.listen()
	const n = 1000
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 64)
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			topic := topics[i%len(topics)]
			req, _ := http.NewRequest(http.MethodGet, base+views.TopicPath(topic.ID, topic.Title), nil)
			req.Header.Set("User-Agent", fmt.Sprintf("agent-%04d", i))
			resp, err := client.Do(req)
			if err != nil {
				errs <- err
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				errs <- fmt.Errorf("request %d: %d", i, resp.StatusCode)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if err := b.srv.handler.presence.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := b.srv.handler.views.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	var visitors []string
	if err := b.store.DB().NewRaw("SELECT visitor FROM online_guests").Scan(t.Context(), &visitors); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for i := range n {
		sum := sha256.Sum256([]byte("127.0.0.1\x00" + fmt.Sprintf("agent-%04d", i)))
		want[hex.EncodeToString(sum[:12])] = true
	}
	got := 0
	for _, v := range visitors {
		if want[v] {
			got++
		}
	}
	if got != n || len(visitors) != n {
		t.Errorf("%d guests recorded, %d of them as sent; want exactly the %d sent", len(visitors), got, n)
	}
	for _, topic := range topics {
		var views int
		if err := b.store.DB().NewRaw("SELECT view_count FROM topics WHERE id = ?", topic.ID).Scan(t.Context(), &views); err != nil {
			t.Fatal(err)
		}
		if views != n/len(topics) {
			t.Errorf("topic %d counted %d views, want %d", topic.ID, views, n/len(topics))
		}
	}
}

// Item 70: a panic in a handler becomes the 500 page and the server goes
// on serving; Fiber is at least the version with the known fixes.
func TestPanicIsRecovered(t *testing.T) {
	b := newTestBoard(t)
	var faq *fiber.Route
	for _, stack := range b.srv.Fiber.Stack() {
		for _, r := range stack {
			if r.Method == http.MethodGet && r.Path == "/faq" {
				faq = r
			}
		}
	}
	if faq == nil {
		t.Fatal("no GET /faq route")
	}
	// The handler is swapped for one that panics on a crafted query, as a
	// parser bug would.
	original := faq.Handlers[len(faq.Handlers)-1]
	faq.Handlers[len(faq.Handlers)-1] = func(c *fiber.Ctx) error {
		if c.Query("crash") != "" {
			var m map[string]int
			m["boom"]++ // assignment to a nil map
		}
		return original(c)
	}
	resp, body := b.get("/faq?crash=1")
	if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, "Something went wrong") {
		t.Errorf("panic answered %d", resp.StatusCode)
	}
	if strings.Contains(body, "goroutine") || strings.Contains(body, "nil map") {
		t.Error("the 500 page shows the panic")
	}
	for _, path := range []string{"/faq", "/"} {
		if resp, _ := b.get(path); resp.StatusCode != http.StatusOK {
			t.Errorf("after the panic %s answers %d", path, resp.StatusCode)
		}
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("no build information")
	}
	for _, dep := range info.Deps {
		if dep.Path == "github.com/gofiber/fiber/v2" && versionBelow(dep.Version, 2, 52, 11) {
			t.Errorf("fiber %s is older than v2.52.11, which has the fixes for the known advisories", dep.Version)
		}
	}
}

func versionBelow(v string, major, minor, patch int) bool {
	parts := strings.SplitN(strings.TrimPrefix(strings.SplitN(v, "-", 2)[0], "v"), ".", 3)
	if len(parts) != 3 {
		return true
	}
	got := [3]int{}
	for i, p := range parts {
		got[i], _ = strconv.Atoi(p)
	}
	want := [3]int{major, minor, patch}
	for i := range got {
		if got[i] != want[i] {
			return got[i] < want[i]
		}
	}
	return false
}

// Item 71: a client that trickles its headers is cut off after the read
// timeout instead of holding a connection for ever.
func TestSlowHeadersAreCutOff(t *testing.T) {
	b := newTestBoard(t)
	if got := b.srv.Fiber.Config().ReadTimeout; got <= 0 || got > 30*time.Second {
		t.Fatalf("ReadTimeout is %v; want a bound of at most 30s", got)
	}
	// The same mechanism, with the bound shortened so the test is quick.
	b.srv.Fiber.Server().ReadTimeout = time.Second
	base := b.listen()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	closed := make(chan error, 1)
	go func() {
		_, err := bufio.NewReader(conn).ReadByte()
		closed <- err
	}()
	fmt.Fprint(conn, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-closed:
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("cut off after %v", took)
			}
			if err == nil {
				t.Log("the server answered (408) before closing")
			} else if !errors.Is(err, io.EOF) && !strings.Contains(err.Error(), "reset") {
				t.Logf("read ended with %v", err)
			}
			return
		case <-tick.C:
			if time.Since(start) > 10*time.Second {
				t.Fatal("a trickling client kept its connection for 10s")
			}
			conn.Write([]byte("a"))
		}
	}
}
