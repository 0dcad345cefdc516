package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// pmDelete removes the member's own copy of a message; the other side
// keeps theirs. The member goes back to their inbox.
func (h *Handler) pmDelete(c *fiber.Ctx) error {
	viewer, err := pmMember(c)
	if viewer == nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := h.store.DeletePM(c.UserContext(), id, viewer.ID); err != nil {
		return err
	}
	return redirect(c, views.PMFolderPath(models.PMInbox))
}
