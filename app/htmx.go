package app

import (
	"encoding/json"

	"github.com/gofiber/fiber/v2"
)

// Everything the server knows about htmx's request and response headers.
const (
	hxRequest        = "HX-Request"
	hxBoosted        = "HX-Boosted"
	hxHistoryRestore = "HX-History-Restore-Request"
	hxRedirect       = "HX-Redirect"
	hxAfterSettle    = "HX-Trigger-After-Settle"
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

// announce has our script say message through the page's live region once
// htmx has settled the swap, and move keyboard focus to the element that
// focus selects ("" leaves focus where htmx put it).
func announce(c *fiber.Ctx, message, focus string) {
	event, _ := json.Marshal(map[string]any{"hb:announce": map[string]string{"message": message, "focus": focus}})
	c.Set(hxAfterSettle, string(event))
}
