package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Errors of the write path that the forms explain to the writer.
var (
	ErrLocked = fmt.Errorf("%w: the topic is locked", ErrForbidden)
)

// FloodError says how long a member must wait before posting again.
type FloodError struct{ Wait time.Duration }

func (e *FloodError) Error() string { return fmt.Sprintf("posting again too soon; wait %s", e.Wait) }

// DuplicateError is a form submitted a second time; Post is what the first
// submission made.
type DuplicateError struct{ PostID int64 }

func (e *DuplicateError) Error() string { return "this form was already submitted" }

// NewPost is what a writer sends: the post and how it may be written.
type NewPost struct {
	AuthorID      int64
	Subject       string
	Body          string
	BodyHTML      string
	IP            string
	SubmissionKey string        // one per form; empty skips the check
	FloodInterval time.Duration // minimum time since the author's last post
	WriteLocked   bool          // the writer may reply to locked topics (a moderator)
	TopicKind     TopicKind     // what CreateTopic starts: a normal topic, a sticky, an announcement
}

// CreateReply adds a post to a topic. The post, its number, and every
// counter and pointer it changes (topic, forum, author) are written in one
// transaction; the topic's row lock orders concurrent replies, so post
// numbers have no gaps or repeats.
func (s *Store) CreateReply(ctx context.Context, topicID int64, in NewPost) (*Post, error) {
	var post *Post
	err := s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := claimSubmission(ctx, tx, in); err != nil {
			return err
		}
		var t struct {
			Number  int
			ForumID int64
		}
		err := tx.NewRaw(`UPDATE topics SET last_post_number = last_post_number + 1, reply_count = reply_count + 1
			WHERE id = ? AND (NOT locked OR ?) AND moved_to_id IS NULL AND deleted_at IS NULL
			RETURNING last_post_number AS number, forum_id`, topicID, in.WriteLocked).Scan(ctx, &t)
		if errors.Is(err, sql.ErrNoRows) {
			return topicRefusal(ctx, tx, topicID)
		}
		if err != nil {
			return err
		}
		post, err = writePost(ctx, tx, topicID, t.ForumID, t.Number, false, in)
		return err
	})
	return post, err
}

// CreateTopic starts a topic in a forum with its first post.
func (s *Store) CreateTopic(ctx context.Context, forumID int64, title string, in NewPost) (*Topic, *Post, error) {
	var topic *Topic
	var post *Post
	err := s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := claimSubmission(ctx, tx, in); err != nil {
			return err
		}
		var locked bool
		if err := tx.NewRaw("SELECT locked FROM forums WHERE id = ?", forumID).Scan(ctx, &locked); err != nil {
			return notFound(err)
		}
		if locked && !in.WriteLocked {
			return fmt.Errorf("%w: the forum is locked", ErrForbidden)
		}
		topic = &Topic{ForumID: forumID, AuthorID: in.AuthorID, Title: title, Kind: in.TopicKind, LastPostNumber: 1}
		if _, err := tx.NewInsert().Model(topic).Returning("id, created_at, last_post_at").Exec(ctx); err != nil {
			return err
		}
		if in.Subject == "" {
			in.Subject = title
		}
		var err error
		if post, err = writePost(ctx, tx, topic.ID, forumID, 1, true, in); err != nil {
			return err
		}
		topic.FirstPostID, topic.LastPostID = post.ID, post.ID
		_, err = tx.NewRaw("UPDATE topics SET first_post_id = ? WHERE id = ?", post.ID, topic.ID).Exec(ctx)
		return err
	})
	return topic, post, err
}

// writePost inserts a post numbered n and updates the pointers and counters
// of its topic, forum and author (flood control included). Rows are locked
// in one order everywhere (topic, author, forum) so writers cannot
// deadlock, and the post is stamped only once the forum's row is held:
// posts of one forum then carry times in the order they commit, so "last
// post" by time and by pointer always agree.
func writePost(ctx context.Context, tx bun.Tx, topicID, forumID int64, n int, newTopic bool, in NewPost) (*Post, error) {
	if err := takeFloodSlot(ctx, tx, in); err != nil {
		return nil, err
	}
	topics := 0
	if newTopic {
		topics = 1
	}
	var at time.Time
	if err := tx.NewRaw(`UPDATE forums SET post_count = post_count + 1, topic_count = topic_count + ?
		WHERE id = ? RETURNING clock_timestamp()`, topics, forumID).Scan(ctx, &at); err != nil {
		return nil, err
	}
	post := &Post{TopicID: topicID, AuthorID: in.AuthorID, PostNumber: n, Subject: in.Subject, Body: in.Body, BodyHTML: in.BodyHTML, CreatedAt: at}
	q := tx.NewInsert().Model(post).Returning("id")
	if in.IP != "" {
		q = q.Value("author_ip", "?", in.IP)
	}
	if _, err := q.Exec(ctx); err != nil {
		return nil, err
	}
	for _, stmt := range []struct {
		query string
		args  []any
	}{
		{"UPDATE topics SET last_post_id = ?, last_post_at = ? WHERE id = ?", []any{post.ID, at, topicID}},
		{"UPDATE forums SET last_post_id = ? WHERE id = ?", []any{post.ID, forumID}},
		{"DELETE FROM drafts WHERE user_id = ? AND topic_id = ?", []any{in.AuthorID, topicID}},
		{"UPDATE submission_keys SET post_id = ? WHERE key = ?", []any{post.ID, in.SubmissionKey}},
	} {
		if _, err := tx.NewRaw(stmt.query, stmt.args...).Exec(ctx); err != nil {
			return nil, err
		}
	}
	// The author's post count shows beside all their posts and in the
	// member list; the board's totals count every post.
	changed(ctx, TopicTag(topicID), ForumTag(forumID), AuthorTag(in.AuthorID), TagStats, TagMembers, TagSearch)
	return post, nil
}

// takeFloodSlot counts the post to its author, unless they posted less
// than the flood interval ago.
func takeFloodSlot(ctx context.Context, tx bun.Tx, in NewPost) error {
	secs := in.FloodInterval.Seconds()
	res, err := tx.NewRaw(`UPDATE users SET post_count = post_count + 1, last_post_at = now()
		WHERE id = ? AND (? = 0 OR last_post_at IS NULL OR last_post_at <= now() - ? * interval '1 second')`,
		in.AuthorID, secs, secs).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	var wait float64
	if err := tx.NewRaw(`SELECT extract(epoch FROM last_post_at + ? * interval '1 second' - now())::float8 FROM users WHERE id = ?`,
		secs, in.AuthorID).Scan(ctx, &wait); err != nil {
		return notFound(err)
	}
	return &FloodError{Wait: time.Duration(max(wait, 1) * float64(time.Second))}
}

// claimSubmission takes the form's one-time key. A concurrent second
// submission waits on the key's row until the first commits, then finds
// it taken.
func claimSubmission(ctx context.Context, tx bun.Tx, in NewPost) error {
	if in.SubmissionKey == "" {
		return nil
	}
	res, err := tx.NewRaw(`INSERT INTO submission_keys (key, user_id) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
		in.SubmissionKey, in.AuthorID).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	var postID sql.NullInt64
	err = tx.NewRaw("SELECT post_id FROM submission_keys WHERE key = ? AND user_id = ?", in.SubmissionKey, in.AuthorID).Scan(ctx, &postID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return &DuplicateError{PostID: postID.Int64}
}

// topicRefusal explains why a topic took no reply.
func topicRefusal(ctx context.Context, tx bun.Tx, topicID int64) error {
	var deleted bool
	if err := tx.NewRaw("SELECT deleted_at IS NOT NULL FROM topics WHERE id = ?", topicID).Scan(ctx, &deleted); err != nil {
		return notFound(err)
	}
	if deleted {
		return ErrNotFound
	}
	return ErrLocked
}

// SaveDraft keeps a member's half-written reply to a topic; an empty body
// drops it. A draft begun or dropped changes the topics the member's visits
// know to have one.
func (s *Store) SaveDraft(ctx context.Context, userID, topicID int64, body string) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		var begun []bool
		var err error
		if body == "" {
			err = tx.NewRaw("DELETE FROM drafts WHERE user_id = ? AND topic_id = ? RETURNING true", userID, topicID).Scan(ctx, &begun)
		} else {
			err = tx.NewRaw(`INSERT INTO drafts (user_id, topic_id, body) VALUES (?, ?, ?)
				ON CONFLICT (user_id, topic_id) DO UPDATE SET body = excluded.body, updated_at = now()
				RETURNING xmax = 0`, userID, topicID, body).Scan(ctx, &begun)
		}
		if isForeignKeyViolation(err) {
			return ErrNotFound
		}
		if len(begun) > 0 && begun[0] {
			changed(ctx, ViewerTag(userID))
		}
		return err
	})
}

// Draft returns a member's saved reply to a topic, "" when there is none.
func (s *Store) Draft(ctx context.Context, userID, topicID int64) (string, error) {
	var body string
	err := s.db.NewRaw("SELECT body FROM drafts WHERE user_id = ? AND topic_id = ?", userID, topicID).Scan(ctx, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return body, err
}

// QuotedPost is what "Reply with quote" needs of a post.
type QuotedPost struct {
	ID      int64
	TopicID int64
	ForumID int64
	Author  string
	Body    string
}

// QuotedPost finds a visible post to quote.
func (s *Store) QuotedPost(ctx context.Context, id int64) (*QuotedPost, error) {
	q := new(QuotedPost)
	err := s.db.NewRaw(`SELECT p.id, p.topic_id, t.forum_id, u.username AS author, p.body
		FROM posts p JOIN users u ON u.id = p.author_id JOIN topics t ON t.id = p.topic_id
		WHERE p.id = ? AND p.deleted_at IS NULL AND t.deleted_at IS NULL`, id).Scan(ctx, q)
	if err != nil {
		return nil, notFound(err)
	}
	return q, nil
}
