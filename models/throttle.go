package models

import (
	"context"
	"time"
)

// ThrottleRule limits how often something may happen per key (an account,
// an address): at most Limit events within Window.
type ThrottleRule struct {
	Kind   string
	Limit  int
	Window time.Duration
}

// The rules the board enforces.
var (
	LoginsPerAccount = ThrottleRule{Kind: "login-account", Limit: 5, Window: 15 * time.Minute}
	// LoginsPerAccountAnywhere counts an account's failed logins from every
	// address together: guessing spread over many addresses stops here.
	LoginsPerAccountAnywhere = ThrottleRule{Kind: "login-account-any", Limit: 100, Window: 15 * time.Minute}
	LoginsPerIP              = ThrottleRule{Kind: "login-ip", Limit: 20, Window: 15 * time.Minute}
	SignupsPerIP             = ThrottleRule{Kind: "register-ip", Limit: 5, Window: time.Hour}
	// Searches bounds full-text searches per member (per address for
	// guests): each one is a costly query.
	Searches = ThrottleRule{Kind: "search", Limit: 30, Window: time.Minute}
)

// Throttled reports how long the key must wait before the rule allows
// another event; zero when it may go ahead now.
func (s *Store) Throttled(ctx context.Context, rule ThrottleRule, key string) (time.Duration, error) {
	var row struct {
		N      int
		Oldest time.Time
	}
	err := s.db.NewRaw(`SELECT count(*) AS n, coalesce(min(at), now()) AS oldest FROM (
			SELECT at FROM throttle_events WHERE kind = ? AND key = ? AND at > now() - ? * interval '1 second'
			ORDER BY at DESC LIMIT ?) recent`,
		rule.Kind, key, int(rule.Window.Seconds()), rule.Limit).Scan(ctx, &row)
	if err != nil || row.N < rule.Limit {
		return 0, err
	}
	// The key is free again when the oldest of the last Limit events leaves the window.
	return max(time.Until(row.Oldest.Add(rule.Window)), time.Second), nil
}

// RecordThrottle counts one event against a key.
func (s *Store) RecordThrottle(ctx context.Context, rule ThrottleRule, key string) error {
	_, err := s.db.NewRaw("INSERT INTO throttle_events (kind, key) VALUES (?, ?)", rule.Kind, key).Exec(ctx)
	return err
}

// ClearThrottle forgets a key's events, e.g. an account's failed logins
// once its owner logs in.
func (s *Store) ClearThrottle(ctx context.Context, rule ThrottleRule, key string) error {
	_, err := s.db.NewRaw("DELETE FROM throttle_events WHERE kind = ? AND key = ?", rule.Kind, key).Exec(ctx)
	return err
}
