package app

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"hyperboard/internal/fixture"
	"hyperboard/internal/stitch"
	"hyperboard/views"
)

// A member's gzipped topic page is their page: stitched around the kept,
// deflated list of posts when they only read every post on it, compressed
// whole when one of the posts is theirs.
func TestMembersGzippedTopicPageIsTheirPage(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("author")
	topic := b.fx.Topic(b.fx.Forum("Lounge"), author, fixture.TopicSpec{Title: "Clear skies", Posts: 6})
	path := views.TopicPath(topic.ID, topic.Title)
	reader, _ := b.loggedIn("reader")
	writer, u := b.loggedIn("writer")
	b.replyAs(u, topic.ID, "Mine, the last post on the page")
	requestKey := regexp.MustCompile(`name="key" value="[^"]*"`)
	for _, member := range []struct {
		name     string
		client   *client
		stitched bool
	}{
		{"a member who only reads", reader, true},
		{"the author of a post", writer, false},
	} {
		member.client.get(path) // keeps what the page shows
		_, plain := member.client.get(path)
		resp, gz := member.client.get(path, "Accept-Encoding", "gzip")
		if enc := resp.Header.Get("Content-Encoding"); enc != "gzip" {
			t.Fatalf("%s: Content-Encoding %q", member.name, enc)
		}
		if got, want := requestKey.ReplaceAllString(decode(t, "gzip", []byte(gz)), ""), requestKey.ReplaceAllString(plain, ""); got != want {
			t.Errorf("%s: the gzipped page is not the page:\ngzipped:\n%s\nplain:\n%s", member.name, got, want)
		}
		first, last := strings.Index(plain, "<article"), strings.LastIndex(plain, "</article>")
		if first < 0 || last < 0 {
			t.Fatalf("%s: no posts on the page", member.name)
		}
		list, err := stitch.Deflate(plain[first : last+len("</article>")])
		if err != nil {
			t.Fatal(err)
		}
		if stitched := bytes.Contains([]byte(gz), list); stitched != member.stitched {
			t.Errorf("%s: the posts were taken as deflated when kept: %v; want %v", member.name, stitched, member.stitched)
		}
	}
}
