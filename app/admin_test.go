package app

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// adminBoard is a test board with an administrator, a member and a
// global moderator, each logged in.
type adminBoard struct {
	*testBoard
	admin, member, mod *client
	root               *models.User // the administrator
}

func newAdminBoard(t *testing.T) *adminBoard {
	t.Helper()
	b := newTestBoard(t)
	adminCl, root := b.loggedIn("root")
	b.fx.Join(root, models.GroupAdministrators)
	memberCl, _ := b.loggedIn("member")
	modCl, mod := b.loggedIn("moddy")
	b.fx.Join(mod, models.GroupModerators)
	return &adminBoard{testBoard: b, admin: adminCl, member: memberCl, mod: modCl, root: root}
}

// htmx are the headers of a request htmx makes for a fragment.
var htmx = []string{"HX-Request", "true"}

// boardTitle reads the saved board title.
func (b *adminBoard) boardTitle() string {
	b.t.Helper()
	cfg, err := b.store.BoardConfig(b.t.Context())
	if err != nil {
		b.t.Fatal(err)
	}
	return cfg.Title
}

// count runs a SELECT count(*) ... and returns the number.
func (b *adminBoard) count(query string, args ...any) int {
	b.t.Helper()
	var n int
	if err := b.store.DB().NewRaw(query, args...).Scan(b.t.Context(), &n); err != nil {
		b.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// noDrift fails the test when a counter or pointer disagrees with the posts.
func (b *adminBoard) noDrift() {
	b.t.Helper()
	drift, err := b.store.Recount(b.t.Context(), false)
	if err != nil {
		b.t.Fatal(err)
	}
	for _, d := range drift {
		if d.Rows != 0 {
			b.t.Errorf("recount: %d rows of %s drifted", d.Rows, d.Table)
		}
	}
}

// mustStatus fails the test unless the response has the status.
func mustStatus(t *testing.T, what string, resp *http.Response, body string, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Fatalf("%s: status %d, want %d (Location %q)\n%s", what, resp.StatusCode, want, resp.Header.Get("Location"), body)
	}
}

// mustRedirect fails the test unless a plain form was answered with a 303
// to the location, or an htmx one with HX-Redirect to it.
func mustRedirect(t *testing.T, what string, resp *http.Response, body string, hx bool, location string) {
	t.Helper()
	if hx {
		mustStatus(t, what, resp, body, http.StatusNoContent)
		if got := resp.Header.Get("HX-Redirect"); got != location {
			t.Errorf("%s: HX-Redirect %q, want %q", what, got, location)
		}
		return
	}
	mustStatus(t, what, resp, body, http.StatusSeeOther)
	if got := resp.Header.Get("Location"); got != location {
		t.Errorf("%s: Location %q, want %q", what, got, location)
	}
}

func TestAdminPagesAreForAdministratorsOnly(t *testing.T) {
	b := newAdminBoard(t)
	forum := b.fx.Forum("Telescopes")
	groupID := b.fx.Group("Observers", b.root)
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	pages := []string{
		"/admin",
		"/admin/settings",
		"/admin/forums",
		"/admin/forums/new",
		"/admin/forums/" + id(forum.ID) + "/edit",
		"/admin/forums/" + id(forum.ID) + "/delete",
		"/admin/forums/" + id(forum.ID) + "/permissions",
		"/admin/categories/new",
		"/admin/categories/" + id(forum.CategoryID) + "/edit",
		"/admin/groups",
		"/admin/groups/new",
		"/admin/groups/" + id(groupID),
		"/admin/users",
		"/admin/users/" + id(b.root.ID),
	}
	for _, path := range pages {
		t.Run(path, func(t *testing.T) {
			resp, body := b.newClient().get(path)
			mustStatus(t, "a guest", resp, body, http.StatusSeeOther)
			if got, want := resp.Header.Get("Location"), "/login?return="+url.QueryEscape(path); got != want {
				t.Errorf("a guest is sent to %q, want %q", got, want)
			}
			for who, cl := range map[string]*client{"a member": b.member, "a moderator": b.mod} {
				resp, body := cl.get(path)
				mustStatus(t, who, resp, body, http.StatusForbidden)
			}
			_, doc := b.admin.page(path)
			if doc.Find("#admin-nav a[aria-current=page]").Length() != 1 {
				t.Error("the page has no admin nav marking its section")
			}
			if got := doc.Find("#admin-nav a").Length(); got != 5 {
				t.Errorf("the admin nav has %d links, want 5", got)
			}
		})
	}
	t.Run("the account menu offers the panel to administrators only", func(t *testing.T) {
		_, doc := b.admin.page("/")
		if doc.Find(`#account a[href="/admin"]`).Length() != 1 {
			t.Error("the administrator's menu has no Administration link")
		}
		_, doc = b.mod.page("/")
		if doc.Find(`#account a[href="/admin"]`).Length() != 0 {
			t.Error("a moderator's menu offers Administration")
		}
	})
}

// Every form of the panel refuses those who are not administrators, and
// writes nothing.
func TestAdminFormsRefuseOthers(t *testing.T) {
	b := newAdminBoard(t)
	forum := b.fx.Forum("Telescopes")
	other := b.fx.Forum("Binoculars")
	alice := b.fx.User("alice")
	b.fx.Topic(forum, alice, fixture.TopicSpec{Title: "First light", Posts: 2})
	groupID := b.fx.Group("Observers", alice)
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	registered := b.fx.SystemGroup(models.GroupRegistered)
	posts := []struct {
		path string
		form url.Values
	}{
		{"/admin/settings", url.Values{"title": {"Taken over"}, "topics_per_page": {"10"}, "posts_per_page": {"10"}, "flood_interval": {"0"}, "timezone": {"UTC"}}},
		{"/admin/settings/links", url.Values{"link_action": {"add"}}},
		{"/admin/categories/new", url.Values{"title": {"Intruders"}}},
		{"/admin/categories/" + id(forum.CategoryID) + "/edit", url.Values{"title": {"Renamed"}}},
		{"/admin/categories/" + id(other.CategoryID) + "/move", url.Values{"direction": {"up"}}},
		{"/admin/categories/" + id(forum.CategoryID) + "/delete", nil},
		{"/admin/forums/new", url.Values{"category": {id(forum.CategoryID)}, "title": {"Intruders"}}},
		{"/admin/forums/" + id(forum.ID) + "/edit", url.Values{"category": {id(forum.CategoryID)}, "title": {"Renamed"}}},
		{"/admin/forums/" + id(forum.ID) + "/move", url.Values{"direction": {"down"}}},
		{"/admin/forums/" + id(forum.ID) + "/lock", url.Values{"locked": {"1"}}},
		{"/admin/forums/" + id(forum.ID) + "/delete", url.Values{"move_to": {id(other.ID)}}},
		{"/admin/forums/" + id(forum.ID) + "/permissions", url.Values{"role_g" + id(registered): {"noaccess"}}},
		{"/admin/groups/new", url.Values{"name": {"Intruders"}, "kind": {"open"}}},
		{"/admin/groups/" + id(groupID), url.Values{"name": {"Renamed"}, "kind": {"open"}}},
		{"/admin/groups/" + id(groupID) + "/delete", url.Values{"confirm": {"1"}}},
		{"/admin/groups/" + id(groupID) + "/members", url.Values{"names": {"member"}}},
		{"/admin/groups/" + id(groupID) + "/members/" + id(alice.ID) + "/leader", url.Values{"leader": {"1"}}},
		{"/admin/groups/" + id(groupID) + "/members/" + id(alice.ID) + "/remove", nil},
		{"/admin/users/" + id(alice.ID), url.Values{"username": {"mallory"}, "email": {"m@example.org"}}},
		{"/admin/users/" + id(alice.ID) + "/groups", url.Values{"group": {id(b.fx.SystemGroup(models.GroupAdministrators))}}},
		{"/admin/users/" + id(alice.ID) + "/groups/" + id(groupID) + "/remove", nil},
		{"/admin/users/" + id(alice.ID) + "/delete", url.Values{"confirm": {"1"}}},
	}
	snapshot := func() string {
		var s []string
		err := b.store.DB().NewRaw(`SELECT concat_ws('|',
			(SELECT title FROM board_config),
			(SELECT string_agg(id || ':' || title || ':' || position, ',' ORDER BY id) FROM categories),
			(SELECT string_agg(id || ':' || title || ':' || position || ':' || locked, ',' ORDER BY id) FROM forums),
			(SELECT string_agg(forum_id || ':' || group_id || ':' || allow || ':' || never, ',' ORDER BY forum_id, group_id) FROM forum_acl),
			(SELECT string_agg(id || ':' || name, ',' ORDER BY id) FROM groups),
			(SELECT string_agg(group_id || ':' || user_id || ':' || leader, ',' ORDER BY group_id, user_id) FROM group_members),
			(SELECT string_agg(id || ':' || username || ':' || coalesce(email::text, '') || ':' || (deleted_at IS NULL), ',' ORDER BY id) FROM users),
			(SELECT string_agg(id || ':' || forum_id, ',' ORDER BY id) FROM topics))`).Scan(b.t.Context(), &s)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(s, "")
	}
	before := snapshot()
	for _, p := range posts {
		for who, cl := range map[string]*client{"guest": b.newClient(), "member": b.member, "moderator": b.mod} {
			for _, headers := range [][]string{nil, htmx} {
				resp, body := cl.post(p.path, p.form, headers...)
				if resp.StatusCode != http.StatusForbidden {
					t.Errorf("POST %s as a %s (htmx %v): status %d, want 403\n%s", p.path, who, headers != nil, resp.StatusCode, body)
				}
			}
		}
	}
	t.Run("forged posts without the administrator's token are refused", func(t *testing.T) {
		for _, p := range posts {
			form := url.Values{}
			for k, v := range p.form {
				form[k] = v
			}
			resp, _ := b.admin.postRaw(p.path, form)
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s without a token: status %d, want 403", p.path, resp.StatusCode)
			}
			form.Set(csrfField, "not-the-token")
			resp, _ = b.admin.postRaw(p.path, form, htmx...)
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s with a wrong token (htmx): status %d, want 403", p.path, resp.StatusCode)
			}
		}
	})
	if after := snapshot(); after != before {
		t.Errorf("refused posts changed the board:\nbefore %s\nafter  %s", before, after)
	}
}

// formValues reads the named fields of a page's form as a browser would
// send them, for tests that submit what a page offers.
func formValues(doc *goquery.Document, formSelector string) url.Values {
	form := url.Values{}
	doc.Find(formSelector).Find("input, select, textarea").Each(func(_ int, s *goquery.Selection) {
		name, ok := s.Attr("name")
		if !ok || name == "" {
			return
		}
		switch {
		case goquery.NodeName(s) == "select":
			opt := s.Find("option[selected]").First()
			if opt.Length() == 0 {
				opt = s.Find("option").First()
			}
			form.Add(name, opt.AttrOr("value", ""))
		case goquery.NodeName(s) == "textarea":
			form.Add(name, s.Text())
		case s.AttrOr("type", "") == "checkbox" || s.AttrOr("type", "") == "radio":
			if _, checked := s.Attr("checked"); checked {
				form.Add(name, s.AttrOr("value", "on"))
			}
		case s.AttrOr("type", "") == "submit":
		default:
			form.Add(name, s.AttrOr("value", ""))
		}
	})
	return form
}

func TestAdminOverview(t *testing.T) {
	b := newAdminBoard(t)
	forum := b.fx.Forum("Telescopes")
	alice := b.fx.User("alice")
	b.fx.Topic(forum, alice, fixture.TopicSpec{Title: "First light", Posts: 3})
	_, doc := b.admin.page("/admin")
	for id, want := range map[string]string{"#total-posts": "3", "#total-topics": "1", "#total-forums": "1", "#total-categories": "1"} {
		if got := strings.TrimSpace(doc.Find(id).Text()); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	newest := texts(doc.Find(".newest-member a"))
	if len(newest) == 0 || newest[0] != "alice" {
		t.Errorf("newest members %q, want alice first", newest)
	}
	for _, href := range []string{views.AdminSettingsPath, views.AdminForumsPath, views.AdminGroupsPath, views.AdminUsersPath} {
		if doc.Find(`#admin-links a[href="`+href+`"]`).Length() != 1 {
			t.Errorf("the overview does not link %s", href)
		}
	}
}
