package app

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
)

// countQueries reports in X-Query-Count how many SQL queries served the request.
func countQueries(c *fiber.Ctx) error {
	ctx, n := models.WithQueryCounter(c.UserContext())
	c.SetUserContext(ctx)
	err := c.Next()
	c.Set("X-Query-Count", strconv.FormatInt(n.Load(), 10))
	return err
}
