package app

import (
	"bytes"
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"hyperboard/models"
)

// Guests (visitors without a session cookie) all see the same page at a
// URL: their rights come from the GUESTS group, times are shown in the
// board's zone, and pages carry no per-visitor token (only the login and
// registration forms do, and they are not kept). So a guest's page, once
// rendered, is kept and served to the next guests without touching the
// database, until a write changes something it shows.

// guestPage is what a handler says about a page it rendered that may be
// kept for guests: the tags of everything it shows, and the topic whose
// views a full-page hit still counts.
type guestPage struct {
	tags      []models.Tag
	viewTopic int64
}

const guestPageKey = "guest-page"

// tagOnline is "who is online" on the board index. It is this server's
// own: each server drops it whenever it writes presence (writePresence),
// so it is never announced and lags by at most a flush interval.
const tagOnline models.Tag = "online"

// keepForGuests marks the page being rendered as one that may be kept and
// served to other guests, if the visitor is a guest. tags name everything
// the page shows; models announce the same tags when it changes. They are
// asked for only when the page may be kept, since a member's page is not.
func keepForGuests(c *fiber.Ctx, viewTopic int64, tags func() []models.Tag) {
	if viewerID(c) != 0 {
		return
	}
	c.Locals(guestPageKey, &guestPage{tags: tags(), viewTopic: viewTopic})
}

// guestPages serves guests the pages kept for them, keeps the pages
// rendered for guests that handlers marked, and compresses every other
// response. Kept pages are compressed once, not per request.
func (h *Handler) guestPages(c *fiber.Ctx) error {
	if c.Method() != fiber.MethodGet || sessionToken(c) != "" || !h.pages.enabled() {
		return h.compressed(c)
	}
	var buf [256]byte
	key := pageKey(buf[:0], c, h.isHTTPS(c))
	now := time.Now()
	if h.serveKept(c, key, now) {
		return nil
	}
	if rendered := h.pages.claim(key); rendered != nil {
		select {
		case <-rendered:
		case <-c.UserContext().Done():
		}
		if h.serveKept(c, key, now) {
			return nil
		}
	} else {
		defer h.pages.release(key)
	}
	gen := h.pages.generation()
	before := headerNames(c)
	if err := c.Next(); err != nil {
		return err
	}
	if p := h.keepable(c, string(key), before); p != nil && h.pages.put(p, gen) {
		h.writePage(c, p, "miss")
		return nil
	}
	h.compressResponse(c)
	return nil
}

// serveKept answers with the page kept under key, if there is one.
func (h *Handler) serveKept(c *fiber.Ctx, key []byte, now time.Time) bool {
	p := h.pages.get(key, now)
	if p == nil {
		return false
	}
	h.presence.Guest(h.clientIP(c), c.Get(fiber.HeaderUserAgent), now)
	if p.viewTopic != 0 {
		h.views.Add(p.viewTopic)
	}
	h.writePage(c, p, "hit")
	return true
}

// keepable turns the response into a page to keep, or nil when it must not
// be: the handler did not mark it, the visitor turned out to be a member,
// a token was issued for it, or it set a cookie or failed.
func (h *Handler) keepable(c *fiber.Ctx, key string, before map[string]bool) *cachedPage {
	g, _ := c.Locals(guestPageKey).(*guestPage)
	v := visitOf(c)
	if g == nil || v == nil || v.Viewer != nil || c.Locals(guestTokenKey) != nil {
		return nil
	}
	resp := &c.Response().Header
	switch resp.StatusCode() {
	case fiber.StatusOK, fiber.StatusMovedPermanently, fiber.StatusFound:
	default:
		return nil
	}
	setsCookie := false
	resp.VisitAllCookie(func(_, _ []byte) { setsCookie = true })
	if setsCookie {
		return nil
	}
	p := &cachedPage{
		key:       key,
		status:    resp.StatusCode(),
		body:      bytes.Clone(c.Response().Body()),
		tags:      g.tags,
		viewTopic: g.viewTopic,
		header:    [][2]string{{fiber.HeaderContentType, string(resp.ContentType())}},
	}
	resp.VisitAll(func(k, val []byte) {
		name := string(k)
		if !before[name] && !unkeptHeaders[name] {
			p.header = append(p.header, [2]string{name, string(val)})
		}
	})
	// The footer names the board zone's offset from UTC, which changes
	// when its daylight saving time does.
	if _, end := time.Now().In(clockOf(c).Zone).ZoneBounds(); !end.IsZero() {
		p.expires = end
	}
	return p
}

// unkeptHeaders are set anew for every response, or would be wrong on one.
var unkeptHeaders = map[string]bool{
	fiber.HeaderContentType: true, fiber.HeaderContentLength: true, fiber.HeaderContentEncoding: true,
	fiber.HeaderDate: true, fiber.HeaderServer: true, fiber.HeaderSetCookie: true, fiber.HeaderVary: true,
	"X-Query-Count": true, "X-Cache": true,
}

// writePage answers with a kept page, compressed as the client accepts.
func (h *Handler) writePage(c *fiber.Ctx, p *cachedPage, outcome string) {
	resp := c.Response()
	resp.SetStatusCode(p.status)
	for _, kv := range p.header {
		resp.Header.Set(kv[0], kv[1])
	}
	resp.Header.Set(fiber.HeaderVary, "HX-Request, Accept-Encoding")
	resp.Header.Set("X-Cache", outcome)
	encoding := acceptedEncoding(c.Request().Header.Peek(fiber.HeaderAcceptEncoding))
	if encoding != "" {
		resp.Header.Set(fiber.HeaderContentEncoding, encoding)
	} else {
		resp.Header.Del(fiber.HeaderContentEncoding)
	}
	resp.SetBodyRaw(p.encoded(encoding))
}

// pageKey is what tells kept pages apart: the host and scheme (links may
// be absolute), whether htmx asked for a fragment, and the URL as sent.
func pageKey(b []byte, c *fiber.Ctx, https bool) []byte {
	b = append(b, c.Request().Host()...)
	b = append(b, '|')
	if https {
		b = append(b, 's')
	}
	if isFragmentRequest(c) {
		b = append(b, 'f')
	}
	b = append(b, '|')
	return append(b, c.Request().RequestURI()...)
}

func headerNames(c *fiber.Ctx) map[string]bool {
	names := map[string]bool{}
	c.Response().Header.VisitAll(func(k, _ []byte) { names[string(k)] = true })
	return names
}

// acceptedEncoding picks brotli, then gzip, from an Accept-Encoding
// header; "" means the body goes as it is.
func acceptedEncoding(header []byte) string {
	gzip := false
	for len(header) > 0 {
		var item []byte
		item, header, _ = bytes.Cut(header, []byte(","))
		name, params, _ := bytes.Cut(item, []byte(";"))
		name = bytes.TrimSpace(name)
		if zeroQuality(params) {
			continue
		}
		switch {
		case bytes.EqualFold(name, []byte("br")):
			return "br"
		case bytes.EqualFold(name, []byte("gzip")):
			gzip = true
		}
	}
	if gzip {
		return "gzip"
	}
	return ""
}

// zeroQuality reports a q-value of zero ("gzip;q=0").
func zeroQuality(params []byte) bool {
	_, q, ok := bytes.Cut(bytes.ReplaceAll(params, []byte(" "), nil), []byte("q="))
	if !ok {
		return false
	}
	q = bytes.TrimRight(q, "0")
	return bytes.Equal(q, []byte("0.")) || bytes.Equal(q, []byte("0")) || len(q) == 0
}

// compressResponse compresses a response rendered for one visitor, for a
// client that accepts it, at the fastest level, since it is paid on every
// request: gzip when the client takes it, brotli only for one that takes
// nothing else. On a member's 64 KB topic page gzip's fastest level makes
// 15.5 KB in 0.15 ms, brotli's 15.3 KB in 0.30 ms, and brotli's default
// level cut the page's rate under load by more than half. Kept pages are
// compressed once, harder, in both; so is the part of a member's page
// kept for every reader (gzipStitched).
func (h *Handler) compressResponse(c *fiber.Ctx) {
	switch {
	case !c.Request().Header.HasAcceptEncoding("gzip"):
		compressBrotli(c.Context())
	case !h.gzipStitched(c):
		compressGzip(c.Context())
	}
}

var (
	compressGzip   = fasthttp.CompressHandlerLevel(func(*fasthttp.RequestCtx) {}, fasthttp.CompressBestSpeed)
	compressBrotli = fasthttp.CompressHandlerBrotliLevel(func(*fasthttp.RequestCtx) {},
		fasthttp.CompressBrotliBestSpeed, fasthttp.CompressBestSpeed)
)

// compressed runs the rest of the chain and compresses what it answers.
func (h *Handler) compressed(c *fiber.Ctx) error {
	if err := c.Next(); err != nil {
		return err
	}
	h.compressResponse(c)
	return nil
}

// writePresence writes who was seen since the last time and drops the
// kept pages that say who is online, which may now read otherwise.
func (h *Handler) writePresence(ctx context.Context) error {
	err := h.presence.Flush(ctx)
	h.pages.invalidate([]models.Tag{tagOnline})
	return err
}

// listenForChanges keeps the page cache in step with the other servers'
// writes until ctx ends; this server's own writes reach it directly.
func (h *Handler) listenForChanges(ctx context.Context) {
	h.store.ListenChanges(ctx, models.ChangeListener{
		Listening: func(on bool) {
			if !on {
				h.pages.listening.Store(false)
			}
			// Whatever changed while nobody listened is unknown.
			h.changed([]models.Tag{models.TagAll})
			if on {
				h.pages.listening.Store(true)
			}
		},
		Changed: h.changed,
	})
}

// changed drops whatever this server keeps in memory of what the tags name.
func (h *Handler) changed(tags []models.Tag) {
	h.pages.invalidate(tags)
	h.stats.invalidate(tags)
}
