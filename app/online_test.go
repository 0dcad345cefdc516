package app

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/views"
)

// whoIsOnline reads the board index as a browser of its own, so that the
// reading itself is not yet counted, and returns the summary sentence and
// the section.
func (b *testBoard) whoIsOnline() (string, *goquery.Selection) {
	b.t.Helper()
	_, doc := b.page("/", "User-Agent", "observer")
	section := doc.Find("section#who-is-online")
	if section.Length() != 1 {
		b.t.Fatal("the board index has no who-is-online section")
	}
	return strings.Join(strings.Fields(section.Find(".online-summary").Text()), " "), section
}

func (b *testBoard) flushPresence() {
	b.t.Helper()
	if err := b.srv.handler.writePresence(b.t.Context()); err != nil {
		b.t.Fatal(err)
	}
}

func TestWhoIsOnline(t *testing.T) {
	t.Run("an empty board has nobody online", func(t *testing.T) {
		b := newTestBoard(t)
		summary, section := b.whoIsOnline()
		if summary != "In total there are 0 users online: 0 registered and 0 guests (based on users active over the past 5 minutes)" {
			t.Errorf("summary = %q", summary)
		}
		if section.Find(".online-members a").Length() != 0 {
			t.Error("names members who are not there")
		}
	})
	t.Run("guests count once per browser", func(t *testing.T) {
		b := newTestBoard(t)
		b.get("/", "User-Agent", "first guest")
		b.get("/members", "User-Agent", "second guest")
		b.get("/members", "User-Agent", "first guest")
		b.flushPresence()
		summary, section := b.whoIsOnline()
		if summary != "In total there are 2 users online: 0 registered and 2 guests (based on users active over the past 5 minutes)" {
			t.Errorf("summary = %q", summary)
		}
		if section.Find(".online-members a").Length() != 0 {
			t.Error("guests are named as members")
		}
	})
	t.Run("members who made a request are named with links to their profiles", func(t *testing.T) {
		b := newTestBoard(t)
		bob, _ := b.loggedIn("bob")
		_, alice := b.loggedIn("alice")
		bob.get("/members")
		b.flushPresence()
		summary, section := b.whoIsOnline()
		// Before logging in, both clients were one guest: same address, same browser.
		if summary != "In total there are 3 users online: 2 registered and 1 guest (based on users active over the past 5 minutes)" {
			t.Errorf("summary = %q", summary)
		}
		links := section.Find(".online-members a")
		if got := strings.Join(texts(links), ","); got != "alice,bob" {
			t.Errorf("members online = %q, want alice,bob", got)
		}
		if href := links.First().AttrOr("href", ""); href != views.UserPath(alice.ID, alice.Username) {
			t.Errorf("alice links to %q", href)
		}
	})
	t.Run("a member last seen ten minutes ago is no longer online", func(t *testing.T) {
		b := newTestBoard(t)
		b.loggedIn("carol")
		b.loggedIn("dave")
		b.flushPresence()
		_, err := b.store.DB().ExecContext(t.Context(),
			"UPDATE sessions SET last_seen_at = now() - interval '10 minutes' WHERE user_id = (SELECT id FROM users WHERE username = 'carol')")
		if err != nil {
			t.Fatal(err)
		}
		summary, section := b.whoIsOnline()
		if got := strings.Join(texts(section.Find(".online-members a")), ","); got != "dave" {
			t.Errorf("members online = %q, want dave", got)
		}
		if !strings.Contains(summary, "1 registered") {
			t.Errorf("summary = %q", summary)
		}
	})
}
