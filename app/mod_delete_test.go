package app

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/models"
	"hyperboard/views"
)

func TestModeratorDeletesAndRestoresPosts(t *testing.T) {
	b := newModBoard(t)
	topic, ids := b.topicA, b.postsA
	article := "article#" + views.PostAnchor(ids[1])

	t.Run("with htmx the deleted post stays, marked, for the moderator", func(t *testing.T) {
		resp, body := b.mod.post(views.DeletePath(ids[1]), form("reason", "spam link"), hx, "true")
		wantStatus(t, "delete", resp, body, http.StatusOK)
		doc := parseDoc(t, body)
		note := doc.Find(article + " .deleted-note")
		if !strings.Contains(note.Text(), "deleted by warden") || note.Find(".restore-button").Length() != 1 {
			t.Errorf("the answer is not the post marked deleted with Restore:\n%s", body)
		}
		if doc.Find(article+" .edit-link, "+article+" .delete-button, "+article+" .quote-link").Length() != 0 {
			t.Error("a deleted post offers edit, delete or quote")
		}
		b.noDrift(t)
		if e := b.lastLog(t); e.Action != models.ModDeletePost || e.PostID != ids[1] || e.TargetUserID != b.author.ID || e.Reason != "spam link" {
			t.Errorf("log entry = %+v", e)
		}
	})

	t.Run("members never see it; the moderator's topic page shows it marked", func(t *testing.T) {
		_, doc := b.member.page(topicURL(topic))
		if doc.Find(article).Length() != 0 || doc.Find("#posts article").Length() != 4 {
			t.Error("the member sees the deleted post")
		}
		if resp, _ := b.member.get(views.PostPath(ids[1])); resp.StatusCode != http.StatusNotFound {
			t.Errorf("the member's permalink to it answers %d", resp.StatusCode)
		}
		_, doc = b.mod.page(topicURL(topic))
		if doc.Find(article+".post-deleted .deleted-note").Length() != 1 || doc.Find("#posts article").Length() != 5 {
			t.Error("the moderator does not see the deleted post, marked")
		}
		if resp, _ := b.mod.get(views.PostPath(ids[1])); resp.StatusCode != http.StatusFound {
			t.Errorf("the moderator's permalink to it answers %d", resp.StatusCode)
		}
	})

	t.Run("Restore with htmx puts the post back in place", func(t *testing.T) {
		resp, body := b.mod.post(views.RestorePath(ids[1]), form("reason", "appeal"), hx, "true")
		wantStatus(t, "restore", resp, body, http.StatusOK)
		doc := parseDoc(t, body)
		if doc.Find(article).Length() != 1 || doc.Find(".deleted-note").Length() != 0 {
			t.Errorf("the answer is not the restored post:\n%s", body)
		}
		b.noDrift(t)
		if e := b.lastLog(t); e.Action != models.ModRestorePost || e.Reason != "appeal" {
			t.Errorf("log entry = %+v", e)
		}
		_, doc = b.member.page(topicURL(topic))
		if doc.Find(article).Length() != 1 {
			t.Error("the member does not see the restored post")
		}
	})

	t.Run("without JavaScript: delete and restore go back to the post", func(t *testing.T) {
		resp, body := b.mod.post(views.DeletePath(ids[4]), nil)
		wantStatus(t, "delete", resp, body, http.StatusSeeOther)
		if loc := resp.Header.Get("Location"); loc != views.PostPath(ids[4]) {
			t.Errorf("Location %q", loc)
		}
		if tr := b.topicRow(t, topic.ID); tr.LastPostID != ids[3] || tr.ReplyCount != 3 {
			t.Errorf("after deleting the last post the topic is %+v", tr)
		}
		resp, body = b.mod.post(views.RestorePath(ids[4]), nil)
		wantStatus(t, "restore", resp, body, http.StatusSeeOther)
		if tr := b.topicRow(t, topic.ID); tr.LastPostID != ids[4] || tr.ReplyCount != 4 {
			t.Errorf("after restoring the last post the topic is %+v", tr)
		}
		b.noDrift(t)
	})

	t.Run("an author's own deletion is not moderation and is not logged", func(t *testing.T) {
		before := b.logCount(t)
		mine, err := b.store.CreateReply(t.Context(), topic.ID, models.NewPost{AuthorID: b.memberU.ID, Body: "oops", BodyHTML: "<p>oops</p>"})
		if err != nil {
			t.Fatal(err)
		}
		resp, body := b.member.post(views.DeletePath(mine.ID), nil, hx, "true")
		wantStatus(t, "own delete", resp, body, http.StatusOK)
		if !strings.Contains(body, "Your post was deleted") || b.logCount(t) != before {
			t.Error("the author's deletion was answered as moderation or logged")
		}
	})
}

func TestModeratorDeletesAndRestoresTopic(t *testing.T) {
	b := newModBoard(t)
	topic := b.topicA
	// One post deleted on its own before: it stays deleted after the restore.
	if _, err := b.store.DeletePostWithReason(t.Context(), b.postsA[2], b.modUser.ID, "rude"); err != nil {
		t.Fatal(err)
	}

	resp, _ := b.mod.post(views.TopicDeletePath(topic.ID), form("reason", "duplicate"), hx, "true")
	if got := htmxRedirectTo(t, resp); got != topicURL(topic) {
		t.Errorf("sent to %q", got)
	}
	b.noDrift(t)
	if f, _ := b.store.Forum(t.Context(), b.forumA.ID); f.TopicCount != 0 || f.PostCount != 0 || f.LastPostID != 0 {
		t.Errorf("forum A after the deletion: %d topics, %d posts, last %d", f.TopicCount, f.PostCount, f.LastPostID)
	}
	if e := b.lastLog(t); e.Action != models.ModDeleteTopic || e.Reason != "duplicate" {
		t.Errorf("log entry = %+v", e)
	}
	if resp, _ := b.member.get(topicURL(topic)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the member gets %d for the deleted topic", resp.StatusCode)
	}
	_, doc := b.mod.page(views.ForumPath(b.forumA.ID, b.forumA.Title))
	if doc.Find("#topics .topic-row").Length() != 0 {
		t.Error("the deleted topic is still listed")
	}
	_, doc = b.mod.page(topicURL(topic))
	if !strings.Contains(doc.Find(".deleted-topic-note").Text(), "deleted by warden") || doc.Find("#mod-tools .topic-restore-button").Length() != 1 {
		t.Error("the moderator's page does not mark the topic deleted with Restore")
	}
	if doc.Find("form#reply").Length() != 0 || doc.Find("#mod-tools .lock-button").Length() != 0 {
		t.Error("a deleted topic offers a reply box or other tools")
	}

	resp, body := b.mod.post(views.TopicRestorePath(topic.ID), form("reason", "not a duplicate"))
	wantStatus(t, "restore", resp, body, http.StatusSeeOther)
	b.noDrift(t)
	if f, _ := b.store.Forum(t.Context(), b.forumA.ID); f.TopicCount != 1 || f.PostCount != 4 || f.LastPostID != b.postsA[4] {
		t.Errorf("forum A after the restore: %d topics, %d posts, last %d", f.TopicCount, f.PostCount, f.LastPostID)
	}
	_, doc = b.member.page(topicURL(topic))
	if n := doc.Find("#posts article").Length(); n != 4 {
		t.Errorf("the member sees %d posts, want 4: the one deleted on its own stays deleted", n)
	}
	if e := b.lastLog(t); e.Action != models.ModRestoreTopic || e.Reason != "not a duplicate" {
		t.Errorf("log entry = %+v", e)
	}
}

func TestModeratorSeesPosterIP(t *testing.T) {
	b := newModBoard(t)
	puppet := b.fx.User("sockpuppet")
	for _, u := range []*models.User{b.memberU, puppet} {
		for range 2 {
			if _, err := b.store.CreateReply(t.Context(), b.topicA.ID, models.NewPost{AuthorID: u.ID, Body: "hi", BodyHTML: "<p>hi</p>", IP: "203.0.113.7"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := b.store.CreateReply(t.Context(), b.topicB.ID, models.NewPost{AuthorID: puppet.ID, Body: "b", BodyHTML: "<p>b</p>", IP: "203.0.113.7"}); err != nil {
		t.Fatal(err)
	}
	last := b.fx.PostIDs(b.topicA.ID)
	post := last[len(last)-1]

	_, doc := b.member.page(topicURL(b.topicA))
	if doc.Find(".post-ip").Length() != 0 || strings.Contains(doc.Text(), "203.0.113.7") {
		t.Error("a member is shown IP addresses")
	}
	_, doc = b.mod.page(topicURL(b.topicA))
	if got := doc.Find("#" + views.PostAnchor(post) + " .post-ip").Text(); got != "IP 203.0.113.7" {
		t.Errorf("the moderator sees %q", got)
	}
	// The IP link opens its accounts in a slot under the post, which only
	// those who may follow it are sent.
	if target := doc.Find("#"+views.PostAnchor(post)+" .post-ip").AttrOr("hx-target", ""); target != "#"+views.PostInfoSlotID(post) || doc.Find(target).Length() != 1 {
		t.Errorf("the IP link targets %q, which the page holds %d times", target, doc.Find(target).Length())
	}
	if _, doc := b.member.page(topicURL(b.topicA)); doc.Find(`[id^="post-info-"]`).Length() != 0 {
		t.Error("a member's page carries slots for IP information")
	}

	_, doc = b.mod.page(views.PostInfoPath(post), hx, "true")
	if doc.Find("header#top").Length() != 0 {
		t.Error("htmx got a whole page")
	}
	got := map[string]string{}
	doc.Find(".ip-account").Each(func(_ int, s *goquery.Selection) {
		got[s.Find("a").Text()] = s.Find(".ip-account-posts").Text()
	})
	if len(got) != 2 || got["member"] != "2 posts" || got["sockpuppet"] != "3 posts" {
		t.Errorf("accounts from the IP: %v", got)
	}
	_, doc = b.mod.page(views.PostInfoPath(post))
	if doc.Find("header#top").Length() != 1 || doc.Find(".post-info-ip").Text() != "203.0.113.7" {
		t.Error("no info page without htmx")
	}
	if resp, _ := b.member.get(views.PostInfoPath(post)); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a member gets %d", resp.StatusCode)
	}
	inB := b.fx.PostIDs(b.topicB.ID)
	if resp, _ := b.mod.get(views.PostInfoPath(inB[len(inB)-1])); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the moderator of A gets %d for a post in B", resp.StatusCode)
	}
}
