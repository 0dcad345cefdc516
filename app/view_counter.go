package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"hyperboard/models"
)

// viewCounter buffers topic views in memory and adds them to the database
// every interval, so reading a topic costs no write. Several servers can
// each buffer their own counts: the flush adds, it never overwrites.
type viewCounter struct {
	store *models.Store
	log   *slog.Logger

	mu      sync.Mutex
	pending map[int64]int64

	stop chan struct{}
	done chan struct{}
}

func newViewCounter(store *models.Store, log *slog.Logger, every time.Duration) *viewCounter {
	v := &viewCounter{store: store, log: log, pending: map[int64]int64{}, stop: make(chan struct{}), done: make(chan struct{})}
	go v.run(every)
	return v
}

// Add records one view of a topic.
func (v *viewCounter) Add(topicID int64) {
	v.mu.Lock()
	v.pending[topicID]++
	v.mu.Unlock()
}

func (v *viewCounter) run(every time.Duration) {
	defer close(v.done)
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			ctx, cancel := context.WithTimeout(context.Background(), every)
			if err := v.Flush(ctx); err != nil {
				v.log.Warn("writing topic views", "err", err)
			}
			cancel()
		case <-v.stop:
			return
		}
	}
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

// Close stops the periodic flush and writes what is left.
func (v *viewCounter) Close(ctx context.Context) error {
	close(v.stop)
	<-v.done
	return v.Flush(ctx)
}
