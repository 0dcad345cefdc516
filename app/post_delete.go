package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// postDelete lets an author take back their post while nobody has replied
// after it, and a moderator remove any post in their forums. The post is
// kept for moderators (soft deletion); when it was the
// topic's only post the topic goes with it.
func (h *Handler) postDelete(c *fiber.Ctx) error {
	p, err := h.editablePost(c)
	if err != nil {
		return err
	}
	if !rightsOf(c).MayDeletePost(p.ForumID, viewerID(c), p.AuthorID, p.Closed(), p.RepliesAfter > 0) {
		return changeRefusal(c, p, models.FDelete)
	}
	topicGone, err := h.store.DeletePost(c.UserContext(), p.ID, visitOf(c).Viewer.ID)
	if err != nil {
		return err
	}
	forum, err := h.store.Forum(c.UserContext(), p.ForumID)
	if err != nil {
		return err
	}
	switch {
	case topicGone:
		return redirect(c, views.ForumPath(forum.ID, forum.Title))
	case isFragmentRequest(c):
		return write(c, views.PostGone(p.ID))
	}
	return redirect(c, views.TopicPath(p.TopicID, p.TopicTitle))
}
