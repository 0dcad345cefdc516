package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
)

// markRead marks every forum read for the member and returns them to the
// board index; guests have nothing to mark.
func (h *Handler) markRead(c *fiber.Ctx) error {
	viewer := visitOf(c).Viewer
	if viewer == nil {
		return models.ErrForbidden
	}
	if err := h.store.MarkAllRead(c.UserContext(), viewer.ID); err != nil {
		return err
	}
	return redirect(c, "/")
}
