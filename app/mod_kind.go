package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
)

// topicKind makes a topic normal, sticky or an announcement. It is
// moderation, so it needs a moderator permission in the topic's forum, and
// as in phpBB the right to post each kind involved: f_sticky for stickies,
// f_announce for announcements (see Rights.MaySetKind).
func (h *Handler) topicKind(c *fiber.Ctx) error {
	topic, err := h.liveTopic(c, models.FRead)
	if err != nil {
		return err
	}
	kind, ok := models.ParseTopicKind(c.FormValue("kind"))
	if !ok {
		return h.modToolsAnswer(c, topic.ID, "", "Choose normal, sticky or announcement.")
	}
	if !rightsOf(c).MaySetKind(topic.ForumID, topic.Kind, kind) {
		return fiber.NewError(fiber.StatusForbidden, "You cannot make this topic "+kindPhrase(kind)+" in this forum.")
	}
	m, problem := moderation(c)
	if problem != "" {
		return h.modToolsAnswer(c, topic.ID, "", problem)
	}
	changed, err := h.store.SetTopicKind(c.UserContext(), topic.ID, topic.ForumID, kind, m)
	if err != nil {
		return err
	}
	status := "The topic is " + kindPhrase(kind) + " now."
	if !changed {
		status = "The topic already was " + kindPhrase(kind) + "."
	}
	return h.modToolsAnswer(c, topic.ID, status, "")
}

func kindPhrase(k models.TopicKind) string {
	switch k {
	case models.TopicSticky:
		return "a sticky"
	case models.TopicAnnouncement:
		return "an announcement"
	}
	return "a normal topic"
}
