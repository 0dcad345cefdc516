package models

import (
	"context"
	"database/sql"
	"fmt"
)

// Visit is what every page needs before anything else: the board settings
// and, for a logged-in member, their session and account.
type Visit struct {
	Config  *BoardConfig
	Session *Session // nil for guests
	Viewer  *User    // nil for guests

	UnreadMessages int // the viewer's unread private messages

	// Rights are the visitor's permissions in every forum: a member's
	// through their groups, a guest's through the GUESTS group.
	Rights *Rights
}

// Visit loads the settings and the session of a token in one query, so a
// member's page costs no more round trips than a guest's. An expired
// session, or one of a banned member, counts as none: banning ends the
// member's sessions, and this also covers a login that raced the ban.
func (s *Store) Visit(ctx context.Context, token string) (*Visit, error) {
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
		ViewerAdmin      bool
		Rights           []byte
	}
	var hash []byte
	if token != "" {
		hash = HashToken(token)
	}
	err := s.db.NewRaw(`SELECT c.*,
			s.id AS session_id, s.csrf_token AS session_csrf, s.remember AS session_remember,
			s.last_seen_at AS session_last_seen, s.expires_at AS session_expires,
			u.id AS viewer_id, u.username AS viewer_name, u.timezone AS viewer_timezone,
			u.date_format AS viewer_date_format, u.post_count AS viewer_post_count, u.joined_at AS viewer_joined,
			(SELECT count(*) FROM pm_recipients r WHERE r.user_id = u.id AND r.read_at IS NULL AND r.deleted_at IS NULL) AS viewer_unread,
			adm.admin AS viewer_admin,
			(SELECT json_agg(json_build_array(fp.id, fp.perms)) FROM (
				SELECT f.id, CASE WHEN adm.admin THEN -1
					ELSE coalesce(bit_or(acl.allow) & ~bit_or(acl.never), 0) END AS perms
				FROM forums f LEFT JOIN forum_acl acl ON acl.forum_id = f.id AND acl.group_id IN (
					SELECT gm.group_id FROM group_members gm WHERE gm.user_id = u.id AND NOT gm.pending
					UNION ALL
					SELECT g.id FROM groups g WHERE g.system_key = 'GUESTS' AND u.id IS NULL)
				GROUP BY f.id) fp
			WHERE fp.perms <> 0) AS rights
		FROM board_config c
		LEFT JOIN (sessions s JOIN users u ON u.id = s.user_id AND NOT `+accountBanned+`)
			ON s.token_hash = ? AND s.expires_at > now()
		LEFT JOIN LATERAL (SELECT u.id IS NOT NULL AND EXISTS (SELECT 1 FROM group_members gm
				JOIN groups g ON g.id = gm.group_id AND g.system_key = 'ADMINISTRATORS'
				WHERE gm.user_id = u.id AND NOT gm.pending) AS admin) adm ON true
		WHERE c.id = 1`, hash).Scan(ctx, &row)
	if err != nil {
		return nil, fmt.Errorf("visit: %w", err)
	}
	cfg := row.BoardConfig
	rights, err := parseRights(row.ViewerAdmin, row.Rights)
	if err != nil {
		return nil, err
	}
	v := &Visit{Config: &cfg, Rights: rights}
	if row.SessionID.Valid {
		v.Session = &Session{
			ID: row.SessionID.Int64, UserID: row.ViewerID.Int64, CSRFToken: row.SessionCSRF.String,
			Remember: row.SessionRemember.Bool, LastSeenAt: row.SessionLastSeen.Time, ExpiresAt: row.SessionExpires.Time,
		}
		v.Viewer = &User{
			ID: row.ViewerID.Int64, Username: row.ViewerName.String, Timezone: row.ViewerTimezone.String,
			DateFormat: row.ViewerDateFormat.String, PostCount: int(row.ViewerPostCount.Int64), JoinedAt: row.ViewerJoined.Time,
		}
		v.UnreadMessages = int(row.ViewerUnread.Int64)
	}
	return v, nil
}
