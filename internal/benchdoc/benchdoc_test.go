package benchdoc

import "testing"

func TestSection(t *testing.T) {
	text := "# Benchmarks\n\n## Server\n\nrun\n\n## Browser\n\naudit\n"
	start, end, ok := Section(text, "## Server")
	if !ok || text[start:end] != "## Server\n\nrun\n\n" {
		t.Errorf("server section %q (ok %v)", text[start:end], ok)
	}
	start, end, ok = Section(text, "## Browser")
	if !ok || text[start:end] != "## Browser\n\naudit\n" {
		t.Errorf("browser section %q (ok %v)", text[start:end], ok)
	}
	if _, _, ok := Section(text, "## Missing"); ok {
		t.Error("found a section that is not there")
	}
}

func TestReadMissingFile(t *testing.T) {
	text, err := Read(t.TempDir() + "/BENCHMARKS.md")
	if err != nil || text != "# Benchmarks\n" {
		t.Errorf("missing file read as %q, %v", text, err)
	}
}
