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
	// Deleting someone else's post is moderation: it is logged, with the
	// moderator's reason.
	var reason string
	if p.AuthorID != viewerID(c) {
		m, problem := moderation(c)
		if problem != "" {
			return fiber.NewError(fiber.StatusUnprocessableEntity, problem)
		}
		reason = m.Reason
	}
	topicGone, err := h.store.DeletePostWithReason(c.UserContext(), p.ID, visitOf(c).Viewer.ID, reason)
	if err != nil {
		return err
	}
	// Moderators who may restore it keep seeing the post, marked deleted.
	if may(c, p.ForumID, models.MDelete) {
		if isFragmentRequest(c) && !topicGone {
			return h.postFragment(c, p.ID)
		}
		return redirect(c, views.PostPath(p.ID))
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
