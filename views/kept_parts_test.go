package views

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"hyperboard/internal/stitch"
	"hyperboard/models"
)

// A member's topic page built from kept parts is byte for byte the page
// rendered whole: for the posts of others and of the viewer, for a member
// who may reply and one who may not, and for a moderator.
func TestKeptPostPartsRenderTheWholePage(t *testing.T) {
	at := time.Date(2026, 11, 26, 17, 3, 0, 0, time.UTC)
	viewer := &models.User{ID: 9, Username: "reader", JoinedAt: at.AddDate(-1, 0, 0)}
	other := &models.User{ID: 7, Username: "turner", JoinedAt: at.AddDate(-2, 0, 0), PostCount: 1234,
		RankTitle: "Journeyman", SignatureHTML: "<em>Measure twice</em>"}
	gone := &models.User{ID: 8, Username: "Old account", DeletedAt: at}
	topic := &models.Topic{ID: 42, ForumID: 3, Title: "Bandsaw <drift>", AuthorID: other.ID,
		Forum: &models.Forum{ID: 3, Title: "Woodworking", Category: &models.Category{ID: 1, Title: "Workshop"}}}
	posts := []*models.Post{
		{ID: 100, TopicID: 42, AuthorID: other.ID, Author: other, PostNumber: 1, BodyHTML: "<p>It drifts.</p>", CreatedAt: at},
		{ID: 101, TopicID: 42, AuthorID: viewer.ID, Author: viewer, PostNumber: 2, BodyHTML: "<p>Mine too.</p>", CreatedAt: at.Add(time.Hour)},
		{ID: 102, TopicID: 42, AuthorID: gone.ID, Author: gone, PostNumber: 3, BodyHTML: "<p>Gone now.</p>", CreatedAt: at.Add(2 * time.Hour),
			Subject: "Fence", EditedAt: at.Add(3 * time.Hour), Editor: other, EditCount: 2, EditReason: "typo"},
	}
	clock := NewClock("Asia/Tokyo", "day-month")
	member := models.FList | models.FRead | models.FReply | models.FPost
	chrome := Chrome{Title: topic.Title, Board: &models.BoardConfig{Title: "Hyperboard", PostsPerPage: 25},
		Viewer: viewer, CSRF: "token", Clock: clock, Rights: models.NewRights(false, map[int64]models.Perm{3: member})}
	// render renders the page, and says whether the kept list of the posts
	// went into it whole, ready to be stitched into a compressed response.
	render := func(c Chrome, topic *models.Topic, kept KeptPosts) (string, bool) {
		t.Helper()
		var b strings.Builder
		rec := stitch.NewRecorder(b.Len)
		v := TopicView{Topic: topic, Posts: posts, Kept: kept, Pager: Pager{Page: 1, Pages: 1, Path: TopicPath(topic.ID, topic.Title)}, Reply: &PostForm{}}
		if err := TopicPage(c, v).Render(stitch.WithRecorder(context.Background(), rec), &b); err != nil {
			t.Fatal(err)
		}
		if !rec.Recorded() {
			return b.String(), false
		}
		gz, ok := rec.Gzip(nil, []byte(b.String()), nil)
		if !ok {
			t.Fatal("the page does not hold the kept list where it was recorded")
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		if plain, err := io.ReadAll(zr); err != nil || string(plain) != b.String() {
			t.Fatalf("the stitched page does not decode to the page: %v", err)
		}
		return b.String(), true
	}
	kept, err := RenderKeptPosts(context.Background(), clock, topic, posts)
	if err != nil {
		t.Fatal(err)
	}
	reader := chrome
	reader.Viewer = &models.User{ID: 10, Username: "lurker"}
	locked := *topic
	locked.Locked = true
	moderator := chrome
	moderator.Rights = models.NewRights(false, map[int64]models.Perm{3: member | models.ModeratorPerms})
	for _, view := range []struct {
		name      string
		chrome    Chrome
		topic     *models.Topic
		quotes    int
		wholeList bool // the kept list of the posts is used whole
	}{
		{"a member who wrote a post", chrome, topic, 3, false},
		{"a member who wrote a post, the topic locked", chrome, &locked, 0, false},
		{"a member who wrote none", reader, topic, 3, true},
		{"a member who wrote none, the topic locked", reader, &locked, 0, true},
		{"a moderator", moderator, topic, 3, false},
	} {
		whole, _ := render(view.chrome, view.topic, KeptPosts{})
		fromParts, wholeList := render(view.chrome, view.topic, kept)
		if whole != fromParts {
			t.Errorf("%s: the page from kept parts differs from the page rendered whole:\nwhole:\n%s\nfrom parts:\n%s", view.name, whole, fromParts)
		} else if n := strings.Count(fromParts, "Reply with quote"); n != view.quotes {
			t.Errorf("%s: %d quote links; want %d", view.name, n, view.quotes)
		}
		if wholeList != view.wholeList {
			t.Errorf("%s: the kept list of posts used whole: %v; want %v", view.name, wholeList, view.wholeList)
		}
	}
	fromParts, _ := render(chrome, topic, kept)
	if n := strings.Count(fromParts, "Send private message"); n != 1 {
		t.Errorf("%d message links; want one, beside the other member's post (not the viewer's own, not a deleted account's)", n)
	}
	for _, want := range []string{"Fri 27 Nov 2026, 02:03", "Bandsaw &lt;drift&gt;", "Measure twice", "Reason: typo"} {
		if !strings.Contains(fromParts, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// A forum's list built from kept rows is byte for byte the list rendered
// whole, whichever topics the member has read; a row kept for another
// topic is not used.
func TestKeptTopicRowsRenderTheWholeList(t *testing.T) {
	at := time.Date(2026, 11, 26, 17, 3, 0, 0, time.UTC)
	author := &models.User{ID: 7, Username: "turner"}
	forum := &models.Forum{ID: 3, Title: "Woodworking"}
	topics := []*models.Topic{
		{ID: 40, ForumID: 3, Title: "Rules <of> the shop", Kind: models.TopicAnnouncement, Author: author, CreatedAt: at, Unread: true},
		{ID: 41, ForumID: 3, Title: "Bandsaw drift", Author: author, CreatedAt: at, ReplyCount: 80, ViewCount: 1234, Locked: true,
			LastPost: &models.Post{ID: 900, Author: author, CreatedAt: at.Add(time.Hour)}},
		{ID: 42, ForumID: 3, Title: "Moved away", Author: author, MovedToID: 99},
		{ID: 43, ForumID: 3, Title: "Sharpening", Author: author, CreatedAt: at},
	}
	clock := NewClock("Europe/Paris", "iso")
	chrome := Chrome{Title: forum.Title, Board: &models.BoardConfig{Title: "Hyperboard", TopicsPerPage: 25, PostsPerPage: 25},
		Viewer: &models.User{ID: 9, Username: "reader"}, CSRF: "token", Clock: clock,
		Rights: models.NewRights(false, map[int64]models.Perm{3: models.FList | models.FRead})}
	render := func(rows []RowParts) string {
		t.Helper()
		var b strings.Builder
		v := ForumView{Forum: forum, Topics: topics, Rows: rows, PostsPerPage: 25, Pager: Pager{Page: 1, Pages: 1, Path: ForumPath(3, forum.Title)}}
		if err := TopicList(chrome, v).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	rows := make([]RowParts, len(topics))
	for i, topic := range topics {
		var err error
		if rows[i], err = RenderTopicRowParts(context.Background(), clock, topic, 25); err != nil {
			t.Fatal(err)
		}
	}
	whole := render(nil)
	if fromRows := render(rows); fromRows != whole {
		t.Errorf("the list from kept rows differs from the list rendered whole:\nwhole:\n%s\nfrom rows:\n%s", whole, fromRows)
	}
	if n := strings.Count(whole, `class="first-unread`); n != 1 {
		t.Errorf("%d topics marked unread; want the one the member has not read", n)
	}
	for _, want := range []string{"2026-11-26 18:03", "Rules &lt;of&gt; the shop", "Moved:"} {
		if !strings.Contains(whole, want) {
			t.Errorf("the list lacks %q", want)
		}
	}
	swapped := slices.Clone(rows)
	swapped[0], swapped[1] = rows[1], rows[0]
	if fromRows := render(swapped); fromRows != whole {
		t.Error("rows kept for other topics were used")
	}
}

func TestKeptForumRowsRenderTheWholeIndex(t *testing.T) {
	at := time.Date(2026, 11, 26, 17, 3, 0, 0, time.UTC)
	author := &models.User{ID: 7, Username: "turner"}
	forums := []*models.Forum{
		{ID: 3, Title: "Woodworking <and> turning", Description: "Lathes & planes", Moderators: models.GroupRefs{{ID: 2, Name: "Turners"}}, TopicCount: 1200, PostCount: 34567, Unread: true,
			LastPost: &models.Post{ID: 900, Author: author, CreatedAt: at, Topic: &models.Topic{ID: 41, Title: "Bandsaw drift"}}},
		{ID: 4, Title: "Archive", Locked: true},
		{ID: 5, Title: "Finishing", TopicCount: 1, PostCount: 1,
			LastPost: &models.Post{ID: 901, Author: author, CreatedAt: at.Add(time.Hour), Topic: &models.Topic{ID: 42, Title: "Oil or wax"}}},
	}
	clock := NewClock("Europe/Paris", "iso")
	chrome := Chrome{Board: &models.BoardConfig{Title: "Hyperboard"}, Viewer: &models.User{ID: 9, Username: "reader"}, Clock: clock}
	section := models.CategoryForums{Category: &models.Category{ID: 1, Title: "Workshop"}, Forums: forums}
	render := func(rows map[int64]RowParts) string {
		t.Helper()
		var b strings.Builder
		if err := categorySection(chrome, IndexView{Rows: rows}, section).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	rows := make(map[int64]RowParts, len(forums))
	for _, f := range forums {
		var err error
		if rows[f.ID], err = RenderForumRowParts(context.Background(), clock, f); err != nil {
			t.Fatal(err)
		}
	}
	whole := render(nil)
	if fromRows := render(rows); fromRows != whole {
		t.Errorf("the index from kept rows differs from the index rendered whole:\nwhole:\n%s\nfrom rows:\n%s", whole, fromRows)
	}
	if n := strings.Count(whole, `class="new-posts`); n != 1 {
		t.Errorf("%d forums marked with new posts; want the one the member has not read", n)
	}
	for _, want := range []string{"2026-11-26 18:03", "Woodworking &lt;and&gt; turning", "Lathes &amp; planes", "Turners", "No posts"} {
		if !strings.Contains(whole, want) {
			t.Errorf("the index lacks %q", want)
		}
	}
	swapped := map[int64]RowParts{3: rows[4], 4: rows[3], 5: rows[5]}
	if fromRows := render(swapped); fromRows != whole {
		t.Error("rows kept for other forums were used")
	}
}

// A forum's list deflated for one member's unread marks stands in their
// gzipped page, and in no page whose marks differ.
func TestDeflatedTopicRowsStandOnlyForTheirMarks(t *testing.T) {
	at := time.Date(2026, 11, 26, 17, 3, 0, 0, time.UTC)
	author := &models.User{ID: 7, Username: "turner"}
	forum := &models.Forum{ID: 3, Title: "Woodworking"}
	topics := func(unread ...bool) []*models.Topic {
		var list []*models.Topic
		for i, u := range unread {
			list = append(list, &models.Topic{ID: int64(40 + i), ForumID: 3, Title: "Bandsaw drift " + strings.Repeat("again ", i),
				Author: author, CreatedAt: at, Unread: u})
		}
		return list
	}
	clock := NewClock("UTC", "")
	chrome := Chrome{Title: forum.Title, Board: &models.BoardConfig{Title: "Hyperboard", TopicsPerPage: 25, PostsPerPage: 25},
		Viewer: &models.User{ID: 9, Username: "reader"}, CSRF: "token", Clock: clock,
		Rights: models.NewRights(false, map[int64]models.Perm{3: models.FList | models.FRead})}
	view := func(list []*models.Topic) ForumView {
		v := ForumView{Forum: forum, Topics: list, PostsPerPage: 25, Pager: Pager{Page: 1, Pages: 1, Path: ForumPath(3, forum.Title)}}
		for _, topic := range list {
			row, err := RenderTopicRowParts(context.Background(), clock, topic, 25)
			if err != nil {
				t.Fatal(err)
			}
			v.Rows = append(v.Rows, row)
		}
		return v
	}
	// stitched renders v and says whether its gzip took the deflated rows.
	stitched := func(v ForumView) bool {
		t.Helper()
		var b strings.Builder
		rec := stitch.NewRecorder(b.Len)
		if err := TopicList(chrome, v).Render(stitch.WithRecorder(context.Background(), rec), &b); err != nil {
			t.Fatal(err)
		}
		gz, ok := rec.Gzip(nil, []byte(b.String()), nil)
		if ok {
			zr, err := gzip.NewReader(bytes.NewReader(gz))
			if err != nil {
				t.Fatal(err)
			}
			if plain, err := io.ReadAll(zr); err != nil || string(plain) != b.String() {
				t.Fatalf("the stitched list does not decode to the list: %v", err)
			}
		}
		return ok
	}
	mine := view(topics(true, false, false))
	deflated, err := DeflateTopicRows(mine)
	if err != nil || deflated.Size() == 0 {
		t.Fatalf("the rows were not deflated: %v", err)
	}
	mine.RowsDeflated = deflated
	if !stitched(mine) {
		t.Error("the rows deflated for the member's marks were not taken")
	}
	other := view(topics(false, true, false))
	other.RowsDeflated = deflated
	if stitched(other) {
		t.Error("rows deflated for other marks were taken")
	}
	withSignpost := view(append(topics(true), &models.Topic{ID: 99, ForumID: 3, Title: "Moved away", Author: author, MovedToID: 5}))
	if d, _ := DeflateTopicRows(withSignpost); d.Size() != 0 {
		t.Error("a list with a signpost, which moderators see otherwise, was deflated")
	}
}
