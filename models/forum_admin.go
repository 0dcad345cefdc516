package models

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Reasons the admin panel's changes to forums and categories are refused.
var (
	ErrCategoryNotEmpty = fmt.Errorf("the category still holds forums: %w", ErrConflict)
	ErrMoveTarget       = fmt.Errorf("topics must move to another existing forum: %w", ErrInvalid)
)

// ForumTree lists every category in board order with its forums, empty
// categories included, for the admin panel.
func (s *Store) ForumTree(ctx context.Context) ([]CategoryForums, error) {
	var cats []*Category
	if err := s.db.NewSelect().Model(&cats).OrderExpr("c.position, c.id").Scan(ctx); err != nil {
		return nil, err
	}
	var forums []*Forum
	err := s.db.NewSelect().Model(&forums).
		Column("f.id", "f.category_id", "f.title", "f.description", "f.position", "f.locked", "f.topic_count", "f.post_count").
		OrderExpr("f.position, f.id").Scan(ctx)
	if err != nil {
		return nil, err
	}
	tree := make([]CategoryForums, len(cats))
	at := make(map[int64]int, len(cats))
	for i, c := range cats {
		tree[i] = CategoryForums{Category: c}
		at[c.ID] = i
	}
	for _, f := range forums {
		i := at[f.CategoryID]
		f.Category = cats[i]
		tree[i].Forums = append(tree[i].Forums, f)
	}
	return tree, nil
}

// Category returns one category.
func (s *Store) Category(ctx context.Context, id int64) (*Category, error) {
	c := new(Category)
	if err := s.db.NewSelect().Model(c).Where("c.id = ?", id).Scan(ctx); err != nil {
		return nil, notFound(err)
	}
	return c, nil
}

// CreateCategory adds a category below the others.
func (s *Store) CreateCategory(ctx context.Context, title string) (*Category, error) {
	c := &Category{Title: title}
	err := s.writeBoard(ctx, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewRaw(`INSERT INTO categories (title, position)
			SELECT ?, coalesce(max(position), 0) + 1 FROM categories RETURNING id, position`, title).Scan(ctx, &c.ID, &c.Position)
	})
	return c, err
}

// RenameCategory changes a category's title.
func (s *Store) RenameCategory(ctx context.Context, id int64, title string) error {
	return s.writeBoard(ctx, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewRaw("UPDATE categories SET title = ? WHERE id = ?", title, id).Exec(ctx)
		return oneRow(res, err)
	})
}

// DeleteCategory removes a category that holds no forums.
func (s *Store) DeleteCategory(ctx context.Context, id int64) error {
	return s.writeBoard(ctx, func(ctx context.Context, tx bun.Tx) error {
		// Holding the category keeps a forum from being put into it meanwhile.
		if err := tx.NewRaw("SELECT id FROM categories WHERE id = ? FOR UPDATE", id).Scan(ctx, new(int64)); err != nil {
			return notFound(err)
		}
		var forums int
		if err := tx.NewRaw("SELECT count(*) FROM forums WHERE category_id = ?", id).Scan(ctx, &forums); err != nil {
			return err
		}
		if forums > 0 {
			return ErrCategoryNotEmpty
		}
		_, err := tx.NewRaw("DELETE FROM categories WHERE id = ?", id).Exec(ctx)
		return err
	})
}

// MoveCategory moves a category one place up or down on the board index;
// at the top (or bottom) already it stays.
func (s *Store) MoveCategory(ctx context.Context, id int64, up bool) error {
	return s.writeBoard(ctx, func(ctx context.Context, tx bun.Tx) error {
		var ids []int64
		if err := tx.NewRaw("SELECT id FROM categories ORDER BY position, id FOR UPDATE").Scan(ctx, &ids); err != nil {
			return err
		}
		return reorder(ctx, tx, "categories", ids, id, up)
	})
}

// MoveForum moves a forum one place up or down within its category.
func (s *Store) MoveForum(ctx context.Context, id int64, up bool) error {
	return s.writeBoard(ctx, func(ctx context.Context, tx bun.Tx) error {
		var ids []int64
		err := tx.NewRaw(`SELECT id FROM forums WHERE category_id = (SELECT category_id FROM forums WHERE id = ?)
			ORDER BY position, id FOR NO KEY UPDATE`, id).Scan(ctx, &ids)
		if err != nil {
			return err
		}
		return reorder(ctx, tx, "forums", ids, id, up)
	})
}

// reorder swaps the row id with its neighbour in ids (the rows in their
// current order) and numbers them all 1, 2, 3...; positions written by
// hand or by older code may repeat, and renumbering makes them unique.
func reorder(ctx context.Context, tx bun.Tx, table string, ids []int64, id int64, up bool) error {
	i := slices.Index(ids, id)
	if i < 0 {
		return ErrNotFound
	}
	j := i + 1
	if up {
		j = i - 1
	}
	if j >= 0 && j < len(ids) {
		ids[i], ids[j] = ids[j], ids[i]
	}
	positions := make([]int, len(ids))
	for k := range positions {
		positions[k] = k + 1
	}
	_, err := tx.NewRaw(`UPDATE `+table+` x SET position = v.position
		FROM unnest(?::bigint[], ?::int[]) AS v(id, position)
		WHERE x.id = v.id AND x.position IS DISTINCT FROM v.position`, pgdialect.Array(ids), pgdialect.Array(positions)).Exec(ctx)
	return err
}

// CreateForum adds a forum at the end of its category. The board's
// default permissions come from a trigger; with copyFrom set the forum
// takes that forum's permissions instead, in the same transaction.
func (s *Store) CreateForum(ctx context.Context, f *Forum, copyFrom int64) error {
	return s.writeBoard(ctx, func(ctx context.Context, tx bun.Tx) error {
		err := tx.NewRaw(`INSERT INTO forums (category_id, title, description, locked, position)
			SELECT c.id, ?, ?, ?, coalesce((SELECT max(position) FROM forums WHERE category_id = c.id), 0) + 1
			FROM categories c WHERE c.id = ?
			RETURNING id, position`, f.Title, f.Description, f.Locked, f.CategoryID).Scan(ctx, &f.ID, &f.Position)
		if err != nil {
			return notFound(err)
		}
		if copyFrom == 0 {
			return nil
		}
		if err := tx.NewRaw("SELECT id FROM forums WHERE id = ?", copyFrom).Scan(ctx, new(int64)); err != nil {
			return notFound(err)
		}
		return copyForumGrants(ctx, tx, copyFrom, f.ID)
	})
}

// UpdateForum saves a forum's category, title, description and lock; a
// forum put into another category goes to its end.
func (s *Store) UpdateForum(ctx context.Context, f *Forum) error {
	return s.writeBoard(ctx, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewRaw(`UPDATE forums SET title = ?1, description = ?2, locked = ?3,
				position = CASE WHEN category_id = ?0 THEN position
					ELSE coalesce((SELECT max(o.position) FROM forums o WHERE o.category_id = ?0), 0) + 1 END,
				category_id = ?0
			WHERE id = ?4`, f.CategoryID, f.Title, f.Description, f.Locked, f.ID).Exec(ctx)
		if isForeignKeyViolation(err) {
			return ErrNotFound
		}
		return oneRow(res, err)
	})
}

// SetForumLocked locks or unlocks a forum: a locked forum takes new
// topics and replies only from those who may lock.
func (s *Store) SetForumLocked(ctx context.Context, id int64, locked bool) error {
	return s.writeBoard(ctx, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewRaw("UPDATE forums SET locked = ? WHERE id = ?", locked, id).Exec(ctx)
		return oneRow(res, err)
	})
}

// DeleteForum removes a forum after moving its topics to another, in one
// transaction; the other forum's counters and last post are then
// recounted from its topics, the same way Recount does. A forum without
// topics needs no target (moveTo 0).
//
// Locks follow the write path's order, topics before forums: the
// forum's topics first, so a reply under way finishes (or waits) before
// its topic moves, then both forums, which also stops new topics.
func (s *Store) DeleteForum(ctx context.Context, id, moveTo int64) error {
	if moveTo == id {
		return ErrMoveTarget
	}
	return s.writeBoard(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewRaw("SELECT id FROM topics WHERE forum_id = ? ORDER BY id FOR UPDATE", id).Exec(ctx); err != nil {
			return err
		}
		var locked []int64
		err := tx.NewRaw("SELECT id FROM forums WHERE id IN (?, ?) ORDER BY id FOR UPDATE", id, moveTo).Scan(ctx, &locked)
		if err != nil {
			return err
		}
		if !slices.Contains(locked, id) {
			return ErrNotFound
		}
		// Counted again now that no topic can join: one may have come in
		// between the two locks.
		var topics int
		if err := tx.NewRaw("SELECT count(*) FROM topics WHERE forum_id = ?", id).Scan(ctx, &topics); err != nil {
			return err
		}
		if topics > 0 {
			if !slices.Contains(locked, moveTo) {
				return ErrMoveTarget
			}
			if _, err := tx.NewRaw("UPDATE topics SET forum_id = ? WHERE forum_id = ?", moveTo, id).Exec(ctx); err != nil {
				return err
			}
			if err := recountForum(ctx, tx, moveTo); err != nil {
				return err
			}
		}
		_, err = tx.NewRaw("DELETE FROM forums WHERE id = ?", id).Exec(ctx)
		return err
	})
}

// recountForum sets one forum's counters and last-post pointer from its
// topics with the very query Recount checks them by.
func recountForum(ctx context.Context, tx bun.Tx, forumID int64) error {
	i := slices.IndexFunc(counterChecks, func(c counterCheck) bool { return c.table == "forums" })
	_, err := tx.NewRaw(`WITH e AS (`+counterChecks[i].expected+`)
		UPDATE forums x SET topic_count = e.topic_count, post_count = e.post_count, last_post_id = e.last_post_id
		FROM e WHERE x.id = e.id AND x.id = ?`, forumID).Exec(ctx)
	return err
}

// oneRow turns an update that matched no row into ErrNotFound.
func oneRow(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
