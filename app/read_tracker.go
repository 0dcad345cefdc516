package app

import (
	"context"
	"sync"

	"hyperboard/models"
)

// readTracker buffers how far members have read topics; a periodic job
// writes it, so reading a page costs no write. Only the furthest mark of a
// member in a topic is kept, and the flush never moves a stored mark back,
// so several servers may each buffer the same member.
type readTracker struct {
	store *models.Store

	mu      sync.Mutex
	pending map[readKey]int
}

type readKey struct{ user, topic int64 }

func newReadTracker(store *models.Store) *readTracker {
	return &readTracker{store: store, pending: map[readKey]int{}}
}

// Add notes that a member has been shown a topic's posts up to number n.
func (r *readTracker) Add(userID, topicID int64, n int) {
	k := readKey{userID, topicID}
	r.mu.Lock()
	r.pending[k] = max(r.pending[k], n)
	r.mu.Unlock()
}

// Clear unflags the topics of a list that the member has read to the end
// since the last flush, so a list shown right after reading agrees with
// what was just read.
func (r *readTracker) Clear(userID int64, topics []*models.Topic) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, t := range topics {
		if t.Unread && r.pending[readKey{userID, t.ID}] >= t.LastPostNumber {
			t.Unread = false
		}
	}
}

// Flush writes the buffered marks; on failure they are kept for next time.
func (r *readTracker) Flush(ctx context.Context) error {
	r.mu.Lock()
	batch := r.pending
	r.pending = map[readKey]int{}
	r.mu.Unlock()
	reads := make([]models.TopicRead, 0, len(batch))
	for k, n := range batch {
		reads = append(reads, models.TopicRead{UserID: k.user, TopicID: k.topic, Number: n})
	}
	if err := r.store.RecordTopicReads(ctx, reads); err != nil {
		r.mu.Lock()
		for k, n := range batch {
			r.pending[k] = max(r.pending[k], n)
		}
		r.mu.Unlock()
		return err
	}
	return nil
}
