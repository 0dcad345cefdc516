package app

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// adminUserDelete deletes an account but keeps its posts, once the box
// saying so is ticked. Administrators cannot delete their own account.
func (h *Handler) adminUserDelete(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	u, err := h.adminAccount(c)
	if err != nil {
		return err
	}
	if u.ID == viewerID(c) {
		return fiber.NewError(fiber.StatusForbidden, "You cannot delete your own account here.")
	}
	if c.FormValue("confirm") != "1" {
		v, err := h.adminUserView(c, u)
		if err != nil {
			return err
		}
		v.DeleteError = "Tick the box to confirm that the account should be deleted."
		c.Status(fiber.StatusUnprocessableEntity)
		return h.renderAdminUser(c, v, "")
	}
	if err := h.store.DeleteUser(c.UserContext(), u.ID, viewerID(c)); err != nil {
		return err
	}
	return redirect(c, views.AdminUsersPath+"?deleted="+url.QueryEscape(u.Username))
}
