package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/models"
	"hyperboard/pgcluster"
)

// syncBuffer collects a child's output while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServe starts `hyperboard serve` with extra environment entries.
func startServe(t *testing.T, dir, addr string, env ...string) (*exec.Cmd, *syncBuffer) {
	t.Helper()
	log := &syncBuffer{}
	cmd := command(context.Background(), dir, "serve", "--addr", addr)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, log
}

// poll calls cond until it holds, for at most limit.
func poll(t *testing.T, limit time.Duration, what string, log fmt.Stringer, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s\n%s", limit, what, log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// healthz answers the status of /healthz, 0 when nothing answers.
func healthz(base string) int {
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// waitExit waits for the process to end after a signal and checks that it
// ended well.
func waitExit(t *testing.T, cmd *exec.Cmd, limit time.Duration, log fmt.Stringer) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve exited with %v\n%s", err, log)
		}
	case <-time.After(limit):
		t.Fatalf("serve did not stop within %v of the signal\n%s", limit, log)
	}
}

// A server started while its database is down listens, says it is not
// ready, retries, and serves once the database comes up, with no restart.
func TestServeWaitsForTheDatabase(t *testing.T) {
	dbDir := dataDir(t)
	cluster, err := pgcluster.Start(t.Context(), pgcluster.Options{Dir: dbDir, Database: "hyperboard", Ephemeral: true})
	if err != nil {
		t.Fatal(err)
	}
	dsn := cluster.DSN("hyperboard")
	if err := cluster.Stop(); err != nil {
		t.Fatal(err)
	}

	addr := freeAddr(t)
	base := "http://" + addr
	cmd, log := startServe(t, dataDir(t), addr, "DATABASE_URL="+dsn)
	poll(t, time.Minute, "the server to listen", log, func() bool { return healthz(base) != 0 })
	if got := healthz(base); got != http.StatusServiceUnavailable {
		t.Fatalf("/healthz without a database: %d, want 503\n%s", got, log)
	}
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("a page without a database: %d", resp.StatusCode)
	}
	poll(t, 30*time.Second, "a retry", log, func() bool { return strings.Count(log.String(), "database not reachable") >= 2 })

	cluster, err = pgcluster.Start(t.Context(), pgcluster.Options{Dir: dbDir, Database: "hyperboard", Ephemeral: true})
	if err != nil {
		t.Fatal(err)
	}
	defer cluster.Stop()
	poll(t, 30*time.Second, "the server to become ready", log, func() bool { return healthz(base) == http.StatusOK })
	if resp, err := http.Get(base + "/"); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the board after the database came up: %v %v\n%s", resp, err, log)
	}
	if !strings.Contains(log.String(), "demo board created") {
		t.Errorf("the server did not migrate and seed once the database came up\n%s", log)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	waitExit(t, cmd, 30*time.Second, log)
}

// member is a browser without JavaScript, logged in to a running server.
type member struct {
	t    *testing.T
	base string
	http *http.Client
}

func login(t *testing.T, base, name, password string) *member {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	m := &member{t: t, base: base, http: &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	doc := m.page("/login")
	token, _ := doc.Find(`meta[name=csrf-token]`).Attr("content")
	resp := m.post("/login", url.Values{"username": {name}, "password": {password}, "_csrf": {token}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("log in as %s: %d", name, resp.StatusCode)
	}
	return m
}

func (m *member) page(path string) *goquery.Document {
	m.t.Helper()
	resp, err := m.http.Get(m.base + path)
	for err == nil && resp.StatusCode/100 == 3 {
		resp.Body.Close()
		resp, err = m.http.Get(m.base + resp.Header.Get("Location"))
	}
	if err != nil || resp.StatusCode != http.StatusOK {
		m.t.Fatalf("GET %s: %v %v", path, resp, err)
	}
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		m.t.Fatal(err)
	}
	return doc
}

func (m *member) post(path string, form url.Values) *http.Response {
	resp, err := m.http.PostForm(m.base+path, form)
	if err != nil {
		return &http.Response{StatusCode: 0, Status: err.Error()}
	}
	resp.Body.Close()
	return resp
}

// SIGTERM while a reply waits for a row lock: the health check fails at
// once and new connections are refused, the reply finishes (committed with
// its counters, or refused whole), then the pool closes and the private
// cluster stops, within the shutdown timeout.
func TestGracefulShutdown(t *testing.T) {
	dir := dataDir(t)
	addr := freeAddr(t)
	base := "http://" + addr
	cmd, log := startServe(t, dir, addr, "HYPERBOARD_SHUTDOWN_TIMEOUT=20s")
	poll(t, time.Minute, "the server to become ready", log, func() bool { return healthz(base) == http.StatusOK })
	if out, err := hyperboard(t, dir, "user", "create", "--name", "nightowl", "--email", "owl@example.org", "--password", "a long passphrase"); err != nil {
		t.Fatalf("user create: %v\n%s", err, out)
	}

	// The test's own session on the running cluster, to hold a lock.
	cluster, err := pgcluster.Start(t.Context(), pgcluster.Options{Dir: dir, Database: "hyperboard"})
	if err != nil {
		t.Fatal(err)
	}
	store, err := models.OpenWith(t.Context(), cluster.DSN("hyperboard"), models.NoLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var topicID int64
	if err := store.DB().QueryRowContext(t.Context(), `SELECT min(t.id) FROM topics t JOIN forums f ON f.id = t.forum_id
		WHERE f.title = 'Off Topic' AND NOT t.locked AND t.moved_to_id IS NULL`).Scan(&topicID); err != nil {
		t.Fatal(err)
	}

	owl := login(t, base, "nightowl", "a long passphrase")
	doc := owl.page(fmt.Sprintf("/t/%d", topicID))
	form := url.Values{}
	doc.Find("form#reply input[name]").Each(func(_ int, s *goquery.Selection) {
		form.Set(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	action, ok := doc.Find("form#reply").Attr("action")
	if !ok || form.Get("_csrf") == "" {
		t.Fatalf("no reply form on topic %d", topicID)
	}
	const message = "Posted as the server was told to stop."
	form.Set("message", message)

	tx, err := store.DB().BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(t.Context(), "SELECT id FROM topics WHERE id = ? FOR UPDATE", topicID); err != nil {
		t.Fatal(err)
	}
	reply := make(chan *http.Response, 1)
	go func() { reply <- owl.post(action, form) }()
	poll(t, 30*time.Second, "the reply to wait for the lock", log, func() bool {
		var waiting int
		err := store.DB().QueryRowContext(t.Context(),
			"SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = 'hyperboard'").Scan(&waiting)
		return err == nil && waiting > 0
	})

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	poll(t, 2*time.Second, "/healthz to fail", log, func() bool { return healthz(base) != http.StatusOK })
	select {
	case resp := <-reply:
		t.Fatalf("the reply finished before its lock was released: %d", resp.StatusCode)
	default:
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	resp := <-reply
	waitExit(t, cmd, 30*time.Second, log)
	if _, err := os.Stat(filepath.Join(dir, "pg", "postmaster.pid")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the cluster still runs after serve stopped\n%s", log)
	}
	order := []string{"shutting down", "postgres: stopping server"}
	if i, j := strings.Index(log.String(), order[0]), strings.Index(log.String(), order[1]); i < 0 || j < i {
		t.Errorf("want %q before %q\n%s", order[0], order[1], log)
	}

	// The reply is in whole or not at all, and every counter agrees.
	store.Close()
	cluster, err = pgcluster.Start(t.Context(), pgcluster.Options{Dir: dir, Database: "hyperboard"})
	if err != nil {
		t.Fatal(err)
	}
	defer cluster.Stop()
	after, err := models.OpenWith(t.Context(), cluster.DSN("hyperboard"), models.NoLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer after.Close()
	var stored int
	if err := after.DB().QueryRowContext(t.Context(), "SELECT count(*) FROM posts WHERE body = ?", message).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	switch {
	case resp.StatusCode == http.StatusSeeOther && stored != 1:
		t.Errorf("the acknowledged reply is stored %d times", stored)
	case resp.StatusCode == http.StatusServiceUnavailable && stored != 0:
		t.Errorf("the refused reply is stored %d times", stored)
	case resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusServiceUnavailable:
		t.Errorf("the reply in flight got %d (%s), want 303 or 503\n%s", resp.StatusCode, resp.Status, log)
	}
	drift, err := after.Recount(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drift {
		if d.Rows != 0 {
			t.Errorf("%s: %d rows drifted", d.Table, d.Rows)
		}
	}
	t.Logf("the reply in flight got %d", resp.StatusCode)
}

func TestServeRefusesAMalformedTimeout(t *testing.T) {
	cmd := command(t.Context(), dataDir(t), "serve", "--addr", freeAddr(t))
	cmd.Env = append(cmd.Env, "HYPERBOARD_SHUTDOWN_TIMEOUT=soon")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "HYPERBOARD_SHUTDOWN_TIMEOUT: want a positive duration") {
		t.Fatalf("serve with a malformed timeout: %v\n%s", err, out)
	}
}
