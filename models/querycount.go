package models

import (
	"context"
	"sync/atomic"

	"github.com/uptrace/bun"
)

type queryCounterKey struct{}

// WithQueryCounter returns a context whose queries are counted into the
// returned counter; benchmarks and the query budget tests read it.
func WithQueryCounter(ctx context.Context) (context.Context, *atomic.Int64) {
	n := new(atomic.Int64)
	return context.WithValue(ctx, queryCounterKey{}, n), n
}

// queryCounterHook counts queries whose context carries a counter.
type queryCounterHook struct{}

func (queryCounterHook) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	if n, ok := ctx.Value(queryCounterKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
	return ctx
}

func (queryCounterHook) AfterQuery(context.Context, *bun.QueryEvent) {}
