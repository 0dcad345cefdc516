package app

import (
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// A member's session, account, groups, unread messages and drafts are kept
// by each server between their requests; every write that changes them
// reaches the member's next page on both servers of a board scaled out.
func TestMembersVisitsChangeAcrossServers(t *testing.T) {
	a, b := twoServers(t)
	ctx := t.Context()
	author := a.fx.User("author")
	lounge := a.fx.Forum("Lounge")
	topic := a.fx.Topic(lounge, author, fixture.TopicSpec{Title: "Kept visits", Posts: 2})
	topicPath := views.TopicPath(topic.ID, topic.Title)

	// onBoth is one logged-in browser's session, used through each server.
	onBoth := func(name string) ([2]*client, *models.User) {
		t.Helper()
		first, u := a.loggedIn(name)
		second := b.newClient()
		second.cookies = maps.Clone(first.cookies)
		second.get("/")
		return [2]*client{first, second}, u
	}
	// shows fetches path through both servers (the writing one first) until
	// the member's page satisfies ok; the other server hears of the write
	// by its notice.
	shows := func(t *testing.T, member [2]*client, path, what string, ok func(status int, body string) bool) {
		t.Helper()
		if resp, body := member[0].get(path); !ok(resp.StatusCode, body) {
			t.Errorf("the writing server's page does not show %s", what)
		}
		eventually(t, "the other server's page shows "+what, func() bool {
			resp, body := member[1].get(path)
			return ok(resp.StatusCode, body)
		})
	}
	has := func(s string) func(int, string) bool {
		return func(status int, body string) bool { return status == http.StatusOK && strings.Contains(body, s) }
	}
	lacks := func(s string) func(int, string) bool {
		return func(status int, body string) bool { return status == http.StatusOK && !strings.Contains(body, s) }
	}
	loggedOut := lacks("Log out")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	member, user := onBoth("member")
	shows(t, member, "/", "the member logged in", has("Log out"))
	for _, cl := range member {
		cl.get(topicPath)
		if resp, _ := cl.get(topicPath); resp.Header.Get("X-Query-Count") != "0" {
			t.Errorf("a member's second reading of a topic ran %s queries; want their visit and the topic from memory", resp.Header.Get("X-Query-Count"))
		}
	}

	t.Run("settings", func(t *testing.T) {
		must(a.store.UpdatePreferences(ctx, user.ID, models.Preferences{Timezone: "Asia/Tokyo"}))
		shows(t, member, "/", "the member's new time zone", has("(Asia/Tokyo)"))
	})
	t.Run("a message arrives and is read", func(t *testing.T) {
		id, err := a.store.SendPM(ctx, models.NewPM{SenderID: author.ID, To: []string{"member"}, Subject: "Hello",
			Body: "Hi", BodyHTML: "<p>Hi</p>", Limits: pmLimits})
		must(err)
		shows(t, member, "/", "the unread message", has("You have 1 new message"))
		must(a.store.MarkPMRead(ctx, id, user.ID))
		shows(t, member, "/", "no unread message", lacks("new message"))
	})
	t.Run("groups", func(t *testing.T) {
		hidden := a.fx.Forum("Back room")
		insiders := a.fx.Group("Insiders")
		a.fx.Grant(hidden.ID, a.fx.SystemGroup(models.GroupGuests), 0, 0)
		a.fx.Grant(hidden.ID, a.fx.SystemGroup(models.GroupRegistered), 0, 0)
		a.fx.Grant(hidden.ID, insiders, models.FList|models.FRead, 0)
		path := views.ForumPath(hidden.ID, hidden.Title)
		shows(t, member, path, "the forum closed to the member", func(status int, _ string) bool { return status != http.StatusOK })
		must(a.store.AddGroupMember(ctx, insiders, user.ID))
		shows(t, member, path, "the forum open to the member who joined its group", has("Back room"))
		must(a.store.RemoveGroupMember(ctx, insiders, user.ID, author.ID))
		shows(t, member, path, "the forum closed to the member who left its group", func(status int, _ string) bool { return status != http.StatusOK })
	})
	t.Run("a draft", func(t *testing.T) {
		must(a.store.SaveDraft(ctx, user.ID, topic.ID, "A reply begun elsewhere"))
		shows(t, member, topicPath, "the member's draft", has("A reply begun elsewhere"))
		must(a.store.SaveDraft(ctx, user.ID, topic.ID, ""))
		shows(t, member, topicPath, "no draft", lacks("A reply begun elsewhere"))
	})
	t.Run("reading", func(t *testing.T) {
		topic := a.fx.Topic(lounge, author, fixture.TopicSpec{Title: "Not read yet", Posts: 2})
		topicPath := views.TopicPath(topic.ID, topic.Title)
		forumPath := views.ForumPath(lounge.ID, lounge.Title)
		// marks says whether a page marks the topic (or its forum, on the
		// index) as having posts the member has not read.
		marks := func(want bool) func(int, string) bool {
			return func(status int, body string) bool {
				doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
				return err == nil && status == http.StatusOK && (topicMarked(doc, topic.ID) || forumMarked(doc, lounge.ID)) == want
			}
		}
		// Each server keeps the lists at a first reading and the member's
		// marks on them at a second.
		prime := func() {
			for _, cl := range member {
				for range 2 {
					cl.get(forumPath)
					cl.get("/")
				}
			}
		}
		shows(t, member, forumPath, "the topic unread", marks(true))
		shows(t, member, "/", "the forum unread", marks(true))
		prime()
		member[0].get(topicPath)
		a.flushReads()
		shows(t, member, forumPath, "the topic read", marks(false))
		shows(t, member, "/", "the forum read", marks(false))
		prime()
		a.replyAs(author, topic.ID, "Something new")
		shows(t, member, forumPath, "the topic unread again", marks(true))
		shows(t, member, "/", "the forum unread again", marks(true))
		prime()
		member[0].post("/mark-read", nil)
		shows(t, member, forumPath, "the topic read once all is marked read", marks(false))
		shows(t, member, "/", "the forum read once all is marked read", marks(false))
	})
	t.Run("an address a ban holds", func(t *testing.T) {
		must(a.store.SetEmail(ctx, user.ID, "member@banned.example"))
		_, err := a.store.CreateBan(ctx, models.NewBan{Kind: models.BanEmail, Target: "*@banned.example", Reason: "Spam", By: author.ID})
		must(err)
		shows(t, member, "/", "the member logged out by the ban", loggedOut)
	})
	t.Run("a ban", func(t *testing.T) {
		member, _ := onBoth("banned")
		_, err := a.store.CreateBan(ctx, models.NewBan{Kind: models.BanUser, Target: "banned", Reason: "Spam", By: author.ID})
		must(err)
		shows(t, member, "/", "the banned member logged out", loggedOut)
	})
	t.Run("a new password", func(t *testing.T) {
		member, user := onBoth("forgetful")
		must(a.store.ChangePassword(ctx, user.ID, "new hash", 0))
		shows(t, member, "/", "the member logged out by the new password", loggedOut)
	})
	t.Run("logging out", func(t *testing.T) {
		member, _ := onBoth("leaving")
		must(a.store.DeleteSession(ctx, member[0].cookies[sessionCookie]))
		shows(t, member, "/", "the member logged out", loggedOut)
	})
	t.Run("a deleted account", func(t *testing.T) {
		member, user := onBoth("deleted")
		admin := a.fx.User("admin")
		a.fx.Join(admin, models.GroupAdministrators)
		must(a.store.DeleteUser(ctx, user.ID, admin.ID))
		shows(t, member, "/", "the deleted member logged out", loggedOut)
	})
}
