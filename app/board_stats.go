package app

import (
	"context"
	"sync"

	"hyperboard/models"
)

// boardStats keeps the board's totals and newest member between the writes
// that change them, so that members' board indexes do not count every
// member again. It is kept exact the way guest pages are: the stats tag
// (or everything) drops it, and a count taken while a change landed is not
// kept.
type boardStats struct {
	mu      sync.Mutex
	stats   *models.BoardStats
	changes uint64
}

// get returns the totals, from memory while nothing changed them and the
// server hears the other servers' changes (listening).
func (b *boardStats) get(ctx context.Context, store *models.Store, listening bool) (*models.BoardStats, error) {
	b.mu.Lock()
	stats, gen := b.stats, b.changes
	b.mu.Unlock()
	if stats != nil && listening {
		return stats, nil
	}
	stats, err := store.BoardStats(ctx)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	if gen == b.changes && listening {
		b.stats = stats
	}
	b.mu.Unlock()
	return stats, nil
}

// invalidate forgets the totals when the tags say they changed.
func (b *boardStats) invalidate(tags []models.Tag) {
	for _, t := range tags {
		if t == models.TagStats || t == models.TagAll {
			b.mu.Lock()
			b.stats = nil
			b.changes++
			b.mu.Unlock()
			return
		}
	}
}
