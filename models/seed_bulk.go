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
// streamed in with COPY so that a million posts load in minutes. The rows
// are loaded in one transaction, so a failure while loading leaves nothing
// behind; the last-post pointers are then filled by Recount, which is the
// one place that knows how they derive from the posts (topics cannot point
// at posts that are loaded after them).
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

	// Loading, indexing and recounting a large board may rightly take
	// longer than the app's statement limit: it runs on a pool without it.
	m := &Store{db: s.maintenance(), cfg: s.cfg}
	defer m.db.Close()
	conn, err := m.db.Conn(ctx)
	if err != nil {
		return err
	}
	err = conn.Raw(func(dc any) error {
		return bulkLoad(ctx, dc.(*stdlib.Conn).Conn(), opts, log, step)
	})
	conn.Close()
	if err != nil {
		return err
	}

	tables := "users, group_members, categories, forums, topics, posts"
	if err := step("analyze", func() error {
		_, err := m.db.ExecContext(ctx, "ANALYZE "+tables)
		return err
	}); err != nil {
		return err
	}
	if err := step("recount", func() error {
		drift, err := m.Recount(ctx, true)
		for _, d := range drift {
			fmt.Fprintf(log, "seed bulk:   recount set %d %s\n", d.Rows, d.Table)
		}
		return err
	}); err != nil {
		return err
	}
	// Recount rewrote every topic, and until a vacuum marks their pages
	// all-visible the forum listing cannot use its index-only scan.
	if err := step("vacuum analyze", func() error {
		_, err := m.db.ExecContext(ctx, "VACUUM (ANALYZE) "+tables)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(log, "seed bulk: %-16s %v\n", "total", time.Since(start).Round(time.Millisecond))
	return s.Announce(ctx, TagAll) // for servers already running on the board
}

// errBoardNotEmpty is returned when SeedBulk finds categories already there.
var errBoardNotEmpty = fmt.Errorf("%w: the board already has categories; bulk seeding needs an empty board", ErrConflict)

func bulkLoad(ctx context.Context, pc *pgx.Conn, opts BulkOptions, log io.Writer, step func(string, func() error) error) (err error) {
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
	// this commit is the only one worth not waiting for. The lock conflicts
	// with itself, so of two loads started together the second waits and
	// then finds the first one's categories.
	_, err = tx.Exec(ctx, `SET LOCAL synchronous_commit = off;
		LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE`)
	if err != nil {
		return err
	}
	var nonEmpty bool
	var registered, userBase int64
	err = tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM categories),
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
	if err = copyRows("forums", "forums", []string{"id", "category_id", "title", "description", "position", "topic_count", "post_count"},
		len(p.forums), func(i int) []any {
			f := &p.forums[i]
			return []any{int64(i + 1), int64(f.category + 1), f.title, f.description, int32(f.position), f.topics, f.posts}
		}); err != nil {
		return err
	}
	if err = copyRows("topics", "topics",
		[]string{"id", "forum_id", "author_id", "title", "kind", "locked", "reply_count", "view_count", "last_post_number", "last_post_at", "created_at"},
		len(p.topics), func(i int) []any {
			t := &p.topics[i]
			return []any{int64(i + 1), int64(t.forum + 1), userID(t.author), t.title, int16(t.kind), t.locked,
				t.posts - 1, t.views, t.posts, p.time(t.last), p.time(t.created)}
		}); err != nil {
		return err
	}

	// The full-text index is built once after the load: kept in place, GIN
	// updates row by row cost minutes on a million posts. The other indexes
	// stay, as rebuilding them measured no faster.
	if _, err = tx.Exec(ctx, "DROP INDEX posts_search"); err != nil {
		return err
	}
	numbers := make([]int32, len(p.topics))
	row := make([]any, 11)
	if err = copyRows("posts", "posts",
		[]string{"id", "topic_id", "author_id", "post_number", "subject", "body", "body_html", "created_at", "edited_at", "edit_count", "edited_by"},
		len(p.posts), func(i int) []any {
			bp := &p.posts[i]
			numbers[bp.topic]++
			subject := ""
			if numbers[bp.topic] == 1 {
				subject = p.topics[bp.topic].title
			}
			body := text.body()
			row[0], row[1], row[2], row[3] = int64(i+1), int64(bp.topic+1), userID(bp.author), numbers[bp.topic]
			row[4], row[5], row[6], row[7] = subject, body, bbcode.Cook(body), p.time(bp.at)
			row[8], row[9], row[10] = nil, int32(0), nil
			// A few posts were edited by their author soon after writing.
			if text.rng.IntN(40) == 0 {
				edited := bp.at + text.rng.Int64N(int64(3*time.Hour/time.Microsecond))
				row[8] = p.time(min(edited, int64(bulkSpan/time.Microsecond)))
				row[9], row[10] = int32(1+text.rng.IntN(2)), userID(bp.author)
			}
			if (i+1)%250_000 == 0 {
				fmt.Fprintf(log, "seed bulk:   %d posts\n", i+1)
			}
			return row
		}); err != nil {
		return err
	}
	if err = step("search index", func() error {
		_, err := tx.Exec(ctx, "CREATE INDEX posts_search ON posts USING gin (search)")
		return err
	}); err != nil {
		return err
	}
	if err = step("commit", func() error {
		// Explicit ids leave the identity sequences behind; later inserts
		// would collide with the loaded rows.
		for _, t := range []string{"users", "categories", "forums", "topics", "posts"} {
			if _, err := tx.Exec(ctx, "SELECT setval(pg_get_serial_sequence('"+t+"', 'id'), max(id)) FROM "+t); err != nil {
				return err
			}
		}
		return tx.Commit(ctx)
	}); err != nil {
		return err
	}
	return nil
}

// bulkSeed fixes the random streams so that every run makes the same board.
