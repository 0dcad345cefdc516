// Package benchdoc reads and finds the sections of BENCHMARKS.md, which
// `make bench` and `make audit` each write a part of.
package benchdoc

import (
	"errors"
	"os"
	"strings"
)

// Read returns the file's text, or a bare title when it does not exist yet.
func Read(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	if len(raw) == 0 {
		return "# Benchmarks\n", nil
	}
	return string(raw), nil
}

// Section finds the section that starts with the heading line: start is
// where the heading begins, end where the next "## " section begins (or the
// end of the text). ok is false when there is no such heading.
func Section(text, heading string) (start, end int, ok bool) {
	start = strings.Index(text, heading+"\n")
	if start < 0 {
		return 0, 0, false
	}
	after := start + len(heading)
	if next := strings.Index(text[after:], "\n## "); next >= 0 {
		return start, after + next + 1, true
	}
	return start, len(text), true
}
