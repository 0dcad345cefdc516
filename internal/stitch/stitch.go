// Package stitch gzips a response around parts compressed ahead of time.
//
// A member's page is rendered for them alone, so it cannot be kept
// compressed the way a guest's page is, and compressing 60 KB for every
// request costs more than rendering it. Most of such a page, though, is
// HTML kept for every reader alike (a topic's posts). A deflate stream is
// a run of blocks, and a block that ends in a sync flush ends on a byte
// boundary and refers to nothing after it, so a part deflated once on its
// own can stand between the blocks of what is compressed per request.
// Only the bytes around the kept parts are compressed each time; the
// gzip trailer's checksum is taken over the whole page, which is cheap.
package stitch

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
)

// Deflated is HTML deflated on its own ahead of time, into blocks that end
// byte-aligned and are not the last of a stream: a part ready to stand in
// any gzip stream Gzip makes. It knows the length and checksum of what it
// holds, so a body can be checked to hold the same.
type Deflated struct {
	bytes []byte
	n     int
	crc   uint32
}

// Deflate deflates plain, at a level that compresses almost as hard as
// the best in a quarter of the time: a part may be deflated again each
// time what it shows changes.
func Deflate(plain string) (Deflated, error) {
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, 6)
	if err != nil {
		return Deflated{}, err
	}
	if _, err := io.WriteString(w, plain); err != nil {
		return Deflated{}, err
	}
	if err := w.Flush(); err != nil {
		return Deflated{}, err
	}
	return Deflated{bytes: b.Bytes(), n: len(plain), crc: crc32.ChecksumIEEE([]byte(plain))}, nil
}

// Size is the bytes the deflated part holds.
func (d Deflated) Size() int { return len(d.bytes) }

// Bytes are the deflated blocks, as they stand in a stitched stream.
func (d Deflated) Bytes() []byte { return d.bytes }

// Recorder notes where the kept parts of a response were written.
type Recorder struct {
	written func() int // the length of the body written so far
	parts   []part
}

type part struct {
	at int
	Deflated
}

// NewRecorder records the parts of a body whose length so far written
// tells.
func NewRecorder(written func() int) *Recorder {
	return &Recorder{written: written}
}

type recorderKey struct{}

// WithRecorder is ctx carrying r to the parts written under it.
func WithRecorder(ctx context.Context, r *Recorder) context.Context {
	return context.WithValue(ctx, recorderKey{}, r)
}

// flusher is a buffered writer, such as the buffer templates render
// through, that can hand on what it holds.
type flusher interface {
	Flush() error
}

// Write writes plain to w, noting that it is d deflated (see Around).
func Write(ctx context.Context, w io.Writer, plain string, d Deflated) error {
	return Around(ctx, w, d, func() error {
		_, err := io.WriteString(w, plain)
		return err
	})
}

// Around writes to w what write writes and, if ctx carries a Recorder and
// w can be flushed, records that the body holds d there: Gzip takes d as
// it is if the body does hold the same, and compresses what is there if
// not.
func Around(ctx context.Context, w io.Writer, d Deflated, write func() error) error {
	r, ok := ctx.Value(recorderKey{}).(*Recorder)
	f, canFlush := w.(flusher)
	if !ok || !canFlush || d.n == 0 {
		return write()
	}
	if err := f.Flush(); err != nil {
		return err
	}
	at := r.written()
	if err := write(); err != nil {
		return err
	}
	if err := f.Flush(); err != nil {
		return err
	}
	r.parts = append(r.parts, part{at: at, Deflated: d})
	return nil
}

// Recorded says whether any part was recorded.
func (r *Recorder) Recorded() bool { return r != nil && len(r.parts) > 0 }

var compressors = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

// gzipHeader is a gzip member header with no name, time or extra fields,
// from an unknown system.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// Gzip appends to dst the gzip form of body, whose recorded parts it
// takes as they were deflated and whose other bytes it compresses at the
// fastest level. It reports false, appending nothing, when body does not
// hold the parts where they were recorded.
func (r *Recorder) Gzip(dst, body []byte) ([]byte, bool) {
	end := 0
	for _, p := range r.parts {
		if p.at < end || p.at+p.n > len(body) || crc32.ChecksumIEEE(body[p.at:p.at+p.n]) != p.crc {
			return dst, false
		}
		end = p.at + p.n
	}
	out := &appender{b: append(dst, gzipHeader...)}
	w := compressors.Get().(*flate.Writer)
	defer compressors.Put(w)
	from := 0
	for _, p := range r.parts {
		if p.at > from {
			w.Reset(out)
			w.Write(body[from:p.at])
			w.Flush()
		}
		out.b = append(out.b, p.bytes...)
		from = p.at + p.n
	}
	w.Reset(out)
	w.Write(body[from:])
	w.Close()
	out.b = binary.LittleEndian.AppendUint32(out.b, crc32.ChecksumIEEE(body))
	out.b = binary.LittleEndian.AppendUint32(out.b, uint32(len(body)))
	return out.b, true
}

// appender is an io.Writer that appends to a slice, so compressing into
// it never fails.
type appender struct{ b []byte }

func (a *appender) Write(p []byte) (int, error) {
	a.b = append(a.b, p...)
	return len(p), nil
}
