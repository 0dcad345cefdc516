package app

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// jump takes the "Jump to" form to the chosen forum.
func (h *Handler) jump(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Query("f"), 10, 64)
	if err != nil || id <= 0 {
		return fiber.NewError(fiber.StatusBadRequest, "Choose a forum to jump to.")
	}
	forum, err := h.store.Forum(c.UserContext(), id)
	if err != nil {
		return err
	}
	if !may(c, forum.ID, models.FList) {
		return models.ErrNotFound
	}
	return redirect(c, views.ForumPath(forum.ID, forum.Title))
}
