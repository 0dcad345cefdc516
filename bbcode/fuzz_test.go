package bbcode

import "testing"

// FuzzCook checks the renderer's promises on any input: the HTML parses back
// to the same tree, holds only allowlisted elements, attributes and URL
// schemes (no on*, style or hx-* attributes), nests quotes at most
// MaxQuoteDepth deep, and passes the sanitiser unchanged; Cook is that
// output and is deterministic. The seed corpus in testdata/fuzz/FuzzCook
// covers every tag, the hostile inputs of SECURITY-TESTS.md and inputs the
// fuzzer once found; plain `go test` runs it.
func FuzzCook(f *testing.F) {
	f.Add("[b]x[/b] http://example.com")
	f.Fuzz(func(t *testing.T, src string) {
		out := render(src)
		if err := checkHTML(out); err != nil {
			t.Fatalf("render(%q) = %q: %v", src, out, err)
		}
		if cooked := Cook(src); cooked != out {
			t.Fatalf("Cook(%q) = %q, render gave %q", src, cooked, out)
		}
	})
}
