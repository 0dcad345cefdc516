package models_test

import (
	"errors"
	"sync"
	"testing"

	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
	"hyperboard/models"
)

// Two administrators deleting each other at the same moment leave one of
// them: the second to get the lock no longer administers anything.
func TestAdministratorsCannotDeleteEachOtherAtOnce(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	a, b := fx.User("ada"), fx.User("bea")
	fx.Join(a, models.GroupAdministrators)
	fx.Join(b, models.GroupAdministrators)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, pair := range [][2]*models.User{{a, b}, {b, a}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = store.DeleteUser(t.Context(), pair[1].ID, pair[0].ID)
		}()
	}
	wg.Wait()
	failed := 0
	for _, err := range errs {
		switch {
		case errors.Is(err, models.ErrForbidden), errors.Is(err, models.ErrNotFound):
			failed++
		case err != nil:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if failed != 1 {
		t.Errorf("errors %v: want exactly one deletion refused", errs)
	}
	var admins int
	err := store.DB().NewRaw(`SELECT count(*) FROM group_members m JOIN groups g ON g.id = m.group_id
		JOIN users u ON u.id = m.user_id WHERE g.system_key = 'ADMINISTRATORS' AND u.deleted_at IS NULL`).Scan(t.Context(), &admins)
	if err != nil || admins != 1 {
		t.Errorf("%d administrators left (%v), want 1", admins, err)
	}
	if err := store.DeleteUser(t.Context(), a.ID, a.ID); !errors.Is(err, models.ErrDeleteSelf) {
		t.Errorf("deleting oneself: %v, want ErrDeleteSelf", err)
	}
}
