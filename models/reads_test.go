package models_test

import (
	"database/sql"
	"testing"
	"time"

	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
	"hyperboard/models"
)

func TestRecordTopicReads(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	reader := fx.User("reader")
	forum := fx.Forum("Lounge")
	topic := fx.Topic(forum, reader, fixture.TopicSpec{Title: "Long", Posts: 30})
	other := fx.Topic(forum, reader, fixture.TopicSpec{Title: "Short", Posts: 3})
	mark := func(t *testing.T, topicID int64) int {
		t.Helper()
		var n int
		err := store.DB().NewRaw("SELECT last_read_number FROM topic_reads WHERE user_id = ? AND topic_id = ?", reader.ID, topicID).Scan(t.Context(), &n)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	record := func(t *testing.T, reads ...models.TopicRead) {
		t.Helper()
		if err := store.RecordTopicReads(t.Context(), reads); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("of several marks for one topic the furthest counts", func(t *testing.T) {
		record(t, models.TopicRead{UserID: reader.ID, TopicID: topic.ID, Number: 25},
			models.TopicRead{UserID: reader.ID, TopicID: topic.ID, Number: 10})
		if got := mark(t, topic.ID); got != 25 {
			t.Errorf("mark = %d, want 25", got)
		}
	})
	t.Run("a mark never moves back", func(t *testing.T) {
		record(t, models.TopicRead{UserID: reader.ID, TopicID: topic.ID, Number: 5})
		if got := mark(t, topic.ID); got != 25 {
			t.Errorf("mark = %d, want 25", got)
		}
	})
	t.Run("a mark for a topic that is gone does not fail the others", func(t *testing.T) {
		record(t, models.TopicRead{UserID: reader.ID, TopicID: 999999, Number: 1},
			models.TopicRead{UserID: reader.ID, TopicID: other.ID, Number: 3})
		if got := mark(t, other.ID); got != 3 {
			t.Errorf("mark = %d, want 3", got)
		}
	})
}

func TestSessionVisitSince(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	u := fx.User("visitor")
	since := func(t *testing.T, sessionID int64) sql.NullTime {
		t.Helper()
		var at sql.NullTime
		if err := store.DB().NewRaw("SELECT since FROM session_visits WHERE session_id = ?", sessionID).Scan(t.Context(), &at); err != nil {
			t.Fatal(err)
		}
		return at
	}
	exec := func(t *testing.T, query string, args ...any) {
		t.Helper()
		if _, err := store.DB().NewRaw(query, args...).Exec(t.Context()); err != nil {
			t.Fatal(err)
		}
	}

	_, first, err := store.CreateSession(t.Context(), u.ID, false, "", "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a member's first session has no previous visit", func(t *testing.T) {
		if at := since(t, first.ID); at.Valid {
			t.Errorf("visit since %v, want none", at.Time)
		}
	})

	seen := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	exec(t, "UPDATE users SET last_visit_at = ? WHERE id = ?", seen.Add(-time.Hour), u.ID)
	exec(t, "UPDATE sessions SET last_seen_at = ? WHERE id = ?", seen, first.ID)
	_, second, err := store.CreateSession(t.Context(), u.ID, true, "", "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a later session counts from when the member was last seen", func(t *testing.T) {
		if at := since(t, second.ID); !at.Time.Equal(seen) {
			t.Errorf("visit since %v, want %v", at.Time, seen)
		}
	})
	t.Run("a short pause does not begin a new visit", func(t *testing.T) {
		if err := store.TouchSessions(t.Context(), map[int64]time.Time{second.ID: second.LastSeenAt.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		if at := since(t, second.ID); !at.Time.Equal(seen) {
			t.Errorf("visit since %v, want %v", at.Time, seen)
		}
	})
	t.Run("coming back after hours begins a new visit", func(t *testing.T) {
		back := second.LastSeenAt.Add(time.Minute + 3*time.Hour)
		if err := store.TouchSessions(t.Context(), map[int64]time.Time{second.ID: back}); err != nil {
			t.Fatal(err)
		}
		want := second.LastSeenAt.Add(time.Minute)
		if at := since(t, second.ID); !at.Time.Equal(want) {
			t.Errorf("visit since %v, want %v", at.Time, want)
		}
	})
}
