package models

import (
	"context"

	"github.com/uptrace/bun"
)

// BulkSearchVectors composes the search vectors SeedBulk would store for
// bodies, in PostgreSQL's binary format, for the external tests.
func BulkSearchVectors(ctx context.Context, db *bun.DB, bodies []string) ([][]byte, error) {
	v, err := newChunkVectors(ctx, db)
	if err != nil {
		return nil, err
	}
	b := newVectorBuilder(v)
	if err := b.prepare(ctx, bodies); err != nil {
		return nil, err
	}
	out := make([][]byte, len(bodies))
	for i := range bodies {
		out[i] = b.appendVector(nil, i)
	}
	return out, nil
}
