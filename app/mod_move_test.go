package app

import (
	"net/http"
	"strings"
	"testing"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

func TestModeratorMovesTopic(t *testing.T) {
	b := newModBoard(t)
	topic := b.topicA
	private := b.fx.Forum("Staff room")
	for _, g := range []string{models.GroupGuests, models.GroupRegistered} {
		b.fx.Grant(private.ID, b.fx.SystemGroup(g), 0, 0)
	}

	t.Run("the form, on its page and as a fragment", func(t *testing.T) {
		_, doc := b.mod.page(views.MovePath(topic.ID))
		if doc.Find("header#top").Length() != 1 || doc.Find("form#move-form").Length() != 1 {
			t.Fatal("no move page")
		}
		options := texts(doc.Find("#move-forum option"))
		if strings.Join(options, "|") != "Choose a forum|Binoculars" {
			t.Errorf("destinations %q: want the readable forums but this one", options)
		}
		_, doc = b.mod.page(views.MovePath(topic.ID), hx, "true")
		if doc.Find("header#top").Length() != 0 || doc.Find("form#move-form").Length() != 1 {
			t.Error("htmx did not get the form alone")
		}
		_, doc = b.mod.page(topicURL(topic))
		if doc.Find("#mod-tools details.mod-move form#move-form").Length() != 1 {
			t.Error("the topic page has no move form")
		}
	})

	t.Run("refusals keep the choice and write nothing", func(t *testing.T) {
		for _, c := range []struct{ forum, want string }{
			{"", "Choose the forum"},
			{itoa(b.forumA.ID), "already in that forum"},
			{itoa(private.ID), "cannot move topics to that forum"},
			{"999999", "cannot move topics to that forum"},
		} {
			for _, htmx := range []string{"true", "false"} {
				resp, body := b.mod.post(views.MovePath(topic.ID), form("forum", c.forum, "shadow", "1", "reason", "kept"), hx, htmx)
				wantStatus(t, "move to "+c.forum, resp, body, http.StatusUnprocessableEntity)
				doc := parseDoc(t, body)
				if !strings.Contains(doc.Find("#move-form .mod-error").Text(), c.want) || doc.Find("#move-reason").AttrOr("value", "") != "kept" {
					t.Errorf("move to %q (htmx %s): error %q", c.forum, htmx, doc.Find("#move-form .mod-error").Text())
				}
				if (htmx == "true") == (doc.Find("header#top").Length() == 1) {
					t.Errorf("htmx %s got the wrong kind of answer", htmx)
				}
			}
		}
		if b.topicRow(t, topic.ID).ForumID != b.forumA.ID || b.logCount(t) != 0 {
			t.Error("a refused move was written")
		}
	})

	t.Run("with htmx, leaving a Moved link", func(t *testing.T) {
		resp, _ := b.mod.post(views.MovePath(topic.ID), form("forum", itoa(b.forumB.ID), "shadow", "1", "reason", "wrong forum"), hx, "true")
		if got := htmxRedirectTo(t, resp); got != topicURL(topic) {
			t.Errorf("sent to %q", got)
		}
		if b.topicRow(t, topic.ID).ForumID != b.forumB.ID {
			t.Fatal("not moved")
		}
		b.noDrift(t)
		a, _ := b.store.Forum(t.Context(), b.forumA.ID)
		bb, _ := b.store.Forum(t.Context(), b.forumB.ID)
		if a.TopicCount != 0 || a.PostCount != 0 || a.LastPostID != 0 || bb.TopicCount != 2 || bb.PostCount != 8 {
			t.Errorf("counters: A %d topics %d posts last %d; B %d topics %d posts", a.TopicCount, a.PostCount, a.LastPostID, bb.TopicCount, bb.PostCount)
		}
		if e := b.lastLog(t); e.Action != models.ModMove || e.ForumID != b.forumA.ID || !strings.Contains(e.Details, "Binoculars") || e.Reason != "wrong forum" {
			t.Errorf("log entry = %+v", e)
		}
		_, doc := b.member.page(views.ForumPath(b.forumA.ID, b.forumA.Title))
		row := doc.Find("#topics .topic-moved")
		if row.Length() != 1 || !strings.Contains(row.Text(), "Moved:") || row.Find("a.topic-title").AttrOr("href", "") != topicURL(topic) {
			t.Errorf("the old forum lists %q", row.Text())
		}
		if row.Find(".signpost-remove").Length() != 0 {
			t.Error("a member is offered to remove the link")
		}
		// The topic now lives in B, where the moderator of A does not moderate.
		_, doc = b.mod.page(topicURL(topic))
		if doc.Find("#mod-tools").Length() != 0 {
			t.Error("the moderator of A still has tools on the moved topic")
		}
	})

	t.Run("the Moved link is removed by a moderator of its forum", func(t *testing.T) {
		_, doc := b.mod.page(views.ForumPath(b.forumA.ID, b.forumA.Title))
		shadow := doc.Find("#topics .topic-moved")
		id := shadow.AttrOr("data-topic-id", "")
		if shadow.Find(".signpost-remove").Length() != 1 {
			t.Fatal("the moderator is not offered to remove the link")
		}
		resp, body := b.member.post("/t/"+id+"/delete", nil, hx, "true")
		wantStatus(t, "member removes the link", resp, body, http.StatusForbidden)
		resp, body = b.mod.post("/t/"+id+"/delete", nil, hx, "true")
		wantStatus(t, "remove the link", resp, body, http.StatusOK)
		if strings.TrimSpace(body) != "" {
			t.Errorf("the answer should swap the row for nothing: %q", body)
		}
		if n := countRows(t, b.testBoard, "SELECT count(*) FROM topics WHERE moved_to_id IS NOT NULL"); n != 0 {
			t.Error("the link is still there")
		}
		if e := b.lastLog(t); e.Action != models.ModRemoveShadow || e.TopicTitle != topic.Title {
			t.Errorf("log entry = %+v", e)
		}
		b.noDrift(t)
	})

	t.Run("without JavaScript, and back again", func(t *testing.T) {
		// An administrator moderates everywhere.
		admin, adminU := b.loggedIn("root")
		b.fx.Join(adminU, models.GroupAdministrators)
		resp, body := admin.post(views.MovePath(topic.ID), form("forum", itoa(b.forumA.ID)))
		wantStatus(t, "move back", resp, body, http.StatusSeeOther)
		if b.topicRow(t, topic.ID).ForumID != b.forumA.ID {
			t.Error("not moved back")
		}
		b.noDrift(t)
	})
}

// A forum page counts its "Moved" links when it pages its list.
func TestForumPagesCountMovedLinks(t *testing.T) {
	b := newModBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.TopicsPerPage = 5 })
	for i := range 4 {
		b.fx.Topic(b.forumB, b.author, fixture.TopicSpec{Title: "Topic " + itoa(int64(i))})
	}
	if err := b.store.MoveTopic(t.Context(), b.topicA.ID, b.forumA.ID, b.forumB.ID, false, models.Moderation{ModeratorID: b.modUser.ID}); err != nil {
		t.Fatal(err)
	}
	// B: 6 topics; one moved out leaving a link makes 5 topics and a link,
	// 6 rows on 2 pages.
	if err := b.store.MoveTopic(t.Context(), b.topicB.ID, b.forumB.ID, b.forumA.ID, true, models.Moderation{ModeratorID: b.modUser.ID}); err != nil {
		t.Fatal(err)
	}
	_, doc := b.member.page(views.ForumPath(b.forumB.ID, b.forumB.Title) + "?page=2")
	if n := doc.Find("#topics .topic-row").Length(); n != 1 {
		t.Errorf("page 2 lists %d rows, want 1", n)
	}
}
