package app

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// serveAsset sends a built file under its hashed URL, precompressed when the
// client accepts it. The hash changes with the content, so the browser may
// keep it for a year without asking again.
func (h *Handler) serveAsset(c *fiber.Ctx) error {
	a, ok := h.assets.Lookup(c.Path())
	if !ok {
		return fiber.ErrNotFound
	}
	c.Set(fiber.HeaderContentType, a.ContentType)
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	c.Set(fiber.HeaderETag, a.ETag)
	c.Vary(fiber.HeaderAcceptEncoding)
	if c.Get(fiber.HeaderIfNoneMatch) == a.ETag {
		return c.SendStatus(fiber.StatusNotModified)
	}
	accept := c.Get(fiber.HeaderAcceptEncoding)
	switch {
	case a.Brotli != nil && strings.Contains(accept, "br"):
		c.Set(fiber.HeaderContentEncoding, "br")
		return c.Send(a.Brotli)
	case a.Gzip != nil && strings.Contains(accept, "gzip"):
		c.Set(fiber.HeaderContentEncoding, "gzip")
		return c.Send(a.Gzip)
	}
	return c.Send(a.Raw)
}
