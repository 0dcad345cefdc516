package app

import "github.com/gofiber/fiber/v2"

// Everything the server knows about htmx's request and response headers.
const (
	hxRequest        = "HX-Request"
	hxBoosted        = "HX-Boosted"
	hxHistoryRestore = "HX-History-Restore-Request"
	hxRedirect       = "HX-Redirect"
)

// isFragmentRequest reports whether htmx asked for a part of a page rather
// than a whole one (boosted links and history restores want the whole page).
func isFragmentRequest(c *fiber.Ctx) bool {
	return c.Get(hxRequest) == "true" && c.Get(hxBoosted) != "true" && c.Get(hxHistoryRestore) != "true"
}

// redirect sends htmx to another page with HX-Redirect and everyone else
// with a 303.
func redirect(c *fiber.Ctx, location string) error {
	if c.Get(hxRequest) == "true" {
		c.Set(hxRedirect, location)
		return c.SendStatus(fiber.StatusNoContent)
	}
	return c.Redirect(location, fiber.StatusSeeOther)
}
