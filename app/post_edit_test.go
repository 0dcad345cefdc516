package app

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

func TestEditPost(t *testing.T) {
	b := newTestBoard(t)
	cl, me := b.loggedIn("editor")
	other := b.fx.User("someone")
	forum := b.fx.Forum("Lounge")
	mine := b.fx.Topic(forum, me, fixture.TopicSpec{Title: "My topic", Posts: 2})
	theirs := b.fx.Topic(forum, other, fixture.TopicSpec{Title: "Their topic"})
	myIDs, theirIDs := b.fx.PostIDs(mine.ID), b.fx.PostIDs(theirs.ID)

	editForm := func(id int64, headers ...string) url.Values {
		t.Helper()
		_, doc := cl.page(views.EditPath(id), headers...)
		form := url.Values{}
		doc.Find(".edit-form input[name], .edit-form textarea[name]").Each(func(_ int, s *goquery.Selection) {
			if goquery.NodeName(s) == "textarea" {
				form.Set(s.AttrOr("name", ""), s.Text())
			} else {
				form.Set(s.AttrOr("name", ""), s.AttrOr("value", ""))
			}
		})
		return form
	}

	t.Run("htmx swaps the post for its form and Save swaps the cooked post back", func(t *testing.T) {
		form := editForm(myIDs[1], "HX-Request", "true")
		if form.Get("message") != "Post 2 of My topic." {
			t.Fatalf("the form holds %q", form.Get("message"))
		}
		form.Set("message", "Corrected [b]text[/b]")
		form.Set("reason", "typo")
		resp, body := cl.post(views.EditPath(myIDs[1]), form, "HX-Request", "true")
		doc := parseDoc(t, body)
		article := doc.Find("article#p" + strconv.FormatInt(myIDs[1], 10))
		if resp.StatusCode != http.StatusOK || article.Find(".post-body strong").Text() != "text" {
			t.Fatalf("got %d\n%s", resp.StatusCode, body)
		}
		note := strings.Join(strings.Fields(article.Find(".edit-note").Text()), " ")
		if !strings.Contains(note, "Last edited by editor") || !strings.Contains(note, "edited 1 time in total") || !strings.Contains(note, "Reason: typo") {
			t.Errorf("edit note = %q", note)
		}
	})
	t.Run("editing the first post can change the topic title", func(t *testing.T) {
		form := editForm(myIDs[0])
		form.Set("title", "My renamed topic")
		resp, _ := cl.post(views.EditPath(myIDs[0]), form)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("got %d", resp.StatusCode)
		}
		got, err := b.store.TopicView(t.Context(), mine.ID, time.Time{}, 0)
		if err != nil || got.Title != "My renamed topic" {
			t.Errorf("title = %q, %v", got.Title, err)
		}
	})
	t.Run("an edit of a changed post is refused with the text kept", func(t *testing.T) {
		form := editForm(myIDs[1])
		stale := form.Get("version")
		form.Set("message", "first save")
		cl.post(views.EditPath(myIDs[1]), form)
		form.Set("message", "second save from an old form")
		form.Set("version", stale)
		resp, body := cl.post(views.EditPath(myIDs[1]), form, "HX-Request", "true")
		if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "second save from an old form") || !strings.Contains(body, "changed by someone else") {
			t.Errorf("got %d", resp.StatusCode)
		}
	})
	t.Run("an empty edit is refused and writes nothing", func(t *testing.T) {
		form := editForm(myIDs[1])
		form.Set("message", " ")
		resp, _ := cl.post(views.EditPath(myIDs[1]), form)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("got %d", resp.StatusCode)
		}
	})
	t.Run("someone else's post cannot be edited, even by a forged request", func(t *testing.T) {
		if resp, _ := cl.get(views.EditPath(theirIDs[0])); resp.StatusCode != http.StatusForbidden {
			t.Errorf("edit form: %d", resp.StatusCode)
		}
		resp, _ := cl.post(views.EditPath(theirIDs[0]), url.Values{"message": {"hijacked"}, "version": {"0"}, "title": {"x"}})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("forged save: %d", resp.StatusCode)
		}
		if n := countRows(t, b, "SELECT count(*) FROM posts WHERE body = 'hijacked'"); n != 0 {
			t.Error("the forged edit was written")
		}
	})
	t.Run("Cancel with htmx restores the post", func(t *testing.T) {
		_, body := cl.get(views.PostPath(myIDs[1]), "HX-Request", "true")
		if parseDoc(t, body).Find("article#p"+strconv.FormatInt(myIDs[1], 10)+" .post-body").Length() != 1 {
			t.Error("the post fragment is missing")
		}
	})
}

func TestDeletePost(t *testing.T) {
	b := newTestBoard(t)
	cl, me := b.loggedIn("deleter")
	other := b.fx.User("replier")
	forum := b.fx.Forum("Lounge")
	answered := b.fx.Topic(forum, me, fixture.TopicSpec{Title: "Answered"})
	b.store.CreateReply(t.Context(), answered.ID, models.NewPost{AuthorID: other.ID, Body: "an answer", BodyHTML: "<p>an answer</p>"})
	lonely := b.fx.Topic(forum, me, fixture.TopicSpec{Title: "Lonely"})
	mine := b.fx.Topic(forum, other, fixture.TopicSpec{Title: "Theirs with my reply"})
	myReply, err := b.store.CreateReply(t.Context(), mine.ID, models.NewPost{AuthorID: me.ID, Body: "oops", BodyHTML: "<p>oops</p>"})
	if err != nil {
		t.Fatal(err)
	}
	cl.get("/")

	t.Run("a post with a reply after it stays", func(t *testing.T) {
		resp, _ := cl.post(views.DeletePath(b.fx.PostIDs(answered.ID)[0]), nil)
		if resp.StatusCode != http.StatusConflict {
			t.Errorf("got %d", resp.StatusCode)
		}
	})
	t.Run("the last post goes and the counters follow", func(t *testing.T) {
		resp, body := cl.post(views.DeletePath(myReply.ID), nil, "HX-Request", "true")
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Your post was deleted") {
			t.Fatalf("got %d", resp.StatusCode)
		}
		if n := countRows(t, b, "SELECT count(*) FROM posts WHERE id = ? AND deleted_at IS NOT NULL", myReply.ID); n != 1 {
			t.Error("the post is not kept as deleted")
		}
		if resp, _ := b.get(views.PostPath(myReply.ID)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("the deleted post still answers %d", resp.StatusCode)
		}
	})
	t.Run("a topic's only post takes the topic with it", func(t *testing.T) {
		resp, _ := cl.post(views.DeletePath(b.fx.PostIDs(lonely.ID)[0]), nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != views.ForumPath(forum.ID, forum.Title) {
			t.Fatalf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if resp, _ := b.get(views.TopicPath(lonely.ID, lonely.Title)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("the deleted topic answers %d", resp.StatusCode)
		}
		_, doc := b.page(views.ForumPath(forum.ID, forum.Title))
		for _, title := range texts(doc.Find("#topics .topic-title")) {
			if title == "Lonely" {
				t.Error("the deleted topic is still listed")
			}
		}
	})
	t.Run("someone else's post cannot be deleted", func(t *testing.T) {
		resp, _ := cl.post(views.DeletePath(b.fx.PostIDs(answered.ID)[1]), nil)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("got %d", resp.StatusCode)
		}
	})
	drift, err := b.store.Recount(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drift {
		if d.Rows != 0 {
			t.Errorf("%s: %d rows drifted after deletions", d.Table, d.Rows)
		}
	}
}
