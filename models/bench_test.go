package models_test

import (
	"testing"

	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
	"hyperboard/models"
)

// BenchmarkRightsCan is the ACL check every handler and view makes: a
// member of a board with 60 forums asking about one of them.
func BenchmarkRightsCan(b *testing.B) {
	forums := map[int64]models.Perm{}
	for id := range int64(60) {
		forums[id+1] = models.FList | models.FRead | models.FPost | models.FReply
	}
	r := models.NewRights(false, forums)
	b.ReportAllocs()
	var held bool
	for i := 0; b.Loop(); i++ {
		held = r.MayReply(int64(i%60)+1, false)
	}
	if !held {
		b.Fatal("the member may not reply")
	}
}

// BenchmarkVisit is the session lookup at the start of a member's page:
// settings, session, member, rights and unread messages in one query.
func BenchmarkVisit(b *testing.B) {
	store := dbtest.Store(b)
	fx := fixture.New(b, store)
	u := fx.User("reader")
	fx.Forum("Lounge")
	token, _, err := store.CreateSession(b.Context(), u.ID, false, "192.0.2.1", "bench")
	if err != nil {
		b.Fatal(err)
	}
	first, err := store.Visit(b.Context(), token, nil)
	if err != nil {
		b.Fatal(err)
	}
	board := first.Board // kept by the server
	b.ReportAllocs()
	for b.Loop() {
		v, err := store.Visit(b.Context(), token, board)
		if err != nil || v.Viewer == nil {
			b.Fatalf("visit: %v", err)
		}
	}
}
