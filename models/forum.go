package models

import (
	"context"

	"github.com/uptrace/bun"
)

// Category groups forums on the board index.
type Category struct {
	bun.BaseModel `bun:"table:categories,alias:c"`

	ID       int64 `bun:",pk,autoincrement"`
	Title    string
	Position int
}

// Forum is a place for topics, with its counters and last-post pointer kept
// in step by every write.
type Forum struct {
	bun.BaseModel `bun:"table:forums,alias:f"`

	ID          int64 `bun:",pk,autoincrement"`
	CategoryID  int64
	Title       string
	Description string
	Position    int
	Locked      bool
	TopicCount  int
	PostCount   int
	LastPostID  int64 `bun:",nullzero"`

	Category *Category `bun:"rel:belongs-to,join:category_id=id"`
	LastPost *Post     `bun:"rel:belongs-to,join:last_post_id=id"`

	// Unread says a topic of the forum has posts the viewer has not read,
	// when BoardIndex was given a viewer.
	Unread bool `bun:",scanonly"`
	// Moderators are the groups that moderate the forum, filled by
	// BoardIndex and Forum.
	Moderators GroupRefs `bun:",scanonly"`
	// SignpostCount is how many "Moved" signposts the forum lists besides
	// its topics (which TopicCount counts), filled by Forum.
	SignpostCount int `bun:",scanonly"`
}

// CategoryForums is one category with its forums, in board order.
type CategoryForums struct {
	Category *Category
	Forums   []*Forum
}

// GroupByCategory turns forums ordered by category into sections.
func GroupByCategory(forums []*Forum) []CategoryForums {
	var out []CategoryForums
	for _, f := range forums {
		if len(out) == 0 || out[len(out)-1].Category.ID != f.CategoryID {
			out = append(out, CategoryForums{Category: f.Category})
		}
		last := &out[len(out)-1]
		last.Forums = append(last.Forums, f)
	}
	return out
}

func orderByBoard(q *bun.SelectQuery) *bun.SelectQuery {
	return q.Relation("Category").OrderExpr("category.position, category.id, f.position, f.id")
}

// BoardIndex returns every forum with its category and last post (topic and
// author included), in board order, in one query; for a viewer (a user id,
// 0 for none) it also tells which forums hold topics they have not read.
func (s *Store) BoardIndex(ctx context.Context, viewerID int64) ([]*Forum, error) {
	var forums []*Forum
	q := orderByBoard(s.db.NewSelect().Model(&forums).ColumnExpr("f.*").
		ColumnExpr(forumModeratorsExpr+" AS moderators", bun.Ident("f.id"))).
		Relation("LastPost", columns("id", "topic_id", "author_id", "created_at")).
		Relation("LastPost.Topic", columns("id", "title")).
		Relation("LastPost.Author", authorColumns)
	if viewerID != 0 {
		// Served by topics_forum_latest: only topics newer than the
		// viewer's mark are looked at, and the first unread one ends it.
		q = q.ColumnExpr(`EXISTS (SELECT 1 FROM topics ut
			WHERE ut.forum_id = f.id AND ut.deleted_at IS NULL AND ?) AS unread`, unreadTopic("ut", viewerID))
	}
	err := q.Scan(ctx)
	return forums, err
}

// ForumList returns every forum with its category, in board order, for
// selectors such as "Jump to".
func (s *Store) ForumList(ctx context.Context) ([]*Forum, error) {
	var forums []*Forum
	err := orderByBoard(s.db.NewSelect().Model(&forums).Column("f.id", "f.category_id", "f.title")).Scan(ctx)
	return forums, err
}

// Forum returns one forum with its category.
func (s *Store) Forum(ctx context.Context, id int64) (*Forum, error) {
	f := new(Forum)
	err := s.db.NewSelect().Model(f).ColumnExpr("f.*").
		ColumnExpr(forumModeratorsExpr+" AS moderators", bun.Ident("f.id")).
		ColumnExpr(`(SELECT count(*) FROM topics s WHERE s.forum_id = f.id AND s.moved_to_id IS NOT NULL AND s.deleted_at IS NULL)
			AS signpost_count`).
		Relation("Category").Where("f.id = ?", id).Scan(ctx)
	if err != nil {
		return nil, notFound(err)
	}
	return f, nil
}

// BoardStats are the totals shown at the foot of the board index.
type BoardStats struct {
	Posts  int
	Topics int
	Users  int
	Newest *User
}

// BoardStats counts posts and topics from the forum counters and members
// (deleted accounts aside) from the users table, and finds the newest
// member, in one query.
func (s *Store) BoardStats(ctx context.Context) (*BoardStats, error) {
	var row struct {
		Posts, Topics, Users int
		NewestID             int64
		NewestName           string
	}
	err := s.db.NewRaw(`SELECT
		(SELECT coalesce(sum(post_count), 0) FROM forums) AS posts,
		(SELECT coalesce(sum(topic_count), 0) FROM forums) AS topics,
		(SELECT count(*) FROM users WHERE deleted_at IS NULL) AS users,
		n.id AS newest_id, n.username AS newest_name
		FROM (SELECT 1) one
		LEFT JOIN LATERAL (SELECT id, username FROM users WHERE deleted_at IS NULL ORDER BY joined_at DESC, id DESC LIMIT 1) n ON true`).
		Scan(ctx, &row)
	if err != nil {
		return nil, err
	}
	stats := &BoardStats{Posts: row.Posts, Topics: row.Topics, Users: row.Users}
	if row.NewestID != 0 {
		stats.Newest = &User{ID: row.NewestID, Username: row.NewestName}
	}
	return stats, nil
}

// columns limits a relation to the named columns.
func columns(names ...string) func(*bun.SelectQuery) *bun.SelectQuery {
	return func(q *bun.SelectQuery) *bun.SelectQuery { return q.Column(names...) }
}
