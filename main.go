// Command hyperboard serves the forum and administers its database.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata" // timezones work on machines without a zoneinfo database

	"hyperboard/models"
	"hyperboard/pgcluster"
)

const usage = `Usage: hyperboard [command] [flags]

Commands:
  serve                     serve the forum (the default)
  migrate                   apply the database migrations and exit
  seed demo                 fill an empty board with the demo community
  seed bulk --users N --topics N --posts N
                            fill an empty board with a large synthetic one
  user create --name N --email E --password P [--admin]
                            create an account
  check [--repair]          recount every counter from the posts; report (and repair) drift

Every command takes --data DIR (or HYPERBOARD_DATA; default ./data), the
folder of the private PostgreSQL cluster used when DATABASE_URL is not set.
Run "hyperboard COMMAND -h" for a command's flags.
`

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(os.Args[1:], log); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "hyperboard:", err)
		os.Exit(1)
	}
}

func run(args []string, log *slog.Logger) error {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(args, log)
	case "migrate":
		return migrateCmd(args)
	case "seed":
		return seedCmd(args)
	case "user":
		return userCmd(args)
	case "check":
		return checkCmd(args)
	case "help", "-h", "--help":
		fmt.Print(usage)
		return nil
	}
	fmt.Fprint(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// newFlags makes a command's flag set with the flags every command shares.
func newFlags(name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	data := fs.String("data", envOr("HYPERBOARD_DATA", "./data"), "folder of the private PostgreSQL cluster (when DATABASE_URL is unset)")
	return fs, data
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// database is the open store and whatever must be released with it.
type database struct {
	*models.Store
	cluster *pgcluster.Cluster
}

// openDatabase connects the one-shot commands to DATABASE_URL when it is
// set, else to the private cluster in dataDir, starting it if it is down or
// reusing it if it runs. Their sessions have no time limits: a recount or a
// bulk seed of a large board may rightly run for minutes.
func openDatabase(ctx context.Context, dataDir string, progress io.Writer) (*database, error) {
	db, err := connectDatabase(ctx, dataDir, progress, models.NoLimits)
	if err != nil {
		return nil, err
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.Ping(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return db, nil
}

// connectDatabase prepares the pool without waiting for the database to
// answer, so that the server can listen (and say it is not ready) while the
// database is still away.
func connectDatabase(ctx context.Context, dataDir string, progress io.Writer, limits models.SessionLimits) (*database, error) {
	if url := os.Getenv("DATABASE_URL"); url != "" {
		store, err := models.Connect(url, limits)
		if err != nil {
			return nil, err
		}
		return &database{Store: store}, nil
	}
	cluster, err := pgcluster.Start(ctx, pgcluster.Options{Dir: dataDir, Database: "hyperboard", Log: progress})
	if err != nil {
		return nil, err
	}
	store, err := models.Connect(cluster.DSN("hyperboard"), limits)
	if err != nil {
		cluster.Stop()
		return nil, err
	}
	return &database{Store: store, cluster: cluster}, nil
}

// Close closes the pool and stops the cluster if this process started it.
func (d *database) Close() error {
	err := d.Store.Close()
	if d.cluster != nil {
		err = errors.Join(err, d.cluster.Stop())
	}
	return err
}

// withDatabase runs fn on a migrated database and closes it afterwards.
func withDatabase(dataDir string, fn func(ctx context.Context, db *database) error) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	db, err := openDatabase(ctx, dataDir, os.Stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	return fn(ctx, db)
}
