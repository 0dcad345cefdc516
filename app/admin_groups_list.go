package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// adminGroupList lists every group, hidden ones included, with its size.
func (h *Handler) adminGroupList(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	groups, err := h.store.AdminGroups(c.UserContext())
	if err != nil {
		return err
	}
	chrome := h.adminChrome(c, "Groups", views.Crumb{Title: "Groups"})
	return render(c, views.AdminGroupsPage(chrome, views.AdminGroupsView{Groups: groups}), nil)
}
