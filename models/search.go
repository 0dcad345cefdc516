package models

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// SearchShow says whether search results are listed as posts or as topics.
type SearchShow string

// The two ways to list search results.
const (
	SearchPosts  SearchShow = "posts"
	SearchTopics SearchShow = "topics"
)

// SearchSort orders search results.
type SearchSort string

// The orders of search results.
const (
	SearchByRelevance SearchSort = "relevance"
	SearchByDate      SearchSort = "date"
)

// Limits on a search: counting stops at SearchCountCap results, and the
// words may be at most SearchMaxLength characters long.
const (
	SearchCountCap  = 1000
	SearchMaxLength = 256
)

// SearchQuery is one search: words in web-search syntax ("phrase", OR,
// -word) and the filters around them.
type SearchQuery struct {
	Text       string
	Author     string  // a member's exact name, any case
	ForumIDs   []int64 // none means every forum
	TitlesOnly bool
	Days       int // only posts from the last Days days; 0 means any time
	Show       SearchShow
	Sort       SearchSort
	// Readable are the forums the searcher may read, from their Rights;
	// nothing outside them is ever found, nor counted.
	Readable []int64
}

// SearchError is a search that cannot run, with the message that tells the
// searcher why. It is not a failure of the board.
type SearchError string

func (e SearchError) Error() string { return string(e) }

// The searches that cannot run.
const (
	ErrSearchEmpty     SearchError = "Enter some words to search for, or a member's name to find their posts."
	ErrSearchShort     SearchError = "Your search is too short: use at least two letters or digits."
	ErrSearchLong      SearchError = "Your search is too long: use at most 256 characters."
	ErrSearchStopwords SearchError = "Your search only has very common words (such as “the” or “and”), which are not indexed. Add a more specific word."
	ErrSearchAuthor    SearchError = "No member has that name. Check the spelling of the author."
	ErrSearchBroad     SearchError = "Your search matches too many posts to sort in time. Add more specific words, or narrow it by forum, author or time."
)

// Highlight is a run of text in a search result; Mark says it matched.
type Highlight struct {
	Text string
	Mark bool
}

// SearchHit is one search result: a post (with its topic, forum and author)
// when listing posts, or a topic (with its forum, author and last post) when
// listing topics. Title and Snippet carry the matching words marked.
type SearchHit struct {
	Post    *Post
	Topic   *Topic
	Title   []Highlight
	Snippet []Highlight // posts only: the matching part of the text
}

// SearchResults is one page of results and how many there are in all,
// counted up to SearchCountCap+1 (more than the cap shows as "1,000+").
// Newest says the search matched more posts than it ranks: the results come
// from the newest SearchWindow matches of each kind.
type SearchResults struct {
	Hits   []SearchHit
	Total  int
	Newest bool
}

// Sentinels that ts_headline puts around matching words. They come from
// Unicode's private use area and are removed from the text beforehand, so
// a post cannot forge a mark; the marks become Highlights, never raw HTML.
const (
	markStart = "\uE000"
	markStop  = "\uE001"
)

// bbcodeTag matches BBCode tags roughly, enough to show a plain snippet.
const bbcodeTag = `\[/?[A-Za-z*]+(=[^\]\n]*)?\]`

// readableForums is the condition that keeps a query inside the forums
// the viewer may read; every search and board-wide list goes through it.
func readableForums(forumColumn string, readable []int64) (string, []any) {
	return forumColumn + " = ANY(?)", []any{pgdialect.Array(readable)}
}

// searchQuery is the web-search parse of the words, in SQL.
const searchQuery = "websearch_to_tsquery('english'::regconfig, ?)"

// checkSearchText rejects searches that no index could answer usefully.
func checkSearchText(text string) error {
	if utf8.RuneCountInString(text) > SearchMaxLength {
		return ErrSearchLong
	}
	n := 0
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	if n < 2 {
		return ErrSearchShort
	}
	return nil
}

// searchHits builds the SQL for the visible posts a search matches, each
// with its topic, time and (when asked) relevance: the one place that
// decides what a search may find.
func (q SearchQuery) searchHits(authorID int64, withRank bool) (string, []any) {
	var b strings.Builder
	var args []any
	b.WriteString("SELECT p.id, p.topic_id, p.created_at")
	if withRank {
		switch {
		case q.Text == "":
			b.WriteString(", 0::real AS rank")
		case q.TitlesOnly:
			b.WriteString(", ts_rank(t.search, " + searchQuery + ") AS rank")
			args = append(args, q.Text)
		default:
			b.WriteString(", ts_rank(p.search, " + searchQuery + ") + CASE WHEN p.post_number = 1 THEN ts_rank(t.search, " + searchQuery + ") ELSE 0 END AS rank")
			args = append(args, q.Text, q.Text)
		}
	}
	b.WriteString(" FROM posts p JOIN topics t ON t.id = p.topic_id WHERE ")
	if q.Text == "" {
		filters, filterArgs := q.hitFilters(authorID)
		b.WriteString(filters)
		return b.String(), append(args, filterArgs...)
	}
	window, windowArgs := q.matchWindow(authorID)
	b.WriteString("p.id IN (" + window + ")")
	return b.String(), append(args, windowArgs...)
}

// SearchWindow is how many of the newest matches of each kind (in a post's
// text, in a topic's title) a search ranks. Ranking reads every match's
// words, so words found in much of the board would cost seconds; the
// newest matches are read off the primary key in posting order instead,
// and a search that matches fewer is ranked whole.
const SearchWindow = SearchCountCap + 1

// matchWindow selects the ids of the newest visible posts whose text, or
// whose topic's title when they open it, holds the words. Each kind is its
// own query, so each can use its own index (the words' GIN index when they
// are rare, the primary key backwards when they are common).
func (q SearchQuery) matchWindow(authorID int64) (string, []any) {
	filters, filterArgs := q.hitFilters(authorID)
	newest := " ORDER BY p.id DESC LIMIT " + strconv.Itoa(SearchWindow) + ")"
	inTitles := "(SELECT p.id FROM topics t JOIN posts p ON p.topic_id = t.id AND p.post_number = 1 WHERE t.search @@ " +
		searchQuery + " AND " + filters + newest
	titleArgs := append([]any{q.Text}, filterArgs...)
	if q.TitlesOnly {
		return inTitles, titleArgs
	}
	inText := "(SELECT p.id FROM posts p JOIN topics t ON t.id = p.topic_id WHERE p.search @@ " +
		searchQuery + " AND " + filters + newest
	return inText + " UNION " + inTitles, slices.Concat([]any{q.Text}, filterArgs, titleArgs)
}

// hitFilters are the conditions on a found post besides its words: visible,
// in a forum the searcher may read, and the searcher's own filters.
func (q SearchQuery) hitFilters(authorID int64) (string, []any) {
	var b strings.Builder
	b.WriteString("p.deleted_at IS NULL AND t.deleted_at IS NULL")
	cond, args := readableForums("t.forum_id", q.Readable)
	b.WriteString(" AND " + cond)
	if authorID != 0 {
		b.WriteString(" AND p.author_id = ?")
		args = append(args, authorID)
	}
	if len(q.ForumIDs) > 0 {
		b.WriteString(" AND t.forum_id IN (?)")
		args = append(args, bun.In(q.ForumIDs))
	}
	if q.Days > 0 {
		b.WriteString(" AND p.created_at >= now() - make_interval(days => ?)")
		args = append(args, q.Days)
	}
	return b.String(), args
}

// searchTimeout bounds one search: words that match a large part of the
// board cost seconds to count and rank, and are better narrowed than waited for.
const searchTimeout = 3 * time.Second

// Search runs a search and returns one page of its results. A search that
// cannot run returns a SearchError.
func (s *Store) Search(ctx context.Context, q SearchQuery, page, perPage int) (SearchResults, error) {
	limited, cancel := context.WithTimeout(ctx, searchTimeout)
	defer cancel()
	res, err := s.search(limited, q, page, perPage)
	if err != nil && ctx.Err() == nil && errors.Is(limited.Err(), context.DeadlineExceeded) {
		return SearchResults{}, ErrSearchBroad
	}
	return res, err
}

func (s *Store) search(ctx context.Context, q SearchQuery, page, perPage int) (SearchResults, error) {
	var res SearchResults
	q.Text = strings.TrimSpace(q.Text)
	q.Author = strings.TrimSpace(q.Author)
	if q.Text == "" && q.Author == "" {
		return res, ErrSearchEmpty
	}
	if q.Text != "" {
		if err := checkSearchText(q.Text); err != nil {
			return res, err
		}
	}
	// One round trip answers both questions the database must settle first.
	var terms int
	var authorID sql.NullInt64
	err := s.db.NewRaw("SELECT numnode("+searchQuery+"), (SELECT id FROM users WHERE username_key = ?)",
		q.Text, UsernameKey(q.Author)).Scan(ctx, &terms, &authorID)
	if err != nil {
		return res, err
	}
	switch {
	case q.Text != "" && terms == 0:
		return res, ErrSearchStopwords
	case q.Author != "" && !authorID.Valid:
		return res, ErrSearchAuthor
	}

	hits, args := q.searchHits(authorID.Int64, false)
	if q.Text == "" {
		count := "SELECT count(*) FROM (" + hits + " LIMIT ?) h"
		if q.Show == SearchTopics {
			count = "SELECT count(*) FROM (SELECT DISTINCT topic_id FROM (" + hits + ") h0 LIMIT ?) h"
		}
		if err := s.db.NewRaw(count, append(args, SearchCountCap+1)...).Scan(ctx, &res.Total); err != nil {
			return res, err
		}
	} else {
		// hits holds at most SearchWindow posts of each kind: counted whole.
		var posts, topics int
		if err := s.db.NewRaw("SELECT count(*), count(DISTINCT topic_id) FROM ("+hits+") h", args...).Scan(ctx, &posts, &topics); err != nil {
			return res, err
		}
		res.Total, res.Newest = posts, posts > SearchCountCap
		if q.Show == SearchTopics {
			res.Total = topics
		}
	}
	if res.Total == 0 {
		return res, nil
	}
	if q.Show == SearchTopics {
		res.Hits, err = s.searchTopics(ctx, q, authorID.Int64, page, perPage)
	} else {
		res.Hits, err = s.searchPosts(ctx, q, authorID.Int64, page, perPage)
	}
	return res, err
}

// searchRow is a result's id with its marked-up title and snippet.
type searchRow struct {
	ID      int64
	Title   string
	Snippet string
}

// titleHeadline marks the matching words of a topic title.
func (q SearchQuery) titleHeadline(title string) (string, []any) {
	clean := "translate(" + title + ", ?, '')"
	if q.Text == "" {
		return clean, []any{markStart + markStop}
	}
	return "ts_headline('english'::regconfig, " + clean + ", " + searchQuery + ", ?)",
		[]any{markStart + markStop, q.Text, "HighlightAll=true, StartSel=" + markStart + ", StopSel=" + markStop}
}

// searchOrder is the ORDER BY of a page of hits, given its rank and time.
func (q SearchQuery) searchOrder(rank, at, id string) string {
	if q.Sort == SearchByDate || q.Text == "" {
		return at + " DESC, " + id + " DESC"
	}
	return rank + " DESC, " + at + " DESC, " + id + " DESC"
}

func (s *Store) searchPosts(ctx context.Context, q SearchQuery, authorID int64, page, perPage int) ([]SearchHit, error) {
	hits, args := q.searchHits(authorID, true)
	title, titleArgs := q.titleHeadline("t.title")
	// The snippet is the text without its BBCode tags: the matching
	// fragments, or its beginning when there are no words to match.
	plain := "regexp_replace(translate(p.body, ?, ''), ?, ' ', 'g')"
	plainArgs := []any{markStart + markStop, bbcodeTag}
	snippet := "left(" + plain + ", 300)"
	var snippetArgs []any
	if q.Text != "" {
		// A short text is shown whole; a long one by its matching fragments.
		marks := ", StartSel=" + markStart + ", StopSel=" + markStop
		snippet = "CASE WHEN length(p.body) <= 300 THEN ts_headline('english'::regconfig, " + plain + ", " + searchQuery + ", ?)" +
			" ELSE ts_headline('english'::regconfig, " + plain + ", " + searchQuery + ", ?) END"
		snippetArgs = slices.Concat(plainArgs, []any{q.Text, "HighlightAll=true" + marks},
			plainArgs, []any{q.Text, `MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "` + marks})
	} else {
		snippetArgs = plainArgs
	}
	sqlText := "SELECT h.id, " + title + " AS title, " + snippet + " AS snippet FROM (" + hits +
		" ORDER BY " + q.searchOrder("rank", "p.created_at", "p.id") + " LIMIT ? OFFSET ?) h" +
		" JOIN posts p ON p.id = h.id JOIN topics t ON t.id = p.topic_id ORDER BY " + q.searchOrder("h.rank", "h.created_at", "h.id")
	all := slices.Concat(titleArgs, snippetArgs, args, []any{perPage, (page - 1) * perPage})
	var rows []searchRow
	if err := s.db.NewRaw(sqlText, all...).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var posts []*Post
	err := s.db.NewSelect().Model(&posts).
		Column("p.id", "p.topic_id", "p.author_id", "p.post_number", "p.created_at").
		Relation("Author", authorColumns).
		Relation("Topic", columns("id", "forum_id", "title", "reply_count")).
		Relation("Topic.Forum", columns("id", "title")).
		Where("p.id IN (?)", bun.In(ids)).
		Scan(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*Post, len(posts))
	for _, p := range posts {
		byID[p.ID] = p
	}
	out := make([]SearchHit, 0, len(rows))
	for _, r := range rows {
		if p := byID[r.ID]; p != nil {
			out = append(out, SearchHit{Post: p, Topic: p.Topic, Title: highlights(r.Title), Snippet: highlights(r.Snippet)})
		}
	}
	return out, nil
}

func (s *Store) searchTopics(ctx context.Context, q SearchQuery, authorID int64, page, perPage int) ([]SearchHit, error) {
	hits, args := q.searchHits(authorID, true)
	sqlText := "SELECT topic_id FROM (" + hits + ") h GROUP BY topic_id ORDER BY " +
		q.searchOrder("max(rank)", "max(created_at)", "topic_id") + " LIMIT ? OFFSET ?"
	var ids []int64
	if err := s.db.NewRaw(sqlText, append(args, perPage, (page-1)*perPage)...).Scan(ctx, &ids); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var topics []*Topic
	err := s.db.NewSelect().Model(&topics).
		Column("t.id", "t.forum_id", "t.author_id", "t.title", "t.kind", "t.locked", "t.reply_count", "t.view_count",
			"t.last_post_id", "t.last_post_number", "t.last_post_at", "t.created_at").
		Relation("Forum", columns("id", "title")).
		Relation("Author", authorColumns).
		Relation("LastPost", columns("id", "author_id", "created_at")).
		Relation("LastPost.Author", authorColumns).
		Where("t.id IN (?)", bun.In(ids)).
		Scan(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*Topic, len(topics))
	for _, t := range topics {
		byID[t.ID] = t
	}
	out := make([]SearchHit, 0, len(ids))
	for _, id := range ids {
		if t := byID[id]; t != nil {
			out = append(out, SearchHit{Topic: t})
		}
	}
	return out, nil
}

// highlights splits ts_headline's output at its sentinels into plain and
// marked runs; a run never contains a sentinel.
func highlights(s string) []Highlight {
	// On broken UTF-8, removing a sentinel could join bytes into a new one.
	s = strings.ToValidUTF8(s, "\uFFFD")
	var out []Highlight
	// A stop without its start would otherwise stay in a plain run.
	plain := func(text string) {
		if text = strings.ReplaceAll(text, markStop, ""); text != "" {
			out = append(out, Highlight{Text: text})
		}
	}
	for s != "" {
		start := strings.Index(s, markStart)
		if start < 0 {
			plain(s)
			break
		}
		plain(s[:start])
		s = s[start+len(markStart):]
		stop := strings.Index(s, markStop)
		if stop < 0 {
			stop = len(s)
		}
		if marked := strings.ReplaceAll(s[:stop], markStart, ""); marked != "" {
			out = append(out, Highlight{Text: marked, Mark: true})
		}
		s = strings.TrimPrefix(s[stop:], markStop)
	}
	return out
}

// IsSearchError reports whether err is a search that cannot run, and why.
func IsSearchError(err error) (SearchError, bool) {
	var se SearchError
	ok := errors.As(err, &se)
	return se, ok
}
