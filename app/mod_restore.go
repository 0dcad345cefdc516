package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// topicRestore brings back a deleted topic with the posts deleted with it
// (m_delete in its forum).
func (h *Handler) topicRestore(c *fiber.Ctx) error {
	topic, err := h.modTopic(c, models.MDelete)
	if err != nil {
		return err
	}
	m, problem := moderation(c)
	if problem != "" {
		return fiber.NewError(fiber.StatusUnprocessableEntity, problem)
	}
	if err := h.store.RestoreTopic(c.UserContext(), topic.ID, topic.ForumID, m); err != nil {
		return err
	}
	return redirect(c, views.TopicPath(topic.ID, topic.Title))
}
