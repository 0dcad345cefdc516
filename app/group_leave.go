package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
)

// groupLeave takes the viewer out of a group, or withdraws their request to
// join it. Leaders may leave too; they stop deciding requests when they do.
func (h *Handler) groupLeave(c *fiber.Ctx) error {
	g, viewer, err := h.groupForChange(c)
	if err != nil {
		return err
	}
	was, err := h.store.LeaveGroup(c.UserContext(), g.ID, viewer.ID)
	if err != nil {
		return h.groupRefused(c, g.ID, viewer.ID, err)
	}
	notice := "You have left " + g.Name + "."
	if was == models.PendingMember {
		notice = "Your request to join has been withdrawn."
	}
	return h.groupChanged(c, g.ID, viewer.ID, notice)
}
