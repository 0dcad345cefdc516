package app

import (
	"crypto/subtle"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
)

// csrfField and csrfHeader carry the token: forms in a hidden field, htmx
// in a header that our script adds from the csrf-token meta tag.
const (
	csrfField  = "_csrf"
	csrfHeader = "X-CSRF-Token"
)

var errCSRF = fiber.NewError(fiber.StatusForbidden,
	"This form has expired or was sent from another site. Go back, reload the page and try again.")

// checkCSRF refuses a state-changing request that comes from another site
// or lacks the visitor's token. A member's token lives in their session, so
// a token taken from one session is useless in another; a guest's (for the
// login and registration forms) lives in a cookie of its own.
func (h *Handler) checkCSRF(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	if validCSRF(c) {
		return c.Next()
	}
	if keepsTextPaths.MatchString(c.Path()) {
		// The handler refuses the write itself and gives the text back.
		c.Locals(csrfFailedKey, true)
		return c.Next()
	}
	return errCSRF
}

func validCSRF(c *fiber.Ctx) bool {
	if !sameOrigin(c) {
		return false
	}
	want := sessionCSRF(c)
	if want == "" {
		want = c.Cookies(guestCSRFCookie)
	}
	got := c.Get(csrfHeader)
	if got == "" {
		got = c.FormValue(csrfField)
	}
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func sessionCSRF(c *fiber.Ctx) string {
	if v := visitOf(c); v != nil && v.Session != nil {
		return v.Session.CSRFToken
	}
	return ""
}

// guestTokenKey marks a response that carries a guest's own token, which
// must never be kept for other guests.
const guestTokenKey = "guest-token"

// csrfToken is the token to put into this page's forms, issuing a guest a
// cookie for it on their first page with a form.
func (h *Handler) csrfToken(c *fiber.Ctx) string {
	if token := sessionCSRF(c); token != "" {
		return token
	}
	c.Locals(guestTokenKey, true)
	token := c.Cookies(guestCSRFCookie)
	if token == "" {
		token = models.NewToken()
		c.Cookie(&fiber.Cookie{Name: guestCSRFCookie, Value: token, Path: "/", HTTPOnly: true,
			SameSite: fiber.CookieSameSiteLaxMode, Secure: h.isHTTPS(c)})
	}
	return token
}

// sameOrigin rejects requests that the browser says come from another site.
// Browsers send Origin with every POST and Sec-Fetch-Site with most; when
// both are missing (old browsers, scripts) the token alone decides.
func sameOrigin(c *fiber.Ctx) bool {
	if site := c.Get("Sec-Fetch-Site"); site == "cross-site" || site == "same-site" {
		return false
	}
	origin := c.Get(fiber.HeaderOrigin)
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host == c.Hostname()
}
