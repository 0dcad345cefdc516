package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Profile is a member as their profile page shows them.
type Profile struct {
	User `bun:",extend"`

	// LastSeenAt is the later of the last login and the last request of
	// any of the member's sessions; zero if they never logged in.
	LastSeenAt time.Time `bun:",scanonly"`
	// Groups are the groups the viewer may see the member in.
	Groups []*Group `bun:"-"`
}

// Profile loads a member's profile as a viewer (0 for a guest) may see it:
// a hidden group is listed only to its own members. Two queries. A deleted
// account has no profile.
func (s *Store) Profile(ctx context.Context, id, viewerID int64) (*Profile, error) {
	p := new(Profile)
	err := s.db.NewSelect().Model(p).
		ColumnExpr("u.*").
		ColumnExpr(rankTitleExpr+" AS rank_title", bun.Ident("u")).
		// greatest() skips NULLs: a member who never logged in stays NULL.
		ColumnExpr("greatest(u.last_visit_at, (SELECT max(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id)) AS last_seen_at").
		Where("u.id = ? AND u.deleted_at IS NULL", id).Scan(ctx)
	if err != nil {
		return nil, notFound(err)
	}
	err = s.db.NewSelect().Model(&p.Groups).
		Join("JOIN group_members m ON m.group_id = g.id AND m.user_id = ? AND NOT m.pending", id).
		Where(`(NOT g.hidden OR EXISTS (
			SELECT 1 FROM group_members v WHERE v.group_id = g.id AND v.user_id = ? AND NOT v.pending))`, viewerID).
		OrderExpr("g.system_key IS NULL, g.name").
		Scan(ctx)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Limits of the profile fields, in characters.
const (
	MaxLocationLength  = 100
	MaxWebsiteLength   = 200
	MaxSignatureLength = 500
)

// Preferences are the profile fields and display choices a member sets
// for themselves. SignatureHTML is Signature cooked by bbcode.
type Preferences struct {
	Timezone      string
	DateFormat    string
	Location      string
	Website       string
	Signature     string
	SignatureHTML string
}

// UpdatePreferences saves a member's preferences, all in one statement.
func (s *Store) UpdatePreferences(ctx context.Context, userID int64, p Preferences) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		changed(ctx, AuthorTag(userID)) // the signature under their posts
		_, err := tx.NewUpdate().Model((*User)(nil)).
			Set("timezone = ?", p.Timezone).
			Set("date_format = ?", p.DateFormat).
			Set("location = ?", p.Location).
			Set("website = ?", p.Website).
			Set("signature = ?", p.Signature).
			Set("signature_html = ?", p.SignatureHTML).
			Where("id = ?", userID).Exec(ctx)
		return err
	})
}

// SetEmail changes a member's email address; an address that another
// account uses (compared case-insensitively) is ErrConflict.
func (s *Store) SetEmail(ctx context.Context, userID int64, email string) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		changed(ctx, ViewerTag(userID)) // a ban on a pattern of addresses may now hold them
		_, err := tx.NewUpdate().Model((*User)(nil)).Set("email = ?", email).Where("id = ?", userID).Exec(ctx)
		if isUniqueViolation(err) {
			return ErrConflict
		}
		return err
	})
}

// ChangePassword stores a member's new password hash and, in the same
// transaction, ends every session of theirs but keepSessionID, so a
// browser logged in with the old password is logged out.
func (s *Store) ChangePassword(ctx context.Context, userID int64, hash string, keepSessionID int64) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		changed(ctx, ViewerTag(userID))
		_, err := tx.NewUpdate().Model((*User)(nil)).Set("password_hash = ?", hash).Where("id = ?", userID).Exec(ctx)
		if err != nil {
			return err
		}
		_, err = tx.NewDelete().Model((*Session)(nil)).Where("user_id = ? AND id <> ?", userID, keepSessionID).Exec(ctx)
		return err
	})
}
