package app

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/bbcode"
	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

func TestProfile(t *testing.T) {
	b := newTestBoard(t)
	vera := b.fx.User("vera")
	forum := b.fx.Forum("Observing")
	topic := b.fx.Topic(forum, vera, fixture.TopicSpec{Title: "First light", Posts: 4})
	signature := "Clear skies!\n<b>not bold</b>"
	err := b.store.UpdatePreferences(t.Context(), vera.ID, models.Preferences{
		Location: "Lisbon", Website: "https://vera.example/telescopes",
		Signature: signature, SignatureHTML: bbcode.Cook(signature),
	})
	if err != nil {
		t.Fatal(err)
	}
	db := b.store.DB()
	var rankID int64
	if err := db.NewRaw("INSERT INTO ranks (title, special) VALUES ('Stargazer', true) RETURNING id").Scan(t.Context(), &rankID); err != nil {
		t.Fatal(err)
	}
	// The last login is older than the last request of a session, which wins.
	if _, _, err := b.store.CreateSession(t.Context(), vera.ID, false, "", "test"); err != nil {
		t.Fatal(err)
	}
	lastSeen := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	if _, err := db.ExecContext(t.Context(), "UPDATE users SET rank_id = ?, last_visit_at = '2026-01-01T00:00:00Z' WHERE id = ?", rankID, vera.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(t.Context(), "UPDATE sessions SET last_seen_at = ? WHERE user_id = ?", lastSeen, vera.ID); err != nil {
		t.Fatal(err)
	}
	path := views.UserPath(vera.ID, vera.Username)

	t.Run("a guest sees the member's details", func(t *testing.T) {
		resp, doc := b.page(path)
		p := doc.Find("#profile")
		for sel, want := range map[string]string{
			".profile-name":            "vera",
			".profile-rank":            "Stargazer",
			".profile-post-count":      "4",
			".profile-posts-per-day":   "(0.01 per day)",
			".profile-location":        "Lisbon",
			".profile-website a":       "https://vera.example/telescopes",
			".profile-groups":          "Registered users",
			".profile-search":          "Find all posts by this user",
			".profile-joined time":     views.NewClock("UTC", "").Date(vera.JoinedAt),
			".profile-signature b":     "",
			".profile-settings":        "",
			".profile-signature > p":   "Clear skies!<b>not bold</b>",
			".profile-last-visit time": views.NewClock("UTC", "").Time(lastSeen),
		} {
			got := strings.Join(texts(p.Find(sel)), "|")
			if got != want {
				t.Errorf("%s = %q, want %q", sel, got, want)
			}
		}
		if dt := p.Find(".profile-last-visit time").AttrOr("datetime", ""); dt != "2026-03-04T05:06Z" {
			t.Errorf("last visit datetime = %q", dt)
		}
		if dt := p.Find(".profile-joined time").AttrOr("datetime", ""); dt != vera.JoinedAt.UTC().Format("2006-01-02T15:04Z") {
			t.Errorf("joined datetime = %q", dt)
		}
		website := p.Find(".profile-website a")
		if rel := website.AttrOr("rel", ""); rel != "nofollow ugc noopener" {
			t.Errorf("website rel = %q", rel)
		}
		if href := website.AttrOr("href", ""); href != "https://vera.example/telescopes" {
			t.Errorf("website href = %q", href)
		}
		if href := p.Find(".profile-search").AttrOr("href", ""); href != "/search?author=vera" {
			t.Errorf("search link = %q", href)
		}
		if p.Find(".profile-signature").Closest("[hx-disable]").Length() == 0 {
			t.Error("the signature is not inside an element with hx-disable")
		}
		if n, _ := strconv.Atoi(resp.Header.Get("X-Query-Count")); n > 3 {
			t.Errorf("the profile ran %d queries, want at most 3 (the visit and two of its own)", n)
		}
	})
	t.Run("the member sees a link to their settings on their own profile only", func(t *testing.T) {
		own, wren := b.loggedIn("wren")
		_, doc := own.page(views.UserPath(wren.ID, wren.Username))
		if href := doc.Find("#profile .profile-settings").AttrOr("href", ""); href != "/settings" {
			t.Errorf("own profile links to settings at %q", href)
		}
		_, doc = own.page(path)
		if doc.Find("#profile .profile-settings").Length() != 0 {
			t.Error("someone else's profile links to settings")
		}
	})
	t.Run("a member who never logged in was never seen and has no optional fields", func(t *testing.T) {
		quiet := b.fx.User("quiet")
		_, doc := b.page(views.UserPath(quiet.ID, quiet.Username))
		if got := strings.TrimSpace(doc.Find(".profile-last-visit").Text()); got != "Never" {
			t.Errorf("last visit = %q", got)
		}
		for _, sel := range []string{".profile-location", ".profile-website", ".profile-signature", ".profile-rank"} {
			if doc.Find(sel).Length() != 0 {
				t.Errorf("%s shown for an empty field", sel)
			}
		}
	})
	t.Run("names in topic lists and author panels link to the profile", func(t *testing.T) {
		_, doc := b.page(views.ForumPath(forum.ID, forum.Title))
		links := doc.Find("#topics .topic-row a[href^='/u/']")
		if links.Length() != 2 {
			t.Errorf("%d links to profiles in the topic row, want the author and the last poster", links.Length())
		}
		links.Each(func(_ int, a *goquery.Selection) {
			if a.AttrOr("href", "") != path || strings.TrimSpace(a.Text()) != "vera" {
				t.Errorf("author link = %q %q", a.AttrOr("href", ""), a.Text())
			}
		})
		_, doc = b.page(views.TopicPath(topic.ID, topic.Title))
		if href := doc.Find("#posts .author-name a").First().AttrOr("href", ""); href != path {
			t.Errorf("author panel links to %q", href)
		}
	})
}

func TestProfileAddresses(t *testing.T) {
	b := newTestBoard(t)
	u := b.fx.User("Zoë Quinn")
	canon := views.UserPath(u.ID, u.Username)
	if canon != "/u/"+strconv.FormatInt(u.ID, 10)+"/zo-quinn" {
		t.Fatalf("canonical path %q", canon)
	}
	id := strconv.FormatInt(u.ID, 10)
	for _, tc := range []struct {
		name, path string
		status     int
		location   string
	}{
		{"the canonical address answers", canon, http.StatusOK, ""},
		{"a missing slug redirects to the canonical address", "/u/" + id, http.StatusMovedPermanently, canon},
		{"a wrong slug redirects and keeps the query", "/u/" + id + "/old-name?x=1", http.StatusMovedPermanently, canon + "?x=1"},
		{"an unknown member is not found", "/u/999999/nobody", http.StatusNotFound, ""},
		{"an id that is not a number is not found", "/u/abc/zo-quinn", http.StatusNotFound, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, _ := b.get(tc.path)
			if resp.StatusCode != tc.status || resp.Header.Get("Location") != tc.location {
				t.Errorf("GET %s = %d to %q, want %d to %q", tc.path, resp.StatusCode, resp.Header.Get("Location"), tc.status, tc.location)
			}
		})
	}
}

func TestProfileHiddenGroups(t *testing.T) {
	b := newTestBoard(t)
	vera := b.fx.User("vera")
	owls := profileGroup(t, b, "Night owls", true)
	makers := profileGroup(t, b, "Telescope makers", false)
	chasers := profileGroup(t, b, "Comet chasers", false)
	joinGroup(t, b, owls, vera.ID, false)
	joinGroup(t, b, makers, vera.ID, false)
	joinGroup(t, b, chasers, vera.ID, true) // only asked to join
	path := views.UserPath(vera.ID, vera.Username)

	groupsSeenBy := func(cl *client) string {
		t.Helper()
		var doc *goquery.Document
		if cl == nil {
			_, doc = b.page(path)
		} else {
			_, doc = cl.page(path)
		}
		return strings.Join(texts(doc.Find(".profile-group")), ",")
	}
	t.Run("a guest does not see the hidden group or a pending request", func(t *testing.T) {
		if got := groupsSeenBy(nil); got != "Registered users,Telescope makers" {
			t.Errorf("groups = %q", got)
		}
	})
	t.Run("a member outside the hidden group does not see it", func(t *testing.T) {
		stranger, _ := b.loggedIn("stranger")
		if got := groupsSeenBy(stranger); got != "Registered users,Telescope makers" {
			t.Errorf("groups = %q", got)
		}
	})
	t.Run("a fellow member of the hidden group sees it", func(t *testing.T) {
		owl, u := b.loggedIn("owl")
		joinGroup(t, b, owls, u.ID, false)
		if got := groupsSeenBy(owl); got != "Registered users,Night owls,Telescope makers" {
			t.Errorf("groups = %q", got)
		}
	})
}

// profileGroup creates a user-made group and returns its id.
func profileGroup(t *testing.T, b *testBoard, name string, hidden bool) int64 {
	t.Helper()
	var id int64
	if err := b.store.DB().NewRaw("INSERT INTO groups (name, hidden) VALUES (?, ?) RETURNING id", name, hidden).Scan(t.Context(), &id); err != nil {
		t.Fatal(err)
	}
	return id
}

// joinGroup makes a member part of a group, or only a pending applicant.
func joinGroup(t *testing.T, b *testBoard, groupID, userID int64, pending bool) {
	t.Helper()
	if _, err := b.store.DB().ExecContext(t.Context(), "INSERT INTO group_members (group_id, user_id, pending) VALUES (?, ?, ?)", groupID, userID, pending); err != nil {
		t.Fatal(err)
	}
}
