package models

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Session lifetimes: a browser session ends after SessionIdle without a
// request; "remember me" keeps one for SessionRemember from login.
const (
	SessionIdle     = 2 * time.Hour
	SessionRemember = 30 * 24 * time.Hour
)

// Session is a member's login on one browser.
type Session struct {
	bun.BaseModel `bun:"table:sessions,alias:s"`

	ID         int64 `bun:",pk,autoincrement"`
	TokenHash  []byte
	UserID     int64
	CSRFToken  string `bun:"csrf_token"`
	Remember   bool
	CreatedAt  time.Time `bun:",nullzero,default:now()"`
	LastSeenAt time.Time `bun:",nullzero,default:now()"`
	ExpiresAt  time.Time
	IP         string `bun:",nullzero,type:inet"`
	UserAgent  string
}

// NewToken returns 256 random bits, URL-safe, for cookies and CSRF tokens.
func NewToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails on Linux; crypto/rand panics rather than return weak bytes
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken is what the database keeps of a session token.
func HashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// CreateSession logs a member in on one browser and returns the token for
// its cookie; only the token's hash is stored.
func (s *Store) CreateSession(ctx context.Context, userID int64, remember bool, ip, userAgent string) (string, *Session, error) {
	token := NewToken()
	life := SessionIdle
	if remember {
		life = SessionRemember
	}
	sess := &Session{
		TokenHash: HashToken(token),
		UserID:    userID,
		CSRFToken: NewToken(),
		Remember:  remember,
		ExpiresAt: time.Now().Add(life),
		IP:        ip,
		UserAgent: truncate(userAgent, 300),
	}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(sess).Returning("id, created_at, last_seen_at").Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewUpdate().Model((*User)(nil)).Set("last_visit_at = now()").Where("id = ?", userID).Exec(ctx)
		return err
	})
	if err != nil {
		return "", nil, err
	}
	return token, sess, nil
}

// DeleteSession ends the session with this token, if there is one.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		var owners []int64
		err := tx.NewRaw("DELETE FROM sessions WHERE token_hash = ? RETURNING user_id", HashToken(token)).Scan(ctx, &owners)
		changedViewers(ctx, owners)
		return err
	})
}

// DeleteOtherSessions ends every session of a member but one (0 ends all).
func (s *Store) DeleteOtherSessions(ctx context.Context, userID, keepID int64) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		changed(ctx, ViewerTag(userID))
		_, err := tx.NewDelete().Model((*Session)(nil)).Where("user_id = ? AND id <> ?", userID, keepID).Exec(ctx)
		return err
	})
}

// TouchSessions records when sessions were last used, in one statement,
// and slides the expiry of those that are not "remember me".
func (s *Store) TouchSessions(ctx context.Context, seen map[int64]time.Time) error {
	if len(seen) == 0 {
		return nil
	}
	ids, ats := sortedTimes(seen)
	_, err := s.db.NewRaw(`UPDATE sessions s SET last_seen_at = greatest(s.last_seen_at, v.at),
			expires_at = CASE WHEN s.remember THEN s.expires_at ELSE greatest(s.expires_at, v.at + ? * interval '1 second') END
		FROM unnest(?::bigint[], ?::timestamptz[]) AS v(id, at)
		WHERE s.id = v.id`, int(SessionIdle.Seconds()), pgdialect.Array(ids), pgdialect.Array(ats)).Exec(ctx)
	return err
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
