package models

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// UsernameKey folds a name for comparison: Unicode compatibility forms
// (full-width letters, ligatures) and letter case no longer matter.
func UsernameKey(name string) string {
	return strings.ToLower(norm.NFKC.String(strings.TrimSpace(name)))
}
