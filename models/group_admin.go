package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Reasons the admin panel's changes to groups are refused.
var (
	ErrGroupNameTaken   = fmt.Errorf("another group has that name: %w", ErrConflict)
	ErrBoardMembership  = fmt.Errorf("the board decides who is in this group: %w", ErrForbidden)
	ErrOwnAdmin         = fmt.Errorf("administrators cannot remove themselves from the administrators: %w", ErrForbidden)
	ErrLastAdmin        = fmt.Errorf("the board needs at least one administrator: %w", ErrConflict)
	ErrLeaderSystemOnly = fmt.Errorf("system groups have no leaders: %w", ErrInvalid)
)

// AdminGroup is a group as the admin panel lists it.
type AdminGroup struct {
	Group
	MemberCount  int // members that are not pending, leaders included
	PendingCount int
}

// BoardManaged reports whether the board alone decides who is in the
// group: everyone registered, or every visitor who is not logged in.
func (g *Group) BoardManaged() bool {
	return g.SystemKey == GroupGuests || g.SystemKey == GroupRegistered
}

const adminGroupsQuery = `SELECT g.*,
		count(m.user_id) FILTER (WHERE NOT m.pending) AS member_count,
		count(m.user_id) FILTER (WHERE m.pending) AS pending_count
	FROM groups g LEFT JOIN group_members m ON m.group_id = g.id`

// AdminGroups lists every group, hidden ones included, system groups first.
func (s *Store) AdminGroups(ctx context.Context) ([]*AdminGroup, error) {
	var groups []*AdminGroup
	err := s.db.NewRaw(adminGroupsQuery+` GROUP BY g.id
		ORDER BY g.system_key IS NULL, CASE g.system_key WHEN 'ADMINISTRATORS' THEN 0 WHEN 'MODERATORS' THEN 1
			WHEN 'REGISTERED' THEN 2 ELSE 3 END, g.name`).Scan(ctx, &groups)
	return groups, err
}

// AdminGroup returns one group, hidden or not, with its counts.
func (s *Store) AdminGroup(ctx context.Context, id int64) (*AdminGroup, error) {
	g := new(AdminGroup)
	if err := s.db.NewRaw(adminGroupsQuery+` WHERE g.id = ? GROUP BY g.id`, id).Scan(ctx, g); err != nil {
		return nil, notFound(err)
	}
	return g, nil
}

// CreateGroup adds a user-made group; a name in use (in any letter case)
// is ErrGroupNameTaken.
func (s *Store) CreateGroup(ctx context.Context, g *Group) error {
	g.SystemKey = ""
	_, err := s.db.NewInsert().Model(g).Returning("id").Exec(ctx)
	if isUniqueViolation(err) {
		return ErrGroupNameTaken
	}
	return err
}

// UpdateGroup saves a group's name, description and colour, and for a
// user-made group whether it is open or hidden; a system group stays as
// the board made it.
func (s *Store) UpdateGroup(ctx context.Context, g *Group) error {
	// Forum pages name the groups that moderate them.
	return s.writeBoard(ctx, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewRaw(`UPDATE groups SET name = ?, description = ?, colour = ?,
				open = CASE WHEN system_key IS NULL THEN ? ELSE open END,
				hidden = CASE WHEN system_key IS NULL THEN ? ELSE hidden END
			WHERE id = ?`, g.Name, g.Description, g.Colour, g.Open, g.Hidden, g.ID).Exec(ctx)
		if isUniqueViolation(err) {
			return ErrGroupNameTaken
		}
		return oneRow(res, err)
	})
}

// DeleteGroup removes a user-made group with its memberships and its
// permissions; system groups cannot be deleted (ErrSystemGroup).
func (s *Store) DeleteGroup(ctx context.Context, id int64) error {
	return s.writeBoard(ctx, func(ctx context.Context, tx bun.Tx) error {
		g := new(Group)
		if err := tx.NewSelect().Model(g).Where("g.id = ?", id).For("UPDATE").Scan(ctx); err != nil {
			return notFound(err)
		}
		if g.SystemKey != "" {
			return ErrSystemGroup
		}
		_, err := tx.NewDelete().Model(g).WherePK().Exec(ctx)
		return err
	})
}

// AddedMembers says what adding members by name did.
type AddedMembers struct {
	Added   []string // now members
	Already []string // members before (a pending request among them is approved)
	Unknown []string // no such member
}

// AddGroupMembers puts the named members into a group at once, as members
// or as leaders; a pending request of theirs is approved. Unknown and
// deleted names are reported, not refused, so one typo does not lose the
// others. Only administrators may do this, so closed and hidden groups
// take members too; the board's own groups (GUESTS, REGISTERED) do not,
// and system groups have no leaders.
func (s *Store) AddGroupMembers(ctx context.Context, groupID int64, names []string, leaders bool) (AddedMembers, error) {
	var out AddedMembers
	err := s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		out = AddedMembers{}
		g, err := lockGroupForAdmin(ctx, tx, groupID)
		if err != nil {
			return err
		}
		if leaders && g.SystemKey != "" {
			return ErrLeaderSystemOnly
		}
		var found []struct {
			ID       int64
			Username string
			Before   sql.NullBool // pending, when already in the group
		}
		err = tx.NewRaw(`SELECT u.id, u.username, m.pending AS before FROM users u
			LEFT JOIN group_members m ON m.group_id = ? AND m.user_id = u.id
			WHERE u.username = ANY(?::citext[]) AND u.deleted_at IS NULL
			ORDER BY u.username`, groupID, pgdialect.Array(names)).Scan(ctx, &found)
		if err != nil {
			return err
		}
		known := map[string]bool{}
		for _, u := range found {
			known[strings.ToLower(u.Username)] = true
			changed(ctx, ViewerTag(u.ID))
			_, err := tx.NewRaw(`INSERT INTO group_members (group_id, user_id, leader) VALUES (?, ?, ?)
				ON CONFLICT (group_id, user_id) DO UPDATE SET pending = false, leader = group_members.leader OR excluded.leader,
					joined_at = CASE WHEN group_members.pending THEN now() ELSE group_members.joined_at END`,
				groupID, u.ID, leaders).Exec(ctx)
			if err != nil {
				return err
			}
			if u.Before.Valid && !u.Before.Bool {
				out.Already = append(out.Already, u.Username)
			} else {
				out.Added = append(out.Added, u.Username)
			}
		}
		for _, name := range names {
			if !known[strings.ToLower(name)] {
				out.Unknown = append(out.Unknown, name)
				known[strings.ToLower(name)] = true
			}
		}
		return nil
	})
	return out, err
}

// SetGroupLeader makes a member of a user-made group one of its leaders,
// or an ordinary member again.
func (s *Store) SetGroupLeader(ctx context.Context, groupID, userID int64, leader bool) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		g, err := lockGroupForAdmin(ctx, tx, groupID)
		if err != nil {
			return err
		}
		if g.SystemKey != "" {
			return ErrLeaderSystemOnly
		}
		res, err := tx.NewRaw("UPDATE group_members SET leader = ? WHERE group_id = ? AND user_id = ? AND NOT pending",
			leader, groupID, userID).Exec(ctx)
		if err == nil {
			if n, _ := res.RowsAffected(); n == 0 {
				return ErrNotInGroup
			}
		}
		return err
	})
}

// RemoveGroupMember takes a member (or a pending request) out of a group
// on an administrator's (actorID) say. Nobody leaves the board's own
// groups, and the administrators keep at least one member and the one
// removing: an administrator cannot remove themselves.
func (s *Store) RemoveGroupMember(ctx context.Context, groupID, userID, actorID int64) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		changed(ctx, ViewerTag(userID))
		g, err := lockGroupForAdmin(ctx, tx, groupID)
		if err != nil {
			return err
		}
		if g.SystemKey == GroupAdministrators {
			if err := checkAdminRemoval(ctx, tx, userID, actorID); err != nil {
				return err
			}
		}
		res, err := tx.NewRaw("DELETE FROM group_members WHERE group_id = ? AND user_id = ?", groupID, userID).Exec(ctx)
		if err == nil {
			if n, _ := res.RowsAffected(); n == 0 {
				return ErrNotInGroup
			}
		}
		return err
	})
}

// lockGroupForAdmin reads a group for a change of its membership, holding
// it so that concurrent changes (two administrators removing each other)
// happen one after the other. The board's own groups are refused.
func lockGroupForAdmin(ctx context.Context, tx bun.Tx, groupID int64) (*Group, error) {
	g := new(Group)
	if err := tx.NewSelect().Model(g).Where("g.id = ?", groupID).For("UPDATE").Scan(ctx); err != nil {
		return nil, notFound(err)
	}
	if g.BoardManaged() {
		return nil, ErrBoardMembership
	}
	return g, nil
}

// checkAdminRemoval refuses to take userID out of the administrators when
// they are the one asking or the last one. The caller holds the
// administrators' group row.
func checkAdminRemoval(ctx context.Context, tx bun.Tx, userID, actorID int64) error {
	if userID == actorID {
		return ErrOwnAdmin
	}
	var others int
	err := tx.NewRaw(`SELECT count(*) FROM group_members m JOIN groups g ON g.id = m.group_id
		WHERE g.system_key = ? AND NOT m.pending AND m.user_id <> ?`, GroupAdministrators, userID).Scan(ctx, &others)
	if err != nil {
		return err
	}
	if others == 0 {
		return ErrLastAdmin
	}
	return nil
}

// lockAdministrators holds the administrators' group row, as every change
// to its membership does.
func lockAdministrators(ctx context.Context, tx bun.Tx) error {
	err := tx.NewRaw("SELECT id FROM groups WHERE system_key = ? FOR UPDATE", GroupAdministrators).Scan(ctx, new(int64))
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}
