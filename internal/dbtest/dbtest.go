// Package dbtest gives each test a fresh, migrated PostgreSQL database.
//
// One private cluster runs per test binary, in a temporary folder; the
// schema is migrated once into a template database, and every test gets a
// clone of it (tens of milliseconds), dropped when the test ends.
package dbtest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"hyperboard/models"
	"hyperboard/pgcluster"
)

const templateDB = "hb_template"

// sharedEnv hands the running cluster's address (with dbNamePlaceholder for
// the database) to the processes a test binary starts of itself: fuzzing
// workers then use the cluster instead of each starting one of their own.
const (
	sharedEnv         = "HYPERBOARD_DBTEST_CLUSTER"
	dbNamePlaceholder = "DBTEST_NAME"
)

type harness struct {
	cluster *pgcluster.Cluster // nil when borrowed from the parent process
	admin   *sql.DB
	dir     string
	dsn     func(database string) string
}

var (
	once    sync.Once
	shared  *harness
	initErr error
	counter atomic.Int64
)

// Main runs the tests of a package and stops the cluster afterwards; call it
// from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if shared != nil && shared.cluster != nil {
		shared.admin.Close()
		if err := shared.cluster.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "dbtest: stop cluster:", err)
		}
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// DSN returns the address of a fresh migrated database that is dropped when
// the test ends.
func DSN(t testing.TB) string {
	t.Helper()
	return newDatabase(t, templateDB)
}

// EmptyDSN returns the address of a fresh database without our schema, for
// tests of migrating itself; it is dropped when the test ends.
func EmptyDSN(t testing.TB) string {
	t.Helper()
	return newDatabase(t, "template1")
}

func newDatabase(t testing.TB, template string) string {
	t.Helper()
	once.Do(func() { shared, initErr = start() })
	if initErr != nil {
		t.Fatalf("dbtest: %v", initErr)
	}
	name := fmt.Sprintf("t%d_%d", os.Getpid(), counter.Add(1))
	if _, err := shared.admin.Exec("CREATE DATABASE " + name + " TEMPLATE " + template); err != nil {
		t.Fatalf("dbtest: create database: %v", err)
	}
	t.Cleanup(func() {
		if _, err := shared.admin.Exec("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("dbtest: drop database: %v", err)
		}
	})
	return shared.dsn(name)
}

// Store returns a Store on a fresh migrated database, closed when the test ends.
func Store(t testing.TB) *models.Store {
	t.Helper()
	store, err := models.Open(context.Background(), DSN(t))
	if err != nil {
		t.Fatalf("dbtest: open: %v", err)
	}
	// Registered after DSN's cleanup, so it runs first: close, then drop.
	t.Cleanup(func() { store.Close() })
	return store
}

func start() (*harness, error) {
	if address := os.Getenv(sharedEnv); address != "" {
		return borrow(address)
	}
	dir, err := os.MkdirTemp("", "hyperboard-test-")
	if err != nil {
		return nil, err
	}
	// The postgres user must be able to enter the folder when we run as root.
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	ctx := context.Background()
	cluster, err := pgcluster.Start(ctx, pgcluster.Options{Dir: dir, Database: templateDB, Ephemeral: true})
	if err != nil {
		return nil, err
	}
	h := &harness{cluster: cluster, dir: dir, dsn: cluster.DSN}
	if err := migrateTemplate(ctx, cluster.DSN(templateDB)); err != nil {
		cluster.Stop()
		return nil, err
	}
	h.admin, err = sql.Open("pgx", cluster.DSN("postgres"))
	if err != nil {
		cluster.Stop()
		return nil, err
	}
	os.Setenv(sharedEnv, cluster.DSN(dbNamePlaceholder))
	return h, nil
}

// borrow uses the cluster of the process that started this one.
func borrow(address string) (*harness, error) {
	h := &harness{dsn: func(database string) string { return strings.ReplaceAll(address, dbNamePlaceholder, database) }}
	var err error
	h.admin, err = sql.Open("pgx", h.dsn("postgres"))
	return h, err
}

// migrateTemplate closes its pool before returning: PostgreSQL refuses to
// clone a template that has open connections.
func migrateTemplate(ctx context.Context, dsn string) error {
	store, err := models.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer store.Close()
	return store.Migrate(ctx)
}
