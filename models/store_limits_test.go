package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"hyperboard/internal/dbtest"
	"hyperboard/models"
)

func TestAppConnectionsCarryTheSessionLimits(t *testing.T) {
	store := dbtest.Store(t)
	for name, want := range map[string]string{
		"statement_timeout":                   "5s",
		"lock_timeout":                        "3s",
		"idle_in_transaction_session_timeout": "30s",
	} {
		var got string
		if err := store.DB().QueryRowContext(t.Context(), "SHOW "+name).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}
	if got := store.DB().Stats().MaxOpenConnections; got != models.MaxConnections {
		t.Errorf("pool size %d, want %d", got, models.MaxConnections)
	}
}

// tightStore opens a second pool on the database of store with limits short
// enough for a test to cross.
func tightStore(t *testing.T) (*models.Store, string) {
	t.Helper()
	dsn := dbtest.DSN(t)
	store, err := models.OpenWith(t.Context(), dsn, models.SessionLimits{
		Statement: 400 * time.Millisecond, Lock: 100 * time.Millisecond, IdleInTransaction: 300 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store, dsn
}

func pgCode(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

// assertPoolHealthy checks that the pool still answers and holds no
// connection after a session was cancelled or ended under it.
func assertPoolHealthy(t *testing.T, store *models.Store) {
	t.Helper()
	for range 3 {
		var one int
		if err := store.DB().QueryRowContext(t.Context(), "SELECT 1").Scan(&one); err != nil {
			t.Fatalf("the pool does not answer after the limit: %v", err)
		}
	}
	if inUse := store.DB().Stats().InUse; inUse != 0 {
		t.Errorf("%d connections still in use", inUse)
	}
}

func TestPathologicalQueryIsCancelled(t *testing.T) {
	store, _ := tightStore(t)
	start := time.Now()
	_, err := store.DB().ExecContext(t.Context(), "SELECT pg_sleep(30)")
	if pgCode(err) != "57014" || !models.IsUnavailable(err) {
		t.Fatalf("pg_sleep(30) under a 400 ms statement_timeout: %v", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the cancelled query took %v", took)
	}
	assertPoolHealthy(t, store)
}

func TestRequestDeadlineCancelsTheQueryOnTheServer(t *testing.T) {
	store := dbtest.Store(t)
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	_, err := store.DB().ExecContext(ctx, "SELECT pg_sleep(30)")
	if !models.IsUnavailable(err) {
		t.Fatalf("a query past its deadline: %v, want an unavailability error", err)
	}
	// The server was asked to cancel, so the session is free again rather
	// than sleeping on with its connection thrown away.
	var sleeping int
	waitFor(t, func() bool {
		err := store.DB().QueryRowContext(t.Context(),
			"SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'").Scan(&sleeping)
		return err == nil && sleeping == 0
	})
	assertPoolHealthy(t, store)
}

func TestLockWaitIsBounded(t *testing.T) {
	store, dsn := tightStore(t)
	holder, err := models.OpenWith(t.Context(), dsn, models.NoLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if _, err := holder.DB().ExecContext(t.Context(), "CREATE TABLE lockme (id int PRIMARY KEY); INSERT INTO lockme VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	tx, err := holder.DB().BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(t.Context(), "SELECT id FROM lockme FOR UPDATE"); err != nil {
		t.Fatal(err)
	}
	_, err = store.DB().ExecContext(t.Context(), "UPDATE lockme SET id = 2")
	if pgCode(err) != "55P03" || !models.IsUnavailable(err) {
		t.Fatalf("update of a locked row under a 100 ms lock_timeout: %v", err)
	}
	assertPoolHealthy(t, store)
}

func TestIdleTransactionIsEnded(t *testing.T) {
	store, _ := tightStore(t)
	tx, err := store.DB().BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var pid int
	if err := tx.QueryRowContext(t.Context(), "SELECT pg_backend_pid()").Scan(&pid); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		var n int
		err := store.DB().QueryRowContext(t.Context(), "SELECT count(*) FROM pg_stat_activity WHERE pid = ?", pid).Scan(&n)
		return err == nil && n == 0
	})
	if _, err := tx.ExecContext(t.Context(), "SELECT 1"); err == nil {
		t.Fatal("a transaction left idle past the limit still works")
	}
	tx.Rollback()
	assertPoolHealthy(t, store)
}

// waitFor polls cond for up to ten seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
