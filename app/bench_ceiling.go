package app

import (
	"bytes"

	"github.com/gofiber/fiber/v2"
)

// ceilingBody is what the ceiling handler answers: bytes and their encoding.
type ceilingBody struct {
	body     []byte
	encoding string
}

// benchCeilingSet takes the bytes the ceiling handler is to serve, and the
// Content-Encoding they are in (X-Bench-Encoding).
func (h *Handler) benchCeilingSet(c *fiber.Ctx) error {
	h.ceiling.Store(&ceilingBody{body: bytes.Clone(c.Body()), encoding: c.Get("X-Bench-Encoding")})
	return c.SendStatus(fiber.StatusNoContent)
}

// benchCeiling serves the stored bytes from memory and does nothing else:
// the most this machine and this Fiber stack can answer, against which the
// pages are measured.
func (h *Handler) benchCeiling(c *fiber.Ctx) error {
	b := h.ceiling.Load()
	if b == nil {
		return fiber.ErrNotFound
	}
	c.Response().Header.SetContentType(fiber.MIMETextHTMLCharsetUTF8)
	if b.encoding != "" {
		c.Response().Header.Set(fiber.HeaderContentEncoding, b.encoding)
	}
	c.Response().SetBodyRaw(b.body)
	return nil
}
