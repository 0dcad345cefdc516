package app

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"hyperboard/internal/fixture"
	"hyperboard/internal/stitch"
	"hyperboard/models"
	"hyperboard/views"
)

// requestKey is the one-time key of a page's reply form, new in each
// response; its value is the first group.
var requestKey = regexp.MustCompile(`name="key" value="([^"]*)"`)

// gzippedIsPlain fetches path as the member plain and gzipped, with the
// headers given, checks that the gzipped page decodes to the plain one,
// and says whether the part of the page that part cuts out stands in the
// gzip stream as deflated ahead of time.
func gzippedIsPlain(t *testing.T, member *client, path string, part func(page string) string, headers ...string) bool {
	t.Helper()
	member.get(path, headers...) // keeps what the page shows
	_, plain := member.get(path, headers...)
	resp, gz := member.get(path, append(headers, "Accept-Encoding", "gzip")...)
	if enc := resp.Header.Get("Content-Encoding"); enc != "gzip" {
		t.Fatalf("%s: Content-Encoding %q", path, enc)
	}
	if got, want := requestKey.ReplaceAllString(decode(t, "gzip", []byte(gz)), ""), requestKey.ReplaceAllString(plain, ""); got != want {
		t.Fatalf("%s: the gzipped page is not the page:\ngzipped:\n%s\nplain:\n%s", path, got, want)
	}
	kept := part(plain)
	if kept == "" {
		t.Fatalf("%s: the part kept deflated is not on the page", path)
	}
	deflated, err := stitch.Deflate(kept)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Contains([]byte(gz), deflated.Bytes())
}

// sixPostTopic is a topic of six posts by another member, and its path.
func sixPostTopic(b *testBoard) (*models.Topic, string) {
	topic := b.fx.Topic(b.fx.Forum("Lounge"), b.fx.User("author"), fixture.TopicSpec{Title: "Clear skies", Posts: 6})
	return topic, views.TopicPath(topic.ID, topic.Title)
}

// posts is a topic page's list of posts.
func posts(page string) string {
	from, to := strings.Index(page, "<article"), strings.LastIndex(page, "</article>")
	if from < 0 || to < from {
		return ""
	}
	return page[from : to+len("</article>")]
}

// A member's gzipped topic page is their page: stitched around the kept,
// deflated list of posts when they only read every post on it, compressed
// whole when one of the posts is theirs.
func TestMembersGzippedTopicPageIsTheirPage(t *testing.T) {
	b := newTestBoard(t)
	topic, path := sixPostTopic(b)
	reader, _ := b.loggedIn("reader")
	writer, u := b.loggedIn("writer")
	b.replyAs(u, topic.ID, "Mine, the last post on the page")
	if !gzippedIsPlain(t, reader, path, posts) {
		t.Error("a member who only reads: the posts were not taken as deflated when kept")
	}
	if gzippedIsPlain(t, writer, path, posts) {
		t.Error("the author of a post: the posts were taken as deflated for a reader")
	}
	if _, fragment := reader.get(path, "HX-Request", "true"); strings.Contains(fragment, "<html") {
		t.Fatal("htmx was answered a whole page, not the list it swaps")
	}
	if !gzippedIsPlain(t, reader, path, posts, "HX-Request", "true") {
		t.Error("the list of posts htmx swaps in: the posts were not taken as deflated when kept")
	}
}

// A member's gzipped forum page is their page, its list of topics deflated
// once for each pattern of unread marks.
func TestMembersGzippedForumPageIsTheirPage(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("author")
	forum := b.fx.Forum("Lounge")
	for _, title := range []string{"Clear skies", "Dew heaters", "Eyepieces"} {
		b.fx.Topic(forum, author, fixture.TopicSpec{Title: title, Posts: 2})
	}
	path := views.ForumPath(forum.ID, forum.Title)
	for _, name := range []string{"reader", "another_reader"} {
		member, _ := b.loggedIn(name)
		if !gzippedIsPlain(t, member, path, topics) {
			t.Errorf("%s: the list of topics was not taken as deflated when kept", name)
		}
	}
}

// topics is a forum page's list of topics.
func topics(page string) string {
	from := strings.Index(page, `<li class="topic-row`)
	if from < 0 {
		return ""
	}
	to := strings.Index(page[from:], "</li></ul>")
	if to < 0 {
		return ""
	}
	return page[from : from+to+len("</li>")]
}

// A member's gzipped board index is their page, its sections deflated once
// for each list of forums and unread marks.
func TestMembersGzippedBoardIndexIsTheirPage(t *testing.T) {
	b := newTestBoard(t)
	author := b.fx.User("author")
	for _, name := range []string{"Lounge", "Equipment"} {
		b.fx.Topic(b.fx.Forum(name), author, fixture.TopicSpec{Title: "Clear skies in " + name, Posts: 2})
	}
	member, _ := b.loggedIn("reader")
	if !gzippedIsPlain(t, member, "/", sections) {
		t.Error("the board index's sections were not taken as deflated when kept")
	}
}

// sections is the board index's categories and their forums.
func sections(page string) string {
	from := strings.Index(page, "<section class=\"overflow-hidden card\"")
	to := strings.LastIndex(page, "</ul></section>")
	if from < 0 || to < from {
		return ""
	}
	return page[from : to+len("</ul></section>")]
}

// From the third time a member's page is seen on, the stretches around its
// kept parts are taken as kept too, cut at what is the member's own: two
// gzipped responses differ only in the reply form's one-time key, which
// goes out as it is, and in the checksum.
func TestMembersPageStretchesAreKept(t *testing.T) {
	b := newTestBoard(t)
	_, path := sixPostTopic(b)
	reader, _ := b.loggedIn("reader")
	var streams [][]byte
	var keys [][]byte
	for range 4 {
		_, gz := reader.get(path, "Accept-Encoding", "gzip")
		key := requestKey.FindStringSubmatch(decode(t, "gzip", []byte(gz)))
		if key == nil || key[1] == "" {
			t.Fatal("the page has no reply form with a key")
		}
		streams, keys = append(streams, []byte(gz)), append(keys, []byte(key[1]))
	}
	third, fourth := streams[2], streams[3]
	if !bytes.Contains(fourth, keys[3]) {
		t.Fatal("the form's key is not in the stream as it is")
	}
	third = bytes.Replace(third, keys[2], keys[3], 1)
	if len(third) != len(fourth) || !bytes.Equal(third[:len(third)-8], fourth[:len(fourth)-8]) {
		t.Error("two responses for the same page differ in more than the form's key: their stretches were not kept")
	}
}
