package models

import (
	"context"
	"maps"
	"slices"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// AddTopicViews adds buffered view counts to their topics in one statement.
// Ids are sorted so that concurrent flushes from several servers lock rows in
// the same order and cannot deadlock.
func (s *Store) AddTopicViews(ctx context.Context, views map[int64]int64) error {
	if len(views) == 0 {
		return nil
	}
	ids := slices.Sorted(maps.Keys(views))
	counts := make([]int64, len(ids))
	for i, id := range ids {
		counts[i] = views[id]
	}
	// Topic pages and their forums' lists show the counts.
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		var rows []struct{ ID, ForumID int64 }
		err := tx.NewRaw(`UPDATE topics t SET view_count = t.view_count + v.n
			FROM unnest(?::bigint[], ?::bigint[]) AS v(id, n)
			WHERE t.id = v.id RETURNING t.id, t.forum_id`, pgdialect.Array(ids), pgdialect.Array(counts)).Scan(ctx, &rows)
		for _, r := range rows {
			changed(ctx, TopicTag(r.ID), ForumTag(r.ForumID))
		}
		return err
	})
}
