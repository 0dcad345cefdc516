package app

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// Phases of the outage test, as a response saw them when it was sent.
const (
	phaseUp int32 = iota
	phaseDown
	phaseRestarting
	phaseBack
)

type loadResult struct {
	phase   int32
	status  int
	took    time.Duration
	err     error
	message string // the reply's text, for posts
	method  string
	path    string
}

// The database is stopped and started again while guests read and a member
// replies: during the outage every request answers 503 quickly, the board
// recovers by itself once the database is back, and nothing is half-written.
func TestDatabaseRestartUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a cluster of its own")
	}
	cluster := dbtest.OwnCluster(t)
	store, err := models.Open(t.Context(), cluster.DSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	const budget = 2 * time.Second
	b := boardWith(t, store, func(c *Config) { c.RequestTimeout = budget })
	b.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	forum := b.fx.Forum("Lounge")
	topic := b.fx.Topic(forum, b.fx.User("opener"), fixture.TopicSpec{Title: "Busy night", Posts: 3})
	topicPath := views.TopicPath(topic.ID, topic.Title)
	cl, _ := b.loggedIn("steady")
	_, doc := cl.page(topicPath)
	action, template := replyForm(t, doc)
	var cookies []string
	for name, value := range cl.cookies {
		cookies = append(cookies, name+"="+value)
	}
	base := b.listen()

	httpc := &http.Client{
		Timeout:       15 * time.Second, // a hang shows as an error, not a stuck test
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	var phase atomic.Int32
	var mu sync.Mutex
	var results []loadResult
	count := func(ok func(loadResult) bool) int {
		mu.Lock()
		defer mu.Unlock()
		n := 0
		for _, r := range results {
			if ok(r) {
				n++
			}
		}
		return n
	}
	send := func(req *http.Request, message string) {
		at := phase.Load()
		start := time.Now()
		resp, err := httpc.Do(req)
		r := loadResult{phase: at, took: time.Since(start), err: err, message: message, method: req.Method, path: req.URL.Path}
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			r.status = resp.StatusCode
		}
		mu.Lock()
		results = append(results, r)
		mu.Unlock()
	}

	stop := make(chan struct{})
	var workers sync.WaitGroup
	for i := range 3 {
		workers.Go(func() {
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				path := "/"
				if (n+i)%2 == 1 {
					path = topicPath
				}
				req, _ := http.NewRequest(http.MethodGet, base+path, nil)
				send(req, "")
			}
		})
	}
	for i := range 2 {
		workers.Go(func() {
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				form := url.Values{}
				for k, v := range template {
					form[k] = v
				}
				message := fmt.Sprintf("Reply %d of writer %d", n, i)
				form.Set("message", message)
				form.Set("key", models.NewToken())
				form.Set(csrfField, cl.csrf)
				req, _ := http.NewRequest(http.MethodPost, base+action, strings.NewReader(form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Cookie", strings.Join(cookies, "; "))
				send(req, message)
			}
		})
	}
	defer func() {
		select {
		case <-stop:
		default:
			close(stop)
		}
		workers.Wait()
	}()

	succeeded := func(want int32) func(loadResult) bool {
		return func(r loadResult) bool { return r.phase == want && (r.status == 200 || r.status == 303) }
	}
	waitUntil(t, "load before the outage", func() bool { return count(succeeded(phaseUp)) >= 20 })

	cluster.Stop()
	phase.Store(phaseDown)
	waitUntil(t, "requests during the outage", func() bool {
		return count(func(r loadResult) bool { return r.phase == phaseDown }) >= 30
	})

	phase.Store(phaseRestarting)
	cluster.Start()
	restarted := time.Now()
	waitUntil(t, "the board to recover", func() bool {
		resp, err := httpc.Get(base + topicPath)
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	recovery := time.Since(restarted)
	phase.Store(phaseBack)
	waitUntil(t, "replies after the outage", func() bool {
		return count(func(r loadResult) bool { return succeeded(phaseBack)(r) && r.method == http.MethodPost }) >= 5
	})
	close(stop)
	workers.Wait()

	if recovery > 10*time.Second {
		t.Errorf("the board took %v to recover after the database came back, want at most 10 s", recovery)
	}
	var slowest time.Duration
	outage := 0
	for _, r := range results {
		switch {
		case r.err != nil:
			t.Errorf("%s %s (phase %d): %v", r.method, r.path, r.phase, r.err)
		case r.status >= 500 && r.status != http.StatusServiceUnavailable:
			t.Errorf("%s %s (phase %d): status %d", r.method, r.path, r.phase, r.status)
		case r.phase == phaseDown:
			outage++
			slowest = max(slowest, r.took)
			if r.status != http.StatusServiceUnavailable {
				t.Errorf("%s %s during the outage: %d, want 503", r.method, r.path, r.status)
			}
		}
	}
	if slowest > budget+time.Second {
		t.Errorf("the slowest answer during the outage took %v, want at most the %v budget", slowest, budget)
	}

	// Every acknowledged reply is stored exactly once; no reply twice.
	acked := 0
	for _, r := range results {
		if r.message == "" {
			continue
		}
		var n int64
		if err := store.DB().QueryRowContext(t.Context(), "SELECT count(*) FROM posts WHERE body = ?", r.message).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if r.status == http.StatusSeeOther {
			acked++
			if n != 1 {
				t.Errorf("acknowledged reply %q stored %d times", r.message, n)
			}
		} else if n > 1 {
			t.Errorf("refused reply %q stored %d times", r.message, n)
		}
	}
	drift, err := store.Recount(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drift {
		if d.Rows != 0 {
			t.Errorf("%s: %d rows drifted across the outage", d.Table, d.Rows)
		}
	}
	t.Logf("%d requests (%d during the outage, slowest %v), %d replies acknowledged, recovery %v",
		len(results), outage, slowest, acked, recovery)
}

// waitUntil polls cond for up to thirty seconds.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 30 s for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
