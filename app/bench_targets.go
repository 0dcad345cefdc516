package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// benchTargets tells `make bench` which pages to measure: the busiest
// forum, the longest topic and its last post, with their paths.
func (h *Handler) benchTargets(c *fiber.Ctx) error {
	t, err := h.store.BenchTargets(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{
		"targets":    t,
		"forum_path": views.ForumPath(t.ForumID, t.ForumTitle),
		"topic_path": views.TopicPath(t.TopicID, t.TopicTitle),
	})
}
