package models_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
	"hyperboard/models"
)

func TestCheckEmailPattern(t *testing.T) {
	for _, c := range []struct{ in, want, refusal string }{
		{" *@Spam.Example ", "*@spam.example", ""},
		{"john@*", "john@*", ""},
		{"", "", "Enter an email address"},
		{"*", "", "exactly one @"},
		{"*@*", "", "every email address"},
		{"*@*.*", "", "every email address"},
		{"a b@example.com", "", "spaces"},
		{"spammer*", "", "exactly one @"},
		{strings.Repeat("a", 250) + "@x.yz", "", "at most"},
	} {
		got, err := models.CheckEmailPattern(c.in)
		switch {
		case c.refusal == "" && (err != nil || got != c.want):
			t.Errorf("CheckEmailPattern(%q) = %q, %v; want %q", c.in, got, err, c.want)
		case c.refusal != "" && (err == nil || !strings.Contains(err.Error(), c.refusal)):
			t.Errorf("CheckEmailPattern(%q) = %q, %v; want a refusal about %q", c.in, got, err, c.refusal)
		}
	}
}

func TestCheckBanRange(t *testing.T) {
	for _, c := range []struct{ in, want, refusal string }{
		{"203.0.113.7", "203.0.113.7/32", ""},
		{" 203.0.113.0/24 ", "203.0.113.0/24", ""},
		{"2001:db8::/48", "2001:db8::/48", ""},
		{"::ffff:198.51.100.4", "198.51.100.4/32", ""},
		{"10.0.0.0/8", "10.0.0.0/8", ""},
		{"", "", "Enter an IP address"},
		{"203.0.113.300", "", "not an IP address"},
		{"203.0.113.0/33", "", "not an IP address"},
		{"example.com", "", "not an IP address"},
		{"10.0.0.1/8", "", "did you mean 10.0.0.0/8"},
		{"0.0.0.0/0", "", "too wide"},
		{"::/0", "", "too wide"},
		{"64.0.0.0/2", "", "too wide"},
	} {
		got, err := models.CheckBanRange(c.in)
		switch {
		case c.refusal == "" && (err != nil || got.String() != c.want):
			t.Errorf("CheckBanRange(%q) = %v, %v; want %s", c.in, got, err, c.want)
		case c.refusal != "" && (err == nil || !strings.Contains(err.Error(), c.refusal)):
			t.Errorf("CheckBanRange(%q) = %v, %v; want a refusal about %q", c.in, got, err, c.refusal)
		}
	}
}

func TestActiveBanMatching(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	mod := fx.User("warden")
	ban := func(kind models.BanKind, target string) *models.Ban {
		t.Helper()
		b, err := store.CreateBan(t.Context(), models.NewBan{Kind: kind, Target: target, Reason: "r " + target, By: mod.ID})
		if err != nil {
			t.Fatalf("ban %s: %v", target, err)
		}
		return b
	}
	ban(models.BanEmail, "*@spam.example")
	ban(models.BanEmail, "bulk_mail@*")
	ban(models.BanIP, "198.51.100.0/24")
	ban(models.BanIP, "2001:db8::/48")

	for _, c := range []struct {
		name  string
		check models.BanCheck
		want  string // the reason of the ban that holds, "" for none
	}{
		{"an address in the banned domain", models.BanCheck{Email: "Someone@SPAM.example"}, "r *@spam.example"},
		{"a subdomain is another domain", models.BanCheck{Email: "someone@mail.spam.example.org"}, ""},
		{"_ in a pattern is a letter, not LIKE's wildcard", models.BanCheck{Email: "bulkXmail@anywhere.test"}, ""},
		{"the underscore itself matches", models.BanCheck{Email: "bulk_mail@anywhere.test"}, "r bulk_mail@*"},
		{"an address inside the range", models.BanCheck{IP: "198.51.100.77"}, "r 198.51.100.0/24"},
		{"an IPv4-mapped address inside the range", models.BanCheck{IP: "::ffff:198.51.100.77"}, "r 198.51.100.0/24"},
		{"the next range is free", models.BanCheck{IP: "198.51.101.1"}, ""},
		{"an IPv6 address inside the range", models.BanCheck{IP: "2001:db8:0:1::5"}, "r 2001:db8::/48"},
		{"garbage for an address matches nothing", models.BanCheck{IP: "not-an-ip"}, ""},
		{"nothing at all", models.BanCheck{}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := store.ActiveBan(t.Context(), c.check)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case c.want == "" && got != nil:
				t.Errorf("held by %q, want no ban", got.Reason)
			case c.want != "" && (got == nil || got.Reason != c.want):
				t.Errorf("held by %+v, want the ban %q", got, c.want)
			}
		})
	}

	t.Run("an account is held by a pattern on its address", func(t *testing.T) {
		u := fx.User("spammer")
		if _, err := store.DB().NewRaw("UPDATE users SET email = 'x@spam.example' WHERE id = ?", u.ID).Exec(t.Context()); err != nil {
			t.Fatal(err)
		}
		got, err := store.ActiveBan(t.Context(), models.BanCheck{UserID: u.ID})
		if err != nil || got == nil || got.Reason != "r *@spam.example" {
			t.Errorf("ActiveBan = %+v, %v; want the email pattern's ban", got, err)
		}
	})

	t.Run("the longest ban wins", func(t *testing.T) {
		u := fx.User("repeat")
		short, err := store.CreateBan(t.Context(), models.NewBan{Kind: models.BanUser, Target: "repeat", Reason: "short", EndsAt: time.Now().Add(time.Hour), By: mod.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.CreateBan(t.Context(), models.NewBan{Kind: models.BanIP, Target: "203.0.113.9", Reason: "forever", By: mod.ID}); err != nil {
			t.Fatal(err)
		}
		got, err := store.ActiveBan(t.Context(), models.BanCheck{UserID: u.ID, IP: "203.0.113.9"})
		if err != nil || got == nil || got.Reason != "forever" {
			t.Errorf("ActiveBan = %+v, %v; want the permanent ban", got, err)
		}
		got, err = store.ActiveBan(t.Context(), models.BanCheck{UserID: u.ID})
		if err != nil || got == nil || got.ID != short.ID {
			t.Errorf("ActiveBan = %+v, %v; want the hour-long ban", got, err)
		}
	})
}

func TestBanExpiresAndLifts(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	mod, u := fx.User("warden"), fx.User("ex")
	held := func() bool {
		t.Helper()
		b, err := store.ActiveBan(t.Context(), models.BanCheck{UserID: u.ID})
		if err != nil {
			t.Fatal(err)
		}
		return b != nil
	}
	b, err := store.CreateBan(t.Context(), models.NewBan{Kind: models.BanUser, Target: "ex", Reason: "cool down", EndsAt: time.Now().Add(time.Hour), By: mod.ID})
	if err != nil {
		t.Fatal(err)
	}
	if !held() {
		t.Fatal("a fresh ban does not hold")
	}
	if _, err := store.DB().NewRaw("UPDATE bans SET created_at = now() - interval '2 hours', ends_at = now() - interval '1 second' WHERE id = ?", b.ID).Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	if held() {
		t.Error("an ended ban still holds")
	}
	if bans, n, err := store.BanList(t.Context(), true, 1, 10); err != nil || n != 1 || bans[0].ID != b.ID {
		t.Errorf("history = %v, %d, %v; want the ended ban", bans, n, err)
	}

	// A new ban on the same member is not a repeat of the ended one.
	b2, err := store.CreateBan(t.Context(), models.NewBan{Kind: models.BanUser, Target: "ex", Reason: "again", By: mod.ID})
	if err != nil {
		t.Fatal(err)
	}
	var refusal *models.BanRefusal
	if _, err := store.CreateBan(t.Context(), models.NewBan{Kind: models.BanUser, Target: "EX", Reason: "twice", By: mod.ID}); !errors.As(err, &refusal) || !strings.Contains(refusal.Reason, "already banned") {
		t.Errorf("a second ban in force: %v, want a refusal", err)
	}
	if err := store.LiftBan(t.Context(), b2.ID, mod.ID); err != nil {
		t.Fatal(err)
	}
	if held() {
		t.Error("a lifted ban still holds")
	}
	if err := store.LiftBan(t.Context(), b2.ID, mod.ID); !errors.Is(err, models.ErrConflict) {
		t.Errorf("lifting twice: %v, want ErrConflict", err)
	}
	lifted, err := store.Ban(t.Context(), b2.ID)
	if err != nil || lifted.LiftedAt.IsZero() || lifted.LifterName != "warden" || lifted.AuthorName != "warden" {
		t.Errorf("lifted ban = %+v, %v; want who lifted it kept", lifted, err)
	}
}

func TestCreateBanRefusals(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	mod, admin := fx.User("warden"), fx.User("root")
	fx.Join(admin, models.GroupAdministrators)
	for _, c := range []struct {
		name    string
		ban     models.NewBan
		refusal string
	}{
		{"an unknown member", models.NewBan{Kind: models.BanUser, Target: "nobody"}, "no member called"},
		{"an empty username", models.NewBan{Kind: models.BanUser, Target: "  "}, "Enter the username"},
		{"oneself", models.NewBan{Kind: models.BanUser, Target: "warden"}, "cannot ban yourself"},
		{"an administrator", models.NewBan{Kind: models.BanUser, Target: "root"}, "administrators cannot be banned"},
		{"a pattern on one's own address", models.NewBan{Kind: models.BanEmail, Target: "warden@*"}, "your own email address"},
		{"a pattern on an administrator's address", models.NewBan{Kind: models.BanEmail, Target: "*@example.invalid"}, "your own email address"},
		{"a pattern on only an administrator's address", models.NewBan{Kind: models.BanEmail, Target: "ro*@example.invalid"}, "root, an administrator"},
		{"a range with one's own address", models.NewBan{Kind: models.BanIP, Target: "192.0.2.0/24", ByIP: "192.0.2.10"}, "your own address"},
		{"an unknown kind", models.NewBan{Kind: "planet", Target: "x"}, "Choose what to ban"},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.ban.By, c.ban.Reason = mod.ID, "because"
			var refusal *models.BanRefusal
			if _, err := store.CreateBan(t.Context(), c.ban); !errors.As(err, &refusal) || !strings.Contains(refusal.Reason, c.refusal) {
				t.Errorf("CreateBan: %v, want a refusal about %q", err, c.refusal)
			}
		})
	}
	var n int
	if err := store.DB().NewRaw("SELECT count(*) FROM bans").Scan(t.Context(), &n); err != nil || n != 0 {
		t.Errorf("%d bans written by refused requests (%v), want 0", n, err)
	}
}

func TestCreateBanEndsSessions(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	mod, bad, spam, bystander := fx.User("warden"), fx.User("bad"), fx.User("spam"), fx.User("bystander")
	if _, err := store.DB().NewRaw("UPDATE users SET email = 'spam@junk.example' WHERE id = ?", spam.ID).Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	tokens := map[string]string{}
	for _, u := range []*models.User{bad, spam, bystander} {
		token, _, err := store.CreateSession(t.Context(), u.ID, false, "192.0.2.1", "test")
		if err != nil {
			t.Fatal(err)
		}
		tokens[u.Username] = token
	}
	loggedIn := func(name string) bool {
		t.Helper()
		v, err := store.Visit(t.Context(), tokens[name], nil)
		if err != nil {
			t.Fatal(err)
		}
		return v.Viewer != nil
	}
	for _, b := range []models.NewBan{
		{Kind: models.BanUser, Target: "bad"},
		{Kind: models.BanEmail, Target: "*@junk.example"},
		{Kind: models.BanIP, Target: "192.0.2.1"},
	} {
		b.Reason, b.By = "because", mod.ID
		if _, err := store.CreateBan(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
	var left []string
	if err := store.DB().NewRaw("SELECT u.username FROM sessions s JOIN users u ON u.id = s.user_id ORDER BY 1").Scan(t.Context(), &left); err != nil {
		t.Fatal(err)
	}
	if strings.Join(left, ",") != "bystander" {
		t.Errorf("sessions left: %v, want only bystander's (an IP ban refuses writes, it does not log anyone out)", left)
	}
	if loggedIn("bad") || loggedIn("spam") || !loggedIn("bystander") {
		t.Errorf("logged in: bad %v, spam %v, bystander %v; want only bystander", loggedIn("bad"), loggedIn("spam"), loggedIn("bystander"))
	}

	// A session made after the ban (a login that raced it) is no session.
	for _, u := range []*models.User{bad, spam} {
		token, _, err := store.CreateSession(t.Context(), u.ID, false, "", "test")
		if err != nil {
			t.Fatal(err)
		}
		tokens[u.Username] = token
	}
	if loggedIn("bad") || loggedIn("spam") {
		t.Errorf("a session made after the ban counts: bad %v, spam %v", loggedIn("bad"), loggedIn("spam"))
	}
}
