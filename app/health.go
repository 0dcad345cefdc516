package app

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// health answers 200 while the database answers and 503 when it does not,
// for load balancers and orchestrators.
func (h *Handler) health(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	c.Set(fiber.HeaderCacheControl, "no-store")
	if err := h.store.Ping(ctx); err != nil {
		return c.Status(fiber.StatusServiceUnavailable).SendString("database unavailable\n")
	}
	return c.SendString("ok\n")
}
