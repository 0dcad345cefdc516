package stitch

import (
	"container/list"
	"hash/crc32"
	"hash/maphash"
	"sync"
)

// Segments keeps the stretches of HTML between a response's kept parts and
// its viewer's own bytes deflated, by their content, so that a stretch seen
// again (a page's header and pagination, a member's account menu) is not
// compressed again. A stretch is kept the second time it is seen, so one
// that never repeats never displaces one that does; the least recently
// used go first when the budget is spent.
type Segments struct {
	seed   maphash.Seed
	budget int

	mu      sync.Mutex
	entries map[uint64]*list.Element // of *segment
	order   list.List                // the most recently used first
	size    int
	seen    map[uint64]struct{} // stretches seen once and not kept yet
}

type segment struct {
	key uint64
	Deflated
}

const (
	// minSegment is the shortest stretch worth deflating: a dynamic block's
	// code tables alone take tens of bytes, so shorter ones go out stored.
	minSegment = 96
	// maxSegment is the longest stretch kept: longer ones are most of a
	// page that keeps nothing for everyone, not worth a place.
	maxSegment = 32 << 10
	// maxSeen bounds the stretches remembered as seen once; when it is
	// reached they are forgotten together.
	maxSeen = 8192
	// entryOverhead is what a kept stretch costs beyond its bytes: its map
	// slot, list element and header.
	entryOverhead = 128
)

// NewSegments keeps deflated stretches in at most budget bytes; with a
// budget of zero or less it keeps none.
func NewSegments(budget int) *Segments {
	return &Segments{seed: maphash.MakeSeed(), budget: budget, entries: map[uint64]*list.Element{}, seen: map[uint64]struct{}{}}
}

// deflated is stretch deflated, from the kept stretches or, on its second
// sighting, deflated now and kept; false means stretch is not kept and
// the caller compresses it.
func (s *Segments) deflated(stretch []byte) (Deflated, bool) {
	if s == nil || s.budget <= 0 || len(stretch) > maxSegment {
		return Deflated{}, false
	}
	key := maphash.Bytes(s.seed, stretch)
	if d, ok := s.lookup(key, stretch); ok {
		return d, true
	}
	if !s.seenBefore(key) {
		return Deflated{}, false
	}
	d, err := deflate(stretch)
	if err != nil {
		return Deflated{}, false
	}
	s.keep(key, d)
	return d, true
}

// lookup finds the kept stretch under key, if it holds what stretch does:
// the checksum and length, taken outside the lock, guard against a
// collision of the keys.
func (s *Segments) lookup(key uint64, stretch []byte) (Deflated, bool) {
	s.mu.Lock()
	e, ok := s.entries[key]
	var d Deflated
	if ok {
		d = e.Value.(*segment).Deflated
		s.order.MoveToFront(e)
	}
	s.mu.Unlock()
	return d, ok && d.n == len(stretch) && d.crc == crc32.ChecksumIEEE(stretch)
}

// seenBefore reports whether the stretch under key was seen once already,
// and otherwise remembers it.
func (s *Segments) seenBefore(key uint64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.seen[key]; ok {
		delete(s.seen, key)
		return true
	}
	if len(s.seen) >= maxSeen {
		clear(s.seen)
	}
	s.seen[key] = struct{}{}
	return false
}

func (s *Segments) keep(key uint64, d Deflated) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.entries[key]; ok {
		s.drop(e)
	}
	s.entries[key] = s.order.PushFront(&segment{key: key, Deflated: d})
	s.size += len(d.bytes) + entryOverhead
	for s.size > s.budget {
		s.drop(s.order.Back())
	}
}

func (s *Segments) drop(e *list.Element) {
	seg := s.order.Remove(e).(*segment)
	delete(s.entries, seg.key)
	s.size -= len(seg.bytes) + entryOverhead
}
