package models

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"
)

// Label is a topic kind as the board names it.
func (k TopicKind) Label() string {
	switch k {
	case TopicSticky:
		return "Sticky"
	case TopicAnnouncement:
		return "Announcement"
	}
	return "Normal"
}

// TopicKinds are the kinds a topic can have, in the order forms offer them.
var TopicKinds = []TopicKind{TopicNormal, TopicSticky, TopicAnnouncement}

// ParseTopicKind reads a kind from a form value ("0", "1", "2").
func ParseTopicKind(s string) (TopicKind, bool) {
	for _, k := range TopicKinds {
		if s == fmt.Sprint(int(k)) {
			return k, true
		}
	}
	return 0, false
}

// kindPerm is the forum permission a kind of topic needs; normal needs none.
func kindPerm(k TopicKind) Perm {
	switch k {
	case TopicSticky:
		return FSticky
	case TopicAnnouncement:
		return FAnnounce
	}
	return 0
}

// MayStartKind reports whether the visitor may start a topic of kind k in a
// forum: stickies need f_sticky and announcements f_announce, as in phpBB.
func (r *Rights) MayStartKind(forumID int64, k TopicKind) bool {
	return r.Can(forumID, kindPerm(k))
}

// MaySetKind reports whether the visitor may change a topic of a forum from
// one kind to another. It is moderation, so it needs a moderator permission
// there, and, as phpBB asks, the right to post each kind involved: making
// an announcement normal needs f_announce too.
func (r *Rights) MaySetKind(forumID int64, from, to TopicKind) bool {
	return r.CanAny(forumID, ModeratorPerms) && r.Can(forumID, FRead|kindPerm(from)|kindPerm(to))
}

// modTopic is what a moderator action needs of the topic it acts on.
type modTopic struct {
	ID         int64
	ForumID    int64
	AuthorID   int64
	Title      string
	Kind       TopicKind
	Locked     bool
	MovedToID  int64
	Deleted    bool
	LastPostAt time.Time
}

// live reports whether the topic is an ordinary one: not deleted, not a
// "Moved" signpost.
func (t *modTopic) live() bool { return !t.Deleted && t.MovedToID == 0 }

func (t *modTopic) entry(action ModAction) ModLogEntry {
	return ModLogEntry{Action: action, ForumID: t.ForumID, TopicID: t.ID, TopicTitle: t.Title}
}

const modTopicColumns = `id, forum_id, author_id, title, kind, locked, coalesce(moved_to_id, 0) AS moved_to_id,
	deleted_at IS NOT NULL AS deleted, last_post_at`

// announceTopic notes a change to a topic as its pages and its forum's
// list show it.
func announceTopic(ctx context.Context, t *modTopic) {
	changed(ctx, TopicTag(t.ID), ForumTag(t.ForumID))
}

// lockTopic takes the row lock of a topic that must still be in the forum
// the moderator's rights were checked against. Every writer locks the
// topic first (see writePost).
func lockTopic(ctx context.Context, tx bun.Tx, id, forumID int64) (*modTopic, error) {
	t := new(modTopic)
	err := tx.NewRaw("SELECT "+modTopicColumns+" FROM topics WHERE id = ? AND forum_id = ? FOR UPDATE", id, forumID).Scan(ctx, t)
	return t, notFound(err)
}

// lockLiveTopic is lockTopic for actions that only ordinary topics take.
func lockLiveTopic(ctx context.Context, tx bun.Tx, id, forumID int64) (*modTopic, error) {
	t, err := lockTopic(ctx, tx, id, forumID)
	if err == nil && !t.live() {
		err = ErrNotFound
	}
	return t, err
}

// SetTopicLocked locks or unlocks a topic of a forum. It reports whether
// anything changed; a topic that already was so is left alone, unlogged.
func (s *Store) SetTopicLocked(ctx context.Context, topicID, forumID int64, locked bool, m Moderation) (changed bool, err error) {
	err = s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		t, err := lockLiveTopic(ctx, tx, topicID, forumID)
		if err != nil || t.Locked == locked {
			return err
		}
		changed = true
		if _, err := tx.NewRaw("UPDATE topics SET locked = ? WHERE id = ?", locked, t.ID).Exec(ctx); err != nil {
			return err
		}
		announceTopic(ctx, t)
		action := ModUnlock
		if locked {
			action = ModLock
		}
		return logModeration(ctx, tx, m, t.entry(action))
	})
	return changed, err
}

// SetTopicKind makes a topic of a forum normal, sticky or an announcement,
// reporting whether anything changed.
func (s *Store) SetTopicKind(ctx context.Context, topicID, forumID int64, kind TopicKind, m Moderation) (changed bool, err error) {
	if !slices.Contains(TopicKinds, kind) {
		return false, ErrInvalid
	}
	err = s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		t, err := lockLiveTopic(ctx, tx, topicID, forumID)
		if err != nil || t.Kind == kind {
			return err
		}
		changed = true
		if _, err := tx.NewRaw("UPDATE topics SET kind = ? WHERE id = ?", kind, t.ID).Exec(ctx); err != nil {
			return err
		}
		announceTopic(ctx, t)
		e := t.entry(ModKind)
		e.Details = t.Kind.Label() + " → " + kind.Label()
		return logModeration(ctx, tx, m, e)
	})
	return changed, err
}

// MoveTopic moves a topic to another forum, optionally leaving a "Moved"
// signpost in the old one; both forums' counters and last posts follow.
// Signposts to the topic that stood in the destination go: the topic is
// there now.
func (s *Store) MoveTopic(ctx context.Context, topicID, fromForumID, toForumID int64, leaveShadow bool, m Moderation) error {
	if fromForumID == toForumID {
		return fmt.Errorf("%w: the topic is already in that forum", ErrInvalid)
	}
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		t, err := lockLiveTopic(ctx, tx, topicID, fromForumID)
		if err != nil {
			return err
		}
		// Both forums are locked now, in id order: moving the topic (and
		// leaving a signpost) takes key locks on them, and a later lock in
		// another order would deadlock against moves the other way round.
		for _, id := range []int64{min(fromForumID, toForumID), max(fromForumID, toForumID)} {
			if err := lockForum(ctx, tx, id); err != nil {
				return err
			}
		}
		var toTitle string
		if err := tx.NewRaw("SELECT title FROM forums WHERE id = ?", toForumID).Scan(ctx, &toTitle); err != nil {
			return notFound(err)
		}
		before, err := countedIn(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		for _, stmt := range []struct {
			query string
			args  []any
		}{
			{"UPDATE topics SET forum_id = ? WHERE id = ?", []any{toForumID, t.ID}},
			{"DELETE FROM topics WHERE moved_to_id = ? AND forum_id = ?", []any{t.ID, toForumID}},
		} {
			if _, err := tx.NewRaw(stmt.query, stmt.args...).Exec(ctx); err != nil {
				return err
			}
		}
		announceTopic(ctx, t)
		changed(ctx, TagSearch)
		e := t.entry(ModMove)
		e.Details = "to " + toTitle
		if leaveShadow {
			if err := leaveSignpost(ctx, tx, t, fromForumID, t.ID); err != nil {
				return err
			}
			e.Details += ", leaving a “Moved” link"
		}
		after, err := countedIn(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		if err := settleForums(ctx, tx, before, after, fromForumID, toForumID); err != nil {
			return err
		}
		return logModeration(ctx, tx, m, e)
	})
}

// leaveSignpost puts a "Moved" topic into a forum pointing at another. It
// stands where the topic stood in the list (its time is the topic's last
// post) and, having no posts, counts for nothing.
func leaveSignpost(ctx context.Context, tx bun.Tx, t *modTopic, forumID, targetID int64) error {
	_, err := tx.NewRaw(`INSERT INTO topics (forum_id, author_id, title, moved_to_id, created_at, last_post_at)
		VALUES (?, ?, ?, ?, ?, ?)`, forumID, t.AuthorID, t.Title, targetID, t.LastPostAt, t.LastPostAt).Exec(ctx)
	return err
}

// RemoveSignpost deletes a "Moved" signpost from a forum.
func (s *Store) RemoveSignpost(ctx context.Context, topicID, forumID int64, m Moderation) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		t, err := lockTopic(ctx, tx, topicID, forumID)
		if err != nil {
			return err
		}
		if t.MovedToID == 0 {
			return ErrNotFound
		}
		if _, err := tx.NewRaw("DELETE FROM topics WHERE id = ?", t.ID).Exec(ctx); err != nil {
			return err
		}
		announceTopic(ctx, t)
		e := t.entry(ModRemoveShadow)
		e.TopicID = 0 // the row is gone; the title tells what it was
		return logModeration(ctx, tx, m, e)
	})
}

// DeleteTopic soft-deletes a topic: every visible post is deleted with it,
// at the same moment, and taken off its author's count; the forum's
// counters and last post follow. Moderators still see it and can restore it.
func (s *Store) DeleteTopic(ctx context.Context, topicID, forumID int64, m Moderation) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		t, err := lockLiveTopic(ctx, tx, topicID, forumID)
		if err != nil {
			return err
		}
		before, err := countedIn(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		if err := countAuthors(ctx, tx, -1, "topic_id = ? AND deleted_at IS NULL", t.ID); err != nil {
			return err
		}
		if _, err := tx.NewRaw("UPDATE posts SET deleted_at = now(), deleted_by = ? WHERE topic_id = ? AND deleted_at IS NULL",
			m.ModeratorID, t.ID).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewRaw("UPDATE topics SET deleted_at = now(), deleted_by = ? WHERE id = ?", m.ModeratorID, t.ID).Exec(ctx); err != nil {
			return err
		}
		if err := syncTopic(ctx, tx, t.ID); err != nil {
			return err
		}
		if err := settleCounts(ctx, tx, before, t.ID); err != nil {
			return err
		}
		e := t.entry(ModDeleteTopic)
		e.TargetUserID = t.AuthorID
		return logModeration(ctx, tx, m, e)
	})
}

// RestoreTopic undoes the deletion of a topic: the posts deleted last (with
// the topic, or the post whose deletion took the topic with it) come back,
// with every counter and pointer they count in. Posts deleted earlier, one
// by one, stay deleted.
func (s *Store) RestoreTopic(ctx context.Context, topicID, forumID int64, m Moderation) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		t, err := lockTopic(ctx, tx, topicID, forumID)
		if err != nil {
			return err
		}
		if !t.Deleted || t.MovedToID != 0 {
			return fmt.Errorf("%w: the topic is not deleted", ErrConflict)
		}
		var at sql.NullTime
		if err := tx.NewRaw("SELECT max(deleted_at) FROM posts WHERE topic_id = ?", t.ID).Scan(ctx, &at); err != nil {
			return err
		}
		if !at.Valid {
			return fmt.Errorf("%w: the topic has no posts to restore", ErrConflict)
		}
		before, err := countedIn(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		if err := countAuthors(ctx, tx, 1, "topic_id = ? AND deleted_at = ?", t.ID, at.Time); err != nil {
			return err
		}
		if _, err := tx.NewRaw("UPDATE posts SET deleted_at = NULL, deleted_by = NULL WHERE topic_id = ? AND deleted_at = ?",
			t.ID, at.Time).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewRaw("UPDATE topics SET deleted_at = NULL, deleted_by = NULL WHERE id = ?", t.ID).Exec(ctx); err != nil {
			return err
		}
		if err := syncTopic(ctx, tx, t.ID); err != nil {
			return err
		}
		if err := settleCounts(ctx, tx, before, t.ID); err != nil {
			return err
		}
		e := t.entry(ModRestoreTopic)
		e.TargetUserID = t.AuthorID
		return logModeration(ctx, tx, m, e)
	})
}

// RestorePost brings back a deleted post of a forum, and its topic with it
// when the topic had gone for want of visible posts.
func (s *Store) RestorePost(ctx context.Context, postID, forumID int64, m Moderation) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		var p struct {
			TopicID  int64
			AuthorID int64
		}
		// The topic row first, as every writer locks it first.
		err := tx.NewRaw(`SELECT p.topic_id, p.author_id FROM posts p JOIN topics t ON t.id = p.topic_id
			WHERE p.id = ? AND p.deleted_at IS NOT NULL AND t.forum_id = ? FOR UPDATE OF t, p`, postID, forumID).Scan(ctx, &p)
		if err != nil {
			return notFound(err)
		}
		t, err := lockTopic(ctx, tx, p.TopicID, forumID)
		if err != nil {
			return err
		}
		before, err := countedIn(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		for _, stmt := range []struct {
			query string
			args  []any
		}{
			{"UPDATE users SET post_count = post_count + 1 WHERE id = ?", []any{p.AuthorID}},
			{"UPDATE posts SET deleted_at = NULL, deleted_by = NULL WHERE id = ?", []any{postID}},
			{"UPDATE topics SET deleted_at = NULL, deleted_by = NULL WHERE id = ?", []any{t.ID}},
		} {
			if _, err := tx.NewRaw(stmt.query, stmt.args...).Exec(ctx); err != nil {
				return err
			}
		}
		changed(ctx, AuthorTag(p.AuthorID), TagMembers)
		if err := syncTopic(ctx, tx, t.ID); err != nil {
			return err
		}
		if err := settleCounts(ctx, tx, before, t.ID); err != nil {
			return err
		}
		e := t.entry(ModRestorePost)
		e.PostID, e.TargetUserID = postID, p.AuthorID
		if t.Deleted {
			e.Details = "The topic was restored with it."
		}
		return logModeration(ctx, tx, m, e)
	})
}

// countAuthors adds delta to the post count of every author of the posts
// matching where, once per post, locking the authors in id order so that
// two such changes cannot deadlock.
func countAuthors(ctx context.Context, tx bun.Tx, delta int, where string, args ...any) error {
	var rows []struct {
		AuthorID int64
		N        int
	}
	if err := tx.NewRaw("SELECT author_id, count(*) AS n FROM posts WHERE "+where+" GROUP BY author_id ORDER BY author_id",
		args...).Scan(ctx, &rows); err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := tx.NewRaw("UPDATE users SET post_count = post_count + ? WHERE id = ?", delta*r.N, r.AuthorID).Exec(ctx); err != nil {
			return err
		}
		changed(ctx, AuthorTag(r.AuthorID))
	}
	changed(ctx, TagMembers)
	return nil
}

// syncTopic sets a topic's counters and post pointers from its posts, by
// the same rules as the recount: replies and first and last post among
// the visible posts, the last number among all of them.
func syncTopic(ctx context.Context, tx bun.Tx, topicID int64) error {
	// Whatever changed a topic's posts changed what searches find and the
	// board's totals.
	changed(ctx, TopicTag(topicID), TagSearch, TagStats)
	_, err := tx.NewRaw(`UPDATE topics t SET
			reply_count = greatest((SELECT count(*) FROM posts p WHERE p.topic_id = t.id AND p.deleted_at IS NULL) - 1, 0),
			first_post_id = (SELECT p.id FROM posts p WHERE p.topic_id = t.id AND p.deleted_at IS NULL ORDER BY p.post_number LIMIT 1),
			last_post_id = (SELECT p.id FROM posts p WHERE p.topic_id = t.id AND p.deleted_at IS NULL ORDER BY p.post_number DESC LIMIT 1),
			last_post_number = coalesce((SELECT max(p.post_number) FROM posts p WHERE p.topic_id = t.id), 0),
			last_post_at = coalesce((SELECT max(p.created_at) FROM posts p WHERE p.topic_id = t.id AND p.deleted_at IS NULL), t.created_at)
		WHERE t.id = ?`, topicID).Exec(ctx)
	return err
}

// forumTally is what some topics add to one forum's counters.
type forumTally struct {
	Topics int
	Posts  int
}

// countedIn returns, per forum, what the given topics add to its counters:
// a topic counts while it is no signpost and has a visible post.
func countedIn(ctx context.Context, tx bun.Tx, topicIDs ...int64) (map[int64]forumTally, error) {
	var rows []struct {
		ForumID int64
		Topics  int
		Posts   int
	}
	err := tx.NewRaw(`SELECT forum_id, count(*) AS topics, coalesce(sum(reply_count + 1), 0) AS posts FROM topics
		WHERE id IN (?) AND moved_to_id IS NULL AND last_post_id IS NOT NULL GROUP BY forum_id`, bun.In(topicIDs)).Scan(ctx, &rows)
	out := map[int64]forumTally{}
	for _, r := range rows {
		out[r.ForumID] = forumTally{Topics: r.Topics, Posts: r.Posts}
	}
	return out, err
}

// settleCounts is settleForums for an action that keeps its topic in its forum.
func settleCounts(ctx context.Context, tx bun.Tx, before map[int64]forumTally, topicID int64) error {
	after, err := countedIn(ctx, tx, topicID)
	if err != nil {
		return err
	}
	return settleForums(ctx, tx, before, after)
}

// forumLastPostExpr finds a forum's (alias f) newest post through the
// topics_forum_latest index.
const forumLastPostExpr = `(SELECT t.last_post_id FROM topics t
	WHERE t.forum_id = f.id AND t.deleted_at IS NULL AND t.moved_to_id IS NULL AND t.last_post_id IS NOT NULL
	ORDER BY t.last_post_at DESC, t.id DESC LIMIT 1)`

// lockForum takes a forum's row before an UPDATE that finds its newest
// post with forumLastPostExpr. Under READ COMMITTED an UPDATE that waits
// for the row rechecks the row but runs its subquery in the snapshot taken
// before the wait, so it would miss a reply that committed meanwhile and
// point the forum at an older post; with the row taken first, the UPDATE
// starts after that reply and sees it.
func lockForum(ctx context.Context, tx bun.Tx, id int64) error {
	_, err := tx.NewRaw("SELECT id FROM forums WHERE id = ? FOR UPDATE", id).Exec(ctx)
	return err
}

// settleForums moves each forum's counters by what the changed topics
// added after the change less what they added before, and finds each
// forum's last post anew. Forums are locked in id order, after the topics
// and authors, as every writer locks them.
func settleForums(ctx context.Context, tx bun.Tx, before, after map[int64]forumTally, also ...int64) error {
	ids := slices.Clone(also)
	for id := range before {
		ids = append(ids, id)
	}
	for id := range after {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		changed(ctx, ForumTag(id))
		topics, posts := after[id].Topics-before[id].Topics, after[id].Posts-before[id].Posts
		if err := lockForum(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.NewRaw(`UPDATE forums f SET topic_count = topic_count + ?, post_count = post_count + ?,
				last_post_id = `+forumLastPostExpr+` WHERE f.id = ?`, topics, posts, id).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
