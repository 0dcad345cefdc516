package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// TopicKind orders topics in a forum: announcements, then stickies, then the rest.
type TopicKind int16

// Topic kinds, stored as their number so that ORDER BY kind DESC ranks them.
const (
	TopicNormal       TopicKind = 0
	TopicSticky       TopicKind = 1
	TopicAnnouncement TopicKind = 2
)

// Topic is a thread of posts in a forum.
type Topic struct {
	bun.BaseModel `bun:"table:topics,alias:t"`

	ID             int64 `bun:",pk,autoincrement"`
	ForumID        int64
	AuthorID       int64
	Title          string
	Kind           TopicKind
	Locked         bool
	MovedToID      int64     `bun:",nullzero"`
	DeletedAt      time.Time `bun:",nullzero"`
	DeletedBy      int64     `bun:",nullzero"`
	ReplyCount     int
	ViewCount      int64
	FirstPostID    int64 `bun:",nullzero"`
	LastPostID     int64 `bun:",nullzero"`
	LastPostNumber int
	LastPostAt     time.Time `bun:",nullzero,default:now()"`
	CreatedAt      time.Time `bun:",nullzero,default:now()"`

	Forum    *Forum `bun:"rel:belongs-to,join:forum_id=id"`
	Author   *User  `bun:"rel:belongs-to,join:author_id=id"`
	LastPost *Post  `bun:"rel:belongs-to,join:last_post_id=id"`
	Deleter  *User  `bun:"rel:belongs-to,join:deleted_by=id"`

	// FirstNumberSince is the number of the first post at or after the cutoff
	// asked of TopicView (LastPostNumber+1 when there is none).
	FirstNumberSince int `bun:",scanonly"`
	// Draft is the viewer's unsent reply, when TopicView was given a viewer.
	Draft string `bun:",scanonly"`
	// Unread says the topic has posts the viewer has not read, when a
	// topic list was given a viewer.
	Unread bool `bun:",scanonly"`
}

// Closed reports whether the topic, or the forum it is in, is locked:
// only those who may lock then write in it. The forum must be loaded.
func (t *Topic) Closed() bool {
	return t.Locked || (t.Forum != nil && t.Forum.Locked)
}

// TopicView returns a topic with its forum and category. When since is not
// zero it also finds where the posts of that period begin, and for a viewer
// (a user id, 0 for none) their draft reply, so that the topic page needs
// no further queries for them.
func (s *Store) TopicView(ctx context.Context, id int64, since time.Time, viewerID int64) (*Topic, error) {
	return s.topicView(ctx, id, since, viewerID, false)
}

// TopicViewWithDeleted is TopicView that also finds a deleted topic, with
// who deleted it, for moderators who may restore it.
func (s *Store) TopicViewWithDeleted(ctx context.Context, id int64, since time.Time, viewerID int64) (*Topic, error) {
	return s.topicView(ctx, id, since, viewerID, true)
}

func (s *Store) topicView(ctx context.Context, id int64, since time.Time, viewerID int64, deleted bool) (*Topic, error) {
	t := new(Topic)
	q := s.db.NewSelect().Model(t).ColumnExpr("t.*").
		Relation("Forum", columns("id", "category_id", "title", "locked")).
		Relation("Forum.Category").
		Where("t.id = ?", id)
	if deleted {
		q = q.Relation("Deleter", columns("id", "username"))
	} else {
		q = q.Where("t.deleted_at IS NULL")
	}
	if viewerID != 0 {
		q = q.ColumnExpr("coalesce((SELECT d.body FROM drafts d WHERE d.user_id = ? AND d.topic_id = t.id), '') AS draft", viewerID)
	}
	if !since.IsZero() {
		q = q.ColumnExpr(`coalesce((SELECT min(p.post_number) FROM posts p
			WHERE p.topic_id = t.id AND p.created_at >= ?), t.last_post_number + 1) AS first_number_since`, since)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, notFound(err)
	}
	return t, nil
}

// TopicsInForum returns one page of a forum's topics, announcements and
// stickies first, with their authors and last posts, and for a viewer (a
// user id, 0 for none) whether each is unread. The page's ids come from an
// index-only scan of topics_forum_order, so deep pages stay cheap.
func (s *Store) TopicsInForum(ctx context.Context, forumID, viewerID int64, page, perPage int) ([]*Topic, error) {
	ids := s.db.NewSelect().Table("topics").Column("id").
		Where("forum_id = ? AND deleted_at IS NULL", forumID).
		OrderExpr("kind DESC, last_post_at DESC, id DESC").
		Offset(int64((page - 1) * perPage)).Limit(int64(perPage))
	var topics []*Topic
	q := s.db.NewSelect().Model(&topics).ColumnExpr("t.*").
		Relation("Author", authorColumns).
		Relation("LastPost", columns("id", "author_id", "created_at")).
		Relation("LastPost.Author", authorColumns).
		Where("t.id IN (?)", ids).
		OrderExpr("t.kind DESC, t.last_post_at DESC, t.id DESC")
	if viewerID != 0 {
		q = q.ColumnExpr("? AS unread", unreadTopic("t", viewerID))
	}
	err := q.Scan(ctx)
	return topics, err
}

// AdjacentTopic returns the id of the topic listed just before (newer=true)
// or just after the given one in its forum's order.
func (s *Store) AdjacentTopic(ctx context.Context, id int64, newer bool) (int64, error) {
	cmp, order := "<", "DESC"
	if newer {
		cmp, order = ">", "ASC"
	}
	var next int64
	err := s.db.NewRaw(`SELECT n.id FROM topics t
		JOIN topics n ON n.forum_id = t.forum_id AND n.deleted_at IS NULL
			AND (n.kind, n.last_post_at, n.id) `+cmp+` (t.kind, t.last_post_at, t.id)
		WHERE t.id = ?
		ORDER BY n.kind `+order+`, n.last_post_at `+order+`, n.id `+order+`
		LIMIT 1`, id).Scan(ctx, &next)
	return next, notFound(err)
}
