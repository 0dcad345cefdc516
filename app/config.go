// Package app is Hyperboard's HTTP layer: the Fiber app, its routes, the
// handlers by area and the middleware around them.
package app

import (
	"log/slog"
	"net/netip"
	"time"

	"hyperboard/models"
)

// Config is what the HTTP layer needs to know from the command line.
type Config struct {
	// CountQueries adds an X-Query-Count header with the number of SQL
	// queries each request ran; tests and benchmarks read it.
	CountQueries bool
	// FlushInterval is how often buffered view counts and presence are written.
	FlushInterval time.Duration
	// TrustedProxies may set X-Forwarded-For and X-Forwarded-Proto; requests
	// from anywhere else are taken at their socket's word.
	TrustedProxies []netip.Prefix
	// Password is the argon2id cost of new password hashes; older hashes
	// are upgraded at the next login.
	Password models.PasswordParams
	// RequestTimeout bounds one request's database work, waiting for a free
	// connection included; past it the request answers 503. Zero means 10 s.
	RequestTimeout time.Duration
	// Starting makes the server answer 503 (and /healthz "starting") until
	// Ready is called, while the database is reached and migrated.
	Starting bool
	Logger   *slog.Logger
	// RuntimeStats serves GET /debug/runtime (heap and goroutines) for the
	// soak run; normal serving never sets it, so the URL does not exist there.
	RuntimeStats bool
	// PageCacheBytes bounds the memory of the guest page cache; 0 means
	// DefaultPageCacheBytes and a negative number turns the cache off.
	PageCacheBytes int64
	// Bench serves what `make bench` measures with: the ceiling handler,
	// query and cache counters, and the profiler. Never in production.
	Bench bool
}

// DefaultPageCacheBytes is the guest page cache's budget when none is set.
const DefaultPageCacheBytes = 64 << 20
