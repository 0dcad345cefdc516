package app

import "github.com/gofiber/fiber/v2"

// adminCategoryMove moves a category one place up or down the board index.
func (h *Handler) adminCategoryMove(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	up, err := moveUp(c)
	if err != nil {
		return err
	}
	if err := h.store.MoveCategory(c.UserContext(), id, up); err != nil {
		return err
	}
	return h.afterListChange(c)
}
