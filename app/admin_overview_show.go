package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// newestMembersShown is how many of the newest members the overview names.
const newestMembersShown = 8

// adminOverview is the first page of the administration panel: the board's
// totals, its newest members and the way to each section.
func (h *Handler) adminOverview(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	ctx := c.UserContext()
	stats, err := h.store.BoardStats(ctx)
	if err != nil {
		return err
	}
	v := views.AdminOverviewView{Stats: stats}
	tree, err := h.store.ForumTree(ctx)
	if err != nil {
		return err
	}
	v.Categories = len(tree)
	for _, section := range tree {
		v.Forums += len(section.Forums)
	}
	groups, err := h.store.AdminGroups(ctx)
	if err != nil {
		return err
	}
	v.Groups = len(groups)
	if v.Newest, err = h.store.NewestMembers(ctx, newestMembersShown); err != nil {
		return err
	}
	return render(c, views.AdminOverviewPage(h.adminChrome(c, "Administration"), v), nil)
}
