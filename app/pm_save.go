package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// pmSave moves the member's copy of a message into their Saved folder,
// where it no longer counts as sent or received mail.
func (h *Handler) pmSave(c *fiber.Ctx) error {
	viewer, err := pmMember(c)
	if viewer == nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := h.store.SavePM(c.UserContext(), id, viewer.ID, true); err != nil {
		return err
	}
	return redirect(c, views.PMFolderPath(models.PMSaved))
}
