package models

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"
)

// counterCheck recomputes one table's denormalised columns from the posts.
// expected is a query yielding the key column "id" and the true values of
// every column in cols; each runs after the ones before it, so forums see
// topics that are already right.
type counterCheck struct {
	table    string
	cols     []string
	expected string
}

var counterChecks = []counterCheck{
	{
		table: "topics",
		cols:  []string{"reply_count", "first_post_id", "last_post_id", "last_post_number", "last_post_at"},
		expected: `SELECT t.id,
			greatest(count(p.id) FILTER (WHERE p.deleted_at IS NULL) - 1, 0) AS reply_count,
			(array_agg(p.id ORDER BY p.post_number) FILTER (WHERE p.deleted_at IS NULL))[1] AS first_post_id,
			(array_agg(p.id ORDER BY p.post_number DESC) FILTER (WHERE p.deleted_at IS NULL))[1] AS last_post_id,
			coalesce(max(p.post_number), 0) AS last_post_number,
			coalesce(max(p.created_at) FILTER (WHERE p.deleted_at IS NULL), t.created_at) AS last_post_at
			FROM topics t LEFT JOIN posts p ON p.topic_id = t.id
			GROUP BY t.id`,
	},
	{
		table: "forums",
		cols:  []string{"topic_count", "post_count", "last_post_id"},
		expected: `SELECT f.id,
			count(t.id) AS topic_count,
			coalesce(sum(t.reply_count + 1), 0) AS post_count,
			(array_agg(t.last_post_id ORDER BY t.last_post_at DESC, t.id DESC))[1] AS last_post_id
			FROM forums f LEFT JOIN topics t ON t.forum_id = f.id AND t.moved_to_id IS NULL AND t.last_post_id IS NOT NULL
			GROUP BY f.id`,
	},
	{
		table: "users",
		cols:  []string{"post_count"},
		expected: `SELECT u.id, count(p.id) AS post_count
			FROM users u LEFT JOIN posts p ON p.author_id = u.id AND p.deleted_at IS NULL
			GROUP BY u.id`,
	},
}

// numberedPosts gives every post the number it should have: posts of a
// topic are numbered 1..n in their present order, without gaps.
const numberedPosts = `SELECT id, post_number,
	row_number() OVER (PARTITION BY topic_id ORDER BY post_number, id) AS rn
	FROM posts`

// checkPostNumbers counts the posts whose number is out of sequence and with
// repair renumbers them. The new numbers pass through negatives: a post
// already in place keeps its own number, so none is ever taken twice.
func checkPostNumbers(ctx context.Context, tx bun.Tx, repair bool) (int64, error) {
	if !repair {
		var n int64
		err := tx.QueryRowContext(ctx, "SELECT count(*) FROM ("+numberedPosts+") e WHERE e.post_number <> e.rn").Scan(&n)
		return n, err
	}
	res, err := tx.ExecContext(ctx, "WITH e AS ("+numberedPosts+") UPDATE posts p SET post_number = -e.rn FROM e WHERE p.id = e.id AND e.post_number <> e.rn")
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return n, err
	}
	_, err = tx.ExecContext(ctx, "UPDATE posts SET post_number = -post_number WHERE post_number < 0")
	return n, err
}

// Drift is how many rows of one table had counters that disagreed with a
// recount from the posts.
type Drift struct {
	Table string
	Rows  int64
}

// Recount compares every counter, last-post pointer and post number with the
// posts and reports the rows that differ; with repair it also corrects them, all in one
// transaction.
func (s *Store) Recount(ctx context.Context, repair bool) ([]Drift, error) {
	var drift []Drift
	err := s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		drift, err = recount(ctx, tx, repair)
		for _, d := range drift {
			if repair && d.Rows > 0 {
				changed(ctx, TagAll) // counters show everywhere
			}
		}
		return err
	})
	return drift, err
}

func recount(ctx context.Context, tx bun.Tx, repair bool) ([]Drift, error) {
	// Post numbers first: the topics' last_post_number is computed from them.
	n, err := checkPostNumbers(ctx, tx, repair)
	if err != nil {
		return nil, fmt.Errorf("recount post numbers: %w", err)
	}
	drift := []Drift{{Table: "posts", Rows: n}}
	for _, c := range counterChecks {
		n, err := c.run(ctx, tx, repair)
		if err != nil {
			return nil, fmt.Errorf("recount %s: %w", c.table, err)
		}
		drift = append(drift, Drift{Table: c.table, Rows: n})
	}
	return drift, nil
}

func (c counterCheck) run(ctx context.Context, tx bun.Tx, repair bool) (int64, error) {
	stored, computed, set := "(", "(", ""
	for i, col := range c.cols {
		if i > 0 {
			stored, computed, set = stored+", ", computed+", ", set+", "
		}
		stored += "x." + col
		computed += "e." + col
		set += col + " = e." + col
	}
	stored, computed = stored+")", computed+")"
	differs := stored + " IS DISTINCT FROM " + computed
	var query string
	if repair {
		query = "WITH e AS (" + c.expected + ") UPDATE " + c.table + " x SET " + set +
			" FROM e WHERE x.id = e.id AND " + differs
		res, err := tx.ExecContext(ctx, query)
		if err != nil {
			return 0, err
		}
		return res.RowsAffected()
	}
	query = "WITH e AS (" + c.expected + ") SELECT count(*) FROM " + c.table + " x JOIN e ON x.id = e.id WHERE " + differs
	var n int64
	err := tx.QueryRowContext(ctx, query).Scan(&n)
	return n, err
}
