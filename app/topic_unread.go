package app

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// topicUnread sends a member to the first post of a topic they have not
// read, or to its last post when they have read it all. Guests have no
// read marks and start at the beginning.
func (h *Handler) topicUnread(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	start := "/t/" + strconv.FormatInt(id, 10)
	visit := visitOf(c)
	if visit.Viewer == nil {
		return c.Redirect(start, fiber.StatusFound)
	}
	post, err := h.store.FirstUnreadPost(c.UserContext(), id, visit.Viewer.ID)
	if err != nil {
		return err
	}
	if err := requireRead(c, post.ForumID); err != nil {
		return err
	}
	if post.PostID == 0 {
		// A moved topic's signpost has no posts; the topic page follows it.
		return c.Redirect(start, fiber.StatusFound)
	}
	pager := views.Pager{Path: views.TopicPath(post.TopicID, post.TopicTitle)}
	page := pageCount(post.PostNumber, visit.Config.PostsPerPage)
	return c.Redirect(pager.URL(page)+"#"+views.PostAnchor(post.PostID), fiber.StatusFound)
}
