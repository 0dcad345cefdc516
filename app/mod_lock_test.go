package app

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"hyperboard/models"
	"hyperboard/views"
)

func TestModeratorLocksTopic(t *testing.T) {
	b := newModBoard(t)
	topic := b.topicA

	t.Run("members and moderators of other forums see no tools", func(t *testing.T) {
		_, doc := b.member.page(topicURL(topic))
		if doc.Find("#mod-tools, .post-ip, .split-pick").Length() != 0 {
			t.Error("a member is shown moderator tools")
		}
		_, doc = b.mod.page(topicURL(b.topicB))
		if doc.Find("#mod-tools").Length() != 0 {
			t.Error("the moderator of A is shown tools in B")
		}
		_, doc = b.mod.page(topicURL(topic))
		if doc.Find("#mod-tools .lock-button").Length() != 1 || doc.Find("#mod-tools .unlock-button").Length() != 0 {
			t.Error("the moderator is not offered Lock topic")
		}
	})

	t.Run("with htmx the box answers and the markers update out of band", func(t *testing.T) {
		resp, body := b.mod.post(views.LockPath(topic.ID), form("reason", "flame war"), hx, "true")
		wantStatus(t, "lock", resp, body, http.StatusOK)
		doc := parseDoc(t, body)
		if doc.Find("html").Length() != 0 && doc.Find("body header").Length() != 0 {
			t.Error("htmx got a whole page")
		}
		if doc.Find("#mod-tools .unlock-button").Length() != 1 || !strings.Contains(doc.Find("#mod-tools .mod-status").Text(), "locked") {
			t.Errorf("the box does not say the topic is locked:\n%s", body)
		}
		if doc.Find(`#topic-status[hx-swap-oob=true] .locked-marker`).Length() != 1 {
			t.Error("no out-of-band Locked marker")
		}
		if doc.Find(`#reply-note[hx-swap-oob=true] .locked-note`).Length() != 1 {
			t.Error("no out-of-band note above the moderator's reply box")
		}
		if !b.topicRow(t, topic.ID).Locked {
			t.Fatal("the topic is not locked")
		}
		e := b.lastLog(t)
		if e.Action != models.ModLock || e.ModeratorID != b.modUser.ID || e.Reason != "flame war" || e.ForumID != b.forumA.ID || e.TopicID != topic.ID {
			t.Errorf("log entry = %+v", e)
		}
	})

	t.Run("the member's reply box is gone", func(t *testing.T) {
		_, doc := b.member.page(topicURL(topic))
		if doc.Find("form#reply").Length() != 0 || !strings.Contains(doc.Find("#reply").Text(), "locked") {
			t.Error("a member is still offered the reply box")
		}
		if doc.Find(".locked-marker").Length() != 1 {
			t.Error("the topic page does not say it is locked")
		}
		_, doc = b.mod.page(topicURL(topic))
		if doc.Find("form#reply").Length() != 1 || doc.Find("#reply-note .locked-note").Length() != 1 {
			t.Error("the moderator lost the reply box or its note")
		}
	})

	t.Run("locking again changes and logs nothing", func(t *testing.T) {
		before := b.logCount(t)
		resp, body := b.mod.post(views.LockPath(topic.ID), nil, hx, "true")
		wantStatus(t, "lock again", resp, body, http.StatusOK)
		if b.logCount(t) != before {
			t.Error("a lock that changed nothing was logged")
		}
	})

	t.Run("without JavaScript Unlock goes back to the topic", func(t *testing.T) {
		resp, body := b.mod.post(views.UnlockPath(topic.ID), form("reason", "calmer now"))
		wantStatus(t, "unlock", resp, body, http.StatusSeeOther)
		if loc := resp.Header.Get("Location"); loc != topicURL(topic) {
			t.Errorf("Location %q", loc)
		}
		if b.topicRow(t, topic.ID).Locked {
			t.Error("the topic is still locked")
		}
		if e := b.lastLog(t); e.Action != models.ModUnlock || e.Reason != "calmer now" {
			t.Errorf("log entry = %+v", e)
		}
		_, doc := b.member.page(topicURL(topic))
		if doc.Find("form#reply").Length() != 1 {
			t.Error("the member has no reply box after the unlock")
		}
	})

	t.Run("a reason too long is refused in the box", func(t *testing.T) {
		before := b.logCount(t)
		resp, body := b.mod.post(views.LockPath(topic.ID), form("reason", strings.Repeat("x", 256)), hx, "true")
		wantStatus(t, "long reason", resp, body, http.StatusUnprocessableEntity)
		if !strings.Contains(parseDoc(t, body).Find("#mod-tools .mod-error").Text(), "255") || b.topicRow(t, topic.ID).Locked || b.logCount(t) != before {
			t.Error("a refused lock was not explained or was written")
		}
	})
}

func TestModeratorChangesTopicKind(t *testing.T) {
	b := newModBoard(t)
	topic := b.topicA

	t.Run("with htmx", func(t *testing.T) {
		resp, body := b.mod.post(views.KindPath(topic.ID), form("kind", "2", "reason", "rules"), hx, "true")
		wantStatus(t, "kind", resp, body, http.StatusOK)
		doc := parseDoc(t, body)
		if got := doc.Find(`#topic-status[hx-swap-oob=true] .kind-marker`).Text(); got != "Announcement" {
			t.Errorf("out-of-band marker = %q", got)
		}
		if got := doc.Find(`#mod-kind option[selected]`).Text(); got != "Announcement" {
			t.Errorf("the box selects %q", got)
		}
		if b.topicRow(t, topic.ID).Kind != models.TopicAnnouncement {
			t.Error("not an announcement")
		}
		if e := b.lastLog(t); e.Action != models.ModKind || e.Details != "Normal → Announcement" || e.Reason != "rules" {
			t.Errorf("log entry = %+v", e)
		}
	})
	t.Run("without JavaScript", func(t *testing.T) {
		resp, body := b.mod.post(views.KindPath(topic.ID), form("kind", "1"))
		wantStatus(t, "kind", resp, body, http.StatusSeeOther)
		if b.topicRow(t, topic.ID).Kind != models.TopicSticky {
			t.Error("not a sticky")
		}
		_, doc := b.member.page(views.ForumPath(b.forumA.ID, b.forumA.Title))
		if got := doc.Find(`.topic-row[data-topic-id="`+strconv.FormatInt(topic.ID, 10)+`"]`).AttrOr("data-kind", ""); got != "sticky" {
			t.Errorf("the forum lists it as %q", got)
		}
	})
	t.Run("a moderator without f_announce may not make or unmake announcements", func(t *testing.T) {
		junior, juniorU := b.loggedIn("junior")
		b.fx.Grant(b.forumA.ID, b.fx.Group("Juniors", juniorU), models.FList|models.FRead|models.FSticky|models.MLock, 0)
		_, doc := junior.page(topicURL(topic))
		if doc.Find(`#mod-kind option[value="2"]`).Length() != 0 || doc.Find(`#mod-kind option[value="0"]`).Length() != 1 {
			t.Error("the junior is offered announcements, or not offered normal")
		}
		before := b.logCount(t)
		resp, body := junior.post(views.KindPath(topic.ID), form("kind", "2"))
		wantStatus(t, "forged announcement", resp, body, http.StatusForbidden)
		if b.topicRow(t, topic.ID).Kind != models.TopicSticky || b.logCount(t) != before {
			t.Error("the refused change was written")
		}
	})
	t.Run("nonsense is refused", func(t *testing.T) {
		resp, body := b.mod.post(views.KindPath(topic.ID), form("kind", "7"), hx, "true")
		wantStatus(t, "kind 7", resp, body, http.StatusUnprocessableEntity)
	})
}

func TestNewTopicKinds(t *testing.T) {
	b := newModBoard(t)
	newTopic := views.NewTopicPath(b.forumA.ID)

	_, doc := b.member.page(newTopic)
	if doc.Find(`input[name=kind]`).Length() != 0 {
		t.Error("a member without f_sticky or f_announce is offered topic types")
	}
	before := countRows(t, b.testBoard, "SELECT count(*) FROM topics")
	resp, body := b.member.post(newTopic, form("subject", "Look at me", "message", "Important!", "kind", "2", "key", models.NewToken()))
	wantStatus(t, "forged announcement", resp, body, http.StatusUnprocessableEntity)
	if !strings.Contains(body, "Important!") || !strings.Contains(body, "cannot post a topic of that type") {
		t.Error("the refusal lost the text or gave no reason")
	}
	if countRows(t, b.testBoard, "SELECT count(*) FROM topics") != before {
		t.Fatal("the refused topic was written")
	}

	_, doc = b.mod.page(newTopic)
	if got := texts(doc.Find(`fieldset.topic-kind label`)); strings.Join(got, "|") != "Normal|Sticky|Announcement" {
		t.Errorf("the moderator is offered %q", got)
	}
	resp, body = b.mod.post(newTopic, form("subject", "Read first", "message", "The rules.", "kind", "1", "key", models.NewToken()))
	wantStatus(t, "sticky", resp, body, http.StatusSeeOther)
	if n := countRows(t, b.testBoard, "SELECT count(*) FROM topics WHERE title = 'Read first' AND kind = 1"); n != 1 {
		t.Error("the sticky was not made")
	}
}

// Every moderator action refuses members, moderators of another forum and
// stale tokens, and a refusal writes nothing: no change, no log entry.
func TestModeratorActionsRefused(t *testing.T) {
	b := newModBoard(t)
	deleted := b.fx.PostIDs(b.topicA.ID)[4]
	if _, err := b.store.DeletePost(t.Context(), deleted, b.author.ID); err != nil {
		t.Fatal(err)
	}
	b.fx.Recount()
	inA := func(f func(*models.Topic, []int64) (string, string)) func() (string, string) {
		return func() (string, string) { return f(b.topicA, b.postsA) }
	}
	inB := func(f func(*models.Topic, []int64) (string, string)) func() (string, string) {
		return func() (string, string) { return f(b.topicB, b.postsB) }
	}
	actions := map[string]func(*models.Topic, []int64) (path, body string){
		"lock":   func(t *models.Topic, _ []int64) (string, string) { return views.LockPath(t.ID), "" },
		"unlock": func(t *models.Topic, _ []int64) (string, string) { return views.UnlockPath(t.ID), "" },
		"kind":   func(t *models.Topic, _ []int64) (string, string) { return views.KindPath(t.ID), "kind=2" },
		"move": func(t *models.Topic, _ []int64) (string, string) {
			return views.MovePath(t.ID), "forum=" + itoa(b.forumA.ID+b.forumB.ID-t.ForumID)
		},
		"split": func(t *models.Topic, p []int64) (string, string) {
			return views.SplitPath(t.ID), "title=x&post=" + itoa(p[1]) + "&forum=" + itoa(t.ForumID)
		},
		"merge": func(t *models.Topic, _ []int64) (string, string) {
			return views.MergePath(t.ID), "target=" + itoa(b.topicA.ID+b.topicB.ID-t.ID)
		},
		"delete topic":  func(t *models.Topic, _ []int64) (string, string) { return views.TopicDeletePath(t.ID), "" },
		"restore topic": func(t *models.Topic, _ []int64) (string, string) { return views.TopicRestorePath(t.ID), "" },
		"delete post":   func(t *models.Topic, p []int64) (string, string) { return views.DeletePath(p[1]), "reason=x" },
		"edit post": func(t *models.Topic, p []int64) (string, string) {
			return views.EditPath(p[1]), "message=hijacked&version=0"
		},
	}
	snapshot := func() string {
		var s string
		if err := b.store.DB().NewRaw(`SELECT concat_ws('|',
			(SELECT string_agg(concat_ws(',', id, forum_id, kind, locked, deleted_at IS NULL, reply_count), ';' ORDER BY id) FROM topics),
			(SELECT string_agg(concat_ws(',', id, topic_id, post_number, deleted_at IS NULL, body), ';' ORDER BY id) FROM posts),
			(SELECT count(*) FROM moderator_log))`).Scan(t.Context(), &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	before := snapshot()
	guest := b.newClient()
	for name, action := range actions {
		for _, c := range []struct {
			who    string
			cl     *client
			target func() (string, string)
			want   []int
		}{
			{"a member", b.member, inA(action), []int{http.StatusForbidden}},
			{"a guest", guest, inA(action), []int{http.StatusForbidden}},
			{"the moderator of A in B", b.mod, inB(action), []int{http.StatusForbidden}},
		} {
			for _, htmx := range []string{"false", "true"} {
				path, raw := c.target()
				values, _ := url.ParseQuery(raw)
				resp, body := c.cl.post(path, values, hx, htmx)
				if !containsInt(c.want, resp.StatusCode) {
					t.Errorf("%s by %s (htmx %s): status %d, want %v\n%s", name, c.who, htmx, resp.StatusCode, c.want, body)
				}
			}
		}
		t.Run(name+" with a stale token", func(t *testing.T) {
			path, raw := inA(action)()
			values, _ := url.ParseQuery(raw)
			values.Set(csrfField, "stale-token-from-an-old-page")
			resp, body := b.mod.postRaw(path, values)
			wantStatus(t, "stale token", resp, body, http.StatusForbidden)
		})
	}
	if after := snapshot(); after != before {
		t.Errorf("refused actions wrote:\nbefore %s\nafter  %s", before, after)
	}
	b.noDrift(t)
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func containsInt(list []int, n int) bool {
	for _, v := range list {
		if v == n {
			return true
		}
	}
	return false
}
