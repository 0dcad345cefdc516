package app

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// reportForm is a report with a reason and a note.
func reportForm(reason models.ReportReason, note string) url.Values {
	return url.Values{"reason": {string(reason)}, "note": {note}}
}

func TestReportAPost(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("author")
	topic := b.fx.Topic(b.fx.Forum("Lounge"), author, fixture.TopicSpec{Title: "Cheap pills", Posts: 2})
	ids := b.fx.PostIDs(topic.ID)
	reporter, _ := b.loggedIn("reporter")
	reports := func() int { return countRows(t, b, "SELECT count(*) FROM reports") }

	t.Run("members may report others' posts from the topic page", func(t *testing.T) {
		_, doc := reporter.page(views.TopicPath(topic.ID, topic.Title))
		link := doc.Find("#p" + strconv.FormatInt(ids[0], 10) + " .report-link")
		if href, _ := link.Attr("href"); href != views.ReportPath(ids[0]) {
			t.Fatalf("Report link href %q, want %s", href, views.ReportPath(ids[0]))
		}
		// The form opens in the first slot after the link: its own post's.
		post := doc.Find("#p" + strconv.FormatInt(ids[0], 10))
		if target, _ := link.Attr("hx-target"); target != "next ."+views.ReportSlotClass || post.Find("footer ~ ."+views.ReportSlotClass).Length() != 1 {
			t.Errorf("Report link targets %q; the post has %d such places after its footer", target, post.Find("footer ~ ."+views.ReportSlotClass).Length())
		}
		_, guest := b.page(views.TopicPath(topic.ID, topic.Title))
		if guest.Find(".report-link").Length() != 0 {
			t.Error("guests are offered Report")
		}
	})

	t.Run("the form opens inline with htmx and on a page without", func(t *testing.T) {
		resp, body := reporter.get(views.ReportPath(ids[0]), "HX-Request", "true")
		doc := parse(t, body)
		if resp.StatusCode != http.StatusOK || doc.Find("#"+views.ReportFormID(ids[0])+" input[name=inline]").Length() != 1 || strings.Contains(body, "<html") {
			t.Fatalf("htmx: %d, want the inline form alone\n%s", resp.StatusCode, body)
		}
		if doc.Find(`input[name=reason][value=other]`).Length() != 1 || doc.Find(`textarea[name=note]`).Length() != 1 || doc.Find(`input[name=_csrf]`).Length() != 1 {
			t.Error("the form lacks a reason, a note or its CSRF token")
		}
		_, page := reporter.page(views.ReportPath(ids[0]))
		if page.Find("html").Length() != 1 || page.Find("#"+views.ReportFormID(ids[0])).Length() != 1 || page.Find("input[name=inline]").Length() != 0 {
			t.Error("without htmx the form is not on a page of its own")
		}
		resp, body = reporter.get(views.ReportPath(ids[0])+"?cancel=1", "HX-Request", "true")
		if resp.StatusCode != http.StatusOK || strings.TrimSpace(body) != "" {
			t.Errorf("Cancel: %d %q, want nothing in the form's place", resp.StatusCode, body)
		}
	})

	t.Run("a report made inline is thanked in place", func(t *testing.T) {
		resp, body := reporter.post(views.ReportPath(ids[0]), url.Values{"reason": {"spam"}, "note": {"pills again"}, "inline": {"1"}}, "HX-Request", "true")
		doc := parse(t, body)
		if resp.StatusCode != http.StatusOK || !strings.Contains(doc.Find("#"+views.ReportFormID(ids[0])+".report-done").Text(), "Thank you, the moderators will look at it") {
			t.Fatalf("%d, want the thanks in the form's place\n%s", resp.StatusCode, body)
		}
		var r struct {
			Reason string
			Note   string
		}
		if err := b.store.DB().NewRaw("SELECT reason, note FROM reports WHERE post_id = ?", ids[0]).Scan(t.Context(), &r); err != nil || r.Reason != "spam" || r.Note != "pills again" {
			t.Errorf("stored %+v (%v), want spam with the note", r, err)
		}
	})

	t.Run("a second open report on the same post is refused", func(t *testing.T) {
		resp, body := reporter.post(views.ReportPath(ids[0]), reportForm(models.ReportAbusive, ""))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "already reported") {
			t.Errorf("%d, want 422 saying it is already reported", resp.StatusCode)
		}
		_, body = reporter.get(views.ReportPath(ids[0]), "HX-Request", "true")
		if !strings.Contains(body, "already reported") || strings.Contains(body, "<form") {
			t.Errorf("opening the form again: %q, want the notice instead", body)
		}
		if n := reports(); n != 1 {
			t.Errorf("%d reports, want 1", n)
		}
	})

	t.Run("a plain form goes back to the post", func(t *testing.T) {
		other, _ := b.loggedIn("other")
		resp, _ := other.post(views.ReportPath(ids[0]), reportForm(models.ReportOffTopic, ""))
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != views.PostPath(ids[0]) {
			t.Errorf("%d to %q, want 303 to the post", resp.StatusCode, resp.Header.Get("Location"))
		}
		if n := reports(); n != 2 {
			t.Errorf("%d reports, want 2: each member may report once", n)
		}
	})

	t.Run("bad reports come back with the member's note and a reason", func(t *testing.T) {
		for _, c := range []struct {
			name, field string
			form        url.Values
		}{
			{"no reason", ".field-error", url.Values{"note": {"keep me"}}},
			{"an unknown reason", ".field-error", url.Values{"reason": {"boring"}, "note": {"keep me"}}},
			{"Other without a note", "#report-note-error-" + strconv.FormatInt(ids[1], 10), url.Values{"reason": {"other"}, "note": {"  "}}},
			{"a note too long", "#report-note-error-" + strconv.FormatInt(ids[1], 10), url.Values{"reason": {"spam"}, "note": {strings.Repeat("x", models.MaxReportNoteLength+1)}}},
		} {
			for _, htmx := range []string{"true", "false"} {
				resp, body := reporter.post(views.ReportPath(ids[1]), c.form, "HX-Request", htmx)
				doc := parse(t, body)
				if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find(c.field).Length() == 0 {
					t.Errorf("%s (htmx %s): %d, want 422 with %s", c.name, htmx, resp.StatusCode, c.field)
				}
				if note := c.form.Get("note"); strings.TrimSpace(note) != "" && doc.Find("textarea[name=note]").Text() != note {
					t.Errorf("%s (htmx %s): the note was not kept", c.name, htmx)
				}
				if (htmx == "true") == strings.Contains(body, "<html") {
					t.Errorf("%s (htmx %s): page or fragment mixed up", c.name, htmx)
				}
			}
		}
		if n := countRows(t, b, "SELECT count(*) FROM reports WHERE post_id = ?", ids[1]); n != 0 {
			t.Errorf("%d refused reports written", n)
		}
	})

	t.Run("nobody reports their own post", func(t *testing.T) {
		own, u := b.loggedIn("writer")
		mine := b.replyAs(u, topic.ID, "my own words")
		_, doc := own.page(views.TopicPath(topic.ID, topic.Title))
		if doc.Find("#p"+strconv.FormatInt(mine.ID, 10)+" .report-link").Length() != 0 {
			t.Error("Report is offered on the member's own post")
		}
		if resp, _ := own.get(views.ReportPath(mine.ID)); resp.StatusCode != http.StatusForbidden {
			t.Errorf("GET: %d, want 403", resp.StatusCode)
		}
		if resp, _ := own.post(views.ReportPath(mine.ID), reportForm(models.ReportSpam, "")); resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST: %d, want 403", resp.StatusCode)
		}
		if n := countRows(t, b, "SELECT count(*) FROM reports WHERE post_id = ?", mine.ID); n != 0 {
			t.Errorf("%d reports on one's own post", n)
		}
	})

	t.Run("guests are sent to log in", func(t *testing.T) {
		guest := b.newClient()
		if resp, _ := guest.get(views.ReportPath(ids[1])); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?return=") {
			t.Errorf("GET: %d to %q, want 303 to the login", resp.StatusCode, resp.Header.Get("Location"))
		}
		if resp, _ := guest.post(views.ReportPath(ids[1]), reportForm(models.ReportSpam, "")); resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST: %d, want 403", resp.StatusCode)
		}
	})
}

func TestReportOutOfReach(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("author")
	hidden, unreadable := b.fx.Forum("Hidden"), b.fx.Forum("Listed only")
	for _, f := range []*models.Forum{hidden, unreadable} {
		b.fx.Grant(f.ID, b.fx.SystemGroup(models.GroupGuests), 0, 0)
	}
	b.fx.Grant(hidden.ID, b.fx.SystemGroup(models.GroupRegistered), 0, 0)
	b.fx.Grant(unreadable.ID, b.fx.SystemGroup(models.GroupRegistered), models.FList, 0)
	member, _ := b.loggedIn("member")
	for _, f := range []*models.Forum{hidden, unreadable} {
		post := b.fx.PostIDs(b.fx.Topic(f, author, fixture.TopicSpec{Title: "In " + f.Title}).ID)[0]
		for _, path := range []string{views.ReportPath(post), views.ReportPath(post) + "?cancel=1"} {
			if resp, body := member.get(path, "HX-Request", "true"); resp.StatusCode != http.StatusNotFound || strings.Contains(body, "In "+f.Title) {
				t.Errorf("%s: GET %s: %d, want 404", f.Title, path, resp.StatusCode)
			}
		}
		if resp, _ := member.post(views.ReportPath(post), reportForm(models.ReportSpam, "")); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: POST: %d, want 404", f.Title, resp.StatusCode)
		}
	}
	if resp, _ := member.get(views.ReportPath(999999)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a post that does not exist: %d, want 404", resp.StatusCode)
	}
	if n := countRows(t, b, "SELECT count(*) FROM reports"); n != 0 {
		t.Errorf("%d reports written", n)
	}
}

func TestReportHourlyLimit(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("author")
	topic := b.fx.Topic(b.fx.Forum("Lounge"), author, fixture.TopicSpec{Title: "Many posts", Posts: models.ReportsPerHour + 2})
	ids := b.fx.PostIDs(topic.ID)
	cl, _ := b.loggedIn("eager")
	for i := range models.ReportsPerHour {
		if resp, body := cl.post(views.ReportPath(ids[i]), reportForm(models.ReportSpam, "")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("report %d: %d\n%s", i+1, resp.StatusCode, body)
		}
	}
	for _, htmx := range []string{"true", "false"} {
		resp, body := cl.post(views.ReportPath(ids[models.ReportsPerHour]), reportForm(models.ReportOther, "one more"), "HX-Request", htmx)
		doc := parse(t, body)
		if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(doc.Find(".report-error").Text(), "Please wait") ||
			resp.Header.Get("Retry-After") == "" || doc.Find("textarea[name=note]").Text() != "one more" {
			t.Errorf("htmx %s: %d, want 429 with a wait, Retry-After and the note kept\n%s", htmx, resp.StatusCode, body)
		}
	}
	// An hour later the oldest report no longer counts.
	if _, err := b.store.DB().NewRaw("UPDATE reports SET created_at = created_at - interval '1 hour' WHERE post_id = ?", ids[0]).Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	if resp, _ := cl.post(views.ReportPath(ids[models.ReportsPerHour]), reportForm(models.ReportSpam, "")); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after the hour: %d, want the report taken", resp.StatusCode)
	}
	if n := countRows(t, b, "SELECT count(*) FROM reports"); n != models.ReportsPerHour+1 {
		t.Errorf("%d reports, want %d", n, models.ReportsPerHour+1)
	}
}

// reportQueueBoard is two forums, each with a reported post, and a
// moderator of each who handles reports only there.
type reportQueueBoard struct {
	*testBoard
	forumA, forumB   *models.Forum
	topicA           *models.Topic
	postA, postB     int64
	reportA, reportB int64
	modA, modB       *client
	member           *client
}

func newReportQueueBoard(t *testing.T) *reportQueueBoard {
	b := &reportQueueBoard{testBoard: newTestBoard(t)}
	author := b.fx.User("author")
	b.forumA, b.forumB = b.fx.Forum("Astronomy"), b.fx.Forum("Botany")
	b.topicA = b.fx.Topic(b.forumA, author, fixture.TopicSpec{Title: "Stars for sale", Posts: 2})
	topicB := b.fx.Topic(b.forumB, author, fixture.TopicSpec{Title: "Ferns for sale"})
	b.postA, b.postB = b.fx.PostIDs(b.topicA.ID)[1], b.fx.PostIDs(topicB.ID)[0]
	var modA, modB *models.User
	b.modA, modA = b.loggedIn("mod_a")
	b.modB, modB = b.loggedIn("mod_b")
	modPerms := models.FList | models.FRead | models.FReply | models.MReport
	b.fx.Grant(b.forumA.ID, b.fx.Group("Astronomy moderators", modA), modPerms, 0)
	b.fx.Grant(b.forumB.ID, b.fx.Group("Botany moderators", modB), modPerms, 0)
	var reporter *models.User
	b.member, reporter = b.loggedIn("reporter")
	for _, p := range []struct {
		post int64
		id   *int64
	}{{b.postA, &b.reportA}, {b.postB, &b.reportB}} {
		if err := b.store.CreateReport(t.Context(), p.post, reporter.ID, models.ReportSpam, "sold here"); err != nil {
			t.Fatal(err)
		}
		if err := b.store.DB().NewRaw("SELECT id FROM reports WHERE post_id = ?", p.post).Scan(t.Context(), p.id); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

func reportRows(doc *goquery.Document) []string {
	var ids []string
	doc.Find("#reports .report-row").Each(func(_ int, s *goquery.Selection) { ids = append(ids, s.AttrOr("id", "")) })
	return ids
}

func TestReportQueue(t *testing.T) {
	b := newReportQueueBoard(t)
	rowA, rowB := views.ReportRowID(b.reportA), views.ReportRowID(b.reportB)

	t.Run("a moderator sees only the reports of their forums", func(t *testing.T) {
		_, doc := b.modA.page(views.ReportQueuePath)
		if got := reportRows(doc); len(got) != 1 || got[0] != rowA {
			t.Errorf("moderator of A sees %v, want only %s", got, rowA)
		}
		if doc.Find(`nav[aria-label="Moderator control panel"] [aria-current=page]`).Text() != "Reported posts" {
			t.Error("the moderator panel's navigation does not mark Reported posts")
		}
		row := doc.Find("#" + rowA)
		for _, want := range []string{"Spam", "reporter", "sold here", "Stars for sale", "Astronomy", "Post 2 of Stars for sale."} {
			if !strings.Contains(row.Text(), want) {
				t.Errorf("the report does not show %q:\n%s", want, row.Text())
			}
		}
		if href, _ := row.Find("a.report-post").Attr("href"); href != views.PostPath(b.postA) {
			t.Errorf("the report links the post at %q", href)
		}
		_, doc = b.modB.page(views.ReportQueuePath)
		if got := reportRows(doc); len(got) != 1 || got[0] != rowB {
			t.Errorf("moderator of B sees %v, want only %s", got, rowB)
		}
	})

	t.Run("administrators see every report", func(t *testing.T) {
		admin, u := b.loggedIn("admin")
		b.fx.Join(u, models.GroupAdministrators)
		_, doc := admin.page(views.ReportQueuePath)
		if got := reportRows(doc); len(got) != 2 || got[0] != rowB {
			t.Errorf("administrator sees %v, want both, newest first", got)
		}
	})

	t.Run("members and guests cannot open the queue", func(t *testing.T) {
		if resp, _ := b.member.get(views.ReportQueuePath); resp.StatusCode != http.StatusForbidden {
			t.Errorf("member: %d, want 403", resp.StatusCode)
		}
		if resp, _ := b.get(views.ReportQueuePath); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Errorf("guest: %d, want 303 to the login", resp.StatusCode)
		}
		resp, _ := b.member.post(views.ReportClosePath(b.reportA), url.Values{"note": {"nope"}})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("member closing: %d, want 403", resp.StatusCode)
		}
	})

	t.Run("a moderator of A cannot close B's report", func(t *testing.T) {
		for _, htmx := range []string{"true", "false"} {
			if resp, _ := b.modA.post(views.ReportClosePath(b.reportB), url.Values{"note": {"not mine"}}, "HX-Request", htmx); resp.StatusCode != http.StatusForbidden {
				t.Errorf("htmx %s: %d, want 403", htmx, resp.StatusCode)
			}
		}
		if n := countRows(t, b.testBoard, "SELECT count(*) FROM reports WHERE closed_at IS NOT NULL"); n != 0 {
			t.Errorf("%d reports closed by refused requests", n)
		}
	})

	t.Run("the queue narrows to one post", func(t *testing.T) {
		_, doc := b.modA.page(views.ReportsOfPostPath(b.postB))
		if got := reportRows(doc); len(got) != 0 {
			t.Errorf("moderator of A sees %v for B's post, want nothing", got)
		}
		_, doc = b.modA.page(views.ReportsOfPostPath(b.postA))
		if got := reportRows(doc); len(got) != 1 {
			t.Errorf("moderator of A sees %v for A's post, want its report", got)
		}
	})

	t.Run("pages swap the list alone for htmx", func(t *testing.T) {
		resp, body := b.modA.get(views.ReportQueuePath, "HX-Request", "true")
		doc := parse(t, body)
		if resp.StatusCode != http.StatusOK || strings.Contains(body, "<html") || doc.Find("section#reports").Length() != 1 {
			t.Errorf("%d, want the list alone", resp.StatusCode)
		}
	})

	t.Run("a moderator closes a report with a note, inline", func(t *testing.T) {
		resp, body := b.modA.post(views.ReportClosePath(b.reportA), url.Values{"note": {"Removed the link."}}, "HX-Request", "true")
		doc := parse(t, body)
		closed := doc.Find("li#" + rowA + " .report-closed")
		if resp.StatusCode != http.StatusOK || !strings.Contains(closed.Text(), "Report closed") || !strings.Contains(closed.Text(), "Removed the link.") || !strings.Contains(closed.Text(), "mod_a") {
			t.Fatalf("%d, want the closed report in place\n%s", resp.StatusCode, body)
		}
		var r struct {
			ClosedBy  string
			CloseNote string
		}
		if err := b.store.DB().NewRaw("SELECT u.username AS closed_by, r.close_note FROM reports r JOIN users u ON u.id = r.closed_by WHERE r.id = ?", b.reportA).Scan(t.Context(), &r); err != nil ||
			r.ClosedBy != "mod_a" || r.CloseNote != "Removed the link." {
			t.Errorf("stored %+v (%v)", r, err)
		}
		_, open := b.modA.page(views.ReportQueuePath)
		if got := reportRows(open); len(got) != 0 {
			t.Errorf("the open queue still lists %v", got)
		}
		_, closedList := b.modA.page(views.ReportQueuePath + "?closed=1")
		if got := reportRows(closedList); len(got) != 1 || !strings.Contains(closedList.Find("#"+rowA).Text(), "Removed the link.") {
			t.Errorf("the closed list shows %v", got)
		}
		if resp, _ := b.modA.post(views.ReportClosePath(b.reportA), url.Values{"note": {"again"}}, "HX-Request", "true"); resp.StatusCode != http.StatusConflict {
			t.Errorf("closing twice: %d, want 409", resp.StatusCode)
		}
	})

	t.Run("a plain close goes back to the queue; a bad note is kept", func(t *testing.T) {
		long := strings.Repeat("y", models.MaxReportNoteLength+1)
		for _, htmx := range []string{"true", "false"} {
			resp, body := b.modB.post(views.ReportClosePath(b.reportB), url.Values{"note": {long}}, "HX-Request", htmx)
			doc := parse(t, body)
			if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find("#close-note-error-"+strconv.FormatInt(b.reportB, 10)).Length() != 1 ||
				doc.Find("input[name=note]").AttrOr("value", "") != long {
				t.Errorf("htmx %s: %d, want 422 with the note kept", htmx, resp.StatusCode)
			}
		}
		resp, _ := b.modB.post(views.ReportClosePath(b.reportB), url.Values{"note": {""}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != views.ReportQueuePath {
			t.Errorf("%d to %q, want 303 to the queue", resp.StatusCode, resp.Header.Get("Location"))
		}
		if n := countRows(t, b.testBoard, "SELECT count(*) FROM reports WHERE closed_at IS NULL"); n != 0 {
			t.Errorf("%d reports still open", n)
		}
	})
}

func TestReportedMarker(t *testing.T) {
	b := newReportQueueBoard(t)
	path := views.TopicPath(b.topicA.ID, b.topicA.Title)
	marker := "#p" + strconv.FormatInt(b.postA, 10) + " .reported-marker"

	_, doc := b.modA.page(path)
	if href, _ := doc.Find(marker).Attr("href"); href != views.ReportsOfPostPath(b.postA) {
		t.Errorf("moderator of A: marker links %q, want %s", href, views.ReportsOfPostPath(b.postA))
	}
	if doc.Find(".reported-marker").Length() != 1 {
		t.Errorf("%d markers, want 1: only the reported post", doc.Find(".reported-marker").Length())
	}
	for who, get := range map[string]func(string, ...string) (*http.Response, string){
		"the reporter": b.member.get, "a guest": b.get, "the moderator of B": b.modB.get,
	} {
		if resp, body := get(path); resp.StatusCode != http.StatusOK || strings.Contains(body, "reported-marker") {
			t.Errorf("%s: %d, and the marker shows", who, resp.StatusCode)
		}
	}
	modA, err := b.store.UserForLogin(t.Context(), "mod_a")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.store.CloseReport(t.Context(), b.reportA, modA.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, doc := b.modA.page(path); doc.Find(".reported-marker").Length() != 0 {
		t.Error("the marker stays once the report is closed")
	}
}
