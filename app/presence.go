package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sync"
	"time"

	"hyperboard/models"
)

// presence buffers who was seen when, for "who is online" and for sliding
// session expiry; a periodic job writes it, so a page view costs no write.
type presence struct {
	store *models.Store

	mu       sync.Mutex
	guests   map[string]time.Time
	sessions map[int64]time.Time
}

func newPresence(store *models.Store) *presence {
	return &presence{store: store, guests: map[string]time.Time{}, sessions: map[int64]time.Time{}}
}

// Guest notes a guest, known only by a hash of address and browser.
func (p *presence) Guest(ip, userAgent string, at time.Time) {
	sum := sha256.Sum256([]byte(ip + "\x00" + userAgent))
	key := hex.EncodeToString(sum[:12])
	p.mu.Lock()
	p.guests[key] = at
	p.mu.Unlock()
}

// Session notes a member's session in use.
func (p *presence) Session(id int64, at time.Time) {
	p.mu.Lock()
	p.sessions[id] = at
	p.mu.Unlock()
}

// Flush writes what was seen; what fails to be written is simply dropped,
// as the next request will be seen again.
func (p *presence) Flush(ctx context.Context) error {
	p.mu.Lock()
	guests, sessions := p.guests, p.sessions
	p.guests, p.sessions = map[string]time.Time{}, map[int64]time.Time{}
	p.mu.Unlock()
	return errors.Join(p.store.RecordGuests(ctx, guests), p.store.TouchSessions(ctx, sessions))
}
