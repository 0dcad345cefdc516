package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"hyperboard/app"
	"hyperboard/assets"
	"hyperboard/models"
)

// Back-off between attempts to reach the database at start-up.
const (
	firstRetry = 250 * time.Millisecond
	maxRetry   = 5 * time.Second
)

func serve(args []string, log *slog.Logger) error {
	fs, data := newFlags("serve")
	addr := fs.String("addr", envOr("HYPERBOARD_ADDR", "127.0.0.1:8080"), "address to listen on")
	shutdownDefault, err := envDuration("HYPERBOARD_SHUTDOWN_TIMEOUT", 10*time.Second)
	if err != nil {
		return err
	}
	requestDefault, err := envDuration("HYPERBOARD_REQUEST_TIMEOUT", 10*time.Second)
	if err != nil {
		return err
	}
	shutdownTimeout := fs.Duration("shutdown-timeout", shutdownDefault,
		"how long requests in flight may take to finish after SIGTERM or SIGINT")
	requestTimeout := fs.Duration("request-timeout", requestDefault,
		"how long one request may wait for and use the database before it answers 503")
	if err := fs.Parse(args); err != nil {
		return err
	}
	manifest, err := assets.Load()
	if err != nil {
		return err
	}
	proxies, err := parsePrefixes(os.Getenv("HYPERBOARD_TRUSTED_PROXIES"))
	if err != nil {
		return fmt.Errorf("HYPERBOARD_TRUSTED_PROXIES: %w", err)
	}
	password, err := parsePasswordParams(os.Getenv("HYPERBOARD_ARGON2"))
	if err != nil {
		return fmt.Errorf("HYPERBOARD_ARGON2: %w", err)
	}
	cacheBytes, err := parsePageCache(os.Getenv("HYPERBOARD_PAGE_CACHE_MB"))
	if err != nil {
		return fmt.Errorf("HYPERBOARD_PAGE_CACHE_MB: %w", err)
	}
	tuneGC(cacheBytes)
	tuneProcs()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// Deferred first, so it runs last: the pool closes, then the private
	// cluster stops, after the requests in flight have finished.
	db, err := connectDatabase(ctx, *data, os.Stderr, models.AppLimits)
	if err != nil {
		return err
	}
	defer db.Close()

	srv := app.New(app.Config{Logger: log, TrustedProxies: proxies, Password: password,
		RequestTimeout: *requestTimeout, Starting: true,
		PageCacheBytes: cacheBytes, Bench: os.Getenv("HYPERBOARD_BENCH") == "1"}, db.Store, manifest)
	listenErr := make(chan error, 1)
	go func() { listenErr <- srv.Fiber.Listen(*addr) }()
	prepared := make(chan error, 1)
	go func() { prepared <- prepareDatabase(ctx, db, log) }()
	log.Info("Hyperboard is starting", "url", "http://"+*addr)

	var failed error
wait:
	for {
		select {
		case err := <-listenErr:
			return fmt.Errorf("listen on %s: %w", *addr, err)
		case err := <-prepared:
			if err != nil && ctx.Err() == nil {
				failed = err
				break wait
			}
			if err == nil {
				srv.Ready()
				log.Info("Hyperboard is serving", "url", "http://"+*addr)
			}
		case <-ctx.Done():
			break wait
		}
	}
	log.Info("shutting down", "timeout", *shutdownTimeout)
	if err := srv.Shutdown(*shutdownTimeout); err != nil && !errors.Is(err, context.Canceled) {
		log.Warn("shutdown", "err", err)
	}
	return failed
}

// prepareDatabase waits for the database, retrying with back-off while it is
// unreachable, then migrates it and seeds an empty board. Other failures
// (a broken migration) end the server rather than being retried for ever.
func prepareDatabase(ctx context.Context, db *database, log *slog.Logger) error {
	wait := firstRetry
	for {
		err := db.Ping(ctx)
		if err == nil {
			err = db.Migrate(ctx)
		}
		if err == nil {
			break
		}
		if !models.IsUnavailable(err) || ctx.Err() != nil {
			return err
		}
		log.Warn("database not reachable; retrying", "in", wait, "err", err)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, maxRetry)
	}
	created, err := seedDemo(ctx, db)
	if err != nil {
		return fmt.Errorf("seed demo board: %w", err)
	}
	if created != "" {
		log.Info("empty database: " + created)
	}
	return nil
}

// envDuration reads a duration such as "30s" from the environment.
func envDuration(name string, fallback time.Duration) (time.Duration, error) {
	v := os.Getenv(name)
	if v == "" {
		return fallback, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s: want a positive duration such as 30s, not %q", name, v)
	}
	return d, nil
}

// parsePageCache reads the guest page cache's budget in MiB: unset means
// the default, 0 turns the cache off.
func parsePageCache(v string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	mb, err := strconv.ParseInt(v, 10, 64)
	switch {
	case err != nil || mb < 0:
		return 0, fmt.Errorf("want a whole number of MiB, got %q", v)
	case mb == 0:
		return -1, nil
	}
	return mb << 20, nil
}
