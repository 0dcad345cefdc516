package app

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"hyperboard/assets"
	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
	"hyperboard/models"
)

// boardWith is newTestBoard on a given store with a changed configuration.
func boardWith(t *testing.T, store *models.Store, change func(*Config)) *testBoard {
	t.Helper()
	manifestOnce.Do(func() { manifest, manifestErr = assets.Load() })
	if manifestErr != nil {
		t.Fatalf("assets: %v", manifestErr)
	}
	cfg := Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), FlushInterval: time.Hour, Password: cheapPassword}
	change(&cfg)
	srv := New(cfg, store, manifest)
	t.Cleanup(func() { srv.Shutdown(5 * time.Second) })
	return &testBoard{t: t, srv: srv, store: store, fx: fixture.New(t, store)}
}

func TestPoolExhaustionQueuesThenAnswers503(t *testing.T) {
	const budget = 400 * time.Millisecond
	b := boardWith(t, dbtest.Store(t), func(c *Config) { c.RequestTimeout = budget })
	b.fx.Forum("Lounge")
	if resp, _ := b.get("/"); resp.StatusCode != http.StatusOK {
		t.Fatalf("before: %d", resp.StatusCode)
	}

	// Something else holds every connection of the pool.
	var held []bun.Conn
	for range models.MaxConnections {
		conn, err := b.store.DB().Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, conn)
	}
	for _, hx := range [][]string{nil, {"HX-Request", "true"}} {
		start := time.Now()
		resp, body := b.get("/members", hx...)
		took := time.Since(start)
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" ||
			!strings.Contains(body, "Temporarily unavailable") {
			t.Fatalf("exhausted pool (%v): %d, Retry-After %q\n%s", hx, resp.StatusCode, resp.Header.Get("Retry-After"), body)
		}
		if took < budget || took > budget+3*time.Second {
			t.Errorf("the request waited %v for a connection, want about the %v budget", took, budget)
		}
	}

	// Released, the connections serve requests again and go back to idle.
	for _, conn := range held {
		conn.Close()
	}
	if resp, _ := b.get("/"); resp.StatusCode != http.StatusOK {
		t.Fatalf("after release: %d", resp.StatusCode)
	}
	if stats := b.store.DB().Stats(); stats.InUse != 0 || stats.Idle == 0 {
		t.Errorf("pool after the storm: %d in use, %d idle", stats.InUse, stats.Idle)
	}
}

func TestStartingServerIsNotReady(t *testing.T) {
	b := boardWith(t, dbtest.Store(t), func(c *Config) { c.Starting = true })
	if resp, body := b.get("/healthz"); resp.StatusCode != http.StatusServiceUnavailable || body != "starting\n" {
		t.Errorf("/healthz while starting: %d %q", resp.StatusCode, body)
	}
	if resp, body := b.get("/"); resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("a page while starting: %d\n%s", resp.StatusCode, body)
	}
	b.srv.Ready()
	for _, path := range []string{"/healthz", "/"} {
		if resp, _ := b.get(path); resp.StatusCode != http.StatusOK {
			t.Errorf("%s when ready: %d", path, resp.StatusCode)
		}
	}
}
