package bbcode

import (
	"html"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Link rules. A URL becomes an href or src only when all of these hold:
//
//   - trimmed of surrounding spaces, it contains no whitespace, no control or
//     format (zero-width, bidi) characters and none of " < > \ ` { } | ^;
//   - its scheme, read both as typed and after HTML-entity decoding with
//     whitespace and control characters removed, in any letter case, is
//     http:, https: or (for links) mailto: - so JaVaScRiPt:, java\tscript:,
//     &#106;avascript:, javascript&colon;, vbscript: and data: all fail;
//     "www." alone counts as http://www.;
//   - net/url parses it, http(s) has a host and no user:password@ part (a
//     classic way to disguise the real host), mailto is a plain address;
//   - its normalised form (what we emit) parses back to itself, so the
//     sanitiser, which normalises the same way, leaves it unchanged.
//
// Otherwise the tag that carried it is shown as text.

const linkRel = "nofollow ugc noopener"

var allowedSchemes = []string{"http://", "https://", "mailto:"}

// checkURL checks a link target and returns the href to emit.
func checkURL(raw string, allowMailto bool) (string, bool) {
	href, _, ok := checkURLHost(raw, allowMailto)
	return href, ok
}

// checkURLHost is checkURL that also returns the host name (empty for mailto).
func checkURLHost(raw string, allowMailto bool) (href, host string, ok bool) {
	s := strings.Trim(raw, " \t\n")
	if s == "" || len(s) > maxURLLen || !plainURLText(s) {
		return "", "", false
	}
	if hasPrefixFold(s, "www.") {
		s = "http://" + s
	}
	if !schemeOK(s, allowMailto) {
		return "", "", false
	}
	// plainURLText let no whitespace or control character through, so the
	// decoded form can only differ where an entity is.
	if strings.IndexByte(s, '&') >= 0 && !schemeOK(decodedForCheck(s), allowMailto) {
		return "", "", false
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", "", false
	}
	switch u.Scheme {
	case "http", "https":
		host = u.Hostname()
		if u.Host == "" || host == "" || u.User != nil || u.Opaque != "" {
			return "", "", false
		}
	case "mailto":
		if !allowMailto || u.Opaque == "" || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
			return "", "", false
		}
		if _, ok := checkEmail(u.Opaque); !ok {
			return "", "", false
		}
	default:
		return "", "", false
	}
	href = u.String()
	if href != s {
		// Normalised: make sure a second round (the sanitiser's) agrees.
		if href, ok = stable(href); !ok {
			return "", "", false
		}
	}
	return href, host, true
}

// checkImage checks an [img] source: http or https only.
func checkImage(raw string) (string, bool) {
	return checkURL(raw, false)
}

// checkEmail checks an address for [email] and returns its mailto: href. The
// accepted form is deliberately narrower than RFC 5322: letters, digits and
// ._+- before the @, dot-separated labels of letters, digits and - after.
func checkEmail(raw string) (string, bool) {
	s := strings.Trim(raw, " \t\n")
	if len(s) > 254 {
		return "", false
	}
	at := strings.IndexByte(s, '@')
	if at <= 0 || at > 64 || strings.IndexByte(s[at+1:], '@') >= 0 {
		return "", false
	}
	for i := 0; i < at; i++ {
		c := s[i]
		if !isAlnum(c) && c != '.' && c != '_' && c != '+' && c != '-' {
			return "", false
		}
	}
	labels := strings.Split(s[at+1:], ".")
	if len(labels) < 2 {
		return "", false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return "", false
		}
		for i := 0; i < len(l); i++ {
			if !isAlnum(l[i]) && l[i] != '-' {
				return "", false
			}
		}
	}
	return stable("mailto:" + s)
}

// stable returns href if parsing and printing it again gives the same text,
// which is what the sanitiser will do to it.
func stable(href string) (string, bool) {
	u, err := url.Parse(href)
	if err != nil || u.String() != href {
		return "", false
	}
	return href, true
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z'
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func schemeOK(s string, allowMailto bool) bool {
	for _, p := range allowedSchemes {
		if hasPrefixFold(s, p) {
			return allowMailto || p != "mailto:"
		}
	}
	return false
}

// plainURLText rejects characters a URL typed by a person has no need for and
// that are classic ways to smuggle something past a check: whitespace and
// control characters anywhere, invisible format characters, and the ASCII
// characters that are unsafe in URLs.
func plainURLText(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if r <= ' ' || r == 0x7f || strings.ContainsRune("\"<>\\`{}|^", r) {
				return false
			}
			continue
		}
		if r == utf8.RuneError || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || !unicode.IsGraphic(r) {
			return false
		}
	}
	return true
}

// decodedForCheck is s as a browser might read it: entities decoded, then
// every whitespace and control character dropped.
func decodedForCheck(s string) string {
	d := html.UnescapeString(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, d)
}

// Bare URLs. A bare URL starts with http://, https:// or www. (any case) at
// a word boundary and runs to whitespace, to a character that cannot be in a
// URL (" < > [ ] and the like) or to non-ASCII punctuation. Trailing
// punctuation that usually ends the sentence rather than the URL is left
// outside the link: . , ; : ! ? ' * and a closing parenthesis without its
// opening partner inside the URL, so "(see http://x.org/a_(b))." links
// http://x.org/a_(b).

// autolinkStart reports the length of a bare-URL prefix at s[i:], or 0.
func autolinkStart(s string, i int) int {
	if i > 0 {
		c := s[i-1]
		// Inside a word, an address or a path is not a start.
		if isAlnum(c) || strings.IndexByte("@.-_/+", c) >= 0 {
			return 0
		}
	}
	for _, p := range [...]string{"http://", "https://", "www."} {
		if hasPrefixFold(s[i:], p) {
			return len(p)
		}
	}
	return 0
}

// autolinkEnd returns where the bare URL starting at s[i] ends, before its
// trailing punctuation, and where scanning stopped (so that a rejected
// candidate is skipped as a whole, keeping the scan linear).
func autolinkEnd(s string, i int) (end, stop int) {
	j := i
	open, closed := 0, 0
	for j < len(s) && j-i <= maxURLLen {
		r, size := utf8.DecodeRuneInString(s[j:])
		if r < utf8.RuneSelf {
			if r <= ' ' || r == 0x7f || strings.ContainsRune("\"<>\\`{}|^[]", r) {
				break
			}
		} else if unicode.IsSpace(r) || !unicode.IsGraphic(r) || unicode.Is(unicode.Cf, r) ||
			(unicode.IsPunct(r) && !unicode.Is(unicode.Pc, r)) {
			// Non-ASCII punctuation (。、「」“”… and dashes) ends a URL in
			// running text; people type it after addresses, rarely inside.
			break
		}
		switch r {
		case '(':
			open++
		case ')':
			closed++
		}
		j += size
	}
	stop = j
	for j > i {
		r, size := utf8.DecodeLastRuneInString(s[i:j])
		switch {
		case r < utf8.RuneSelf && strings.ContainsRune(".,;:!?'*", r):
		case r == ')' && closed > open:
			closed--
		default:
			return j, stop
		}
		j -= size
	}
	return j, stop
}

// checkAutolink checks a bare URL; unlike [url], its host must contain a dot
// (after "www.", for www. addresses) so that "http://localhost" or "www.x"
// in running text stays text.
func checkAutolink(s string) (string, bool) {
	href, h, ok := checkURLHost(s, false)
	if !ok {
		return "", false
	}
	if hasPrefixFold(s, "www.") {
		h = h[len("www."):]
	}
	if d := strings.IndexByte(h, '.'); d <= 0 || d == len(h)-1 || strings.HasSuffix(h, ".") {
		return "", false
	}
	return href, true
}
