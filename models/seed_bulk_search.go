package models

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Search vectors of the synthetic posts, put together in Go.
//
// Computing to_tsvector for a million posts was two thirds of what loading
// them cost the server, on one core. But PostgreSQL's parser never lets a
// token run across white space (tags such as <b class="x"> aside, which is
// why a body with '<' is refused), so a body's vector is its chunks'
// vectors laid end to end: the lexemes of each white-space-separated chunk
// at their positions in it, moved along by the positions the chunks before
// it took (a stop word takes a position and leaves no lexeme). A chunk
// parses alike wherever it follows white space; only at the very start of
// a text do '.' and '~' begin a token instead of being passed over, so a
// body's opening chunk is learnt apart (its key starts with a newline,
// which no chunk holds). The synthetic text is made of a few thousand
// distinct chunks and the members' names, so each chunk goes through
// to_tsvector once, between a space and a sentinel word as in a body, and
// its part is remembered; SeedBulk then checks a sample of the vectors
// against to_tsvector itself.

// bulkSearchConfig must be the configuration of posts_search_vector().
const bulkSearchConfig = "english"

// A word that follows each chunk sent to the server, in the place where the
// next chunk of a body would be: its position tells how many the chunk took.
const bulkSentinel = "zzyzxsentinel"

// Limits of the tsvector format that to_tsvector applies (tsvector.h):
// positions stop at 16383 and a lexeme keeps at most 255 of them.
const (
	tsMaxPos       = 1<<14 - 1
	tsMaxPositions = 255
)

type chunkVector struct {
	width   uint32 // positions the chunk takes
	lexemes []chunkLexeme
}

// chunkLexeme is a lexeme of a chunk, with a copy of what the hot loop of
// appendVector reads, so that it need not follow the pointer.
type chunkLexeme struct {
	lexemeRef
	id  int
	pos uint32 // from 1, within the chunk
}

type lexemeRef struct {
	prefix uint64 // the lexeme's first six bytes, in the top six
	lex    *bulkLexeme
}

// bulkLexeme is one lexeme met so far.
type bulkLexeme struct {
	word string
	id   int // from 0, in the order met
}

// chunkVectors is the parts learnt so far, shared by the workers; each
// keeps its own map in front of it, so the lock is only taken on a miss.
type chunkVectors struct {
	db       *bun.DB // not the loading connection, which is busy with COPY
	sentinel string  // the sentinel's lexeme
	mu       sync.Mutex
	known    map[string]*chunkVector
	lexemes  map[string]*bulkLexeme
}

func newChunkVectors(ctx context.Context, db *bun.DB) (*chunkVectors, error) {
	v := &chunkVectors{db: db, known: map[string]*chunkVector{}, lexemes: map[string]*bulkLexeme{}}
	var n int
	err := db.QueryRowContext(ctx, "SELECT min(lexeme), count(*) FROM unnest(to_tsvector(?::regconfig, ?))",
		bulkSearchConfig, bulkSentinel).Scan(&v.sentinel, &n)
	if err == nil && n != 1 {
		err = fmt.Errorf("the sentinel %q gives %d lexemes, not one", bulkSentinel, n)
	}
	return v, err
}

// learn asks the server for the parts of chunks (keys, as above) not known
// yet.
func (v *chunkVectors) learn(ctx context.Context, chunks []string) (map[string]*chunkVector, error) {
	rows, err := v.db.QueryContext(ctx, `SELECT c.chunk, l.lexeme, p.pos
		FROM unnest(?::text[]) AS c(chunk),
			unnest(to_tsvector(?::regconfig, CASE WHEN starts_with(c.chunk, E'\n')
				THEN substr(c.chunk, 2) ELSE ' ' || c.chunk END || ' ' || ?)) AS l,
			unnest(l.positions) AS p(pos)
		ORDER BY 1, 3`,
		pgdialect.Array(chunks), bulkSearchConfig, bulkSentinel)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	got := make(map[string]*chunkVector, len(chunks))
	v.mu.Lock()
	defer v.mu.Unlock()
	for rows.Next() {
		var chunk, word string
		var pos uint32
		if err := rows.Scan(&chunk, &word, &pos); err != nil {
			return nil, err
		}
		cv := got[chunk]
		if cv == nil {
			cv = &chunkVector{}
			got[chunk] = cv
		}
		if word == v.sentinel {
			cv.width = pos - 1
			continue
		}
		l := v.lexemes[word]
		if l == nil {
			l = &bulkLexeme{word: word, id: len(v.lexemes)}
			v.lexemes[word] = l
		}
		var prefix [8]byte
		copy(prefix[:6], word)
		cv.lexemes = append(cv.lexemes, chunkLexeme{lexemeRef{binary.BigEndian.Uint64(prefix[:]), l}, l.id, pos})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, c := range chunks {
		cv := got[c]
		if cv == nil || slices.ContainsFunc(cv.lexemes, func(l chunkLexeme) bool { return l.pos > cv.width }) {
			return nil, fmt.Errorf("chunk %q: the sentinel did not come after its lexemes", c)
		}
	}
	for c, cv := range got {
		v.known[c] = cv
	}
	return got, nil
}

// vectorBuilder turns bodies into tsvectors in PostgreSQL's binary format.
// One belongs to each worker.
type vectorBuilder struct {
	shared  *chunkVectors
	local   map[string]*chunkVector
	missing []string
	// chunks holds the parts of a batch's bodies, body after body, and
	// ends where each body's parts end.
	chunks []*chunkVector
	ends   []int
	// unknown are the places in chunks to fill once missing is learnt,
	// and unknownKeys the chunks that go there.
	unknown     []int
	unknownKeys []string
	// positions holds, by lexeme id, the positions a body gives it.
	positions [][]uint16
	used      []lexemeRef
	order     []uint64
}

func newVectorBuilder(shared *chunkVectors) *vectorBuilder {
	return &vectorBuilder{shared: shared, local: map[string]*chunkVector{}}
}

// forEachChunk calls f with every run of characters between white space,
// and whether it opens the text.
func forEachChunk(body string, f func(chunk string, opening bool)) {
	start := -1
	for i := 0; i < len(body); i++ {
		switch body[i] {
		case ' ', '\n', '\t', '\r', '\f', '\v':
			if start >= 0 {
				f(body[start:i], start == 0)
				start = -1
			}
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if start >= 0 {
		f(body[start:], start == 0)
	}
}

// prepare splits a batch of bodies into chunks and finds each chunk's
// part, asking the server in one round trip for the ones nobody has met.
func (b *vectorBuilder) prepare(ctx context.Context, bodies []string) error {
	b.chunks, b.ends, b.missing = b.chunks[:0], b.ends[:0], b.missing[:0]
	b.unknown, b.unknownKeys = b.unknown[:0], b.unknownKeys[:0]
	for _, body := range bodies {
		if strings.IndexByte(body, '<') >= 0 {
			return fmt.Errorf("cannot compose the search vector of a body with '<': %q", body)
		}
		forEachChunk(body, func(c string, opening bool) {
			if opening {
				c = "\n" + c
			}
			cv, ok := b.local[c]
			if !ok {
				c = strings.Clone(c) // a key must not keep the whole body alive
				b.shared.mu.Lock()
				cv = b.shared.known[c]
				b.shared.mu.Unlock()
				b.local[c] = cv // nil until learnt below
				if cv == nil {
					b.missing = append(b.missing, c)
				}
			}
			if cv == nil {
				b.unknown = append(b.unknown, len(b.chunks))
				b.unknownKeys = append(b.unknownKeys, c)
			}
			b.chunks = append(b.chunks, cv)
		})
		b.ends = append(b.ends, len(b.chunks))
	}
	if len(b.missing) == 0 {
		return nil
	}
	got, err := b.shared.learn(ctx, b.missing)
	if err != nil {
		return err
	}
	for c, cv := range got {
		b.local[c] = cv
	}
	for k, at := range b.unknown {
		b.chunks[at] = b.local[b.unknownKeys[k]]
	}
	return nil
}

// appendVector appends the tsvector of the n-th body prepare saw, in binary:
// the number of lexemes, then each lexeme in byte order, NUL-terminated,
// with the number of its positions and the positions, weight D (zero), in
// rising order. Chunks come in order and each one's lexemes by position,
// so every lexeme's positions arrive already in order.
func (b *vectorBuilder) appendVector(dst []byte, n int) []byte {
	start := 0
	if n > 0 {
		start = b.ends[n-1]
	}
	b.used = b.used[:0]
	var offset uint32
	for _, cv := range b.chunks[start:b.ends[n]] {
		for _, l := range cv.lexemes {
			for l.id >= len(b.positions) {
				b.positions = append(b.positions, nil)
			}
			ps := b.positions[l.id]
			if len(ps) == 0 {
				b.used = append(b.used, l.lexemeRef)
			}
			pos := uint16(min(offset+l.pos, tsMaxPos))
			if len(ps) < tsMaxPositions && (len(ps) == 0 || ps[len(ps)-1] != pos) {
				b.positions[l.id] = append(ps, pos)
			}
		}
		offset += cv.width
	}
	b.sortUsed()
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(b.used)))
	for _, o := range b.order {
		l := b.used[o&0xffff]
		ps := b.positions[l.lex.id]
		dst = append(append(dst, l.lex.word...), 0)
		dst = binary.BigEndian.AppendUint16(dst, uint16(len(ps)))
		for _, p := range ps {
			dst = binary.BigEndian.AppendUint16(dst, p)
		}
		b.positions[l.lex.id] = ps[:0]
	}
	return dst
}

// sortUsed puts the lexemes of a body in byte order, as indexes into used
// (a body holds far fewer than the 65,536 that fit). Most are told apart
// by their first six bytes, so they are sorted as numbers, those bytes on
// top and the index below, and only runs that share the six bytes are
// compared in full.
func (b *vectorBuilder) sortUsed() {
	b.order = b.order[:0]
	for i, l := range b.used {
		b.order = append(b.order, l.prefix|uint64(i))
	}
	slices.Sort(b.order)
	for i := 0; i < len(b.order); {
		j := i + 1
		for j < len(b.order) && b.order[j]>>16 == b.order[i]>>16 {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(b.order[i:j], func(x, y uint64) int {
				return strings.Compare(b.used[x&0xffff].lex.word, b.used[y&0xffff].lex.word)
			})
		}
		i = j
	}
}
