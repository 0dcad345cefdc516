package models_test

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
	"hyperboard/models"
)

// treeOrder lists the categories and forums as "C1: f, f; C2: f".
func treeOrder(t *testing.T, store *models.Store) string {
	t.Helper()
	tree, err := store.ForumTree(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var sections []string
	for _, s := range tree {
		var titles []string
		for _, f := range s.Forums {
			titles = append(titles, f.Title)
		}
		sections = append(sections, s.Category.Title+": "+strings.Join(titles, ", "))
	}
	return strings.Join(sections, "; ")
}

func TestReorderRenumbersRepeatedPositions(t *testing.T) {
	store := dbtest.Store(t)
	for _, title := range []string{"A", "B", "C"} {
		if _, err := store.DB().NewRaw("INSERT INTO categories (title, position) VALUES (?, 0)", title).Exec(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	tree, _ := store.ForumTree(t.Context())
	for _, f := range []string{"x", "y", "z"} {
		if _, err := store.DB().NewRaw("INSERT INTO forums (category_id, title, position) VALUES (?, ?, 7)", tree[0].Category.ID, f).Exec(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	if got := treeOrder(t, store); got != "A: x, y, z; B: ; C: " {
		t.Fatalf("tree %q", got)
	}
	tree, _ = store.ForumTree(t.Context())
	if err := store.MoveCategory(t.Context(), tree[2].Category.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := store.MoveForum(t.Context(), tree[0].Forums[0].ID, false); err != nil {
		t.Fatal(err)
	}
	if got := treeOrder(t, store); got != "A: y, x, z; C: ; B: " {
		t.Errorf("tree %q, want A: y, x, z; C: ; B: ", got)
	}
	if err := store.MoveForum(t.Context(), 999999, true); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("moving a forum that does not exist: %v", err)
	}
}

// A reply that arrives while its forum is being deleted lands in the
// forum its topic moved to, and every counter stays exact.
func TestDeleteForumWhileRepliesArrive(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	author := fx.User("author")
	doomed, target := fx.Forum("Doomed"), fx.Forum("Target")
	var topics []*models.Topic
	for i := range 5 {
		topics = append(topics, fx.Topic(doomed, author, fixture.TopicSpec{Title: "Topic " + string(rune('A'+i)), Posts: 2}))
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(topics)*3)
	for _, topic := range topics {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				_, err := store.CreateReply(t.Context(), topic.ID, models.NewPost{AuthorID: author.ID, Body: "late", BodyHTML: "late"})
				errs <- err
			}
		}()
	}
	if err := store.DeleteForum(t.Context(), doomed.ID, target.ID); err != nil {
		t.Fatalf("delete: %v", err)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("reply: %v", err)
		}
	}
	drift, err := store.Recount(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drift {
		if d.Rows != 0 {
			t.Errorf("%d rows of %s drifted", d.Rows, d.Table)
		}
	}
	f, err := store.Forum(t.Context(), target.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.TopicCount != 5 || f.PostCount != 5*2+5*3 {
		t.Errorf("target holds %d topics and %d posts, want 5 and 25", f.TopicCount, f.PostCount)
	}
}
