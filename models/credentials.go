package models

import (
	"net/mail"
	"strings"
	"unicode/utf8"
)

// Password length limits, in characters; the upper one only stops abuse of
// the hash function with megabytes of input.
const (
	MinPasswordLength = 10
	MaxPasswordLength = 1024
)

// CheckNewPassword returns why a password may not be chosen, or "" when it
// may.
func CheckNewPassword(password, username string) string {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return "Choose a password of at least 10 characters."
	case n > MaxPasswordLength:
		return "Choose a password of at most 1,024 characters."
	case strings.EqualFold(strings.TrimSpace(password), strings.TrimSpace(username)):
		return "Choose a password that is not your username."
	}
	return ""
}

// CheckEmail returns the address in its stored form and why it cannot be
// used ("" when it can).
func CheckEmail(email string) (string, string) {
	email = strings.TrimSpace(email)
	addr, err := mail.ParseAddress(email)
	switch {
	case email == "":
		return email, "Enter your email address."
	case len(email) > 254:
		return email, "That email address is too long."
	case err != nil || addr.Address != email || !strings.Contains(email[strings.LastIndexByte(email, '@')+1:], "."):
		return email, "Enter an email address such as name@example.org."
	}
	return email, ""
}
