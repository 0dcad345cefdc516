package app

import (
	"errors"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// topicPrevious goes to the topic listed above this one in its forum (more
// recently active); topicNext to the one below.
func (h *Handler) topicPrevious(c *fiber.Ctx) error { return h.topicAdjacent(c, true) }
func (h *Handler) topicNext(c *fiber.Ctx) error     { return h.topicAdjacent(c, false) }

func (h *Handler) topicAdjacent(c *fiber.Ctx, newer bool) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	topic, err := h.store.TopicView(ctx, id, time.Time{}, 0)
	if err != nil {
		return err
	}
	if err := requireRead(c, topic.ForumID); err != nil {
		return err
	}
	next, err := h.store.AdjacentTopic(ctx, id, newer)
	if err == nil {
		return c.Redirect("/t/"+strconv.FormatInt(next, 10), fiber.StatusFound)
	}
	if !errors.Is(err, models.ErrNotFound) {
		return err
	}
	msg := views.MessageView{
		Status:  fiber.StatusNotFound,
		Heading: "No next topic",
		Text:    "There are no older topics in this forum.",
		Back:    views.Crumb{Title: "Return to “" + topic.Title + "”", URL: views.TopicPath(topic.ID, topic.Title)},
	}
	if newer {
		msg.Heading, msg.Text = "No previous topic", "There are no newer topics in this forum."
	}
	chrome := h.chrome(c, msg.Heading)
	c.Status(fiber.StatusNotFound)
	return write(c, views.MessagePage(chrome, msg))
}
