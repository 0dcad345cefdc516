package models

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"hyperboard/bbcode"
)

// BulkOptions sizes the synthetic board made by SeedBulk.
type BulkOptions struct {
	Users, Topics, Posts int       // Posts counts each topic's first post too, so Posts >= Topics
	Log                  io.Writer // one line per step with its duration; nil discards them
}

func (o BulkOptions) validate() error {
	switch {
	case o.Users < 0 || o.Topics < 0 || o.Posts < 0:
		return fmt.Errorf("%w: bulk sizes must not be negative", ErrInvalid)
	case o.Posts < o.Topics:
		return fmt.Errorf("%w: %d posts cannot give each of %d topics a first post", ErrInvalid, o.Posts, o.Topics)
	case o.Posts > 0 && o.Topics == 0:
		return fmt.Errorf("%w: posts need at least one topic", ErrInvalid)
	case o.Topics > 0 && o.Users == 0:
		return fmt.Errorf("%w: topics need at least one user to write them", ErrInvalid)
	case o.Users > math.MaxInt32 || o.Posts > math.MaxInt32:
		return fmt.Errorf("%w: bulk sizes must fit in 32 bits", ErrInvalid)
	}
	return nil
}

// SeedBulk fills an empty board (one without categories) with a large
// synthetic one: members, three categories of forums, topics and posts,
// streamed in with COPY so that a million posts load in a few minutes.
// Everything is loaded in one transaction, so a failure leaves nothing
// behind, and every counter and pointer is loaded already exact (Recount
// finds nothing to change). The transaction holds the loaded tables and
// users exclusively (their indexes and foreign keys are rebuilt), so a
// server already running on the board waits for it to commit.
//
// The board is the same on every run apart from its timestamps, which end
// at the present. Members get ids after any that already exist, are named
// "member00001" and so on, and have no password.
func (s *Store) SeedBulk(ctx context.Context, opts BulkOptions) error {
	if err := opts.validate(); err != nil {
		return err
	}
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	start := time.Now()
	step := func(name string, f func() error) error {
		t := time.Now()
		if err := f(); err != nil {
			return fmt.Errorf("seed bulk: %s: %w", name, err)
		}
		fmt.Fprintf(log, "seed bulk: %-16s %v\n", name, time.Since(t).Round(time.Millisecond))
		return nil
	}

	// Loading and indexing a large board may rightly take longer than the
	// app's statement limit: it runs on a pool without it, one connection
	// loading and the other asking for the search vectors of words.
	m := &Store{db: s.maintenance(), cfg: s.cfg}
	defer m.db.Close()
	vectors, err := newChunkVectors(ctx, m.db)
	if err != nil {
		return fmt.Errorf("seed bulk: %w", err)
	}
	conn, err := m.db.Conn(ctx)
	if err != nil {
		return err
	}
	err = conn.Raw(func(dc any) error {
		return bulkLoad(ctx, dc.(*stdlib.Conn).Conn(), opts, vectors, log, step)
	})
	conn.Close()
	if err != nil {
		return err
	}

	// A visibility map for the tables loaded without FREEZE, so that the
	// forum and member pages can read their indexes alone. Posts too:
	// FREEZE leaves their out-of-line (TOAST) values unmarked, and
	// autovacuum would otherwise read them all during the board's first
	// minutes of use.
	if err := step("vacuum", func() error {
		_, err := m.db.ExecContext(ctx, "VACUUM "+bulkTables)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(log, "seed bulk: %-16s %v\n", "total", time.Since(start).Round(time.Millisecond))
	return s.Announce(ctx, TagAll) // for servers already running on the board
}

// bulkTables are the tables SeedBulk fills.
const bulkTables = "users, group_members, categories, forums, topics, posts"

// errBoardNotEmpty is returned when SeedBulk finds categories already there.
var errBoardNotEmpty = fmt.Errorf("%w: the board already has categories; bulk seeding needs an empty board", ErrConflict)

func bulkLoad(ctx context.Context, pc *pgx.Conn, opts BulkOptions, vectors *chunkVectors, log io.Writer, step func(string, func() error) error) (err error) {
	tx, err := pc.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	// SET LOCAL rather than SET: the connection goes back to the pool, and
	// this commit is the only one worth not waiting for. The memory holds a
	// million posts' lexemes while the full-text index is built; compiling
	// the queries that check the foreign keys costs more than it saves. The
	// lock conflicts with itself, so of two loads started together the
	// second waits and then finds the first one's categories.
	_, err = tx.Exec(ctx, `SET LOCAL synchronous_commit = off;
		SET LOCAL maintenance_work_mem = '1GB';
		SET LOCAL jit = off;
		LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE`)
	if err != nil {
		return err
	}
	var nonEmpty bool
	var registered, userBase int64
	err = tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM categories) OR EXISTS (SELECT 1 FROM posts),
		(SELECT id FROM groups WHERE system_key = $1),
		(SELECT coalesce(max(id), 0) FROM users)`, GroupRegistered).Scan(&nonEmpty, &registered, &userBase)
	if err != nil {
		return err
	}
	if nonEmpty {
		return errBoardNotEmpty
	}

	var p *bulkPlan
	if err = step("plan", func() error {
		p = planBulk(opts, time.Now())
		return nil
	}); err != nil {
		return err
	}
	var deferred *deferredSchema
	if err = step("drop indexes", func() error {
		var err error
		deferred, err = deferSchema(ctx, tx, []string{"forums", "topics", "posts"}, []string{"posts"},
			[]string{"users", "forums", "topics", "posts"})
		if err != nil {
			return err
		}
		// Emptied in this transaction, posts can be loaded frozen and
		// all-visible (COPY FREEZE), so that they need no vacuum later
		// and their indexes can be read alone from the start. The search
		// vectors come with the rows (seed_bulk_search.go).
		_, err = tx.Exec(ctx, `TRUNCATE posts;
			ALTER TABLE posts DISABLE TRIGGER posts_search_vector`)
		return err
	}); err != nil {
		return err
	}
	copyRows := func(name, table string, cols []string, n int, row func(i int) []any) error {
		return step(name, func() error {
			i := 0
			got, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromFunc(func() ([]any, error) {
				if i == n {
					return nil, nil
				}
				i++
				return row(i - 1), nil
			}))
			if err == nil && got != int64(n) {
				err = fmt.Errorf("copied %d rows of %d", got, n)
			}
			return err
		})
	}
	// postID is nil for a pointer at no post.
	postID := func(i int32) any {
		if i < 0 {
			return nil
		}
		return int64(i) + 1
	}

	userID := func(u int32) int64 { return userBase + int64(u) + 1 }
	text := newBulkText(rand.New(rand.NewPCG(bulkSeed, 3)))
	if err = copyRows("users", "users",
		[]string{"id", "username", "email", "password_hash", "joined_at", "last_visit_at", "post_count", "signature", "signature_html"},
		len(p.users), func(i int) []any {
			u := &p.users[i]
			name := bulkUserName(i+1, len(p.users))
			sig := text.signature()
			return []any{userID(int32(i)), name, name + "@example.invalid", "", p.time(u.joined), p.time(u.lastVisit),
				u.posts, sig, bbcode.Cook(sig)}
		}); err != nil {
		return err
	}
	if err = copyRows("group members", "group_members", []string{"group_id", "user_id", "joined_at"},
		len(p.users), func(i int) []any {
			return []any{registered, userID(int32(i)), p.time(p.users[i].joined)}
		}); err != nil {
		return err
	}
	if err = copyRows("categories", "categories", []string{"id", "title", "position"},
		len(bulkCategories), func(i int) []any {
			return []any{int64(i + 1), bulkCategories[i].title, int32(i + 1)}
		}); err != nil {
		return err
	}
	if err = copyRows("forums", "forums", []string{"id", "category_id", "title", "description", "position", "topic_count", "post_count", "last_post_id"},
		len(p.forums), func(i int) []any {
			f := &p.forums[i]
			return []any{int64(i + 1), int64(f.category + 1), f.title, f.description, int32(f.position), f.topics, f.posts, postID(f.lastPost)}
		}); err != nil {
		return err
	}
	if err = copyRows("topics", "topics",
		[]string{"id", "forum_id", "author_id", "title", "kind", "locked", "reply_count", "view_count",
			"first_post_id", "last_post_id", "last_post_number", "last_post_at", "created_at"},
		len(p.topics), func(i int) []any {
			t := &p.topics[i]
			return []any{int64(i + 1), int64(t.forum + 1), userID(t.author), t.title, int16(t.kind), t.locked,
				t.posts - 1, t.views, postID(t.firstPost), postID(t.lastPost), t.posts, p.time(t.last), p.time(t.created)}
		}); err != nil {
		return err
	}
	posts := &postWriter{plan: p, userBase: userBase, vectors: vectors, opened: p.opened.Sub(pgEpoch).Microseconds()}
	if err = step("posts", func() error { return posts.copyPosts(ctx, tx, log) }); err != nil {
		return err
	}
	if err = step("check vectors", func() error {
		_, err := tx.Exec(ctx, "ALTER TABLE posts ENABLE TRIGGER posts_search_vector")
		if err != nil {
			return err
		}
		return checkBulkVectors(ctx, tx, len(p.posts))
	}); err != nil {
		return err
	}
	if err = step("indexes", func() error { return restore(ctx, tx, deferred.indexes, log) }); err != nil {
		return err
	}
	// Statistics before the foreign keys, so that checking them plans on
	// what was loaded (index-only scans of posts where an index fits).
	if err = step("analyze", func() error {
		_, err := tx.Exec(ctx, "ANALYZE "+bulkTables)
		return err
	}); err != nil {
		return err
	}
	if err = step("foreign keys", func() error { return restore(ctx, tx, deferred.foreignKeys, log) }); err != nil {
		return err
	}
	return step("commit", func() error {
		// Explicit ids leave the identity sequences behind; later inserts
		// would collide with the loaded rows.
		for _, t := range []string{"users", "categories", "forums", "topics", "posts"} {
			if _, err := tx.Exec(ctx, "SELECT setval(pg_get_serial_sequence('"+t+"', 'id'), max(id)) FROM "+t); err != nil {
				return err
			}
		}
		return tx.Commit(ctx)
	})
}

// checkBulkVectors compares the search vectors of about 5,000 posts spread
// over the board (all of a smaller one) with what to_tsvector makes of their
// bodies, which is what the posts' trigger would have stored.
func checkBulkVectors(ctx context.Context, tx pgx.Tx, posts int) error {
	var checked, wrong int64
	err := tx.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE search IS DISTINCT FROM to_tsvector($1::regconfig, body))
		FROM posts WHERE id IN (SELECT generate_series(1, $2::bigint, $3::bigint))`,
		bulkSearchConfig, posts, max(1, posts/5000)).Scan(&checked, &wrong)
	if err == nil && wrong > 0 {
		err = fmt.Errorf("%d of %d search vectors checked differ from to_tsvector", wrong, checked)
	}
	return err
}

// bulkSeed fixes the random streams so that every run makes the same board.
