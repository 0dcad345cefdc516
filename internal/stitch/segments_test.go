package stitch

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"io"
	"strings"
	"testing"
)

// tokenPage renders a member's page the way templates do: a header and a
// footer around a kept list, with the session's token in each as the
// viewer's own.
func tokenPage(t *testing.T, token string) ([]byte, *Recorder) {
	t.Helper()
	var body bytes.Buffer
	rec := NewRecorder(body.Len)
	ctx := WithRecorder(context.Background(), rec)
	w := bufio.NewWriterSize(&body, 64)
	list := strings.Repeat(`<li class="topic-row"><a href="/t/1">Clear skies tonight</a></li>`, 20)
	kept, err := Deflate(list)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<!doctype html><html><head><title>Astronomy</title><meta name="csrf-token" content="`)
	Own(ctx, w, token)
	io.WriteString(w, `"></head><body><header><a href="/" class="site-title">Board</a><nav><a href="/members">Members</a></nav></header><ul>`)
	Write(ctx, w, list, kept)
	io.WriteString(w, `</ul><form action="/logout" method="post"><input type="hidden" name="_csrf" value="`)
	Own(ctx, w, token)
	io.WriteString(w, `"><button>Log out</button></form><footer>All times are UTC</footer></body></html>`)
	w.Flush()
	return body.Bytes(), rec
}

// keptBytes is what segments' kept stretches take, as counted against
// their budget.
func keptBytes(s *Segments) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.size
}

func TestOwnBytesGoOutAsTheyStand(t *testing.T) {
	const token = "VF1DlkVhtrLMBgSLn1o4gaTC_gB7XbobCesdryG04Bs"
	body, rec := tokenPage(t, token)
	gz, ok := rec.Gzip(nil, body, nil)
	if !ok {
		t.Fatal("the body did not hold its recorded parts")
	}
	if got := gunzip(t, gz); got != string(body) {
		t.Fatalf("decoded %q, want %q", got, body)
	}
	if n := bytes.Count(gz, []byte(token)); n != 2 {
		t.Errorf("the token stands %d times in the stream, want 2 (stored, as it is)", n)
	}
}

// The stretches around a viewer's own bytes are kept on their second
// sighting, whoever's they were, and from then on taken as kept: two
// sessions' streams differ only in their tokens and checksums.
func TestStretchesAreKeptOnTheirSecondSighting(t *testing.T) {
	segments := NewSegments(1 << 20)
	tokens := []string{"first-session-token-aaaaaaaaaaaaaaaaaaaaaaa", "second-session-token-bbbbbbbbbbbbbbbbbbbbbb", "third-session-token-ccccccccccccccccccccccc"}
	var streams [][]byte
	for i, token := range tokens {
		body, rec := tokenPage(t, token)
		gz, ok := rec.Gzip(nil, body, segments)
		if !ok {
			t.Fatal("the body did not hold its recorded parts")
		}
		if got := gunzip(t, gz); got != string(body) {
			t.Fatalf("session %d: the stream does not decode to the body", i)
		}
		if kept := keptBytes(segments) > 0; kept != (i > 0) {
			t.Fatalf("after %d sightings, %d bytes kept", i+1, keptBytes(segments))
		}
		streams = append(streams, gz)
	}
	second := bytes.ReplaceAll(streams[1], []byte(tokens[1]), []byte(tokens[2]))
	third := streams[2]
	if len(second) != len(third) || !bytes.Equal(second[:len(second)-8], third[:len(third)-8]) {
		t.Error("the third session's stream is not the second's stretches around its own token")
	}
}

func TestSegmentsStayWithinTheirBudget(t *testing.T) {
	const budget = 8 << 10
	segments := NewSegments(budget)
	stretch := func(i int) []byte {
		return fmt.Appendf(nil, `<nav class="pager">%s page %d</nav>`, strings.Repeat(`<a class="page-link" href="/f/1?page=2">2</a>`, 40), i)
	}
	for i := range 200 {
		if _, ok := segments.deflated(stretch(i)); ok {
			t.Fatal("a stretch was taken as kept on its first sighting")
		}
		if _, ok := segments.deflated(stretch(i)); !ok {
			t.Fatal("a stretch was not kept on its second sighting")
		}
		if keptBytes(segments) > budget {
			t.Fatalf("after %d stretches, %d bytes kept, over the budget of %d", i+1, keptBytes(segments), budget)
		}
	}
	if _, ok := segments.deflated(stretch(199)); !ok {
		t.Error("the stretch used last was dropped")
	}
	if _, ok := segments.deflated(stretch(0)); ok {
		t.Error("the stretch used first is still kept past the budget")
	}
}

// A stretch found under its key is taken only if it holds the same bytes.
func TestSegmentsRefuseAStretchUnderAnotherKey(t *testing.T) {
	segments := NewSegments(1 << 20)
	asked := []byte(strings.Repeat(`<li class="menu-item">Profile</li>`, 10))
	other, _ := Deflate(strings.Repeat(`<li class="menu-item">Logout!</li>`, 10))
	segments.keep(maphash.Bytes(segments.seed, asked), other)
	if d, ok := segments.deflated(asked); ok && bytes.Equal(d.bytes, other.bytes) {
		t.Error("another stretch's bytes were taken for the one asked")
	}
}

func TestNoSegmentsKeepNothing(t *testing.T) {
	stretch := []byte(strings.Repeat("<p>the same paragraph</p>", 20))
	for _, segments := range []*Segments{nil, NewSegments(0)} {
		for range 3 {
			if _, ok := segments.deflated(stretch); ok {
				t.Error("a stretch was kept without a budget")
			}
		}
	}
}
