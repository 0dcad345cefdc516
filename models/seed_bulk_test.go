package models_test

import (
	"context"
	"errors"
	"strings"
	"testing"

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
			OR body_html NOT LIKE '<p>%</p>'`: 0,
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
		VALUES (1, 1, 100000, 'x', 'x') RETURNING id`); got != 2501 {
		t.Errorf("new post got id %d, want 2501", got)
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
