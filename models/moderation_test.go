package models_test

import (
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
	"hyperboard/models"
)

// noDrift fails the test when any counter or pointer disagrees with a
// recount from the posts.
func noDrift(t *testing.T, store *models.Store) {
	t.Helper()
	drift, err := store.Recount(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drift {
		if d.Rows != 0 {
			t.Errorf("%d rows of %s drifted", d.Rows, d.Table)
		}
	}
}

// numbered returns a topic's post ids in post-number order and fails when
// the numbers are not exactly 1..n.
func numbered(t *testing.T, store *models.Store, topicID int64) []int64 {
	t.Helper()
	var rows []struct {
		ID         int64
		PostNumber int
	}
	if err := store.DB().NewRaw("SELECT id, post_number FROM posts WHERE topic_id = ? ORDER BY post_number", topicID).
		Scan(t.Context(), &rows); err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		if r.PostNumber != i+1 {
			t.Errorf("topic %d: post %d is numbered %d, want %d", topicID, r.ID, r.PostNumber, i+1)
		}
		ids[i] = r.ID
	}
	return ids
}

func readMark(t *testing.T, store *models.Store, userID, topicID int64) int {
	t.Helper()
	var n int
	if err := store.DB().NewRaw("SELECT coalesce((SELECT last_read_number FROM topic_reads WHERE user_id = ? AND topic_id = ?), 0)",
		userID, topicID).Scan(t.Context(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func logActions(t *testing.T, store *models.Store) []models.ModAction {
	t.Helper()
	entries, _, err := store.ModLog(t.Context(), models.ModLogQuery{Page: 1, PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	var out []models.ModAction
	for _, e := range entries {
		out = append(out, e.Action)
	}
	slices.Reverse(out)
	return out
}

func TestSplitTopic(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	author, reader, mod := fx.User("author"), fx.User("reader"), fx.User("mod")
	from, to := fx.Forum("Observing"), fx.Forum("Equipment")
	topic := fx.Topic(from, author, fixture.TopicSpec{Title: "Long thread", Posts: 6})
	ids := fx.PostIDs(topic.ID)
	if _, err := store.DeletePost(t.Context(), ids[2], author.ID); err != nil {
		t.Fatal(err)
	}
	if err := store.RecordTopicReads(t.Context(), []models.TopicRead{{UserID: reader.ID, TopicID: topic.ID, Number: 4}}); err != nil {
		t.Fatal(err)
	}
	act := models.Moderation{ModeratorID: mod.ID, Reason: "off topic"}

	t.Run("refuses to split off nothing, everything or another topic's post", func(t *testing.T) {
		other := fx.Topic(from, author, fixture.TopicSpec{Title: "Other"})
		for _, c := range []struct {
			posts []int64
			want  error
		}{
			{[]int64{ids[2]}, models.ErrSplitNone},
			{[]int64{ids[0], ids[1], ids[3], ids[4], ids[5]}, models.ErrSplitAll},
			{[]int64{ids[1], fx.PostIDs(other.ID)[0]}, models.ErrSplitForeign},
		} {
			_, err := store.SplitTopic(t.Context(), models.Split{TopicID: topic.ID, ForumID: from.ID, PostIDs: c.posts, Title: "x", ToForumID: to.ID}, act)
			if !errors.Is(err, c.want) {
				t.Errorf("split %v: %v, want %v", c.posts, err, c.want)
			}
		}
		if _, err := store.SplitTopic(t.Context(), models.Split{TopicID: topic.ID, ForumID: to.ID, PostIDs: ids[1:2], Title: "x", ToForumID: to.ID}, act); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("split named with the wrong forum: %v", err)
		}
		if got := numbered(t, store, topic.ID); !slices.Equal(got, ids) {
			t.Errorf("a refused split changed the topic: %v", got)
		}
	})

	// Posts 2, 3 (deleted) and 5 go; 1, 4 and 6 stay.
	newID, err := store.SplitTopic(t.Context(), models.Split{TopicID: topic.ID, ForumID: from.ID,
		PostIDs: []int64{ids[4], ids[1], ids[2]}, Title: "Side discussion", ToForumID: to.ID}, act)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := numbered(t, store, newID), []int64{ids[1], ids[2], ids[4]}; !slices.Equal(got, want) {
		t.Errorf("new topic holds %v, want %v", got, want)
	}
	if got, want := numbered(t, store, topic.ID), []int64{ids[0], ids[3], ids[5]}; !slices.Equal(got, want) {
		t.Errorf("old topic holds %v, want %v", got, want)
	}
	noDrift(t, store)
	// The reader had read old numbers 1..4: here 1 and 4, there 2 and 3.
	if got := readMark(t, store, reader.ID, topic.ID); got != 2 {
		t.Errorf("read mark in the old topic = %d, want 2", got)
	}
	if got := readMark(t, store, reader.ID, newID); got != 2 {
		t.Errorf("read mark in the new topic = %d, want 2", got)
	}
	split, err := store.TopicView(t.Context(), newID, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if split.ForumID != to.ID || split.Title != "Side discussion" || split.ReplyCount != 1 || split.LastPostNumber != 3 {
		t.Errorf("new topic = forum %d, %q, %d replies, last number %d", split.ForumID, split.Title, split.ReplyCount, split.LastPostNumber)
	}
	if got := logActions(t, store); !slices.Equal(got, []models.ModAction{models.ModSplit}) {
		t.Errorf("log = %v, want one split", got)
	}
}

func TestMergeTopics(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	author, reader, mod := fx.User("author"), fx.User("reader"), fx.User("mod")
	here, there := fx.Forum("Observing"), fx.Forum("Equipment")
	t0 := time.Now().Add(-10 * time.Hour).Truncate(time.Second)
	// into: t0, t0+2h; from: t0+1h, t0+3h; merged in time order they interleave.
	into := fx.Topic(there, author, fixture.TopicSpec{Title: "Keeper", Posts: 2, Every: 2 * time.Hour, LastAt: t0.Add(2 * time.Hour)})
	from := fx.Topic(here, author, fixture.TopicSpec{Title: "Duplicate", Posts: 2, Every: 2 * time.Hour, LastAt: t0.Add(3 * time.Hour)})
	intoIDs, fromIDs := fx.PostIDs(into.ID), fx.PostIDs(from.ID)
	// An old signpost to the merged topic must follow it.
	elsewhere := fx.Forum("Archive")
	if err := store.MoveTopic(t.Context(), from.ID, here.ID, elsewhere.ID, false, models.Moderation{ModeratorID: mod.ID}); err != nil {
		t.Fatal(err)
	}
	if err := store.MoveTopic(t.Context(), from.ID, elsewhere.ID, here.ID, true, models.Moderation{ModeratorID: mod.ID}); err != nil {
		t.Fatal(err)
	}
	// The reader read all of "Keeper" and the first post of "Duplicate".
	if err := store.RecordTopicReads(t.Context(), []models.TopicRead{{UserID: reader.ID, TopicID: into.ID, Number: 2}, {UserID: reader.ID, TopicID: from.ID, Number: 1}}); err != nil {
		t.Fatal(err)
	}

	if err := store.MergeTopics(t.Context(), models.Merge{TopicID: into.ID, ForumID: there.ID, IntoID: into.ID, IntoForumID: there.ID}, models.Moderation{ModeratorID: mod.ID}); !errors.Is(err, models.ErrMergeSelf) {
		t.Errorf("merge into itself: %v", err)
	}
	err := store.MergeTopics(t.Context(), models.Merge{TopicID: from.ID, ForumID: here.ID, IntoID: into.ID, IntoForumID: there.ID},
		models.Moderation{ModeratorID: mod.ID, Reason: "same question"})
	if err != nil {
		t.Fatal(err)
	}
	want := []int64{intoIDs[0], fromIDs[0], intoIDs[1], fromIDs[1]}
	if got := numbered(t, store, into.ID); !slices.Equal(got, want) {
		t.Errorf("merged topic holds %v, want %v (by time)", got, want)
	}
	if n := queryInt(t, store, "SELECT count(*) FROM topics WHERE id = "+itoa(from.ID)); n != 0 {
		t.Error("the merged topic is still there")
	}
	if n := queryInt(t, store, "SELECT count(*) FROM topics WHERE moved_to_id = "+itoa(into.ID)+" AND forum_id = "+itoa(elsewhere.ID)); n != 1 {
		t.Error("the old signpost does not point at the merged topic")
	}
	noDrift(t, store)
	// Merged, Keeper 1, Duplicate 1 and Keeper 2 were read; Duplicate 2 was not.
	if got := readMark(t, store, reader.ID, into.ID); got != 3 {
		t.Errorf("read mark = %d, want 3", got)
	}
}

func TestMoveTopicWithSignpost(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	author, mod := fx.User("author"), fx.User("mod")
	from, to := fx.Forum("Observing"), fx.Forum("Equipment")
	topic := fx.Topic(from, author, fixture.TopicSpec{Title: "Wanderer", Posts: 3})
	fx.Topic(from, author, fixture.TopicSpec{Title: "Stays", Posts: 2, LastAt: time.Now().Add(-time.Hour)})
	act := models.Moderation{ModeratorID: mod.ID}

	if err := store.MoveTopic(t.Context(), topic.ID, from.ID, to.ID, true, act); err != nil {
		t.Fatal(err)
	}
	noDrift(t, store)
	if n := queryInt(t, store, "SELECT count(*) FROM topics WHERE moved_to_id = "+itoa(topic.ID)+" AND forum_id = "+itoa(from.ID)); n != 1 {
		t.Fatalf("%d signposts in the old forum, want 1", n)
	}
	f, err := store.Forum(t.Context(), from.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.TopicCount != 1 || f.PostCount != 2 || f.SignpostCount != 1 {
		t.Errorf("old forum: %d topics, %d posts, %d signposts", f.TopicCount, f.PostCount, f.SignpostCount)
	}
	// Moving it back removes the signpost that now points into its own forum.
	if err := store.MoveTopic(t.Context(), topic.ID, to.ID, from.ID, false, act); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, store, "SELECT count(*) FROM topics WHERE moved_to_id IS NOT NULL"); n != 0 {
		t.Errorf("%d signposts left after moving back", n)
	}
	noDrift(t, store)
	if err := store.MoveTopic(t.Context(), topic.ID, to.ID, from.ID, false, act); !errors.Is(err, models.ErrInvalid) && !errors.Is(err, models.ErrNotFound) {
		t.Errorf("a move checked against the wrong forum: %v", err)
	}
}

func TestDeleteAndRestoreTopic(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	author, replier, mod := fx.User("author"), fx.User("replier"), fx.User("mod")
	forum := fx.Forum("Observing")
	older := fx.Topic(forum, author, fixture.TopicSpec{Title: "Older", LastAt: time.Now().Add(-time.Hour)})
	topic := fx.Topic(forum, author, fixture.TopicSpec{Title: "Doomed", Posts: 2})
	gone, err := store.CreateReply(t.Context(), topic.ID, models.NewPost{AuthorID: replier.ID, Body: "spam", BodyHTML: "<p>spam</p>"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateReply(t.Context(), topic.ID, models.NewPost{AuthorID: replier.ID, Body: "fine", BodyHTML: "<p>fine</p>"}); err != nil {
		t.Fatal(err)
	}
	// One post deleted on its own first: restoring the topic leaves it deleted.
	if _, err := store.DeletePostWithReason(t.Context(), gone.ID, mod.ID, "spam"); err != nil {
		t.Fatal(err)
	}
	act := models.Moderation{ModeratorID: mod.ID, Reason: "cleanup"}
	if err := store.DeleteTopic(t.Context(), topic.ID, forum.ID, act); err != nil {
		t.Fatal(err)
	}
	noDrift(t, store)
	f, _ := store.Forum(t.Context(), forum.ID)
	if f.TopicCount != 1 || f.LastPostID != fx.PostIDs(older.ID)[0] {
		t.Errorf("after deleting: %d topics, last post %d", f.TopicCount, f.LastPostID)
	}
	if _, err := store.TopicView(t.Context(), topic.ID, time.Time{}, 0); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("a deleted topic is still shown: %v", err)
	}
	deleted, err := store.TopicViewWithDeleted(t.Context(), topic.ID, time.Time{}, 0)
	if err != nil || deleted.Deleter == nil || deleted.Deleter.Username != "mod" {
		t.Fatalf("moderators' view of the deleted topic: %+v, %v", deleted, err)
	}

	if err := store.RestoreTopic(t.Context(), topic.ID, forum.ID, act); err != nil {
		t.Fatal(err)
	}
	noDrift(t, store)
	if n := queryInt(t, store, "SELECT count(*) FROM posts WHERE deleted_at IS NOT NULL"); n != 1 {
		t.Errorf("%d deleted posts after the restore, want the one deleted on its own", n)
	}
	f, _ = store.Forum(t.Context(), forum.ID)
	if f.TopicCount != 2 || f.PostCount != 4 {
		t.Errorf("after restoring: %d topics, %d posts", f.TopicCount, f.PostCount)
	}
	if err := store.RestorePost(t.Context(), gone.ID, forum.ID, act); err != nil {
		t.Fatal(err)
	}
	noDrift(t, store)
	want := []models.ModAction{models.ModDeletePost, models.ModDeleteTopic, models.ModRestoreTopic, models.ModRestorePost}
	if got := logActions(t, store); !slices.Equal(got, want) {
		t.Errorf("log = %v, want %v", got, want)
	}
}

func TestRestoringAPostBringsBackItsTopic(t *testing.T) {
	store := dbtest.Store(t)
	fx := fixture.New(t, store)
	author := fx.User("author")
	forum := fx.Forum("Observing")
	topic := fx.Topic(forum, author, fixture.TopicSpec{Title: "Alone"})
	id := fx.PostIDs(topic.ID)[0]
	if gone, err := store.DeletePost(t.Context(), id, author.ID); err != nil || !gone {
		t.Fatalf("delete the only post: %v, %v", gone, err)
	}
	if err := store.RestorePost(t.Context(), id, forum.ID, models.Moderation{ModeratorID: author.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.TopicView(t.Context(), topic.ID, time.Time{}, 0); err != nil {
		t.Errorf("the topic did not come back: %v", err)
	}
	noDrift(t, store)
	if got := logActions(t, store); !slices.Equal(got, []models.ModAction{models.ModRestorePost}) {
		t.Errorf("log = %v: an author's own deletion is not logged, the restore is", got)
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
