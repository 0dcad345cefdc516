package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// settingsPassword changes the member's password and logs out every other
// browser of theirs, in case one of them is why the password is changing.
// This browser stays logged in.
func (h *Handler) settingsPassword(c *fiber.Ctx) error {
	user, err := h.settingsUser(c)
	if err != nil {
		return err
	}
	next := c.FormValue("new_password")
	var f views.PasswordForm
	if f.Errors.Current, err = h.currentPasswordError(c, user, c.FormValue("current_password")); err != nil {
		return err
	}
	f.Errors.New = models.CheckNewPassword(next, user.Username)
	if f.Errors.New == "" && c.FormValue("confirm_password") != next {
		f.Errors.Confirm = "The two new passwords are not the same."
	}
	if !f.Errors.Any() {
		hash, err := models.HashPassword(next, h.password)
		if err != nil {
			return err
		}
		if err := h.store.ChangePassword(c.UserContext(), user.ID, hash, visitOf(c).Session.ID); err != nil {
			return err
		}
		if !isFragmentRequest(c) {
			return redirect(c, "/settings?saved=password#"+views.SettingsStatusID(views.PasswordFormID))
		}
		f.Saved = true
	} else {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	v := settingsView(c, user)
	v.Password = f
	chrome := h.settingsChrome(c)
	return render(c, views.SettingsPage(chrome, v), views.PasswordSettings(chrome, f))
}
