package models_test

import (
	"strings"
	"testing"

	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
	"hyperboard/models"
)

// FuzzSearch gives PostgreSQL's web-search parser any words, as the search
// form passes them on (valid UTF-8, no NUL): a search either runs or is
// refused with a message for the searcher, never fails.
func FuzzSearch(f *testing.F) {
	store := dbtest.Store(f)
	fx := fixture.New(f, store)
	forum := fx.Forum("Observatory")
	fx.Topic(forum, fx.User("kim"), fixture.TopicSpec{Title: "Saturn's rings tonight", Posts: 3})
	for _, seed := range []string{
		`"saturn rings" -moon OR jupiter`, `"unterminated`, `-`, `OR OR OR`, `!!(&|:*`, `a:* & b`,
		`'''`, `\\`, `the and of`, `x`, strings.Repeat("word ", 60), `<b>&amp;</b>`, "\uE000mark\uE001",
	} {
		f.Add(seed, false)
	}
	f.Fuzz(func(t *testing.T, text string, topics bool) {
		text = strings.TrimSpace(strings.ToValidUTF8(strings.ReplaceAll(text, "\x00", ""), ""))
		q := models.SearchQuery{Text: text, Readable: []int64{forum.ID}, Show: models.SearchPosts, Sort: models.SearchByRelevance}
		if topics {
			q.Show = models.SearchTopics
		}
		_, err := store.Search(t.Context(), q, 1, 10)
		if _, refused := models.IsSearchError(err); err != nil && !refused {
			t.Fatalf("Search(%q): %v", text, err)
		}
	})
}
