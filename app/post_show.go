package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// postShow sends a post's permalink to the topic page that holds it; htmx
// gets the post itself (Cancel in an inline edit).
func (h *Handler) postShow(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if isFragmentRequest(c) {
		return h.postFragment(c, id)
	}
	ctx := c.UserContext()
	loc, err := h.store.PostLocationWithDeleted(ctx, id)
	if err != nil {
		return err
	}
	if err := requireRead(c, loc.ForumID); err != nil {
		return err
	}
	if loc.Deleted && !may(c, loc.ForumID, models.MDelete) {
		return models.ErrNotFound
	}
	pager := views.Pager{Path: views.TopicPath(loc.TopicID, loc.TopicTitle)}
	page := pageCount(loc.PostNumber, visitOf(c).Config.PostsPerPage)
	keepForGuests(c, 0, func() []models.Tag { return []models.Tag{models.TopicTag(loc.TopicID)} })
	return c.Redirect(pager.URL(page)+"#"+views.PostAnchor(id), fiber.StatusFound)
}
