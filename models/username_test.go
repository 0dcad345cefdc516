package models_test

import (
	"errors"
	"strings"
	"testing"

	"hyperboard/internal/dbtest"
	"hyperboard/models"
)

func TestCheckUsername(t *testing.T) {
	accepted := []struct{ in, stored string }{
		{"stella", "stella"},
		{"  Maren K  ", "Maren K"},
		{"first_scope-sam.2", "first_scope-sam.2"},
		{"Zoë", "Zoë"},
		{"ＳＴＥＬＬＡ", "STELLA"}, // full-width letters become plain ones
		{"Дмитрий", "Дмитрий"},
		{"Αθηνά", "Αθηνά"},
		{"山田たろう", "山田たろう"}, // Japanese writes with three scripts
		{"김민준", "김민준"},
		{"abc", "abc"},
		{strings.Repeat("x", 30), strings.Repeat("x", 30)},
	}
	for _, c := range accepted {
		t.Run(c.in+" is accepted", func(t *testing.T) {
			stored, problem := models.CheckUsername(c.in)
			if problem != "" || stored != c.stored {
				t.Errorf("CheckUsername(%q) = %q, %q; want %q, no problem", c.in, stored, problem, c.stored)
			}
		})
	}

	refused := []struct{ why, in, want string }{
		{"an empty name", "   ", "Choose a username."},
		{"two characters", "ab", "at least 3"},
		{"31 characters", strings.Repeat("x", 31), "at most 30"},
		{"10,000 characters", strings.Repeat("x", 10000), "at most 30"},
		{"a zero-width space", "ad\u200bmin", "invisible"},
		{"a zero-width joiner", "ad\u200dmin", "invisible"},
		{"a byte-order mark", "\ufeffadmin", "invisible"},
		{"a soft hyphen", "ad\u00admin", "invisible"},
		{"a right-to-left override", "\u202eadmin", "invisible"},
		{"a direction isolate", "admin\u2066x", "invisible"},
		{"a word joiner", "ad\u2060min", "invisible"},
		{"a variation selector", "adm\ufe0fin", "invisible"},
		{"a Hangul filler", "ad\u3164min", "invisible"},
		{"a NUL byte", "ad\x00min", "invisible"},
		{"a newline", "ad\nmin", "invisible"},
		{"invalid UTF-8", "ad\xffmin", "not valid text"},
		{"a double space", "mary  jane", "single spaces"},
		{"an ideographic double space", "mary\u3000\u3000jane", "single spaces"},
		{"an at sign", "mary@home", "Use only letters"},
		{"an emoji", "mary\U0001F600", "Use only letters"},
		{"only punctuation", "._-", "at least one letter"},
		{"a leading accent", "\u0301abc", "accent marks"},
		{"stacked accents", "x" + strings.Repeat("\u0334", 4) + "bc", "accent marks"},
		{"a Cyrillic a among Latin letters", "\u0430dmin", "mixes Cyrillic and Latin"},
		{"a Greek capital alpha among Latin letters", "\u0391dmin", "mixes Greek and Latin"},
		{"Latin and Han", "admin山", "mixes Han and Latin"},
	}
	for _, c := range refused {
		t.Run(c.why+" is refused", func(t *testing.T) {
			_, problem := models.CheckUsername(c.in)
			if !strings.Contains(problem, c.want) {
				t.Errorf("CheckUsername(%q) = %q; want a message containing %q", c.in, problem, c.want)
			}
		})
	}
}

func TestUsernameKey(t *testing.T) {
	same := []struct{ why, a, b string }{
		{"case", "Admin", "admin"},
		{"full-width letters", "ＡＤＭＩＮ", "admin"},
		{"surrounding spaces", "  admin ", "admin"},
		{"Cyrillic look-alikes", "\u0430\u0501\u043c\u0456\u043f", "admin"},
		{"Cyrillic capitals", "\u0412\u041e\u0412", "bob"},
		{"Greek capitals", "\u039c\u0399\u039a\u0395", "mike"},
		{"a Greek capital alpha", "\u0391dmin", "admin"},
		{"an accented Cyrillic look-alike", "z\u043e\u0451", "Zoë"},
		{"a dotless i", "adm\u0131n", "admin"},
		{"Greek final sigma", "ΟΔΥΣΣΕΑΣ", "οδυσσεας"},
	}
	for _, c := range same {
		t.Run(c.why+" share a key", func(t *testing.T) {
			if ka, kb := models.UsernameKey(c.a), models.UsernameKey(c.b); ka != kb {
				t.Errorf("UsernameKey(%q) = %q, UsernameKey(%q) = %q; want equal", c.a, ka, c.b, kb)
			}
		})
	}
	t.Run("plain names keep their lower-case key", func(t *testing.T) {
		for _, name := range []string{"Maren K", "old_photon_dave", "Tomasz W", "rms_or_bust"} {
			if got := models.UsernameKey(name); got != strings.ToLower(name) {
				t.Errorf("UsernameKey(%q) = %q; rows stored before would no longer match", name, got)
			}
		}
	})
	t.Run("different names keep different keys", func(t *testing.T) {
		if models.UsernameKey("admin") == models.UsernameKey("admins") || models.UsernameKey("Дима") == models.UsernameKey("Дина") {
			t.Error("distinct names share a key")
		}
	})
}

func TestAccountTaken(t *testing.T) {
	store := dbtest.Store(t)
	u := &models.User{Username: "admin", Email: "Admin@Example.org"}
	if err := store.CreateUser(t.Context(), u); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		why, name, email      string
		nameTaken, emailTaken bool
	}{
		{"a free name and address", "stella", "stella@example.org", false, false},
		{"the name in capitals", "ADMIN", "stella@example.org", true, false},
		{"the name in Cyrillic look-alikes", "\u0430\u0501\u043c\u0456\u043f", "stella@example.org", true, false},
		{"the address in other case", "stella", "admin@example.ORG", false, true},
	}
	for _, c := range cases {
		t.Run(c.why+" is reported", func(t *testing.T) {
			name, email, err := store.AccountTaken(t.Context(), c.name, c.email)
			if err != nil || name != c.nameTaken || email != c.emailTaken {
				t.Errorf("AccountTaken(%q, %q) = %v, %v, %v; want %v, %v", c.name, c.email, name, email, err, c.nameTaken, c.emailTaken)
			}
		})
	}
	t.Run("a look-alike of a taken name cannot be created", func(t *testing.T) {
		err := store.CreateUser(t.Context(), &models.User{Username: "\u0430\u0501\u043c\u0456\u043f", Email: "other@example.org"})
		if !errors.Is(err, models.ErrConflict) {
			t.Errorf("CreateUser = %v, want ErrConflict", err)
		}
	})
}
