package app

import "github.com/gofiber/fiber/v2"

// logout ends the session on the server, so the cookie is worthless even if
// a copy of it survives, and clears it in the browser.
func (h *Handler) logout(c *fiber.Ctx) error {
	if token := sessionToken(c); token != "" {
		if err := h.store.DeleteSession(c.UserContext(), token); err != nil {
			return err
		}
	}
	h.clearSessionCookie(c)
	return redirect(c, "/")
}
