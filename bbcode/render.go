package bbcode

import (
	"strconv"
	"strings"
)

// Layout rules (write):
//
//   - Containers hold blocks: the post itself, a quote, a list item, and a
//     wrapper (an inline tag that contains a block). In the post, quotes and
//     wrappers inside them, runs of text and inline tags are wrapped in <p>;
//     in list items they are not, so simple lists stay <li>text</li>.
//   - Two or more newlines (lines holding only spaces count as empty) end a
//     paragraph; a single newline is <br>. Inside an inline tag a paragraph
//     cannot end, so a blank line there is <br><br>. Newlines and blank lines
//     next to a block ([quote], [list], [*], [code]) are layout and vanish.
//   - Text directly inside a [list] before any [*] opens an item of its own,
//     so no content is lost and <ul> only ever holds <li>.
//   - Inline tags never contain blocks (match marks those as wrappers), no
//     block is ever written while a <p> or an inline element is open, and
//     links never nest; so the HTML parses back to the same tree.
//
// The writer keeps its own stack of open elements, no recursion.

type frameKind uint8

const (
	fContainer frameKind = iota // post, quote, item, wrapper: holds blocks
	fList                       // ul/ol: holds items only
	fInline                     // phrasing element inside a run
)

type frame struct {
	tok   int // token that opened it; -1 for the post and implicit items
	kind  frameKind
	pmode bool   // containers: wrap runs in <p>
	link  bool   // an <a>
	close string // HTML that closes it
	mark  int    // output length after the opening tag
}

type writer struct {
	src    string
	toks   []token
	args   []arg
	b      strings.Builder
	frames []frame
	run    bool   // inside a run of inline content in the current container
	inP    bool   // that run is wrapped in <p>
	inline int    // open inline frames
	links  int    // open <a> frames (inline or wrapper)
	nl     int    // newlines seen since the last content, not yet written
	ws     []byte // spaces and tabs after those newlines
}

func write(src string, toks []token, args []arg) string {
	w := &writer{src: src, toks: toks, args: args}
	w.b.Grow(len(src) + len(src)/2 + 16)
	w.frames = append(make([]frame, 0, 16), frame{tok: -1, kind: fContainer, pmode: true})
	for i := range toks {
		w.token(i)
	}
	w.endRun()
	for len(w.frames) > 1 {
		w.pop()
	}
	return w.b.String()
}

func (w *writer) top() *frame { return &w.frames[len(w.frames)-1] }

func (w *writer) token(i int) {
	t := &w.toks[i]
	switch t.kind {
	case kText:
		w.text(w.src[t.start:t.end])
	case kAtom:
		w.atom(t)
	case kItem:
		if w.toks[t.arg].kind != kOpen {
			// Its list was never closed: the list and its items are text.
			w.text(w.src[t.start:t.end])
			return
		}
		w.endRun()
		for w.top().kind != fList {
			w.pop()
		}
		w.b.WriteString("<li>")
		w.frames = append(w.frames, frame{tok: i, kind: fContainer, close: "</li>"})
	case kOpen:
		w.open(i, t)
	case kClose:
		if t.tag == tagItem {
			if w.toks[w.toks[t.match].arg].kind != kOpen {
				w.text(w.src[t.start:t.end])
				return
			}
			w.endRun()
			w.closeTo(t.match)
			return
		}
		if f := w.top(); f.kind == fInline && f.link && w.b.Len() == f.mark {
			// [url=x][/url]: show the address rather than an invisible link.
			escapeTo(&w.b, w.args[w.toks[t.match].arg].text)
		}
		w.closeTo(t.match)
	}
}

func (w *writer) open(i int, t *token) {
	var a *arg
	if t.arg >= 0 {
		a = &w.args[t.arg]
	}
	var open, close string
	link := false
	switch t.tag {
	case tagB, tagI, tagU, tagS:
		if t.block {
			open, close = wrapperOpen[t.tag], "</div>"
		} else {
			open, close = inlineOpen[t.tag], inlineClose[t.tag]
		}
	case tagColor, tagSize:
		el := "span"
		if t.block {
			el = "div"
		}
		open, close = "<"+el+` class="`+a.class+`">`, "</"+el+">"
	case tagURL, tagEmail:
		open, close, link = linkOpen(a.href), "</a>", true
	case tagQuote:
		w.blockStart()
		w.b.WriteString(`<blockquote class="bb-quote">`)
		w.cite(a)
		w.frames = append(w.frames, frame{tok: i, kind: fContainer, pmode: true, close: "</blockquote>"})
		return
	case tagList:
		w.blockStart()
		switch a.list {
		case 0:
			open, close = "<ul>", "</ul>"
		case '1':
			open, close = "<ol>", "</ol>"
		default:
			open, close = `<ol type="`+string(a.list)+`">`, "</ol>"
		}
		w.b.WriteString(open)
		w.frames = append(w.frames, frame{tok: i, kind: fList, close: close})
		return
	}
	if t.block {
		w.blockStart()
		pmode := w.container().pmode
		w.b.WriteString(open)
		w.frames = append(w.frames, frame{tok: i, kind: fContainer, pmode: pmode, link: link, close: close})
	} else {
		w.content()
		w.b.WriteString(open)
		w.frames = append(w.frames, frame{tok: i, kind: fInline, link: link, close: close, mark: w.b.Len()})
		w.inline++
	}
	if link {
		w.links++
	}
}

var (
	inlineOpen  = [numTags]string{tagB: "<strong>", tagI: "<em>", tagU: "<u>", tagS: "<s>"}
	inlineClose = [numTags]string{tagB: "</strong>", tagI: "</em>", tagU: "</u>", tagS: "</s>"}
	wrapperOpen = [numTags]string{
		tagB: `<div class="bb-b">`, tagI: `<div class="bb-i">`,
		tagU: `<div class="bb-u">`, tagS: `<div class="bb-s">`,
	}
)

func linkOpen(href string) string {
	var b strings.Builder
	b.WriteString(`<a href="`)
	escapeTo(&b, href)
	b.WriteString(`" rel="` + linkRel + `">`)
	return b.String()
}

// cite writes the quote's header: "name wrote:", linked to the quoted post
// when there is a post id and the quote is not already inside a link.
func (w *writer) cite(a *arg) {
	if a.author == "" && a.post <= 0 {
		return
	}
	w.b.WriteString("<cite>")
	linked := a.post > 0 && w.links == 0
	if linked {
		w.b.WriteString(`<a href="/p/` + strconv.FormatInt(a.post, 10) + `" rel="` + linkRel + `">`)
	}
	if a.author != "" {
		escapeTo(&w.b, a.author)
		w.b.WriteString(" wrote:")
	} else {
		w.b.WriteString("Quote:")
	}
	if linked {
		w.b.WriteString("</a>")
	}
	w.b.WriteString("</cite>")
}

func (w *writer) atom(t *token) {
	a := &w.args[t.arg]
	switch t.tag {
	case tagCode:
		w.blockStart()
		w.b.WriteString("<pre><code>")
		escapeTo(&w.b, a.text)
		w.b.WriteString("</code></pre>")
	case tagImg:
		w.content()
		w.b.WriteString(`<img src="`)
		escapeTo(&w.b, a.href)
		w.b.WriteString(`" alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" class="bb-img">`)
	case tagURL, tagEmail:
		w.content()
		w.b.WriteString(linkOpen(a.href))
		escapeTo(&w.b, a.text)
		w.b.WriteString("</a>")
	}
}

// container is the innermost container frame.
func (w *writer) container() *frame {
	for i := len(w.frames) - 1; i >= 0; i-- {
		if w.frames[i].kind != fInline {
			return &w.frames[i]
		}
	}
	return &w.frames[0]
}

// closeTo closes open elements up to and including the one opened by token
// open. Match guarantees it is the innermost but for items a list holds.
func (w *writer) closeTo(open int) {
	for len(w.frames) > 1 {
		tok := w.top().tok
		w.pop()
		if tok == open {
			return
		}
	}
}

func (w *writer) pop() {
	f := w.frames[len(w.frames)-1]
	if f.kind != fInline {
		w.endRun()
	}
	w.b.WriteString(f.close)
	w.frames = w.frames[:len(w.frames)-1]
	if f.kind == fInline {
		w.inline--
	}
	if f.link {
		w.links--
	}
}

// blockStart ends the current run before a block, opening an item first if
// the block sits directly in a list.
func (w *writer) blockStart() {
	w.endRun()
	if w.top().kind == fList {
		w.b.WriteString("<li>")
		w.frames = append(w.frames, frame{tok: -1, kind: fContainer, close: "</li>"})
	}
}

// endRun closes the current run: its paragraph, and any newlines and spaces
// not yet written, which are layout next to a block.
func (w *writer) endRun() {
	if w.inP {
		w.b.WriteString("</p>")
	}
	w.run, w.inP = false, false
	w.nl = 0
	w.ws = w.ws[:0]
}

// content is called before anything visible is written: it starts a run (and
// paragraph) if needed, and writes the pending line or paragraph break.
func (w *writer) content() {
	if w.top().kind == fList {
		w.b.WriteString("<li>")
		w.frames = append(w.frames, frame{tok: -1, kind: fContainer, close: "</li>"})
	}
	switch {
	case !w.run:
		w.run = true
		if w.container().pmode {
			w.b.WriteString("<p>")
			w.inP = true
		}
	case w.nl >= 2 && w.inline == 0 && w.inP:
		w.b.WriteString("</p><p>")
	case w.nl >= 2:
		w.b.WriteString("<br><br>")
	case w.nl == 1:
		w.b.WriteString("<br>")
	}
	w.nl = 0
	w.b.Write(w.ws)
	w.ws = w.ws[:0]
}

// text writes source text: escaped, with line breaks as described above and
// bare URLs linked unless already inside a link.
func (w *writer) text(s string) {
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '\n':
			w.nl++
			w.ws = w.ws[:0] // spaces on a blank line are not content
			i++
		case ' ', '\t':
			if w.run && w.nl == 0 {
				w.b.WriteByte(c)
			} else {
				w.ws = append(w.ws, c)
			}
			i++
		default:
			j := i + 1
			for j < len(s) && s[j] != '\n' && s[j] != ' ' && s[j] != '\t' {
				j++
			}
			w.content()
			w.chunk(s[i:j])
			i = j
		}
	}
}

// chunk writes a piece of text without whitespace, linking bare URLs.
func (w *writer) chunk(s string) {
	if w.links > 0 {
		escapeTo(&w.b, s)
		return
	}
	last := 0
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c != 'h' && c != 'w' {
			continue
		}
		n := autolinkStart(s, i)
		if n == 0 {
			continue
		}
		end, stop := autolinkEnd(s, i)
		if end-i <= n {
			continue
		}
		href, ok := checkAutolink(s[i:end])
		if !ok {
			i = stop - 1
			continue
		}
		escapeTo(&w.b, s[last:i])
		w.b.WriteString(linkOpen(href))
		escapeTo(&w.b, s[i:end])
		w.b.WriteString("</a>")
		last = end
		i = end - 1
	}
	escapeTo(&w.b, s[last:])
}

// escapeTo writes s with the five HTML-significant characters escaped, the
// same way the sanitiser's tokenizer prints text, so its output equals ours.
func escapeTo(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}
