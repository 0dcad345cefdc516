package app

import (
	"context"
	"sync"

	"github.com/gofiber/fiber/v2"

	"hyperboard/internal/stitch"
)

// A member's page is compressed for each request, but most of it is HTML
// kept for every reader alike and deflated once when kept: a topic page's
// posts, a forum page's topics, the board index's sections. The member's
// response is gzipped around those parts (package stitch). The stretches
// between them (a page's header, its pagination, the member's account
// menu) are kept deflated by their content once seen twice, cut at the
// session's token, which goes out as it is.

const recorderKey = "stitch-recorder"

// stitched says whether the response is gzipped around kept, deflated
// parts: it is a member's, and their client takes gzip. (A guest's page is
// kept compressed whole.)
func stitched(c *fiber.Ctx) bool {
	v := visitOf(c)
	return v != nil && v.Viewer != nil && c.Request().Header.HasAcceptEncoding("gzip")
}

// segmentBytes is the share of the page cache's budget that keeps the
// stretches of members' pages between kept parts deflated: a sixteenth,
// 4 MiB of the default.
func segmentBytes(pageCacheBytes int64) int64 { return max(pageCacheBytes, 0) / 16 }

// stitches says whether this server keeps deflated parts for the
// response: it keeps data at all, and the response is stitched.
func (h *Handler) stitches(c *fiber.Ctx) bool { return h.pages.enabled() && stitched(c) }

// recordKeptParts is the request's context, set to note where kept,
// deflated parts are written into the response when it is stitched.
func recordKeptParts(c *fiber.Ctx) context.Context {
	ctx := c.UserContext()
	if !stitched(c) {
		return ctx
	}
	resp := c.Response()
	rec := stitch.NewRecorder(func() int { return len(resp.Body()) })
	c.Locals(recorderKey, rec)
	return stitch.WithRecorder(ctx, rec)
}

var gzipBuffers = sync.Pool{New: func() any { return new([]byte) }}

// gzipStitched gzips the response around the kept parts written into it
// and reports whether it did; without such parts the response is left to
// be compressed whole.
func (h *Handler) gzipStitched(c *fiber.Ctx) bool {
	rec, _ := c.Locals(recorderKey).(*stitch.Recorder)
	resp := c.Response()
	if !rec.Recorded() || len(resp.Header.ContentEncoding()) > 0 {
		return false
	}
	buf := gzipBuffers.Get().(*[]byte)
	defer gzipBuffers.Put(buf)
	gz, ok := rec.Gzip((*buf)[:0], resp.Body(), h.segments)
	*buf = gz
	if !ok {
		return false
	}
	resp.SetBody(gz)
	resp.Header.SetContentEncoding("gzip")
	c.Vary(fiber.HeaderAcceptEncoding)
	return true
}
