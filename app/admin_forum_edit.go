package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// adminForumEditShow is the form for a forum's category, title,
// description and lock.
func (h *Handler) adminForumEditShow(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	forum, err := h.store.Forum(c.UserContext(), id)
	if err != nil {
		return err
	}
	return h.renderForumForm(c, views.ForumForm{
		ID: forum.ID, CategoryID: forum.CategoryID, Title: forum.Title, Description: forum.Description, Locked: forum.Locked,
	})
}

// adminForumEditSubmit saves a forum's settings; a forum put into another
// category goes to its end.
func (h *Handler) adminForumEditSubmit(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f := readForumForm(c)
	f.ID = id
	tree, err := h.forumChoices(c, &f)
	if err != nil {
		return err
	}
	if findForum(tree, id) == nil {
		return models.ErrNotFound
	}
	checkForumForm(&f, tree)
	if f.Errors.Any() {
		c.Status(fiber.StatusUnprocessableEntity)
		return h.renderForumForm(c, f)
	}
	forum := &models.Forum{ID: id, CategoryID: f.CategoryID, Title: f.Title, Description: f.Description, Locked: f.Locked}
	if err := h.store.UpdateForum(c.UserContext(), forum); err != nil {
		return err
	}
	return redirect(c, views.AdminForumsPath)
}
