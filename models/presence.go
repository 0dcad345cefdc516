package models

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"time"

	"github.com/uptrace/bun/dialect/pgdialect"
)

// OnlineWindow is how recently someone must have been seen to count as online.
const OnlineWindow = 5 * time.Minute

// sortedTimes splits a map into keys in order and their values, so that
// concurrent writers from several servers lock rows in the same order.
func sortedTimes[K cmp.Ordered](m map[K]time.Time) ([]K, []time.Time) {
	keys := slices.Sorted(maps.Keys(m))
	vals := make([]time.Time, len(keys))
	for i, k := range keys {
		vals[i] = m[k]
	}
	return keys, vals
}

// RecordGuests notes when guests (by an opaque visitor key) were last seen.
func (s *Store) RecordGuests(ctx context.Context, seen map[string]time.Time) error {
	if len(seen) == 0 {
		return nil
	}
	keys, ats := sortedTimes(seen)
	_, err := s.db.NewRaw(`INSERT INTO online_guests (visitor, seen_at)
		SELECT * FROM unnest(?::text[], ?::timestamptz[])
		ON CONFLICT (visitor) DO UPDATE SET seen_at = greatest(online_guests.seen_at, excluded.seen_at)`,
		pgdialect.Array(keys), pgdialect.Array(ats)).Exec(ctx)
	return err
}

// Online lists the members seen within OnlineWindow, by name, and counts the guests.
type Online struct {
	Members []*User
	Guests  int
}

// Online finds who is online, in one query.
func (s *Store) Online(ctx context.Context) (*Online, error) {
	var rows []struct {
		Guests   int
		ID       int64
		Username string
	}
	since := time.Now().Add(-OnlineWindow)
	err := s.db.NewRaw(`SELECT g.n AS guests, m.id, m.username
		FROM (SELECT count(*) AS n FROM online_guests WHERE seen_at > ?0) g
		LEFT JOIN LATERAL (
			SELECT DISTINCT u.id, u.username FROM sessions s JOIN users u ON u.id = s.user_id
			WHERE s.last_seen_at > ?0 AND s.expires_at > now()
		) m ON true
		ORDER BY m.username`, since).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	online := &Online{}
	for _, r := range rows {
		online.Guests = r.Guests
		if r.ID != 0 {
			online.Members = append(online.Members, &User{ID: r.ID, Username: r.Username})
		}
	}
	return online, nil
}

// Prune deletes what has expired: sessions, old throttle events and guests
// no longer online.
func (s *Store) Prune(ctx context.Context) error {
	for _, q := range []string{
		"DELETE FROM sessions WHERE expires_at < now()",
		"DELETE FROM throttle_events WHERE at < now() - interval '1 day'",
		"DELETE FROM online_guests WHERE seen_at < now() - interval '1 hour'",
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
