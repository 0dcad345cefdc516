package app

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"hyperboard/models"
	"hyperboard/views"
)

// group creates a user-made group.
func (b *testBoard) group(name string, open, hidden bool) *models.Group {
	b.t.Helper()
	g := &models.Group{Name: name, Description: "All about " + name, Open: open, Hidden: hidden}
	if _, err := b.store.DB().NewInsert().Model(g).Exec(b.t.Context()); err != nil {
		b.t.Fatal(err)
	}
	return g
}

// addToGroup puts a member into a group, as a leader or a pending request.
func (b *testBoard) addToGroup(g *models.Group, u *models.User, leader, pending bool) {
	b.t.Helper()
	m := &models.GroupMember{GroupID: g.ID, UserID: u.ID, Leader: leader, Pending: pending}
	if _, err := b.store.DB().NewInsert().Model(m).Exec(b.t.Context()); err != nil {
		b.t.Fatal(err)
	}
}

// membershipRow describes a member's row in a group: "none", "pending",
// "member" or "leader".
func membershipRow(t *testing.T, b *testBoard, groupID, userID int64) string {
	t.Helper()
	var rows []struct{ Leader, Pending bool }
	err := b.store.DB().NewRaw("SELECT leader, pending FROM group_members WHERE group_id = ? AND user_id = ?", groupID, userID).Scan(t.Context(), &rows)
	switch {
	case err != nil:
		t.Fatal(err)
	case len(rows) == 0:
		return "none"
	case rows[0].Pending:
		return "pending"
	case rows[0].Leader:
		return "leader"
	}
	return "member"
}

func parse(t *testing.T, body string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestGroupList(t *testing.T) {
	b := newTestBoard(t)
	leaderCl, leader := b.loggedIn("leader")
	memberCl, member := b.loggedIn("member")
	askerCl, asker := b.loggedIn("asker")
	outsiderCl, _ := b.loggedIn("outsider")
	adminCl, admin := b.loggedIn("admin")
	if err := b.store.AddToSystemGroup(t.Context(), admin.ID, models.GroupAdministrators); err != nil {
		t.Fatal(err)
	}
	club := b.group("Variable star club", false, false)
	b.addToGroup(club, leader, true, false)
	b.addToGroup(club, member, false, false)
	b.addToGroup(club, asker, false, true)
	b.group("Astrophotographers", true, false)
	secret := b.group("Observatory keyholders", false, true)
	b.addToGroup(secret, member, false, false)

	rows := func(doc *goquery.Document) map[string]*goquery.Selection {
		out := map[string]*goquery.Selection{}
		doc.Find("#groups li.group-row").Each(func(_ int, s *goquery.Selection) {
			out[strings.TrimSpace(s.Find("a.group-name").Text())] = s
		})
		return out
	}

	t.Run("a guest sees system groups first, then the visible groups by name, with counts and kinds", func(t *testing.T) {
		_, doc := b.page("/groups")
		got := texts(doc.Find("#groups li.group-row a.group-name"))
		want := []string{"Administrators", "Moderators", "Registered users", "Astrophotographers", "Variable star club"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("groups = %q, want %q", got, want)
		}
		row := rows(doc)["Variable star club"]
		if n := strings.TrimSpace(row.Find(".member-count").Text()); n != "2" {
			t.Errorf("the club shows %s members, want 2 (the pending request does not count)", n)
		}
		if kind := strings.TrimSpace(row.Find(".group-type").Text()); kind != "Closed" {
			t.Errorf("the club is %q, want Closed", kind)
		}
		if kind := strings.TrimSpace(rows(doc)["Administrators"].Find(".group-type").Text()); kind != "System" {
			t.Errorf("Administrators is %q, want System", kind)
		}
		if href := row.Find("a.group-name").AttrOr("href", ""); href != views.GroupPath(club.ID) {
			t.Errorf("the club links to %q", href)
		}
	})
	t.Run("members see where they stand in each group", func(t *testing.T) {
		for cl, want := range map[*client]string{leaderCl: "Leader", memberCl: "Member", askerCl: "Pending", outsiderCl: ""} {
			_, doc := cl.page("/groups")
			if got := strings.TrimSpace(rows(doc)["Variable star club"].Find(".group-status").Text()); got != want {
				t.Errorf("status %q, want %q", got, want)
			}
		}
	})
	t.Run("a hidden group is invisible to those outside it, in the list and by its address", func(t *testing.T) {
		path := views.GroupPath(secret.ID)
		for _, cl := range []*client{b.newClient(), outsiderCl, askerCl} {
			_, doc := cl.page("/groups")
			if _, ok := rows(doc)["Observatory keyholders"]; ok {
				t.Error("the hidden group is listed")
			}
			if resp, _ := cl.get(path); resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", path, resp.StatusCode)
			}
		}
	})
	t.Run("a hidden group shows to its members and to administrators", func(t *testing.T) {
		for _, cl := range []*client{memberCl, adminCl} {
			_, doc := cl.page("/groups")
			row, ok := rows(doc)["Observatory keyholders"]
			if !ok {
				t.Fatal("the hidden group is not listed")
			}
			if kind := strings.TrimSpace(row.Find(".group-type").Text()); kind != "Hidden" {
				t.Errorf("kind %q, want Hidden", kind)
			}
			cl.page(views.GroupPath(secret.ID))
		}
	})
	t.Run("the Guests group is never listed and has no page", func(t *testing.T) {
		_, doc := adminCl.page("/groups")
		if _, ok := rows(doc)["Guests"]; ok {
			t.Error("Guests is listed")
		}
		var id int64
		if err := b.store.DB().NewRaw("SELECT id FROM groups WHERE system_key = 'GUESTS'").Scan(t.Context(), &id); err != nil {
			t.Fatal(err)
		}
		if resp, _ := adminCl.get(views.GroupPath(id)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("the Guests page answers %d", resp.StatusCode)
		}
	})
}

func TestGroupPage(t *testing.T) {
	b := newTestBoard(t)
	leaderCl, leader := b.loggedIn("leader")
	memberCl, member := b.loggedIn("member")
	askerCl, asker := b.loggedIn("asker")
	outsiderCl, _ := b.loggedIn("outsider")
	closed := b.group("Star party crew", false, false)
	b.addToGroup(closed, leader, true, false)
	b.addToGroup(closed, member, false, false)
	b.addToGroup(closed, asker, false, true)
	open := b.group("Astrophotographers", true, false)
	path := views.GroupPath(closed.ID)

	t.Run("it shows the leaders and the members, not the pending", func(t *testing.T) {
		_, doc := b.page(path)
		if got := texts(doc.Find("#group-leaders .member-row .member-name")); strings.Join(got, "|") != "leader" {
			t.Errorf("leaders = %q", got)
		}
		if got := texts(doc.Find("#group-members .member-row .member-name")); strings.Join(got, "|") != "member" {
			t.Errorf("members = %q", got)
		}
		if got := strings.TrimSpace(doc.Find("#" + views.GroupMemberCountID).Text()); got != "2 members" {
			t.Errorf("count %q, want 2 members", got)
		}
		if doc.Find("#group-members time[datetime]").Length() != 1 {
			t.Error("the member's joined date is missing")
		}
	})
	t.Run("each viewer is offered the one change open to them", func(t *testing.T) {
		for _, c := range []struct {
			name   string
			cl     *client
			path   string
			action string
			label  string
		}{
			{"a stranger to a closed group may ask", outsiderCl, path, "join", "Request to join"},
			{"a stranger to an open group may join", outsiderCl, views.GroupPath(open.ID), "join", "Join group"},
			{"one who asked may cancel", askerCl, path, "leave", "Cancel request"},
			{"a member may leave", memberCl, path, "leave", "Leave group"},
			{"a leader may leave", leaderCl, path, "leave", "Leave group"},
		} {
			_, doc := c.cl.page(c.path)
			form := doc.Find("#group-membership form")
			if form.Length() != 1 {
				t.Errorf("%s: %d forms", c.name, form.Length())
				continue
			}
			want := c.path + "/" + c.action
			if form.AttrOr("action", "") != want || form.AttrOr("hx-post", "") != want || form.AttrOr("method", "") != "post" {
				t.Errorf("%s: form posts to %q (hx-post %q)", c.name, form.AttrOr("action", ""), form.AttrOr("hx-post", ""))
			}
			if form.Find("input[name=_csrf]").Length() != 1 {
				t.Errorf("%s: no CSRF field", c.name)
			}
			if got := strings.TrimSpace(form.Find("button").Text()); got != c.label {
				t.Errorf("%s: button %q, want %q", c.name, got, c.label)
			}
		}
	})
	t.Run("a guest is asked to log in and gets no form", func(t *testing.T) {
		_, doc := b.page(path)
		if doc.Find("#group-membership form").Length() != 0 {
			t.Error("a guest sees a membership form")
		}
		if href := doc.Find("#group-membership a").AttrOr("href", ""); href != "/login?return="+path {
			t.Errorf("login link %q", href)
		}
	})
	t.Run("only leaders see the pending requests", func(t *testing.T) {
		_, doc := leaderCl.page(path)
		row := doc.Find("#" + views.GroupRequestRowID(asker.ID))
		if row.Length() != 1 {
			t.Fatal("the leader does not see the request")
		}
		approve := row.Find("form.request-approve")
		want := views.GroupRequestPath(closed.ID, asker.ID, "approve")
		if approve.AttrOr("action", "") != want || approve.AttrOr("hx-post", "") != want ||
			approve.AttrOr("hx-target", "") != "#"+views.GroupRequestRowID(asker.ID) || approve.AttrOr("hx-swap", "") != "outerHTML" {
			t.Errorf("approve form: action %q hx-post %q hx-target %q", approve.AttrOr("action", ""), approve.AttrOr("hx-post", ""), approve.AttrOr("hx-target", ""))
		}
		if row.Find("form.request-deny").AttrOr("action", "") != views.GroupRequestPath(closed.ID, asker.ID, "deny") {
			t.Error("no deny form")
		}
		for _, cl := range []*client{memberCl, askerCl, outsiderCl} {
			if _, doc := cl.page(path); doc.Find("#group-requests").Length() != 0 {
				t.Error("a non-leader sees the requests")
			}
		}
	})
	t.Run("a system group offers no change", func(t *testing.T) {
		var id int64
		if err := b.store.DB().NewRaw("SELECT id FROM groups WHERE system_key = 'REGISTERED'").Scan(t.Context(), &id); err != nil {
			t.Fatal(err)
		}
		_, doc := memberCl.page(views.GroupPath(id))
		if doc.Find("#group-membership form").Length() != 0 {
			t.Error("a system group offers a form")
		}
	})
	t.Run("an unknown group is not found", func(t *testing.T) {
		for _, p := range []string{"/groups/999999", "/groups/abc", "/groups/0"} {
			if resp, _ := b.get(p); resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d", p, resp.StatusCode)
			}
		}
	})
}

func TestGroupMembersArePaginated(t *testing.T) {
	b := newTestBoard(t)
	g := b.group("Messier marathoners", true, false)
	for i := range 53 {
		b.addToGroup(g, b.fx.User(fmt.Sprintf("runner%02d", i)), false, false)
	}
	path := views.GroupPath(g.ID)
	_, doc := b.page(path)
	if n := doc.Find("#group-members .member-row").Length(); n != 50 {
		t.Errorf("page 1 lists %d members, want 50", n)
	}
	next := doc.Find(`nav[aria-label=Pagination] a[rel=next]`)
	if next.AttrOr("href", "") != path+"?page=2" || next.AttrOr("hx-get", "") != path+"?page=2" {
		t.Fatalf("next link %q", next.AttrOr("href", ""))
	}
	t.Run("the second page holds the rest", func(t *testing.T) {
		_, doc := b.page(path + "?page=2")
		if got := texts(doc.Find("#group-members .member-row .member-name")); strings.Join(got, ",") != "runner50,runner51,runner52" {
			t.Errorf("page 2 = %q", got)
		}
	})
	t.Run("with htmx a page comes as the group's region alone", func(t *testing.T) {
		_, doc := b.page(path+"?page=2", hxRequest, "true")
		if doc.Find("#"+views.GroupBodyID).Length() != 1 || doc.Find("#site-nav").Length() != 0 {
			t.Error("not the fragment")
		}
	})
	t.Run("a page past the end goes to the last", func(t *testing.T) {
		resp, _ := b.get(path + "?page=9")
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != path+"?page=2" {
			t.Errorf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
}

func TestGroupJoinAndLeave(t *testing.T) {
	b := newTestBoard(t)
	cl, u := b.loggedIn("stella")
	open := b.group("Astrophotographers", true, false)
	closed := b.group("Star party crew", false, false)
	openPath, closedPath := views.GroupPath(open.ID), views.GroupPath(closed.ID)

	t.Run("joining an open group without JavaScript redirects back as a member", func(t *testing.T) {
		resp, _ := cl.post(openPath+"/join", nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != openPath {
			t.Fatalf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if got := membershipRow(t, b, open.ID, u.ID); got != "member" {
			t.Fatalf("row %s, want member", got)
		}
		_, doc := cl.page(openPath)
		if got := strings.TrimSpace(doc.Find("#" + views.GroupMemberCountID).Text()); got != "1 member" {
			t.Errorf("count %q", got)
		}
	})
	t.Run("joining twice is refused with a reason", func(t *testing.T) {
		resp, body := cl.post(openPath+"/join", nil)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "already a member") {
			t.Errorf("got %d", resp.StatusCode)
		}
	})
	t.Run("leaving without JavaScript redirects back", func(t *testing.T) {
		resp, _ := cl.post(openPath+"/leave", nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != openPath {
			t.Fatalf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if got := membershipRow(t, b, open.ID, u.ID); got != "none" {
			t.Errorf("row %s after leaving", got)
		}
		resp, body := cl.post(openPath+"/leave", nil)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "not a member") {
			t.Errorf("leaving twice: %d", resp.StatusCode)
		}
	})
	t.Run("with htmx joining swaps in the group with a notice and a Leave button", func(t *testing.T) {
		resp, body := cl.post(openPath+"/join", nil, hxRequest, "true")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("got %d", resp.StatusCode)
		}
		doc := parse(t, body)
		if doc.Find("#"+views.GroupBodyID).Length() != 1 || doc.Find("#site-nav").Length() != 0 {
			t.Fatal("not the group fragment")
		}
		if doc.Find("#group-notice").Length() != 1 || strings.TrimSpace(doc.Find("#group-membership button").Text()) != "Leave group" {
			t.Error("no notice or no Leave button")
		}
		if got := texts(doc.Find("#group-members .member-row .member-name")); strings.Join(got, ",") != "stella" {
			t.Errorf("members %q", got)
		}
		resp, body = cl.post(openPath+"/leave", nil, hxRequest, "true")
		if resp.StatusCode != http.StatusOK || strings.TrimSpace(parse(t, body).Find("#group-membership button").Text()) != "Join group" {
			t.Errorf("leave with htmx: %d", resp.StatusCode)
		}
		if got := membershipRow(t, b, open.ID, u.ID); got != "none" {
			t.Errorf("row %s after leaving", got)
		}
	})
	t.Run("asking to join a closed group leaves a request that is not a membership", func(t *testing.T) {
		resp, _ := cl.post(closedPath+"/join", nil)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("got %d", resp.StatusCode)
		}
		if got := membershipRow(t, b, closed.ID, u.ID); got != "pending" {
			t.Fatalf("row %s, want pending", got)
		}
		_, doc := cl.page(closedPath)
		if got := strings.TrimSpace(doc.Find("#" + views.GroupMemberCountID).Text()); got != "0 members" {
			t.Errorf("count %q", got)
		}
		if doc.Find("#group-members .member-row").Length() != 0 {
			t.Error("the request is listed as a member")
		}
		resp, body := cl.post(closedPath+"/join", nil, hxRequest, "true")
		if resp.StatusCode != http.StatusUnprocessableEntity || parse(t, body).Find("#group-error").Length() != 1 {
			t.Errorf("asking twice with htmx: %d", resp.StatusCode)
		}
	})
	t.Run("cancelling the request removes it", func(t *testing.T) {
		if resp, _ := cl.post(closedPath+"/leave", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("got %d", resp.StatusCode)
		}
		if got := membershipRow(t, b, closed.ID, u.ID); got != "none" {
			t.Errorf("row %s", got)
		}
	})
	t.Run("leaving a hidden group goes back to the list", func(t *testing.T) {
		hidden := b.group("Observatory keyholders", false, true)
		b.addToGroup(hidden, u, false, false)
		resp, _ := cl.post(views.GroupPath(hidden.ID)+"/leave", nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/groups" {
			t.Errorf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("a hidden group cannot be joined by those who cannot see it", func(t *testing.T) {
		hidden := b.group("Secret society", true, true)
		if resp, _ := cl.post(views.GroupPath(hidden.ID)+"/join", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("got %d, want 404", resp.StatusCode)
		}
		if got := membershipRow(t, b, hidden.ID, u.ID); got != "none" {
			t.Errorf("row %s", got)
		}
	})
	t.Run("system groups cannot be joined or left", func(t *testing.T) {
		before := countRows(t, b, "SELECT count(*) FROM group_members")
		var ids []int64
		if err := b.store.DB().NewRaw("SELECT id FROM groups WHERE system_key IN ('REGISTERED', 'MODERATORS', 'ADMINISTRATORS')").Scan(t.Context(), &ids); err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			for _, action := range []string{"join", "leave"} {
				if resp, _ := cl.post(views.GroupPath(id)+"/"+action, nil); resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s group %d: %d, want 403", action, id, resp.StatusCode)
				}
			}
		}
		if after := countRows(t, b, "SELECT count(*) FROM group_members"); after != before {
			t.Errorf("%d memberships before, %d after", before, after)
		}
	})
	t.Run("guests cannot join", func(t *testing.T) {
		guest := b.newClient()
		if resp, _ := guest.post(openPath+"/join", nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("got %d, want 403", resp.StatusCode)
		}
		if n := countRows(t, b, "SELECT count(*) FROM group_members WHERE group_id = ?", open.ID); n != 0 {
			t.Errorf("%d rows written", n)
		}
	})
	t.Run("a form without the CSRF token is refused", func(t *testing.T) {
		if resp, _ := cl.postRaw(openPath+"/join", url.Values{}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("got %d, want 403", resp.StatusCode)
		}
		if got := membershipRow(t, b, open.ID, u.ID); got != "none" {
			t.Errorf("row %s", got)
		}
	})
}

func TestGroupRequests(t *testing.T) {
	b := newTestBoard(t)
	leaderCl, leader := b.loggedIn("Maren K")
	memberCl, member := b.loggedIn("Tomasz W")
	adminCl, admin := b.loggedIn("skywarden")
	if err := b.store.AddToSystemGroup(t.Context(), admin.ID, models.GroupAdministrators); err != nil {
		t.Fatal(err)
	}
	g := b.group("Star party crew", false, false)
	b.addToGroup(g, leader, true, false)
	b.addToGroup(g, member, false, false)
	path := views.GroupPath(g.ID)
	asker := func(name string) *models.User {
		u := b.fx.User(name)
		b.addToGroup(g, u, false, true)
		return u
	}

	t.Run("a leader approves without JavaScript and is sent back to the group", func(t *testing.T) {
		u := asker("ben")
		resp, _ := leaderCl.post(views.GroupRequestPath(g.ID, u.ID, "approve"), nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path {
			t.Fatalf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if got := membershipRow(t, b, g.ID, u.ID); got != "member" {
			t.Errorf("row %s, want member", got)
		}
	})
	t.Run("a leader approves with htmx and the row becomes a confirmation", func(t *testing.T) {
		u := asker("sam")
		resp, body := leaderCl.post(views.GroupRequestPath(g.ID, u.ID, "approve"), nil, hxRequest, "true")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("got %d", resp.StatusCode)
		}
		doc := parse(t, body)
		row := doc.Find("li#" + views.GroupRequestRowID(u.ID))
		if row.Length() != 1 || !strings.Contains(row.Text(), "Approved") || doc.Find("#site-nav").Length() != 0 {
			t.Errorf("fragment:\n%s", body)
		}
		if count := doc.Find("#" + views.GroupMemberCountID); count.AttrOr("hx-swap-oob", "") != "true" || strings.TrimSpace(count.Text()) != "4 members" {
			t.Errorf("member count %q", count.Text())
		}
		if got := membershipRow(t, b, g.ID, u.ID); got != "member" {
			t.Errorf("row %s, want member", got)
		}
	})
	t.Run("a leader denies without JavaScript and the request is gone", func(t *testing.T) {
		u := asker("linnea")
		resp, _ := leaderCl.post(views.GroupRequestPath(g.ID, u.ID, "deny"), nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path {
			t.Fatalf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if got := membershipRow(t, b, g.ID, u.ID); got != "none" {
			t.Errorf("row %s", got)
		}
	})
	t.Run("a leader denies with htmx and the row says so", func(t *testing.T) {
		u := asker("jess")
		resp, body := leaderCl.post(views.GroupRequestPath(g.ID, u.ID, "deny"), nil, hxRequest, "true")
		if resp.StatusCode != http.StatusOK || !strings.Contains(parse(t, body).Find("li#"+views.GroupRequestRowID(u.ID)).Text(), "Denied") {
			t.Fatalf("got %d\n%s", resp.StatusCode, body)
		}
		if got := membershipRow(t, b, g.ID, u.ID); got != "none" {
			t.Errorf("row %s", got)
		}
	})
	t.Run("an administrator who is not in the group may decide", func(t *testing.T) {
		u := asker("dave")
		if resp, _ := adminCl.post(views.GroupRequestPath(g.ID, u.ID, "approve"), nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("got %d", resp.StatusCode)
		}
		if got := membershipRow(t, b, g.ID, u.ID); got != "member" {
			t.Errorf("row %s", got)
		}
	})
	t.Run("a member who does not lead gets 403 and nothing changes", func(t *testing.T) {
		u := asker("zoe")
		for _, decision := range []string{"approve", "deny"} {
			for _, headers := range [][]string{nil, {hxRequest, "true"}} {
				if resp, _ := memberCl.post(views.GroupRequestPath(g.ID, u.ID, decision), nil, headers...); resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s: %d, want 403", decision, resp.StatusCode)
				}
			}
		}
		if got := membershipRow(t, b, g.ID, u.ID); got != "pending" {
			t.Errorf("row %s, want pending", got)
		}
	})
	t.Run("approving someone with no request waiting is refused with a reason", func(t *testing.T) {
		resp, body := leaderCl.post(views.GroupRequestPath(g.ID, member.ID, "approve"), nil)
		if resp.StatusCode != http.StatusUnprocessableEntity || parse(t, body).Find("#group-error").Length() != 1 {
			t.Errorf("without htmx: %d", resp.StatusCode)
		}
		resp, body = leaderCl.post(views.GroupRequestPath(g.ID, member.ID, "deny"), nil, hxRequest, "true")
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(parse(t, body).Find("li#"+views.GroupRequestRowID(member.ID)).Text(), "no request waiting") {
			t.Errorf("with htmx: %d\n%s", resp.StatusCode, body)
		}
		if got := membershipRow(t, b, g.ID, member.ID); got != "member" {
			t.Errorf("row %s, want member", got)
		}
		if resp, _ := leaderCl.post(views.GroupRequestPath(g.ID, 999999, "approve"), nil); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("unknown member: %d", resp.StatusCode)
		}
	})
	t.Run("a leader who left can no longer decide", func(t *testing.T) {
		u := asker("comet")
		if resp, _ := leaderCl.post(path+"/leave", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("leave: %d", resp.StatusCode)
		}
		if resp, _ := leaderCl.post(views.GroupRequestPath(g.ID, u.ID, "approve"), nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("got %d, want 403", resp.StatusCode)
		}
		if got := membershipRow(t, b, g.ID, u.ID); got != "pending" {
			t.Errorf("row %s", got)
		}
	})
}

func TestBrowserGroupRequestOnAPhone(t *testing.T) {
	b := newTestBoard(t)
	leader := b.member("Maren K", "correct horse battery staple")
	g := b.group("Star party crew", false, false)
	b.addToGroup(g, leader, true, false)
	asker := b.fx.User(strings.Repeat("Stargazer", 6)) // one long word
	b.addToGroup(g, asker, false, true)
	base := b.listen()
	ctx := browserStart(t)

	browserDo(t, ctx, "log in on a phone",
		chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(`#login-name`, "Maren K"),
		chromedp.SendKeys(`#login-password`, "correct horse battery staple"),
	)
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#login button[type=submit]`))); err != nil {
		t.Fatal(err)
	}
	browserDo(t, ctx, "open the groups", chromedp.Navigate(base+"/groups"))
	browserNoSidewaysScroll(t, ctx, "group list")
	browserScreenshot(t, ctx, "phone-groups")

	browserDo(t, ctx, "open the group", chromedp.Navigate(base+views.GroupPath(g.ID)))
	browserNoSidewaysScroll(t, ctx, "group page")
	browserScreenshot(t, ctx, "phone-group")
	row := "#" + views.GroupRequestRowID(asker.ID)
	for _, button := range []string{row + " .request-approve button", row + " .request-deny button", "#group-membership button"} {
		if r := browserBox(t, ctx, button); r.Height < 40 || r.Width < 40 {
			t.Errorf("%s is %.0fx%.0f px, want at least 40x40 to tap", button, r.Width, r.Height)
		}
	}

	browserEval[int](t, ctx, `window.__marker = 1`)
	browserDo(t, ctx, "tap Approve", chromedp.Click(chromedp.CSS(row+" .request-approve button")))
	browserWaitUntil(t, ctx, `document.querySelector('`+row+`')?.textContent.includes('Approved')`,
		`document.querySelector('#group-requests')?.textContent`)
	if got := browserEval[int](t, ctx, `window.__marker ?? 0`); got != 1 {
		t.Error("the page reloaded instead of swapping the row")
	}
	if got := browserEval[string](t, ctx, `document.querySelector('#`+views.GroupMemberCountID+`').textContent`); got != "2 members" {
		t.Errorf("the member count shows %q, want 2 members", got)
	}
	if got := membershipRow(t, b, g.ID, asker.ID); got != "member" {
		t.Errorf("row %s, want member", got)
	}

	browserDo(t, ctx, "show the groups on a desktop", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/groups"))
	browserNoSidewaysScroll(t, ctx, "group list at 1280px")
	browserScreenshot(t, ctx, "desktop-groups")
}
