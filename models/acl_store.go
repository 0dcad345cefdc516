package models

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/uptrace/bun"
)

// GroupGrant is one group's row of a forum's permission matrix: what it is
// granted there and what it may never have.
type GroupGrant struct {
	GroupID   int64
	GroupName string
	SystemKey string
	Allow     Perm
	Never     Perm
}

// ForumGrants returns the permission matrix of a forum: every group that
// can hold rights (all but ADMINISTRATORS, who hold them all), system
// groups first, with its grants there (none when it has no row).
func (s *Store) ForumGrants(ctx context.Context, forumID int64) ([]GroupGrant, error) {
	var rows []struct {
		GroupID   int64
		GroupName string
		SystemKey string
		Allow     int64
		Never     int64
	}
	err := s.db.NewRaw(`SELECT g.id AS group_id, g.name AS group_name, coalesce(g.system_key, '') AS system_key,
			coalesce(a.allow, 0) AS allow, coalesce(a.never, 0) AS never
		FROM groups g LEFT JOIN forum_acl a ON a.group_id = g.id AND a.forum_id = ?
		WHERE g.system_key IS DISTINCT FROM 'ADMINISTRATORS'
		ORDER BY CASE g.system_key WHEN 'GUESTS' THEN 0 WHEN 'REGISTERED' THEN 1 WHEN 'MODERATORS' THEN 2 ELSE 3 END, g.name`,
		forumID).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	grants := make([]GroupGrant, len(rows))
	for i, r := range rows {
		grants[i] = GroupGrant{GroupID: r.GroupID, GroupName: r.GroupName, SystemKey: r.SystemKey, Allow: Perm(r.Allow), Never: Perm(r.Never)}
	}
	return grants, nil
}

// SetForumGrants replaces a forum's permission matrix in one transaction:
// groups left out, or given nothing, hold no rights there. A grant that is
// also a "never" counts as never.
func (s *Store) SetForumGrants(ctx context.Context, forumID int64, grants []GroupGrant) error {
	return s.writeBoard(ctx, func(ctx context.Context, tx bun.Tx) error {
		var exists bool
		if err := tx.NewRaw("SELECT EXISTS (SELECT 1 FROM forums WHERE id = ? FOR UPDATE)", forumID).Scan(ctx, &exists); err != nil {
			return err
		}
		if !exists {
			return ErrNotFound
		}
		if _, err := tx.NewRaw("DELETE FROM forum_acl WHERE forum_id = ?", forumID).Exec(ctx); err != nil {
			return err
		}
		for _, g := range grants {
			allow, never := (g.Allow&^g.Never)&AllPerms, g.Never&AllPerms
			if allow == 0 && never == 0 {
				continue
			}
			_, err := tx.NewRaw(`INSERT INTO forum_acl (forum_id, group_id, allow, never)
				SELECT ?, id, ?, ? FROM groups WHERE id = ? AND system_key IS DISTINCT FROM 'ADMINISTRATORS'`,
				forumID, int64(allow), int64(never), g.GroupID).Exec(ctx)
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// CopyForumGrants gives a forum the same permission matrix as another, as
// a new forum often should have.
func (s *Store) CopyForumGrants(ctx context.Context, fromID, toID int64) error {
	return s.writeBoard(ctx, func(ctx context.Context, tx bun.Tx) error {
		return copyForumGrants(ctx, tx, fromID, toID)
	})
}

func copyForumGrants(ctx context.Context, tx bun.Tx, fromID, toID int64) error {
	if _, err := tx.NewRaw("DELETE FROM forum_acl WHERE forum_id = ?", toID).Exec(ctx); err != nil {
		return err
	}
	_, err := tx.NewRaw(`INSERT INTO forum_acl (forum_id, group_id, allow, never)
		SELECT ?, group_id, allow, never FROM forum_acl WHERE forum_id = ?`, toID, fromID).Exec(ctx)
	return err
}

// forumModeratorsExpr lists, as JSON [[group id, name], ...], the groups
// that moderate a forum (the placeholder is its id column): those granted
// any moderator permission there, except the global moderators of the
// system group, who moderate everywhere and are listed on their group page.
// Hidden groups are not named.
const forumModeratorsExpr = `(SELECT json_agg(json_build_array(mg.id, mg.name) ORDER BY mg.name)
	FROM forum_acl ma JOIN groups mg ON mg.id = ma.group_id
	WHERE ma.forum_id = ?0 AND (ma.allow & ~ma.never) & ` + moderatorMaskSQL + ` <> 0
		AND mg.system_key IS NULL AND NOT mg.hidden)`

// moderatorMaskSQL is ModeratorPerms as a SQL literal.
const moderatorMaskSQL = "2194728288256"

// GroupRef names a group, for links to its page.
type GroupRef struct {
	ID   int64
	Name string
}

// GroupRefs scans the JSON [[id, name], ...] that forumModeratorsExpr makes.
type GroupRefs []GroupRef

// Scan implements sql.Scanner.
func (g *GroupRefs) Scan(src any) error {
	*g = nil
	var raw []byte
	switch v := src.(type) {
	case nil:
		return nil
	case []byte:
		raw = v
	case string:
		raw = []byte(v)
	default:
		return fmt.Errorf("group refs: cannot scan %T", src)
	}
	var rows [][2]json.RawMessage
	if err := json.Unmarshal(raw, &rows); err != nil {
		return fmt.Errorf("group refs: %w", err)
	}
	for _, row := range rows {
		var ref GroupRef
		if err := json.Unmarshal(row[0], &ref.ID); err != nil {
			return fmt.Errorf("group refs: %w", err)
		}
		if err := json.Unmarshal(row[1], &ref.Name); err != nil {
			return fmt.Errorf("group refs: %w", err)
		}
		*g = append(*g, ref)
	}
	return nil
}
