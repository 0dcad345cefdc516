package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// PMFolder names one of a member's private message folders.
type PMFolder string

// The folders: Inbox holds what others sent, Outbox what the member sent
// and no recipient has read yet, Sent what at least one recipient has read,
// and Saved whatever the member put aside from either side.
const (
	PMInbox  PMFolder = "inbox"
	PMOutbox PMFolder = "outbox"
	PMSent   PMFolder = "sent"
	PMSaved  PMFolder = "saved"
)

// PMLimits bound what one member may send.
type PMLimits struct {
	MaxRecipients int // names on one message
	PerHour       int // messages sent in the last hour
	FolderSize    int // messages kept in one member's inbox, and in their own sent copies
}

// PMRefusal is a message the store would not send, with the reason in
// words fit for the writer. Wait is set when the sender reached the hourly
// limit: how long until they may send again.
type PMRefusal struct {
	Reason string
	Wait   time.Duration
}

func (e *PMRefusal) Error() string { return e.Reason }

// NewPM is a private message to send.
type NewPM struct {
	SenderID  int64
	To        []string // recipients' names
	Subject   string
	Body      string
	BodyHTML  string
	ReplyToID int64  // 0 when it starts a conversation
	Key       string // the form's one-time submission key; "" for none
	Limits    PMLimits
}

// PrivateMessage is one message as its reader sees it.
type PrivateMessage struct {
	ID         int64
	SenderID   int64
	SenderName string
	// SenderDeleted says the sender's account was deleted: the name stays,
	// without a link, and there is nobody to answer.
	SenderDeleted bool
	Subject       string
	Body          string
	BodyHTML      string
	CreatedAt     time.Time
	ReplyToID     int64
	Recipients    []PMRecipient
	Unread        bool // unread by the viewer, who is one of its recipients
}

// PMRecipient is one addressee of a message and whether they have read it.
type PMRecipient struct {
	UserID  int64
	Name    string
	ReadAt  time.Time
	Deleted bool // the recipient's account was deleted
}

// PMSummary is one line of a folder.
type PMSummary struct {
	ID        int64
	Subject   string
	SenderID  int64
	Sender    string
	To        string // the recipients' names, comma-separated
	CreatedAt time.Time
	Unread    bool // for the viewer, as a recipient
}

// SendPM checks the recipients and the limits and writes the message with
// a copy for each recipient, in one transaction, returning its id. The
// sender's row is locked first so that two messages sent at once cannot
// both slip under the hourly limit, and so that a second submission of
// the same form finds the first and returns its id.
func (s *Store) SendPM(ctx context.Context, in NewPM) (int64, error) {
	names := uniqueNames(in.To)
	switch {
	case len(names) == 0:
		return 0, &PMRefusal{Reason: "Name at least one recipient."}
	case len(names) > in.Limits.MaxRecipients:
		return 0, &PMRefusal{Reason: fmt.Sprintf("A message may go to at most %d members; you named %d.", in.Limits.MaxRecipients, len(names))}
	}
	var id int64
	err := s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewRaw("SELECT id FROM users WHERE id = ? FOR NO KEY UPDATE", in.SenderID).Exec(ctx); err != nil {
			return err
		}
		if in.Key != "" {
			err := tx.NewRaw("SELECT id FROM private_messages WHERE sender_id = ? AND submission_key = ?", in.SenderID, in.Key).Scan(ctx, &id)
			if err == nil || !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		ids, err := pmRecipients(ctx, tx, names)
		if err != nil {
			return err
		}
		if err := pmAllowed(ctx, tx, in, ids); err != nil {
			return err
		}
		if in.ReplyToID != 0 {
			if _, err := pmVisible(ctx, tx, in.ReplyToID, in.SenderID); err != nil {
				return err
			}
		}
		err = tx.NewRaw(`INSERT INTO private_messages (sender_id, subject, body, body_html, reply_to_id, submission_key)
			VALUES (?, ?, ?, ?, nullif(?, 0), nullif(?, '')) RETURNING id`,
			in.SenderID, in.Subject, in.Body, in.BodyHTML, in.ReplyToID, in.Key).Scan(ctx, &id)
		if err != nil {
			return err
		}
		changedViewers(ctx, ids) // their count of unread messages
		_, err = tx.NewRaw(`INSERT INTO pm_recipients (message_id, user_id) SELECT ?, unnest(?::bigint[])`,
			id, pgdialect.Array(ids)).Exec(ctx)
		return err
	})
	return id, err
}

// uniqueNames splits and trims the typed names, dropping repeats.
func uniqueNames(to []string) []string {
	seen := map[string]bool{}
	var names []string
	for _, field := range to {
		for _, name := range strings.Split(field, ",") {
			name = strings.TrimSpace(name)
			if name != "" && !seen[strings.ToLower(name)] {
				seen[strings.ToLower(name)] = true
				names = append(names, name)
			}
		}
	}
	return names
}

// pmRecipients finds the members by name; an unknown, banned or deleted
// name is a refusal that says which.
func pmRecipients(ctx context.Context, tx bun.Tx, names []string) ([]int64, error) {
	var found []struct {
		ID       int64
		Username string
	}
	err := tx.NewRaw("SELECT u.id, u.username FROM users u WHERE u.username = ANY(?::citext[]) AND u.deleted_at IS NULL AND NOT "+accountBanned,
		pgdialect.Array(names)).Scan(ctx, &found)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(found))
	known := map[string]bool{}
	for _, u := range found {
		if !known[strings.ToLower(u.Username)] {
			ids = append(ids, u.ID)
		}
		known[strings.ToLower(u.Username)] = true
	}
	for _, name := range names {
		if !known[strings.ToLower(name)] {
			return nil, &PMRefusal{Reason: fmt.Sprintf("There is no member called “%s”.", name)}
		}
	}
	return ids, nil
}

// pmAllowed applies blocks and the limits on sending and on folder sizes.
func pmAllowed(ctx context.Context, tx bun.Tx, in NewPM, ids []int64) error {
	var blockers []string
	err := tx.NewRaw(`SELECT u.username FROM pm_blocks b JOIN users u ON u.id = b.user_id
		WHERE b.blocked_id = ? AND b.user_id = ANY(?::bigint[]) ORDER BY u.username`,
		in.SenderID, pgdialect.Array(ids)).Scan(ctx, &blockers)
	if err != nil {
		return err
	}
	if len(blockers) > 0 {
		return &PMRefusal{Reason: fmt.Sprintf("%s does not accept private messages from you.", strings.Join(blockers, ", "))}
	}
	var recent, kept int
	var waitSeconds float64
	// The wait is until the oldest of the last PerHour messages is an hour old.
	err = tx.NewRaw(`SELECT
			count(*) FILTER (WHERE created_at > now() - interval '1 hour'),
			count(*) FILTER (WHERE sender_deleted_at IS NULL),
			coalesce(extract(epoch FROM (SELECT created_at FROM private_messages WHERE sender_id = ?0
				ORDER BY created_at DESC OFFSET ?1 - 1 LIMIT 1) + interval '1 hour' - now()), 0)
		FROM private_messages WHERE sender_id = ?0`, in.SenderID, max(in.Limits.PerHour, 1)).Scan(ctx, &recent, &kept, &waitSeconds)
	if err != nil {
		return err
	}
	if recent >= in.Limits.PerHour {
		return &PMRefusal{
			Reason: fmt.Sprintf("You may send %d private messages an hour; please wait a while and send it again. Your text is kept.", in.Limits.PerHour),
			Wait:   time.Duration(max(waitSeconds, 1) * float64(time.Second)),
		}
	}
	if kept >= in.Limits.FolderSize {
		return &PMRefusal{Reason: fmt.Sprintf("You keep %d sent messages, the most allowed; delete some before sending more.", kept)}
	}
	var full []string
	err = tx.NewRaw(`SELECT u.username FROM users u
		WHERE u.id = ANY(?::bigint[])
		AND (SELECT count(*) FROM pm_recipients r WHERE r.user_id = u.id AND r.deleted_at IS NULL) >= ?
		ORDER BY u.username`, pgdialect.Array(ids), in.Limits.FolderSize).Scan(ctx, &full)
	if err != nil {
		return err
	}
	if len(full) > 0 {
		return &PMRefusal{Reason: fmt.Sprintf("The inbox of %s is full; the message was not sent.", strings.Join(full, ", "))}
	}
	return nil
}

// pmVisible reports whether the member may read the message: they sent it
// and kept their copy, or it was sent to them and they kept theirs. Anyone
// else gets ErrNotFound, so a message's existence is not revealed.
func pmVisible(ctx context.Context, db bun.IDB, id, viewerID int64) (*PrivateMessage, error) {
	var row struct {
		PrivateMessage
		Unread bool
	}
	err := db.NewRaw(`SELECT m.id, m.sender_id, s.username AS sender_name, s.deleted_at IS NOT NULL AS sender_deleted, m.subject, m.body, m.body_html,
			m.created_at, coalesce(m.reply_to_id, 0) AS reply_to_id,
			(r.user_id IS NOT NULL AND r.read_at IS NULL) AS unread
		FROM private_messages m
		JOIN users s ON s.id = m.sender_id
		LEFT JOIN pm_recipients r ON r.message_id = m.id AND r.user_id = ?1 AND r.deleted_at IS NULL
		WHERE m.id = ?0 AND (r.user_id IS NOT NULL OR (m.sender_id = ?1 AND m.sender_deleted_at IS NULL))`,
		id, viewerID).Scan(ctx, &row)
	if err != nil {
		return nil, notFound(err)
	}
	m := row.PrivateMessage
	m.Unread = row.Unread
	return &m, nil
}

// PM returns a message with its recipients, if the viewer may read it.
func (s *Store) PM(ctx context.Context, id, viewerID int64) (*PrivateMessage, error) {
	m, err := pmVisible(ctx, s.db, id, viewerID)
	if err != nil {
		return nil, err
	}
	err = s.db.NewRaw(`SELECT r.user_id, u.username AS name, r.read_at, u.deleted_at IS NOT NULL AS deleted FROM pm_recipients r
		JOIN users u ON u.id = r.user_id WHERE r.message_id = ? ORDER BY u.username`, id).Scan(ctx, &m.Recipients)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// MarkPMRead records that a recipient has read a message.
func (s *Store) MarkPMRead(ctx context.Context, id, viewerID int64) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewRaw(`UPDATE pm_recipients SET read_at = now()
			WHERE message_id = ? AND user_id = ? AND read_at IS NULL`, id, viewerID).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			changed(ctx, ViewerTag(viewerID))
		}
		return nil
	})
}

// PMs returns one page of a folder, newest first, and how many the folder
// holds.
func (s *Store) PMs(ctx context.Context, viewerID int64, folder PMFolder, page, perPage int) ([]PMSummary, int, error) {
	var where string
	switch folder {
	case PMInbox:
		where = "r.user_id IS NOT NULL AND NOT r.saved"
	case PMSaved:
		where = "(r.user_id IS NOT NULL AND r.saved) OR (own AND m.sender_saved)"
	case PMOutbox:
		where = "own AND NOT m.sender_saved AND NOT read_by_any"
	case PMSent:
		where = "own AND NOT m.sender_saved AND read_by_any"
	default:
		return nil, 0, ErrNotFound
	}
	var rows []struct {
		PMSummary
		Total int
	}
	err := s.db.NewRaw(`SELECT m.id, m.subject, m.sender_id, s.username AS sender, m.created_at,
			(SELECT string_agg(u.username, ', ' ORDER BY u.username) FROM pm_recipients x
				JOIN users u ON u.id = x.user_id WHERE x.message_id = m.id) AS "to",
			(r.user_id IS NOT NULL AND r.read_at IS NULL) AS unread,
			count(*) OVER () AS total
		FROM private_messages m
		JOIN users s ON s.id = m.sender_id
		LEFT JOIN pm_recipients r ON r.message_id = m.id AND r.user_id = ?0 AND r.deleted_at IS NULL
		CROSS JOIN LATERAL (SELECT m.sender_id = ?0 AND m.sender_deleted_at IS NULL AS own,
			EXISTS (SELECT 1 FROM pm_recipients y WHERE y.message_id = m.id AND y.read_at IS NOT NULL) AS read_by_any) f
		WHERE (r.user_id IS NOT NULL OR (m.sender_id = ?0 AND m.sender_deleted_at IS NULL)) AND (`+where+`)
		ORDER BY m.id DESC LIMIT ?1 OFFSET ?2`,
		viewerID, perPage, (max(page, 1)-1)*perPage).Scan(ctx, &rows)
	if err != nil {
		return nil, 0, err
	}
	list := make([]PMSummary, len(rows))
	total := 0
	for i, r := range rows {
		list[i], total = r.PMSummary, r.Total
	}
	if len(rows) == 0 && page > 1 {
		// Past the end: the count comes from the first page.
		_, n, err := s.PMs(ctx, viewerID, folder, 1, perPage)
		return nil, n, err
	}
	return list, total, nil
}

// DeletePM removes the viewer's own copy of a message, as sender, as
// recipient or both; the others keep theirs. When no copy is left the
// message itself goes.
func (s *Store) DeletePM(ctx context.Context, id, viewerID int64) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		changed(ctx, ViewerTag(viewerID)) // an unread copy counted
		res, err := tx.NewRaw(`UPDATE pm_recipients SET deleted_at = now()
			WHERE message_id = ? AND user_id = ? AND deleted_at IS NULL`, id, viewerID).Exec(ctx)
		if err != nil {
			return err
		}
		asRecipient, _ := res.RowsAffected()
		res, err = tx.NewRaw(`UPDATE private_messages SET sender_deleted_at = now()
			WHERE id = ? AND sender_id = ? AND sender_deleted_at IS NULL`, id, viewerID).Exec(ctx)
		if err != nil {
			return err
		}
		asSender, _ := res.RowsAffected()
		if asRecipient+asSender == 0 {
			return ErrNotFound
		}
		_, err = tx.NewRaw(`DELETE FROM private_messages m WHERE m.id = ? AND m.sender_deleted_at IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM pm_recipients r WHERE r.message_id = m.id AND r.deleted_at IS NULL)`, id).Exec(ctx)
		return err
	})
}

// SavePM moves the viewer's copies of a message into Saved, or back out.
func (s *Store) SavePM(ctx context.Context, id, viewerID int64, saved bool) error {
	if _, err := pmVisible(ctx, s.db, id, viewerID); err != nil {
		return err
	}
	_, err := s.db.NewRaw(`UPDATE pm_recipients SET saved = ? WHERE message_id = ? AND user_id = ? AND deleted_at IS NULL`,
		saved, id, viewerID).Exec(ctx)
	if err != nil {
		return err
	}
	_, err = s.db.NewRaw(`UPDATE private_messages SET sender_saved = ? WHERE id = ? AND sender_id = ? AND sender_deleted_at IS NULL`,
		saved, id, viewerID).Exec(ctx)
	return err
}

// BlockPMs makes a member refuse private messages from another, or lifts
// the block.
func (s *Store) BlockPMs(ctx context.Context, userID, blockedID int64, block bool) error {
	if userID == blockedID {
		return errors.New("a member cannot block themselves")
	}
	var err error
	if block {
		_, err = s.db.NewRaw(`INSERT INTO pm_blocks (user_id, blocked_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, userID, blockedID).Exec(ctx)
	} else {
		_, err = s.db.NewRaw(`DELETE FROM pm_blocks WHERE user_id = ? AND blocked_id = ?`, userID, blockedID).Exec(ctx)
	}
	return err
}

// PMBlocked reports whether a member blocks private messages from another.
func (s *Store) PMBlocked(ctx context.Context, userID, blockedID int64) (bool, error) {
	return s.db.NewSelect().Table("pm_blocks").Where("user_id = ? AND blocked_id = ?", userID, blockedID).Exists(ctx)
}
