package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// groupList shows the groups the viewer may see: hidden ones only to their
// members and to administrators.
func (h *Handler) groupList(c *fiber.Ctx) error {
	groups, err := h.store.VisibleGroups(c.UserContext(), viewerID(c))
	if err != nil {
		return err
	}
	chrome := h.chrome(c, "Groups", views.Crumb{Title: "Groups"})
	return render(c, views.GroupsPage(chrome, views.GroupsView{Groups: groups}), nil)
}
