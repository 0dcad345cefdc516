package views

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"hyperboard/bbcode"
	"hyperboard/models"
)

// BenchmarkTopicPage25Posts renders a full topic page of 25 posts of a few
// hundred words each, as a member sees it (reply box included), into a
// discarding writer: the cost of the template alone.
func BenchmarkTopicPage25Posts(b *testing.B) { benchmarkTopicPage(b, false) }

// BenchmarkTopicPage25PostsKept is the same page from the posts' kept
// HTML (KeptPosts), as a member's page is rendered once it is kept.
func BenchmarkTopicPage25PostsKept(b *testing.B) { benchmarkTopicPage(b, true) }

func benchmarkTopicPage(b *testing.B, kept bool) {
	now := time.Now()
	author := &models.User{ID: 7, Username: "member00007", JoinedAt: now.AddDate(-2, 0, 0), PostCount: 1234}
	viewer := &models.User{ID: 9, Username: "reader", JoinedAt: now.AddDate(-1, 0, 0)}
	topic := &models.Topic{ID: 42, ForumID: 3, Title: "Bandsaw drifting out of square", AuthorID: author.ID,
		Forum: &models.Forum{ID: 3, Title: "Woodworking", Category: &models.Category{ID: 1, Title: "Workshop"}}, ReplyCount: 999}
	body := strings.Repeat("The [b]fence[/b] drifts after a few cuts; see [url=https://example.com/fix]this fix[/url]. ", 12)
	html := bbcode.Cook("[quote=\"member00003\"]It buzzes.[/quote]\n" + body)
	posts := make([]*models.Post, 25)
	for i := range posts {
		posts[i] = &models.Post{ID: int64(1000 + i), TopicID: topic.ID, AuthorID: author.ID, PostNumber: i + 1,
			Body: body, BodyHTML: html, CreatedAt: now.Add(time.Duration(i-25) * time.Hour), Author: author}
	}
	chrome := Chrome{Title: topic.Title, Board: &models.BoardConfig{Title: "Hyperboard", PostsPerPage: 25},
		Viewer: viewer, CSRF: "token", Clock: NewClock("UTC", ""),
		Rights: models.NewRights(false, map[int64]models.Perm{3: models.FList | models.FRead | models.FReply | models.FPost})}
	v := TopicView{Topic: topic, Posts: posts, Pager: Pager{Page: 1, Pages: 40, Path: TopicPath(topic.ID, topic.Title)},
		Reply: &PostForm{}}
	if kept {
		var err error
		if v.Kept, err = RenderKeptPosts(context.Background(), chrome.Clock, topic, posts); err != nil {
			b.Fatal(err)
		}
	}
	page := TopicPage(chrome, v)
	var size countingWriter
	if err := page.Render(context.Background(), &size); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if err := page.Render(context.Background(), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)/1024, "KB/page")
}

type countingWriter int

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}
