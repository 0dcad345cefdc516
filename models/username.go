package models

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Username length limits, in characters after normalisation.
const (
	MinUsernameLength = 3
	MaxUsernameLength = 30
)

// maxUsernameBytes bounds the input that is normalised at all; anything
// longer is refused as too long without further work.
const maxUsernameBytes = 1024

// invisible are the characters that show nothing (or change how their
// neighbours show): controls, format characters such as zero-width spaces
// and direction overrides, variation selectors and fillers.
var invisible = []*unicode.RangeTable{unicode.Cc, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point}

// maxMarksInARow stops names that stack dozens of accents on one letter.
const maxMarksInARow = 3

// CheckUsername returns a name in the form it is stored (NFKC, trimmed) and
// why it may not be chosen ("" when it may). Only letters of one writing
// system, digits, single spaces and _ - . are allowed, so that invisible
// characters, direction overrides and mixtures like a Cyrillic "а" among
// Latin letters cannot make one name pass for another.
func CheckUsername(name string) (string, string) {
	if !utf8.ValidString(name) {
		return "", "Your username contains bytes that are not valid text. Please type it again."
	}
	if len(name) > maxUsernameBytes {
		return "", fmt.Sprintf("Choose a username of at most %d characters.", MaxUsernameLength)
	}
	name = strings.TrimSpace(norm.NFKC.String(name))
	if name == "" {
		return name, "Choose a username."
	}
	for _, r := range name {
		if unicode.In(r, invisible...) {
			return name, "Your username contains an invisible or control character. Please type it again without it."
		}
	}
	switch n := utf8.RuneCountInString(name); {
	case n < MinUsernameLength:
		return name, fmt.Sprintf("Choose a username of at least %d characters.", MinUsernameLength)
	case n > MaxUsernameLength:
		return name, fmt.Sprintf("Choose a username of at most %d characters.", MaxUsernameLength)
	case strings.Contains(name, "  "):
		return name, "Use single spaces between the words of your username."
	}
	if problem := checkUsernameRunes(name); problem != "" {
		return name, problem
	}
	if scripts := usernameScripts(name); len(scripts) > 1 && !oneWritingSystem(scripts) {
		return name, fmt.Sprintf("Use the letters of one alphabet only; this name mixes %s.", joinAnd(scripts))
	}
	return name, ""
}

// checkUsernameRunes allows letters, marks that follow a letter, digits
// and the few punctuation marks, and requires a letter or digit.
func checkUsernameRunes(name string) string {
	marks, alnum, afterLetter := 0, false, false
	for _, r := range name {
		switch {
		case unicode.In(r, unicode.Mn, unicode.Mc):
			marks++
			if !afterLetter || marks > maxMarksInARow {
				return "Your username has accent marks that do not belong to a letter."
			}
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			alnum, afterLetter = true, true
		case strings.ContainsRune(" _-.", r):
			afterLetter = false
		default:
			return "Use only letters, digits, spaces and the marks _ - . in your username."
		}
		marks = 0
	}
	if !alnum {
		return "Your username needs at least one letter or digit."
	}
	return ""
}

// scriptNames lists Unicode's scripts in a fixed order, so that messages
// name them the same way every time.
var scriptNames = func() []string {
	names := make([]string, 0, len(unicode.Scripts))
	for name := range unicode.Scripts {
		if name != "Common" && name != "Inherited" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}()

// usernameScripts returns the scripts of a name's letters, marks and
// digits, sorted. Characters shared by all scripts (ASCII digits,
// punctuation, most combining accents) belong to none.
func usernameScripts(name string) []string {
	var found []string
	for _, r := range name {
		for _, script := range scriptNames {
			if unicode.Is(unicode.Scripts[script], r) {
				if !slices.Contains(found, script) {
					found = append(found, script)
				}
				break
			}
		}
	}
	slices.Sort(found)
	return found
}

// writingSystems are the combinations of scripts that one language writes
// with, after Unicode's "highly restrictive" profile (UTS #39).
var writingSystems = [][]string{
	{"Han", "Hiragana", "Katakana"},
	{"Han", "Hangul"},
	{"Bopomofo", "Han"},
}

func oneWritingSystem(scripts []string) bool {
	for _, system := range writingSystems {
		all := true
		for _, s := range scripts {
			all = all && slices.Contains(system, s)
		}
		if all {
			return true
		}
	}
	return false
}

func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// UsernameKey folds a name for comparison: compatibility forms (full-width
// letters, ligatures), letter case, and Cyrillic and Greek letters that
// look like Latin ones no longer matter, so "Admin", "ＡＤＭＩＮ" and a
// Cyrillic "аԁміп" share one key. Plain ASCII names keep their lower-case
// form, which is what rows written before this folding hold.
func UsernameKey(name string) string {
	folded := cases.Fold().String(strings.TrimSpace(norm.NFKC.String(name)))
	// Decomposed, an accented look-alike (Cyrillic "ё") folds through its
	// base letter and recomposes as the Latin one ("ë").
	return norm.NFC.String(strings.Map(unconfuse, norm.NFD.String(folded)))
}

func unconfuse(r rune) rune {
	if latin, ok := lookalikes[r]; ok {
		return latin
	}
	return r
}

// lookalikes maps lower-case letters to the Latin letter they (or their
// capitals) are mistaken for. Where the small and the capital letter look
// like different Latin letters (Greek η and Η), the capital wins: a name in
// capitals is the more convincing impersonation.
var lookalikes = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'b', 'г': 'r', 'ԁ': 'd', 'е': 'e', 'һ': 'h', 'н': 'h',
	'і': 'i', 'ј': 'j', 'к': 'k', 'ӏ': 'l', 'м': 'm', 'п': 'n', 'о': 'o',
	'р': 'p', 'ԛ': 'q', 'ѕ': 's', 'т': 't', 'ԝ': 'w', 'х': 'x', 'у': 'y',
	'ү': 'y', 'ь': 'b', 'с': 'c',
	// Greek
	'α': 'a', 'β': 'b', 'ϲ': 'c', 'ε': 'e', 'η': 'h', 'ι': 'i', 'ϳ': 'j',
	'κ': 'k', 'μ': 'm', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'y',
	'ω': 'w', 'χ': 'x', 'γ': 'y', 'ζ': 'z',
	// Latin letters that pass for plain ones
	'ı': 'i', 'ɩ': 'i', 'ɑ': 'a', 'ɡ': 'g',
}
