package soak

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"hyperboard/app"
	"hyperboard/assets"
	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
	"hyperboard/models"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// soakDuration is SOAK_DURATION, 30 seconds when unset (the run inside
// `make test`); `make soak` sets ten minutes.
func soakDuration(t *testing.T) time.Duration {
	raw := os.Getenv("SOAK_DURATION")
	if raw == "" {
		return 30 * time.Second
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d < 10*time.Second || d > 24*time.Hour {
		t.Fatalf("SOAK_DURATION=%q: want a duration between 10s and 24h", raw)
	}
	return d
}

// TestSoak serves one board on the loopback interface, drives the mixed
// load at it, and then holds the run to its promises: no 5xx, every
// acknowledged reply stored exactly once, heap and goroutines flat after
// the warm-up, counters without drift.
func TestSoak(t *testing.T) {
	duration := soakDuration(t)
	manifest, err := assets.Load()
	if err != nil {
		t.Fatalf("assets: %v (run `make build` first)", err)
	}
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	words := []string{"telescope", "nebula", "comet", "eclipse", "aurora", "meteor", "galaxy", "orbit"}

	cfg, err := store.BoardConfig(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	cfg.FloodIntervalSeconds = 0 // the driver's members reply as fast as it can send
	if err := store.UpdateBoardConfig(t.Context(), cfg); err != nil {
		t.Fatal(err)
	}
	plan := Plan{Duration: duration, Workers: 6, MaxRequests: 2_000_000, Words: words,
		WarmUp: duration / 3, SampleEvery: max(duration/30, time.Second)}
	password := models.PasswordParams{Memory: 4096, Time: 1, Threads: 1}
	const sharedPassword = "soak test password 1"
	hash, err := models.HashPassword(sharedPassword, password)
	if err != nil {
		t.Fatal(err)
	}
	for i := range plan.Workers * 4 {
		u := fx.User(fmt.Sprintf("soaker%02d", i))
		if err := store.SetPasswordHash(t.Context(), u.ID, hash); err != nil {
			t.Fatal(err)
		}
		plan.Members = append(plan.Members, Member{Name: u.Username, Password: sharedPassword})
	}
	author := fx.User("opener")
	for f := range 3 {
		forum := fx.Forum(fmt.Sprintf("Soak forum %d", f))
		plan.Forums = append(plan.Forums, forum.ID)
		for i := range 4 {
			topic := fx.Topic(forum, author, fixture.TopicSpec{Title: fmt.Sprintf("%s watch %d", words[(f+i)%len(words)], i), Posts: 30})
			plan.Topics = append(plan.Topics, topic.ID)
		}
	}
	postsBefore := count(t, store, "SELECT count(*) FROM posts")
	lastBefore := count(t, store, "SELECT max(id) FROM posts")

	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := app.New(app.Config{Logger: log, Password: password, RuntimeStats: true}, store, manifest)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Fiber.Listener(ln)
	t.Cleanup(func() { srv.Shutdown(10 * time.Second) })
	plan.BaseURL = "http://" + ln.Addr().String()

	res, err := Run(t.Context(), plan)
	if err != nil {
		t.Fatal(err)
	}
	report(t, res, plan)

	if n := res.ServerErrors(); n != 0 {
		t.Errorf("%d server errors or broken connections", n)
	}
	if res.Unexpected != 0 {
		t.Errorf("%d unexpected answers: %s", res.Unexpected, strings.Join(res.Failures, "; "))
	}
	if res.ByOp[Reply] == 0 || res.ByOp[Edit] == 0 || res.ByOp[PM] == 0 || res.ByOp[Login] == 0 || res.ByOp[Search] == 0 {
		t.Errorf("the mix lacks an operation: %v", res.ByOp)
	}
	checkReplies(t, store, res, postsBefore, lastBefore)
	checkFlat(t, res, plan)
	drift, err := store.Recount(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drift {
		if d.Rows != 0 {
			t.Errorf("recount: %d rows of %s drifted", d.Rows, d.Table)
		}
	}
}

// checkReplies holds every acknowledged reply to being stored exactly
// once, under the id the server gave, and no reply to being stored twice.
func checkReplies(t *testing.T, store *models.Store, res *Result, postsBefore, lastBefore int) {
	t.Helper()
	var rows []struct {
		ID   int64
		Body string
	}
	if err := store.DB().NewRaw("SELECT id, body FROM posts WHERE id > ?", lastBefore).Scan(t.Context(), &rows); err != nil {
		t.Fatal(err)
	}
	stored := map[int64]bool{}
	markers := map[string]int{}
	for _, r := range rows {
		stored[r.ID] = true
		if f := strings.Fields(r.Body); len(f) > 1 && strings.HasPrefix(f[1], "soak-") {
			markers[f[1]]++
		}
	}
	for marker, n := range markers {
		if n > 1 {
			t.Errorf("reply %s is stored %d times", marker, n)
		}
	}
	for marker, id := range res.Acknowledged {
		if !stored[id] {
			t.Errorf("acknowledged reply %s (post %d) is not in the database", marker, id)
		}
	}
	total := count(t, store, "SELECT count(*) FROM posts")
	if grown := total - postsBefore; grown < len(res.Acknowledged) {
		t.Errorf("%d posts added, %d acknowledged", grown, len(res.Acknowledged))
	}
	t.Logf("replies: %d acknowledged, %d posts added", len(res.Acknowledged), total-postsBefore)
}

// checkFlat compares the runtime samples taken after the warm-up: the
// goroutines may not climb and the live heap may not keep growing.
func checkFlat(t *testing.T, res *Result, plan Plan) {
	t.Helper()
	var after []Sample
	for _, s := range res.Samples {
		if s.At >= plan.WarmUp {
			after = append(after, s)
		}
	}
	if len(after) < 4 {
		t.Fatalf("only %d runtime samples after the warm-up", len(after))
	}
	first, last := after[:len(after)/2], after[len(after)/2:]
	g0, g1 := median(first, func(s Sample) uint64 { return uint64(s.Goroutines) }), median(last, func(s Sample) uint64 { return uint64(s.Goroutines) })
	h0, h1 := median(first, func(s Sample) uint64 { return s.HeapAlloc }), median(last, func(s Sample) uint64 { return s.HeapAlloc })
	t.Logf("after warm-up: goroutines %d -> %d, live heap %.1f -> %.1f MiB (medians of the first and second half of %d samples)",
		g0, g1, mib(h0), mib(h1), len(after))
	// Slack for idle keep-alive connections and the collector's timing;
	// a leak grows with the request count, far past these.
	if g1 > g0+20 {
		t.Errorf("goroutines grew from %d to %d after the warm-up", g0, g1)
	}
	if h1 > h0+h0/4+8<<20 {
		t.Errorf("live heap grew from %.1f to %.1f MiB after the warm-up", mib(h0), mib(h1))
	}
}

func report(t *testing.T, res *Result, plan Plan) {
	t.Helper()
	var codes []string
	for code, n := range res.Statuses {
		codes = append(codes, fmt.Sprintf("%d:%d", code, n))
	}
	slices.Sort(codes)
	t.Logf("soak: %d requests in %v (%.0f/s) by %d workers; statuses %s; by operation %v",
		res.Requests, res.Elapsed.Round(time.Millisecond), float64(res.Requests)/res.Elapsed.Seconds(), plan.Workers,
		strings.Join(codes, " "), res.ByOp)
	t.Logf("latency: p50 %v, p99 %v, max %v; server errors %d, unexpected answers %d",
		res.Latency.Quantile(0.50).Round(time.Microsecond*100), res.Latency.Quantile(0.99).Round(time.Microsecond*100),
		res.Latency.Max().Round(time.Millisecond), res.ServerErrors(), res.Unexpected)
	if len(res.Samples) > 0 {
		first, last := res.Samples[0], res.Samples[len(res.Samples)-1]
		t.Logf("runtime: goroutines %d at start, %d at the end; live heap %.1f MiB at start, %.1f MiB at the end",
			first.Goroutines, last.Goroutines, mib(first.HeapAlloc), mib(last.HeapAlloc))
	}
}

func median(samples []Sample, value func(Sample) uint64) uint64 {
	v := make([]uint64, len(samples))
	for i, s := range samples {
		v[i] = value(s)
	}
	slices.Sort(v)
	return v[len(v)/2]
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }

func count(t *testing.T, store *models.Store, query string) int {
	t.Helper()
	var n int
	if err := store.DB().NewRaw(query).Scan(t.Context(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}
