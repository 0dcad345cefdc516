package bbcode

import (
	"strconv"
	"strings"
)

// tagID names the tags the dialect knows. Anything else in brackets is text.
type tagID uint8

const (
	tagNone tagID = iota
	// Inline tags with content: rendered as phrasing elements, or as block
	// wrappers when they contain a block (see token.block).
	tagB
	tagI
	tagU
	tagS
	tagColor
	tagSize
	tagURL   // [url=...]text[/url]; [url]...[/url] is an atom
	tagEmail // [email=...]text[/email]; [email]...[/email] is an atom
	// Blocks.
	tagQuote
	tagList
	tagItem // [*] opens an item, [/*] may close it
	// Atoms: their content is not BBCode.
	tagCode
	tagImg
	numTags
)

func lookupTag(name string) tagID {
	if len(name) > 5 {
		return tagNone
	}
	var buf [5]byte
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	switch string(buf[:len(name)]) {
	case "b":
		return tagB
	case "i":
		return tagI
	case "u":
		return tagU
	case "s":
		return tagS
	case "color":
		return tagColor
	case "size":
		return tagSize
	case "url":
		return tagURL
	case "email":
		return tagEmail
	case "quote":
		return tagQuote
	case "list":
		return tagList
	case "*":
		return tagItem
	case "code":
		return tagCode
	case "img":
		return tagImg
	}
	return tagNone
}

var closerNames = [numTags]string{
	tagURL: "url", tagEmail: "email", tagCode: "code", tagImg: "img",
}

type kind uint8

const (
	kText  kind = iota // src[start:end] shown as text
	kOpen              // an opening tag with content to follow
	kClose             // a closing tag
	kItem              // [*]
	kAtom              // a tag, its literal content and its closer, as one token
)

// token is one piece of the source. The lexer makes them; match decides which
// opening and closing tags pair up and turns the rest into kText, so the
// writer can show an unusable tag exactly as it was typed.
type token struct {
	start, end int // the token's bytes in the source
	// match is the index of the partner token for a paired open or close
	// (for a [/*], the item it closes), or -1.
	match int
	// arg indexes lexer.args for tags with attributes or atom content; for an
	// item it is the index of its [list] token. -1 when unused.
	arg   int
	kind  kind
	tag   tagID
	block bool // an inline tag that contains a block: rendered as a wrapper
}

// arg holds the checked attributes of a tag. Nothing here is raw user text
// except author and text, which the writer escapes.
type arg struct {
	href   string // checked URL for url, email and img
	class  string // class for color and size; type for an ordered list
	author string // quote author (escaped on output)
	text   string // link text for url/email atoms, content of code
	post   int64  // quote post id, 0 when absent
	list   byte   // 0 for [list], '1', 'a', 'A', 'i', 'I' for ordered lists
}

type lexer struct {
	src  string
	off  [numTags]bool // tags switched off by Options, lexed as text
	toks []token
	args []arg
	// closeAt caches, per atom tag, where its next closer was found at or
	// after closeFrom (-1: none at all). Lexing moves forward only, so each
	// byte is searched at most once per tag and unclosed atoms stay linear.
	closeAt   [numTags]int
	closeFrom [numTags]int
}

// Lengths beyond which a tag is not recognised. They bound the work done at
// each '[' and keep absurd attribute values out of the output.
const (
	maxURLLen   = 2048
	maxValueLen = 4096
	maxDigits   = 18 // post ids fit an int64
)

// lex splits src into text and tag tokens in one forward pass.
func lex(src string, o Options) *lexer {
	lx := &lexer{src: src}
	for id := range lx.off {
		lx.off[id] = o.NoTags || (o.NoImages && tagID(id) == tagImg)
	}
	for i := range lx.closeAt {
		lx.closeAt[i], lx.closeFrom[i] = -1, len(src)+1
	}
	// Each '[' yields at most a tag and the text before it: one allocation.
	lx.toks = make([]token, 0, 2*strings.Count(src, "[")+1)
	text, p := 0, 0
	for {
		k := strings.IndexByte(src[p:], '[')
		if k < 0 {
			break
		}
		i := p + k
		if t, ok := lx.tag(i); ok {
			if text < i {
				lx.toks = append(lx.toks, token{start: text, end: i, match: -1, arg: -1})
			}
			lx.toks = append(lx.toks, t)
			text, p = t.end, t.end
		} else {
			p = i + 1
		}
	}
	if text < len(src) {
		lx.toks = append(lx.toks, token{start: text, end: len(src), match: -1, arg: -1})
	}
	return lx
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// tag recognises a tag starting at src[i] == '['. It reports false for
// anything that is not a well-formed tag of the dialect with acceptable
// attributes; the bracket is then ordinary text.
func (lx *lexer) tag(i int) (token, bool) {
	src := lx.src
	j := i + 1
	if j < len(src) && src[j] == '/' {
		n := j + 1
		for n < len(src) && n-j <= 6 && (isLetter(src[n]) || src[n] == '*') {
			n++
		}
		if n == j+1 || n >= len(src) || src[n] != ']' {
			return token{}, false
		}
		id := lookupTag(src[j+1 : n])
		if id == tagNone || lx.off[id] {
			return token{}, false
		}
		return token{start: i, end: n + 1, match: -1, arg: -1, kind: kClose, tag: id}, true
	}
	n := j
	for n < len(src) && n-j <= 6 && (isLetter(src[n]) || src[n] == '*') {
		n++
	}
	if n == j || n >= len(src) {
		return token{}, false
	}
	id := lookupTag(src[j:n])
	if id == tagNone || lx.off[id] {
		return token{}, false
	}
	var def string
	hasDef := false
	if src[n] == '=' {
		mode := valueToBracket
		if id == tagQuote {
			mode = valueQuoteDefault
		}
		v, next, ok := lx.value(n+1, mode)
		if !ok {
			return token{}, false
		}
		def, hasDef, n = v, true, next
	}
	var a arg
	// Named attributes: only [quote] has them (post=ID, and phpBB's
	// post_id/time/user_id so that imported posts keep working).
	for n < len(src) && src[n] == ' ' {
		for n < len(src) && src[n] == ' ' {
			n++
		}
		if n < len(src) && src[n] == ']' {
			break
		}
		k := n
		for k < len(src) && k-n <= 8 && (isLetter(src[k]) || src[k] == '_') {
			k++
		}
		if id != tagQuote || k == n || k >= len(src) || src[k] != '=' {
			return token{}, false
		}
		key := strings.ToLower(src[n:k])
		v, next, ok := lx.value(k+1, valueNamed)
		if !ok {
			return token{}, false
		}
		num, ok := digits(v)
		if !ok {
			return token{}, false
		}
		switch key {
		case "post", "post_id":
			a.post = num
		case "time", "user_id":
			// accepted for compatibility, not shown
		default:
			return token{}, false
		}
		n = next
	}
	if n >= len(src) || src[n] != ']' {
		return token{}, false
	}
	end := n + 1
	t := token{start: i, end: end, match: -1, arg: -1, kind: kOpen, tag: id}
	switch id {
	case tagB, tagI, tagU, tagS:
		if hasDef {
			return token{}, false
		}
		return t, true
	case tagColor:
		c, ok := colorClass(def)
		if !ok {
			return token{}, false
		}
		a.class = c
	case tagSize:
		c, ok := sizeClass(def)
		if !ok {
			return token{}, false
		}
		a.class = c
	case tagURL, tagEmail:
		if !hasDef {
			return lx.atom(t, a)
		}
		var ok bool
		if id == tagURL {
			a.href, ok = checkURL(def, true)
		} else {
			a.href, ok = checkEmail(def)
		}
		if !ok {
			return token{}, false
		}
		a.text = def
	case tagQuote:
		a.author = strings.TrimSpace(def)
	case tagList:
		if hasDef {
			switch def {
			case "1", "a", "A", "i", "I":
				a.list = def[0]
			default:
				return token{}, false
			}
		}
	case tagItem:
		if hasDef || src[j] != '*' {
			return token{}, false
		}
		t.kind = kItem
		return t, true
	case tagCode:
		// [code=php] is phpBB's language hint; accepted and not used.
		if hasDef && !isLangName(def) {
			return token{}, false
		}
		return lx.atom(t, a)
	case tagImg:
		if hasDef {
			return token{}, false
		}
		return lx.atom(t, a)
	}
	t.arg = len(lx.args)
	lx.args = append(lx.args, a)
	return t, true
}

// atom finishes a tag whose content is not BBCode: it runs to the first
// closer of the same name. Without a closer, or with content that fails its
// check, the opening tag is not a tag and its content is lexed as usual.
func (lx *lexer) atom(t token, a arg) (token, bool) {
	q := lx.findCloser(t.tag, t.end)
	if q < 0 {
		return token{}, false
	}
	content := lx.src[t.end:q]
	switch t.tag {
	case tagCode:
		// One newline after [code] and one before [/code] belong to the
		// layout of the source, not to the code.
		content = strings.TrimPrefix(content, "\n")
		content = strings.TrimSuffix(content, "\n")
		a.text = content
	case tagURL, tagImg, tagEmail:
		if len(content) > maxURLLen {
			return token{}, false
		}
		var ok bool
		switch t.tag {
		case tagURL:
			a.href, ok = checkURL(content, true)
		case tagImg:
			a.href, ok = checkImage(content)
		default:
			a.href, ok = checkEmail(content)
		}
		if !ok {
			return token{}, false
		}
		a.text = strings.TrimSpace(content)
	}
	t.kind = kAtom
	t.end = q + len(closerNames[t.tag]) + 3
	t.arg = len(lx.args)
	lx.args = append(lx.args, a)
	return t, true
}

func (lx *lexer) findCloser(id tagID, from int) int {
	if c := lx.closeAt[id]; c >= from || (c < 0 && lx.closeFrom[id] <= from) {
		return c
	}
	q := indexCloser(lx.src, from, closerNames[id])
	lx.closeAt[id], lx.closeFrom[id] = q, from
	return q
}

// indexCloser finds "[/name]" in any letter case at or after from.
func indexCloser(src string, from int, name string) int {
	for from < len(src) {
		k := strings.Index(src[from:], "[/")
		if k < 0 {
			return -1
		}
		p := from + k
		e := p + 2 + len(name)
		if e < len(src) && src[e] == ']' && strings.EqualFold(src[p+2:e], name) {
			return p
		}
		from = p + 2
	}
	return -1
}

// How an unquoted attribute value ends.
const (
	valueToBracket    = iota // [url=...]: at ']' (spaces allowed, trimmed)
	valueQuoteDefault        // [quote=John Smith post=1]: at ']' or before " key="
	valueNamed               // post=12: at ' ' or ']'
)

// value reads an attribute value starting at src[p]: "double-quoted" or
// 'single-quoted' (a backslash escapes the quote character and itself), or
// unquoted, ending as mode says. Values never span lines, never contain '['
// unless quoted, and are bounded in length. These rules also keep lexing
// linear: two scans that look for the same terminator never overlap.
func (lx *lexer) value(p int, mode int) (string, int, bool) {
	src := lx.src
	if p >= len(src) {
		return "", p, false
	}
	if q := src[p]; q == '"' || q == '\'' {
		var b []byte // only when an escape is seen
		k := p + 1
		for ; k < len(src); k++ {
			c := src[k]
			if k-p > maxValueLen || c == '\n' {
				return "", p, false
			}
			if c == '\\' && k+1 < len(src) && (src[k+1] == q || src[k+1] == '\\') {
				if b == nil {
					b = append(make([]byte, 0, k-p+16), src[p+1:k]...)
				}
				b = append(b, src[k+1])
				k++
				continue
			}
			if c == q {
				break
			}
			if b != nil {
				b = append(b, c)
			}
		}
		if k >= len(src) {
			return "", p, false
		}
		// The closing quote must end the value: [quote="a"b] is not a tag.
		if k+1 >= len(src) || (src[k+1] != ']' && src[k+1] != ' ') {
			return "", p, false
		}
		if b != nil {
			return string(b), k + 1, true
		}
		return src[p+1 : k], k + 1, true
	}
	k := p
	for ; k < len(src); k++ {
		c := src[k]
		if k-p > maxValueLen || c == '\n' || c == '[' {
			return "", p, false
		}
		if c == ']' {
			break
		}
		if c == ' ' && (mode == valueNamed || mode == valueQuoteDefault && lx.keyFollows(k)) {
			break
		}
	}
	if k >= len(src) {
		return "", p, false
	}
	return strings.TrimRight(src[p:k], " "), k, true
}

// keyFollows reports whether spaces at src[k] are followed by "key=" for a
// key [quote] understands.
func (lx *lexer) keyFollows(k int) bool {
	src := lx.src
	for k < len(src) && src[k] == ' ' {
		k++
	}
	e := k
	for e < len(src) && e-k <= 8 && (isLetter(src[e]) || src[e] == '_') {
		e++
	}
	if e >= len(src) || src[e] != '=' {
		return false
	}
	switch strings.ToLower(src[k:e]) {
	case "post", "post_id", "time", "user_id":
		return true
	}
	return false
}

// digits parses a post id: ASCII digits only, no sign, no exponent.
func digits(s string) (int64, bool) {
	if s == "" || len(s) > maxDigits {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

func isLangName(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isLetter(c) && !('0' <= c && c <= '9') && !strings.ContainsRune("+#._-", rune(c)) {
			return false
		}
	}
	return true
}
