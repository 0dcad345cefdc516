package models_test

import (
	"strings"
	"testing"

	"hyperboard/models"
)

func TestCheckNewPassword(t *testing.T) {
	for _, pw := range []string{
		"tulip lantern orbit 42",
		"Ünïcödé pässwörd",
		"a" + strings.Repeat("b", 1023),
		"correct horse battery staple",
	} {
		t.Run("a decent password is accepted", func(t *testing.T) {
			if problem := models.CheckNewPassword(pw, "stella"); problem != "" {
				t.Errorf("CheckNewPassword(%.20q) = %q", pw, problem)
			}
		})
	}

	refused := []struct{ why, pw, want string }{
		{"nine characters", "abcdefgh9", "at least 10"},
		{"1,025 characters", strings.Repeat("ab", 513)[:1025], "at most 1,024"},
		{"the username", "Stella1234", "not your username"},
		{"one character repeated", "aaaaaaaaaaaa", "repeated"},
		{"only spaces", "            ", "repeated"},
		{"a pair repeated", "1212121212", "repeated"},
		{"a rising run of digits", "1234567890", "sequence"},
		{"a falling run of digits", "0987654321", "sequence"},
		{"a run of letters", "abcdefghij", "sequence"},
		{"a falling run of letters", "ZYXWVUTSRQ", "sequence"},
		{"password123", "password123", "most common"},
		{"a keyboard walk", "qwertyuiop", "most common"},
		{"another keyboard walk", "1q2w3e4r5t", "most common"},
		{"iloveyou123 in capitals with spaces around", "  ILoveYou123 ", "most common"},
		{"a NUL byte", "long enough\x00password", "cannot be typed"},
		{"invalid UTF-8", "long enough \xff password", "cannot be typed"},
	}
	for _, c := range refused {
		t.Run(c.why+" is refused", func(t *testing.T) {
			if problem := models.CheckNewPassword(c.pw, "stella1234"); !strings.Contains(problem, c.want) {
				t.Errorf("CheckNewPassword(%.30q) = %q; want a message containing %q", c.pw, problem, c.want)
			}
		})
	}
}

func TestCheckEmail(t *testing.T) {
	t.Run("an address is accepted without its surrounding spaces", func(t *testing.T) {
		if email, problem := models.CheckEmail("  stella@example.org "); email != "stella@example.org" || problem != "" {
			t.Errorf("got %q, %q", email, problem)
		}
	})
	refused := []struct{ why, email, want string }{
		{"an empty address", " ", "Enter your email"},
		{"a name without a domain", "stella", "such as name@example.org"},
		{"a domain without a dot", "stella@localhost", "such as name@example.org"},
		{"a display name", "Stella <stella@example.org>", "such as name@example.org"},
		{"10,000 characters", strings.Repeat("a", 10000) + "@example.org", "too long"},
		{"a NUL byte", "stella\x00@example.org", "cannot be part"},
		{"invalid UTF-8", "stella\xff@example.org", "cannot be part"},
	}
	for _, c := range refused {
		t.Run(c.why+" is refused", func(t *testing.T) {
			if _, problem := models.CheckEmail(c.email); !strings.Contains(problem, c.want) {
				t.Errorf("CheckEmail(%.30q) = %q; want a message containing %q", c.email, problem, c.want)
			}
		})
	}
}
