package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteSectionReplacesOnlyItsOwnSection(t *testing.T) {
	file := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	os.WriteFile(file, []byte("# Benchmarks\n\n"+sectionHeading+"\n\nold\n\n## Server benchmarks\n\nruns\n"), 0o644)
	if err := writeSection(file, "new\n"); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(file)
	if want := "# Benchmarks\n\n" + sectionHeading + "\n\nnew\n\n## Server benchmarks\n\nruns\n"; string(raw) != want {
		t.Errorf("got\n%q\nwant\n%q", raw, want)
	}
}
