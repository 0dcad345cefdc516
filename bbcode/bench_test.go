package bbcode

import (
	"strings"
	"testing"
)

// benchPost is a 10 KB post of the kind a busy board sees: quotes with
// authors and post links, lists, links, code, bare URLs, colours and sizes.
func benchPost() string {
	part := `[quote="Alice Example" post=4512]
Has anyone tried the new [b]fast path[/b]? See https://example.com/docs/fast-path (section 2).
[quote="Bob"]I did, it [i]mostly[/i] works.[/quote]
[/quote]
Thanks! A few notes:
[list]
[*][color=darkgreen]Works[/color] on [url=https://example.org/linux]Linux[/url] and www.example.net.
[*][size=150]Big[/size] inputs: fine up to [u]1 GB[/u].
[*]Email [email]ops@example.com[/email] for access.
[/list]
[code]
for i := 0; i < n; i++ {
	sum += a[i] // <- hot loop
}
[/code]
[img]https://example.com/images/graph.png[/img]
Plain text with "quotes" & <angle brackets>, then [color=#c00]a warning[/color].

`
	var b strings.Builder
	for b.Len() < 10*1024 {
		b.WriteString(part)
	}
	return b.String()[:10*1024]
}

func BenchmarkCook10KB(b *testing.B) {
	src := benchPost()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Cook(src)
	}
}

// BenchmarkRender10KB is the renderer alone, without the sanitiser.
func BenchmarkRender10KB(b *testing.B) {
	src := benchPost()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		render(src)
	}
}
