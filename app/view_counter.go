package app

import (
	"context"
	"sync"

	"hyperboard/models"
)

// viewCounter buffers topic views in memory; a periodic job adds them to
// the database, so reading a topic costs no write. Several servers can each
// buffer their own counts: the flush adds, it never overwrites.
type viewCounter struct {
	store *models.Store

	mu      sync.Mutex
	pending map[int64]int64
}

func newViewCounter(store *models.Store) *viewCounter {
	return &viewCounter{store: store, pending: map[int64]int64{}}
}

// Add records one view of a topic.
func (v *viewCounter) Add(topicID int64) {
	v.mu.Lock()
	v.pending[topicID]++
	v.mu.Unlock()
}

// Flush writes the buffered counts; on failure they are kept for next time.
func (v *viewCounter) Flush(ctx context.Context) error {
	v.mu.Lock()
	batch := v.pending
	v.pending = map[int64]int64{}
	v.mu.Unlock()
	if err := v.store.AddTopicViews(ctx, batch); err != nil {
		v.mu.Lock()
		for id, n := range batch {
			v.pending[id] += n
		}
		v.mu.Unlock()
		return err
	}
	return nil
}
