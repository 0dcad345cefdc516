package views

import (
	"net/url"
	"strconv"
)

// Pager describes one page among many and builds the links to the others.
type Pager struct {
	Page, Pages int
	Path        string     // the list's canonical path
	Query       url.Values // parameters kept on every page link (filters)
}

// URL is the link to page n; page 1 carries no page parameter.
func (p Pager) URL(n int) string {
	q := url.Values{}
	for k, v := range p.Query {
		q[k] = v
	}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return p.Path
	}
	return p.Path + "?" + q.Encode()
}

// Window lists the page numbers to show as links, with 0 standing for a gap:
// the first and last pages and two on each side of the current one.
func (p Pager) Window() []int {
	var out []int
	for n := 1; n <= p.Pages; n++ {
		if n == 1 || n == p.Pages || (n >= p.Page-2 && n <= p.Page+2) {
			out = append(out, n)
		} else if len(out) > 0 && out[len(out)-1] != 0 {
			out = append(out, 0)
		}
	}
	return out
}
