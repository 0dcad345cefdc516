package app

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
)

// adminCategoryDelete deletes a category that holds no forums.
func (h *Handler) adminCategoryDelete(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	err = h.store.DeleteCategory(c.UserContext(), id)
	if errors.Is(err, models.ErrCategoryNotEmpty) {
		return fiber.NewError(fiber.StatusConflict, "This category still holds forums. Move them to another category, or delete them, first.")
	}
	if err != nil {
		return err
	}
	return h.afterListChange(c)
}
