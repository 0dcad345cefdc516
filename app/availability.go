package app

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"
)

// defaultRequestTimeout is the budget of one request when Config leaves it
// unset: far above what a page needs, short enough that a visitor is told to
// retry rather than left waiting.
const defaultRequestTimeout = 10 * time.Second

// Readiness of the server, as /healthz reports it.
const (
	stateStarting int32 = iota // the database is still being reached and migrated
	stateServing
	stateDraining // shutting down: requests in flight finish, no new ones should come
)

// availability is whether the server takes requests, shared by the gate, the
// health check and Shutdown.
type availability struct{ state atomic.Int32 }

// requestBudget gives every request a deadline for its database work. Waiting
// for a free connection counts against it, so when the pool is exhausted a
// request queues for at most the budget and then answers 503; a statement
// still running at the deadline is cancelled on the server.
func requestBudget(timeout time.Duration) fiber.Handler {
	if timeout <= 0 {
		timeout = defaultRequestTimeout
	}
	return func(c *fiber.Ctx) error {
		parent := c.UserContext()
		ctx, cancel := context.WithTimeout(parent, timeout)
		// The error page is rendered after this returns, also after a
		// panic, with a context that is still alive (templ refuses to
		// render on a dead one).
		defer func() {
			c.SetUserContext(parent)
			cancel()
		}()
		c.SetUserContext(ctx)
		return c.Next()
	}
}

// gate refuses requests while the server is still starting, so no page is
// served from an unmigrated database.
func (h *Handler) gate(c *fiber.Ctx) error {
	if h.availability.state.Load() == stateStarting {
		return fiber.NewError(fiber.StatusServiceUnavailable)
	}
	return c.Next()
}
