package app

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// A forum a visitor may not list does not exist for them: not on the
// index, not in "Jump to", not by any URL that leads into it.
func TestUnlistedForumDoesNotExist(t *testing.T) {
	b := newTestBoard(t)
	insiderCl, insider := b.loggedIn("insider")
	outsiderCl, _ := b.loggedIn("outsider")
	open, private := b.fx.Forum("Open lounge"), b.fx.Forum("Back room")
	b.fx.Grant(private.ID, b.fx.SystemGroup(models.GroupGuests), 0, 0)
	b.fx.Grant(private.ID, b.fx.SystemGroup(models.GroupRegistered), 0, 0)
	b.fx.Grant(private.ID, b.fx.Group("Insiders", insider), models.FList|models.FRead|models.FReply, 0)
	secret := b.fx.Topic(private, insider, fixture.TopicSpec{Title: "Secret plans", Posts: 2})
	chat := b.fx.Topic(open, insider, fixture.TopicSpec{Title: "Open chat"})
	ids := b.fx.PostIDs(secret.ID)

	urls := []string{
		views.ForumPath(private.ID, private.Title),
		views.TopicPath(secret.ID, secret.Title),
		views.TopicPath(secret.ID, secret.Title) + "/next",
		views.UnreadPostPath(secret.ID, secret.Title),
		views.PostPath(ids[1]),
		views.ReplyPath(secret.ID),
		views.QuotePath(secret.ID, ids[0]),
		views.NewTopicPath(private.ID),
		"/jump?f=" + strconv.FormatInt(private.ID, 10),
	}
	for who, cl := range map[string]*client{"guest": b.newClient(), "outsider": outsiderCl} {
		t.Run("for a "+who, func(t *testing.T) {
			_, index := cl.page("/")
			if strings.Contains(index.Text(), "Back room") || strings.Contains(index.Text(), "Secret plans") {
				t.Error("the board index shows the unlisted forum or its last post")
			}
			_, forum := cl.page(views.ForumPath(open.ID, open.Title))
			if forum.Find(`#jump-forum option[value="`+strconv.FormatInt(private.ID, 10)+`"]`).Length() != 0 {
				t.Error("Jump to offers the unlisted forum")
			}
			for _, u := range urls {
				resp, body := cl.get(u)
				// A guest has no read marks: the unread link leads to the
				// topic's bare URL, which then answers 404.
				sentOn := resp.StatusCode == http.StatusFound && resp.Header.Get("Location") == "/t/"+strconv.FormatInt(secret.ID, 10)
				if (resp.StatusCode != http.StatusNotFound && !sentOn) || strings.Contains(body, "Secret plans") {
					t.Errorf("GET %s: %d, want 404 without the title", u, resp.StatusCode)
				}
			}
			// Quoting from a readable topic must not fetch a hidden post.
			quote := views.QuotePath(chat.ID, ids[0])
			if resp, body := cl.post(quote, url.Values{"message": {"x"}}); resp.StatusCode == http.StatusOK || strings.Contains(body, "Post 1 of Secret") {
				t.Errorf("quote of a hidden post into a readable topic: %d", resp.StatusCode)
			}
			if resp, _ := cl.post(views.ReplyPath(secret.ID), url.Values{"message": {"let me in"}}); resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("forged reply: %d", resp.StatusCode)
			}
			_, results := cl.page("/search?q=secret+plans")
			if results.Find("#search-results .search-post").Length() != 0 || strings.Contains(results.Find(".search-total").Text(), "1") {
				t.Errorf("search finds or counts the hidden topic: %q", results.Find(".search-total").Text())
			}
		})
	}
	var posts int
	if err := b.store.DB().NewRaw("SELECT count(*) FROM posts WHERE topic_id = ?", secret.ID).Scan(t.Context(), &posts); err != nil || posts != 2 {
		t.Errorf("refused replies were written: %d posts", posts)
	}

	t.Run("for a member of the group that may read it", func(t *testing.T) {
		_, index := insiderCl.page("/")
		if !strings.Contains(index.Text(), "Back room") {
			t.Error("the insider does not see the forum")
		}
		insiderCl.page(views.TopicPath(secret.ID, secret.Title))
		_, results := insiderCl.page("/search?q=secret+plans")
		if results.Find("#search-results .search-post").Length() == 0 {
			t.Error("the insider's search misses the topic")
		}
	})
}

// Where members may read but not write, the pages say so, offer no form,
// and the server refuses a forged one with the text kept.
func TestReadOnlyForum(t *testing.T) {
	b := newTestBoard(t)
	cl, member := b.loggedIn("reader")
	forum := b.fx.Forum("Announcements")
	readOnly, _ := models.RoleByKey("readonly")
	b.fx.Grant(forum.ID, b.fx.SystemGroup(models.GroupRegistered), readOnly.Allow, 0)
	topic := b.fx.Topic(forum, member, fixture.TopicSpec{Title: "Rules", Posts: 1})
	ownPost := b.fx.PostIDs(topic.ID)[0]

	_, doc := cl.page(views.TopicPath(topic.ID, topic.Title))
	if doc.Find("form#reply").Length() != 0 || doc.Find(".quote-link, .edit-link, .delete-button").Length() != 0 {
		t.Error("a read-only forum offers the reply form or post controls")
	}
	box := doc.Find(".permissions-box").Text()
	for _, want := range []string{"cannot post new topics", "cannot reply to topics", "cannot edit your posts"} {
		if !strings.Contains(box, want) {
			t.Errorf("permissions box lacks %q: %s", want, box)
		}
	}
	_, forumDoc := cl.page(views.ForumPath(forum.ID, forum.Title))
	if strings.Contains(forumDoc.Find("main").Text(), "New topic") {
		t.Error("the forum offers New topic")
	}
	for _, htmx := range []string{"false", "true"} {
		resp, body := cl.post(views.ReplyPath(topic.ID), url.Values{"message": {"my careful words"}}, "HX-Request", htmx)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "my careful words") || !strings.Contains(body, "cannot reply") {
			t.Errorf("forged reply (htmx %s): %d", htmx, resp.StatusCode)
		}
	}
	if resp, _ := cl.post(views.NewTopicPath(forum.ID), url.Values{"subject": {"Mine"}, "message": {"new"}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("forged new topic: %d", resp.StatusCode)
	}
	if resp, _ := cl.post(views.EditPath(ownPost), url.Values{"message": {"changed"}, "version": {"0"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("forged edit of an own post: %d", resp.StatusCode)
	}
	if resp, _ := cl.post(views.DeletePath(ownPost), nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("forged delete of an own post: %d", resp.StatusCode)
	}
	var posts, topics int
	b.store.DB().NewRaw("SELECT (SELECT count(*) FROM posts WHERE deleted_at IS NULL), (SELECT count(*) FROM topics)").Scan(t.Context(), &posts, &topics)
	if posts != 1 || topics != 1 {
		t.Errorf("refused writes left %d posts in %d topics", posts, topics)
	}
	var body string
	b.store.DB().NewRaw("SELECT body FROM posts WHERE id = ?", ownPost).Scan(t.Context(), &body)
	if body == "changed" {
		t.Error("the refused edit was saved")
	}
}

// A group given moderator rights in one forum moderates there, and only there.
func TestForumModeratorGroup(t *testing.T) {
	b := newTestBoard(t)
	modCl, mod := b.loggedIn("warden")
	author := b.fx.User("writer")
	mine, theirs := b.fx.Forum("Telescopes"), b.fx.Forum("Binoculars")
	stdmod, _ := models.RoleByKey("stdmod")
	b.fx.Grant(mine.ID, b.fx.Group("Telescope team", mod), stdmod.Allow, 0)
	locked := b.fx.Topic(mine, author, fixture.TopicSpec{Title: "Closed thread", Locked: true, Posts: 2})
	elsewhere := b.fx.Topic(theirs, author, fixture.TopicSpec{Title: "Not yours"})
	inMine, inTheirs := b.fx.PostIDs(locked.ID)[0], b.fx.PostIDs(elsewhere.ID)[0]

	_, index := modCl.page("/")
	if got := index.Find(`[data-forum-id="` + strconv.FormatInt(mine.ID, 10) + `"] .forum-moderators`).Text(); !strings.Contains(got, "Telescope team") {
		t.Errorf("index names no moderators for the forum: %q", got)
	}
	_, doc := modCl.page(views.TopicPath(locked.ID, locked.Title))
	if doc.Find("form#reply").Length() == 0 || doc.Find(".edit-link").Length() != 2 {
		t.Error("a moderator is not offered reply and edit in a locked topic of their forum")
	}
	if !strings.Contains(doc.Find(".permissions-box").Text(), "can moderate this forum") {
		t.Error("the permissions box does not say the viewer moderates")
	}
	resp, _ := modCl.post(views.EditPath(inMine), url.Values{"message": {"Tidied by the moderator."}, "title": {"Closed thread"}, "reason": {"spelling"}, "version": {"0"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("moderator edit: %d", resp.StatusCode)
	}
	_, doc = modCl.page(views.TopicPath(locked.ID, locked.Title))
	if note := doc.Find(".edit-note").First().Text(); !strings.Contains(note, "warden") || !strings.Contains(note, "spelling") {
		t.Errorf("edit note = %q, want the moderator and the reason", note)
	}
	if resp, _ := modCl.post(views.ReplyPath(locked.ID), url.Values{"message": {"Locked for a reason."}, "key": {models.NewToken()}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("moderator reply to a locked topic: %d", resp.StatusCode)
	}
	if resp, _ := modCl.post(views.EditPath(inTheirs), url.Values{"message": {"overreach"}, "version": {"0"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("edit in a forum the moderator does not moderate: %d", resp.StatusCode)
	}
	if resp, _ := modCl.post(views.DeletePath(inTheirs), nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("delete in a forum the moderator does not moderate: %d", resp.StatusCode)
	}
	var body string
	b.store.DB().NewRaw("SELECT body FROM posts WHERE id = ?", inTheirs).Scan(t.Context(), &body)
	if body == "overreach" {
		t.Error("the refused edit was saved")
	}
}

// Without f_bbcode tags stay text, without f_img images do; both are
// decided when the post is cooked, so the stored HTML already obeys.
func TestBBCodePermissions(t *testing.T) {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	cl, member := b.loggedIn("plain")
	forum := b.fx.Forum("Plain text only")
	standard, _ := models.RoleByKey("standard")
	topic := b.fx.Topic(forum, member, fixture.TopicSpec{Title: "Text"})
	registered := b.fx.SystemGroup(models.GroupRegistered)
	for _, c := range []struct {
		name       string
		without    models.Perm
		want, none string
	}{
		{"no images", models.FImg, "<strong>loud</strong>", "<img"},
		{"no BBCode", models.FBBCode, "[b]loud[/b]", "<strong>"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b.fx.Grant(forum.ID, registered, standard.Allow&^c.without, 0)
			resp, _ := cl.post(views.ReplyPath(topic.ID), url.Values{"message": {"[b]loud[/b] [img]https://example.com/x.png[/img]"}, "key": {models.NewToken()}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("reply: %d", resp.StatusCode)
			}
			var html string
			b.store.DB().NewRaw("SELECT body_html FROM posts WHERE topic_id = ? ORDER BY id DESC LIMIT 1", topic.ID).Scan(t.Context(), &html)
			if !strings.Contains(html, c.want) || strings.Contains(html, c.none) {
				t.Errorf("cooked %s", html)
			}
		})
	}
}
