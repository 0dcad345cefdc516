package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Post is one message in a topic. Body is the BBCode source; BodyHTML is
// its cooked form, made once when the post is written.
type Post struct {
	bun.BaseModel `bun:"table:posts,alias:p"`

	ID         int64 `bun:",pk,autoincrement"`
	TopicID    int64
	AuthorID   int64
	PostNumber int
	Subject    string
	Body       string
	BodyHTML   string    `bun:"body_html"`
	CreatedAt  time.Time `bun:",nullzero,default:now()"`
	EditedAt   time.Time `bun:",nullzero"`
	EditCount  int
	EditReason string
	EditedBy   int64     `bun:",nullzero"`
	DeletedAt  time.Time `bun:",nullzero"`
	DeletedBy  int64     `bun:",nullzero"`

	// Reported says the post has open reports; PostsInTopic fills it
	// only when asked to (for the forum's moderators).
	Reported bool `bun:",scanonly"`

	Topic   *Topic `bun:"rel:belongs-to,join:topic_id=id"`
	Author  *User  `bun:"rel:belongs-to,join:author_id=id"`
	Editor  *User  `bun:"rel:belongs-to,join:edited_by=id"`
	Deleter *User  `bun:"rel:belongs-to,join:deleted_by=id"`

	// IP is the address the post was written from, as text ("" for none),
	// filled by PostsInTopic for moderators to see.
	IP string `bun:",scanonly"`
}

// PostRange selects the posts of a topic numbered First..Last inclusive.
type PostRange struct {
	First, Last int
	Newest      bool // newest first
	// MarkReported fills Post.Reported, for a viewer who handles reports
	// in the forum; it is a column of the same query, not one more.
	MarkReported bool
	// Deleted includes soft-deleted posts, with who deleted them, for
	// moderators who may restore them.
	Deleted bool
}

// PostsInTopic returns the posts of one page of a topic (the visible ones,
// or every one when r.Deleted) with their authors and rank titles, in one
// query seeking on (topic_id, post_number).
func (s *Store) PostsInTopic(ctx context.Context, topicID int64, r PostRange) ([]*Post, error) {
	order := "p.post_number ASC"
	if r.Newest {
		order = "p.post_number DESC"
	}
	var posts []*Post
	q := s.db.NewSelect().Model(&posts).
		ExcludeColumn("body").
		ColumnExpr("coalesce(host(p.author_ip), '') AS ip").
		Relation("Author", columns("id", "username", "deleted_at", "joined_at", "post_count", "signature_html", "rank_id")).
		ColumnExpr(rankTitleExpr+" AS author__rank_title", bun.Ident("author")).
		Relation("Editor", columns("id", "username"))
	if r.MarkReported {
		q = q.ColumnExpr("EXISTS (SELECT 1 FROM reports r WHERE r.post_id = p.id AND r.closed_at IS NULL) AS reported")
	}
	// The limit changes no answer (numbers are unique within a topic) but
	// tells the planner how few rows come: the statistics cannot see that
	// a range of numbers in one long topic is a page, and would otherwise
	// hash-join the whole users table.
	q = q.Where("p.topic_id = ?", topicID).
		Where("p.post_number BETWEEN ? AND ?", r.First, r.Last).
		OrderExpr(order).Limit(int64(max(r.Last-r.First+1, 0)))
	if r.Deleted {
		q = q.Relation("Deleter", columns("id", "username"))
	} else {
		q = q.Where("p.deleted_at IS NULL")
	}
	err := q.Scan(ctx)
	return posts, err
}

// PostLocation is where a post sits: its topic and its number there.
type PostLocation struct {
	TopicID    int64
	TopicTitle string
	ForumID    int64
	PostNumber int
	Deleted    bool // the post or its topic is deleted (PostLocationWithDeleted)
}

// PostLocation finds the topic and number of a visible post.
func (s *Store) PostLocation(ctx context.Context, id int64) (*PostLocation, error) {
	loc := new(PostLocation)
	err := s.db.NewRaw(`SELECT p.topic_id, t.title AS topic_title, t.forum_id, p.post_number
		FROM posts p JOIN topics t ON t.id = p.topic_id
		WHERE p.id = ? AND p.deleted_at IS NULL AND t.deleted_at IS NULL`, id).Scan(ctx, loc)
	if err != nil {
		return nil, notFound(err)
	}
	return loc, nil
}

// PostLocationWithDeleted finds the topic and number of any post, deleted
// or not, for moderators who may see deleted posts.
func (s *Store) PostLocationWithDeleted(ctx context.Context, id int64) (*PostLocation, error) {
	loc := new(PostLocation)
	err := s.db.NewRaw(`SELECT p.topic_id, t.title AS topic_title, t.forum_id, p.post_number,
			p.deleted_at IS NOT NULL OR t.deleted_at IS NOT NULL AS deleted
		FROM posts p JOIN topics t ON t.id = p.topic_id
		WHERE p.id = ?`, id).Scan(ctx, loc)
	if err != nil {
		return nil, notFound(err)
	}
	return loc, nil
}
