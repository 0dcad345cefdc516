package app

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

func TestModeratorSplitsTopic(t *testing.T) {
	b := newModBoard(t)
	topic, ids := b.topicA, b.postsA
	// Post 4 was deleted by its author; moderators still see and move it.
	if _, err := b.store.DeletePost(t.Context(), ids[3], b.author.ID); err != nil {
		t.Fatal(err)
	}

	t.Run("the topic page ticks posts for the form in the tools box", func(t *testing.T) {
		_, doc := b.mod.page(topicURL(topic))
		if n := doc.Find(`#posts input[type=checkbox][name=post][form=split-form]`).Length(); n != 5 {
			t.Errorf("%d posts can be ticked, want all 5, the deleted one too", n)
		}
		if doc.Find("#mod-tools form#split-form #split-title").Length() != 1 {
			t.Error("no split form in the tools box")
		}
	})

	t.Run("the split page lists the posts to choose from", func(t *testing.T) {
		_, doc := b.mod.page(views.SplitPath(topic.ID))
		if n := doc.Find("form#split-form .split-choice input[name=post]").Length(); n != 5 {
			t.Errorf("the split page lists %d posts, want 5", n)
		}
	})

	t.Run("refusals explain and write nothing", func(t *testing.T) {
		for _, c := range []struct {
			name   string
			values url.Values
			want   string
		}{
			{"no posts", form("title", "New", "forum", itoa(b.forumA.ID)), "Choose the posts"},
			{"only the deleted one", form("title", "New", "forum", itoa(b.forumA.ID), "post", itoa(ids[3])), "not deleted"},
			{"every visible post", form("title", "New", "forum", itoa(b.forumA.ID), "post", itoa(ids[0]), "post", itoa(ids[1]), "post", itoa(ids[2]), "post", itoa(ids[4])), "Leave at least one"},
			{"a post of another topic", form("title", "New", "forum", itoa(b.forumA.ID), "post", itoa(ids[1]), "post", itoa(b.postsB[0])), "no longer in this topic"},
			{"no title", form("title", " ", "forum", itoa(b.forumA.ID), "post", itoa(ids[1])), "subject"},
		} {
			resp, body := b.mod.post(views.SplitPath(topic.ID), c.values, hx, "true")
			wantStatus(t, c.name, resp, body, http.StatusUnprocessableEntity)
			doc := parseDoc(t, body)
			if got := doc.Find("#split-form").Text(); !strings.Contains(got, c.want) {
				t.Errorf("%s: the form says %q", c.name, strings.Join(strings.Fields(doc.Find(".mod-error, .field-error").Text()), " "))
			}
			if doc.Find(".split-choice").Length() != 0 {
				t.Errorf("%s: htmx on the topic page got the post list", c.name)
			}
		}
		// Without JavaScript a refusal is the split page, ticks kept.
		resp, body := b.mod.post(views.SplitPath(topic.ID), form("title", "", "forum", itoa(b.forumA.ID), "post", itoa(ids[1])))
		wantStatus(t, "plain refusal", resp, body, http.StatusUnprocessableEntity)
		doc := parseDoc(t, body)
		if doc.Find(".split-choice").Length() != 5 || doc.Find(`.split-choice input[value="`+itoa(ids[1])+`"][checked]`).Length() != 1 {
			t.Error("the split page lost the posts or the tick")
		}
		if b.logCount(t) != 0 || !slices.Equal(b.postNumbers(t, topic.ID), ids) {
			t.Error("a refused split was written")
		}
	})

	var newTopic string
	t.Run("with htmx: posts 2, 4 (deleted) and 5 into a new topic in B", func(t *testing.T) {
		values := form("title", "Eyepiece tangent", "forum", itoa(b.forumB.ID), "reason", "off topic",
			"post", itoa(ids[1]), "post", itoa(ids[3]), "post", itoa(ids[4]))
		resp, _ := b.mod.post(views.SplitPath(topic.ID), values, hx, "true")
		newTopic = htmxRedirectTo(t, resp)
		var newID int64
		if err := b.store.DB().NewRaw("SELECT id FROM topics WHERE title = 'Eyepiece tangent'").Scan(t.Context(), &newID); err != nil {
			t.Fatal(err)
		}
		if newTopic != views.TopicPath(newID, "Eyepiece tangent") {
			t.Errorf("sent to %q", newTopic)
		}
		if got, want := b.postNumbers(t, newID), []int64{ids[1], ids[3], ids[4]}; !slices.Equal(got, want) {
			t.Errorf("new topic holds %v, want %v", got, want)
		}
		if got, want := b.postNumbers(t, topic.ID), []int64{ids[0], ids[2]}; !slices.Equal(got, want) {
			t.Errorf("old topic holds %v, want %v", got, want)
		}
		b.noDrift(t)
		split := b.topicRow(t, newID)
		if split.ForumID != b.forumB.ID || split.ReplyCount != 1 || split.FirstPostID != ids[1] || split.LastPostID != ids[4] || split.LastPostNumber != 3 {
			t.Errorf("new topic = %+v", split)
		}
		old := b.topicRow(t, topic.ID)
		if old.ReplyCount != 1 || old.LastPostID != ids[2] || old.LastPostNumber != 2 {
			t.Errorf("old topic = %+v", old)
		}
		if e := b.lastLog(t); e.Action != models.ModSplit || e.TopicID != topic.ID || e.Reason != "off topic" || !strings.Contains(e.Details, "Eyepiece tangent") {
			t.Errorf("log entry = %+v", e)
		}
		// The member reads the new topic without the deleted post.
		_, doc := b.member.page(newTopic)
		if got := doc.Find("#posts article").Length(); got != 2 {
			t.Errorf("the member sees %d posts, want 2", got)
		}
	})

	t.Run("without JavaScript, from the split page", func(t *testing.T) {
		resp, body := b.mod.post(views.SplitPath(topic.ID), form("title", "Last one out", "forum", itoa(b.forumA.ID), "post", itoa(ids[2]), "page", "1"))
		wantStatus(t, "split", resp, body, http.StatusSeeOther)
		if !strings.HasPrefix(resp.Header.Get("Location"), "/t/") {
			t.Errorf("Location %q", resp.Header.Get("Location"))
		}
		if got := b.postNumbers(t, topic.ID); !slices.Equal(got, ids[:1]) {
			t.Errorf("old topic holds %v", got)
		}
		b.noDrift(t)
	})
}

func TestModeratorMergesTopics(t *testing.T) {
	b := newModBoard(t)
	t0 := time.Now().Add(-48 * time.Hour).Truncate(time.Second)
	// Keeper (in B) has posts at t0 and t0+2h, Duplicate (in A) at t0+1h and t0+3h.
	keeper := b.fx.Topic(b.forumB, b.author, fixture.TopicSpec{Title: "Keeper", Posts: 2, Every: 2 * time.Hour, LastAt: t0.Add(2 * time.Hour)})
	dup := b.fx.Topic(b.forumA, b.author, fixture.TopicSpec{Title: "Duplicate", Posts: 2, Every: 2 * time.Hour, LastAt: t0.Add(3 * time.Hour)})
	keeperIDs, dupIDs := b.fx.PostIDs(keeper.ID), b.fx.PostIDs(dup.ID)
	private := b.fx.Forum("Staff room")
	for _, g := range []string{models.GroupGuests, models.GroupRegistered} {
		b.fx.Grant(private.ID, b.fx.SystemGroup(g), 0, 0)
	}
	hidden := b.fx.Topic(private, b.author, fixture.TopicSpec{Title: "Hidden"})

	t.Run("the form, on its page and as a fragment", func(t *testing.T) {
		_, doc := b.mod.page(views.MergePath(dup.ID))
		if doc.Find("header#top").Length() != 1 || doc.Find("form#merge-form #merge-target").Length() != 1 {
			t.Error("no merge page")
		}
		_, doc = b.mod.page(views.MergePath(dup.ID), hx, "true")
		if doc.Find("header#top").Length() != 0 || doc.Find("form#merge-form").Length() != 1 {
			t.Error("htmx did not get the form alone")
		}
	})

	t.Run("refusals", func(t *testing.T) {
		for _, c := range []struct{ target, want string }{
			{"", "Give the number"},
			{"the other one", "Give the number"},
			{itoa(dup.ID), "into itself"},
			{itoa(hidden.ID), "no such topic"},
			{"999999", "no such topic"},
		} {
			for _, htmx := range []string{"true", "false"} {
				resp, body := b.mod.post(views.MergePath(dup.ID), form("target", c.target), hx, htmx)
				wantStatus(t, "merge into "+c.target, resp, body, http.StatusUnprocessableEntity)
				if got := parseDoc(t, body).Find("#merge-form .mod-error").Text(); !strings.Contains(got, c.want) {
					t.Errorf("merge into %q: %q", c.target, got)
				}
			}
		}
		if b.logCount(t) != 0 {
			t.Error("a refused merge was logged")
		}
	})

	t.Run("with htmx, into a topic given by its link", func(t *testing.T) {
		resp, _ := b.mod.post(views.MergePath(dup.ID), form("target", "http://example.com"+topicURL(keeper)+"?page=1", "reason", "same question"), hx, "true")
		if got := htmxRedirectTo(t, resp); got != topicURL(keeper) {
			t.Errorf("sent to %q", got)
		}
		want := []int64{keeperIDs[0], dupIDs[0], keeperIDs[1], dupIDs[1]}
		if got := b.postNumbers(t, keeper.ID); !slices.Equal(got, want) {
			t.Errorf("merged topic holds %v, want %v in the order written", got, want)
		}
		if n := countRows(t, b.testBoard, "SELECT count(*) FROM topics WHERE id = ?", dup.ID); n != 0 {
			t.Error("the merged topic is still there")
		}
		b.noDrift(t)
		if e := b.lastLog(t); e.Action != models.ModMerge || e.ForumID != b.forumA.ID || e.TopicID != keeper.ID || e.Reason != "same question" || !strings.Contains(e.Details, "Duplicate") {
			t.Errorf("log entry = %+v", e)
		}
		if resp, _ := b.member.get(topicURL(dup)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("the merged topic's page answers %d", resp.StatusCode)
		}
	})

	t.Run("without JavaScript, leaving a Moved link", func(t *testing.T) {
		third := b.fx.Topic(b.forumA, b.author, fixture.TopicSpec{Title: "Third", Posts: 1})
		resp, body := b.mod.post(views.MergePath(third.ID), form("target", "#"+itoa(keeper.ID), "shadow", "1"))
		wantStatus(t, "merge", resp, body, http.StatusSeeOther)
		if got := b.topicRow(t, third.ID); got.MovedToID != keeper.ID {
			t.Errorf("the merged topic is not a link to the other: %+v", got)
		}
		if n := len(b.postNumbers(t, keeper.ID)); n != 5 {
			t.Errorf("merged topic holds %d posts, want 5", n)
		}
		b.noDrift(t)
		resp, _ = b.member.get(topicURL(third))
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/t/"+itoa(keeper.ID) {
			t.Errorf("the old topic's page answers %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
}
