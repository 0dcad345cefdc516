package app

import "github.com/gofiber/fiber/v2"

// adminForumMove moves a forum one place up or down in its category.
func (h *Handler) adminForumMove(c *fiber.Ctx) error {
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
	if err := h.store.MoveForum(c.UserContext(), id, up); err != nil {
		return err
	}
	return h.afterListChange(c)
}
