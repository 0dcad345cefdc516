package app

import "github.com/gofiber/fiber/v2"

// adminForumLock locks (locked=1) or unlocks (locked=0) a forum.
func (h *Handler) adminForumLock(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var locked bool
	switch c.FormValue("locked") {
	case "1":
		locked = true
	case "0":
	default:
		return fiber.NewError(fiber.StatusUnprocessableEntity, "Choose to lock or to unlock the forum.")
	}
	if err := h.store.SetForumLocked(c.UserContext(), id, locked); err != nil {
		return err
	}
	return h.afterListChange(c)
}
