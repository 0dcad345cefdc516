package models_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
	"hyperboard/models"
)

func reply(author *models.User, body string) models.NewPost {
	return models.NewPost{AuthorID: author.ID, Body: body, BodyHTML: "<p>" + body + "</p>"}
}

func TestConcurrentRepliesKeepEveryCounterExact(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	var authors []*models.User
	for i := range 5 {
		authors = append(authors, fx.User(fmt.Sprintf("writer%d", i)))
	}
	var topics []*models.Topic
	for f := range 3 {
		forum := fx.Forum(fmt.Sprintf("Forum %d", f))
		for i := range 2 {
			topics = append(topics, fx.Topic(forum, authors[0], fixture.TopicSpec{Title: fmt.Sprintf("Topic %d.%d", f, i), LastAt: time.Now().Add(-time.Hour)}))
		}
	}
	hot := topics[0]

	// 50 replies to one topic and 50 spread over all six, at once.
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for i := range 100 {
		wg.Go(func() {
			target := hot
			if i >= 50 {
				target = topics[i%len(topics)]
			}
			_, err := store.CreateReply(t.Context(), target.ID, reply(authors[i%len(authors)], fmt.Sprintf("reply %d", i)))
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("a concurrent reply failed: %v", err)
		}
	}

	var numbers []int
	if err := store.DB().NewSelect().Table("posts").Column("post_number").Where("topic_id = ?", hot.ID).
		OrderExpr("post_number").Scan(t.Context(), &numbers); err != nil {
		t.Fatal(err)
	}
	for i, n := range numbers {
		if n != i+1 {
			t.Fatalf("post numbers %v have a gap or repeat at %d", numbers, i)
		}
	}
	var replies int
	if err := store.DB().NewRaw("SELECT reply_count FROM topics WHERE id = ?", hot.ID).Scan(t.Context(), &replies); err != nil {
		t.Fatal(err)
	}
	// The first post, the 50 aimed at it, and its share of the spread
	// (i%6 == 0 for 8 of i in 50..99).
	if len(numbers) != 59 || replies != 58 {
		t.Errorf("hot topic: %d posts, reply count %d", len(numbers), replies)
	}
	drift, err := store.Recount(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drift {
		if d.Rows != 0 {
			t.Errorf("%s: %d rows drifted from the recount after concurrent replies", d.Table, d.Rows)
		}
	}
	var total int
	if err := store.DB().NewRaw("SELECT sum(post_count) FROM users").Scan(t.Context(), &total); err != nil {
		t.Fatal(err)
	}
	if total != 6+100 {
		t.Errorf("authors' post counts add up to %d, want %d", total, 106)
	}
}

func TestSubmissionKeyMakesOnePost(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	u := fx.User("clicker")
	topic := fx.Topic(fx.Forum("Lounge"), u, fixture.TopicSpec{Title: "Double click"})
	in := reply(u, "only once")
	in.SubmissionKey = "key-1"

	var wg sync.WaitGroup
	results := make(chan error, 5)
	for range 5 {
		wg.Go(func() {
			_, err := store.CreateReply(t.Context(), topic.ID, in)
			results <- err
		})
	}
	wg.Wait()
	close(results)
	made, dup := 0, 0
	for err := range results {
		var d *models.DuplicateError
		switch {
		case err == nil:
			made++
		case errors.As(err, &d) && d.PostID != 0:
			dup++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if made != 1 || dup != 4 {
		t.Errorf("%d posts made and %d duplicates found, want 1 and 4", made, dup)
	}
}

func TestFloodControlAndLockedTopics(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	u := fx.User("hasty")
	forum := fx.Forum("Lounge")
	topic := fx.Topic(forum, u, fixture.TopicSpec{Title: "Open"})
	closed := fx.Topic(forum, u, fixture.TopicSpec{Title: "Closed", Locked: true})

	in := reply(u, "first")
	in.FloodInterval = time.Minute
	if _, err := store.CreateReply(t.Context(), topic.ID, in); err != nil {
		t.Fatal(err)
	}
	_, err := store.CreateReply(t.Context(), topic.ID, in)
	var flood *models.FloodError
	if !errors.As(err, &flood) || flood.Wait <= 0 || flood.Wait > time.Minute {
		t.Fatalf("second post within the interval: %v", err)
	}
	if _, err := store.CreateReply(t.Context(), closed.ID, reply(u, "x")); !errors.Is(err, models.ErrLocked) {
		t.Errorf("reply to a locked topic: %v", err)
	}
	if _, err := store.CreateReply(t.Context(), 999999, reply(u, "x")); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("reply to no topic: %v", err)
	}
	drift, _ := store.Recount(t.Context(), false)
	for _, d := range drift {
		if d.Rows != 0 {
			t.Errorf("%s drifted after refused replies", d.Table)
		}
	}
}

func TestCreateTopic(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	u := fx.User("starter")
	forum := fx.Forum("Lounge")
	topic, post, err := store.CreateTopic(t.Context(), forum.ID, "A new start", reply(u, "hello"))
	if err != nil {
		t.Fatal(err)
	}
	if post.PostNumber != 1 || post.Subject != "A new start" || topic.FirstPostID != post.ID {
		t.Errorf("topic %+v post %+v", topic, post)
	}
	drift, _ := store.Recount(t.Context(), false)
	for _, d := range drift {
		if d.Rows != 0 {
			t.Errorf("%s drifted after a new topic", d.Table)
		}
	}
}
