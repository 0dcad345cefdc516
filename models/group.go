package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

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

// Membership is where one member stands in one group.
type Membership int8

// A member is in no group, waits for approval, belongs, or leads it.
const (
	NotMember Membership = iota
	PendingMember
	Member
	Leader
)

// Reasons a change of membership is refused; each wraps the domain error
// that decides its HTTP status.
var (
	ErrSystemGroup     = fmt.Errorf("system groups are managed by the board: %w", ErrForbidden)
	ErrAlreadyInGroup  = fmt.Errorf("already a member: %w", ErrInvalid)
	ErrAlreadyPending  = fmt.Errorf("request already waiting: %w", ErrInvalid)
	ErrNotInGroup      = fmt.Errorf("not a member: %w", ErrInvalid)
	ErrNoPendingMember = fmt.Errorf("no pending request: %w", ErrInvalid)
)

// ViewedGroup is a group as one viewer sees it: how many belong to it and
// where the viewer stands.
type ViewedGroup struct {
	Group
	MemberCount int        // members that are not pending, leaders included
	Viewer      Membership // the viewer's own standing
	ViewerAdmin bool       // the viewer administers the board
}

// CanManage reports whether the viewer may decide the group's requests:
// its leaders and the board's administrators may.
func (g *ViewedGroup) CanManage() bool {
	return g.Viewer == Leader || g.ViewerAdmin
}

// GroupMember is one row of a group's membership, with the member's name.
type GroupMember struct {
	bun.BaseModel `bun:"table:group_members,alias:gm"`

	GroupID  int64 `bun:",pk"`
	UserID   int64 `bun:",pk"`
	Leader   bool
	Pending  bool
	JoinedAt time.Time `bun:",nullzero,default:now()"` // for a pending member: when they asked

	User *User `bun:"rel:belongs-to,join:user_id=id"`
}

// viewedGroupsQuery selects the groups a viewer (?0, 0 for a guest) may
// see. Hidden groups show only to their members (not to those still
// waiting) and to administrators; GUESTS is the state of not being logged
// in, not a group anyone can look at.
const viewedGroupsQuery = `
	WITH viewer AS (
		SELECT EXISTS (SELECT 1 FROM group_members am JOIN groups ag ON ag.id = am.group_id
			WHERE ag.system_key = 'ADMINISTRATORS' AND am.user_id = ?0 AND NOT am.pending) AS admin
	)
	SELECT g.id, g.name, g.system_key, g.description, g.colour, g.open, g.hidden,
		(SELECT count(*) FROM group_members c WHERE c.group_id = g.id AND NOT c.pending) AS member_count,
		CASE WHEN vm.user_id IS NULL THEN 0 WHEN vm.pending THEN 1 WHEN vm.leader THEN 3 ELSE 2 END AS viewer,
		viewer.admin AS viewer_admin
	FROM groups g
	CROSS JOIN viewer
	LEFT JOIN group_members vm ON vm.group_id = g.id AND vm.user_id = ?0
	WHERE g.system_key IS DISTINCT FROM 'GUESTS'
		AND (NOT g.hidden OR NOT vm.pending OR viewer.admin)`

// VisibleGroups lists the groups a viewer may see (viewerID 0 for a
// guest): system groups first, then by name.
func (s *Store) VisibleGroups(ctx context.Context, viewerID int64) ([]*ViewedGroup, error) {
	var groups []*ViewedGroup
	err := s.db.NewRaw(viewedGroupsQuery+` ORDER BY g.system_key IS NULL, g.name`, viewerID).Scan(ctx, &groups)
	return groups, err
}

// VisibleGroup returns one group as the viewer sees it; a group they may
// not see is ErrNotFound, like one that does not exist.
func (s *Store) VisibleGroup(ctx context.Context, id, viewerID int64) (*ViewedGroup, error) {
	g := new(ViewedGroup)
	if err := s.db.NewRaw(viewedGroupsQuery+` AND g.id = ?1`, viewerID, id).Scan(ctx, g); err != nil {
		return nil, notFound(err)
	}
	return g, nil
}

// GroupLeaders lists a group's leaders by name.
func (s *Store) GroupLeaders(ctx context.Context, groupID int64) ([]*GroupMember, error) {
	return s.groupMembers(ctx, groupID, "gm.leader AND NOT gm.pending", `"user".username`, 0, 0)
}

// GroupMembers lists one page of a group's members who are not leaders, by
// name.
func (s *Store) GroupMembers(ctx context.Context, groupID int64, page, perPage int) ([]*GroupMember, error) {
	return s.groupMembers(ctx, groupID, "NOT gm.leader AND NOT gm.pending", `"user".username`, page, perPage)
}

// GroupRequests lists the first requests waiting for a decision, oldest
// first; the list shortens as leaders work through it.
func (s *Store) GroupRequests(ctx context.Context, groupID int64, limit int) ([]*GroupMember, error) {
	return s.groupMembers(ctx, groupID, "gm.pending", "gm.joined_at", 1, limit)
}

func (s *Store) groupMembers(ctx context.Context, groupID int64, where, order string, page, perPage int) ([]*GroupMember, error) {
	var members []*GroupMember
	q := s.db.NewSelect().Model(&members).
		Relation("User", func(q *bun.SelectQuery) *bun.SelectQuery { return q.Column("id", "username") }).
		Where("gm.group_id = ?", groupID).Where(where).
		OrderExpr(order + ", gm.user_id")
	if perPage > 0 {
		q = q.Limit(int64(perPage)).Offset(int64((page - 1) * perPage))
	}
	err := q.Scan(ctx)
	return members, err
}

// JoinGroup puts a member into a user-made group: at once if the group is
// open, as a pending request if it is closed. It returns where they now
// stand. Whether the member may see the group at all is for the caller to
// ask first, through VisibleGroup.
func (s *Store) JoinGroup(ctx context.Context, groupID, userID int64) (Membership, error) {
	result := NotMember
	err := s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		changed(ctx, ViewerTag(userID))
		g, err := lockUserGroup(ctx, tx, groupID)
		if err != nil {
			return err
		}
		switch m, err := membership(ctx, tx, groupID, userID); {
		case err != nil:
			return err
		case m == PendingMember:
			return ErrAlreadyPending
		case m != NotMember:
			return ErrAlreadyInGroup
		}
		res, err := tx.NewRaw(`INSERT INTO group_members (group_id, user_id, pending) VALUES (?, ?, ?)
			ON CONFLICT DO NOTHING`, groupID, userID, !g.Open).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrAlreadyInGroup // a second click won the race
		}
		result = Member
		if !g.Open {
			result = PendingMember
		}
		return nil
	})
	return result, err
}

// LeaveGroup takes a member out of a user-made group, or withdraws their
// request to join it. It returns where they stood.
func (s *Store) LeaveGroup(ctx context.Context, groupID, userID int64) (Membership, error) {
	was := NotMember
	err := s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		changed(ctx, ViewerTag(userID))
		if _, err := lockUserGroup(ctx, tx, groupID); err != nil {
			return err
		}
		m, err := membership(ctx, tx, groupID, userID)
		if err != nil {
			return err
		}
		if m == NotMember {
			return ErrNotInGroup
		}
		was = m
		_, err = tx.NewDelete().Model((*GroupMember)(nil)).
			Where("group_id = ? AND user_id = ?", groupID, userID).Exec(ctx)
		return err
	})
	return was, err
}

// DecideRequest approves (the member joins) or denies (the request goes)
// a pending request. The decider must lead the group or administer the
// board at the moment of deciding, or nothing is written.
func (s *Store) DecideRequest(ctx context.Context, groupID, userID, deciderID int64, approve bool) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		changed(ctx, ViewerTag(userID))
		if _, err := lockUserGroup(ctx, tx, groupID); err != nil {
			return err
		}
		ok, err := mayManageGroup(ctx, tx, groupID, deciderID)
		if err != nil {
			return err
		}
		if !ok {
			return ErrForbidden
		}
		var res sql.Result
		if approve {
			res, err = tx.NewUpdate().Model((*GroupMember)(nil)).Set("pending = false, joined_at = now()").
				Where("group_id = ? AND user_id = ? AND pending", groupID, userID).Exec(ctx)
		} else {
			res, err = tx.NewDelete().Model((*GroupMember)(nil)).
				Where("group_id = ? AND user_id = ? AND pending", groupID, userID).Exec(ctx)
		}
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNoPendingMember
		}
		return nil
	})
}

// lockUserGroup reads a group for a change of its membership, holding it
// against concurrent changes to the group itself. System groups are
// refused: the board, not the member, decides who is in them.
func lockUserGroup(ctx context.Context, tx bun.Tx, groupID int64) (*Group, error) {
	g := new(Group)
	if err := tx.NewSelect().Model(g).Where("id = ?", groupID).For("SHARE").Scan(ctx); err != nil {
		return nil, notFound(err)
	}
	if g.SystemKey != "" {
		return nil, ErrSystemGroup
	}
	return g, nil
}

func membership(ctx context.Context, db bun.IDB, groupID, userID int64) (Membership, error) {
	m := new(GroupMember)
	err := db.NewSelect().Model(m).Where("group_id = ? AND user_id = ?", groupID, userID).For("UPDATE").Scan(ctx)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return NotMember, nil
	case err != nil:
		return NotMember, err
	case m.Pending:
		return PendingMember, nil
	case m.Leader:
		return Leader, nil
	}
	return Member, nil
}

func mayManageGroup(ctx context.Context, db bun.IDB, groupID, userID int64) (bool, error) {
	return db.NewSelect().TableExpr("group_members AS m").Join("JOIN groups AS g ON g.id = m.group_id").
		Where("m.user_id = ? AND NOT m.pending", userID).
		Where("(m.group_id = ? AND m.leader) OR g.system_key = ?", groupID, GroupAdministrators).
		Exists(ctx)
}

func joinSystemGroup(ctx context.Context, db bun.IDB, userID int64, key string) error {
	_, err := db.NewRaw(`INSERT INTO group_members (group_id, user_id)
		SELECT id, ? FROM groups WHERE system_key = ?
		ON CONFLICT DO NOTHING`, userID, key).Exec(ctx)
	return err
}

// AddToSystemGroup makes a member part of one of the system groups.
func (s *Store) AddToSystemGroup(ctx context.Context, userID int64, key string) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		changed(ctx, ViewerTag(userID))
		return joinSystemGroup(ctx, tx, userID, key)
	})
}

// TeamMembers names the board's team for the group list: up to limit
// members of the administrators and of the global moderators each, by
// name, keyed by group id.
func (s *Store) TeamMembers(ctx context.Context, limit int) (map[int64][]*User, error) {
	var rows []struct {
		GroupID  int64
		ID       int64
		Username string
	}
	err := s.db.NewRaw(`SELECT g.id AS group_id, t.id, t.username FROM groups g
		CROSS JOIN LATERAL (SELECT u.id, u.username FROM group_members m JOIN users u ON u.id = m.user_id
			WHERE m.group_id = g.id AND NOT m.pending AND u.deleted_at IS NULL
			ORDER BY u.username LIMIT ?) t
		WHERE g.system_key IN (?, ?)
		ORDER BY g.id, t.username`, limit, GroupAdministrators, GroupModerators).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	team := map[int64][]*User{}
	for _, r := range rows {
		team[r.GroupID] = append(team[r.GroupID], &User{ID: r.ID, Username: r.Username})
	}
	return team, nil
}
