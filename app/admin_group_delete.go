package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// adminGroupDelete deletes a user-made group once the box saying so is
// ticked; system groups are refused.
func (h *Handler) adminGroupDelete(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	g, err := h.adminGroup(c)
	if err != nil {
		return err
	}
	if g.SystemKey == "" && c.FormValue("confirm") != "1" {
		v, err := h.adminGroupView(c, g, 1)
		if err != nil {
			return err
		}
		v.DeleteError = "Tick the box to confirm that the group should be deleted."
		c.Status(fiber.StatusUnprocessableEntity)
		chrome := h.adminChrome(c, g.Name, views.Crumb{Title: "Groups", URL: views.AdminGroupsPath}, views.Crumb{Title: g.Name})
		return write(c, views.AdminGroupPage(chrome, v))
	}
	if err := h.store.DeleteGroup(c.UserContext(), g.ID); err != nil {
		return err
	}
	return redirect(c, views.AdminGroupsPath)
}
