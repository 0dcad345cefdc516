package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Reasons the admin panel's changes to an account are refused.
var (
	ErrDeleteSelf = fmt.Errorf("administrators cannot delete their own account: %w", ErrForbidden)
)

// UserSearch finds accounts for the admin panel: names that start with
// Text, or email addresses that do, in any letter case. Deleted accounts
// are gone from it.
type UserSearch struct {
	Text string
}

func (q UserSearch) filter(sq *bun.SelectQuery) *bun.SelectQuery {
	sq = sq.Where("u.deleted_at IS NULL")
	if q.Text == "" {
		return sq
	}
	prefix := likeEscaper.Replace(q.Text) + "%"
	return sq.WhereGroup(" AND ", func(sq *bun.SelectQuery) *bun.SelectQuery {
		return sq.Where("lower(u.username::text) LIKE lower(?)", prefix).
			WhereOr("lower(u.email::text) LIKE lower(?)", prefix)
	})
}

// FindUsers returns one page of the accounts a search matches, by name,
// and how many it matches in all.
func (s *Store) FindUsers(ctx context.Context, q UserSearch, page, perPage int) ([]*User, int, error) {
	total, err := q.filter(s.db.NewSelect().Model((*User)(nil))).Count(ctx)
	if err != nil {
		return nil, 0, err
	}
	var users []*User
	err = q.filter(s.db.NewSelect().Model(&users).
		Column("u.id", "u.username", "u.email", "u.joined_at", "u.last_visit_at", "u.post_count").
		ColumnExpr(accountBanned + " AS banned")).
		OrderExpr("u.username, u.id").
		Limit(int64(perPage)).Offset(int64((page - 1) * perPage)).Scan(ctx)
	return users, int(total), err
}

// NewestMembers returns the n accounts that joined last.
func (s *Store) NewestMembers(ctx context.Context, n int) ([]*User, error) {
	var users []*User
	err := s.db.NewSelect().Model(&users).Column("u.id", "u.username", "u.joined_at", "u.post_count").
		Where("u.deleted_at IS NULL").OrderExpr("u.joined_at DESC, u.id DESC").Limit(int64(n)).Scan(ctx)
	return users, err
}

// Rank is a title shown under a member's name.
type Rank struct {
	ID    int64
	Title string
}

// SpecialRanks lists the ranks an administrator gives by hand, by title.
func (s *Store) SpecialRanks(ctx context.Context) ([]Rank, error) {
	var ranks []Rank
	err := s.db.NewRaw("SELECT id, title FROM ranks WHERE special ORDER BY title, id").Scan(ctx, &ranks)
	return ranks, err
}

// AccountFields are the parts of an account an administrator edits.
// SignatureHTML is Signature cooked by bbcode; RankID 0 is no special rank.
type AccountFields struct {
	Username      string
	Email         string
	Signature     string
	SignatureHTML string
	Location      string
	Website       string
	RankID        int64
}

// NameOrEmailTaken reports whether another account than userID has the
// name (compared as UsernameKey) or the email address.
func (s *Store) NameOrEmailTaken(ctx context.Context, userID int64, name, email string) (nameTaken, emailTaken bool, err error) {
	var row struct{ NameTaken, EmailTaken bool }
	err = s.db.NewRaw(`SELECT
			EXISTS (SELECT 1 FROM users WHERE (username_key = ? OR username = ?) AND id <> ?) AS name_taken,
			EXISTS (SELECT 1 FROM users WHERE email = ? AND id <> ?) AS email_taken`,
		UsernameKey(name), name, userID, email, userID).Scan(ctx, &row)
	return row.NameTaken, row.EmailTaken, err
}

// UpdateAccount saves an account's fields; a name or address that another
// account took meanwhile is ErrConflict. Special ranks only: a rank that
// is not one is ErrInvalid.
func (s *Store) UpdateAccount(ctx context.Context, userID int64, f AccountFields) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		announceUser(ctx, userID)
		if f.RankID != 0 {
			var special bool
			if err := tx.NewRaw("SELECT special FROM ranks WHERE id = ?", f.RankID).Scan(ctx, &special); err != nil || !special {
				return fmt.Errorf("rank %d: %w", f.RankID, ErrInvalid)
			}
		}
		res, err := tx.NewUpdate().Model((*User)(nil)).
			Set("username = ?", f.Username).
			Set("username_key = ?", UsernameKey(f.Username)).
			Set("email = ?", f.Email).
			Set("signature = ?", f.Signature).
			Set("signature_html = ?", f.SignatureHTML).
			Set("location = ?", f.Location).
			Set("website = ?", f.Website).
			Set("rank_id = ?", nullID(f.RankID)).
			Where("id = ? AND deleted_at IS NULL", userID).Exec(ctx)
		if isUniqueViolation(err) {
			return ErrConflict
		}
		return oneRow(res, err)
	})
}

// announceUser notes a change to a member's name or author panel: they show
// beside posts, in lists of topics and forums, in the member list, in
// search results and, for the newest member, in the board's statistics.
func announceUser(ctx context.Context, userID int64) {
	changed(ctx, UserTag(userID), AuthorTag(userID), TagMembers, TagSearch, TagStats)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// UserGroup is one group a member is in, or has asked to join.
type UserGroup struct {
	Group
	Leader  bool
	Pending bool
}

// UserGroups lists every group an account is in or waits for, hidden ones
// included, system groups first.
func (s *Store) UserGroups(ctx context.Context, userID int64) ([]*UserGroup, error) {
	var groups []*UserGroup
	err := s.db.NewRaw(`SELECT g.*, m.leader, m.pending FROM groups g
		JOIN group_members m ON m.group_id = g.id AND m.user_id = ?
		ORDER BY g.system_key IS NULL, g.name`, userID).Scan(ctx, &groups)
	return groups, err
}

// AddGroupMember puts a member into a group at once (approving a pending
// request), as an administrator may; the board's own groups are refused.
func (s *Store) AddGroupMember(ctx context.Context, groupID, userID int64) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		changed(ctx, ViewerTag(userID))
		if _, err := lockGroupForAdmin(ctx, tx, groupID); err != nil {
			return err
		}
		res, err := tx.NewRaw(`INSERT INTO group_members (group_id, user_id)
			SELECT ?, id FROM users WHERE id = ? AND deleted_at IS NULL
			ON CONFLICT (group_id, user_id) DO UPDATE SET pending = false,
				joined_at = CASE WHEN group_members.pending THEN now() ELSE group_members.joined_at END`,
			groupID, userID).Exec(ctx)
		return oneRow(res, err)
	})
}

// DeleteUser deletes an account but keeps its posts, which go on showing
// the name as a guest's. In one transaction the account is marked
// deleted and loses its email address, password, profile, sessions (so it
// is logged out everywhere), group memberships and drafts. An
// administrator (actorID) cannot delete themselves, so the board keeps an
// administrator.
func (s *Store) DeleteUser(ctx context.Context, userID, actorID int64) error {
	if userID == actorID {
		return ErrDeleteSelf
	}
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		announceUser(ctx, userID)
		// Two administrators deleting each other at once: the second waits
		// here, then finds it no longer administers anything.
		if err := lockAdministrators(ctx, tx); err != nil {
			return err
		}
		if admin, err := isAdmin(ctx, tx, actorID); err != nil || !admin {
			return errors.Join(err, ErrForbidden)
		}
		res, err := tx.NewUpdate().Model((*User)(nil)).
			Set("deleted_at = ?", time.Now()).
			Set("email = NULL").
			Set("password_hash = ''").
			Set("signature = '', signature_html = '', location = '', website = '', rank_id = NULL").
			Where("id = ? AND deleted_at IS NULL", userID).Exec(ctx)
		if err := oneRow(res, err); err != nil {
			return err
		}
		for _, table := range []string{"sessions", "group_members", "drafts"} {
			if _, err := tx.NewRaw("DELETE FROM "+table+" WHERE user_id = ?", userID).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

// SplitNames reads a list of member names separated by commas or line
// breaks, without blanks or repeats.
func SplitNames(list string) []string {
	seen := map[string]bool{}
	var names []string
	for _, name := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' }) {
		name = strings.TrimSpace(name)
		if name != "" && !seen[strings.ToLower(name)] {
			seen[strings.ToLower(name)] = true
			names = append(names, name)
		}
	}
	return names
}

func isAdmin(ctx context.Context, tx bun.Tx, userID int64) (bool, error) {
	return tx.NewSelect().TableExpr("group_members AS m").Join("JOIN groups AS g ON g.id = m.group_id").
		Join("JOIN users AS u ON u.id = m.user_id").
		Where("m.user_id = ? AND NOT m.pending AND g.system_key = ? AND u.deleted_at IS NULL", userID, GroupAdministrators).
		Exists(ctx)
}
