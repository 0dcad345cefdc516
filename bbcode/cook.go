// Package bbcode turns the source text of posts and signatures into the safe
// HTML stored beside it ("cooking"). It depends on nothing else in Hyperboard.
//
// The dialect follows phpBB: [b] [i] [u] [s], [quote] with an optional author
// and post id, [code], [url], [email], [img], [list] with [*] items, [color]
// and [size]; bare http://, https:// and www. addresses become links; blank
// lines separate paragraphs and single newlines are kept as line breaks.
//
// Safety comes from construction, not from filtering: the source is split into
// text and recognised tags (lex.go), tags are paired with a stack so that only
// properly nested pairs become markup (match.go), and the writer (render.go)
// emits a fixed vocabulary of elements whose only attribute values are URLs
// that passed checkURL (url.go), digits of a post id, and class names taken
// from fixed tables (style.go). Everything the user typed that is not markup is
// HTML-escaped, so a tag that cannot be honoured (unknown, unclosed, stray,
// over the nesting limits, or with a rejected URL, colour or size) is shown
// exactly as typed. The result then passes through a bluemonday policy that
// allows exactly that vocabulary (policy.go) as a second line of defence.
//
// Every pass is linear in the length of the source and none recurses, so
// hostile input (megabytes of unclosed tags, thousands of nested quotes) costs
// no more than ordinary text of the same size.
package bbcode

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits on nesting. Deeper tags are shown as text: browsers flatten very
// deep DOM trees, and a post should not be able to bury the page under a
// staircase of quotes.
const (
	// MaxQuoteDepth is how deeply [quote] tags may nest.
	MaxQuoteDepth = 10
	// MaxNesting is how many tags of any kind may be open at once.
	MaxNesting = 32
)

// Cook renders BBCode source as safe HTML, the form stored beside the source.
//
// The same source always yields the same HTML. Text is HTML-escaped; invalid
// UTF-8 is replaced with U+FFFD; NUL and other control characters (except tab
// and newline) and the bidirectional embedding, override and isolate controls
// are removed, so a post cannot reorder the page text that follows it.
func Cook(src string) string {
	return CookWith(src, Options{})
}

// Options switch parts of the dialect off, as a forum's permissions may:
// a tag that is off is shown as the text that was typed.
type Options struct {
	NoTags   bool // no tag at all; bare URLs are still linked and line breaks kept
	NoImages bool // [img] is text
}

// CookWith is Cook with parts of the dialect switched off.
func CookWith(src string, o Options) string {
	return sanitize(renderWith(src, o))
}

// render is Cook without the second line of defence. Tests compare the two to
// prove the renderer only emits what the sanitiser allows.
func render(src string) string { return renderWith(src, Options{}) }

func renderWith(src string, o Options) string {
	src = clean(src)
	lx := lex(src, o)
	match(lx.toks)
	return write(src, lx.toks, lx.args)
}

// Quote builds the BBCode that "Reply with quote" puts into the reply box:
// [quote="author" post=ID]body[/quote]. The author is written as a quoted
// attribute value with backslash escapes, so a name containing quotes,
// brackets or backslashes comes back from Cook as the same text and can never
// end the tag early. postID <= 0 leaves out the post link; an empty author
// leaves out the name.
func Quote(author string, postID int64, body string) string {
	author = strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, clean(author)))
	// Names are short; the cap keeps the escaped value far below the lexer's
	// attribute limit whatever the name contains.
	if utf8.RuneCountInString(author) > maxAuthorRunes {
		author = string([]rune(author)[:maxAuthorRunes])
	}
	var b strings.Builder
	b.Grow(len(author) + len(body) + 40)
	b.WriteString("[quote")
	if author != "" {
		b.WriteString(`="`)
		for i := 0; i < len(author); i++ {
			if c := author[i]; c == '"' || c == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(author[i])
		}
		b.WriteByte('"')
	}
	if postID > 0 {
		b.WriteString(" post=")
		b.WriteString(strconv.FormatInt(postID, 10))
	}
	b.WriteByte(']')
	b.WriteString(body)
	b.WriteString("[/quote]")
	return b.String()
}

const maxAuthorRunes = 255

// clean normalises the source before anything looks at it: CRLF and lone CR
// become LF (the HTML tokenizer would otherwise rewrite them, and the
// sanitiser's output would differ from ours), invalid UTF-8 becomes U+FFFD,
// and characters that have no business in a post are dropped: NUL and the
// other C0/C1 controls except tab and newline, and the bidi controls that
// could reorder text outside the post (U+202A-U+202E, U+2066-U+2069).
func clean(s string) string {
	if !needsClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '\r':
				b.WriteByte('\n')
				if i < len(s) && s[i] == '\n' {
					i++
				}
			case c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f):
				b.WriteByte(c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case dropRune(r):
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || dropRune(r) {
			return true
		}
		i += size
	}
	return false
}

func dropRune(r rune) bool {
	return (r >= 0x80 && r <= 0x9f) || // C1 controls
		(r >= 0x202a && r <= 0x202e) || // LRE, RLE, PDF, LRO, RLO
		(r >= 0x2066 && r <= 0x2069) // LRI, RLI, FSI, PDI
}
