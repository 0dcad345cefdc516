package models_test

import (
	"testing"

	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
)

// A rolling deploy migrates the schema while servers of the previous
// release still run; a column they do not know must not break their reads.
func TestUnknownColumnsDoNotBreakReads(t *testing.T) {
	store := dbtest.Store(t)
	u := fixture.New(t, store).User("ahead")
	if _, err := store.DB().ExecContext(t.Context(), "ALTER TABLE users ADD COLUMN from_the_future text DEFAULT 'x'"); err != nil {
		t.Fatal(err)
	}
	got, err := store.User(t.Context(), u.ID)
	if err != nil || got.Username != "ahead" {
		t.Fatalf("User = %+v, %v", got, err)
	}
}
