package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// ModAction names what a moderator did; the log stores the name.
type ModAction string

// The actions the moderator log records.
const (
	ModLock         ModAction = "lock"
	ModUnlock       ModAction = "unlock"
	ModKind         ModAction = "kind"
	ModMove         ModAction = "move"
	ModSplit        ModAction = "split"
	ModMerge        ModAction = "merge"
	ModDeleteTopic  ModAction = "delete_topic"
	ModRestoreTopic ModAction = "restore_topic"
	ModDeletePost   ModAction = "delete_post"
	ModRestorePost  ModAction = "restore_post"
	ModEditPost     ModAction = "edit_post"
	ModRemoveShadow ModAction = "remove_shadow"
	ModCloseReport  ModAction = "close_report"
	ModBan          ModAction = "ban"
	ModLiftBan      ModAction = "lift_ban"
)

// Moderation is who takes a moderator action and why; every action writes
// it to the log in its own transaction.
type Moderation struct {
	ModeratorID int64
	Reason      string
}

// ModLogEntry is one row of the moderator log.
type ModLogEntry struct {
	bun.BaseModel `bun:"table:moderator_log,alias:ml"`

	ID           int64     `bun:",pk,autoincrement"`
	CreatedAt    time.Time `bun:",nullzero,default:now()"`
	ModeratorID  int64     `bun:",nullzero"`
	Action       ModAction
	ForumID      int64 `bun:",nullzero"`
	TopicID      int64 `bun:",nullzero"`
	PostID       int64 `bun:",nullzero"`
	TargetUserID int64 `bun:",nullzero"`
	TopicTitle   string
	Reason       string
	Details      string

	Moderator  *User  `bun:"rel:belongs-to,join:moderator_id=id"`
	Forum      *Forum `bun:"rel:belongs-to,join:forum_id=id"`
	TargetUser *User  `bun:"rel:belongs-to,join:target_user_id=id"`
}

// logModeration writes a log entry inside the action's transaction, so
// that the action and its record commit or fail together.
func logModeration(ctx context.Context, tx bun.Tx, m Moderation, e ModLogEntry) error {
	e.ModeratorID, e.Reason = m.ModeratorID, m.Reason
	_, err := tx.NewInsert().Model(&e).ExcludeColumn("id", "created_at").Exec(ctx)
	return err
}

// ModLogQuery chooses a page of the log.
type ModLogQuery struct {
	// Forums limits the log to entries of these forums; nil means every
	// entry (administrators), empty means none.
	Forums  []int64
	ForumID int64 // one forum only; 0 for all that Forums allows
	// BoardWide adds the entries of no forum (bans), for those who may ban.
	BoardWide bool
	Page      int
	PerPage   int
}

func (q ModLogQuery) filter(sq *bun.SelectQuery) *bun.SelectQuery {
	if q.Forums != nil {
		if len(q.Forums) == 0 {
			return sq.Where("ml.forum_id IS NULL AND ?", q.BoardWide)
		}
		sq = sq.Where("(ml.forum_id IN (?) OR (ml.forum_id IS NULL AND ?))", bun.In(q.Forums), q.BoardWide)
	}
	if q.ForumID != 0 {
		sq = sq.Where("ml.forum_id = ?", q.ForumID)
	}
	return sq
}

// ModLog returns one page of the log, newest first, with the moderators,
// forums and members it names, and how many entries the query matches.
func (s *Store) ModLog(ctx context.Context, q ModLogQuery) ([]*ModLogEntry, int, error) {
	var entries []*ModLogEntry
	n, err := q.filter(s.db.NewSelect().Model(&entries).
		Relation("Moderator", columns("id", "username")).
		Relation("Forum", columns("id", "title")).
		Relation("TargetUser", columns("id", "username"))).
		OrderExpr("ml.id DESC").
		Offset(int64((q.Page - 1) * q.PerPage)).Limit(int64(q.PerPage)).
		ScanAndCount(ctx)
	return entries, int(n), err
}
