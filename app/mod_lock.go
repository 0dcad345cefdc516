package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
)

// topicLock locks a topic (or unlocks it): once locked only those who may
// lock reply to it. It needs m_lock in the topic's forum.
func (h *Handler) topicLock(locked bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		topic, err := h.liveTopic(c, models.MLock)
		if err != nil {
			return err
		}
		m, problem := moderation(c)
		if problem != "" {
			return h.modToolsAnswer(c, topic.ID, "", problem)
		}
		changed, err := h.store.SetTopicLocked(c.UserContext(), topic.ID, topic.ForumID, locked, m)
		if err != nil {
			return err
		}
		var status string
		switch {
		case !changed && locked:
			status = "The topic was already locked."
		case !changed:
			status = "The topic was not locked."
		case locked:
			status = "The topic is locked: only moderators can reply to it now."
		default:
			status = "The topic is unlocked: members can reply to it again."
		}
		return h.modToolsAnswer(c, topic.ID, status, "")
	}
}
