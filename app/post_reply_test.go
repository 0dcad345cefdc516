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

// replyForm reads the inline reply form of a page: its action and fields.
func replyForm(t *testing.T, doc *goquery.Document) (string, url.Values) {
	t.Helper()
	form := doc.Find("form#" + views.ReplyFormID)
	if form.Length() != 1 {
		t.Fatalf("no reply form on the page")
	}
	values := url.Values{}
	form.Find("input[name], textarea[name]").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		if goquery.NodeName(s) == "textarea" {
			values.Set(name, s.Text())
		} else {
			values.Set(name, s.AttrOr("value", ""))
		}
	})
	return form.AttrOr("action", ""), values
}

func parseDoc(t *testing.T, body string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestReply(t *testing.T) {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 0 })
	author := b.fx.User("author")
	forum := b.fx.Forum("Lounge")
	topic := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Clear skies", Posts: 3})
	path := views.TopicPath(topic.ID, topic.Title)
	cl, member := b.loggedIn("replier")

	t.Run("without JavaScript a reply posts and redirects to the new post", func(t *testing.T) {
		_, doc := cl.page(path)
		action, form := replyForm(t, doc)
		form.Set("message", "Saw Saturn's rings tonight!")
		resp, _ := cl.post(action, form)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/p/") {
			t.Fatalf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		_, doc = cl.page(path)
		last := doc.Find("#posts article").Last()
		if !strings.Contains(last.Find(".post-body").Text(), "Saturn's rings") || last.AttrOr("data-post-number", "") != "4" {
			t.Errorf("the new post is not the last one: %q", last.Text())
		}
		if n := countRows(t, b, "SELECT post_count FROM users WHERE id = ?", member.ID); n != 1 {
			t.Errorf("the member's post count is %d", n)
		}
	})
	t.Run("with htmx the reply is appended and the form emptied", func(t *testing.T) {
		_, doc := cl.page(path)
		action, form := replyForm(t, doc)
		form.Set("message", "Jupiter's moons lined up.")
		resp, body := cl.post(action, form, "HX-Request", "true")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("got %d\n%s", resp.StatusCode, body)
		}
		frag := parseDoc(t, body)
		if got := frag.Find(`[hx-swap-oob="beforeend:#posts"] article`).Length(); got != 1 {
			t.Fatalf("the answer appends %d posts, want 1", got)
		}
		if !strings.Contains(frag.Find(`[hx-swap-oob] .post-body`).Text(), "Jupiter's moons") {
			t.Error("the appended post is not the reply")
		}
		if got := frag.Find(`#topic-stats[hx-swap-oob=true]`).Text(); !strings.Contains(got, "4 replies") {
			t.Errorf("the reply count sent out of band reads %q, want 4 replies", got)
		}
		if msg := frag.Find("form#reply textarea").Text(); msg != "" {
			t.Errorf("the form still holds %q", msg)
		}
		if _, next := replyForm(t, frag); next.Get("key") == form.Get("key") || next.Get("key") == "" {
			t.Error("the fresh form did not get a new submission key")
		}
	})
	t.Run("the same form sent twice makes one post", func(t *testing.T) {
		_, doc := cl.page(path)
		action, form := replyForm(t, doc)
		form.Set("message", "Only once, please.")
		before := countRows(t, b, "SELECT count(*) FROM posts")
		first, _ := cl.post(action, form)
		second, _ := cl.post(action, form)
		if after := countRows(t, b, "SELECT count(*) FROM posts"); after != before+1 {
			t.Errorf("%d posts made", after-before)
		}
		if first.Header.Get("Location") != second.Header.Get("Location") {
			t.Errorf("the second submission went to %q, not the first post %q", second.Header.Get("Location"), first.Header.Get("Location"))
		}
	})
	t.Run("rejected replies keep the text", func(t *testing.T) {
		long := strings.Repeat("x", 60001)
		for name, c := range map[string]struct {
			message, want string
		}{
			"empty":    {"   ", "Write a message"},
			"too long": {long, "the limit is 60,000"},
		} {
			_, doc := cl.page(path)
			action, form := replyForm(t, doc)
			form.Set("message", c.message)
			before := countRows(t, b, "SELECT count(*) FROM posts")
			resp, body := cl.post(action, form, "HX-Request", "true")
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) {
				t.Errorf("%s: got %d", name, resp.StatusCode)
			}
			if strings.TrimSpace(c.message) != "" && !strings.Contains(body, c.message[:100]) {
				t.Errorf("%s: the text was not kept", name)
			}
			if countRows(t, b, "SELECT count(*) FROM posts") != before {
				t.Errorf("%s: a post was written", name)
			}
		}
	})
	t.Run("an expired session keeps the text and writes nothing", func(t *testing.T) {
		_, doc := cl.page(path)
		action, form := replyForm(t, doc)
		form.Set("message", "Written while my session ran out.")
		if _, err := b.store.DB().ExecContext(t.Context(), "DELETE FROM sessions WHERE user_id = ?", member.ID); err != nil {
			t.Fatal(err)
		}
		b.fx.Announce() // as every write behind the board's back must
		before := countRows(t, b, "SELECT count(*) FROM posts")
		resp, body := cl.postRaw(action, form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Written while my session ran out.") || !strings.Contains(body, "Your session has ended") {
			t.Errorf("got %d", resp.StatusCode)
		}
		if countRows(t, b, "SELECT count(*) FROM posts") != before {
			t.Error("a post was written")
		}
	})
}

func TestReplyFloodControlAndLockedTopics(t *testing.T) {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.FloodIntervalSeconds = 60 })
	author := b.fx.User("author")
	forum := b.fx.Forum("Lounge")
	open := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Open"})
	locked := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Closed", Locked: true})
	cl, _ := b.loggedIn("hasty")

	send := func(topic *models.Topic, message string) (*http.Response, string) {
		_, doc := cl.page(views.TopicPath(topic.ID, topic.Title))
		if topic.Locked {
			return cl.post(views.ReplyPath(topic.ID), url.Values{"message": {message}, "key": {models.NewToken()}})
		}
		action, form := replyForm(t, doc)
		form.Set("message", message)
		return cl.post(action, form)
	}
	if resp, _ := send(open, "first"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("first reply: %d", resp.StatusCode)
	}
	resp, body := send(open, "second, too soon")
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Please wait") || !strings.Contains(body, "second, too soon") {
		t.Errorf("second reply within the flood interval: %d", resp.StatusCode)
	}
	if resp.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	_, doc := cl.page(views.TopicPath(locked.ID, locked.Title))
	if doc.Find("form#reply").Length() != 0 || !strings.Contains(doc.Find("#reply").Text(), "locked") {
		t.Error("a locked topic offers the reply form")
	}
	resp, body = send(locked, "forced")
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "locked") {
		t.Errorf("a forged reply to a locked topic: %d", resp.StatusCode)
	}
}

func TestReplyWithQuote(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("quoted")
	forum := b.fx.Forum("Lounge")
	topic := b.fx.Topic(forum, author, fixture.TopicSpec{Title: "Quotable", Posts: 2})
	ids := b.fx.PostIDs(topic.ID)
	cl, _ := b.loggedIn("quoter")

	t.Run("without JavaScript the reply page opens with the quote", func(t *testing.T) {
		_, doc := cl.page(views.QuotePath(topic.ID, ids[1]))
		got := doc.Find("form#reply textarea").Text()
		want := `[quote="quoted" post=` + strconv.FormatInt(ids[1], 10) + `]Post 2 of Quotable.[/quote]`
		if !strings.Contains(got, want) {
			t.Errorf("the box holds %q, want the quote %q", got, want)
		}
	})
	t.Run("with htmx quotes gather after what was typed", func(t *testing.T) {
		_, doc := cl.page(views.TopicPath(topic.ID, topic.Title))
		_, form := replyForm(t, doc)
		form.Set("message", "As they said:")
		_, body := cl.post(views.QuotePath(topic.ID, ids[0]), form, "HX-Request", "true")
		_, form = replyForm(t, parseDoc(t, body))
		_, body = cl.post(views.QuotePath(topic.ID, ids[1]), form, "HX-Request", "true")
		got := parseDoc(t, body).Find("form#reply textarea").Text()
		first, second := strings.Index(got, "Post 1 of"), strings.Index(got, "Post 2 of")
		if !strings.HasPrefix(got, "As they said:") || first < 0 || second < first {
			t.Errorf("the box holds %q", got)
		}
		if n := countRows(t, b, "SELECT count(*) FROM posts"); n != 2 {
			t.Error("quoting wrote a post")
		}
	})
	t.Run("a guest is sent to log in", func(t *testing.T) {
		resp, _ := b.get(views.QuotePath(topic.ID, ids[0]))
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?return=") {
			t.Errorf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
}

func TestReplyDraftIsRestored(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("author")
	topic := b.fx.Topic(b.fx.Forum("Lounge"), author, fixture.TopicSpec{Title: "Drafty"})
	cl, _ := b.loggedIn("writer")
	resp, _ := cl.post(views.DraftPath(topic.ID), url.Values{"message": {"half a thought"}}, "HX-Request", "true")
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("saving the draft: %d", resp.StatusCode)
	}
	_, doc := cl.page(views.TopicPath(topic.ID, topic.Title))
	if got := doc.Find("form#reply textarea").Text(); got != "half a thought" {
		t.Errorf("the box holds %q after a reload", got)
	}
	_, form := replyForm(t, doc)
	form.Set("message", "a whole thought")
	if resp, _ := cl.post(views.ReplyPath(topic.ID), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("posting the reply: %d", resp.StatusCode)
	}
	if n := countRows(t, b, "SELECT count(*) FROM drafts"); n != 0 {
		t.Error("posting did not clear the draft")
	}
	if resp, _ := b.newClient().post(views.DraftPath(topic.ID), url.Values{"message": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a guest's draft: %d", resp.StatusCode)
	}
}
