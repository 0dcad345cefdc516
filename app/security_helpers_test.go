package app

import (
	"io"
	"log/slog"
	"net/netip"
	"testing"
	"time"

	"hyperboard/assets"
	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
)

// newTestBoardWith is newTestBoard with a changed server configuration.
func newTestBoardWith(t *testing.T, change func(*Config)) *testBoard {
	t.Helper()
	manifestOnce.Do(func() { manifest, manifestErr = assets.Load() })
	if manifestErr != nil {
		t.Fatalf("assets: %v", manifestErr)
	}
	store := dbtest.Store(t)
	cfg := Config{CountQueries: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), FlushInterval: time.Hour, Password: cheapPassword}
	change(&cfg)
	srv := New(cfg, store, manifest)
	t.Cleanup(func() { srv.Shutdown(5 * time.Second) })
	return &testBoard{t: t, srv: srv, store: store, fx: fixture.New(t, store)}
}

// behindProxy trusts the in-process test connection (whose peer is
// 0.0.0.0) as a reverse proxy, so that X-Forwarded-For names the client and
// X-Forwarded-Proto: https makes a request HTTPS.
func behindProxy(c *Config) {
	c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("0.0.0.0/32")}
}

// snapshot is everything a refused request must leave as it was: the rows
// of every table a write could touch and all counters ("nothing written").
func (b *testBoard) snapshot() string {
	b.t.Helper()
	return (&matrixWorld{testBoard: b}).fingerprint() + "|" + b.countsOf(
		"sessions", "private_messages", "pm_recipients", "drafts", "submission_keys", "group_members", "pm_blocks")
}

func (b *testBoard) countsOf(tables ...string) string {
	b.t.Helper()
	var out string
	for _, table := range tables {
		var n int
		if err := b.store.DB().NewRaw("SELECT count(*) FROM "+table).Scan(b.t.Context(), &n); err != nil {
			b.t.Fatalf("count %s: %v", table, err)
		}
		out += table + "=" + itoa(int64(n)) + ";"
	}
	return out
}
