package app

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
)

// retryAfter tells clients (and htmx) how many seconds to wait before
// trying again, rounded up.
func retryAfter(c *fiber.Ctx, wait time.Duration) {
	c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(math.Ceil(wait.Seconds()))))
}

// waitText names a wait for a person, rounded up to whole minutes: "3 minutes".
func waitText(wait time.Duration) string {
	minutes := int(math.Ceil(wait.Minutes()))
	return fmt.Sprintf("%d minute%s", minutes, pluralS(minutes))
}
