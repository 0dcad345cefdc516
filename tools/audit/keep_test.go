package main

import "testing"

func TestFileNameKeepsLettersAndDigits(t *testing.T) {
	for name, want := range map[string]string{
		"Topic, 25 posts":   "topic-25-posts",
		"Settings (member)": "settings-member",
		"Board index":       "board-index",
	} {
		if got := fileName(name); got != want {
			t.Errorf("fileName(%q) = %q, want %q", name, got, want)
		}
	}
}
