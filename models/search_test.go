package models

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestHighlightsSplitAtSentinels(t *testing.T) {
	cases := []struct {
		in   string
		want []Highlight
	}{
		{"", nil},
		{"plain", []Highlight{{Text: "plain"}}},
		{"a " + markStart + "word" + markStop + " b", []Highlight{{Text: "a "}, {Text: "word", Mark: true}, {Text: " b"}}},
		{markStart + "x" + markStop + markStart + "y" + markStop, []Highlight{{Text: "x", Mark: true}, {Text: "y", Mark: true}}},
		// An unclosed mark ends with the text rather than leaking a sentinel.
		{"a " + markStart + "open", []Highlight{{Text: "a "}, {Text: "open", Mark: true}}},
		{markStart + markStop, nil},
	}
	for _, c := range cases {
		got := highlights(c.in)
		if !slices.Equal(got, c.want) {
			t.Errorf("highlights(%q) = %v, want %v", c.in, got, c.want)
		}
		for _, h := range got {
			if strings.ContainsAny(h.Text, markStart+markStop) {
				t.Errorf("highlights(%q) leaks a sentinel in %q", c.in, h.Text)
			}
		}
	}
}

func TestCheckSearchText(t *testing.T) {
	cases := []struct {
		in   string
		want error
	}{
		{"ok", nil},
		{"日本", nil},
		{"a", ErrSearchShort},
		{`"-" ()`, ErrSearchShort},
		{strings.Repeat("x", SearchMaxLength), nil},
		{strings.Repeat("x", SearchMaxLength+1), ErrSearchLong},
	}
	for _, c := range cases {
		if err := checkSearchText(c.in); !errors.Is(err, c.want) {
			t.Errorf("checkSearchText(%q) = %v, want %v", c.in, err, c.want)
		}
	}
}
