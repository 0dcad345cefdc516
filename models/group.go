package models

import (
	"context"

	"github.com/uptrace/bun"
)

// System groups every board has; their rows are made by the first migration.
const (
	GroupGuests         = "GUESTS"
	GroupRegistered     = "REGISTERED"
	GroupModerators     = "MODERATORS"
	GroupAdministrators = "ADMINISTRATORS"
)

// Group is a user group, system or user-made.
type Group struct {
	bun.BaseModel `bun:"table:groups,alias:g"`

	ID          int64 `bun:",pk,autoincrement"`
	Name        string
	SystemKey   string `bun:",nullzero"`
	Description string
	Colour      string
	Open        bool
	Hidden      bool
}

func joinSystemGroup(ctx context.Context, db bun.IDB, userID int64, key string) error {
	_, err := db.NewRaw(`INSERT INTO group_members (group_id, user_id)
		SELECT id, ? FROM groups WHERE system_key = ?
		ON CONFLICT DO NOTHING`, userID, key).Exec(ctx)
	return err
}

// AddToSystemGroup makes a member part of one of the system groups.
func (s *Store) AddToSystemGroup(ctx context.Context, userID int64, key string) error {
	return joinSystemGroup(ctx, s.db, userID, key)
}
