package models_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgtype"

	"hyperboard/bbcode"
	"hyperboard/internal/dbtest"
	"hyperboard/models"
)

// The test lives outside package models because dbtest imports models.
func TestMain(m *testing.M) { dbtest.Main(m) }

// logWriter sends SeedBulk's progress lines to the test log.
type logWriter struct{ t *testing.T }

func (w logWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

func queryInt(t *testing.T, store *models.Store, query string) int64 {
	t.Helper()
	var n int64
	if err := store.DB().QueryRowContext(context.Background(), query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// boardShape sums up every loaded table, to tell whether anything changed.
const boardShape = `SELECT concat_ws(' ',
	(SELECT count(*) FROM users), (SELECT count(*) FROM group_members),
	(SELECT count(*) FROM categories), (SELECT count(*) FROM forums),
	(SELECT count(*) FROM topics), (SELECT count(*) FROM posts),
	(SELECT md5(string_agg(concat_ws('|', id, topic_id, author_id, post_number, subject, md5(body)), ',' ORDER BY id)) FROM posts),
	(SELECT md5(string_agg(concat_ws('|', id, forum_id, author_id, title, kind, locked, reply_count, last_post_id), ',' ORDER BY id)) FROM topics),
	(SELECT md5(string_agg(concat_ws('|', id, username, post_count, signature), ',' ORDER BY id)) FROM users))`

// schemaShape lists the definitions of every index, constraint and
// trigger of the board's tables, and whether each is valid and enabled.
const schemaShape = `SELECT string_agg(d, E'\n' ORDER BY d) FROM (
	SELECT pg_get_indexdef(indexrelid) FROM pg_index
	WHERE indrelid::regclass::text NOT LIKE 'pg_%'
	UNION ALL
	SELECT concat_ws(' ', conrelid::regclass, conname, pg_get_constraintdef(oid), convalidated)
	FROM pg_constraint WHERE connamespace = 'public'::regnamespace
	UNION ALL
	SELECT concat_ws(' ', tgrelid::regclass, tgname, tgenabled) FROM pg_trigger WHERE NOT tgisinternal
) s(d)`

func queryString(t *testing.T, store *models.Store, query string) string {
	t.Helper()
	var s string
	if err := store.DB().QueryRowContext(context.Background(), query).Scan(&s); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return s
}

func TestSeedBulk(t *testing.T) {
	ctx := context.Background()
	store := dbtest.Store(t)
	opts := models.BulkOptions{Users: 200, Topics: 300, Posts: 2500, Log: logWriter{t}}
	if err := store.SeedBulk(ctx, opts); err != nil {
		t.Fatal(err)
	}

	for query, want := range map[string]int64{
		"SELECT count(*) FROM users":      200,
		"SELECT count(*) FROM categories": 3,
		"SELECT count(*) FROM forums":     10,
		"SELECT count(*) FROM topics":     300,
		"SELECT count(*) FROM posts":      2500,
		`SELECT count(*) FROM group_members m JOIN groups g ON g.id = m.group_id
			WHERE g.system_key = 'REGISTERED'`: 200,
		"SELECT count(DISTINCT topic_id) FROM posts": 300,
		// Exactly one topic has 1,000 posts, numbered 1..1000.
		`SELECT count(*) FROM (SELECT topic_id FROM posts GROUP BY topic_id
			HAVING count(*) >= 1000) x`: 1,
		`SELECT count(*) FROM (SELECT topic_id FROM posts GROUP BY topic_id
			HAVING count(*) = 1000 AND min(post_number) = 1 AND max(post_number) = 1000) x`: 1,
		// Every topic's numbers run 1..n without gaps.
		`SELECT count(*) FROM (SELECT topic_id FROM posts GROUP BY topic_id
			HAVING min(post_number) <> 1 OR max(post_number) <> count(*)
				OR count(DISTINCT post_number) <> count(*)) x`: 0,
		// Posts come after their topic starts, in number order, and are
		// written by members who had joined by then.
		`SELECT count(*) FROM posts p JOIN topics t ON t.id = p.topic_id
			WHERE p.created_at < t.created_at
				OR (p.post_number = 1) <> (p.created_at = t.created_at)
				OR (p.post_number = 1) <> (p.subject = t.title)`: 0,
		`SELECT count(*) FROM posts p JOIN posts n ON n.topic_id = p.topic_id AND n.post_number = p.post_number + 1
			WHERE n.created_at <= p.created_at`: 0,
		`SELECT count(*) FROM posts p JOIN users u ON u.id = p.author_id WHERE p.created_at < u.joined_at`: 0,
		`SELECT count(*) FROM posts WHERE length(body) NOT BETWEEN 200 AND 2000
			OR body_html !~ '^<(p|blockquote)' OR body_html NOT LIKE '%</p>'`: 0,
		// The stored vectors are what the posts' trigger would have made.
		`SELECT count(*) FROM posts WHERE search IS DISTINCT FROM to_tsvector('english', body)`: 0,
		`SELECT count(*) FROM users WHERE password_hash <> '' OR username !~ '^member[0-9]{5}$'
			OR email <> username || '@example.invalid'`: 0,
		// The counters add up to the totals.
		"SELECT sum(topic_count) FROM forums":     300,
		"SELECT sum(post_count) FROM forums":      2500,
		"SELECT sum(reply_count + 1) FROM topics": 2500,
		"SELECT sum(post_count) FROM users":       2500,
	} {
		if got := queryInt(t, store, query); got != want {
			t.Errorf("%s = %d, want %d", query, got, want)
		}
	}
	// Bodies are BBCode like members write, cooked as the app cooks it.
	for query, limit := range map[string][2]int64{
		`SELECT count(*) FROM posts WHERE body ~ '^\[quote="member[0-9]{5}"\]'
			AND body_html LIKE '<blockquote class="bb-quote"><cite>member%'`: {250, 700},
		`SELECT count(*) FROM posts WHERE body LIKE '%[list%' AND body_html ~ '<(ul|ol)><li>'`: {100, 1500},
		`SELECT count(*) FROM posts WHERE body_html LIKE '%<a href="https://%'`:                {250, 1800},
		`SELECT count(*) FROM posts WHERE body_html ~ '<(strong|em)>'`:                         {250, 2000},
	} {
		if got := queryInt(t, store, query); got < limit[0] || got > limit[1] {
			t.Errorf("%s = %d, want %d..%d", query, got, limit[0], limit[1])
		}
	}
	wrongHTML := 0
	rows, err := store.DB().QueryContext(ctx, "SELECT body, body_html FROM posts ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var body, html string
		if err := rows.Scan(&body, &html); err != nil {
			t.Fatal(err)
		}
		if html != bbcode.Cook(body) {
			wrongHTML++
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if wrongHTML > 0 {
		t.Errorf("%d posts have HTML that is not their cooked body", wrongHTML)
	}

	if got := queryInt(t, store, "SELECT max(topic_count) FROM forums"); got < 300*35/100 {
		t.Errorf("largest forum holds %d topics, want about 40%% of 300", got)
	}
	for query, limit := range map[string][2]int64{
		"SELECT count(*) FROM topics WHERE kind = 1":            {1, 15},
		"SELECT count(*) FROM topics WHERE kind = 2":            {1, 5},
		"SELECT count(*) FROM topics WHERE locked AND kind = 0": {1, 10},
	} {
		if got := queryInt(t, store, query); got < limit[0] || got > limit[1] {
			t.Errorf("%s = %d, want %d..%d", query, got, limit[0], limit[1])
		}
	}

	drift, err := store.Recount(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(drift) != 4 {
		t.Errorf("Recount checked %v, want posts, topics, forums and users", drift)
	}
	for _, d := range drift {
		if d.Rows != 0 {
			t.Errorf("Recount found %d rows of %s out of step", d.Rows, d.Table)
		}
	}

	// Search finds what was seeded: every post with the words, or opening
	// a topic whose title has them.
	var forums []int64
	if err := store.DB().NewSelect().Table("forums").Column("id").Scan(ctx, &forums); err != nil {
		t.Fatal(err)
	}
	for _, words := range []string{"dovetails", "walnut shelf", `"measure twice"`} {
		want := queryInt(t, store, `SELECT count(*) FROM posts p JOIN topics t ON t.id = p.topic_id,
			websearch_to_tsquery('english', '`+strings.ReplaceAll(words, "'", "''")+`') q
			WHERE to_tsvector('english', p.body) @@ q OR p.post_number = 1 AND to_tsvector('english', t.title) @@ q`)
		res, err := store.Search(ctx, models.SearchQuery{Text: words, Readable: forums,
			Show: models.SearchPosts, Sort: models.SearchByDate}, 1, 25)
		if err != nil {
			t.Fatalf("search %s: %v", words, err)
		}
		if want == 0 || int64(res.Total) != min(want, models.SearchCountCap+1) {
			t.Errorf("search %s found %d posts, want %d (more than none)", words, res.Total, want)
		}
	}

	// The indexes, constraints and triggers set aside while loading are
	// back as the migrations made them.
	if got, want := queryString(t, store, schemaShape), queryString(t, dbtest.Store(t), schemaShape); got != want {
		t.Errorf("the schema after seeding differs from a fresh one:\n%s\nwant\n%s", got, want)
	}

	before := queryString(t, store, boardShape)
	err = store.SeedBulk(ctx, models.BulkOptions{Users: 5, Topics: 5, Posts: 5})
	if !errors.Is(err, models.ErrConflict) {
		t.Errorf("second SeedBulk returned %v, want ErrConflict", err)
	}
	if after := queryString(t, store, boardShape); after != before {
		t.Errorf("second SeedBulk changed the board:\n%s\n%s", before, after)
	}

	// The same options give the same board on a second database.
	again := dbtest.Store(t)
	if err := again.SeedBulk(ctx, models.BulkOptions{Users: 200, Topics: 300, Posts: 2500}); err != nil {
		t.Fatal(err)
	}
	if got := queryString(t, again, boardShape); got != before {
		t.Errorf("second run made a different board:\n%s\n%s", before, got)
	}

	// The identity sequences were moved past the loaded ids.
	u := &models.User{Username: "newcomer", Email: "newcomer@example.invalid"}
	if err := store.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if u.ID != 201 {
		t.Errorf("new user got id %d, want 201", u.ID)
	}
	if got := queryInt(t, store, `INSERT INTO posts (topic_id, author_id, post_number, body, body_html)
		SELECT 1, 1, 100000, b, '<p>' || b || '</p>' FROM repeat('A later post, long enough to be compressed. ', 60) b
		RETURNING id`); got != 2501 {
		t.Errorf("new post got id %d, want 2501", got)
	}
	// Posts written later get their vector from the trigger again, and are
	// stored like the seeded ones.
	if got := queryInt(t, store, "SELECT count(*) FROM posts WHERE id = 2501 AND search = to_tsvector('english', body) AND search <> ''"); got != 1 {
		t.Error("a post written after seeding has no search vector")
	}
	methods := queryString(t, store, `SELECT concat_ws(' ', count(*) FILTER (WHERE id < 2501),
		string_agg(DISTINCT pg_column_compression(body_html), ','),
		(SELECT pg_column_compression(body_html) FROM posts WHERE id = 2501))
		FROM posts WHERE pg_column_compression(body_html) IS NOT NULL`)
	if f := strings.Fields(methods); len(f) != 3 || f[0] == "0" || f[1] != f[2] {
		t.Errorf("seeded posts compressed, their methods, a later post's: %s; want some, one method, the same", methods)
	}
}

func TestSeedBulkRejectsBadSizes(t *testing.T) {
	store := dbtest.Store(t)
	for _, opts := range []models.BulkOptions{
		{Users: 10, Topics: 20, Posts: 10},
		{Users: 10, Topics: 0, Posts: 10},
		{Users: 0, Topics: 5, Posts: 10},
		{Users: -1},
	} {
		if err := store.SeedBulk(context.Background(), opts); !errors.Is(err, models.ErrInvalid) {
			t.Errorf("SeedBulk(%+v) = %v, want ErrInvalid", opts, err)
		}
	}
	if n := queryInt(t, store, "SELECT count(*) FROM users"); n != 0 {
		t.Errorf("rejected SeedBulk left %d users", n)
	}
}

// Boards too small for a 1,000-post topic give the longest one what fits.
func TestSeedBulkSmallBoards(t *testing.T) {
	for _, c := range []struct {
		opts    models.BulkOptions
		longest int64
	}{
		{models.BulkOptions{Users: 1, Topics: 1, Posts: 1}, 1},
		{models.BulkOptions{Users: 3, Topics: 1, Posts: 1200}, 1200},
		{models.BulkOptions{Users: 4, Topics: 3, Posts: 2500}, 1000},
		{models.BulkOptions{Users: 5, Topics: 50, Posts: 500}, 451},
	} {
		store := dbtest.Store(t)
		ctx := context.Background()
		if err := store.SeedBulk(ctx, c.opts); err != nil {
			t.Fatalf("%+v: %v", c.opts, err)
		}
		for query, want := range map[string]int64{
			"SELECT count(*) FROM users":                             int64(c.opts.Users),
			"SELECT count(*) FROM topics":                            int64(c.opts.Topics),
			"SELECT count(*) FROM posts":                             int64(c.opts.Posts),
			"SELECT count(DISTINCT topic_id) FROM posts":             int64(c.opts.Topics),
			"SELECT max(reply_count) + 1 FROM topics":                c.longest,
			"SELECT coalesce(sum(post_count), 0) FROM forums":        int64(c.opts.Posts),
			"SELECT count(*) FROM topics WHERE last_post_id IS NULL": 0,
			`SELECT count(*) FROM (SELECT topic_id FROM posts GROUP BY topic_id
				HAVING min(post_number) <> 1 OR max(post_number) <> count(*)) x`: 0,
		} {
			if got := queryInt(t, store, query); got != want {
				t.Errorf("%+v: %s = %d, want %d", c.opts, query, got, want)
			}
		}
		drift, err := store.Recount(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range drift {
			if d.Rows != 0 {
				t.Errorf("%+v: Recount found %d rows of %s out of step", c.opts, d.Rows, d.Table)
			}
		}
	}
}

// A load that fails part-way leaves nothing: no rows, and every index,
// foreign key and trigger it set aside still in place.
func TestSeedBulkFailureLeavesNothing(t *testing.T) {
	store := dbtest.Store(t)
	fresh := queryString(t, store, schemaShape)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := store.SeedBulk(ctx, models.BulkOptions{Users: 200, Topics: 300, Posts: 2500, Log: cancelAfter{"seed bulk: topics", cancel}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("SeedBulk cancelled while loading returned %v, want context.Canceled", err)
	}
	if got := queryString(t, store, `SELECT concat_ws(' ', (SELECT count(*) FROM users), (SELECT count(*) FROM categories),
		(SELECT count(*) FROM forums), (SELECT count(*) FROM topics), (SELECT count(*) FROM posts))`); got != "0 0 0 0 0" {
		t.Errorf("users, categories, forums, topics, posts after a failed load: %s, want none", got)
	}
	if got := queryString(t, store, schemaShape); got != fresh {
		t.Errorf("the schema after a failed load differs:\n%s\nwant\n%s", got, fresh)
	}
	// And the board can still be seeded.
	if err := store.SeedBulk(context.Background(), models.BulkOptions{Users: 5, Topics: 5, Posts: 20}); err != nil {
		t.Fatal(err)
	}
}

// cancelAfter cancels when a log line starts with prefix.
type cancelAfter struct {
	prefix string
	cancel context.CancelFunc
}

func (c cancelAfter) Write(b []byte) (int, error) {
	if strings.HasPrefix(string(b), c.prefix) {
		c.cancel()
	}
	return len(b), nil
}

// The vectors SeedBulk composes are to_tsvector's, also for text unlike the
// synthetic posts and where to_tsvector drops positions: past 16,383, and
// past 255 for one lexeme.
func TestBulkSearchVectors(t *testing.T) {
	ctx := context.Background()
	store := dbtest.Store(t)
	bodies := []string{
		"The quick brown fox jumps over the lazy dog.",
		strings.Repeat("oak ", 300),
		strings.Repeat("walnut and the oak. ", 5000),
		"[quote=\"member00012\"]\nDon't over-tighten it!\n[/quote]\nSee [url=https://example.com/a_b?x=1]this guide[/url]: " +
			"v1.2.3 costs -5 or +7.5e3 & more, mail me@example.org, run /usr/local/bin/x or ~/bin & C:\\temp.",
		"Ünïcödé wörds, façade and naïve café; 日本語のテキスト; emoji 🙂 stays out.",
		"~/bin and .hidden start it, .. and ~/bin follow",
		"",
		" \n\n\t ",
	}
	got, err := models.BulkSearchVectors(ctx, store.DB(), bodies)
	if err != nil {
		t.Fatal(err)
	}
	types := pgtype.NewMap()
	for i, body := range bodies {
		var composed, want pgtype.TSVector
		if err := types.Scan(pgtype.TSVectorOID, pgtype.BinaryFormatCode, got[i], &composed); err != nil {
			t.Fatalf("body %d: %v", i, err)
		}
		text := queryString(t, store, "SELECT to_tsvector('english', '"+strings.ReplaceAll(body, "'", "''")+"')::text")
		if err := want.Scan(text); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(composed.Lexemes, want.Lexemes) {
			t.Errorf("body %d %.60q:\ncomposed %s\nwant     %s", i, body, composed.String(), want.String())
		}
	}
	// PostgreSQL's parser reads an HTML tag across white space, which
	// composing chunk by chunk cannot follow: such a body is refused.
	if _, err := models.BulkSearchVectors(ctx, store.DB(), []string{`a <b class="x y"> c`}); err == nil {
		t.Error("a body with an HTML tag was composed, want an error")
	}
}
