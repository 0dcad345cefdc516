package app

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

func TestAdminUserSearch(t *testing.T) {
	b := newAdminBoard(t)
	for _, name := range []string{"vega", "Vesta", "venus_fan", "altair"} {
		b.fx.User(name)
	}
	found := func(doc *goquery.Document) string {
		return strings.Join(texts(doc.Find("#"+views.AdminUserListID+" .user-name")), "|")
	}
	_, doc := b.admin.page("/admin/users?q=ve")
	if got := found(doc); got != "vega|venus_fan|Vesta" {
		t.Errorf("names starting with ve: %q", got)
	}
	_, doc = b.admin.page("/admin/users?q=" + url.QueryEscape("ALTAIR@example"))
	if got := found(doc); got != "altair" {
		t.Errorf("by email: %q", got)
	}
	_, doc = b.admin.page("/admin/users?q=" + url.QueryEscape("%"))
	if got := found(doc); got != "" {
		t.Errorf("a wildcard matched %q", got)
	}
	resp, body := b.admin.get("/admin/users?q=v", htmx...)
	mustStatus(t, "htmx", resp, body, http.StatusOK)
	if d := parse(t, body); d.Find("#site-nav").Length() != 0 || d.Find(".user-name").Length() != 3 {
		t.Error("htmx did not get the list alone")
	}
	t.Run("paged", func(t *testing.T) {
		for i := range adminUsersPerPage + 3 {
			b.fx.User("page" + string(rune('a'+i/10)) + string(rune('a'+i%10)))
		}
		_, doc := b.admin.page("/admin/users?q=page&page=2")
		if got := doc.Find(".user-name").Length(); got != 3 {
			t.Errorf("page 2 lists %d, want 3", got)
		}
		if doc.Find(`nav[aria-label=Pagination] a[rel=prev]`).AttrOr("href", "") != "/admin/users?q=page" {
			t.Error("the previous page keeps no query")
		}
	})
}

func TestAdminUserEdit(t *testing.T) {
	b := newAdminBoard(t)
	alice := b.fx.User("alice")
	b.fx.User("taken")
	var rankID int64
	if err := b.store.DB().NewRaw("INSERT INTO ranks (title, special) VALUES ('Site elder', true) RETURNING id").Scan(t.Context(), &rankID); err != nil {
		t.Fatal(err)
	}
	path := views.AdminUserPath(alice.ID)
	_, doc := b.admin.page(path)
	if doc.Find(`a.ban-link[href="/mod/bans/new?user=alice"]`).Length() != 1 {
		t.Error("no Ban link to the bans page")
	}
	form := formValues(doc, "#"+views.AccountFormID)
	if form.Get("username") != "alice" || form.Get("email") != "alice@example.invalid" {
		t.Fatalf("the form shows %v", form)
	}
	for _, hx := range []bool{false, true} {
		name := map[bool]string{false: "without JavaScript", true: "with htmx"}[hx]
		headers := map[bool][]string{false: nil, true: htmx}[hx]
		t.Run("invalid fields come back with messages and the input kept, "+name, func(t *testing.T) {
			bad := url.Values{
				"username": {"Taken"}, "email": {"not an address"}, "website": {"javascript:alert(1)"},
				"location": {strings.Repeat("x", models.MaxLocationLength+1)}, "signature": {"Kept [b]signature[/b]"}, "rank": {"999999"},
			}
			resp, body := b.admin.post(path, bad, headers...)
			mustStatus(t, "POST", resp, body, http.StatusUnprocessableEntity)
			doc := parse(t, body)
			for _, id := range []string{"#account-username-error", "#account-email-error", "#account-website-error", "#account-location-error", "#account-rank-error"} {
				if doc.Find(id).Length() != 1 {
					t.Errorf("no message %s", id)
				}
			}
			if doc.Find("#account-signature").Text() != "Kept [b]signature[/b]" || doc.Find("#account-email").AttrOr("value", "") != "not an address" {
				t.Error("the input was not kept")
			}
			if hx == (doc.Find("#site-nav").Length() != 0) {
				t.Errorf("htmx %v got the whole page", hx)
			}
			if u, _ := b.store.User(t.Context(), alice.ID); u.Username != "alice" {
				t.Error("a refused form saved")
			}
		})
	}
	t.Run("valid fields are saved", func(t *testing.T) {
		form := url.Values{
			"username": {"Alice Vega"}, "email": {"vega@example.org"}, "website": {"https://vega.example.org"},
			"location": {"Lyra"}, "signature": {"Clear [b]skies[/b]"}, "rank": {idStr(rankID)},
		}
		resp, body := b.admin.post(path, form, htmx...)
		mustRedirect(t, "POST", resp, body, true, path+"?saved=1#admin-account-status")
		u, err := b.store.User(t.Context(), alice.ID)
		if err != nil {
			t.Fatal(err)
		}
		if u.Username != "Alice Vega" || u.UsernameKey != models.UsernameKey("Alice Vega") || u.Email != "vega@example.org" ||
			u.Website != "https://vega.example.org" || u.Location != "Lyra" || u.RankTitle != "Site elder" ||
			!strings.Contains(u.SignatureHTML, "<strong>skies</strong>") {
			t.Errorf("saved %+v", u)
		}
		form.Set("rank", "0")
		resp, body = b.admin.post(path, form)
		mustRedirect(t, "POST", resp, body, false, path+"?saved=1#admin-account-status")
		if u, _ := b.store.User(t.Context(), alice.ID); u.RankID != 0 {
			t.Error("the special rank was not taken away")
		}
	})
}

func TestAdminUserGroups(t *testing.T) {
	b := newAdminBoard(t)
	alice := b.fx.User("alice")
	moderators, admins := b.fx.SystemGroup(models.GroupModerators), b.fx.SystemGroup(models.GroupAdministrators)
	path := views.AdminUserPath(alice.ID)

	t.Run("an account is made a moderator, then an administrator", func(t *testing.T) {
		_, doc := b.admin.page(path)
		if doc.Find(`#account-add-group option[value="`+idStr(moderators)+`"]`).Length() != 1 ||
			doc.Find(`#account-add-group option[value="`+idStr(b.fx.SystemGroup(models.GroupRegistered))+`"]`).Length() != 0 {
			t.Error("the group choice is wrong")
		}
		resp, body := b.admin.post(path+"/groups", url.Values{"group": {idStr(moderators)}}, htmx...)
		mustStatus(t, "htmx", resp, body, http.StatusOK)
		doc = parse(t, body)
		if doc.Find("#site-nav").Length() != 0 || doc.Find(`.account-group[data-group-id="`+idStr(moderators)+`"]`).Length() != 1 {
			t.Error("htmx did not get the groups with the new one")
		}
		resp, body = b.admin.post(path+"/groups", url.Values{"group": {idStr(admins)}})
		mustRedirect(t, "POST", resp, body, false, path+"#"+views.AccountGroupsID)
		if membershipRow(t, b.testBoard, moderators, alice.ID) != "member" || membershipRow(t, b.testBoard, admins, alice.ID) != "member" {
			t.Error("alice is not in both groups")
		}
	})
	t.Run("the new rights apply on the next request", func(t *testing.T) {
		cl := b.newClient()
		u := b.testBoard.member("dora", "correct horse battery staple")
		resp, _ := cl.post("/login", url.Values{"username": {"dora"}, "password": {"correct horse battery staple"}})
		mustStatus(t, "login", resp, "", http.StatusSeeOther)
		if resp, _ := cl.get("/admin"); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("dora opens the panel before: %d", resp.StatusCode)
		}
		resp, body := b.admin.post(views.AdminUserPath(u.ID)+"/groups", url.Values{"group": {idStr(admins)}})
		mustStatus(t, "POST", resp, body, http.StatusSeeOther)
		cl.page("/admin")
		resp, body = b.admin.post(views.AdminUserPath(u.ID)+"/groups/"+idStr(admins)+"/remove", nil)
		mustStatus(t, "remove", resp, body, http.StatusSeeOther)
		if resp, _ := cl.get("/admin"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("dora opens the panel after: %d", resp.StatusCode)
		}
	})
	t.Run("an account leaves a group", func(t *testing.T) {
		resp, body := b.admin.post(path+"/groups/"+idStr(moderators)+"/remove", nil, htmx...)
		mustStatus(t, "POST", resp, body, http.StatusOK)
		if membershipRow(t, b.testBoard, moderators, alice.ID) != "none" {
			t.Error("alice is still a moderator")
		}
	})
	t.Run("nobody leaves the registered users", func(t *testing.T) {
		registered := b.fx.SystemGroup(models.GroupRegistered)
		resp, body := b.admin.post(path+"/groups/"+idStr(registered)+"/remove", nil)
		mustStatus(t, "POST", resp, body, http.StatusConflict)
		resp, body = b.admin.post(path+"/groups", url.Values{"group": {idStr(registered)}})
		mustStatus(t, "add", resp, body, http.StatusConflict)
	})
}

// A deleted account keeps its posts under its name, shown as a guest's.
func TestAdminDeleteUser(t *testing.T) {
	b := newAdminBoard(t)
	forum := b.fx.Forum("Telescopes")
	aliceCl, alice := b.loggedIn("alice")
	topic := b.fx.Topic(forum, alice, fixture.TopicSpec{Title: "First light", Posts: 2})
	b.fx.Join(alice, models.GroupModerators)
	path := views.AdminUserPath(alice.ID)
	resp, body := aliceCl.post("/pm/new", url.Values{"to": {"member"}, "subject": {"Before I go"}, "message": {"Clear skies."}})
	mustStatus(t, "alice writes a message", resp, body, http.StatusSeeOther)
	pmPath := resp.Header.Get("Location")

	_, own := b.admin.page(views.AdminUserPath(b.root.ID))
	if own.Find("#"+views.AccountDeleteID).Length() != 0 || own.Find(".ban-link").Length() != 0 {
		t.Error("administrators are offered to delete or ban themselves")
	}
	resp, body = b.admin.post(views.AdminUserPath(b.root.ID)+"/delete", url.Values{"confirm": {"1"}})
	mustStatus(t, "deleting oneself", resp, body, http.StatusForbidden)

	resp, body = b.admin.post(path+"/delete", nil)
	mustStatus(t, "unconfirmed", resp, body, http.StatusUnprocessableEntity)
	if parse(t, body).Find("#account-delete-error").Length() != 1 {
		t.Error("no message asking to confirm")
	}
	resp, body = b.admin.post(path+"/delete", url.Values{"confirm": {"1"}}, htmx...)
	mustRedirect(t, "POST", resp, body, true, "/admin/users?deleted=alice")
	_, doc := b.admin.page("/admin/users?deleted=alice")
	if !strings.Contains(doc.Find(".admin-notice").Text(), "alice") {
		t.Error("the list does not say the account was deleted")
	}

	t.Run("the account is logged out and cannot log in again", func(t *testing.T) {
		if resp, _ := aliceCl.get("/settings"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("alice's old session still opens her settings: %d", resp.StatusCode)
		}
		for _, name := range []string{"alice", "alice@example.invalid"} {
			resp, _ := b.newClient().post("/login", url.Values{"username": {name}, "password": {"correct horse battery staple"}})
			if resp.StatusCode == http.StatusSeeOther {
				t.Errorf("logging in as %s still works", name)
			}
		}
		if n := b.count("SELECT count(*) FROM sessions WHERE user_id = ?", alice.ID) + b.count("SELECT count(*) FROM group_members WHERE user_id = ?", alice.ID); n != 0 {
			t.Errorf("%d sessions or memberships are left", n)
		}
		if n := b.count("SELECT count(*) FROM users WHERE id = ? AND email IS NULL AND password_hash = ''", alice.ID); n != 1 {
			t.Error("the email address or password is still there")
		}
	})
	t.Run("the posts stay and show the name without a link", func(t *testing.T) {
		for _, cl := range []*client{b.guest(), b.member} {
			_, doc := cl.page(views.TopicPath(topic.ID, topic.Title))
			names := doc.Find("#posts article .author-name")
			if names.Length() != 2 {
				t.Fatalf("%d posts show an author, want 2", names.Length())
			}
			names.Each(func(_ int, s *goquery.Selection) {
				if strings.TrimSpace(s.Text()) != "alice" || s.Find("a").Length() != 0 {
					t.Errorf("the author shows as %q with %d links", s.Text(), s.Find("a").Length())
				}
			})
			if doc.Find("#posts .pm-link").Length() != 0 {
				t.Error("the posts offer to message the deleted account")
			}
			_, index := cl.page("/")
			if index.Find(`.last-post a[href^="/u/"]`).Length() != 0 || !strings.Contains(index.Find(".last-post").Text(), "alice") {
				t.Error("the board index links the deleted author, or drops the name")
			}
			_, forumPage := cl.page(views.ForumPath(forum.ID, forum.Title))
			if forumPage.Find(`#topics a[href^="/u/"]`).Length() != 0 {
				t.Error("the topic list links the deleted author")
			}
		}
		b.noDrift()
	})
	t.Run("a message from the account shows its name without a link", func(t *testing.T) {
		_, doc := b.member.page(pmPath)
		if got := strings.TrimSpace(doc.Find("article .deleted-user").Text()); got != "alice" {
			t.Errorf("the sender shows as %q", got)
		}
		if doc.Find(`article a[href^="/u/"]`).Length() != 1 || doc.Find(`form[action="/pm/block"]`).Length() != 0 {
			t.Error("the message links the deleted sender, or offers to block them")
		}
	})
	t.Run("the profile is gone and the member list skips the account", func(t *testing.T) {
		if resp, _ := b.member.get(views.UserPath(alice.ID, "alice")); resp.StatusCode != http.StatusNotFound {
			t.Errorf("the profile answers %d", resp.StatusCode)
		}
		_, doc := b.member.page("/members?q=ali")
		if strings.Contains(doc.Find("#members").Text(), "alice") {
			t.Error("the member list shows the deleted account")
		}
		_, doc = b.admin.page("/admin/users?q=alice")
		if doc.Find(".user-name").Length() != 0 {
			t.Error("the account search finds the deleted account")
		}
		if resp, _ := b.admin.get(path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("the admin page of the deleted account answers %d", resp.StatusCode)
		}
	})
	t.Run("nobody can write to the account or take its name", func(t *testing.T) {
		resp, body := b.member.post("/pm/new", url.Values{"to": {"alice"}, "subject": {"Hi"}, "message": {"Hello"}})
		if resp.StatusCode == http.StatusSeeOther || !strings.Contains(body, "no member called") {
			t.Errorf("a message to the deleted account: %d", resp.StatusCode)
		}
		if n := b.count("SELECT count(*) FROM private_messages WHERE subject = 'Hi'"); n != 0 {
			t.Error("a message was sent")
		}
		resp, _ = b.newClient().post("/register", url.Values{"username": {"alice"}, "email": {"new@example.org"}, "password": {"a much longer passphrase"}, "confirm": {"a much longer passphrase"}})
		if resp.StatusCode == http.StatusSeeOther {
			t.Error("the deleted account's name was taken again")
		}
	})
	t.Run("search by the author still finds the posts, without a link", func(t *testing.T) {
		_, doc := b.member.page("/search?author=alice")
		if doc.Find("#search-results .search-post").Length() != 2 || doc.Find(`#search-results a[href^="/u/"]`).Length() != 0 {
			t.Errorf("search shows %d posts and %d profile links", doc.Find("#search-results .search-post").Length(), doc.Find(`#search-results a[href^="/u/"]`).Length())
		}
	})
}
