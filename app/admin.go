package app

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// adminChrome is the frame of a page of the administration panel, under
// the "Administration" crumb. The pages show email addresses and settings,
// so no cache may keep them.
func (h *Handler) adminChrome(c *fiber.Ctx, title string, crumbs ...views.Crumb) views.Chrome {
	c.Set(fiber.HeaderCacheControl, "no-store")
	trail := []views.Crumb{{Title: "Administration", URL: views.AdminPath}}
	if len(crumbs) == 0 {
		trail[0].URL = ""
	}
	return h.chrome(c, title, append(trail, crumbs...)...)
}

// formID reads an id from a form field; anything else is 0.
func formID(c *fiber.Ctx, name string) int64 {
	id, err := strconv.ParseInt(strings.TrimSpace(c.FormValue(name)), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

// formLines reads a text field as stored: line breaks as \n, trimmed.
func formLines(c *fiber.Ctx, name string) string {
	return strings.TrimSpace(strings.ReplaceAll(c.FormValue(name), "\r\n", "\n"))
}

// checkTitle says why a title or name cannot be used ("" when it can):
// one line of text, not empty, at most limit characters.
func checkTitle(what, s string, limit int) string {
	switch {
	case !plainText(s, false):
		return what + " contains characters that cannot be shown."
	case s == "":
		return what + " cannot be empty."
	case utf8.RuneCountInString(s) > limit:
		return tooLong(what, s, limit)
	}
	return ""
}

// checkText says why an optional text cannot be used ("" when it can).
func checkText(what, s string, limit int, multiline bool) string {
	switch {
	case !plainText(s, multiline):
		return what + " contains characters that cannot be shown."
	case utf8.RuneCountInString(s) > limit:
		return tooLong(what, s, limit)
	}
	return ""
}
