package models_test

import (
	"strconv"
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
		if want := int64(1); d.Rows != want && d.Table != "posts" {
			t.Errorf("%s: %d rows reported, want %d", d.Table, d.Rows, want)
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

// Each kind of drift is found in its own table, and repaired, alone.
func TestRecountEachCounterKind(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	u := fx.User("lee")
	f := fx.Forum("Attic")
	topic := fx.Topic(f, u, fixture.TopicSpec{Title: "Numbers", Posts: 4})
	ids := fx.PostIDs(topic.ID)
	for _, c := range []struct {
		breaks string
		table  string
		check  string // a query that must give want after the repair
		want   int64
	}{
		// A gap, with the topic agreeing with it, so only the numbers drift.
		{"UPDATE posts SET post_number = 9 WHERE id = " + strconv.FormatInt(ids[3], 10) + "; UPDATE topics SET last_post_number = 9", "posts", "SELECT post_number FROM posts WHERE id = " + strconv.FormatInt(ids[3], 10), 4},
		{"UPDATE posts SET post_number = post_number + 10 WHERE topic_id = " + strconv.FormatInt(topic.ID, 10) + "; UPDATE topics SET last_post_number = 14", "posts", "SELECT sum(post_number) FROM posts", 10},
		{"UPDATE topics SET reply_count = 0", "topics", "SELECT reply_count FROM topics", 3},
		{"UPDATE topics SET first_post_id = NULL", "topics", "SELECT first_post_id FROM topics", ids[0]},
		{"UPDATE topics SET last_post_id = " + strconv.FormatInt(ids[1], 10), "topics", "SELECT last_post_id FROM topics", ids[3]},
		{"UPDATE topics SET last_post_number = 2", "topics", "SELECT last_post_number FROM topics", 4},
		{"UPDATE topics SET last_post_at = last_post_at - interval '1 day'", "topics",
			"SELECT count(*) FROM topics t JOIN posts p ON p.id = t.last_post_id WHERE t.last_post_at = p.created_at", 1},
		{"UPDATE forums SET topic_count = 5", "forums", "SELECT topic_count FROM forums", 1},
		{"UPDATE forums SET post_count = 0", "forums", "SELECT post_count FROM forums", 4},
		{"UPDATE forums SET last_post_id = NULL", "forums", "SELECT last_post_id FROM forums", ids[3]},
		{"UPDATE users SET post_count = 40", "users", "SELECT post_count FROM users", 4},
	} {
		if _, err := store.DB().ExecContext(t.Context(), c.breaks); err != nil {
			t.Fatalf("%s: %v", c.breaks, err)
		}
		drift, err := store.Recount(t.Context(), false)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range drift {
			// A check compares forums with the topics as they are, so a
			// topic's broken counters show in its forum too.
			echo := c.table == "topics" && d.Table == "forums"
			if (d.Table == c.table && d.Rows == 0) || (d.Table != c.table && !echo && d.Rows > 0) {
				t.Errorf("after %q: %s reports %d rows", c.breaks, d.Table, d.Rows)
			}
		}
		if _, err := store.Recount(t.Context(), true); err != nil {
			t.Fatalf("repair after %q: %v", c.breaks, err)
		}
		if got := queryInt(t, store, c.check); got != c.want {
			t.Errorf("after repairing %q: %s = %d, want %d", c.breaks, c.check, got, c.want)
		}
		drift, _ = store.Recount(t.Context(), false)
		for _, d := range drift {
			if d.Rows != 0 {
				t.Errorf("after repairing %q: %s still drifts", c.breaks, d.Table)
			}
		}
	}
}
