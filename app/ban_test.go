package app

import (
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// trustTestProxy makes the in-process test connection (which comes from
// 0.0.0.0) a trusted proxy, so that a request's X-Forwarded-For header
// sets its client address, as a reverse proxy would.
func (b *testBoard) trustTestProxy() {
	b.srv.handler.trustedProxies = []netip.Prefix{netip.MustParsePrefix("0.0.0.0/32")}
}

// from is the header that makes a request come from ip, once the board
// trusts the test proxy.
func from(ip string) []string { return []string{"X-Forwarded-For", ip} }

// banBoard is a board with a forum (moderators hold m_ban in every forum
// there is) and a logged-in global moderator.
func banBoard(t *testing.T) (*testBoard, *client, *models.User) {
	b := newTestBoard(t)
	b.fx.Forum("Lounge")
	mod, u := b.loggedIn("warden")
	b.fx.Join(u, models.GroupModerators)
	return b, mod, u
}

// banValues is the ban form, banning target of kind for reason.
func banValues(kind models.BanKind, target, duration, reason string) url.Values {
	return url.Values{"kind": {string(kind)}, "target": {target}, "duration": {duration}, "reason": {reason}, "note": {"seen in the logs"}}
}

// mustBan makes a ban through the form, as a moderator would.
func mustBan(t *testing.T, mod *client, form url.Values) {
	t.Helper()
	resp, body := mod.post(views.BanNewPath, form)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != views.BanListPath {
		t.Fatalf("ban %s: %d to %q\n%s", form.Get("target"), resp.StatusCode, resp.Header.Get("Location"), body)
	}
}

// logIn tries to log in as name from the address in headers.
func logIn(b *testBoard, name string, headers ...string) (*http.Response, string) {
	return b.newClient().post("/login", url.Values{"username": {name}, "password": {"correct horse battery staple"}}, headers...)
}

func loginError(t *testing.T, body string) string {
	t.Helper()
	return strings.TrimSpace(parse(t, body).Find("#login-error").Text())
}

func TestBanRefusesLogin(t *testing.T) {
	b, mod, _ := banBoard(t)
	b.trustTestProxy()
	for _, name := range []string{"troll", "spammer", "roamer", "bystander"} {
		b.member(name, "correct horse battery staple")
	}
	if _, err := b.store.DB().NewRaw("UPDATE users SET email = 'bulk@junk.example' WHERE username = 'spammer'").Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	mustBan(t, mod, banValues(models.BanUser, "troll", "7d", "Trolling in every thread"))
	mustBan(t, mod, banValues(models.BanEmail, "*@JUNK.example", views.BanPermanent, "Spam from junk.example"))
	mustBan(t, mod, banValues(models.BanIP, "198.51.100.0/24", "1h", "Abuse from this network"))

	for _, c := range []struct {
		name, user, ip, want string
	}{
		{"a banned member", "troll", "192.0.2.1", "You have been banned until "},
		{"a member whose address matches a pattern", "spammer", "192.0.2.1", "You have been banned permanently: Spam from junk.example."},
		{"anyone from a banned range", "roamer", "198.51.100.23", "You have been banned until "},
	} {
		t.Run(c.name+" is refused with the reason", func(t *testing.T) {
			resp, body := logIn(b, c.user, from(c.ip)...)
			msg := loginError(t, body)
			if resp.StatusCode != http.StatusForbidden || !strings.HasPrefix(msg, c.want) {
				t.Errorf("%d %q, want 403 with %q", resp.StatusCode, msg, c.want)
			}
			if len(resp.Cookies()) > 0 && strings.Contains(resp.Header.Get("Set-Cookie"), sessionCookie) {
				t.Error("a session cookie was set")
			}
		})
	}
	if n := countRows(t, b, "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username <> 'warden'"); n != 0 {
		t.Errorf("%d sessions made for the banned", n)
	}
	if msg := func() string { _, body := logIn(b, "troll", from("192.0.2.1")...); return loginError(t, body) }(); !strings.HasSuffix(msg, ": Trolling in every thread.") {
		t.Errorf("the user ban says %q, want its reason", msg)
	}

	t.Run("a wrong password says only that, and still counts", func(t *testing.T) {
		before := countRows(t, b, "SELECT count(*) FROM throttle_events WHERE kind = 'login-account'")
		resp, body := b.newClient().post("/login", url.Values{"username": {"troll"}, "password": {"wrong"}}, from("192.0.2.1")...)
		if resp.StatusCode != http.StatusUnprocessableEntity || loginError(t, body) != errBadLogin {
			t.Errorf("%d %q, want the usual refusal, which does not tell who is banned", resp.StatusCode, loginError(t, body))
		}
		if after := countRows(t, b, "SELECT count(*) FROM throttle_events WHERE kind = 'login-account'"); after != before+1 {
			t.Errorf("failed logins counted %d -> %d, want one more", before, after)
		}
	})

	t.Run("others log in as before", func(t *testing.T) {
		for _, who := range []struct{ name, ip string }{{"bystander", "192.0.2.1"}, {"roamer", "192.0.2.1"}} {
			if resp, body := logIn(b, who.name, from(who.ip)...); resp.StatusCode != http.StatusSeeOther {
				t.Errorf("%s from %s: %d %q", who.name, who.ip, resp.StatusCode, loginError(t, body))
			}
		}
	})

	t.Run("an ended ban stops holding by itself", func(t *testing.T) {
		if _, err := b.store.DB().NewRaw(`UPDATE bans SET created_at = now() - interval '8 days', ends_at = now() - interval '1 minute'
			WHERE user_id = (SELECT id FROM users WHERE username = 'troll')`).Exec(t.Context()); err != nil {
			t.Fatal(err)
		}
		if resp, body := logIn(b, "troll", from("192.0.2.1")...); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("%d %q, want the login to work", resp.StatusCode, loginError(t, body))
		}
	})

	t.Run("a lifted ban stops holding", func(t *testing.T) {
		var id int64
		if err := b.store.DB().NewRaw("SELECT id FROM bans WHERE email IS NOT NULL").Scan(t.Context(), &id); err != nil {
			t.Fatal(err)
		}
		resp, body := mod.post(views.BanLiftPath(id), nil, "HX-Request", "true")
		if resp.StatusCode != http.StatusOK || parse(t, body).Find("#"+views.BanRowID(id)+" .ban-lifted").Length() != 1 {
			t.Fatalf("lift: %d\n%s", resp.StatusCode, body)
		}
		if resp, body := logIn(b, "spammer", from("192.0.2.1")...); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("%d %q, want the login to work", resp.StatusCode, loginError(t, body))
		}
	})
}

func TestBanEndsTheSessionAtOnce(t *testing.T) {
	b, mod, _ := banBoard(t)
	topic := b.fx.Topic(b.fx.Forum("Garden"), b.fx.User("author"), fixture.TopicSpec{Title: "Roses"})
	member, _ := b.loggedIn("troll")
	if _, doc := member.page("/"); !strings.Contains(doc.Find("#account .account-name").Text(), "troll") {
		t.Fatal("the member is not logged in to start with")
	}
	mustBan(t, mod, banValues(models.BanUser, "troll", views.BanPermanent, "Enough"))

	_, doc := member.page("/")
	if doc.Find("#account .account-name").Length() != 0 {
		t.Error("the banned member is still logged in")
	}
	resp, body := member.post(views.ReplyPath(topic.ID), url.Values{"message": {"one last word"}})
	reply := parse(t, body)
	if resp.StatusCode != http.StatusUnprocessableEntity || reply.Find("#reply-message").Text() != "one last word" {
		t.Errorf("reply after the ban: %d, want 422 with the text kept", resp.StatusCode)
	}
	if n := countRows(t, b, "SELECT count(*) FROM posts WHERE topic_id = ?", topic.ID); n != 1 {
		t.Errorf("%d posts, want the reply refused", n)
	}
	if resp, body := logIn(b, "troll"); resp.StatusCode != http.StatusForbidden || loginError(t, body) != "You have been banned permanently: Enough." {
		t.Errorf("logging in again: %d %q", resp.StatusCode, loginError(t, body))
	}
}

func TestBannedAddressCannotWrite(t *testing.T) {
	b, mod, _ := banBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	b.trustTestProxy()
	forum := b.fx.Forum("Garden")
	topic := b.fx.Topic(forum, b.fx.User("author"), fixture.TopicSpec{Title: "Roses"})
	member, u := b.loggedIn("roamer")
	b.fx.User("friend")
	own := b.replyAs(u, topic.ID, "my first words")
	mustBan(t, mod, banValues(models.BanIP, "203.0.113.0/24", "30d", "Abuse from this network"))
	banned, elsewhere := from("203.0.113.5"), from("192.0.2.1")
	counts := func() string {
		return strings.Join([]string{
			views.FormatCount(countRows(t, b, "SELECT count(*) FROM posts")),
			views.FormatCount(countRows(t, b, "SELECT count(*) FROM topics")),
			views.FormatCount(countRows(t, b, "SELECT count(*) FROM private_messages")),
			views.FormatCount(countRows(t, b, "SELECT post_count FROM users WHERE id = ?", u.ID)),
		}, "/")
	}
	before := counts()

	for _, c := range []struct {
		name, path, text, box string
		form                  url.Values
	}{
		{"a reply", views.ReplyPath(topic.ID), "banned reply", "#reply-message", url.Values{"message": {"banned reply"}}},
		{"a new topic", views.NewTopicPath(forum.ID), "banned topic", "#reply-message", url.Values{"subject": {"Hello"}, "message": {"banned topic"}}},
		{"an edit", views.EditPath(own.ID), "banned edit", "textarea[name=message]", url.Values{"message": {"banned edit"}, "version": {"0"}}},
		{"a private message", "/pm/new", "banned message", "textarea[name=message]", url.Values{"to": {"friend"}, "subject": {"Hi"}, "message": {"banned message"}}},
	} {
		for _, htmx := range []string{"true", "false"} {
			t.Run(c.name+" is refused, htmx "+htmx, func(t *testing.T) {
				resp, body := member.post(c.path, c.form, append([]string{"HX-Request", htmx}, banned...)...)
				doc := parse(t, body)
				if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "You have been banned until ") ||
					!strings.Contains(body, "Abuse from this network.") || doc.Find(c.box).Text() != c.text {
					t.Errorf("%d, want 422 with the reason and the text kept\n%s", resp.StatusCode, body)
				}
			})
		}
	}
	if after := counts(); after != before {
		t.Errorf("posts/topics/messages/post count went %s -> %s: refused writes wrote", before, after)
	}
	if p, err := b.store.EditablePost(t.Context(), own.ID); err != nil || p.Body != "my first words" {
		t.Errorf("the edit was saved: %+v, %v", p, err)
	}
	if resp, body := member.post(views.ReplyPath(topic.ID), url.Values{"message": {"from home"}}, elsewhere...); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("from another address: %d\n%s", resp.StatusCode, body)
	}
	drift, err := b.store.Recount(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drift {
		if d.Rows != 0 {
			t.Errorf("%s: %d rows drifted", d.Table, d.Rows)
		}
	}
}

func TestBannedRegistration(t *testing.T) {
	b, mod, _ := banBoard(t)
	b.trustTestProxy()
	mustBan(t, mod, banValues(models.BanIP, "198.51.100.7", views.BanPermanent, "Bot farm"))
	mustBan(t, mod, banValues(models.BanEmail, "*@junk.example", views.BanPermanent, "Disposable addresses"))
	for _, c := range []struct {
		name, user, email, ip, reason string
	}{
		{"from a banned address", "botty", "botty@example.net", "198.51.100.7", "Bot farm."},
		{"with a banned email", "junky", "Junky@Junk.Example", "192.0.2.1", "Disposable addresses."},
	} {
		t.Run(c.name+" is refused", func(t *testing.T) {
			resp, body := b.newClient().post("/register", registerValues(c.user, c.email), from(c.ip)...)
			doc := parse(t, body)
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "You have been banned permanently: "+c.reason) ||
				doc.Find("input[name=username]").AttrOr("value", "") != c.user {
				t.Errorf("%d, want 403 with the reason and the name kept\n%s", resp.StatusCode, body)
			}
			if n := countRows(t, b, "SELECT count(*) FROM users WHERE username = ?", c.user); n != 0 {
				t.Error("the account was made")
			}
		})
	}
	if resp, _ := b.newClient().post("/register", registerValues("welcome", "welcome@example.net"), from("198.51.100.8")...); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a neighbour of the banned address: %d, want registered", resp.StatusCode)
	}
}

func TestBanPanelIsForThoseWhoMayBan(t *testing.T) {
	b, mod, _ := banBoard(t)
	forum := b.fx.Forum("Garden")
	b.fx.User("troll")
	mustBan(t, mod, banValues(models.BanUser, "troll", views.BanPermanent, "Trolling"))
	var banID int64
	if err := b.store.DB().NewRaw("SELECT id FROM bans").Scan(t.Context(), &banID); err != nil {
		t.Fatal(err)
	}
	member, _ := b.loggedIn("member")
	handler, hu := b.loggedIn("handler")
	b.fx.Grant(forum.ID, b.fx.Group("Report handlers", hu), models.FList|models.FRead|models.MReport, 0)
	banner, bu := b.loggedIn("banner")
	b.fx.Grant(forum.ID, b.fx.Group("Garden bans", bu), models.FList|models.FRead|models.MBan, 0)

	for who, cl := range map[string]*client{"a member": member, "a moderator who may not ban": handler} {
		t.Run(who+" is refused", func(t *testing.T) {
			for _, path := range []string{views.BanListPath, views.BanListPath + "?history=1", views.BanNewPath, views.BanUserPath("troll")} {
				if resp, _ := cl.get(path); resp.StatusCode != http.StatusForbidden {
					t.Errorf("GET %s: %d, want 403", path, resp.StatusCode)
				}
			}
			if resp, _ := cl.post(views.BanNewPath, banValues(models.BanUser, "banner", views.BanPermanent, "revenge")); resp.StatusCode != http.StatusForbidden {
				t.Errorf("POST the form: %d, want 403", resp.StatusCode)
			}
			for _, htmx := range []string{"true", "false"} {
				if resp, _ := cl.post(views.BanLiftPath(banID), nil, "HX-Request", htmx); resp.StatusCode != http.StatusForbidden {
					t.Errorf("POST lift (htmx %s): %d, want 403", htmx, resp.StatusCode)
				}
			}
		})
	}
	if resp, _ := handler.get(views.ReportQueuePath); resp.StatusCode != http.StatusOK {
		t.Errorf("the report handler cannot open the report queue: %d", resp.StatusCode)
	}
	guest := b.newClient()
	if resp, _ := guest.get(views.BanListPath); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("guest GET: %d, want 303 to the login", resp.StatusCode)
	}
	if resp, _ := guest.post(views.BanLiftPath(banID), nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("guest lift: %d, want 403", resp.StatusCode)
	}
	if n := countRows(t, b, "SELECT count(*) FROM bans WHERE lifted_at IS NULL"); n != 1 || countRows(t, b, "SELECT count(*) FROM bans") != 1 {
		t.Errorf("refused requests changed the bans: %d in force", n)
	}

	t.Run("m_ban in one forum opens the board-wide list", func(t *testing.T) {
		_, doc := banner.page(views.BanListPath)
		if !strings.Contains(doc.Find("#"+views.BanRowID(banID)+" .ban-target").Text(), "troll") {
			t.Error("the ban list does not show the ban on troll")
		}
		if doc.Find(`nav[aria-label="Moderator control panel"] [aria-current=page]`).Text() != "Bans" {
			t.Error("the moderator panel's navigation does not mark Bans")
		}
	})

	t.Run("profiles offer Ban to those who may ban", func(t *testing.T) {
		_, doc := banner.page(views.UserPath(hu.ID, hu.Username))
		if href, _ := doc.Find("a.profile-ban").Attr("href"); href != views.BanUserPath("handler") {
			t.Errorf("Ban link %q, want %s", href, views.BanUserPath("handler"))
		}
		for who, c := range map[string]struct {
			cl   *client
			user *models.User
		}{"the banner's own profile": {banner, bu}, "a member": {member, hu}, "a report handler": {handler, bu}} {
			if _, doc := c.cl.page(views.UserPath(c.user.ID, c.user.Username)); doc.Find("a.profile-ban").Length() != 0 {
				t.Errorf("%s: Ban is offered", who)
			}
		}
	})
}

func TestBanForm(t *testing.T) {
	b, mod, _ := banBoard(t)
	root := b.fx.User("root")
	b.fx.Join(root, models.GroupAdministrators)
	b.fx.User("troll")

	t.Run("a profile's Ban link fills in the member", func(t *testing.T) {
		_, doc := mod.page(views.BanUserPath("troll"))
		if doc.Find("#ban-target").AttrOr("value", "") != "troll" || doc.Find("input[name=kind][value=user][checked]").Length() != 1 ||
			doc.Find("#ban-duration option[selected]").AttrOr("value", "") != views.BanDurationDefault {
			t.Error("the form is not filled in for troll, by username, for the default length")
		}
		if doc.Find("form#ban-form input[name=_csrf]").Length() != 1 || doc.Find("label[for=ban-reason]").Length() != 1 {
			t.Error("the form lacks its token or a label")
		}
	})

	t.Run("bad bans are refused with a clear message and the input kept", func(t *testing.T) {
		for _, c := range []struct {
			name, field, want string
			form              url.Values
		}{
			{"a bad address", "#ban-target-error", "not an IP address", banValues(models.BanIP, "10.0.0.300", "1d", "r")},
			{"a range with host bits", "#ban-target-error", "did you mean 10.0.0.0/8", banValues(models.BanIP, "10.0.0.1/8", "1d", "r")},
			{"an unknown member", "#ban-target-error", "There is no member called “nobody”", banValues(models.BanUser, "nobody", "1d", "r")},
			{"an empty pattern", "#ban-target-error", "Enter an email address", banValues(models.BanEmail, " ", "1d", "r")},
			{"a pattern that bans everyone", "#ban-target-error", "exactly one @", banValues(models.BanEmail, "*", "1d", "r")},
			{"a pattern that bans every address", "#ban-target-error", "every email address", banValues(models.BanEmail, "*@*", "1d", "r")},
			{"an administrator", "#ban-target-error", "administrators cannot be banned", banValues(models.BanUser, "root", "1d", "r")},
			{"oneself", "#ban-target-error", "You cannot ban yourself", banValues(models.BanUser, "Warden", "1d", "r")},
			{"a pattern on one's own address", "#ban-target-error", "your own email address", banValues(models.BanEmail, "*@example.invalid", "1d", "r")},
			{"an end date that has passed", "#ban-duration-error", "has passed", func() url.Values {
				v := banValues(models.BanUser, "troll", views.BanUntil, "r")
				v.Set("until", "2001-01-01")
				return v
			}()},
			{"no end date", "#ban-duration-error", "Enter the date", banValues(models.BanUser, "troll", views.BanUntil, "r")},
			{"no reason", "#ban-reason-error", "Give a reason", banValues(models.BanUser, "troll", "1d", " ")},
			{"no kind", "#ban-error", "Choose what to ban", banValues("", "troll", "1d", "r")},
		} {
			resp, body := mod.post(views.BanNewPath, c.form)
			doc := parse(t, body)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(c.field).Text(), c.want) {
				t.Errorf("%s: %d, %s says %q; want 422 with %q", c.name, resp.StatusCode, c.field, doc.Find(c.field).Text(), c.want)
			}
			if doc.Find("#ban-target").AttrOr("value", "") != c.form.Get("target") || doc.Find("#ban-note").Text() != "seen in the logs" {
				t.Errorf("%s: the input was not kept", c.name)
			}
		}
		if n := countRows(t, b, "SELECT count(*) FROM bans"); n != 0 {
			t.Errorf("%d bans written by refused forms", n)
		}
	})

	t.Run("an explicit end date ends the ban at the start of that day", func(t *testing.T) {
		day := time.Now().UTC().AddDate(0, 0, 10).Format(time.DateOnly)
		v := banValues(models.BanUser, "troll", views.BanUntil, "Until things calm down")
		v.Set("until", day)
		mustBan(t, mod, v)
		var ends time.Time
		if err := b.store.DB().NewRaw("SELECT ends_at FROM bans").Scan(t.Context(), &ends); err != nil {
			t.Fatal(err)
		}
		if got := ends.UTC().Format(time.DateTime); got != day+" 00:00:00" {
			t.Errorf("the ban ends %s, want %s 00:00:00 (the board's zone, UTC)", got, day)
		}
	})

	t.Run("the list, lifting, and the history", func(t *testing.T) {
		var id int64
		if err := b.store.DB().NewRaw("SELECT id FROM bans").Scan(t.Context(), &id); err != nil {
			t.Fatal(err)
		}
		row := "#" + views.BanRowID(id)
		_, doc := mod.page(views.BanListPath)
		for _, want := range []string{"troll", "Until things calm down", "seen in the logs", "warden", "Until "} {
			if !strings.Contains(doc.Find(row).Text(), want) {
				t.Errorf("the ban's row does not show %q", want)
			}
		}
		resp, body := mod.get(views.BanListPath, "HX-Request", "true")
		if resp.StatusCode != http.StatusOK || strings.Contains(body, "<html") || parse(t, body).Find("section#bans "+row).Length() != 1 {
			t.Errorf("htmx page of the list: %d, want the list alone", resp.StatusCode)
		}
		resp, _ = mod.post(views.BanLiftPath(id), nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != views.BanListPath {
			t.Errorf("lift: %d to %q, want 303 to the list", resp.StatusCode, resp.Header.Get("Location"))
		}
		if _, doc := mod.page(views.BanListPath); doc.Find(".ban-row").Length() != 0 {
			t.Error("the lifted ban is still listed as in force")
		}
		_, doc = mod.page(views.BanListPath + "?history=1")
		if !strings.Contains(doc.Find(row+" .ban-ends").Text(), "Lifted by warden") {
			t.Errorf("the history shows %q, want who lifted it", doc.Find(row).Text())
		}
		if resp, _ := mod.post(views.BanLiftPath(id), nil); resp.StatusCode != http.StatusConflict {
			t.Errorf("lifting twice: %d, want 409", resp.StatusCode)
		}
		if resp, _ := mod.post(views.BanLiftPath(id+100), nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("lifting a ban that does not exist: %d, want 404", resp.StatusCode)
		}
	})
}
