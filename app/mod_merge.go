package app

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// topicMergeShow is the form that merges a topic into another.
func (h *Handler) topicMergeShow(c *fiber.Ctx) error {
	topic, err := h.liveTopic(c, models.MMerge)
	if err != nil {
		return err
	}
	return h.mergeAnswer(c, fiber.StatusOK, views.MergeForm{Topic: topic})
}

// topicMergeSubmit moves every post of the topic into another and removes
// it (or leaves a "Moved" link to the other). It needs m_merge in this
// topic's forum and reading the other topic.
func (h *Handler) topicMergeSubmit(c *fiber.Ctx) error {
	topic, err := h.liveTopic(c, models.MMerge)
	if err != nil {
		return err
	}
	form := views.MergeForm{Topic: topic, LeaveShadow: c.FormValue("shadow") != "",
		Target: strings.TrimSpace(strings.ToValidUTF8(c.FormValue("target"), "\uFFFD"))}
	m, problem := moderation(c)
	form.Reason = m.Reason
	into, err := h.mergeTarget(c, form.Target)
	switch {
	case problem != "":
		form.Error = problem
	case errors.Is(err, errNoTopicRef):
		form.Error = "Give the number of the topic to merge into, or a link to it."
	case errors.Is(err, models.ErrNotFound):
		form.Error = "There is no such topic that you can read."
	case err != nil:
		return err
	case into.ID == topic.ID:
		form.Error = "A topic cannot be merged into itself."
	}
	if form.Error != "" {
		return h.mergeAnswer(c, fiber.StatusUnprocessableEntity, form)
	}
	err = h.store.MergeTopics(c.UserContext(), models.Merge{TopicID: topic.ID, ForumID: topic.ForumID,
		IntoID: into.ID, IntoForumID: into.ForumID, LeaveShadow: form.LeaveShadow}, m)
	if err != nil {
		return err
	}
	return redirect(c, views.TopicPath(into.ID, into.Title))
}

var errNoTopicRef = errors.New("no topic number")

// topicRef finds a topic number in "123", "#123" or a link to a topic.
var topicRef = regexp.MustCompile(`^(?:#?(\d+)|(?:\S*/)?t/(\d+)(?:[/?#]\S*)?)$`)

// mergeTarget finds the topic a merge names, if the moderator may read it.
func (h *Handler) mergeTarget(c *fiber.Ctx, ref string) (*models.Topic, error) {
	m := topicRef.FindStringSubmatch(ref)
	if m == nil {
		return nil, errNoTopicRef
	}
	id, err := strconv.ParseInt(m[1]+m[2], 10, 64)
	if err != nil || id <= 0 {
		return nil, errNoTopicRef
	}
	into, err := h.store.TopicView(c.UserContext(), id, time.Time{}, 0)
	if err != nil {
		return nil, err
	}
	if into.MovedToID != 0 || !may(c, into.ForumID, models.FList|models.FRead) {
		return nil, models.ErrNotFound
	}
	return into, nil
}

// mergeAnswer sends the merge form: alone to htmx, on its page to others.
func (h *Handler) mergeAnswer(c *fiber.Ctx, status int, form views.MergeForm) error {
	c.Status(status)
	chrome := h.chrome(c, "Merge “"+form.Topic.Title+"”", topicCrumbs(form.Topic, "Merge")...)
	return render(c, views.MergePage(chrome, form), views.MergeFormFragment(chrome, form))
}
