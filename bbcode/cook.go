// Package bbcode turns the source text of posts and signatures into the safe
// HTML stored beside it ("cooking"). It depends on nothing else in Hyperboard.
package bbcode

import (
	"html"
	"strings"
)

// Cook renders source text as HTML: every character escaped, blank lines
// separating paragraphs and single newlines kept as line breaks.
func Cook(src string) string {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	var b strings.Builder
	for _, para := range strings.Split(src, "\n\n") {
		para = strings.Trim(para, "\n")
		if strings.TrimSpace(para) == "" {
			continue
		}
		b.WriteString("<p>")
		for i, line := range strings.Split(para, "\n") {
			if i > 0 {
				b.WriteString("<br>")
			}
			b.WriteString(html.EscapeString(line))
		}
		b.WriteString("</p>")
	}
	return b.String()
}
