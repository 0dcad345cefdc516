package app

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/models"
	"hyperboard/views"
)

func TestAdminGroupForms(t *testing.T) {
	b := newAdminBoard(t)

	_, list := b.admin.page(views.AdminGroupsPath)
	if got := texts(list.Find("#admin-groups .group-name")); strings.Join(got, "|") != "Administrators|Moderators|Registered users|Guests" {
		t.Errorf("the list shows %q", got)
	}
	for _, hx := range []bool{false, true} {
		name := map[bool]string{false: "without JavaScript", true: "with htmx"}[hx]
		headers := map[bool][]string{false: nil, true: htmx}[hx]
		t.Run("an invalid group comes back with messages and the input kept, "+name, func(t *testing.T) {
			resp, body := b.admin.post("/admin/groups/new", url.Values{
				"name": {""}, "description": {"Kept"}, "colour": {"red"}, "kind": {"secret"},
			}, headers...)
			mustStatus(t, "POST", resp, body, http.StatusUnprocessableEntity)
			doc := parse(t, body)
			for _, id := range []string{"#group-name-error", "#group-colour-error", "#group-kind-error"} {
				if doc.Find(id).Length() != 1 {
					t.Errorf("no message %s", id)
				}
			}
			if doc.Find("#group-description").Text() != "Kept" || doc.Find("#group-colour").AttrOr("value", "") != "red" {
				t.Error("the input was not kept")
			}
			resp, body = b.admin.post("/admin/groups/new", url.Values{"name": {"moderators"}, "kind": {"open"}}, headers...)
			mustStatus(t, "a taken name", resp, body, http.StatusUnprocessableEntity)
			if !strings.Contains(parse(t, body).Find("#group-name-error").Text(), "already") {
				t.Error("a taken name is not explained")
			}
		})
		t.Run("a valid group is created, "+name, func(t *testing.T) {
			groupName := "Observers " + name
			resp, body := b.admin.post("/admin/groups/new", url.Values{
				"name": {groupName}, "description": {"We look up"}, "colour": {"#1A7F37"}, "kind": {"hidden"},
			}, headers...)
			var g models.Group
			if err := b.store.DB().NewSelect().Model(&g).Where("name = ?", groupName).Scan(t.Context()); err != nil {
				t.Fatal(err)
			}
			mustRedirect(t, "POST", resp, body, hx, views.AdminGroupPath(g.ID))
			if g.Colour != "#1a7f37" || !g.Hidden || g.Open || g.Description != "We look up" {
				t.Errorf("saved %+v", g)
			}
		})
	}
	t.Run("a group is edited", func(t *testing.T) {
		id := b.fx.Group("Imagers")
		path := views.AdminGroupPath(id)
		_, doc := b.admin.page(path)
		form := formValues(doc, "#"+views.GroupFormID)
		if form.Get("name") != "Imagers" || form.Get("kind") != views.GroupClosed {
			t.Fatalf("the form shows %v", form)
		}
		form.Set("colour", "#zzzzzz")
		resp, body := b.admin.post(path, form, htmx...)
		mustStatus(t, "bad colour", resp, body, http.StatusUnprocessableEntity)
		if d := parse(t, body); d.Find("#group-colour-error").Length() != 1 || d.Find("#site-nav").Length() != 0 {
			t.Error("htmx did not get the form back with the message")
		}
		form.Set("colour", "")
		form.Set("name", "Astro imagers")
		form.Set("kind", views.GroupOpen)
		resp, body = b.admin.post(path, form)
		mustRedirect(t, "POST", resp, body, false, path+"?saved=1#admin-group-status")
		g, err := b.store.AdminGroup(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		if g.Name != "Astro imagers" || !g.Open || g.Hidden {
			t.Errorf("saved %+v", g)
		}
	})
	t.Run("a system group keeps its kind", func(t *testing.T) {
		id := b.fx.SystemGroup(models.GroupModerators)
		path := views.AdminGroupPath(id)
		_, doc := b.admin.page(path)
		if doc.Find("input[name=kind]").Length() != 0 || doc.Find("#"+views.GroupDeleteFormID).Length() != 0 {
			t.Error("a system group offers a kind or deletion")
		}
		resp, body := b.admin.post(path, url.Values{"name": {"Team"}, "description": {"The team"}, "colour": {"#0000ff"}, "kind": {"open"}})
		mustRedirect(t, "POST", resp, body, false, path+"?saved=1#admin-group-status")
		g, _ := b.store.AdminGroup(t.Context(), id)
		if g.Name != "Team" || g.Open || g.SystemKey != models.GroupModerators {
			t.Errorf("saved %+v", g)
		}
	})
	t.Run("a system group cannot be deleted", func(t *testing.T) {
		for _, key := range []string{models.GroupAdministrators, models.GroupRegistered, models.GroupGuests} {
			id := b.fx.SystemGroup(key)
			resp, body := b.admin.post(views.AdminGroupPath(id)+"/delete", url.Values{"confirm": {"1"}})
			mustStatus(t, key, resp, body, http.StatusForbidden)
		}
		if err := b.store.DeleteGroup(t.Context(), b.fx.SystemGroup(models.GroupModerators)); !errors.Is(err, models.ErrSystemGroup) {
			t.Errorf("DeleteGroup of a system group: %v, want ErrSystemGroup", err)
		}
		if n := b.count("SELECT count(*) FROM groups WHERE system_key IS NOT NULL"); n != 4 {
			t.Errorf("%d system groups left", n)
		}
	})
	t.Run("a user-made group is deleted once confirmed, with its grants", func(t *testing.T) {
		forum := b.fx.Forum("Telescopes")
		id := b.fx.Group("Doomed", b.root)
		b.fx.Grant(forum.ID, id, models.FList, 0)
		path := views.AdminGroupPath(id) + "/delete"
		resp, body := b.admin.post(path, nil)
		mustStatus(t, "unconfirmed", resp, body, http.StatusUnprocessableEntity)
		if parse(t, body).Find("#group-delete-error").Length() != 1 {
			t.Error("no message asking to confirm")
		}
		resp, body = b.admin.post(path, url.Values{"confirm": {"1"}})
		mustRedirect(t, "POST", resp, body, false, views.AdminGroupsPath)
		if b.count("SELECT count(*) FROM groups WHERE id = ?", id)+b.count("SELECT count(*) FROM forum_acl WHERE group_id = ?", id)+
			b.count("SELECT count(*) FROM group_members WHERE group_id = ?", id) != 0 {
			t.Error("the group, its grants or its members are left")
		}
	})
}

func TestAdminGroupMembers(t *testing.T) {
	b := newAdminBoard(t)
	alice, bob := b.fx.User("alice"), b.fx.User("bob")
	asker := b.fx.User("asker")
	id := b.fx.Group("Observers")
	if _, err := b.store.DB().NewInsert().Model(&models.GroupMember{GroupID: id, UserID: asker.ID, Pending: true}).Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	path := views.AdminGroupPath(id)

	t.Run("members are added by name; unknown names come back to be corrected", func(t *testing.T) {
		resp, body := b.admin.post(path+"/members", url.Values{"names": {"alice, nobody\nASKER"}}, htmx...)
		mustStatus(t, "POST", resp, body, http.StatusUnprocessableEntity)
		doc := parse(t, body)
		if doc.Find("#site-nav").Length() != 0 || doc.Find("#"+views.AdminGroupMembersID).Length() != 1 {
			t.Error("htmx did not get the members alone")
		}
		if got := doc.Find("#group-add-names").Text(); got != "nobody" {
			t.Errorf("the field keeps %q, want the unknown name", got)
		}
		if !strings.Contains(doc.Find(".admin-notice").Text(), "alice") || !strings.Contains(doc.Find("#group-add-error").Text(), "nobody") {
			t.Errorf("notice %q, error %q", doc.Find(".admin-notice").Text(), doc.Find("#group-add-error").Text())
		}
		if membershipRow(t, b.testBoard, id, alice.ID) != "member" || membershipRow(t, b.testBoard, id, asker.ID) != "member" {
			t.Error("alice was not added, or the pending request not approved")
		}
		resp, body = b.admin.post(path+"/members", url.Values{"names": {"bob"}, "leaders": {"1"}})
		mustRedirect(t, "POST", resp, body, false, path+"#"+views.AdminGroupMembersID)
		if membershipRow(t, b.testBoard, id, bob.ID) != "leader" {
			t.Error("bob is not a leader")
		}
		resp, body = b.admin.post(path+"/members", url.Values{"names": {" , "}})
		mustStatus(t, "no names", resp, body, http.StatusUnprocessableEntity)
	})
	t.Run("the page lists leaders and members", func(t *testing.T) {
		_, doc := b.admin.page(path)
		if got := texts(doc.Find(".admin-member .member-name")); strings.Join(got, "|") != "bob|alice|asker" {
			t.Errorf("members listed %q", got)
		}
	})
	t.Run("a leader becomes a member again and a member a leader", func(t *testing.T) {
		resp, body := b.admin.post(views.AdminGroupMemberPath(id, bob.ID, "leader"), url.Values{"leader": {"0"}}, htmx...)
		mustStatus(t, "POST", resp, body, http.StatusOK)
		resp, body = b.admin.post(views.AdminGroupMemberPath(id, alice.ID, "leader"), url.Values{"leader": {"1"}})
		mustRedirect(t, "POST", resp, body, false, path+"#"+views.AdminGroupMembersID)
		if membershipRow(t, b.testBoard, id, bob.ID) != "member" || membershipRow(t, b.testBoard, id, alice.ID) != "leader" {
			t.Error("the leaders did not change")
		}
	})
	t.Run("a member is removed", func(t *testing.T) {
		resp, body := b.admin.post(views.AdminGroupMemberPath(id, asker.ID, "remove"), nil, htmx...)
		mustStatus(t, "POST", resp, body, http.StatusOK)
		if strings.Contains(parse(t, body).Find(".admin-member").Text(), "asker") || membershipRow(t, b.testBoard, id, asker.ID) != "none" {
			t.Error("asker is still a member")
		}
		resp, body = b.admin.post(views.AdminGroupMemberPath(id, asker.ID, "remove"), nil)
		mustStatus(t, "again", resp, body, http.StatusConflict)
	})
	t.Run("the board's own groups take no members by hand", func(t *testing.T) {
		registered := b.fx.SystemGroup(models.GroupRegistered)
		resp, body := b.admin.post(views.AdminGroupPath(registered)+"/members", url.Values{"names": {"alice"}})
		mustStatus(t, "POST", resp, body, http.StatusUnprocessableEntity)
		resp, body = b.admin.post(views.AdminGroupMemberPath(registered, alice.ID, "remove"), nil)
		mustStatus(t, "remove", resp, body, http.StatusConflict)
		if membershipRow(t, b.testBoard, registered, alice.ID) != "member" {
			t.Error("alice left the registered users")
		}
	})
}

// The board always keeps an administrator: nobody removes themselves, and
// the last one cannot be removed.
func TestAdminCannotRemoveTheLastAdministrator(t *testing.T) {
	b := newAdminBoard(t)
	admins := b.fx.SystemGroup(models.GroupAdministrators)

	t.Run("from the group's page", func(t *testing.T) {
		_, doc := b.admin.page(views.AdminGroupPath(admins))
		if doc.Find(`.admin-member[data-user-id="`+idStr(b.root.ID)+`"] .member-remove`).Length() != 0 {
			t.Error("the administrator is offered to remove themselves")
		}
		for _, headers := range [][]string{nil, htmx} {
			resp, body := b.admin.post(views.AdminGroupMemberPath(admins, b.root.ID, "remove"), nil, headers...)
			mustStatus(t, "POST", resp, body, http.StatusConflict)
			if !strings.Contains(parse(t, body).Find(".admin-error").Text(), "cannot remove yourself") {
				t.Error("the refusal is not explained")
			}
		}
	})
	t.Run("from the account's page", func(t *testing.T) {
		resp, body := b.admin.post(views.AdminUserPath(b.root.ID)+"/groups/"+idStr(admins)+"/remove", nil, htmx...)
		mustStatus(t, "POST", resp, body, http.StatusConflict)
		if parse(t, body).Find("#"+views.AccountGroupsID+" .admin-error").Length() != 1 {
			t.Error("the refusal is not shown beside the groups")
		}
	})
	t.Run("by anyone, when it is the last one", func(t *testing.T) {
		other := b.fx.User("other")
		err := b.store.RemoveGroupMember(t.Context(), admins, b.root.ID, other.ID)
		if !errors.Is(err, models.ErrLastAdmin) {
			t.Errorf("removing the last administrator: %v, want ErrLastAdmin", err)
		}
	})
	if membershipRow(t, b.testBoard, admins, b.root.ID) != "member" {
		t.Fatal("the last administrator was removed")
	}
	t.Run("another administrator can be removed", func(t *testing.T) {
		second := b.fx.User("second")
		b.fx.Join(second, models.GroupAdministrators)
		resp, body := b.admin.post(views.AdminGroupMemberPath(admins, second.ID, "remove"), nil)
		mustRedirect(t, "POST", resp, body, false, views.AdminGroupPath(admins)+"#"+views.AdminGroupMembersID)
		if membershipRow(t, b.testBoard, admins, second.ID) != "none" {
			t.Error("the second administrator is still one")
		}
	})
}

// The board's team is visible: the group list names the administrators
// and moderators, and their group pages list them.
func TestGroupPagesShowTheTeam(t *testing.T) {
	b := newAdminBoard(t)
	admins, mods := b.fx.SystemGroup(models.GroupAdministrators), b.fx.SystemGroup(models.GroupModerators)
	_, doc := b.guest().page("/groups")
	team := map[string]string{}
	doc.Find("#groups li.group-row").Each(func(_ int, s *goquery.Selection) {
		team[strings.TrimSpace(s.Find("a.group-name").Text())] = strings.Join(texts(s.Find(".group-team a")), "|")
	})
	if team["Administrators"] != "root" || team["Moderators"] != "moddy" || team["Registered users"] != "" {
		t.Errorf("the group list names the team as %q", team)
	}
	for id, want := range map[int64]string{admins: "root", mods: "moddy"} {
		_, doc := b.guest().page(views.GroupPath(id))
		if got := strings.Join(texts(doc.Find("#group-members .member-name")), "|"); got != want {
			t.Errorf("group %d lists %q, want %q", id, got, want)
		}
	}
}
