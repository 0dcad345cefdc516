package app

import (
	"errors"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// topicNewShow is the form for a new topic in a forum.
func (h *Handler) topicNewShow(c *fiber.Ctx) error {
	forum, err := h.newTopicForum(c)
	if err != nil {
		return err
	}
	if visitOf(c).Viewer == nil {
		return c.Redirect("/login?return="+url.QueryEscape(c.OriginalURL()), fiber.StatusSeeOther)
	}
	if reason := newTopicRefusal(c, forum); reason != "" {
		return fiber.NewError(fiber.StatusForbidden, reason)
	}
	form := views.PostForm{Action: views.NewTopicPath(forum.ID), Key: models.NewToken(), NewTopic: true}
	return h.newTopicAnswer(c, fiber.StatusOK, forum, form)
}

// topicNewSubmit previews or starts the topic and takes the writer to it.
func (h *Handler) topicNewSubmit(c *fiber.Ctx) error {
	forum, err := h.newTopicForum(c)
	if err != nil {
		return err
	}
	form := readPostForm(c, views.NewTopicPath(forum.ID))
	form.NewTopic = true
	if !mayWrite(c, &form) {
		return h.newTopicAnswer(c, fiber.StatusUnprocessableEntity, forum, form)
	}
	if form.Error = newTopicRefusal(c, forum); form.Error != "" {
		return h.newTopicAnswer(c, fiber.StatusUnprocessableEntity, forum, form)
	}
	kind, ok := models.ParseTopicKind(c.FormValue("kind"))
	if c.FormValue("kind") == "" {
		kind, ok = models.TopicNormal, true
	}
	form.Kind = kind
	if !ok || !rightsOf(c).MayStartKind(forum.ID, kind) {
		form.Kind, form.Error = models.TopicNormal, "You cannot post a topic of that type in this forum."
		return h.newTopicAnswer(c, fiber.StatusUnprocessableEntity, forum, form)
	}
	if form.Error, err = h.writeBan(c); err != nil {
		return err
	} else if form.Error != "" {
		return h.newTopicAnswer(c, fiber.StatusUnprocessableEntity, forum, form)
	}
	if !validate(&form) {
		return h.newTopicAnswer(c, fiber.StatusUnprocessableEntity, forum, form)
	}
	in := h.newPost(c, forum.ID, form)
	in.TopicKind = kind
	if c.FormValue("preview") != "" {
		form.PreviewHTML = in.BodyHTML
		return h.newTopicAnswer(c, fiber.StatusOK, forum, form)
	}
	topic, _, err := h.store.CreateTopic(c.UserContext(), forum.ID, in.Subject, in)
	var dup *models.DuplicateError
	if errors.As(err, &dup) && dup.PostID != 0 {
		return redirect(c, views.PostPath(dup.PostID))
	}
	if status, ok := refusal(c, &form, err); ok {
		return h.newTopicAnswer(c, status, forum, form)
	}
	if err != nil {
		return err
	}
	return redirect(c, views.TopicPath(topic.ID, topic.Title))
}

func (h *Handler) newTopicForum(c *fiber.Ctx) (*models.Forum, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	forum, err := h.store.Forum(c.UserContext(), id)
	if err != nil {
		return nil, err
	}
	return forum, requireRead(c, forum.ID)
}

// newTopicRefusal says why the visitor may not start a topic in the forum,
// or "" when they may.
func newTopicRefusal(c *fiber.Ctx, forum *models.Forum) string {
	switch {
	case rightsOf(c).MayPost(forum.ID, forum.Locked):
		return ""
	case forum.Locked && may(c, forum.ID, models.FPost):
		return "This forum is locked: you cannot post new topics in it."
	}
	return refusals[models.FPost]
}

// newTopicAnswer sends the form: alone to htmx, on its page to others.
func (h *Handler) newTopicAnswer(c *fiber.Ctx, status int, forum *models.Forum, form views.PostForm) error {
	if form.Error == "" && visitOf(c).Viewer != nil {
		form.Error = newTopicRefusal(c, forum)
	}
	form.Kinds = nil
	for _, k := range models.TopicKinds {
		if rightsOf(c).MayStartKind(forum.ID, k) {
			form.Kinds = append(form.Kinds, k)
		}
	}
	c.Status(status)
	chrome := h.chrome(c, "Post a new topic in "+forum.Title, categoryCrumb(forum.Category),
		views.Crumb{Title: forum.Title, URL: views.ForumPath(forum.ID, forum.Title)}, views.Crumb{Title: "New topic"})
	return render(c, views.ReplyPage(chrome, form), views.PostEditor(chrome, form))
}
