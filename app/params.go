package app

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
)

// pathID reads a numeric id from the path; anything else names no page.
func pathID(c *fiber.Ctx, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Params(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, models.ErrNotFound
	}
	return id, nil
}

// pageNumber reads ?page=; it returns ok=false for a value that is present
// but not a page number, so the caller can send the reader to page 1.
func pageNumber(c *fiber.Ctx) (page int, ok bool) {
	raw := c.Query("page")
	if raw == "" {
		return 1, true
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 {
		return 1, false
	}
	return n, true
}

// pageCount is how many pages n items fill; an empty list still has page 1.
func pageCount(n, perPage int) int {
	return max(1, (n+perPage-1)/perPage)
}

// canonical redirects to the proper URL of a page when the request used
// another (a missing or outdated slug), keeping the query string.
func canonical(c *fiber.Ctx, path string) (bool, error) {
	if c.Path() == path {
		return false, nil
	}
	target := path
	if q := c.Request().URI().QueryString(); len(q) > 0 {
		target += "?" + string(q)
	}
	return true, c.Redirect(target, fiber.StatusMovedPermanently)
}

// unstorableText is the answer to a form with text that cannot be kept.
const unstorableText = "Your text contains characters that cannot be stored (a NUL, or bytes that are not UTF-8), so nothing was saved. " +
	"Your text is below, with the bytes that are not UTF-8 shown as \uFFFD; remove them and try again."

// unstorable reports whether any of the form's fields holds what cannot be
// kept as text: bytes that are not UTF-8 (no browser sends them, and
// quietly replacing them would store something the writer did not send) or
// NUL (PostgreSQL refuses it).
func unstorable(c *fiber.Ctx, fields ...string) bool {
	for _, f := range fields {
		if v := c.FormValue(f); !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
			return true
		}
	}
	return false
}
