package app

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// settingsEmail changes the member's email address once they have proved
// who they are with their current password.
func (h *Handler) settingsEmail(c *fiber.Ctx) error {
	user, err := h.settingsUser(c)
	if err != nil {
		return err
	}
	var f views.EmailForm
	raw := c.FormValue("email")
	if plainText(raw, false) {
		f.Email, f.Errors.Email = models.CheckEmail(raw)
	} else {
		f.Errors.Email = "Enter an email address such as name@example.org."
	}
	if f.Errors.Password, err = h.currentPasswordError(c, user, c.FormValue("password")); err != nil {
		return err
	}
	// Whether another account has an address is told only to someone who
	// knows this account's password.
	if !f.Errors.Any() {
		err := h.store.SetEmail(c.UserContext(), user.ID, f.Email)
		switch {
		case errors.Is(err, models.ErrConflict):
			f.Errors.Email = "Another account already uses that email address."
		case err != nil:
			return err
		case !isFragmentRequest(c):
			return redirect(c, "/settings?saved=email#"+views.SettingsStatusID(views.EmailFormID))
		default:
			f.Saved = true
		}
	}
	if f.Errors.Any() {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	v := settingsView(c, user)
	v.Email = f
	chrome := h.settingsChrome(c)
	return render(c, views.SettingsPage(chrome, v), views.EmailSettings(chrome, f))
}
