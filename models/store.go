package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/stdlib" // also registers the "pgx" database/sql driver
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Limits of the app's database sessions. A page needs milliseconds, so a
// statement that runs for seconds is stuck or pathological and is cancelled;
// a row lock held that long means something else is stuck; and a transaction
// left idle holds its locks and its connection until the server ends it.
const (
	StatementTimeout         = 5 * time.Second
	LockTimeout              = 3 * time.Second
	IdleInTransactionTimeout = 30 * time.Second
)

// MaxConnections is the size of the connection pool of one app server.
const MaxConnections = 20

// connectTimeout bounds establishing one connection, so an unreachable
// database host fails fast instead of waiting for the kernel to give up.
const connectTimeout = 5 * time.Second

// SessionLimits bound what one database session may do; zero means no limit.
type SessionLimits struct {
	Statement         time.Duration
	Lock              time.Duration
	IdleInTransaction time.Duration
}

// AppLimits are the limits of the connections that serve requests. Values
// set in the connection string (e.g. ?statement_timeout=30s) take precedence.
var AppLimits = SessionLimits{Statement: StatementTimeout, Lock: LockTimeout, IdleInTransaction: IdleInTransactionTimeout}

// NoLimits is for maintenance (migrations, bulk loads, recounts of a large
// board), whose statements may rightly run for minutes.
var NoLimits = SessionLimits{}

// Store holds the database handle; every query of the board is a method on it.
type Store struct {
	db      *bun.DB
	cfg     *pgx.ConnConfig // to open maintenance sessions on the same database
	changes changeHub       // tells listeners what committed writes changed (changes.go)
}

// Open connects to PostgreSQL with the app's session limits and checks that
// the server answers.
func Open(ctx context.Context, dsn string) (*Store, error) {
	return OpenWith(ctx, dsn, AppLimits)
}

// OpenWith connects with the given session limits and checks that the
// server answers.
func OpenWith(ctx context.Context, dsn string, limits SessionLimits) (*Store, error) {
	s, err := Connect(dsn, limits)
	if err != nil {
		return nil, err
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.db.PingContext(pingCtx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return s, nil
}

// Connect prepares the connection pool without contacting the server, so it
// fails only on a malformed connection string.
func Connect(dsn string, limits SessionLimits) (*Store, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("database address: %w", err)
	}
	applyLimits(cfg, limits, limits != NoLimits)
	s := &Store{db: newDB(cfg, MaxConnections), cfg: cfg}
	s.db.AddQueryHook(queryCounterHook{})
	return s, nil
}

// applyLimits sets the session limits as runtime parameters; keep leaves
// those the connection string already sets.
func applyLimits(cfg *pgx.ConnConfig, limits SessionLimits, keep bool) {
	for name, d := range map[string]time.Duration{
		"statement_timeout":                   limits.Statement,
		"lock_timeout":                        limits.Lock,
		"idle_in_transaction_session_timeout": limits.IdleInTransaction,
	} {
		if _, set := cfg.RuntimeParams[name]; set && keep {
			continue
		}
		cfg.RuntimeParams[name] = strconv.FormatInt(d.Milliseconds(), 10) + "ms"
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = connectTimeout
	}
	// A cancelled context (a request out of time) asks the server to cancel
	// the statement, so the query stops there too and the connection stays
	// usable; the deadline is the fallback when the server does not answer.
	cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: c, DeadlineDelay: time.Second}
	}
}

func newDB(cfg *pgx.ConnConfig, maxConns int) *bun.DB {
	sqldb := stdlib.OpenDB(*cfg)
	sqldb.SetMaxOpenConns(maxConns)
	sqldb.SetMaxIdleConns(maxConns)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	// Columns a model does not know are skipped rather than refused, so a
	// server still running the previous release keeps working while a
	// rolling deploy adds columns under it.
	return bun.NewDB(sqldb, pgdialect.New(), bun.WithDiscardUnknownColumns())
}

// maintenance opens a small pool on the same database without session
// limits, for work that may rightly take long; the caller closes it.
func (s *Store) maintenance() *bun.DB {
	cfg := s.cfg.Copy()
	applyLimits(cfg, NoLimits, false)
	return newDB(cfg, 2)
}

// DB exposes the bun handle for hooks and tests.
func (s *Store) DB() *bun.DB { return s.db }

// Close closes the connection pool.
func (s *Store) Close() error { return s.db.Close() }

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// notFound turns "no rows" into the domain error and leaves others as they are.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
