package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// adminForumList lists the categories and forums with what can be done to
// each; htmx gets the list alone.
func (h *Handler) adminForumList(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	tree, err := h.store.ForumTree(c.UserContext())
	if err != nil {
		return err
	}
	v := views.AdminForumsView{Tree: tree}
	chrome := h.adminChrome(c, "Forums", views.Crumb{Title: "Forums"})
	return render(c, views.AdminForumsPage(chrome, v), views.AdminForumList(chrome, v))
}

// afterListChange answers a change made from the list of forums: htmx
// gets the changed list to swap in, a browser without JavaScript goes
// back to the list.
func (h *Handler) afterListChange(c *fiber.Ctx) error {
	if !isFragmentRequest(c) {
		return redirect(c, views.AdminForumsPath)
	}
	return h.adminForumList(c)
}

// moveUp reads the direction of an up/down button.
func moveUp(c *fiber.Ctx) (bool, error) {
	switch c.FormValue("direction") {
	case "up":
		return true, nil
	case "down":
		return false, nil
	}
	return false, fiber.NewError(fiber.StatusUnprocessableEntity, "Choose to move it up or down.")
}
