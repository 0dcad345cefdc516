package app

import (
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// banLift ends a ban now, keeping it in the history with who lifted it.
// htmx gets the lifted ban in place of its row; a plain form goes back to
// the list.
func (h *Handler) banLift(c *fiber.Ctx) error {
	if err := requireModerator(c, models.MBan); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	err = h.store.LiftBan(ctx, id, visitOf(c).Viewer.ID)
	conflict := errors.Is(err, models.ErrConflict)
	switch {
	case conflict && !isFragmentRequest(c):
		return fiber.NewError(fiber.StatusConflict, "This ban was lifted already.")
	case err != nil && !conflict:
		return err
	case !isFragmentRequest(c):
		return redirect(c, views.BanListPath)
	}
	ban, err := h.store.Ban(ctx, id)
	if err != nil {
		return err
	}
	if conflict {
		// Someone lifted it first: their lift is what the row shows.
		c.Status(fiber.StatusConflict)
	}
	c.Vary(hxRequest)
	return write(c, views.BanRow(h.chrome(c, ""), views.BanRowView{Ban: ban, Now: time.Now(), Done: !conflict}))
}
