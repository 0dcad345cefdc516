package models

import "context"

// BenchTargets are the pages `make bench` measures on a seeded board.
type BenchTargets struct {
	ForumID     int64  `json:"forum_id"`
	ForumTitle  string `json:"forum_title"`
	ForumTopics int    `json:"forum_topics"`
	TopicID     int64  `json:"topic_id"`
	TopicTitle  string `json:"topic_title"`
	TopicPosts  int    `json:"topic_posts"`
	PostID      int64  `json:"post_id"`
}

// BenchTargets finds the busiest forum, the longest topic and that topic's
// last post.
func (s *Store) BenchTargets(ctx context.Context) (*BenchTargets, error) {
	t := new(BenchTargets)
	err := s.db.NewRaw(`SELECT f.id, f.title, f.topic_count, t.id, t.title, t.reply_count + 1, t.last_post_id
		FROM (SELECT id, title, topic_count FROM forums ORDER BY topic_count DESC, id LIMIT 1) f,
			(SELECT id, title, reply_count, last_post_id FROM topics WHERE deleted_at IS NULL
				ORDER BY reply_count DESC, id LIMIT 1) t`).
		Scan(ctx, &t.ForumID, &t.ForumTitle, &t.ForumTopics, &t.TopicID, &t.TopicTitle, &t.TopicPosts, &t.PostID)
	return t, notFound(err)
}
