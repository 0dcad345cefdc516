package models_test

import (
	"testing"

	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
)

func TestRecountFindsAndRepairsDrift(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	u := fx.User("kim")
	f := fx.Forum("Lounge")
	topic := fx.Topic(f, u, fixture.TopicSpec{Title: "Counted", Posts: 5})
	ids := fx.PostIDs(topic.ID)

	// Break one counter of each kind and hide the last post.
	for _, q := range []string{
		"UPDATE topics SET reply_count = 99",
		"UPDATE forums SET post_count = 1, topic_count = 7",
		"UPDATE users SET post_count = 0",
	} {
		if _, err := store.DB().ExecContext(t.Context(), q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.DB().ExecContext(t.Context(), "UPDATE posts SET deleted_at = now() WHERE id = ?", ids[4]); err != nil {
		t.Fatal(err)
	}

	drift, err := store.Recount(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drift {
		if d.Rows != 1 {
			t.Errorf("%s: %d rows reported, want 1", d.Table, d.Rows)
		}
	}
	if n := queryInt(t, store, "SELECT reply_count FROM topics"); n != 99 {
		t.Fatal("a check without repair changed the data")
	}

	if _, err := store.Recount(t.Context(), true); err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{
		"SELECT reply_count FROM topics":                      3,
		"SELECT last_post_id FROM topics":                     ids[3],
		"SELECT last_post_number FROM topics":                 5, // numbers are never reused
		"SELECT post_count FROM forums":                       4,
		"SELECT topic_count FROM forums":                      1,
		"SELECT last_post_id FROM forums":                     ids[3],
		"SELECT post_count FROM users WHERE username = 'kim'": 4,
	}
	for q, w := range want {
		if got := queryInt(t, store, q); got != w {
			t.Errorf("%s = %d, want %d", q, got, w)
		}
	}
	drift, _ = store.Recount(t.Context(), false)
	for _, d := range drift {
		if d.Rows != 0 {
			t.Errorf("%s still drifts after repair", d.Table)
		}
	}
}
