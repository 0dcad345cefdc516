package models

import (
	"context"
	"time"
)

// PostIP is a post's author and the address it was written from, for
// moderators with m_info.
type PostIP struct {
	PostID     int64
	PostNumber int
	TopicID    int64
	TopicTitle string
	ForumID    int64
	AuthorID   int64
	Author     string
	IP         string // "" when the post was written without one
	Deleted    bool   // the post or its topic is deleted
}

// PostIP finds who wrote a post, deleted or not, and from where.
func (s *Store) PostIP(ctx context.Context, postID int64) (*PostIP, error) {
	p := new(PostIP)
	err := s.db.NewRaw(`SELECT p.id AS post_id, p.post_number, p.topic_id, t.title AS topic_title, t.forum_id,
			p.author_id, u.username AS author, coalesce(host(p.author_ip), '') AS ip,
			p.deleted_at IS NOT NULL OR t.deleted_at IS NOT NULL AS deleted
		FROM posts p JOIN topics t ON t.id = p.topic_id JOIN users u ON u.id = p.author_id
		WHERE p.id = ?`, postID).Scan(ctx, p)
	if err != nil {
		return nil, notFound(err)
	}
	return p, nil
}

// IPAccount is a member who has posted from an address: how often, and
// when last.
type IPAccount struct {
	UserID   int64
	Username string
	Posts    int
	LastAt   time.Time
}

// AccountsFromIP lists the members who have posted from an address, those
// who posted from it most first, at most limit of them.
func (s *Store) AccountsFromIP(ctx context.Context, ip string, limit int) ([]IPAccount, error) {
	if ip == "" {
		return nil, nil
	}
	var out []IPAccount
	err := s.db.NewRaw(`SELECT u.id AS user_id, u.username, count(*) AS posts, max(p.created_at) AS last_at
		FROM posts p JOIN users u ON u.id = p.author_id
		WHERE p.author_ip = ?::inet
		GROUP BY u.id, u.username
		ORDER BY posts DESC, u.username
		LIMIT ?`, ip, limit).Scan(ctx, &out)
	return out, err
}
