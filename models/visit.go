package models

import (
	"context"
	"database/sql"
	"fmt"
)

// Visit is what every page needs before anything else: the board settings
// and, for a logged-in member, their session and account.
type Visit struct {
	// Board is the settings and permission table the visit was made of.
	*Board
	// MemberState is what was read of a logged-in member; zero for guests.
	MemberState
	// Rights are the visitor's permissions in every forum: a member's
	// through their groups, a guest's through the GUESTS group.
	Rights *Rights
}

// Board is what every visit needs that is the same for every visitor: the
// settings and the permission table. Only board-wide writes change it, so
// a server may keep it between them; it is shared and must not be changed.
type Board struct {
	Config *BoardConfig
	ACL    *ACLTable
}

// MemberState is what a visit reads of a logged-in member. Every write that
// changes it announces the member's ViewerTag, UserTag (their name) or
// AuthorTag (their post count), so a server may keep it between such
// writes until the session expires; kept, it is shared and must not be
// changed.
type MemberState struct {
	Session *Session // nil for guests
	Viewer  *User    // nil for guests

	UnreadMessages int // the viewer's unread private messages
	// DraftTopics are the topics where the viewer keeps an unsent reply.
	DraftTopics []int64
	// Groups are the groups the viewer is in, which their rights come from.
	Groups []int64
}

// Tags are what a kept MemberState is dropped by.
func (m *MemberState) Tags() []Tag {
	id := m.Viewer.ID
	return []Tag{ViewerTag(id), UserTag(id), AuthorTag(id)}
}

// VisitOf is a visit of the member (nil: a guest) to the board.
func (b *Board) VisitOf(m *MemberState) *Visit {
	v := &Visit{Board: b, Rights: b.ACL.GuestRights()}
	if m != nil {
		v.MemberState = *m
		v.Rights = b.ACL.Rights(m.Groups)
	}
	return v
}

// Visit finds the session of a token with the member's account, groups and
// drafts in one query; the settings and the rights come from board (nil: read in
// the same query). A guest's visit with a board at hand needs no query. An
// expired session, or one of a banned member, counts as none: banning ends
// the member's sessions, and this also covers a login that raced the ban.
func (s *Store) Visit(ctx context.Context, token string, board *Board) (*Visit, error) {
	if board != nil && token == "" {
		return board.VisitOf(nil), nil
	}
	var row struct {
		BoardConfig
		SessionID        sql.NullInt64
		SessionCSRF      sql.NullString
		SessionRemember  sql.NullBool
		SessionLastSeen  sql.NullTime
		SessionExpires   sql.NullTime
		ViewerID         sql.NullInt64
		ViewerName       sql.NullString
		ViewerTimezone   sql.NullString
		ViewerDateFormat sql.NullString
		ViewerPostCount  sql.NullInt64
		ViewerJoined     sql.NullTime
		ViewerUnread     sql.NullInt64
		ViewerGroups     []int64 `bun:",array"`
		ViewerDrafts     []int64 `bun:",array"`
		aclColumnsRow
	}
	var hash []byte
	if token != "" {
		hash = HashToken(token)
	}
	// Without a board, its settings and permission table come along.
	boardColumns, from, where := "", "(SELECT 1) AS one", ""
	if board == nil {
		boardColumns, from, where = "c.*, "+aclColumns+",", "board_config AS c", " WHERE c.id = 1"
	}
	err := s.db.NewRaw(`SELECT `+boardColumns+`
			s.id AS session_id, s.csrf_token AS session_csrf, s.remember AS session_remember,
			s.last_seen_at AS session_last_seen, s.expires_at AS session_expires,
			u.id AS viewer_id, u.username AS viewer_name, u.timezone AS viewer_timezone,
			u.date_format AS viewer_date_format, u.post_count AS viewer_post_count, u.joined_at AS viewer_joined,
			(SELECT count(*) FROM pm_recipients r WHERE r.user_id = u.id AND r.read_at IS NULL AND r.deleted_at IS NULL) AS viewer_unread,
			(SELECT array_agg(gm.group_id) FROM group_members gm WHERE gm.user_id = u.id AND NOT gm.pending) AS viewer_groups,
			(SELECT array_agg(d.topic_id) FROM drafts d WHERE d.user_id = u.id) AS viewer_drafts
		FROM `+from+`
		LEFT JOIN (sessions s JOIN users u ON u.id = s.user_id AND NOT `+accountBanned+`)
			ON s.token_hash = ? AND s.expires_at > now()`+where, hash).Scan(ctx, &row)
	if err != nil {
		return nil, fmt.Errorf("visit: %w", err)
	}
	if board == nil {
		acl, err := row.table()
		if err != nil {
			return nil, err
		}
		cfg := row.BoardConfig
		board = &Board{Config: &cfg, ACL: acl}
	}
	if !row.SessionID.Valid {
		return board.VisitOf(nil), nil
	}
	return board.VisitOf(&MemberState{
		Session: &Session{
			ID: row.SessionID.Int64, UserID: row.ViewerID.Int64, CSRFToken: row.SessionCSRF.String,
			Remember: row.SessionRemember.Bool, LastSeenAt: row.SessionLastSeen.Time, ExpiresAt: row.SessionExpires.Time,
		},
		Viewer: &User{
			ID: row.ViewerID.Int64, Username: row.ViewerName.String, Timezone: row.ViewerTimezone.String,
			DateFormat: row.ViewerDateFormat.String, PostCount: int(row.ViewerPostCount.Int64), JoinedAt: row.ViewerJoined.Time,
		},
		UnreadMessages: int(row.ViewerUnread.Int64),
		DraftTopics:    row.ViewerDrafts,
		Groups:         row.ViewerGroups,
	}), nil
}
