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

// sendPM sends a message without JavaScript and returns its id.
func sendPM(t *testing.T, cl *client, to, subject, message string) int64 {
	t.Helper()
	resp, body := cl.post("/pm/new", url.Values{"to": {to}, "subject": {subject}, "message": {message}})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/pm/") {
		t.Fatalf("send: status %d, Location %q\n%s", resp.StatusCode, loc, body)
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/pm/"), 10, 64)
	if err != nil {
		t.Fatalf("send: Location %q", loc)
	}
	return id
}

// inFolder counts the times a message is listed in a member's folder.
func inFolder(t *testing.T, cl *client, folder string, id int64) int {
	t.Helper()
	_, doc := cl.page(folder)
	return doc.Find("#pm-list li#pm" + strconv.FormatInt(id, 10)).Length()
}

func doc(t *testing.T, body string) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestPMFolders(t *testing.T) {
	b := newTestBoard(t)
	alice, _ := b.loggedIn("alice")
	bob, _ := b.loggedIn("bob")
	carol, _ := b.loggedIn("carol")
	id := sendPM(t, alice, "bob, Carol, bob", "Lunch", "Shall we?")

	t.Run("each recipient sees it once in their inbox", func(t *testing.T) {
		for name, cl := range map[string]*client{"bob": bob, "carol": carol} {
			if n := inFolder(t, cl, "/pm", id); n != 1 {
				t.Errorf("%s's inbox lists it %d times, want 1", name, n)
			}
		}
		if n := countRows(t, b, "SELECT count(*) FROM pm_recipients WHERE message_id = ?", id); n != 2 {
			t.Errorf("%d recipient rows, want 2 (repeated names count once)", n)
		}
	})
	t.Run("the header counts unread messages", func(t *testing.T) {
		_, d := carol.page("/")
		if got := strings.TrimSpace(d.Find("#pm-unread").Text()); got != "You have 1 new message" {
			t.Errorf("carol's header says %q", got)
		}
		_, d = alice.page("/")
		if d.Find("#pm-unread").Length() != 0 {
			t.Error("the sender is told of new messages")
		}
	})
	t.Run("the sender has it in Outbox until someone reads it", func(t *testing.T) {
		if inFolder(t, alice, "/pm/outbox", id) != 1 || inFolder(t, alice, "/pm/sent", id) != 0 {
			t.Error("not in Outbox alone before it was read")
		}
		if inFolder(t, alice, "/pm", id) != 0 {
			t.Error("the sender's own message is in their inbox")
		}
	})
	t.Run("reading moves it to Sent and clears the header", func(t *testing.T) {
		_, d := bob.page(fmtPM(id))
		if d.Find("#pm-unread").Length() != 0 {
			t.Error("the page that reads the last unread message still announces it")
		}
		if inFolder(t, alice, "/pm/outbox", id) != 0 || inFolder(t, alice, "/pm/sent", id) != 1 {
			t.Error("not in Sent alone after bob read it")
		}
		_, d = carol.page("/")
		if d.Find("#pm-unread").Length() != 1 {
			t.Error("bob's reading cleared carol's count")
		}
	})
	t.Run("htmx gets the list and the form alone", func(t *testing.T) {
		for _, p := range []string{"/pm", "/pm/new?to=bob"} {
			_, d := bob.page(p, "HX-Request", "true")
			if d.Find("header#top").Length() != 0 || d.Find("#pm-list, #pm-form").Length() != 1 {
				t.Errorf("%s: not the fragment alone", p)
			}
			if _, d := bob.page(p); d.Find("header#top").Length() != 1 {
				t.Errorf("%s: no page without htmx", p)
			}
		}
	})
	t.Run("saving moves a copy to Saved", func(t *testing.T) {
		if resp, body := carol.post(fmtPM(id)+"/save", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d\n%s", resp.StatusCode, body)
		}
		if inFolder(t, carol, "/pm/saved", id) != 1 || inFolder(t, carol, "/pm", id) != 0 {
			t.Error("saved message not in Saved alone")
		}
		if inFolder(t, bob, "/pm", id) != 1 {
			t.Error("carol's save moved bob's copy")
		}
	})
}

func fmtPM(id int64) string { return "/pm/" + strconv.FormatInt(id, 10) }

func TestPMReadableOnlyBySenderAndRecipients(t *testing.T) {
	b := newTestBoard(t)
	alice, _ := b.loggedIn("alice")
	bob, _ := b.loggedIn("bob")
	dave, _ := b.loggedIn("dave")
	admin, au := b.loggedIn("admin")
	if err := b.store.AddToSystemGroup(t.Context(), au.ID, models.GroupAdministrators); err != nil {
		t.Fatal(err)
	}
	id := sendPM(t, alice, "bob", "Secret", "only for bob")
	path := fmtPM(id)

	for name, cl := range map[string]*client{"alice": alice, "bob": bob} {
		if resp, _ := cl.get(path); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", name, resp.StatusCode)
		}
	}
	t.Run("every other member, administrators too, gets 404 everywhere", func(t *testing.T) {
		for _, other := range []*client{dave, admin} {
			for _, p := range []string{path, path + "/reply", path + "/reply?quote=1"} {
				if resp, body := other.get(p); resp.StatusCode != http.StatusNotFound || strings.Contains(body, "only for bob") {
					t.Errorf("GET %s: status %d", p, resp.StatusCode)
				}
			}
			for _, p := range []string{path + "/delete", path + "/save"} {
				if resp, _ := other.post(p, nil); resp.StatusCode != http.StatusNotFound {
					t.Errorf("POST %s: status %d", p, resp.StatusCode)
				}
			}
			resp, _ := other.post("/pm/new", url.Values{"to": {"alice"}, "subject": {"Re: Secret"}, "message": {"hi"}, "reply_to": {strconv.FormatInt(id, 10)}})
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("reply to it: status %d", resp.StatusCode)
			}
			for _, folder := range []string{"/pm", "/pm/outbox", "/pm/sent", "/pm/saved"} {
				if inFolder(t, other, folder, id) != 0 {
					t.Errorf("listed in another member's %s", folder)
				}
			}
		}
		if n := countRows(t, b, "SELECT count(*) FROM private_messages"); n != 1 {
			t.Errorf("%d messages, want 1", n)
		}
		if n := countRows(t, b, "SELECT count(*) FROM pm_recipients WHERE deleted_at IS NULL AND NOT saved"); n != 1 {
			t.Error("dave changed a copy")
		}
	})
	t.Run("a guest is sent to log in", func(t *testing.T) {
		resp, body := b.get(path)
		if resp.StatusCode != http.StatusSeeOther || strings.Contains(body, "only for bob") {
			t.Errorf("status %d", resp.StatusCode)
		}
	})
}

func TestPMDeleteIsPerSide(t *testing.T) {
	b := newTestBoard(t)
	alice, _ := b.loggedIn("alice")
	bob, _ := b.loggedIn("bob")
	carol, _ := b.loggedIn("carol")
	id := sendPM(t, alice, "bob, carol", "Plans", "tomorrow")
	status := func(cl *client) int { resp, _ := cl.get(fmtPM(id)); return resp.StatusCode }

	if resp, body := bob.post(fmtPM(id)+"/delete", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d\n%s", resp.StatusCode, body)
	}
	if status(bob) != http.StatusNotFound || status(alice) != http.StatusOK || status(carol) != http.StatusOK {
		t.Error("bob's delete did not remove his copy alone")
	}
	if resp, _ := bob.post(fmtPM(id)+"/delete", nil); resp.StatusCode != http.StatusNotFound {
		t.Error("deleting twice is not 404")
	}
	alice.post(fmtPM(id)+"/delete", nil)
	if status(alice) != http.StatusNotFound || status(carol) != http.StatusOK {
		t.Error("alice's delete did not remove her copy alone")
	}
	carol.post(fmtPM(id)+"/delete", nil)
	if n := countRows(t, b, "SELECT count(*) FROM private_messages"); n != 0 {
		t.Error("a message nobody keeps is still stored")
	}
}

func TestPMReplyWithQuote(t *testing.T) {
	b := newTestBoard(t)
	alice, _ := b.loggedIn("alice")
	bob, _ := b.loggedIn("bob")
	id := sendPM(t, alice, "bob", "Question", "Tea or coffee?")

	_, d := bob.page(fmtPM(id) + "/reply?quote=1")
	form := d.Find("form#pm-form")
	if v, _ := form.Find("input[name=to]").Attr("value"); v != "alice" {
		t.Errorf("to %q", v)
	}
	if v, _ := form.Find("input[name=subject]").Attr("value"); v != "Re: Question" {
		t.Errorf("subject %q", v)
	}
	msg := form.Find("textarea[name=message]").Text()
	if !strings.Contains(msg, `[quote="alice"]`) || !strings.Contains(msg, "Tea or coffee?") {
		t.Errorf("message %q has no quote", msg)
	}
	_, d = bob.page(fmtPM(id))
	if target, _ := d.Find(`a[hx-get$="/reply?quote=1"]`).Attr("hx-target"); target != "#pm-reply" || d.Find("#pm-reply").Length() != 1 {
		t.Error("reply with quote does not open inline with htmx")
	}
	_, d = bob.page(fmtPM(id)+"/reply?quote=1", "HX-Request", "true")
	if d.Find("header#top").Length() != 0 || !strings.Contains(d.Find("#pm-form textarea").Text(), `[quote="alice"]`) {
		t.Error("htmx does not get the quoted form alone")
	}
	resp, _ := bob.post("/pm/new", url.Values{"to": {"alice"}, "subject": {"Re: Question"}, "message": {msg + "Tea."},
		"reply_to": {strconv.FormatInt(id, 10)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply: %d", resp.StatusCode)
	}
	_, d = alice.page("/pm")
	if d.Find("#pm-list li").Length() != 1 {
		t.Error("the reply is not in alice's inbox")
	}
	if n := countRows(t, b, "SELECT count(*) FROM private_messages WHERE reply_to_id = ?", id); n != 1 {
		t.Error("the reply is not linked to the message")
	}
}

func TestPMCooksBBCodeSafely(t *testing.T) {
	b := newTestBoard(t)
	alice, _ := b.loggedIn("alice")
	bob, _ := b.loggedIn("bob")
	id := sendPM(t, alice, "bob", `<img src=x onerror=alert(1)>`, "[b]bold[/b] <script>alert(1)</script> [url=javascript:alert(1)]x[/url]")
	_, d := bob.page(fmtPM(id))
	body := d.Find(".post-body")
	if body.Find("b, strong").Length() != 1 {
		t.Error("BBCode not cooked")
	}
	if d.Find("script:not([src])").Length() != 0 || d.Find("img[onerror]").Length() != 0 || body.Find(`a[href^="javascript"]`).Length() != 0 {
		t.Error("user text became markup")
	}
	if _, ok := body.Attr("hx-disable"); !ok {
		t.Error("the cooked body can trigger htmx")
	}
}

func TestPMFormRefusals(t *testing.T) {
	b := newTestBoard(t)
	alice, au := b.loggedIn("alice")
	bob, _ := b.loggedIn("bob")
	for _, name := range []string{"c1", "c2", "c3", "c4", "c5"} {
		b.fx.User(name)
	}
	refused := func(t *testing.T, to, want string, headers ...string) *goquery.Document {
		t.Helper()
		resp, body := alice.post("/pm/new", url.Values{"to": {to}, "subject": {"Hello"}, "message": {"my careful text"}}, headers...)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d, want 422\n%s", resp.StatusCode, body)
		}
		d := doc(t, body)
		if got := d.Find("#pm-form").Text(); !strings.Contains(got, want) {
			t.Errorf("no %q in the form", want)
		}
		if d.Find("textarea[name=message]").Text() != "my careful text" {
			t.Error("the text was lost")
		}
		return d
	}
	t.Run("unknown names are named", func(t *testing.T) { refused(t, "bob, nobody", "no member called “nobody”") })
	t.Run("empty recipients", func(t *testing.T) { refused(t, " , ", "Name at least one member") })
	t.Run("too many recipients", func(t *testing.T) { refused(t, "bob, c1, c2, c3, c4, c5", "at most 5 members") })
	t.Run("htmx gets the form alone", func(t *testing.T) {
		d := refused(t, "nobody", "no member called", "HX-Request", "true")
		if d.Find("html > head > title").Length() != 0 && d.Find("header#top").Length() != 0 {
			t.Error("a whole page for htmx")
		}
	})
	t.Run("blocked", func(t *testing.T) {
		if resp, body := bob.post("/pm/block", url.Values{"user": {strconv.FormatInt(au.ID, 10)}, "block": {"1"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("block: %d\n%s", resp.StatusCode, body)
		}
		refused(t, "bob", "bob does not accept private messages from you")
		bob.post("/pm/block", url.Values{"user": {strconv.FormatInt(au.ID, 10)}, "block": {"0"}})
		sendPM(t, alice, "bob", "Hello", "again")
	})
	t.Run("the recipient's inbox is full", func(t *testing.T) {
		eve := b.fx.User("eve")
		_, err := b.store.DB().NewRaw(`WITH m AS (INSERT INTO private_messages (sender_id, subject, body, body_html)
			SELECT ?, 's', 'b', 'b' FROM generate_series(1, ?) RETURNING id)
			INSERT INTO pm_recipients (message_id, user_id) SELECT id, (SELECT id FROM users WHERE username = 'bob') FROM m`,
			eve.ID, pmLimits.FolderSize).Exec(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		refused(t, "bob", "The inbox of bob is full")
	})
	t.Run("hourly limit", func(t *testing.T) {
		_, err := b.store.DB().NewRaw(`INSERT INTO private_messages (sender_id, subject, body, body_html)
			SELECT ?, 's', 'b', 'b' FROM generate_series(1, ?)`, au.ID, pmLimits.PerHour).Exec(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		resp, body := alice.post("/pm/new", url.Values{"to": {"c1"}, "subject": {"Hello"}, "message": {"my careful text"}})
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("status %d, Retry-After %q, want 429 with a wait", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		d := doc(t, body)
		if !strings.Contains(d.Find("#pm-error").Text(), "You may send 20 private messages an hour") || d.Find("textarea[name=message]").Text() != "my careful text" {
			t.Error("no reason, or the text was lost")
		}
	})
	t.Run("a missing subject keeps the text", func(t *testing.T) {
		resp, body := alice.post("/pm/new", url.Values{"to": {"c1"}, "message": {"kept"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || doc(t, body).Find("#pm-subject-error").Length() != 1 {
			t.Errorf("status %d", resp.StatusCode)
		}
	})
}

func TestPMNeedsCSRF(t *testing.T) {
	b := newTestBoard(t)
	alice, _ := b.loggedIn("alice")
	b.fx.User("bob")
	resp, _ := alice.postRaw("/pm/new", url.Values{"to": {"bob"}, "subject": {"Hi"}, "message": {"forged"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("status %d, want 403", resp.StatusCode)
	}
	if n := countRows(t, b, "SELECT count(*) FROM private_messages"); n != 0 {
		t.Error("a message was written without the token")
	}
}

func TestPMPreviewAndHTMXSend(t *testing.T) {
	b := newTestBoard(t)
	alice, _ := b.loggedIn("alice")
	b.fx.User("bob")
	resp, body := alice.post("/pm/new", url.Values{"to": {"bob"}, "subject": {"Hi"}, "message": {"[i]soft[/i]"}, "preview": {"1"}})
	if resp.StatusCode != http.StatusOK || doc(t, body).Find(`section[aria-label=Preview] .post-body i, section[aria-label=Preview] .post-body em`).Length() != 1 {
		t.Errorf("preview: status %d", resp.StatusCode)
	}
	if n := countRows(t, b, "SELECT count(*) FROM private_messages"); n != 0 {
		t.Error("a preview was sent")
	}
	resp, _ = alice.post("/pm/new", url.Values{"to": {"bob"}, "subject": {"Hi"}, "message": {"sent"}}, "HX-Request", "true")
	if !strings.HasPrefix(resp.Header.Get("HX-Redirect"), "/pm/") {
		t.Errorf("htmx send: status %d, HX-Redirect %q", resp.StatusCode, resp.Header.Get("HX-Redirect"))
	}
}

func TestPMNameCompletion(t *testing.T) {
	b := newTestBoard(t)
	alice, _ := b.loggedIn("alice")
	b.fx.User("bob")
	b.fx.User("bobby")
	b.fx.User("carol")
	_, body := alice.get("/pm/names?to="+url.QueryEscape("carol, BO"), "HX-Request", "true")
	got := doc(t, body).Find("datalist#pm-names option").Map(func(_ int, s *goquery.Selection) string { v, _ := s.Attr("value"); return v })
	if strings.Join(got, "|") != "carol, bob|carol, bobby" {
		t.Errorf("options %q", got)
	}
}

func TestPMLinkOnProfiles(t *testing.T) {
	b := newTestBoard(t)
	alice, au := b.loggedIn("alice")
	bob := b.fx.User("bob")
	_, d := alice.page(views.UserPath(bob.ID, bob.Username))
	if href, _ := d.Find("a.pm-link").Attr("href"); href != "/pm/new?to=bob" {
		t.Errorf("link to %q", href)
	}
	_, d = alice.page(views.UserPath(au.ID, au.Username))
	if d.Find("a.pm-link").Length() != 0 {
		t.Error("a link to message oneself")
	}
	_, d = alice.page("/pm/new?to=bob")
	if v, _ := d.Find("#pm-form input[name=to]").Attr("value"); v != "bob" {
		t.Errorf("to %q", v)
	}
}

func TestPMSecondSubmissionFindsTheFirst(t *testing.T) {
	b := newTestBoard(t)
	alice, _ := b.loggedIn("alice")
	b.fx.User("bob")
	_, d := alice.page("/pm/new?to=bob")
	key, _ := d.Find("#pm-form input[name=key]").Attr("value")
	if key == "" {
		t.Fatal("the form has no submission key")
	}
	form := url.Values{"to": {"bob"}, "subject": {"Once"}, "message": {"only once"}, "key": {key}}
	first, _ := alice.post("/pm/new", form)
	second, _ := alice.post("/pm/new", form)
	if first.Header.Get("Location") == "" || first.Header.Get("Location") != second.Header.Get("Location") {
		t.Errorf("Locations %q and %q", first.Header.Get("Location"), second.Header.Get("Location"))
	}
	if n := countRows(t, b, "SELECT count(*) FROM private_messages"); n != 1 {
		t.Errorf("%d messages, want 1", n)
	}
}

func TestPMLinkInAuthorPanels(t *testing.T) {
	b := newTestBoard(t)
	alice, _ := b.loggedIn("alice")
	bob, bu := b.loggedIn("bob")
	topic := b.fx.Topic(b.fx.Forum("General"), bu, fixture.TopicSpec{Title: "Hello", Posts: 2})
	path := views.TopicPath(topic.ID, topic.Title)
	_, d := alice.page(path)
	links := d.Find("article .author-panel a.pm-link")
	if href, _ := links.Attr("href"); links.Length() != 2 || href != "/pm/new?to=bob" {
		t.Errorf("%d links, to %q; want one on each of bob's posts", links.Length(), href)
	}
	for name, cl := range map[string]*client{"the author": bob, "a guest": b.newClient()} {
		if _, d := cl.page(path); d.Find("a.pm-link").Length() != 0 {
			t.Errorf("%s is offered the link", name)
		}
	}
}
