package app

import (
	"net/http"
	"net/url"
	"testing"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// grantOf reads one group's saved grant in a forum.
func (b *adminBoard) grantOf(forumID, groupID int64) models.GroupGrant {
	b.t.Helper()
	grants, err := b.store.ForumGrants(b.t.Context(), forumID)
	if err != nil {
		b.t.Fatal(err)
	}
	for _, g := range grants {
		if g.GroupID == groupID {
			return g
		}
	}
	b.t.Fatalf("group %d is not in the matrix of forum %d", groupID, forumID)
	return models.GroupGrant{}
}

func cell(groupID int64, name string) string {
	p, _ := models.PermByName(name)
	return views.PermissionField(groupID, models.PermInfo{Perm: p, Name: name})
}

func TestAdminPermissionMatrix(t *testing.T) {
	b := newAdminBoard(t)
	forum := b.fx.Forum("Telescopes")
	path := views.PermissionsPath(forum.ID)
	guests, registered := b.fx.SystemGroup(models.GroupGuests), b.fx.SystemGroup(models.GroupRegistered)
	moderators := b.fx.SystemGroup(models.GroupModerators)
	club := b.fx.Group("Club")

	_, doc := b.admin.page(path)
	sections := doc.Find("details.perm-group")
	if sections.Length() != 4 {
		t.Fatalf("%d group sections, want 4 (guests, members, moderators, club; administrators hold everything)", sections.Length())
	}
	if doc.Find(`details.perm-group[data-group-id="`+idStr(b.fx.SystemGroup(models.GroupAdministrators))+`"]`).Length() != 0 {
		t.Error("the administrators have a row")
	}
	if got := doc.Find("#"+cell(registered, "f_post")+" option[selected]").AttrOr("value", ""); got != views.PermYes {
		t.Errorf("members' f_post shows %q, want yes (the default)", got)
	}
	if got := doc.Find("#"+cell(club, "f_read")+" option[selected]").AttrOr("value", ""); got != views.PermNo {
		t.Errorf("the club's f_read shows %q, want no", got)
	}
	if doc.Find(`#perm-g`+idStr(registered)+` fieldset legend:contains("Moderator permissions")`).Length() != 1 {
		t.Error("a group's section does not list its moderator permissions apart")
	}

	t.Run("the matrix round-trips: what the page offers is saved as it was", func(t *testing.T) {
		before, _ := b.store.ForumGrants(t.Context(), forum.ID)
		resp, body := b.admin.post(path, formValues(doc, "#"+views.PermissionsFormID))
		mustRedirect(t, "POST", resp, body, false, path+"?saved=1#permissions-status")
		after, _ := b.store.ForumGrants(t.Context(), forum.ID)
		for i := range before {
			if after[i] != before[i] {
				t.Errorf("group %s: %+v became %+v", before[i].GroupName, before[i], after[i])
			}
		}
	})
	t.Run("cells are saved as Yes, No and Never, and read back", func(t *testing.T) {
		form := formValues(doc, "#"+views.PermissionsFormID)
		form.Set(cell(club, "f_read"), views.PermYes)
		form.Set(cell(club, "f_list"), views.PermYes)
		form.Set(cell(club, "m_lock"), views.PermYes)
		form.Set(cell(club, "f_post"), views.PermNever)
		form.Set(cell(registered, "f_delete"), views.PermNo)
		resp, body := b.admin.post(path, form, htmx...)
		mustStatus(t, "htmx POST", resp, body, http.StatusOK)
		saved := parse(t, body)
		if saved.Find(".form-saved").Length() != 1 || saved.Find("#site-nav").Length() != 0 {
			t.Error("htmx did not get the form back saying it was saved")
		}
		got := b.grantOf(forum.ID, club)
		if got.Allow != models.FList|models.FRead|models.MLock || got.Never != models.FPost {
			t.Errorf("the club holds %b never %b", got.Allow, got.Never)
		}
		if b.grantOf(forum.ID, registered).Allow&models.FDelete != 0 {
			t.Error("members may still delete their posts")
		}
		_, doc := b.admin.page(path)
		if v := doc.Find("#"+cell(club, "f_post")+" option[selected]").AttrOr("value", ""); v != views.PermNever {
			t.Errorf("the club's f_post reads back as %q", v)
		}
	})
	t.Run("a preset applies on save to its scope only", func(t *testing.T) {
		b.fx.Grant(forum.ID, registered, models.FList|models.FRead|models.MEdit|models.MInfo, models.MBan|models.FVote)
		_, doc := b.admin.page(path)
		form := formValues(doc, "#"+views.PermissionsFormID)
		form.Set(views.RoleField(registered), "standard")
		form.Set(views.RoleField(moderators), "nomod")
		resp, body := b.admin.post(path, form)
		mustRedirect(t, "POST", resp, body, false, path+"?saved=1#permissions-status")
		standard, _ := models.RoleByKey("standard")
		got := b.grantOf(forum.ID, registered)
		if got.Allow != standard.Allow|models.MEdit|models.MInfo || got.Never != models.MBan {
			t.Errorf("members hold %b never %b; want the standard forum set, moderator bits untouched", got.Allow, got.Never)
		}
		mods := b.grantOf(forum.ID, moderators)
		if mods.Allow&models.ModeratorPerms != 0 || mods.Allow&models.ForumPerms != models.ForumPerms {
			t.Errorf("moderators hold %b; want every forum permission and no moderator one", mods.Allow)
		}
	})
	for _, hx := range []bool{true, false} {
		name := map[bool]string{false: "without JavaScript", true: "with htmx"}[hx]
		headers := map[bool][]string{false: nil, true: htmx}[hx]
		t.Run("picking a preset fills the group's cells without saving, "+name, func(t *testing.T) {
			before := b.grantOf(forum.ID, guests)
			q := url.Values{"group": {idStr(guests)}, views.RoleField(guests): {"fullmod"}, cell(guests, "f_read"): {views.PermNever}}
			resp, body := b.admin.get(path+"?"+q.Encode(), headers...)
			mustStatus(t, "GET", resp, body, http.StatusOK)
			doc := parse(t, body)
			if hx && (doc.Find("#site-nav").Length() != 0 || doc.Find("details.perm-group").Length() != 1) {
				t.Error("htmx did not get the group's section alone")
			}
			if !hx && doc.Find("details.perm-group").Length() != 4 {
				t.Error("without htmx the whole matrix does not come back")
			}
			section := doc.Find("#perm-g" + idStr(guests))
			if section.Find(".perm-preview").Length() != 1 {
				t.Error("the section does not say it is not saved")
			}
			if v := section.Find("#"+cell(guests, "m_ban")+" option[selected]").AttrOr("value", ""); v != views.PermYes {
				t.Errorf("m_ban after the full moderator preset: %q", v)
			}
			if v := section.Find("#"+cell(guests, "f_read")+" option[selected]").AttrOr("value", ""); v != views.PermNever {
				t.Errorf("f_read, outside the preset's scope: %q, want the never typed", v)
			}
			if v := section.Find("#"+views.RoleField(guests)+" option[selected]").AttrOr("value", "x"); v != "" {
				t.Errorf("the preset select shows %q, want back at Keep", v)
			}
			if b.grantOf(forum.ID, guests) != before {
				t.Error("picking a preset saved it")
			}
		})
	}
	t.Run("nonsense in a cell or preset is refused and writes nothing", func(t *testing.T) {
		before := b.grantOf(forum.ID, registered)
		for _, form := range []url.Values{
			{cell(registered, "f_read"): {"perhaps"}},
			{views.RoleField(registered): {"superuser"}},
		} {
			resp, body := b.admin.post(path, form)
			mustStatus(t, "POST", resp, body, http.StatusUnprocessableEntity)
		}
		if b.grantOf(forum.ID, registered) != before {
			t.Error("a refused form changed the grants")
		}
	})
	t.Run("a forum that does not exist has no matrix", func(t *testing.T) {
		resp, body := b.admin.get(views.PermissionsPath(999999))
		mustStatus(t, "GET", resp, body, http.StatusNotFound)
	})
}

// Taking f_list from members and guests hides the forum from both on
// their very next request.
func TestAdminPermissionsHideAForum(t *testing.T) {
	b := newAdminBoard(t)
	forum := b.fx.Forum("Staff room")
	alice := b.fx.User("alice")
	topic := b.fx.Topic(forum, alice, fixture.TopicSpec{Title: "Agenda"})
	guests, registered := b.fx.SystemGroup(models.GroupGuests), b.fx.SystemGroup(models.GroupRegistered)
	guest := b.guest()
	forumPath := views.ForumPath(forum.ID, forum.Title)
	for _, cl := range []*client{guest, b.member} {
		cl.page(forumPath)
	}

	path := views.PermissionsPath(forum.ID)
	_, doc := b.admin.page(path)
	form := formValues(doc, "#"+views.PermissionsFormID)
	form.Set(cell(guests, "f_list"), views.PermNo)
	form.Set(cell(registered, "f_list"), views.PermNo)
	resp, body := b.admin.post(path, form)
	mustRedirect(t, "POST", resp, body, false, path+"?saved=1#permissions-status")

	for who, cl := range map[string]*client{"guest": guest, "member": b.member} {
		for _, u := range []string{forumPath, views.TopicPath(topic.ID, topic.Title)} {
			if resp, _ := cl.get(u); resp.StatusCode != http.StatusNotFound {
				t.Errorf("a %s opens %s: %d, want 404", who, u, resp.StatusCode)
			}
		}
		_, index := cl.page("/")
		if index.Find(`.forum-row[data-forum-id="`+idStr(forum.ID)+`"]`).Length() != 0 {
			t.Errorf("the index still lists the forum to a %s", who)
		}
	}
	b.mod.page(forumPath) // the moderators' own grant still lists it
	b.admin.page(forumPath)
}
