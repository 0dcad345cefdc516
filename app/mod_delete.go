package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// topicDelete deletes a whole topic (m_delete in its forum): its posts stay
// for moderators, who see the topic marked and can restore it. On a
// "Moved" link it removes the link.
func (h *Handler) topicDelete(c *fiber.Ctx) error {
	topic, err := h.modTopic(c, models.MDelete)
	if err != nil {
		return err
	}
	m, problem := moderation(c)
	if problem != "" {
		return h.modToolsAnswer(c, topic.ID, "", problem)
	}
	ctx := c.UserContext()
	if topic.MovedToID != 0 {
		if err := h.store.RemoveSignpost(ctx, topic.ID, topic.ForumID, m); err != nil {
			return err
		}
		if isFragmentRequest(c) {
			// The link's row in the topic list is swapped for nothing.
			c.Vary(hxRequest)
			return c.SendString("")
		}
		return redirect(c, views.ForumPath(topic.Forum.ID, topic.Forum.Title))
	}
	if err := h.store.DeleteTopic(ctx, topic.ID, topic.ForumID, m); err != nil {
		return err
	}
	return redirect(c, views.TopicPath(topic.ID, topic.Title))
}
