package app

import (
	"bytes"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/valyala/fasthttp"

	"hyperboard/models"
)

// pageCache keeps rendered guest pages in memory, least recently used
// first out when their bytes pass the budget. Each page carries the tags
// of what it shows; invalidating a tag drops exactly the pages that carry
// it. Pages are never kept for a time: they go when what they show changes.
type pageCache struct {
	budget int64 // bytes; pages larger than budget/16 are not kept

	// listening says change notices from the other servers are heard; while
	// they are not, a kept page could miss a change, so none is served.
	listening atomic.Bool

	mu      sync.Mutex
	pages   map[string]*cachedPage
	tagged  map[models.Tag]map[*cachedPage]struct{}
	newest  *cachedPage // the LRU list runs newest -> older ... -> oldest
	oldest  *cachedPage
	size    int64
	changes atomic.Uint64 // bumped by every invalidation, under mu
	stats   cacheStats

	// rendering holds the keys being rendered for a miss, each with a
	// channel closed when that render is done: a burst of guests on a page
	// just invalidated waits for one render instead of making its own.
	rendering map[string]chan struct{}

	// compressing bounds how many pages are compressed at once: each
	// brotli encoder holds megabytes of tables while it works.
	compressing chan struct{}
}

// cacheStats count what the cache did, for the benchmark and the tests.
type cacheStats struct {
	Hits, Misses, Stored, Refused, Evicted, Invalidated uint64
	Pages                                               int
	Bytes                                               int64
}

// cachedPage is one response as it was rendered, with its compressed forms
// made once, when it is kept, so that no hit compresses anything.
type cachedPage struct {
	key       string
	status    int
	header    [][2]string
	body      []byte
	tags      []models.Tag
	viewTopic int64     // a topic whose views a full-page hit counts
	expires   time.Time // the board's zone changes its offset (the footer names it)

	gzip, brotli []byte

	// value is, instead of a response, data kept for pages rendered for
	// one viewer (kept_data.go).
	value any

	size         int64
	newer, older *cachedPage
	gone         bool
}

func newPageCache(budget int64) *pageCache {
	return &pageCache{
		budget: budget, pages: map[string]*cachedPage{}, tagged: map[models.Tag]map[*cachedPage]struct{}{},
		rendering:   map[string]chan struct{}{},
		compressing: make(chan struct{}, runtime.GOMAXPROCS(0)),
	}
}

// enabled reports whether pages may be served and kept now.
func (pc *pageCache) enabled() bool { return pc != nil && pc.budget > 0 && pc.listening.Load() }

// get returns the page kept under key, or nil.
func (pc *pageCache) get(key []byte, now time.Time) *cachedPage {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	p := pc.pages[string(key)]
	if p == nil || (!p.expires.IsZero() && now.After(p.expires)) {
		pc.stats.Misses++
		return nil
	}
	pc.stats.Hits++
	pc.unlink(p)
	pc.pushNewest(p)
	return p
}

// claim says who renders a missing page: the first caller for a key gets a
// nil channel and must call release when done; later callers get the
// channel that release closes.
func (pc *pageCache) claim(key []byte) <-chan struct{} {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if done, ok := pc.rendering[string(key)]; ok {
		return done
	}
	pc.rendering[string(key)] = make(chan struct{})
	return nil
}

// release ends the render claimed for key.
func (pc *pageCache) release(key []byte) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	close(pc.rendering[string(key)])
	delete(pc.rendering, string(key))
}

// generation is to be read before rendering a page that put will keep.
func (pc *pageCache) generation() uint64 { return pc.changes.Load() }

// put keeps a page rendered since generation gen, unless something was
// invalidated meanwhile: the page may have been rendered from what was
// there before the change, and would then outlive it.
func (pc *pageCache) put(p *cachedPage, gen uint64) bool {
	pc.compressing <- struct{}{}
	p.gzip = fasthttp.AppendGzipBytesLevel(nil, p.body, cachedGzipLevel)
	p.brotli = brotliBytes(p.body)
	<-pc.compressing
	p.size = int64(len(p.key)+len(p.body)+len(p.gzip)+len(p.brotli)) + 256
	for _, h := range p.header {
		p.size += int64(len(h[0]) + len(h[1]))
	}
	return pc.keep(p, gen)
}

// keep adds p, sized but for its tags, to the cache if nothing was
// invalidated since generation gen.
func (pc *pageCache) keep(p *cachedPage, gen uint64) bool {
	for _, t := range p.tags {
		p.size += int64(len(t)) + 64
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if gen != pc.changes.Load() || p.size > pc.budget/16 {
		pc.stats.Refused++
		return false
	}
	if old := pc.pages[p.key]; old != nil {
		pc.remove(old)
	}
	pc.pages[p.key] = p
	for _, t := range p.tags {
		set := pc.tagged[t]
		if set == nil {
			set = map[*cachedPage]struct{}{}
			pc.tagged[t] = set
		}
		set[p] = struct{}{}
	}
	pc.pushNewest(p)
	pc.size += p.size
	pc.stats.Stored++
	pc.evict()
	return true
}

// invalidate drops every page that shows what the tags name; TagAll drops
// them all.
func (pc *pageCache) invalidate(tags []models.Tag) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	pc.changes.Add(1)
	for _, t := range tags {
		if t == models.TagAll {
			for _, p := range pc.pages {
				p.gone = true
			}
			pc.stats.Invalidated += uint64(len(pc.pages))
			pc.pages, pc.tagged = map[string]*cachedPage{}, map[models.Tag]map[*cachedPage]struct{}{}
			pc.newest, pc.oldest, pc.size = nil, nil, 0
			return
		}
		for p := range pc.tagged[t] {
			pc.remove(p)
			pc.stats.Invalidated++
		}
	}
}

// snapshot returns the counters.
func (pc *pageCache) snapshot() cacheStats {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	s := pc.stats
	s.Pages, s.Bytes = len(pc.pages), pc.size
	return s
}

func (pc *pageCache) evict() {
	for pc.size > pc.budget && pc.oldest != nil {
		pc.remove(pc.oldest)
		pc.stats.Evicted++
	}
}

func (pc *pageCache) remove(p *cachedPage) {
	delete(pc.pages, p.key)
	for _, t := range p.tags {
		if set := pc.tagged[t]; set != nil {
			delete(set, p)
			if len(set) == 0 {
				delete(pc.tagged, t)
			}
		}
	}
	pc.unlink(p)
	pc.size -= p.size
	p.gone = true
}

func (pc *pageCache) pushNewest(p *cachedPage) {
	p.older, p.newer = pc.newest, nil
	if pc.newest != nil {
		pc.newest.newer = p
	}
	pc.newest = p
	if pc.oldest == nil {
		pc.oldest = p
	}
}

func (pc *pageCache) unlink(p *cachedPage) {
	if p.newer != nil {
		p.newer.older = p.older
	} else if pc.newest == p {
		pc.newest = p.older
	}
	if p.older != nil {
		p.older.newer = p.newer
	} else if pc.oldest == p {
		pc.oldest = p.newer
	}
	p.newer, p.older = nil, nil
}

// Kept pages are compressed once, so they can afford a better ratio than
// a response compressed for every request.
const cachedGzipLevel = fasthttp.CompressBestCompression

// cachedBrotli is quality 9 with a 64 KiB window. The window matters more
// than it seems: past 64 KiB the encoder switches to a hasher of 32 MiB,
// allocated and cleared for each page, which made compressing a 60 KB page
// ten times slower and held a third of the server's memory under load,
// while the pages came out no smaller.
var cachedBrotli = brotli.WriterOptions{Quality: 9, LGWin: 16}

var brotliWriters = sync.Pool{New: func() any { return brotli.NewWriterOptions(nil, cachedBrotli) }}

// brotliBytes compresses a kept page's body.
func brotliBytes(body []byte) []byte {
	var out bytes.Buffer
	w := brotliWriters.Get().(*brotli.Writer)
	defer brotliWriters.Put(w)
	w.Reset(&out)
	w.Write(body)
	w.Close()
	return out.Bytes()
}

// encoded returns the page's body in an encoding the client accepts
// ("br", "gzip" or "" for none).
func (p *cachedPage) encoded(encoding string) []byte {
	switch encoding {
	case "br":
		return p.brotli
	case "gzip":
		return p.gzip
	}
	return p.body
}
