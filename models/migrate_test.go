package models_test

import (
	"os"
	"strings"
	"sync"
	"testing"

	"hyperboard/internal/dbtest"
	"hyperboard/models"
)

// Servers started together each migrate at start-up; the lock makes one of
// them apply the migrations and the others find nothing left to do.
func TestConcurrentMigrationsApplyOnce(t *testing.T) {
	dsn := dbtest.EmptyDSN(t)
	const servers = 3
	var stores []*models.Store
	for range servers {
		store, err := models.Open(t.Context(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { store.Close() })
		stores = append(stores, store)
	}
	errs := make([]error, servers)
	var wg sync.WaitGroup
	for i, store := range stores {
		wg.Go(func() { errs[i] = store.Migrate(t.Context()) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("server %d: %v", i, err)
		}
	}

	entries, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	var files int64
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".up.sql") {
			files++
		}
	}
	if got := queryInt(t, stores[0], "SELECT count(*) FROM bun_migrations"); got != files {
		t.Errorf("%d migrations recorded, want %d (each once)", got, files)
	}
	if got := queryInt(t, stores[0], "SELECT count(DISTINCT group_id) FROM bun_migrations"); got != 1 {
		t.Errorf("the migrations were applied in %d groups, want 1 (one server did them)", got)
	}
	if got := queryInt(t, stores[0], "SELECT count(*) FROM forums"); got != 0 {
		t.Errorf("forums table not usable: %d", got)
	}
}
