package models

import (
	"bufio"
	_ "embed"
	"fmt"
	"net/mail"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Password length limits, in characters; the upper one only stops abuse of
// the hash function with megabytes of input.
const (
	MinPasswordLength = 10
	MaxPasswordLength = 1024
)

// MaxEmailLength is the longest address mail servers must accept (RFC 5321).
const MaxEmailLength = 254

// CheckNewPassword returns why a password may not be chosen, or "" when it
// may: too short or too long, the username again, one character or a short
// group repeated, a plain run like "abcdefghij", or on the list of
// passwords that guessers try first.
func CheckNewPassword(password, username string) string {
	if !utf8.ValidString(password) || strings.ContainsFunc(password, unicode.IsControl) {
		return "Your password contains characters that cannot be typed. Please choose another."
	}
	n := utf8.RuneCountInString(password)
	folded := strings.ToLower(strings.TrimSpace(password))
	switch {
	case n < MinPasswordLength:
		return fmt.Sprintf("Choose a password of at least %d characters.", MinPasswordLength)
	case n > MaxPasswordLength:
		return "Choose a password of at most 1,024 characters."
	case strings.EqualFold(strings.TrimSpace(password), strings.TrimSpace(username)):
		return "Choose a password that is not your username."
	case folded == "" || repeats(folded) || isRun(folded) || isRun(strings.ReplaceAll(folded, "0", ":")):
		return "Choose a password that is not one character repeated or a simple sequence."
	case commonPasswords()[folded]:
		return "That password is one of the most common ones, which are guessed first. Please choose another."
	}
	return ""
}

// repeats reports whether s is a group of up to four characters repeated,
// like "aaaaaaaaaa" or "1212121212".
func repeats(s string) bool {
	r := []rune(s)
	for period := 1; period <= 4 && period < len(r); period++ {
		same := true
		for i := period; i < len(r) && same; i++ {
			same = r[i] == r[i-period]
		}
		if same {
			return true
		}
	}
	return false
}

// isRun reports whether s climbs or falls one character at a time, like
// "abcdefghij" or "9876543210". (The caller tries it again with every 0
// written as ':', the character after '9', for "1234567890" and
// "0987654321".)
func isRun(s string) bool {
	r := []rune(s)
	if len(r) < 2 {
		return false
	}
	step := r[1] - r[0]
	if step != 1 && step != -1 {
		return false
	}
	for i := 2; i < len(r); i++ {
		if r[i]-r[i-1] != step {
			return false
		}
	}
	return true
}

//go:embed common_passwords.txt
var commonPasswordList string

// commonPasswords is the embedded list as a set, built on first use.
var commonPasswords = sync.OnceValue(func() map[string]bool {
	set := make(map[string]bool, 8192)
	lines := bufio.NewScanner(strings.NewReader(commonPasswordList))
	for lines.Scan() {
		if line := strings.TrimSpace(lines.Text()); line != "" && !strings.HasPrefix(line, "# ") {
			set[strings.ToLower(line)] = true
		}
	}
	return set
})

// CheckEmail returns the address in its stored form and why it cannot be
// used ("" when it can).
func CheckEmail(email string) (string, string) {
	if !utf8.ValidString(email) || strings.ContainsFunc(email, unicode.IsControl) {
		return "", "Your email address contains characters that cannot be part of one. Please type it again."
	}
	email = strings.TrimSpace(email)
	switch {
	case email == "":
		return email, "Enter your email address."
	case len(email) > MaxEmailLength:
		return email, "That email address is too long."
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || !strings.Contains(email[strings.LastIndexByte(email, '@')+1:], ".") {
		return email, "Enter an email address such as name@example.org."
	}
	return email, ""
}
