package app

import "github.com/gofiber/fiber/v2"

// benchStats reports the counters `make bench` reads around each run: SQL
// queries sent so far and what the guest page cache did.
func (h *Handler) benchStats(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{
		"queries": h.store.DB().DBStats().Queries,
		"cache":   h.pages.snapshot(),
	})
}
