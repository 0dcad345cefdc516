package app

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/bbcode"
	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

// searchBoard is a small board to search: two forums, two members, and
// replies with chosen words.
type searchBoard struct {
	*testBoard
	garden, kitchen     *models.Forum
	alice, bob          *models.User
	tomatoTopic, chat   *models.Topic
	tomatoes, pesto, js *models.Post
}

func newSearchBoard(t *testing.T) *searchBoard {
	t.Helper()
	b := &searchBoard{testBoard: newTestBoard(t)}
	b.garden, b.kitchen = b.fx.Forum("Garden"), b.fx.Forum("Kitchen")
	b.alice, b.bob = b.fx.User("alice"), b.fx.User("bob")
	b.tomatoTopic = b.fx.Topic(b.garden, b.alice, fixture.TopicSpec{Title: "Tomato planting guide"})
	b.chat = b.fx.Topic(b.kitchen, b.bob, fixture.TopicSpec{Title: "Weekly chat"})
	b.tomatoes = b.reply(b.chat, b.bob, "I grow [b]tomatoes[/b] and basil on my balcony.")
	b.pesto = b.reply(b.chat, b.alice, "Basil pesto needs pine nuts and garlic.")
	b.js = b.reply(b.chat, b.bob, `<script>alert("x")</script> & the zucchini is huge`)
	return b
}

func (b *searchBoard) reply(topic *models.Topic, author *models.User, body string) *models.Post {
	b.t.Helper()
	p, err := b.store.CreateReply(b.t.Context(), topic.ID, models.NewPost{AuthorID: author.ID, Body: body, BodyHTML: bbcode.Cook(body)})
	if err != nil {
		b.t.Fatal(err)
	}
	return p
}

// search fetches a search page and returns the ids of the posts it lists,
// in order, with the parsed page.
func (b *searchBoard) search(params string, headers ...string) ([]int64, *goquery.Document) {
	b.t.Helper()
	_, doc := b.page("/search?"+params, headers...)
	var ids []int64
	doc.Find("#search-results .search-post").Each(func(_ int, s *goquery.Selection) {
		id, _ := strconv.ParseInt(s.AttrOr("data-post-id", ""), 10, 64)
		ids = append(ids, id)
	})
	return ids, doc
}

func q(s string) string { return "q=" + url.QueryEscape(s) }

func TestSearchFindsPosts(t *testing.T) {
	b := newSearchBoard(t)
	first := b.tomatoTopic.FirstPostID
	cases := []struct {
		name, params string
		want         []int64
	}{
		{"a word finds stemmed forms and titles", q("tomato"), []int64{first, b.tomatoes.ID}},
		{"a phrase needs its words in order", q(`"pine nuts"`), []int64{b.pesto.ID}},
		{"a phrase in another order finds nothing", q(`"nuts pine"`), nil},
		{"OR finds either word", q("zucchini OR pesto") + "&sort=date", []int64{b.js.ID, b.pesto.ID}},
		{"minus leaves a word out", q("basil -pesto"), []int64{b.tomatoes.ID}},
		{"the author filter ignores case", q("basil") + "&author=ALICE", []int64{b.pesto.ID}},
		{"an author alone lists their posts, newest first", "author=bob", []int64{b.js.ID, b.tomatoes.ID, b.chat.FirstPostID}},
		{"the forum filter keeps to its forums", q("tomato") + "&forum=" + strconv.FormatInt(b.garden.ID, 10), []int64{first}},
		{"titles only skips the text", q("tomato") + "&titles=1", []int64{first}},
		{"the time range keeps recent posts", q("tomato") + "&days=1", []int64{first, b.tomatoes.ID}},
		{"date order puts the newest first", q("tomato") + "&sort=date", []int64{b.tomatoes.ID, first}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, doc := b.search(c.params)
			if !slices.Equal(got, c.want) {
				t.Errorf("posts %v, want %v\n%s", got, c.want, doc.Find("#search-results").Text())
			}
		})
	}
}

func TestSearchRanksTitleAboveText(t *testing.T) {
	b := newSearchBoard(t)
	// A reply that says the word many times still ranks below a title.
	many := b.reply(b.chat, b.bob, "Tomato tomato tomato: tomato soup, tomato salad, tomato sauce.")
	got, _ := b.search(q("tomato"))
	if len(got) != 3 || got[0] != b.tomatoTopic.FirstPostID {
		t.Fatalf("posts %v, want the titled topic's post %d first (then %d)", got, b.tomatoTopic.FirstPostID, many.ID)
	}
}

func TestSearchShowsTopics(t *testing.T) {
	b := newSearchBoard(t)
	_, doc := b.search(q("basil") + "&show=topics")
	rows := doc.Find("#search-results .topic-row")
	if rows.Length() != 1 || rows.AttrOr("data-topic-id", "") != strconv.FormatInt(b.chat.ID, 10) {
		t.Fatalf("topic rows %v, want only topic %d", texts(rows), b.chat.ID)
	}
	if n := doc.Find("#search-results .search-post").Length(); n != 0 {
		t.Errorf("%d post results in the topic list", n)
	}
	if got := strings.TrimSpace(doc.Find(".search-total").Text()); got != "1 topic found" {
		t.Errorf("count %q", got)
	}
}

func TestSearchHighlightsEscapedText(t *testing.T) {
	b := newSearchBoard(t)
	resp, body := b.get("/search?" + q("zucchini"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if strings.Contains(body, `<script>alert`) {
		t.Fatal("the post's script reached the page as markup")
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	snippet := doc.Find(".search-snippet")
	if got := texts(snippet.Find("mark")); !slices.Equal(got, []string{"zucchini"}) {
		t.Errorf("marked %q, want only the word", got)
	}
	if snippet.Children().Not("mark").Length() != 0 {
		t.Errorf("snippet has markup besides <mark>: %s", snippet.Text())
	}
	if text := snippet.Text(); !strings.Contains(text, `alert("x")`) || !strings.Contains(text, "&") {
		t.Errorf("snippet %q lost the post's text", text)
	}
	_, doc = b.page("/search?" + q("tomatoes"))
	if text := doc.Find(".search-snippet").Text(); strings.Contains(text, "[b]") {
		t.Errorf("snippet %q shows BBCode tags", text)
	}
}

func TestSearchHidesDeleted(t *testing.T) {
	b := newSearchBoard(t)
	ctx := t.Context()
	if _, err := b.store.DB().ExecContext(ctx, "UPDATE posts SET deleted_at = now() WHERE id = ?", b.pesto.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := b.search(q("pesto")); len(got) != 0 {
		t.Errorf("deleted post found: %v", got)
	}
	if _, err := b.store.DB().ExecContext(ctx, "UPDATE topics SET deleted_at = now() WHERE id = ?", b.tomatoTopic.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := b.search(q("tomato")); !slices.Equal(got, []int64{b.tomatoes.ID}) {
		t.Errorf("posts %v, want only %d: the deleted topic's post stays hidden", got, b.tomatoes.ID)
	}
	_, doc := b.search(q("tomato") + "&titles=1&show=topics")
	if n := doc.Find(".topic-row").Length(); n != 0 {
		t.Errorf("deleted topic found by title")
	}
}

func TestSearchExplainsBadInput(t *testing.T) {
	b := newSearchBoard(t)
	cases := []struct{ name, params, want string }{
		{"too short", q("a"), "too short"},
		{"punctuation only", q(`"-" ()`), "too short"},
		{"only common words", q("the and of"), "very common words"},
		{"too long", q(strings.Repeat("word ", 60)), "too long"},
		{"unknown author", "author=nobody", "No member"},
		{"NUL and broken UTF-8", "q=%00%ffx", "too short"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, hx := range [][]string{nil, {"HX-Request", "true"}} {
				_, doc := b.page("/search?"+c.params, hx...)
				if msg := doc.Find("#search-results .search-message").Text(); !strings.Contains(msg, c.want) {
					t.Errorf("message %q, want it to say %q", msg, c.want)
				}
			}
		})
	}
	t.Run("odd syntax is read as words", func(t *testing.T) {
		if got, _ := b.search(q(`pine ((( ))) - OR`)); !slices.Equal(got, []int64{b.pesto.ID}) {
			t.Errorf("posts %v, want %d", got, b.pesto.ID)
		}
	})
	for _, params := range []string{"", "q=+++&author=+", "q=%00%ff"} {
		t.Run("blank search shows help: "+params, func(t *testing.T) {
			_, doc := b.page("/search?" + params)
			if doc.Find("#search-results .search-help").Length() != 1 || doc.Find("#search-form input[name=q]").Length() != 1 {
				t.Error("no help or no form")
			}
		})
	}
}

func TestSearchPagesWithHTMX(t *testing.T) {
	b := newSearchBoard(t)
	for i := range 30 {
		b.reply(b.chat, b.alice, "A needle in post "+strconv.Itoa(i))
	}
	page1, doc := b.search(q("needle") + "&sort=date")
	if len(page1) != 25 {
		t.Fatalf("page 1 has %d posts, want 25", len(page1))
	}
	next := doc.Find(`#pagination-top a[rel="next"]`)
	href, _ := next.Attr("href")
	if next.AttrOr("hx-get", "") != href || doc.Find("#pagination-top").AttrOr("hx-target", "") != "#"+views.SearchResultsID {
		t.Fatalf("next link %q does not page the results with htmx", href)
	}
	resp, body := b.get(href, "HX-Request", "true")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Vary") == "" || !strings.Contains(resp.Header.Get("Vary"), "HX-Request") {
		t.Fatalf("status %d, Vary %q", resp.StatusCode, resp.Header.Get("Vary"))
	}
	frag, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if frag.Find("header, #search-form").Length() != 0 {
		t.Error("the fragment carries the page around the results")
	}
	if n := frag.Find("#search-results .search-post").Length(); n != 5 {
		t.Errorf("page 2 has %d posts, want 5", n)
	}
	for _, id := range []string{"#pagination-top", "#pagination-bottom"} {
		if frag.Find(id).AttrOr("hx-swap-oob", "") != "true" {
			t.Errorf("%s is not swapped out of band", id)
		}
	}
	if cur := frag.Find(`#pagination-bottom [aria-current="page"]`).Text(); cur != "2" {
		t.Errorf("current page %q, want 2", cur)
	}
	resp, _ = b.get("/search?" + q("needle") + "&page=9")
	if resp.StatusCode != http.StatusFound || !strings.Contains(resp.Header.Get("Location"), "page=2") {
		t.Errorf("page beyond the end: status %d to %q, want a redirect to page 2", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestQuickSearchInHeader(t *testing.T) {
	b := newSearchBoard(t)
	_, doc := b.page("/")
	form := doc.Find(`#site-nav form[action="/search"][method="get"]`)
	if form.Find(`input[name="q"][aria-label="Search"]`).Length() != 1 || form.Find("button").Length() != 1 {
		t.Fatal("no quick search in the header")
	}
}

// A post in a forum the searcher may not read is never found, nor counted,
// in posts or topics, whatever filter names its forum.
func TestSearchSkipsUnreadableForums(t *testing.T) {
	b := newSearchBoard(t)
	b.fx.Grant(b.kitchen.ID, b.fx.SystemGroup(models.GroupGuests), models.FList, 0)
	kitchen := "&forum=" + strconv.FormatInt(b.kitchen.ID, 10)
	for _, params := range []string{q("basil"), q("basil") + "&show=topics", q("basil") + kitchen, "author=bob", q("tomato")} {
		got, doc := b.search(params)
		total := strings.TrimSpace(doc.Find(".search-total").Text())
		for _, id := range got {
			if id != b.tomatoTopic.FirstPostID {
				t.Errorf("%s: found post %d of the unreadable forum", params, id)
			}
		}
		if doc.Find("#search-results .topic-row").Length() > 0 && params == q("basil")+"&show=topics" {
			t.Errorf("%s: lists a topic of the unreadable forum", params)
		}
		if want := len(got); !strings.HasPrefix(total, strconv.Itoa(want)+" ") && !(want == 0 && strings.HasPrefix(total, "0 ")) {
			t.Errorf("%s: count %q counts what it does not show (%d shown)", params, total, want)
		}
	}
}

// Words found in more posts than a search ranks are ranked among the newest
// matches the searcher may read, and the count line says so.
func TestSearchRanksTheNewestMatchesOfABroadSearch(t *testing.T) {
	b := newSearchBoard(t)
	big := b.fx.Topic(b.garden, b.alice, fixture.TopicSpec{Title: "Sawdust everywhere", Posts: models.SearchWindow + 100,
		LastAt: time.Now().Add(-time.Hour)})
	b.fx.Grant(b.kitchen.ID, b.fx.SystemGroup(models.GroupGuests), models.FList, 0)
	hidden := b.fx.Topic(b.kitchen, b.bob, fixture.TopicSpec{Title: "Sawdust in the kitchen", Posts: 3})
	ids := b.fx.PostIDs(big.ID)
	inWindow := map[int64]bool{ids[0]: true} // the opening post matches by its title
	for _, id := range ids[len(ids)-models.SearchWindow:] {
		inWindow[id] = true
	}
	hiddenIDs := b.fx.PostIDs(hidden.ID)

	for _, sort := range []string{"", "&sort=date"} {
		got, doc := b.search(q("sawdust") + sort)
		total := strings.TrimSpace(doc.Find(".search-total").Text())
		if !strings.HasPrefix(total, "More than 1,000 posts found; the newest 1,000 are listed") {
			t.Errorf("%q: count line %q", sort, total)
		}
		if len(got) != 25 {
			t.Fatalf("%q: page 1 has %d posts, want 25", sort, len(got))
		}
		for _, id := range got {
			if slices.Contains(hiddenIDs, id) || !inWindow[id] {
				t.Errorf("%q: post %d is not among the newest readable matches", sort, id)
			}
		}
		if sort != "" && got[0] != ids[len(ids)-1] {
			t.Errorf("newest first starts at post %d, want the newest readable match %d", got[0], ids[len(ids)-1])
		}
	}
	_, doc := b.search(q("sawdust") + "&show=topics")
	if total := strings.TrimSpace(doc.Find(".search-total").Text()); total != "1 topic found in the newest 1,000 matching posts. Add words to narrow the search." {
		t.Errorf("topics: count line %q", total)
	}
}
