package app

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// adminForumDeleteShow asks where a forum's topics should go before it is
// deleted.
func (h *Handler) adminForumDeleteShow(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	v, err := h.forumDeleteView(c)
	if err != nil {
		return err
	}
	return h.renderForumDelete(c, v)
}

// adminForumDeleteSubmit moves a forum's topics to the chosen forum and
// deletes it, in one transaction.
func (h *Handler) adminForumDeleteSubmit(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	v, err := h.forumDeleteView(c)
	if err != nil {
		return err
	}
	v.MoveTo = formID(c, "move_to")
	valid := v.MoveTo == 0 || findForum(v.Targets, v.MoveTo) != nil
	if v.Forum.TopicCount > 0 && v.MoveTo == 0 || !valid {
		v.Error = "Choose the forum its topics move to."
	}
	if v.Error == "" {
		err = h.store.DeleteForum(c.UserContext(), v.Forum.ID, v.MoveTo)
		switch {
		case errors.Is(err, models.ErrMoveTarget):
			// A topic arrived since the page was read, or the target went.
			v.Error = "Choose the forum its topics move to."
		case err != nil:
			return err
		default:
			return redirect(c, views.AdminForumsPath)
		}
	}
	c.Status(fiber.StatusUnprocessableEntity)
	return h.renderForumDelete(c, v)
}

// forumDeleteView loads the forum in the path and every other forum.
func (h *Handler) forumDeleteView(c *fiber.Ctx) (views.ForumDeleteView, error) {
	var v views.ForumDeleteView
	id, err := pathID(c, "id")
	if err != nil {
		return v, err
	}
	tree, err := h.store.ForumTree(c.UserContext())
	if err != nil {
		return v, err
	}
	for _, section := range tree {
		others := section
		others.Forums = nil
		for _, f := range section.Forums {
			if f.ID == id {
				v.Forum = f
			} else {
				others.Forums = append(others.Forums, f)
			}
		}
		if len(others.Forums) > 0 {
			v.Targets = append(v.Targets, others)
		}
	}
	if v.Forum == nil {
		return v, models.ErrNotFound
	}
	return v, nil
}

func (h *Handler) renderForumDelete(c *fiber.Ctx, v views.ForumDeleteView) error {
	chrome := h.adminChrome(c, "Delete forum", views.Crumb{Title: "Forums", URL: views.AdminForumsPath}, views.Crumb{Title: "Delete " + v.Forum.Title})
	return render(c, views.ForumDeletePage(chrome, v), views.ForumDeleteForm(chrome, v))
}
