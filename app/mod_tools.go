package app

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// modRefusals say why a moderator action was refused.
var modRefusals = map[models.Perm]string{
	models.MLock:   "You cannot lock or unlock topics in this forum.",
	models.MMove:   "You cannot move topics out of this forum.",
	models.MSplit:  "You cannot split topics in this forum.",
	models.MMerge:  "You cannot merge topics in this forum.",
	models.MDelete: "You cannot delete or restore posts in this forum.",
	models.MInfo:   "You cannot see posters' IP addresses in this forum.",
}

// requireMod checks a moderator permission in a forum before an action or
// its form: a forum the visitor may not list does not exist for them
// (404), and a permission they lack is refused with its reason (403).
func requireMod(c *fiber.Ctx, forumID int64, p models.Perm) error {
	if err := requireRead(c, forumID); err != nil {
		return err
	}
	if visitOf(c).Viewer == nil || !may(c, forumID, p) {
		if msg, ok := modRefusals[p]; ok {
			return fiber.NewError(fiber.StatusForbidden, msg)
		}
		return fiber.NewError(fiber.StatusForbidden, "Only moderators of this forum may do that.")
	}
	return nil
}

// modTopic loads the topic in the path, deleted and moved ones too, for a
// moderator holding p in its forum.
func (h *Handler) modTopic(c *fiber.Ctx, p models.Perm) (*models.Topic, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	topic, err := h.store.TopicViewWithDeleted(c.UserContext(), id, time.Time{}, 0)
	if err != nil {
		return nil, err
	}
	return topic, requireMod(c, topic.ForumID, p)
}

// liveTopic is modTopic for the actions that only an ordinary topic takes:
// a deleted topic can only be restored, and a "Moved" link only removed.
func (h *Handler) liveTopic(c *fiber.Ctx, p models.Perm) (*models.Topic, error) {
	topic, err := h.modTopic(c, p)
	if err == nil && (!topic.DeletedAt.IsZero() || topic.MovedToID != 0) {
		err = models.ErrNotFound
	}
	return topic, err
}

// moderation reads who acts and their optional reason; msg says what is
// wrong with the reason, if anything.
func moderation(c *fiber.Ctx) (m models.Moderation, msg string) {
	reason := strings.TrimSpace(strings.ToValidUTF8(c.FormValue("reason"), "\uFFFD"))
	switch {
	case utf8.RuneCountInString(reason) > maxReasonLength:
		msg = fmt.Sprintf("Keep the reason to %d characters.", maxReasonLength)
	case strings.ContainsFunc(reason, isControl):
		msg = "The reason contains characters that cannot be shown."
	}
	return models.Moderation{ModeratorID: visitOf(c).Viewer.ID, Reason: reason}, msg
}

// destinations are the forums a topic may be moved or split to: those the
// moderator may read, by category.
func destinations(c *fiber.Ctx, forums []*models.Forum) []models.CategoryForums {
	var out []*models.Forum
	for _, f := range forums {
		if may(c, f.ID, models.FList|models.FRead) {
			out = append(out, f)
		}
	}
	return models.GroupByCategory(out)
}

// modToolsFor is the moderator tools box of a topic page, nil for those
// who do not moderate its forum.
func modToolsFor(c *fiber.Ctx, topic *models.Topic, forums []*models.Forum) *views.ModToolsView {
	if visitOf(c).Viewer == nil || !rightsOf(c).CanAny(topic.ForumID, models.ModeratorPerms) {
		return nil
	}
	return &views.ModToolsView{Topic: topic, Forums: destinations(c, forums)}
}

// modToolsAnswer answers an inline action of the tools box: htmx gets the
// box again, with what happened, and the topic's markers out of band; a
// plain form goes back to the topic.
func (h *Handler) modToolsAnswer(c *fiber.Ctx, topicID int64, status, problem string) error {
	if problem != "" && !isFragmentRequest(c) {
		return fiber.NewError(fiber.StatusUnprocessableEntity, problem)
	}
	ctx := c.UserContext()
	topic, err := h.store.TopicViewWithDeleted(ctx, topicID, time.Time{}, 0)
	if err != nil {
		return err
	}
	forums, err := h.store.ForumList(ctx)
	if err != nil {
		return err
	}
	box := modToolsFor(c, topic, forums)
	if !isFragmentRequest(c) || box == nil {
		return redirect(c, views.TopicPath(topic.ID, topic.Title))
	}
	box.Status, box.Error = status, problem
	if problem != "" {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	c.Vary(hxRequest)
	return write(c, views.ModToolsSwap(h.chrome(c, topic.Title), *box))
}
