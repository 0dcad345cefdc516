package models

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5"
)

// deferredSchema is the secondary indexes and the foreign keys of the tables
// SeedBulk fills, set aside while it loads them and put back afterwards in
// the same transaction. Building an index once from a million rows costs a
// fraction of keeping it up to date row by row (the full-text index most of
// all), and putting back a foreign key checks every row in one join rather
// than one lookup (and row lock) per row. Foreign keys on columns that may
// be null stay: they are null in nearly every loaded row, which costs
// nothing to check, while putting one back would read the whole table. All
// that point at posts go, so that topics and forums can point at their
// posts before the posts are there and posts can be truncated, which COPY
// FREEZE needs. Primary keys stay: other tables' foreign keys hang on them,
// and loading in id order keeps them cheap.
//
// The definitions are read from the catalog, so the schema's migrations
// stay the one place that says what they are.
type deferredSchema struct {
	indexes, foreignKeys []schemaObject
}

// schemaObject is an index or constraint and the statement that makes it.
type schemaObject struct {
	name, create string
}

// deferSchemaQuery lists the foreign keys on NOT NULL columns of the tables
// in $1 and those pointing at the tables in $2, then the unique constraints
// and plain indexes of the tables in $3, with the statements that drop and
// make each. Unique indexes that a foreign key relies on are left alone.
const deferSchemaQuery = `
	SELECT true, conname,
		format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname),
		format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
	FROM pg_constraint
	WHERE contype = 'f' AND (confrelid = ANY($2::regclass[]) OR conrelid = ANY($1::regclass[])
		AND NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = conrelid AND attnum = ANY(conkey) AND NOT attnotnull))
	UNION ALL
	SELECT false, conname,
		format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname),
		format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
	FROM pg_constraint c
	WHERE contype = 'u' AND conrelid = ANY($3::regclass[])
		AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid)
	UNION ALL
	SELECT false, indexrelid::regclass::text,
		format('DROP INDEX %s', indexrelid::regclass), pg_get_indexdef(indexrelid)
	FROM pg_index
	WHERE indrelid = ANY($3::regclass[])
		AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid)
	ORDER BY 1 DESC, 2`

func deferSchema(ctx context.Context, tx pgx.Tx, keyTables, pointedAt, indexTables []string) (*deferredSchema, error) {
	rows, err := tx.Query(ctx, deferSchemaQuery, keyTables, pointedAt, indexTables)
	if err != nil {
		return nil, err
	}
	d := &deferredSchema{}
	var drops []string
	for rows.Next() {
		var foreign bool
		var o schemaObject
		var drop string
		if err := rows.Scan(&foreign, &o.name, &drop, &o.create); err != nil {
			return nil, err
		}
		drops = append(drops, drop)
		if foreign {
			d.foreignKeys = append(d.foreignKeys, o)
		} else {
			d.indexes = append(d.indexes, o)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, s := range drops {
		if _, err := tx.Exec(ctx, s); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// restore makes the objects again, one by one, and names the slow ones.
func restore(ctx context.Context, tx pgx.Tx, objects []schemaObject, log io.Writer) error {
	for _, o := range objects {
		t := time.Now()
		if _, err := tx.Exec(ctx, o.create); err != nil {
			return fmt.Errorf("%s: %w", o.name, err)
		}
		if took := time.Since(t); took >= time.Second {
			fmt.Fprintf(log, "seed bulk:   %s %v\n", o.name, took.Round(time.Millisecond))
		}
	}
	return nil
}
