package app

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// registerShow is the registration form; a member who is logged in
// already has an account and goes to the board index.
func (h *Handler) registerShow(c *fiber.Ctx) error {
	if visitOf(c).Viewer != nil {
		return redirect(c, "/")
	}
	return render(c, views.RegisterPage(h.guestFormChrome(c, "Register"), views.RegisterForm{}), nil)
}

// registerForm answers a refused registration with the form, its messages
// and what was typed: the form alone for htmx, the whole page otherwise.
func (h *Handler) registerForm(c *fiber.Ctx, status int, form views.RegisterForm) error {
	c.Status(status)
	return render(c, views.RegisterPage(h.guestFormChrome(c, "Register"), form), views.Registration(h.csrfToken(c), form))
}

// maxEcho bounds how much of a refused field is sent back to the form.
const maxEcho = 256

// echo is a field's text as it can be shown again: valid UTF-8, no
// control characters, and not endlessly long.
func echo(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, string(utf8.RuneError)))
	if utf8.RuneCountInString(s) > maxEcho {
		s = string([]rune(s)[:maxEcho])
	}
	return s
}
