package app

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// health answers 200 while the server takes requests and the database
// answers, and 503 otherwise (starting, shutting down, database away), for
// load balancers and orchestrators.
func (h *Handler) health(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	switch h.availability.state.Load() {
	case stateStarting:
		return c.Status(fiber.StatusServiceUnavailable).SendString("starting\n")
	case stateDraining:
		return c.Status(fiber.StatusServiceUnavailable).SendString("shutting down\n")
	}
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	if err := h.store.Ping(ctx); err != nil {
		return c.Status(fiber.StatusServiceUnavailable).SendString("database unavailable\n")
	}
	return c.SendString("ok\n")
}
