// Package app is Hyperboard's HTTP layer: the Fiber app, its routes, the
// handlers by area and the middleware around them.
package app

import (
	"log/slog"
	"time"
)

// Config is what the HTTP layer needs to know from the command line.
type Config struct {
	// CountQueries adds an X-Query-Count header with the number of SQL
	// queries each request ran; tests and benchmarks read it.
	CountQueries bool
	// ViewFlushInterval is how often buffered topic view counts are written.
	ViewFlushInterval time.Duration
	Logger            *slog.Logger
}
