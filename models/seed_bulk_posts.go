package models

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"hyperboard/bbcode"
)

// The posts are most of the load: a million bodies to write, cook and give
// a search vector. Workers on every core make them in batches, each batch
// already in COPY's binary format, and the loading connection streams the
// batches in order, so the server stores one batch while the next ones are
// being made.

const bulkPostBatch = 256

// bulkPostColumns are the columns of a post row, in the order written.
const bulkPostColumns = "id, topic_id, author_id, post_number, subject, body, body_html, created_at, edited_at, edit_count, edited_by, search"

var bulkPostFields = uint16(strings.Count(bulkPostColumns, ",") + 1)

// postWriter holds what every worker reads to make a post row.
type postWriter struct {
	plan     *bulkPlan
	userBase int64
	vectors  *chunkVectors
	opened   int64 // the board's opening, in microseconds after PostgreSQL's epoch
	// buffers recycles the batches' memory once COPY has sent it.
	buffers sync.Pool
}

// pgEpoch is where PostgreSQL's binary timestamps count from.
var pgEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// postWorker is one worker's reusable state.
type postWorker struct {
	*postWriter
	src    *rand.PCG
	text   *bulkText
	vec    *vectorBuilder
	bodies []string
}

func (w *postWriter) newWorker() *postWorker {
	src := rand.NewPCG(0, 0)
	return &postWorker{postWriter: w, src: src, text: newBulkText(rand.New(src)), vec: newVectorBuilder(w.vectors)}
}

// seed starts post i's own random stream, so that its text does not
// depend on which worker made it or in what order.
func (w *postWorker) seed(i int) {
	x := uint64(i) + 0x9e3779b97f4a7c15 // splitmix64, to spread neighbouring indexes
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	w.src.Seed(bulkSeed, x^x>>31)
}

// batch returns posts first..first+n-1 as binary COPY rows.
func (w *postWorker) batch(ctx context.Context, first, n int) ([]byte, error) {
	p := w.plan
	w.bodies = w.bodies[:0]
	for i := first; i < first+n; i++ {
		bp := &p.posts[i]
		w.seed(i)
		quote := ""
		if bp.replyTo >= 0 && w.text.rng.IntN(5) == 0 {
			quote = bulkUserName(int(bp.replyTo)+1, len(p.users))
		}
		w.bodies = append(w.bodies, w.text.body(quote))
	}
	if err := w.vec.prepare(ctx, w.bodies); err != nil {
		return nil, err
	}
	buf, _ := w.buffers.Get().([]byte)
	for k, body := range w.bodies {
		i := first + k
		bp := &p.posts[i]
		subject := ""
		if bp.number == 1 {
			subject = p.topics[bp.topic].title
		}
		buf = binary.BigEndian.AppendUint16(buf, bulkPostFields)
		buf = appendInt8(buf, int64(i+1))
		buf = appendInt8(buf, int64(bp.topic+1))
		buf = appendInt8(buf, w.userBase+int64(bp.author)+1)
		buf = appendInt4(buf, bp.number)
		buf = appendText(buf, subject)
		buf = appendText(buf, body)
		buf = appendText(buf, bbcode.Cook(body))
		buf = appendInt8(buf, w.opened+bp.at)
		// A few posts were edited by their author soon after writing.
		if w.text.rng.IntN(40) == 0 {
			edited := bp.at + w.text.rng.Int64N(int64(3*time.Hour/time.Microsecond))
			buf = appendInt8(buf, w.opened+min(edited, int64(bulkSpan/time.Microsecond)))
			buf = appendInt4(buf, int32(1+w.text.rng.IntN(2)))
			buf = appendInt8(buf, w.userBase+int64(bp.author)+1)
		} else {
			buf = appendNull(buf)
			buf = appendInt4(buf, 0)
			buf = appendNull(buf)
		}
		at := len(buf)
		buf = w.vec.appendVector(append(buf, 0, 0, 0, 0), k)
		binary.BigEndian.PutUint32(buf[at:], uint32(len(buf)-at-4))
	}
	return buf, nil
}

// Binary COPY fields: a length, then the value in the type's binary form.
func appendInt8(b []byte, v int64) []byte {
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint32(b, 8), uint64(v))
}

func appendInt4(b []byte, v int32) []byte {
	return binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(b, 4), uint32(v))
}

func appendText(b []byte, s string) []byte {
	return append(binary.BigEndian.AppendUint32(b, uint32(len(s))), s...)
}

func appendNull(b []byte) []byte { return binary.BigEndian.AppendUint32(b, 0xffffffff) }

// postBatch is one batch's rows, or why it could not be made.
type postBatch struct {
	rows  []byte
	posts int
	err   error
}

// copyPosts streams every post of the plan into posts through tx.
func (w *postWriter) copyPosts(ctx context.Context, tx pgx.Tx, log io.Writer) error {
	// Each post makes some 15 KB of garbage (cooking, mostly) against a
	// live heap of tens of megabytes: collecting less often saves a tenth
	// of the workers' time for a few hundred megabytes more at the peak.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	total := len(w.plan.posts)
	workers := runtime.GOMAXPROCS(0)
	type job struct {
		first, n int
		done     chan<- postBatch
	}
	jobs := make(chan job)
	order := make(chan chan postBatch, 2*workers) // batches in load order, made or being made
	var wg sync.WaitGroup
	for range workers {
		pw := w.newWorker()
		wg.Go(func() {
			for j := range jobs {
				rows, err := pw.batch(ctx, j.first, j.n)
				j.done <- postBatch{rows, j.n, err}
			}
		})
	}
	go func() {
		defer close(jobs)
		defer close(order)
		for first := 0; first < total; first += bulkPostBatch {
			done := make(chan postBatch, 1)
			select {
			case order <- done:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{first, min(bulkPostBatch, total-first), done}:
			case <-ctx.Done():
				return
			}
		}
	}()
	r := &batchReader{ctx: ctx, order: order, cur: copyHeader, log: log, free: func(b []byte) { w.buffers.Put(b[:0]) }}
	tag, err := tx.Conn().PgConn().CopyFrom(ctx, r, "COPY posts ("+bulkPostColumns+") FROM STDIN (FORMAT binary, FREEZE)")
	cancel()
	wg.Wait()
	if err == nil && tag.RowsAffected() != int64(total) {
		err = fmt.Errorf("copied %d posts of %d", tag.RowsAffected(), total)
	}
	return err
}

// The binary COPY format opens with a signature, flags and an empty
// header extension, and ends with a field count of -1.
var (
	copyHeader  = []byte("PGCOPY\n\xff\r\n\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	copyTrailer = []byte{0xff, 0xff}
)

// batchReader reads the header, the batches in order and the trailer.
type batchReader struct {
	ctx   context.Context
	order <-chan chan postBatch
	cur   []byte
	ended bool
	posts int
	log   io.Writer
	sent  []byte // the batch cur came from, to free once it is read
	free  func([]byte)
}

func (r *batchReader) Read(p []byte) (int, error) {
	for len(r.cur) == 0 {
		if r.ended {
			return 0, io.EOF
		}
		var done chan postBatch
		var ok bool
		select {
		case done, ok = <-r.order:
		case <-r.ctx.Done():
			return 0, r.ctx.Err()
		}
		if !ok {
			if err := r.ctx.Err(); err != nil { // stopped, not finished
				return 0, err
			}
			r.cur, r.ended = copyTrailer, true
			continue
		}
		var b postBatch
		select {
		case b = <-done:
		case <-r.ctx.Done():
			return 0, r.ctx.Err()
		}
		if b.err != nil {
			return 0, b.err
		}
		if r.sent != nil {
			r.free(r.sent)
		}
		const every = 250_000
		if (r.posts+b.posts)/every > r.posts/every {
			fmt.Fprintf(r.log, "seed bulk:   %d posts\n", (r.posts+b.posts)/every*every)
		}
		r.cur, r.sent, r.posts = b.rows, b.rows, r.posts+b.posts
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	return n, nil
}
