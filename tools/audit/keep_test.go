package main

import (
	"os"
	"path/filepath"
	"testing"
)

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

// Lighthouse's --save-assets writes the trace beside the report, named
// after it; both are moved to the kept name.
func TestKeepAssetsMovesTheReportAndItsTrace(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	for path, text := range map[string]string{out: "report", filepath.Join(dir, "report-0.trace.json"): "trace"} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	kept := filepath.Join(dir, "topic-25-posts-mobile-1")
	if err := keepAssets(out, kept); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{kept + ".json": "report", kept + ".trace.json": "trace"} {
		if got, err := os.ReadFile(path); err != nil || string(got) != want {
			t.Errorf("%s holds %q (%v), want %q", filepath.Base(path), got, err, want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the report is still at %s (%v)", out, err)
	}
}
