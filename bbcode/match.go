package bbcode

// Pairing rules (match):
//
//   - A closer pairs with the nearest open tag of its name. Tags opened after
//     that one and still open are unclosed: they become text. So mis-nested
//     [b]a[i]b[/b]c[/i] renders as <strong>a[i]b</strong>c[/i]: the bad
//     nesting stays visible to its author and the HTML stays well formed.
//   - A closer with no open tag of its name (a stray closer) is text.
//   - Tags still open at the end are text.
//   - [*] starts an item only when the innermost open block is a [list] or an
//     item of one; inline tags still open in the previous item become text.
//     [/*] is optional. Items of a list that ends up unclosed are text.
//   - An opener beyond MaxNesting open tags, a [quote] beyond MaxQuoteDepth,
//     and a link ([url], [email]) inside a link are text.
//   - An inline tag that ends up containing a block ([quote], [list], [code])
//     is marked block: the writer renders it as a wrapper around the blocks
//     (a <div> with a class, or an <a>) instead of a phrasing element, which
//     may not contain blocks.
//
// Each token is pushed and popped at most once and every decision looks only
// at the top of the stack or at counters, so the pass is linear, including
// for megabytes of unclosed tags or deeply nested quotes.

type entry struct {
	tok        int  // token index
	isBlock    bool // quote, list or item: a container of blocks
	holdsBlock bool // a block entry with a block inside it
	nb         int  // stack index of the innermost block entry at or below, or -1
}

func isLink(t tagID) bool { return t == tagURL || t == tagEmail }

func isBlockTag(t tagID) bool { return t == tagQuote || t == tagList || t == tagItem }

func match(toks []token) {
	stack := make([]entry, 0, 16)
	var open [numTags]int // open tags per name
	links := 0

	// markBlock marks the inline tags enclosing stack[:top] up to the
	// innermost block as containing a block. Marks are contiguous from that
	// block upwards, so the walk stops at the first marked tag and the total
	// work is linear.
	markBlock := func(top int) {
		for j := top - 1; j >= 0; j-- {
			e := &stack[j]
			if e.isBlock {
				e.holdsBlock = true
				return
			}
			if toks[e.tok].block {
				return
			}
			toks[e.tok].block = true
		}
	}
	pop := func(matched bool, closer int) {
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		t := &toks[e.tok]
		open[t.tag]--
		if isLink(t.tag) {
			links--
		}
		switch {
		case t.kind == kItem:
			// An item ends where its list, the next item or [/*] says;
			// whether it is shown as markup depends on its list, so the
			// list learns whether the item held a block.
			t.match = closer
			if e.holdsBlock && len(stack) > 0 {
				stack[len(stack)-1].holdsBlock = true
			}
		case matched:
			t.match = closer
			toks[closer].match = e.tok
		default:
			t.kind = kText
			// A quote or list shown as text no longer contains what it held:
			// a block inside it now sits in the enclosing inline tags.
			if e.holdsBlock {
				markBlock(len(stack))
			}
		}
	}
	push := func(i int) {
		t := &toks[i]
		e := entry{tok: i, isBlock: isBlockTag(t.tag), nb: -1}
		if e.isBlock {
			e.nb = len(stack)
		} else if len(stack) > 0 {
			e.nb = stack[len(stack)-1].nb
		}
		stack = append(stack, e)
		open[t.tag]++
		if isLink(t.tag) {
			links++
		}
	}
	innermostBlock := func() int {
		if len(stack) == 0 {
			return -1
		}
		return stack[len(stack)-1].nb
	}

	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case kOpen:
			if len(stack) >= MaxNesting ||
				(t.tag == tagQuote && open[tagQuote] >= MaxQuoteDepth) ||
				(isLink(t.tag) && links > 0) {
				t.kind = kText
				continue
			}
			push(i)
		case kAtom:
			if isLink(t.tag) && links > 0 {
				t.kind = kText
				continue
			}
			if t.tag == tagCode {
				markBlock(len(stack))
			}
		case kItem:
			nb := innermostBlock()
			if nb < 0 || toks[stack[nb].tok].tag == tagQuote {
				t.kind = kText
				continue
			}
			// Items sit directly on their list; the new item replaces the
			// current one, so only a first item can exceed the limit.
			list := nb
			if toks[stack[nb].tok].kind == kItem {
				list = nb - 1
			}
			if list+2 > MaxNesting {
				t.kind = kText
				continue
			}
			for len(stack) > nb+1 {
				pop(false, i)
			}
			if toks[stack[nb].tok].kind == kItem {
				pop(true, i)
			}
			// The list is now on top: remember it, the item's fate is its.
			t.arg = stack[len(stack)-1].tok
			push(i)
		case kClose:
			if t.tag == tagItem {
				nb := innermostBlock()
				if nb < 0 || toks[stack[nb].tok].kind != kItem {
					t.kind = kText
					continue
				}
				for len(stack) > nb+1 {
					pop(false, i)
				}
				item := stack[nb].tok
				pop(true, i)
				t.match = item
				continue
			}
			if open[t.tag] == 0 {
				t.kind = kText
				continue
			}
			for toks[stack[len(stack)-1].tok].tag != t.tag {
				pop(false, i)
			}
			if t.tag == tagQuote || t.tag == tagList {
				markBlock(len(stack) - 1)
			}
			pop(true, i)
		}
	}
	for len(stack) > 0 {
		pop(false, -1)
	}
}
