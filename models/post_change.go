package models

import (
	"context"
	"database/sql"
	"errors"

	"github.com/uptrace/bun"
)

// PostEdit is a change to a post: its new text and, for a topic's first
// post, the topic's title.
type PostEdit struct {
	EditorID  int64
	Subject   string
	Body      string
	BodyHTML  string
	Reason    string
	Title     string // "" keeps the title
	EditCount int    // the version the editor started from
}

// ErrEdited is an edit made to a version of the post that someone else has
// changed since.
var ErrEdited = errors.New("the post was edited by someone else")

// EditablePost is a post with what an edit needs to know of its topic.
type EditablePost struct {
	Post
	TopicTitle     string
	TopicLocked    bool
	ForumID        int64
	ForumLocked    bool
	LastPostNumber int
	RepliesAfter   int // visible posts after this one
}

// Closed reports whether the post's topic or forum is locked.
func (p *EditablePost) Closed() bool { return p.TopicLocked || p.ForumLocked }

// EditablePost loads a visible post for editing or deletion.
func (s *Store) EditablePost(ctx context.Context, id int64) (*EditablePost, error) {
	p := new(EditablePost)
	err := s.db.NewRaw(`SELECT p.id, p.topic_id, p.author_id, p.post_number, p.subject, p.body, p.edit_count,
			t.title AS topic_title, t.locked AS topic_locked, t.forum_id, f.locked AS forum_locked, t.last_post_number,
			(SELECT count(*) FROM posts q WHERE q.topic_id = p.topic_id AND q.post_number > p.post_number AND q.deleted_at IS NULL) AS replies_after
		FROM posts p JOIN topics t ON t.id = p.topic_id JOIN forums f ON f.id = t.forum_id
		WHERE p.id = ? AND p.deleted_at IS NULL AND t.deleted_at IS NULL`, id).Scan(ctx, p)
	if err != nil {
		return nil, notFound(err)
	}
	return p, nil
}

// EditPost saves an edit, counting it and noting who made it and why. It
// fails with ErrEdited when the post changed since the editor loaded it.
// An edit of someone else's post is a moderator's, and goes into the
// moderator log with the edit's reason.
func (s *Store) EditPost(ctx context.Context, id int64, e PostEdit) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		var p struct {
			TopicID    int64
			PostNumber int
			AuthorID   int64
			ForumID    int64
			TopicTitle string
			OldBody    string
		}
		// old reads the row as the statement found it: the text before the edit.
		err := tx.NewRaw(`UPDATE posts SET subject = ?, body = ?, body_html = ?, edit_reason = ?, edited_by = ?,
				edited_at = now(), edit_count = edit_count + 1
			FROM topics t, (SELECT body FROM posts WHERE id = ?) old
			WHERE posts.id = ? AND posts.edit_count = ? AND posts.deleted_at IS NULL AND t.id = posts.topic_id
			RETURNING posts.topic_id, posts.post_number, posts.author_id, t.forum_id, t.title AS topic_title, old.body AS old_body`,
			e.Subject, e.Body, e.BodyHTML, e.Reason, e.EditorID, id, id, e.EditCount).Scan(ctx, &p)
		if errors.Is(err, sql.ErrNoRows) {
			var exists bool
			if err := tx.NewRaw("SELECT EXISTS (SELECT 1 FROM posts WHERE id = ? AND deleted_at IS NULL)", id).Scan(ctx, &exists); err != nil {
				return err
			}
			if !exists {
				return ErrNotFound
			}
			return ErrEdited
		}
		if err != nil {
			return err
		}
		// The editor's name shows under the post; a first post's subject
		// or title shows in lists of topics too.
		changed(ctx, TopicTag(p.TopicID), ForumTag(p.ForumID), UserTag(e.EditorID), TagSearch)
		if p.AuthorID != e.EditorID {
			err := logModeration(ctx, tx, Moderation{ModeratorID: e.EditorID, Reason: e.Reason}, ModLogEntry{
				Action: ModEditPost, ForumID: p.ForumID, TopicID: p.TopicID, TopicTitle: p.TopicTitle,
				PostID: id, TargetUserID: p.AuthorID, Details: editDetails(p.OldBody, e.Body)})
			if err != nil {
				return err
			}
		}
		if e.Title == "" || p.PostNumber != 1 {
			return nil
		}
		_, err = tx.NewRaw("UPDATE topics SET title = ? WHERE id = ?", e.Title, p.TopicID).Exec(ctx)
		return err
	})
}

// DeletePost soft-deletes a post and corrects every counter and pointer it
// counted in; when it was a topic's only visible post, the topic goes too.
// It reports whether the topic was deleted.
func (s *Store) DeletePost(ctx context.Context, id, byUserID int64) (topicGone bool, err error) {
	return s.DeletePostWithReason(ctx, id, byUserID, "")
}

// DeletePostWithReason is DeletePost with the deleter's reason. Deleting
// someone else's post is a moderator's action, and goes into the moderator
// log with the reason.
func (s *Store) DeletePostWithReason(ctx context.Context, id, byUserID int64, reason string) (topicGone bool, err error) {
	err = s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		var p struct {
			TopicID    int64
			AuthorID   int64
			ForumID    int64
			TopicTitle string
		}
		// The topic row first, as every writer locks it first.
		err := tx.NewRaw(`SELECT p.topic_id, p.author_id, t.forum_id, t.title AS topic_title FROM posts p JOIN topics t ON t.id = p.topic_id
			WHERE p.id = ? AND p.deleted_at IS NULL FOR UPDATE OF t, p`, id).Scan(ctx, &p)
		if err != nil {
			return notFound(err)
		}
		if _, err := tx.NewRaw("UPDATE posts SET deleted_at = now(), deleted_by = ? WHERE id = ?", byUserID, id).Exec(ctx); err != nil {
			return err
		}
		var last struct {
			ID        sql.NullInt64
			CreatedAt sql.NullTime
			FirstID   sql.NullInt64
		}
		if err := tx.NewRaw(`SELECT
				(SELECT id FROM posts WHERE topic_id = ?0 AND deleted_at IS NULL ORDER BY post_number DESC LIMIT 1) AS id,
				(SELECT created_at FROM posts WHERE topic_id = ?0 AND deleted_at IS NULL ORDER BY post_number DESC LIMIT 1) AS created_at,
				(SELECT id FROM posts WHERE topic_id = ?0 AND deleted_at IS NULL ORDER BY post_number LIMIT 1) AS first_id`,
			p.TopicID).Scan(ctx, &last); err != nil {
			return err
		}
		topicGone = !last.ID.Valid
		topicDelta := 0
		if topicGone {
			topicDelta = 1
			_, err = tx.NewRaw(`UPDATE topics SET deleted_at = now(), deleted_by = ?, reply_count = 0, first_post_id = NULL, last_post_id = NULL,
				last_post_at = created_at WHERE id = ?`, byUserID, p.TopicID).Exec(ctx)
		} else {
			_, err = tx.NewRaw(`UPDATE topics SET reply_count = reply_count - 1, first_post_id = ?, last_post_id = ?, last_post_at = ?
				WHERE id = ?`, last.FirstID.Int64, last.ID.Int64, last.CreatedAt.Time, p.TopicID).Exec(ctx)
		}
		if err != nil {
			return err
		}
		if _, err := tx.NewRaw("UPDATE users SET post_count = post_count - 1 WHERE id = ?", p.AuthorID).Exec(ctx); err != nil {
			return err
		}
		if err := lockForum(ctx, tx, p.ForumID); err != nil {
			return err
		}
		changed(ctx, TopicTag(p.TopicID), ForumTag(p.ForumID), AuthorTag(p.AuthorID), TagStats, TagMembers, TagSearch)
		_, err = tx.NewRaw(`UPDATE forums f SET post_count = post_count - 1, topic_count = topic_count - ?,
				last_post_id = `+forumLastPostExpr+`
			WHERE id = ?`, topicDelta, p.ForumID).Exec(ctx)
		if err != nil || p.AuthorID == byUserID {
			return err
		}
		e := ModLogEntry{Action: ModDeletePost, ForumID: p.ForumID, TopicID: p.TopicID, TopicTitle: p.TopicTitle,
			PostID: id, TargetUserID: p.AuthorID}
		if topicGone {
			e.Details = "It was the topic's last visible post, so the topic was deleted with it."
		}
		return logModeration(ctx, tx, Moderation{ModeratorID: byUserID, Reason: reason}, e)
	})
	return topicGone, err
}

// maxLoggedText bounds each side of an edit kept in the moderator log.
const maxLoggedText = 2000

// editDetails records a moderator's edit as the text before and after, so
// the log shows what was changed, not only that something was.
func editDetails(before, after string) string {
	clip := func(s string) string {
		if r := []rune(s); len(r) > maxLoggedText {
			return string(r[:maxLoggedText]) + "…"
		}
		return s
	}
	return "Before: " + clip(before) + "\nAfter: " + clip(after)
}
