package app

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// forumIn adds a forum at the end of a category, as the panel does.
func (b *adminBoard) forumIn(categoryID int64, title string) *models.Forum {
	b.t.Helper()
	f := &models.Forum{CategoryID: categoryID, Title: title}
	if err := b.store.CreateForum(b.t.Context(), f, 0); err != nil {
		b.t.Fatal(err)
	}
	return f
}

// indexOrder lists the forums of the board index, in order, and the
// categories, in order, as "Category: forum, forum; ...".
func indexOrder(t *testing.T, cl *client) string {
	t.Helper()
	_, doc := cl.page("/")
	var sections []string
	doc.Find("main section[aria-labelledby^=cat]").Each(func(_ int, s *goquery.Selection) {
		sections = append(sections, strings.TrimSpace(s.Find("h2").Text())+": "+strings.Join(texts(s.Find(".forum-row h3 a")), ", "))
	})
	return strings.Join(sections, "; ")
}

func idStr(id int64) string { return strconv.FormatInt(id, 10) }

func TestAdminCategories(t *testing.T) {
	b := newAdminBoard(t)
	forum := b.fx.Forum("Telescopes")

	for _, hx := range []bool{false, true} {
		name := map[bool]string{false: "without JavaScript", true: "with htmx"}[hx]
		headers := map[bool][]string{false: nil, true: htmx}[hx]
		t.Run("a new category needs a title, "+name, func(t *testing.T) {
			long := strings.Repeat("x", views.MaxCategoryTitle+1)
			resp, body := b.admin.post("/admin/categories/new", url.Values{"title": {long}}, headers...)
			mustStatus(t, "POST", resp, body, http.StatusUnprocessableEntity)
			doc := parse(t, body)
			if doc.Find("#category-title-error").Length() != 1 || doc.Find("#category-title").AttrOr("value", "") != long {
				t.Error("no message, or the title was not kept")
			}
			if hx == (doc.Find("#site-nav").Length() != 0) {
				t.Errorf("htmx %v got the whole page %v", hx, !hx)
			}
		})
		t.Run("a new category goes below the others, "+name, func(t *testing.T) {
			title := "Observing " + name
			resp, body := b.admin.post("/admin/categories/new", url.Values{"title": {title}}, headers...)
			mustRedirect(t, "POST", resp, body, hx, views.AdminForumsPath)
			_, doc := b.admin.page(views.AdminForumsPath)
			cats := texts(doc.Find(".admin-category .category-title"))
			if cats[len(cats)-1] != title {
				t.Errorf("categories %q, want %q last", cats, title)
			}
		})
	}
	t.Run("a category is renamed", func(t *testing.T) {
		path := views.AdminCategoryPath(forum.CategoryID, "edit")
		_, doc := b.admin.page(path)
		if got := doc.Find("#category-title").AttrOr("value", ""); got != forum.Category.Title {
			t.Errorf("the form shows %q", got)
		}
		resp, body := b.admin.post(path, url.Values{"title": {""}})
		mustStatus(t, "empty title", resp, body, http.StatusUnprocessableEntity)
		resp, body = b.admin.post(path, url.Values{"title": {"Optics"}})
		mustRedirect(t, "POST", resp, body, false, views.AdminForumsPath)
		if !strings.HasPrefix(indexOrder(t, b.member), "Optics: Telescopes") {
			t.Errorf("the index shows %q", indexOrder(t, b.member))
		}
	})
	t.Run("a category that holds forums is not deleted", func(t *testing.T) {
		resp, body := b.admin.post(views.AdminCategoryPath(forum.CategoryID, "delete"), nil)
		mustStatus(t, "POST", resp, body, http.StatusConflict)
		if b.count("SELECT count(*) FROM categories WHERE id = ?", forum.CategoryID) != 1 {
			t.Error("the category was deleted")
		}
	})
	t.Run("an empty category is deleted, with htmx the list comes back", func(t *testing.T) {
		cat, err := b.store.CreateCategory(t.Context(), "Empty shelf")
		if err != nil {
			t.Fatal(err)
		}
		resp, body := b.admin.post(views.AdminCategoryPath(cat.ID, "delete"), nil, htmx...)
		mustStatus(t, "POST", resp, body, http.StatusOK)
		doc := parse(t, body)
		if doc.Find("#"+views.AdminForumListID).Length() != 1 || doc.Find("#site-nav").Length() != 0 {
			t.Error("htmx did not get the list alone")
		}
		if strings.Contains(body, "Empty shelf") || b.count("SELECT count(*) FROM categories WHERE id = ?", cat.ID) != 0 {
			t.Error("the category is still there")
		}
	})
}

func TestAdminForumForms(t *testing.T) {
	b := newAdminBoard(t)
	source := b.fx.Forum("Telescopes")
	other := b.fx.Forum("Binoculars")
	club := b.fx.Group("Club")
	b.fx.Grant(source.ID, club, models.FList|models.FRead|models.MLock, models.FPost)

	for _, hx := range []bool{false, true} {
		name := map[bool]string{false: "without JavaScript", true: "with htmx"}[hx]
		headers := map[bool][]string{false: nil, true: htmx}[hx]
		t.Run("an invalid forum comes back with messages, "+name, func(t *testing.T) {
			resp, body := b.admin.post("/admin/forums/new", url.Values{
				"category": {"999999"}, "title": {"  "}, "description": {"Kept\nover two lines"}, "copy_from": {"999999"}, "locked": {"1"},
			}, headers...)
			mustStatus(t, "POST", resp, body, http.StatusUnprocessableEntity)
			doc := parse(t, body)
			for _, id := range []string{"#forum-category-error", "#forum-title-error", "#forum-copy-error"} {
				if doc.Find(id).Length() != 1 {
					t.Errorf("no message %s", id)
				}
			}
			if got := doc.Find("#forum-description").Text(); got != "Kept\nover two lines" {
				t.Errorf("description kept as %q", got)
			}
			if _, checked := doc.Find("#forum-locked").Attr("checked"); !checked {
				t.Error("the lock box was not kept")
			}
		})
		t.Run("a new forum copies another's permissions, "+name, func(t *testing.T) {
			title := "Mounts " + name
			resp, body := b.admin.post("/admin/forums/new", url.Values{
				"category": {idStr(other.CategoryID)}, "title": {title}, "description": {"Tripods and all"}, "copy_from": {idStr(source.ID)},
			}, headers...)
			mustRedirect(t, "POST", resp, body, hx, views.AdminForumsPath)
			var id int64
			if err := b.store.DB().NewRaw("SELECT id FROM forums WHERE title = ?", title).Scan(t.Context(), &id); err != nil {
				t.Fatal(err)
			}
			want, _ := b.store.ForumGrants(t.Context(), source.ID)
			got, _ := b.store.ForumGrants(t.Context(), id)
			if len(got) != len(want) {
				t.Fatalf("%d grants, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("grant %d = %+v, want %+v", i, got[i], want[i])
				}
			}
			if !strings.HasSuffix(indexOrder(t, b.admin), ", "+title) {
				t.Errorf("the new forum is not last in its category: %s", indexOrder(t, b.admin))
			}
		})
	}
	t.Run("a new forum without a forum to copy gets the board's defaults", func(t *testing.T) {
		_, doc := b.admin.page("/admin/forums/new?category=" + idStr(source.CategoryID))
		form := formValues(doc, "#forum-form")
		form.Set("title", "Eyepieces")
		if form.Get("category") != idStr(source.CategoryID) || form.Get("copy_from") != "0" {
			t.Errorf("the form offers %v", form)
		}
		resp, body := b.admin.post("/admin/forums/new", form)
		mustRedirect(t, "POST", resp, body, false, views.AdminForumsPath)
		var id int64
		if err := b.store.DB().NewRaw("SELECT id FROM forums WHERE title = 'Eyepieces'").Scan(t.Context(), &id); err != nil {
			t.Fatal(err)
		}
		if n := b.count("SELECT count(*) FROM forum_acl WHERE forum_id = ? AND group_id = ?", id, club); n != 0 {
			t.Error("the club got rights it was not given")
		}
		if n := b.count("SELECT count(*) FROM forum_acl WHERE forum_id = ?", id); n != 3 {
			t.Errorf("%d default grants, want 3 (guests, members, moderators)", n)
		}
	})
	t.Run("editing a forum moves it to the end of its new category and locks it", func(t *testing.T) {
		path := views.AdminForumPath(source.ID, "edit")
		_, doc := b.admin.page(path)
		form := formValues(doc, "#forum-form")
		if form.Get("title") != "Telescopes" || form.Get("category") != idStr(source.CategoryID) {
			t.Fatalf("the form shows %v", form)
		}
		form.Set("category", idStr(other.CategoryID))
		form.Set("title", "Refractors")
		form.Set("locked", "1")
		resp, body := b.admin.post(path, form, htmx...)
		mustRedirect(t, "POST", resp, body, true, views.AdminForumsPath)
		f, err := b.store.Forum(t.Context(), source.ID)
		if err != nil {
			t.Fatal(err)
		}
		if f.Title != "Refractors" || f.CategoryID != other.CategoryID || !f.Locked {
			t.Errorf("saved %+v", f)
		}
		if order := indexOrder(t, b.admin); !strings.Contains(order, ", Refractors") {
			t.Errorf("the forum is not last in its new category: %s", order)
		}
		resp, body = b.admin.post(path, url.Values{"category": {idStr(other.CategoryID)}, "title": {""}})
		mustStatus(t, "empty title", resp, body, http.StatusUnprocessableEntity)
	})
	t.Run("lock and unlock from the list", func(t *testing.T) {
		path := views.AdminForumPath(other.ID, "lock")
		resp, body := b.admin.post(path, url.Values{"locked": {"1"}})
		mustRedirect(t, "POST", resp, body, false, views.AdminForumsPath)
		_, doc := b.admin.page(views.AdminForumsPath)
		if doc.Find(`.admin-forum[data-forum-id="`+idStr(other.ID)+`"] .forum-locked`).Length() != 1 {
			t.Error("the list does not show the forum locked")
		}
		resp, body = b.admin.post(path, url.Values{"locked": {"0"}}, htmx...)
		mustStatus(t, "htmx unlock", resp, body, http.StatusOK)
		doc = parse(t, body)
		if doc.Find(`.admin-forum[data-forum-id="`+idStr(other.ID)+`"] .forum-locked`).Length() != 0 || doc.Find("#site-nav").Length() != 0 {
			t.Error("htmx did not get the list with the forum unlocked")
		}
		if f, _ := b.store.Forum(t.Context(), other.ID); f.Locked {
			t.Error("the forum is still locked")
		}
		resp, body = b.admin.post(path, url.Values{"locked": {"maybe"}})
		mustStatus(t, "nonsense", resp, body, http.StatusUnprocessableEntity)
	})
}

func TestAdminReorderChangesTheIndex(t *testing.T) {
	b := newAdminBoard(t)
	first := b.fx.Forum("Telescopes")
	second := b.forumIn(first.CategoryID, "Binoculars")
	b.forumIn(first.CategoryID, "Mounts")
	later := b.fx.Forum("Meetings")
	cat1, cat2 := first.Category.Title, later.Category.Title
	if got, want := indexOrder(t, b.member), cat1+": Telescopes, Binoculars, Mounts; "+cat2+": Meetings"; got != want {
		t.Fatalf("index %q, want %q", got, want)
	}

	t.Run("without JavaScript a forum moves up and the list comes back by redirect", func(t *testing.T) {
		resp, body := b.admin.post(views.AdminForumPath(second.ID, "move"), url.Values{"direction": {"up"}})
		mustRedirect(t, "POST", resp, body, false, views.AdminForumsPath)
		if got, want := indexOrder(t, b.member), cat1+": Binoculars, Telescopes, Mounts; "+cat2+": Meetings"; got != want {
			t.Errorf("index %q, want %q", got, want)
		}
	})
	t.Run("with htmx a forum moves down and the list is swapped", func(t *testing.T) {
		resp, body := b.admin.post(views.AdminForumPath(first.ID, "move"), url.Values{"direction": {"down"}}, htmx...)
		mustStatus(t, "POST", resp, body, http.StatusOK)
		doc := parse(t, body)
		if doc.Find("#site-nav").Length() != 0 {
			t.Error("htmx got the whole page")
		}
		if got := strings.Join(texts(doc.Find("#"+views.AdminForumListID+" .forum-title")), ", "); got != "Binoculars, Mounts, Telescopes, Meetings" {
			t.Errorf("the swapped list shows %q", got)
		}
		if got, want := indexOrder(t, b.guest()), cat1+": Binoculars, Mounts, Telescopes; "+cat2+": Meetings"; got != want {
			t.Errorf("index %q, want %q", got, want)
		}
	})
	t.Run("the last forum stays last", func(t *testing.T) {
		resp, body := b.admin.post(views.AdminForumPath(first.ID, "move"), url.Values{"direction": {"down"}})
		mustRedirect(t, "POST", resp, body, false, views.AdminForumsPath)
		if got := indexOrder(t, b.member); !strings.HasPrefix(got, cat1+": Binoculars, Mounts, Telescopes;") {
			t.Errorf("index %q", got)
		}
		resp, body = b.admin.post(views.AdminForumPath(first.ID, "move"), url.Values{"direction": {"sideways"}})
		mustStatus(t, "nonsense", resp, body, http.StatusUnprocessableEntity)
	})
	t.Run("a category moves up, with and without htmx", func(t *testing.T) {
		resp, body := b.admin.post(views.AdminCategoryPath(later.CategoryID, "move"), url.Values{"direction": {"up"}}, htmx...)
		mustStatus(t, "POST", resp, body, http.StatusOK)
		if got, want := indexOrder(t, b.member), cat2+": Meetings; "+cat1+": Binoculars, Mounts, Telescopes"; got != want {
			t.Errorf("index %q, want %q", got, want)
		}
		resp, body = b.admin.post(views.AdminCategoryPath(later.CategoryID, "move"), url.Values{"direction": {"down"}})
		mustRedirect(t, "POST", resp, body, false, views.AdminForumsPath)
		if got := indexOrder(t, b.member); !strings.HasPrefix(got, cat1) {
			t.Errorf("index %q", got)
		}
	})
}

// guest is a new visitor who is not logged in.
func (b *adminBoard) guest() *client { return b.newClient() }

func TestAdminDeleteForumMovesItsTopics(t *testing.T) {
	b := newAdminBoard(t)
	alice, bob := b.fx.User("alice"), b.fx.User("bob")
	doomed := b.fx.Forum("Old telescopes")
	target := b.fx.Forum("Telescopes")
	now := time.Now()
	b.fx.Topic(doomed, alice, fixture.TopicSpec{Title: "Newest of all", Posts: 3, LastAt: now.Add(-time.Minute)})
	b.fx.Topic(doomed, bob, fixture.TopicSpec{Title: "Old one", Posts: 2, LastAt: now.Add(-48 * time.Hour)})
	b.fx.Topic(target, bob, fixture.TopicSpec{Title: "Already here", Posts: 4, LastAt: now.Add(-time.Hour)})
	path := views.AdminForumPath(doomed.ID, "delete")

	_, doc := b.admin.page(path)
	if doc.Find(`#forum-move-to option[value="`+idStr(target.ID)+`"]`).Length() != 1 {
		t.Fatal("the delete form does not offer the other forum")
	}
	if doc.Find(`#forum-move-to option[value="`+idStr(doomed.ID)+`"]`).Length() != 0 {
		t.Error("the delete form offers the forum itself")
	}
	for _, hx := range []bool{false, true} {
		headers := map[bool][]string{false: nil, true: htmx}[hx]
		for _, moveTo := range []string{"0", idStr(doomed.ID), "999999"} {
			resp, body := b.admin.post(path, url.Values{"move_to": {moveTo}}, headers...)
			mustStatus(t, "move to "+moveTo, resp, body, http.StatusUnprocessableEntity)
			if parse(t, body).Find("#forum-move-to-error").Length() != 1 {
				t.Errorf("move to %s: no message", moveTo)
			}
		}
	}
	if b.count("SELECT count(*) FROM forums WHERE id = ?", doomed.ID) != 1 {
		t.Fatal("a refused delete deleted the forum")
	}

	resp, body := b.admin.post(path, url.Values{"move_to": {idStr(target.ID)}}, htmx...)
	mustRedirect(t, "POST", resp, body, true, views.AdminForumsPath)
	if b.count("SELECT count(*) FROM forums WHERE id = ?", doomed.ID) != 0 {
		t.Fatal("the forum is still there")
	}
	if n := b.count("SELECT count(*) FROM forum_acl WHERE forum_id = ?", doomed.ID); n != 0 {
		t.Errorf("%d grants of the deleted forum are left", n)
	}
	f, err := b.store.Forum(t.Context(), target.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.TopicCount != 3 || f.PostCount != 9 {
		t.Errorf("the target counts %d topics and %d posts, want 3 and 9", f.TopicCount, f.PostCount)
	}
	var newest int64
	if err := b.store.DB().NewRaw("SELECT last_post_id FROM topics WHERE title = 'Newest of all'").Scan(t.Context(), &newest); err != nil {
		t.Fatal(err)
	}
	if f.LastPostID != newest {
		t.Errorf("the target's last post is %d, want %d from the moved topic", f.LastPostID, newest)
	}
	b.noDrift()
	_, forumPage := b.member.page(views.ForumPath(target.ID, target.Title))
	if got := len(texts(forumPage.Find("#topics .topic-row"))); got != 3 {
		t.Errorf("the target forum lists %d topics, want 3", got)
	}

	t.Run("a forum without topics needs no target", func(t *testing.T) {
		empty := b.fx.Forum("Nothing here")
		resp, body := b.admin.post(views.AdminForumPath(empty.ID, "delete"), url.Values{"move_to": {"0"}})
		mustRedirect(t, "POST", resp, body, false, views.AdminForumsPath)
		if b.count("SELECT count(*) FROM forums WHERE id = ?", empty.ID) != 0 {
			t.Error("the empty forum is still there")
		}
		b.noDrift()
	})
}
