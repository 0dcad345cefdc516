package stitch

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
)

// page renders pieces into a body the way templates do, through a small
// buffer, writing the kept ones (odd indexes) with Write, and returns the
// body and its recorder.
func page(t *testing.T, pieces []string) ([]byte, *Recorder) {
	t.Helper()
	var body bytes.Buffer
	rec := NewRecorder(body.Len)
	ctx := WithRecorder(context.Background(), rec)
	w := bufio.NewWriterSize(&body, 64)
	for i, p := range pieces {
		if i%2 == 0 {
			io.WriteString(w, p)
			continue
		}
		deflated, err := Deflate(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := Write(ctx, w, p, deflated); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return body.Bytes(), rec
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("the stitched stream does not decode: %v", err)
	}
	return string(plain)
}

func TestStitchedGzipDecodesToTheBody(t *testing.T) {
	post := func(n int) string {
		return fmt.Sprintf(`<article id="p%d" class="post"><p>%s</p></article>`, n, strings.Repeat("The plane's iron wants honing. ", n%7+1))
	}
	for name, pieces := range map[string][]string{
		"parts between dynamic bytes": {"<html><head><title>Topic</title></head><body>", post(1) + post(2), "<form>reply</form>", post(3), "</body></html>"},
		"parts side by side":          {"<main>", post(1), "", post(2), "</main>"},
		"parts at both ends":          {"", post(1), "<hr>", post(2), ""},
		"no parts":                    {"<p>nothing kept</p>"},
		"a long page":                 {strings.Repeat("<li>menu</li>", 5000), strings.Repeat(post(4), 300), strings.Repeat("<li>reply box</li>", 4000)},
	} {
		t.Run(name, func(t *testing.T) {
			body, rec := page(t, pieces)
			if rec.Recorded() != (len(pieces) > 1) {
				t.Fatalf("Recorded() = %v with %d pieces", rec.Recorded(), len(pieces))
			}
			gz, ok := rec.Gzip([]byte("kept"), body, nil)
			if !ok {
				t.Fatal("the body did not hold its recorded parts")
			}
			if !bytes.HasPrefix(gz, []byte("kept")) {
				t.Fatal("Gzip did not append to dst")
			}
			if got := gunzip(t, gz[len("kept"):]); got != string(body) {
				t.Errorf("decoded %d bytes that differ from the %d-byte body", len(got), len(body))
			}
		})
	}
}

func TestStitchingRefusesABodyThatMovedItsParts(t *testing.T) {
	body, rec := page(t, []string{"<header>", "<article>kept</article>", "<footer>"})
	for name, changed := range map[string][]byte{
		"a changed part": bytes.Replace(body, []byte("kept"), []byte("KEPT"), 1),
		"a shifted part": append([]byte("!"), body...),
		"a cut body":     body[:len(body)-len("</article><footer>")],
	} {
		if gz, ok := rec.Gzip(nil, changed, nil); ok || len(gz) != 0 {
			t.Errorf("%s: stitched anyway", name)
		}
	}
}

func TestNoRecorderNoRecord(t *testing.T) {
	var b bytes.Buffer
	deflated, _ := Deflate("<p>kept</p>")
	if err := Write(context.Background(), &b, "<p>kept</p>", deflated); err != nil || b.String() != "<p>kept</p>" {
		t.Fatalf("Write without a recorder wrote %q, %v", b.String(), err)
	}
	var rec *Recorder
	if rec.Recorded() {
		t.Error("a nil recorder recorded")
	}
}

func BenchmarkStitchedGzip(b *testing.B) {
	post := strings.Repeat(`<article class="post"><div class="post-main"><p>The plane's iron wants honing before the sole is flattened.</p></div></article>`, 400)
	pieces := []string{strings.Repeat(`<a class="nav-link" href="/">Board index</a>`, 150), post, strings.Repeat(`<label class="field-label">Message</label>`, 120)}
	var body bytes.Buffer
	rec := NewRecorder(body.Len)
	deflated, _ := Deflate(post)
	ctx := WithRecorder(context.Background(), rec)
	w := bufio.NewWriter(&body)
	io.WriteString(w, pieces[0])
	Write(ctx, w, post, deflated)
	io.WriteString(w, pieces[2])
	w.Flush()
	for name, segments := range map[string]*Segments{"stretches compressed": nil, "stretches kept": NewSegments(1 << 20)} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(body.Len()))
			var dst []byte
			for b.Loop() {
				dst, _ = rec.Gzip(dst[:0], body.Bytes(), segments)
			}
			b.ReportMetric(float64(len(dst)), "gzip-bytes")
		})
	}
}

// A part written by other means than it was deflated from is compressed as
// it stands, and the stream still decodes to the body.
func TestAroundTakesOnlyWhatMatches(t *testing.T) {
	kept, _ := Deflate(`<li class="row">read</li><li class="row">unread</li>`)
	for name, c := range map[string]struct {
		written  string
		stitched bool
	}{
		"the same rows":           {`<li class="row">read</li><li class="row">unread</li>`, true},
		"rows marked otherwise":   {`<li class="row">unread</li><li class="row">read</li>`, false},
		"rows of the same length": {`<li class="row">read</li><li class="row">UNREAD</li>`, false},
	} {
		var body bytes.Buffer
		rec := NewRecorder(body.Len)
		w := bufio.NewWriter(&body)
		io.WriteString(w, "<ul>")
		err := Around(WithRecorder(context.Background(), rec), w, kept, func() error {
			_, err := io.WriteString(w, c.written)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "</ul>")
		w.Flush()
		gz, ok := rec.Gzip(nil, body.Bytes(), nil)
		if ok != c.stitched {
			t.Errorf("%s: stitched %v, want %v", name, ok, c.stitched)
		}
		if ok && gunzip(t, gz) != body.String() {
			t.Errorf("%s: the stream does not decode to the body", name)
		}
	}
}
