package models

import (
	"strings"
	"testing"
)

// FuzzHighlights splits any text at the sentinels: no run is empty or holds
// a sentinel, and the runs put together are the text without them (broken
// UTF-8 mended).
func FuzzHighlights(f *testing.F) {
	f.Add("a " + markStart + "word" + markStop + " b")
	f.Add(markStop + "x" + markStart + markStart + "y")
	f.Add(markStart + markStop + markStop)
	f.Fuzz(func(t *testing.T, s string) {
		var joined strings.Builder
		for _, h := range highlights(s) {
			if h.Text == "" || strings.ContainsAny(h.Text, markStart+markStop) {
				t.Fatalf("highlights(%q) has the run %q", s, h.Text)
			}
			joined.WriteString(h.Text)
		}
		want := strings.NewReplacer(markStart, "", markStop, "").Replace(strings.ToValidUTF8(s, "\uFFFD"))
		if joined.String() != want {
			t.Fatalf("highlights(%q) joined = %q, want %q", s, joined.String(), want)
		}
	})
}
