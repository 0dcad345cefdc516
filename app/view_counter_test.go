package app

import (
	"testing"
	"time"

	"hyperboard/internal/fixture"
	"hyperboard/views"
)

func TestTopicViewsAreCountedAndFlushed(t *testing.T) {
	b := newTestBoard(t)
	u := b.fx.User("jack")
	f := b.fx.Forum("Lounge")
	topic := b.fx.Topic(f, u, fixture.TopicSpec{Title: "Counted", Posts: 30})
	path := views.TopicPath(topic.ID, topic.Title)
	for range 3 {
		b.page(path)
	}
	b.page(path+"?page=2", "HX-Request", "true") // paging inside a topic is not a new view

	if err := b.srv.handler.views.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	got, err := b.store.TopicView(t.Context(), topic.ID, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got.ViewCount != topic.ViewCount+3 {
		t.Errorf("views = %d, want %d", got.ViewCount, topic.ViewCount+3)
	}
}
