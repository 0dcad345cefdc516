package app

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// postRestore brings back a deleted post (m_delete in its forum), and its
// topic when the topic had gone with it; htmx gets the post in place.
func (h *Handler) postRestore(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	loc, err := h.store.PostLocationWithDeleted(c.UserContext(), id)
	if err != nil {
		return err
	}
	if err := requireMod(c, loc.ForumID, models.MDelete); err != nil {
		return err
	}
	m, problem := moderation(c)
	if problem != "" {
		return fiber.NewError(fiber.StatusUnprocessableEntity, problem)
	}
	// A post restored already (a second click) is simply shown.
	if err := h.store.RestorePost(c.UserContext(), id, loc.ForumID, m); err != nil && !errors.Is(err, models.ErrNotFound) {
		return err
	}
	if isFragmentRequest(c) {
		return h.postFragment(c, id)
	}
	return redirect(c, views.PostPath(id))
}
