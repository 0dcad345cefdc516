package app

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/models"
	"hyperboard/views"
)

func TestModeratorLog(t *testing.T) {
	b := newModBoard(t)
	keeper, keeperU := b.loggedIn("keeper")
	b.fx.Grant(b.forumB.ID, b.fx.Group("Binocular team", keeperU), models.FList|models.FRead|models.ModeratorPerms, 0)
	admin, adminU := b.loggedIn("root")
	b.fx.Join(adminU, models.GroupAdministrators)

	// In A: the warden locks, then edits the author's post through the
	// ordinary edit form. In B: the keeper locks; a member edits their own post.
	if resp, body := b.mod.post(views.LockPath(b.topicA.ID), form("reason", "heated")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("lock: %d\n%s", resp.StatusCode, body)
	}
	if resp, body := b.mod.post(views.EditPath(b.postsA[1]), form("message", "Tidied.", "reason", "typo", "version", "0")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("moderator edit: %d\n%s", resp.StatusCode, body)
	}
	if resp, body := keeper.post(views.LockPath(b.topicB.ID), form("reason", "solved")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("keeper lock: %d\n%s", resp.StatusCode, body)
	}
	own, err := b.store.CreateReply(t.Context(), b.topicA.ID, models.NewPost{AuthorID: b.modUser.ID, Body: "mine", BodyHTML: "<p>mine</p>", WriteLocked: true})
	if err != nil {
		t.Fatal(err)
	}
	if resp, body := b.mod.post(views.EditPath(own.ID), form("message", "still mine", "version", "0")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("own edit: %d\n%s", resp.StatusCode, body)
	}

	type entry struct{ action, moderator, reason, forum string }
	entries := func(doc *goquery.Document) []entry {
		var out []entry
		doc.Find("#mod-log .mod-log-entry").Each(func(_ int, s *goquery.Selection) {
			out = append(out, entry{s.AttrOr("data-action", ""), s.Find(".mod-log-moderator").Text(),
				strings.TrimPrefix(s.Find(".mod-log-reason").Text(), "Reason: "), s.Find(".mod-log-forum").Text()})
		})
		return out
	}

	t.Run("a moderator sees their forums' entries, newest first", func(t *testing.T) {
		_, doc := b.mod.page("/mod/log")
		got := entries(doc)
		want := []entry{{"edit_post", "warden", "typo", "Telescopes"}, {"lock", "warden", "heated", "Telescopes"}}
		if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("entries = %+v, want %+v (an own edit is not moderation)", got, want)
		}
		if doc.Find(`nav[aria-label="Moderator control panel"] a[aria-current=page]`).Text() != "Moderator log" {
			t.Error("the panel's navigation does not mark the log")
		}
		if got := doc.Find(".mod-log-entry .mod-log-target").First().Text(); got != "author" {
			t.Errorf("the edit names %q as its member", got)
		}
		if options := texts(doc.Find("#log-forum option")); strings.Join(options, "|") != "Every forum you moderate|Telescopes" {
			t.Errorf("the filter offers %q", options)
		}
		_, doc = b.mod.page("/mod/log?forum=" + itoa(b.forumB.ID))
		if n := len(entries(doc)); n != 0 {
			t.Errorf("filtering by a forum they do not moderate shows %d entries", n)
		}
		_, doc = keeper.page("/mod/log")
		if got := entries(doc); len(got) != 1 || got[0].action != "lock" || got[0].forum != "Binoculars" {
			t.Errorf("the keeper sees %+v", got)
		}
	})

	t.Run("an administrator sees every entry and filters by forum", func(t *testing.T) {
		_, doc := admin.page("/mod/log")
		if n := len(entries(doc)); n != 3 {
			t.Errorf("the administrator sees %d entries, want 3", n)
		}
		_, doc = admin.page("/mod/log?forum="+itoa(b.forumB.ID), hx, "true")
		if doc.Find("header#top").Length() != 0 || doc.Find("#mod-log").Length() != 1 {
			t.Error("htmx did not get the list alone")
		}
		if got := entries(doc); len(got) != 1 || got[0].moderator != "keeper" {
			t.Errorf("filtered to B: %+v", got)
		}
	})

	t.Run("members and guests cannot open it", func(t *testing.T) {
		if resp, _ := b.member.get("/mod/log"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a member gets %d", resp.StatusCode)
		}
		resp, _ := b.newClient().get("/mod/log")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Errorf("a guest gets %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})

	t.Run("pages", func(t *testing.T) {
		for i := range modLogPerPage {
			if _, err := b.store.SetTopicLocked(t.Context(), b.topicA.ID, b.forumA.ID, i%2 == 1, models.Moderation{ModeratorID: b.modUser.ID}); err != nil {
				t.Fatal(err)
			}
		}
		_, doc := b.mod.page("/mod/log")
		if n := len(entries(doc)); n != modLogPerPage || doc.Find("#log-pagination-top a[rel=next]").Length() != 1 {
			t.Errorf("page 1 shows %d entries", n)
		}
		_, doc = b.mod.page("/mod/log?page=2")
		if got := entries(doc); len(got) != 2 || got[1].action != "lock" || got[1].reason != "heated" {
			t.Errorf("page 2 shows %+v, want the two oldest", got)
		}
	})
}

// Bans, lifted bans and closed reports are moderation too: each lands in the
// log in its own transaction. Board-wide entries (bans) show to those who
// may ban; a closed report shows with its forum.
func TestBansAndReportsAreLogged(t *testing.T) {
	b := newModBoard(t)
	clerk, clerkU := b.loggedIn("clerk")
	stdmod, _ := models.RoleByKey("stdmod")
	b.fx.Grant(b.forumA.ID, b.fx.Group("Clerks", clerkU), models.FList|models.FRead|stdmod.Allow, 0)

	if resp, body := b.mod.post("/mod/bans/new", form("kind", "user", "target", "author", "duration", "1d", "reason", "Spam links")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("ban: %d\n%s", resp.StatusCode, body)
	}
	if err := b.store.CreateReport(t.Context(), b.postsA[0], b.memberU.ID, models.ReportSpam, ""); err != nil {
		t.Fatal(err)
	}
	var reportID int64
	if err := b.store.DB().NewRaw("SELECT id FROM reports").Scan(t.Context(), &reportID); err != nil {
		t.Fatal(err)
	}
	if resp, body := b.mod.post("/mod/reports/"+strconv.FormatInt(reportID, 10)+"/close", form("note", "removed the links")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: %d\n%s", resp.StatusCode, body)
	}
	actions := func(cl *client) map[string]string {
		_, doc := cl.page("/mod/log")
		out := map[string]string{}
		doc.Find("#mod-log .mod-log-entry").Each(func(_ int, s *goquery.Selection) {
			out[s.AttrOr("data-action", "")] = s.Text()
		})
		return out
	}
	got := actions(b.mod)
	if ban := got["ban"]; !strings.Contains(ban, "author") || !strings.Contains(ban, "Spam links") {
		t.Errorf("ban entry %q, want the member and the reason", ban)
	}
	if closed := got["close_report"]; !strings.Contains(closed, "removed the links") || !strings.Contains(closed, "Telescopes") {
		t.Errorf("report entry %q, want the note and the forum", closed)
	}
	if got := actions(clerk); got["ban"] != "" || got["close_report"] == "" {
		t.Errorf("a moderator who may not ban sees %v, want the report and no ban", got)
	}
	var banID int64
	b.store.DB().NewRaw("SELECT id FROM bans").Scan(t.Context(), &banID)
	if resp, body := b.mod.post("/mod/bans/"+strconv.FormatInt(banID, 10)+"/lift", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("lift: %d\n%s", resp.StatusCode, body)
	}
	if e := b.lastLog(t); e.Action != models.ModLiftBan || e.ModeratorID != b.modUser.ID {
		t.Errorf("last entry %+v, want the lift by the warden", e)
	}
}
