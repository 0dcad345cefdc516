package models

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// User is a member account.
type User struct {
	bun.BaseModel `bun:"table:users,alias:u"`

	ID            int64 `bun:",pk,autoincrement"`
	Username      string
	Email         string
	PasswordHash  string
	JoinedAt      time.Time `bun:",nullzero,default:now()"`
	LastVisitAt   time.Time `bun:",nullzero"`
	LastPostAt    time.Time `bun:",nullzero"`
	PostCount     int
	Timezone      string
	Signature     string
	SignatureHTML string `bun:"signature_html"`
	RankID        int64  `bun:",nullzero"`
	Location      string
	Website       string
	DateFormat    string
	UsernameKey   string `bun:",nullzero"`
	// DeletedAt is when an administrator deleted the account; its posts
	// stay and show the name as a guest's.
	DeletedAt time.Time `bun:",nullzero"`

	// RankTitle is the special rank if the user has one, else the post-count
	// rank; filled by queries that select rankTitleExpr.
	RankTitle string `bun:",scanonly"`
	// Banned says a ban holds the account now; filled by queries that
	// select accountBanned (the admin panel's user search).
	Banned bool `bun:",scanonly"`
}

// rankTitleExpr computes a user's rank title in SQL; the placeholder is the
// alias of the users table in the query.
const rankTitleExpr = `coalesce(
	(SELECT r.title FROM ranks r WHERE r.id = ?0.rank_id),
	(SELECT r.title FROM ranks r WHERE NOT r.special AND r.min_posts <= ?0.post_count ORDER BY r.min_posts DESC LIMIT 1),
	'')`

// Deleted reports whether the account was deleted: its name is shown
// without a link, as a guest's.
func (u *User) Deleted() bool { return !u.DeletedAt.IsZero() }

// authorColumns are the columns a page needs to show a member's name.
var authorColumns = columns("id", "username", "deleted_at")

// User returns one member with their rank title.
func (s *Store) User(ctx context.Context, id int64) (*User, error) {
	u := new(User)
	err := s.db.NewSelect().Model(u).
		ColumnExpr("u.*").
		ColumnExpr(rankTitleExpr+" AS rank_title", bun.Ident("u")).
		Where("u.id = ?", id).Scan(ctx)
	if err != nil {
		return nil, notFound(err)
	}
	return u, nil
}

// CreateUser inserts a member and adds them to the REGISTERED group. A name
// or email already taken (compared as UsernameKey and case-insensitively)
// is ErrConflict.
func (s *Store) CreateUser(ctx context.Context, u *User) error {
	u.UsernameKey = UsernameKey(u.Username)
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(u).Returning("id, joined_at").Exec(ctx); err != nil {
			if isUniqueViolation(err) {
				return ErrConflict
			}
			return err
		}
		changed(ctx, TagStats, TagMembers) // the newest member, the count
		return joinSystemGroup(ctx, tx, u.ID, GroupRegistered)
	})
}

// UserForLogin finds the account a login form names, by username (as
// UsernameKey) or by email address; deleted accounts are not found.
func (s *Store) UserForLogin(ctx context.Context, name string) (*User, error) {
	u := new(User)
	err := s.db.NewSelect().Model(u).
		Where("username_key = ? OR email = ?", UsernameKey(name), strings.TrimSpace(name)).
		Where("deleted_at IS NULL").
		Limit(1).Scan(ctx)
	if err != nil {
		return nil, notFound(err)
	}
	return u, nil
}

// SetPasswordHash replaces a member's password hash.
func (s *Store) SetPasswordHash(ctx context.Context, userID int64, hash string) error {
	_, err := s.db.NewUpdate().Model((*User)(nil)).Set("password_hash = ?", hash).Where("id = ?", userID).Exec(ctx)
	return err
}

// AccountTaken reports whether a name (compared as UsernameKey) or an email
// address (case-insensitively) already belongs to a member, so that a form
// can say which of the two to change.
func (s *Store) AccountTaken(ctx context.Context, name, email string) (nameTaken, emailTaken bool, err error) {
	var row struct{ NameTaken, EmailTaken bool }
	err = s.db.NewRaw(`SELECT
			EXISTS (SELECT 1 FROM users WHERE username_key = ? OR username = ?) AS name_taken,
			EXISTS (SELECT 1 FROM users WHERE email = ?) AS email_taken`,
		UsernameKey(name), name, email).Scan(ctx, &row)
	return row.NameTaken, row.EmailTaken, err
}
