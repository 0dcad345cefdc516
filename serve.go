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
)

// shutdownTimeout bounds how long requests in flight may take to finish.
const shutdownTimeout = 10 * time.Second

func serve(args []string, log *slog.Logger) error {
	fs, data := newFlags("serve")
	addr := fs.String("addr", envOr("HYPERBOARD_ADDR", "127.0.0.1:8080"), "address to listen on")
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	db, err := openDatabase(ctx, *data, os.Stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	if created, err := seedDemo(ctx, db); err != nil {
		return fmt.Errorf("seed demo board: %w", err)
	} else if created != "" {
		log.Info("empty database: " + created)
	}

	srv := app.New(app.Config{Logger: log, TrustedProxies: proxies, Password: password,
		PageCacheBytes: cacheBytes, Bench: os.Getenv("HYPERBOARD_BENCH") == "1"}, db.Store, manifest)
	listenErr := make(chan error, 1)
	go func() { listenErr <- srv.Fiber.Listen(*addr) }()
	log.Info("Hyperboard is serving", "url", "http://"+*addr)

	select {
	case err := <-listenErr:
		return fmt.Errorf("listen on %s: %w", *addr, err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	if err := srv.Shutdown(shutdownTimeout); err != nil && !errors.Is(err, context.Canceled) {
		log.Warn("shutdown", "err", err)
	}
	return nil
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
