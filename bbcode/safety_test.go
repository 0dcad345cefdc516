package bbcode

import (
	"fmt"
	"html"
	"regexp"
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The allowlist the tests hold the output to. It is written out again here
// rather than taken from policy.go, so a mistake in the policy cannot hide
// the same mistake in the writer.
var allowedAttrs = map[string]map[string]*regexp.Regexp{
	"p": {}, "br": {}, "strong": {}, "em": {}, "u": {}, "s": {}, "cite": {},
	"pre": {}, "code": {}, "ul": {}, "li": {},
	"ol":         {"type": regexp.MustCompile(`^[aAiI]$`)},
	"blockquote": {"class": regexp.MustCompile(`^bb-quote$`)},
	"span":       {"class": regexp.MustCompile(`^bb-(color-[a-z]+|size-(50|85|100|150|200))$`)},
	"div":        {"class": regexp.MustCompile(`^bb-([bius]|color-[a-z]+|size-(50|85|100|150|200))$`)},
	"a": {
		"href": regexp.MustCompile(`^(https?://[^/?#]|mailto:[^?#]+$|/p/[1-9][0-9]*$)`),
		"rel":  regexp.MustCompile(`^nofollow ugc noopener$`),
	},
	"img": {
		"src":            regexp.MustCompile(`^https?://[^/?#]`),
		"alt":            regexp.MustCompile(`^$`),
		"loading":        regexp.MustCompile(`^lazy$`),
		"decoding":       regexp.MustCompile(`^async$`),
		"referrerpolicy": regexp.MustCompile(`^no-referrer$`),
		"class":          regexp.MustCompile(`^bb-img$`),
	},
}

// required attributes: a link or image without its target is a bug too.
var requiredAttrs = map[string][]string{
	"a":   {"href", "rel"},
	"img": {"src", "alt", "loading", "decoding", "referrerpolicy", "class"},
}

// checkHTML asserts everything the renderer promises about its output:
//   - only allowlisted elements and attributes, every required attribute,
//     every value matching its pattern; explicitly no on*, style or hx-*;
//   - every href/src scheme, read as a browser would (entities decoded,
//     whitespace and controls removed, any case), is http, https or mailto,
//     or the link is the site-relative /p/ID;
//   - the HTML5 parser builds exactly the tree the tags describe: parsing it
//     and printing it again gives the same sequence of tokens, so nothing was
//     re-parented, auto-closed or dropped, and no element is left open to
//     swallow the page after the post;
//   - quotes nest at most MaxQuoteDepth deep;
//   - the sanitiser leaves it unchanged.
func checkHTML(out string) error {
	toks, err := tokens(out)
	if err != nil {
		return err
	}
	depth, quotes, maxQuotes := 0, 0, 0
	var stack []string
	for _, t := range toks {
		switch t.Type {
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			allowed, ok := allowedAttrs[t.Data]
			if !ok {
				return fmt.Errorf("element <%s> not allowed", t.Data)
			}
			seen := map[string]bool{}
			for _, a := range t.Attr {
				k := strings.ToLower(a.Key)
				if strings.HasPrefix(k, "on") || k == "style" || strings.HasPrefix(k, "hx-") || strings.HasPrefix(k, "data-") {
					return fmt.Errorf("forbidden attribute %s on <%s>", k, t.Data)
				}
				re, ok := allowed[k]
				if !ok {
					return fmt.Errorf("attribute %s not allowed on <%s>", k, t.Data)
				}
				if seen[k] {
					return fmt.Errorf("duplicate attribute %s on <%s>", k, t.Data)
				}
				seen[k] = true
				if !re.MatchString(a.Val) {
					return fmt.Errorf("%s=%q on <%s> does not match %s", k, a.Val, t.Data, re)
				}
				if k == "href" || k == "src" {
					if err := checkScheme(a.Val); err != nil {
						return err
					}
				}
			}
			for _, k := range requiredAttrs[t.Data] {
				if !seen[k] {
					return fmt.Errorf("<%s> without %s", t.Data, k)
				}
			}
			if t.Data != "br" && t.Data != "img" {
				stack = append(stack, t.Data)
				depth++
				if t.Data == "blockquote" {
					quotes++
					maxQuotes = max(maxQuotes, quotes)
				}
			}
		case nethtml.EndTagToken:
			if len(stack) == 0 || stack[len(stack)-1] != t.Data {
				return fmt.Errorf("end tag </%s> does not close the open element (open: %v)", t.Data, stack)
			}
			stack = stack[:len(stack)-1]
			if t.Data == "blockquote" {
				quotes--
			}
		case nethtml.CommentToken, nethtml.DoctypeToken:
			return fmt.Errorf("unexpected %v token", t.Type)
		}
	}
	if len(stack) != 0 {
		return fmt.Errorf("elements left open: %v", stack)
	}
	if maxQuotes > MaxQuoteDepth {
		return fmt.Errorf("quotes nest %d deep", maxQuotes)
	}
	if err := sameTree(out, toks); err != nil {
		return err
	}
	if s := sanitize(out); s != out {
		return fmt.Errorf("sanitiser changed the output:\n got %q\nfrom %q", s, out)
	}
	return nil
}

func checkScheme(v string) error {
	d := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, html.UnescapeString(v)))
	for _, p := range []string{"http://", "https://", "mailto:", "/p/"} {
		if strings.HasPrefix(d, p) {
			return nil
		}
	}
	return fmt.Errorf("URL %q has a forbidden scheme", v)
}

// tokens splits HTML into tokens, merging adjacent text.
func tokens(s string) ([]nethtml.Token, error) {
	z := nethtml.NewTokenizer(strings.NewReader(s))
	var out []nethtml.Token
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			if err := z.Err(); err.Error() != "EOF" {
				return nil, err
			}
			return out, nil
		}
		t := z.Token()
		if t.Type == nethtml.SelfClosingTagToken {
			t.Type = nethtml.StartTagToken
		}
		if t.Type == nethtml.TextToken && len(out) > 0 && out[len(out)-1].Type == nethtml.TextToken {
			out[len(out)-1].Data += t.Data
			continue
		}
		out = append(out, t)
	}
}

// sameTree parses s as the content of a <div> (where posts live), prints the
// tree and compares its tokens with the original's.
func sameTree(s string, want []nethtml.Token) error {
	ctx := &nethtml.Node{Type: nethtml.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := nethtml.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, n := range nodes {
		if err := nethtml.Render(&b, n); err != nil {
			return err
		}
	}
	got, err := tokens(b.String())
	if err != nil {
		return err
	}
	if len(got) != len(want) {
		return fmt.Errorf("HTML parser rebuilt the tree:\n was %q\n now %q", s, b.String())
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Type != w.Type || g.Data != w.Data || len(g.Attr) != len(w.Attr) {
			return fmt.Errorf("HTML parser rebuilt the tree at token %d:\n was %q\n now %q", i, s, b.String())
		}
		for j := range g.Attr {
			if g.Attr[j] != w.Attr[j] {
				return fmt.Errorf("HTML parser changed attribute %v to %v", w.Attr[j], g.Attr[j])
			}
		}
	}
	return nil
}
