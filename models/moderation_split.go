package models

import (
	"context"
	"fmt"
	"slices"

	"github.com/uptrace/bun"
)

// Split and merge refusals, which the forms explain.
var (
	ErrSplitNone    = fmt.Errorf("%w: choose at least one visible post to split off", ErrInvalid)
	ErrSplitAll     = fmt.Errorf("%w: leave at least one visible post in the topic", ErrInvalid)
	ErrSplitForeign = fmt.Errorf("%w: a chosen post is not in this topic", ErrInvalid)
	ErrMergeSelf    = fmt.Errorf("%w: a topic cannot be merged into itself", ErrInvalid)
)

// Split takes posts out of a topic into a new one.
type Split struct {
	TopicID   int64
	ForumID   int64 // the forum the topic must still be in
	PostIDs   []int64
	Title     string
	ToForumID int64 // where the new topic goes
}

// SplitTopic moves the chosen posts, deleted ones included, into a new
// topic, numbered 1..n in their order; the posts left behind are numbered
// again without gaps. Both topics begin with their first post (its author
// and time), and every counter, pointer and read mark follows. Both topics
// must keep a visible post. It returns the new topic's id.
func (s *Store) SplitTopic(ctx context.Context, in Split, m Moderation) (int64, error) {
	ids := slices.Compact(slices.Sorted(slices.Values(in.PostIDs)))
	if len(ids) == 0 {
		return 0, ErrSplitNone
	}
	var newID int64
	err := s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		t, err := lockLiveTopic(ctx, tx, in.TopicID, in.ForumID)
		if err != nil {
			return err
		}
		var toTitle string
		if err := tx.NewRaw("SELECT title FROM forums WHERE id = ?", in.ToForumID).Scan(ctx, &toTitle); err != nil {
			return notFound(err)
		}
		var n struct{ Chosen, ChosenVisible, Visible int }
		if err := tx.NewRaw(`SELECT count(*) FILTER (WHERE id IN (?0)) AS chosen,
				count(*) FILTER (WHERE id IN (?0) AND deleted_at IS NULL) AS chosen_visible,
				count(*) FILTER (WHERE deleted_at IS NULL) AS visible
			FROM posts WHERE topic_id = ?1`, bun.In(ids), t.ID).Scan(ctx, &n); err != nil {
			return err
		}
		switch {
		case n.Chosen != len(ids):
			return ErrSplitForeign
		case n.ChosenVisible == 0:
			return ErrSplitNone
		case n.ChosenVisible == n.Visible:
			return ErrSplitAll
		}
		before, err := countedIn(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		if err := tx.NewRaw(`INSERT INTO topics (forum_id, author_id, title)
			VALUES (?, ?, ?) RETURNING id`, in.ToForumID, t.AuthorID, in.Title).Scan(ctx, &newID); err != nil {
			return err
		}
		// Read marks first, while the posts still carry their old numbers:
		// a member who had read up to number k has read, in each topic, the
		// posts that were numbered up to k.
		for _, stmt := range []struct {
			query string
			args  []any
		}{
			{`INSERT INTO topic_reads (user_id, topic_id, last_read_number)
				SELECT r.user_id, ?0, c.n FROM topic_reads r CROSS JOIN LATERAL (SELECT count(*) AS n FROM posts p
					WHERE p.topic_id = ?1 AND p.id IN (?2) AND p.post_number <= r.last_read_number) c
				WHERE r.topic_id = ?1 AND c.n > 0`, []any{newID, t.ID, bun.In(ids)}},
			{`UPDATE topic_reads r SET last_read_number = (SELECT count(*) FROM posts p
					WHERE p.topic_id = ?0 AND p.id NOT IN (?1) AND p.post_number <= r.last_read_number)
				WHERE r.topic_id = ?0`, []any{t.ID, bun.In(ids)}},
			{`UPDATE posts p SET topic_id = ?0, post_number = n.rn
				FROM (SELECT id, row_number() OVER (ORDER BY post_number) AS rn FROM posts WHERE topic_id = ?1 AND id IN (?2)) n
				WHERE p.id = n.id`, []any{newID, t.ID, bun.In(ids)}},
		} {
			if _, err := tx.NewRaw(stmt.query, stmt.args...).Exec(ctx); err != nil {
				return err
			}
		}
		if err := closeGaps(ctx, tx, t.ID); err != nil {
			return err
		}
		for _, id := range []int64{t.ID, newID} {
			if err := restartTopic(ctx, tx, id); err != nil {
				return err
			}
		}
		after, err := countedIn(ctx, tx, t.ID, newID)
		if err != nil {
			return err
		}
		if err := settleForums(ctx, tx, before, after, in.ForumID, in.ToForumID); err != nil {
			return err
		}
		e := t.entry(ModSplit)
		e.Details = fmt.Sprintf("%d %s to the new topic “%s” (#%d) in %s", len(ids), plural(len(ids), "post", "posts"), in.Title, newID, toTitle)
		return logModeration(ctx, tx, m, e)
	})
	return newID, err
}

// Merge moves every post of one topic into another.
type Merge struct {
	TopicID     int64 // the topic that goes
	ForumID     int64 // the forum it must still be in
	IntoID      int64 // the topic that takes the posts
	IntoForumID int64 // the forum that one must still be in
	// LeaveShadow keeps the merged topic as a "Moved" signpost to the
	// other, when the two are in different forums; otherwise it is removed.
	LeaveShadow bool
}

// MergeTopics moves every post of a topic into another, all numbered
// again in the order they were written, and removes the emptied topic (or
// leaves it as a signpost). Read marks, signposts, counters and pointers
// follow.
func (s *Store) MergeTopics(ctx context.Context, in Merge, m Moderation) error {
	if in.TopicID == in.IntoID {
		return ErrMergeSelf
	}
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		// Both topic rows, in id order, before anything else.
		var from, into *modTopic
		for _, id := range []int64{min(in.TopicID, in.IntoID), max(in.TopicID, in.IntoID)} {
			forumID := in.ForumID
			if id == in.IntoID {
				forumID = in.IntoForumID
			}
			t, err := lockLiveTopic(ctx, tx, id, forumID)
			if err != nil {
				return err
			}
			if id == in.IntoID {
				into = t
			} else {
				from = t
			}
		}
		before, err := countedIn(ctx, tx, from.ID, into.ID)
		if err != nil {
			return err
		}
		var moved int
		if err := tx.NewRaw("SELECT count(*) FROM posts WHERE topic_id = ?", from.ID).Scan(ctx, &moved); err != nil {
			return err
		}
		// Signposts to the merged topic will point elsewhere, changing
		// the lists of their forums.
		var signposted []int64
		if err := tx.NewRaw("SELECT DISTINCT forum_id FROM topics WHERE moved_to_id = ?", from.ID).Scan(ctx, &signposted); err != nil {
			return err
		}
		changed(ctx, TopicTag(from.ID))
		for _, id := range signposted {
			changed(ctx, ForumTag(id))
		}
		// merged numbers every post of both topics in the order written.
		const merged = `SELECT id, topic_id, post_number, row_number() OVER (ORDER BY created_at, id) AS rn
			FROM posts WHERE topic_id IN (?0, ?1)`
		for _, stmt := range []string{
			// A member's mark becomes the number just before the first
			// post they had not read in either topic.
			`WITH m AS (` + merged + `),
			r AS (SELECT user_id,
					coalesce(max(last_read_number) FILTER (WHERE topic_id = ?0), 0) AS from_n,
					coalesce(max(last_read_number) FILTER (WHERE topic_id = ?1), 0) AS into_n
				FROM topic_reads WHERE topic_id IN (?0, ?1) GROUP BY user_id)
			INSERT INTO topic_reads (user_id, topic_id, last_read_number)
			SELECT r.user_id, ?1, coalesce((SELECT min(m.rn) - 1 FROM m
					WHERE NOT ((m.topic_id = ?0 AND m.post_number <= r.from_n) OR (m.topic_id = ?1 AND m.post_number <= r.into_n))),
				(SELECT count(*) FROM m))
			FROM r
			ON CONFLICT (user_id, topic_id) DO UPDATE SET last_read_number = excluded.last_read_number`,
			`DELETE FROM topic_reads WHERE topic_id = ?0`,
			`DELETE FROM drafts WHERE topic_id = ?0`,
			`UPDATE posts p SET topic_id = ?1, post_number = -m.rn FROM (` + merged + `) m WHERE p.id = m.id`,
			`UPDATE posts SET post_number = -post_number WHERE topic_id = ?1`,
			// Signposts follow the posts, and go where they would point
			// into their own forum.
			`UPDATE topics SET moved_to_id = ?1 WHERE moved_to_id = ?0`,
			`DELETE FROM topics WHERE moved_to_id = ?1 AND forum_id = ?2`,
		} {
			if _, err := tx.NewRaw(stmt, from.ID, into.ID, into.ForumID).Exec(ctx); err != nil {
				return err
			}
		}
		if err := restartTopic(ctx, tx, into.ID); err != nil {
			return err
		}
		e := into.entry(ModMerge)
		e.ForumID = from.ForumID
		e.Details = fmt.Sprintf("“%s” (#%d, %s) merged into this topic", from.Title, from.ID, plural(moved, "post", "posts"))
		if in.LeaveShadow && from.ForumID != into.ForumID {
			_, err = tx.NewRaw(`UPDATE topics SET moved_to_id = ?, kind = 0, locked = false, reply_count = 0,
				first_post_id = NULL, last_post_id = NULL, last_post_number = 0, created_at = last_post_at
				WHERE id = ?`, into.ID, from.ID).Exec(ctx)
			e.Details += ", leaving a “Moved” link"
		} else {
			_, err = tx.NewRaw("DELETE FROM topics WHERE id = ?", from.ID).Exec(ctx)
		}
		if err != nil {
			return err
		}
		after, err := countedIn(ctx, tx, from.ID, into.ID)
		if err != nil {
			return err
		}
		if err := settleForums(ctx, tx, before, after, from.ForumID, into.ForumID); err != nil {
			return err
		}
		return logModeration(ctx, tx, m, e)
	})
}

// closeGaps numbers a topic's posts 1..n in their present order. The
// numbers pass through negatives so that no two posts ever share one.
func closeGaps(ctx context.Context, tx bun.Tx, topicID int64) error {
	if _, err := tx.NewRaw(`UPDATE posts p SET post_number = -n.rn
		FROM (SELECT id, row_number() OVER (ORDER BY post_number) AS rn FROM posts WHERE topic_id = ?) n
		WHERE p.id = n.id`, topicID).Exec(ctx); err != nil {
		return err
	}
	_, err := tx.NewRaw("UPDATE posts SET post_number = -post_number WHERE topic_id = ?", topicID).Exec(ctx)
	return err
}

// restartTopic makes a topic begin where its first post does (its author
// and time, as a new topic would), then sets its counters and pointers.
func restartTopic(ctx context.Context, tx bun.Tx, topicID int64) error {
	if _, err := tx.NewRaw(`UPDATE topics t SET author_id = p.author_id, created_at = p.created_at
		FROM posts p WHERE p.topic_id = t.id AND p.post_number = 1 AND t.id = ?`, topicID).Exec(ctx); err != nil {
		return err
	}
	return syncTopic(ctx, tx, topicID)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
