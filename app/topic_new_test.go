package app

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hyperboard/views"
)

func TestNewTopic(t *testing.T) {
	b := newTestBoard(t)
	forum := b.fx.Forum("Equipment")
	cl, _ := b.loggedIn("starter")
	path := views.NewTopicPath(forum.ID)

	newForm := func() url.Values {
		_, doc := cl.page(path)
		_, form := replyForm(t, doc)
		return form
	}
	t.Run("a guest is sent to log in", func(t *testing.T) {
		resp, _ := b.get(path)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?return=") {
			t.Errorf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("a subject is required and the text is kept", func(t *testing.T) {
		form := newForm()
		form.Set("message", "What eyepiece for planets?")
		resp, body := cl.post(path, form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Give your topic a subject") || !strings.Contains(body, "What eyepiece for planets?") {
			t.Errorf("got %d", resp.StatusCode)
		}
	})
	t.Run("preview shows the cooked message and writes nothing", func(t *testing.T) {
		form := newForm()
		form.Set("subject", "Planet eyepieces")
		form.Set("message", "<b>not bold</b>")
		form.Set("preview", "1")
		resp, body := cl.post(path, form, "HX-Request", "true")
		doc := parseDoc(t, body)
		if resp.StatusCode != http.StatusOK || !strings.Contains(doc.Find(`section[aria-label=Preview] .post-body`).Text(), "<b>not bold</b>") {
			t.Errorf("got %d; preview %q", resp.StatusCode, doc.Find(`section[aria-label=Preview]`).Text())
		}
		if countRows(t, b, "SELECT count(*) FROM topics") != 0 {
			t.Error("preview wrote a topic")
		}
	})
	t.Run("posting lands on the new topic", func(t *testing.T) {
		form := newForm()
		form.Set("subject", "Planet eyepieces")
		form.Set("message", "What eyepiece for planets?")
		resp, _ := cl.post(path, form)
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(loc, "/planet-eyepieces") {
			t.Fatalf("got %d to %q", resp.StatusCode, loc)
		}
		_, doc := cl.page(loc)
		if got := strings.TrimSpace(doc.Find("h1").Text()); got != "Planet eyepieces" {
			t.Errorf("topic title %q", got)
		}
		_, doc = cl.page(views.ForumPath(forum.ID, forum.Title))
		if got := texts(doc.Find("#topics .topic-title")); len(got) != 1 || got[0] != "Planet eyepieces" {
			t.Errorf("forum lists %v", got)
		}
		drift, _ := b.store.Recount(t.Context(), false)
		for _, d := range drift {
			if d.Rows != 0 {
				t.Errorf("%s drifted", d.Table)
			}
		}
	})
}
