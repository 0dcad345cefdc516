package app

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// topicMoveShow is the form that moves a topic to another forum.
func (h *Handler) topicMoveShow(c *fiber.Ctx) error {
	topic, err := h.liveTopic(c, models.MMove)
	if err != nil {
		return err
	}
	form, err := h.moveForm(c, topic)
	if err != nil {
		return err
	}
	return h.moveAnswer(c, fiber.StatusOK, form)
}

// topicMoveSubmit moves a topic, optionally leaving a "Moved" link behind.
// It needs m_move in the topic's forum and reading the destination: a
// moderator moves topics out of the forums they look after, into any forum
// they can see.
func (h *Handler) topicMoveSubmit(c *fiber.Ctx) error {
	topic, err := h.liveTopic(c, models.MMove)
	if err != nil {
		return err
	}
	form, err := h.moveForm(c, topic)
	if err != nil {
		return err
	}
	form.ForumID, _ = strconv.ParseInt(c.FormValue("forum"), 10, 64)
	form.LeaveShadow = c.FormValue("shadow") != ""
	m, problem := moderation(c)
	form.Reason = m.Reason
	switch {
	case problem != "":
		form.Error = problem
	case form.ForumID == 0:
		form.Error = "Choose the forum to move the topic to."
	case form.ForumID == topic.ForumID:
		form.Error = "The topic is already in that forum."
	case !may(c, form.ForumID, models.FList|models.FRead):
		form.Error = "You cannot move topics to that forum."
	}
	if form.Error != "" {
		return h.moveAnswer(c, fiber.StatusUnprocessableEntity, form)
	}
	if err := h.store.MoveTopic(c.UserContext(), topic.ID, topic.ForumID, form.ForumID, form.LeaveShadow, m); err != nil {
		return err
	}
	return redirect(c, views.TopicPath(topic.ID, topic.Title))
}

func (h *Handler) moveForm(c *fiber.Ctx, topic *models.Topic) (views.MoveForm, error) {
	forums, err := h.store.ForumList(c.UserContext())
	return views.MoveForm{Topic: topic, Forums: destinations(c, forums)}, err
}

// moveAnswer sends the move form: alone to htmx, on its page to others.
func (h *Handler) moveAnswer(c *fiber.Ctx, status int, form views.MoveForm) error {
	c.Status(status)
	chrome := h.chrome(c, "Move “"+form.Topic.Title+"”", topicCrumbs(form.Topic, "Move")...)
	return render(c, views.MovePage(chrome, form), views.MoveFormFragment(chrome, form))
}

// topicCrumbs lead from the board to a topic and one of its pages.
func topicCrumbs(t *models.Topic, last string) []views.Crumb {
	return []views.Crumb{
		categoryCrumb(t.Forum.Category),
		{Title: t.Forum.Title, URL: views.ForumPath(t.Forum.ID, t.Forum.Title)},
		{Title: t.Title, URL: views.TopicPath(t.ID, t.Title)},
		{Title: last},
	}
}
