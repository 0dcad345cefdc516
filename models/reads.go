package models

import (
	"context"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/schema"
)

// readBeforeExpr is the time before which everything is read for member
// ?1: when they last marked all forums read, or else when they joined.
// greatest() skips the NULL of a member who never marked.
const readBeforeExpr = `(SELECT greatest(ru.joined_at, (SELECT m.marked_at FROM read_marks m WHERE m.user_id = ru.id))
	FROM users ru WHERE ru.id = ?1)`

// unreadTopicExpr is true for a topic (alias ?0) with a post that member ?1
// has not read: newer than readBeforeExpr, numbered past the last post
// they were shown in the topic, and not their own last word. Moved topics
// are signposts and never unread. The read-before subselect is
// uncorrelated, so PostgreSQL runs it once per query.
const unreadTopicExpr = `(?0.moved_to_id IS NULL
	AND ?0.last_post_at > ` + readBeforeExpr + `
	AND ?0.last_post_number > coalesce((SELECT r.last_read_number FROM topic_reads r
		WHERE r.user_id = ?1 AND r.topic_id = ?0.id), 0)
	AND NOT EXISTS (SELECT 1 FROM posts lp WHERE lp.id = ?0.last_post_id AND lp.author_id = ?1))`

// unreadTopic is unreadTopicExpr for the topics table under an alias.
func unreadTopic(alias string, viewerID int64) schema.QueryWithArgs {
	return bun.SafeQuery(unreadTopicExpr, bun.Ident(alias), viewerID)
}

// TopicRead is how far a member has read a topic: every post numbered up
// to Number was on a page they were shown.
type TopicRead struct {
	UserID, TopicID int64
	Number          int
}

// RecordTopicReads writes read marks in one statement, never moving a mark
// back (of several for one topic, the furthest counts). Marks of members
// or topics deleted meanwhile are skipped rather than failing the batch;
// rows are written in key order so that flushes from several servers
// cannot deadlock. The members whose marks moved are announced: what they
// have left to read changed.
func (s *Store) RecordTopicReads(ctx context.Context, reads []TopicRead) error {
	if len(reads) == 0 {
		return nil
	}
	users, topics, numbers := make([]int64, len(reads)), make([]int64, len(reads)), make([]int64, len(reads))
	for i, r := range reads {
		users[i], topics[i], numbers[i] = r.UserID, r.TopicID, int64(r.Number)
	}
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		var moved []int64
		err := tx.NewRaw(`INSERT INTO topic_reads (user_id, topic_id, last_read_number)
			SELECT v.user_id, v.topic_id, max(v.n) FROM unnest(?::bigint[], ?::bigint[], ?::int[]) AS v(user_id, topic_id, n)
			WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = v.user_id)
				AND EXISTS (SELECT 1 FROM topics t WHERE t.id = v.topic_id)
			GROUP BY v.user_id, v.topic_id
			ORDER BY v.user_id, v.topic_id
			ON CONFLICT (user_id, topic_id) DO UPDATE
				SET last_read_number = excluded.last_read_number
				WHERE topic_reads.last_read_number < excluded.last_read_number
			RETURNING user_id`,
			pgdialect.Array(users), pgdialect.Array(topics), pgdialect.Array(numbers)).Scan(ctx, &moved)
		changedViewers(ctx, moved)
		return err
	})
}

// MarkAllRead marks everything on the board read for a member: the mark
// moves to now, and their per-topic marks, all older, go.
func (s *Store) MarkAllRead(ctx context.Context, userID int64) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		changed(ctx, ViewerTag(userID))
		_, err := tx.NewRaw(`INSERT INTO read_marks (user_id, marked_at) VALUES (?, now())
			ON CONFLICT (user_id) DO UPDATE SET marked_at = excluded.marked_at`, userID).Exec(ctx)
		if err != nil {
			return err
		}
		_, err = tx.NewRaw("DELETE FROM topic_reads WHERE user_id = ?", userID).Exec(ctx)
		return err
	})
}

// UnreadPost is where a member should pick up reading a topic.
type UnreadPost struct {
	TopicID    int64
	TopicTitle string
	ForumID    int64
	PostID     int64 // 0 when the topic has no visible post
	PostNumber int
}

// FirstUnreadPost finds the first visible post of a topic that a member has
// not read, or its last post when they have read them all, in one query.
func (s *Store) FirstUnreadPost(ctx context.Context, topicID, userID int64) (*UnreadPost, error) {
	u := new(UnreadPost)
	err := s.db.NewRaw(`SELECT t.id AS topic_id, t.title AS topic_title, t.forum_id, p.id AS post_id, p.post_number
		FROM topics t
		LEFT JOIN LATERAL (
			(SELECT p.id, p.post_number, 0 AS choice FROM posts p
				WHERE p.topic_id = t.id AND p.deleted_at IS NULL
					AND p.post_number > coalesce((SELECT r.last_read_number FROM topic_reads r
						WHERE r.user_id = ?1 AND r.topic_id = t.id), 0)
					AND p.created_at > `+readBeforeExpr+`
				ORDER BY p.post_number LIMIT 1)
			UNION ALL
			(SELECT p.id, p.post_number, 1 FROM posts p
				WHERE p.topic_id = t.id AND p.deleted_at IS NULL
				ORDER BY p.post_number DESC LIMIT 1)
			ORDER BY choice LIMIT 1
		) p ON true
		WHERE t.id = ?0 AND t.deleted_at IS NULL`, topicID, userID).Scan(ctx, u)
	if err != nil {
		return nil, notFound(err)
	}
	return u, nil
}

// TopicList names one of the board-wide lists of topics.
type TopicList string

// The topic lists: phpBB's "View unread posts", "View new posts", "View
// your posts" and "View unanswered posts".
const (
	ListUnread     TopicList = "unread"
	ListNew        TopicList = "new"
	ListMine       TopicList = "mine"
	ListUnanswered TopicList = "unanswered"
)

// TopicListQuery chooses a topic list and whom it is for.
type TopicListQuery struct {
	List      TopicList
	ViewerID  int64   // 0 for a guest, who has only the unanswered list
	SessionID int64   // the new list counts from this session's visit
	Readable  []int64 // the forums the viewer may read; others never show
}

// filter narrows a query on topics (as t) to the list's topics.
func (q TopicListQuery) filter(sq *bun.SelectQuery) *bun.SelectQuery {
	cond, args := readableForums("t.forum_id", q.Readable)
	sq = sq.Where("t.deleted_at IS NULL AND t.moved_to_id IS NULL").Where(cond, args...)
	switch q.List {
	case ListUnread:
		return sq.Where("?", unreadTopic("t", q.ViewerID))
	case ListNew:
		// A member's first visit counts from their joining.
		return sq.Where(`t.last_post_at > (SELECT coalesce(v.since, u.joined_at)
			FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN session_visits v ON v.session_id = s.id
			WHERE s.id = ?)`, q.SessionID)
	case ListMine:
		return sq.Where("t.id IN (SELECT p.topic_id FROM posts p WHERE p.author_id = ? AND p.deleted_at IS NULL)", q.ViewerID)
	default:
		return sq.Where("t.reply_count = 0")
	}
}

// TopicListCount counts the topics of a list.
func (s *Store) TopicListCount(ctx context.Context, q TopicListQuery) (int, error) {
	n, err := q.filter(s.db.NewSelect().Model((*Topic)(nil))).Count(ctx)
	return int(n), err
}

// TopicListPage returns one page of a list, most recently active first,
// with each topic's forum, author and last post, and for a member whether
// it is unread.
func (s *Store) TopicListPage(ctx context.Context, q TopicListQuery, page, perPage int) ([]*Topic, error) {
	var topics []*Topic
	sq := s.db.NewSelect().Model(&topics).ColumnExpr("t.*").
		Relation("Forum", columns("id", "title")).
		Relation("Author", authorColumns).
		Relation("LastPost", columns("id", "author_id", "created_at")).
		Relation("LastPost.Author", authorColumns)
	if q.ViewerID != 0 {
		sq = sq.ColumnExpr("? AS unread", unreadTopic("t", q.ViewerID))
	}
	err := q.filter(sq).
		OrderExpr("t.last_post_at DESC, t.id DESC").
		Offset(int64((page - 1) * perPage)).Limit(int64(perPage)).
		Scan(ctx)
	return topics, err
}

// UnreadForums returns which forums hold a topic with posts the member has
// not read: the flags of BoardIndex, for a list kept without them.
func (s *Store) UnreadForums(ctx context.Context, viewerID int64) (map[int64]bool, error) {
	var ids []int64
	err := s.db.NewRaw(`SELECT f.id FROM forums f WHERE EXISTS (SELECT 1 FROM topics ut
		WHERE ut.forum_id = f.id AND ut.deleted_at IS NULL AND ?)`, unreadTopic("ut", viewerID)).Scan(ctx, &ids)
	return idSet(ids), err
}

// UnreadTopics returns which of the topics have posts the member has not
// read: the flags of TopicsInForum, for a list kept without them.
func (s *Store) UnreadTopics(ctx context.Context, viewerID int64, topicIDs []int64) (map[int64]bool, error) {
	var ids []int64
	err := s.db.NewRaw(`SELECT t.id FROM topics t WHERE t.id = ANY(?) AND ?`,
		pgdialect.Array(topicIDs), unreadTopic("t", viewerID)).Scan(ctx, &ids)
	return idSet(ids), err
}

func idSet(ids []int64) map[int64]bool {
	set := make(map[int64]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return set
}
