package bbcode

import (
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
)

// The second line of defence: a bluemonday policy that allows exactly the
// markup the writer emits, built once. If the writer ever produced anything
// else, the sanitiser would strip it; the tests assert it never has to (every
// golden case and every fuzz input passes through unchanged).
var policy = newPolicy()

func sanitize(s string) string { return policy.Sanitize(s) }

// classNames lists every class the writer can emit; assets/css/app.css
// styles them. A test checks the sanitiser accepts each one.
func classNames() []string {
	names := []string{"bb-quote", "bb-img", "bb-b", "bb-i", "bb-u", "bb-s"}
	for _, n := range sizes {
		names = append(names, sizeClassNames[n])
	}
	for _, p := range palette {
		names = append(names, "bb-color-"+p.name)
	}
	return names
}

func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "strong", "em", "u", "s", "blockquote", "cite",
		"pre", "code", "ul", "ol", "li", "span", "div")

	var colours, sizeNames []string
	for _, c := range palette {
		colours = append(colours, c.name)
	}
	for _, n := range sizes {
		sizeNames = append(sizeNames, strings.TrimPrefix(sizeClassNames[n], "bb-"))
	}
	styled := `^bb-(?:color-(?:` + strings.Join(colours, "|") + `)|` + strings.Join(sizeNames, "|") + `)$`
	p.AllowAttrs("class").Matching(regexp.MustCompile(styled)).OnElements("span")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^bb-[bius]$|` + styled)).OnElements("div")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^bb-quote$`)).OnElements("blockquote")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^[aAiI]$`)).OnElements("ol")

	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true) // only /p/ID, see the href pattern
	p.AllowAttrs("href").Matching(regexp.MustCompile(`^(?:https?://|mailto:|/p/[0-9]+$)`)).OnElements("a")
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^` + linkRel + `$`)).OnElements("a")

	p.AllowAttrs("src").Matching(regexp.MustCompile(`^https?://`)).OnElements("img")
	p.AllowAttrs("alt").Matching(regexp.MustCompile(`^$`)).OnElements("img")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^lazy$`)).OnElements("img")
	p.AllowAttrs("decoding").Matching(regexp.MustCompile(`^async$`)).OnElements("img")
	p.AllowAttrs("referrerpolicy").Matching(regexp.MustCompile(`^no-referrer$`)).OnElements("img")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^bb-img$`)).OnElements("img")
	return p
}
