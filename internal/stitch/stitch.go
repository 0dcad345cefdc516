// Package stitch gzips a response around parts compressed ahead of time.
//
// A member's page is rendered for them alone, so it cannot be kept
// compressed the way a guest's page is, and compressing 60 KB for every
// request costs more than rendering it. Most of such a page, though, is
// HTML kept for every reader alike (a topic's posts). A deflate stream is
// a run of blocks, and a block that ends in a sync flush ends on a byte
// boundary and refers to nothing after it, so a part deflated once on its
// own can stand between the blocks of what is compressed per request.
// The bytes around the kept parts are cut at what is the viewer's alone
// (Own: a session's token), which goes out stored, and each stretch
// between the cuts is compressed, or taken from Segments once it has been
// seen before. The gzip trailer's checksum is taken over the whole page,
// which is cheap.
package stitch

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"io"
	"math"
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
func Deflate(plain string) (Deflated, error) { return deflate([]byte(plain)) }

func deflate(plain []byte) (Deflated, error) {
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, 6)
	if err != nil {
		return Deflated{}, err
	}
	if _, err := w.Write(plain); err != nil {
		return Deflated{}, err
	}
	if err := w.Flush(); err != nil {
		return Deflated{}, err
	}
	return Deflated{bytes: b.Bytes(), n: len(plain), crc: crc32.ChecksumIEEE(plain)}, nil
}

// Size is the bytes the deflated part holds.
func (d Deflated) Size() int { return len(d.bytes) }

// Bytes are the deflated blocks, as they stand in a stitched stream.
func (d Deflated) Bytes() []byte { return d.bytes }

// Recorder notes where the kept parts of a response, and the bytes that
// are its viewer's own, were written.
type Recorder struct {
	written func() int // the length of the body written so far
	parts   []part
}

// part is n bytes of the body at at: a kept part, or the viewer's own
// bytes when it keeps nothing.
type part struct {
	at, n int
	kept  Deflated
}

func (p part) own() bool { return p.kept.n == 0 }

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
	if d.n == 0 {
		return write()
	}
	return record(ctx, w, write, func(at, n int) part { return part{at: at, n: n, kept: d} })
}

// Own writes s to w, noting that it is the viewer's alone (a session's
// token): Gzip sends it stored, so that the HTML on either side of it,
// the same for every page or viewer that shows it, can be kept deflated
// in Segments.
func Own(ctx context.Context, w io.Writer, s string) error {
	write := func() error {
		_, err := io.WriteString(w, s)
		return err
	}
	if s == "" {
		return write()
	}
	return record(ctx, w, write, func(at, n int) part { return part{at: at, n: n} })
}

// record runs write and, when ctx carries a Recorder and w can be
// flushed, records the part made of where it wrote and how much.
func record(ctx context.Context, w io.Writer, write func() error, made func(at, n int) part) error {
	r, ok := ctx.Value(recorderKey{}).(*Recorder)
	f, canFlush := w.(flusher)
	if !ok || !canFlush {
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
	r.parts = append(r.parts, made(at, r.written()-at))
	return nil
}

// Recorded says whether any kept part was recorded.
func (r *Recorder) Recorded() bool {
	if r == nil {
		return false
	}
	for _, p := range r.parts {
		if !p.own() {
			return true
		}
	}
	return false
}

var compressors = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

var (
	// gzipHeader is a gzip member header with no name, time or extra
	// fields, from an unknown system.
	gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}
	// finalBlock is an empty last block with the fixed codes: it ends a
	// stream whose blocks all end byte-aligned.
	finalBlock = []byte{0x03, 0x00}
)

// Gzip appends to dst the gzip form of body: its recorded parts as they
// were deflated, the viewer's own bytes stored, and the stretches between
// them from segments (which may be nil) or compressed at the fastest
// level. It reports false, appending nothing, when body does not hold the
// parts where they were recorded.
func (r *Recorder) Gzip(dst, body []byte, segments *Segments) ([]byte, bool) {
	end := 0
	for _, p := range r.parts {
		if p.at < end || p.at+p.n > len(body) || !p.own() && (p.n != p.kept.n || crc32.ChecksumIEEE(body[p.at:p.at+p.n]) != p.kept.crc) {
			return dst, false
		}
		end = p.at + p.n
	}
	out := append(dst, gzipHeader...)
	from := 0
	for _, p := range r.parts {
		out = appendStretch(out, body[from:p.at], segments)
		if p.own() {
			out = appendStored(out, body[p.at:p.at+p.n])
		} else {
			out = append(out, p.kept.bytes...)
		}
		from = p.at + p.n
	}
	out = appendStretch(out, body[from:], segments)
	out = append(out, finalBlock...)
	out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(body))
	out = binary.LittleEndian.AppendUint32(out, uint32(len(body)))
	return out, true
}

// appendStretch appends stretch as blocks that end byte-aligned.
func appendStretch(out, stretch []byte, segments *Segments) []byte {
	if len(stretch) < minSegment {
		return appendStored(out, stretch)
	}
	if d, ok := segments.deflated(stretch); ok {
		return append(out, d.bytes...)
	}
	a := &appender{b: out}
	w := compressors.Get().(*flate.Writer)
	defer compressors.Put(w)
	w.Reset(a)
	w.Write(stretch)
	w.Flush()
	return a.b
}

// appendStored appends b as stored blocks, which a reader copies as they
// stand.
func appendStored(out, b []byte) []byte {
	for len(b) > 0 {
		n := min(len(b), math.MaxUint16)
		out = append(out, 0, byte(n), byte(n>>8), ^byte(n), ^byte(n>>8))
		out = append(out, b[:n]...)
		b = b[n:]
	}
	return out
}

// appender is an io.Writer that appends to a slice, so compressing into
// it never fails.
type appender struct{ b []byte }

func (a *appender) Write(p []byte) (int, error) {
	a.b = append(a.b, p...)
	return len(p), nil
}
