package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteSectionPutsTheNewestRunFirst(t *testing.T) {
	file := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	if err := writeSection(file, "### run 1\n\nfirst\n\n"); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(file)
	if want := "# Benchmarks\n\n" + sectionHeading + "\n\n" + sectionIntro + "\n\n### run 1\n\nfirst\n\n"; string(raw) != want {
		t.Fatalf("new file:\n%q\nwant\n%q", raw, want)
	}
	os.WriteFile(file, append(raw, "## Browser audit\n\nscores\n"...), 0o644)
	if err := writeSection(file, "### run 2\n\nsecond\n\n"); err != nil {
		t.Fatal(err)
	}
	raw, _ = os.ReadFile(file)
	want := "# Benchmarks\n\n" + sectionHeading + "\n\n" + sectionIntro + "\n\n### run 2\n\nsecond\n\n### run 1\n\nfirst\n\n## Browser audit\n\nscores\n"
	if string(raw) != want {
		t.Errorf("second run:\n%q\nwant\n%q", raw, want)
	}
}
