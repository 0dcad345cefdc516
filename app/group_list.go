package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// teamShown is how many administrators and moderators the group list names.
const teamShown = 20

// groupList shows the groups the viewer may see (hidden ones only to their
// members and to administrators), naming the board's administrators and
// moderators so the team is visible.
func (h *Handler) groupList(c *fiber.Ctx) error {
	ctx := c.UserContext()
	groups, err := h.store.VisibleGroups(ctx, viewerID(c))
	if err != nil {
		return err
	}
	team, err := h.store.TeamMembers(ctx, teamShown)
	if err != nil {
		return err
	}
	chrome := h.chrome(c, "Groups", views.Crumb{Title: "Groups"})
	return render(c, views.GroupsPage(chrome, views.GroupsView{Groups: groups, Team: team}), nil)
}
