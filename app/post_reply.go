package app

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hyperboard/bbcode"
	"hyperboard/models"
	"hyperboard/views"
)

// replyShow is the reply page: the form on its own, with the member's
// draft, and with a quote when "Reply with quote" was followed without
// JavaScript.
func (h *Handler) replyShow(c *fiber.Ctx) error {
	topic, err := h.replyTopic(c)
	if err != nil {
		return err
	}
	v := visitOf(c)
	if v.Viewer == nil {
		return c.Redirect("/login?return="+url.QueryEscape(c.OriginalURL()), fiber.StatusSeeOther)
	}
	if reason := replyRefusal(c, topic); reason != "" {
		return fiber.NewError(fiber.StatusForbidden, reason)
	}
	form := views.PostForm{Action: views.ReplyPath(topic.ID), Key: models.NewToken(), DraftURL: views.DraftPath(topic.ID)}
	if form.Message, err = h.store.Draft(c.UserContext(), v.Viewer.ID, topic.ID); err != nil {
		return err
	}
	if err := h.addQuote(c, &form); err != nil {
		return err
	}
	return h.replyAnswer(c, fiber.StatusOK, topic, form)
}

// replySubmit adds a quote, shows a preview, or posts the reply. A reply
// made with htmx on the topic's last page is appended there in place;
// otherwise the writer is taken to the new post.
func (h *Handler) replySubmit(c *fiber.Ctx) error {
	topic, err := h.replyTopic(c)
	if err != nil {
		return err
	}
	form := readPostForm(c, views.ReplyPath(topic.ID))
	form.DraftURL = views.DraftPath(topic.ID)
	if !mayWrite(c, &form) {
		return h.replyAnswer(c, fiber.StatusUnprocessableEntity, topic, form)
	}
	if form.Error = replyRefusal(c, topic); form.Error != "" {
		return h.replyAnswer(c, fiber.StatusUnprocessableEntity, topic, form)
	}
	if c.Query("quote") != "" {
		if err := h.addQuote(c, &form); err != nil {
			return err
		}
		return h.replyAnswer(c, fiber.StatusOK, topic, form)
	}
	if form.Error, err = h.writeBan(c); err != nil {
		return err
	} else if form.Error != "" {
		return h.replyAnswer(c, fiber.StatusUnprocessableEntity, topic, form)
	}
	if !validate(&form) {
		return h.replyAnswer(c, fiber.StatusUnprocessableEntity, topic, form)
	}
	if c.FormValue("preview") != "" {
		form.PreviewHTML = h.newPost(c, topic.ForumID, form).BodyHTML
		return h.replyAnswer(c, fiber.StatusOK, topic, form)
	}
	post, err := h.store.CreateReply(c.UserContext(), topic.ID, h.newPost(c, topic.ForumID, form))
	var dup *models.DuplicateError
	if errors.As(err, &dup) && dup.PostID != 0 {
		return redirect(c, views.PostPath(dup.PostID))
	}
	if status, ok := refusal(c, &form, err); ok {
		return h.replyAnswer(c, status, topic, form)
	}
	if err != nil {
		return err
	}
	perPage := visitOf(c).Config.PostsPerPage
	if !isFragmentRequest(c) || form.Page == 0 || pageCount(post.PostNumber, perPage) != form.Page {
		return redirect(c, views.PostPath(post.ID))
	}
	return h.appendReply(c, topic, post)
}

// appendReply answers htmx with an empty form in place of the sent one and
// the new post added to the end of the list, out of band.
func (h *Handler) appendReply(c *fiber.Ctx, topic *models.Topic, post *models.Post) error {
	posts, err := h.store.PostsInTopic(c.UserContext(), topic.ID, models.PostRange{First: post.PostNumber, Last: post.PostNumber})
	if err != nil || len(posts) != 1 {
		return errors.Join(err, models.ErrNotFound)
	}
	topic.ReplyCount++
	form := views.PostForm{Action: views.ReplyPath(topic.ID), Key: models.NewToken(), DraftURL: views.DraftPath(topic.ID),
		Page: pageCount(post.PostNumber, visitOf(c).Config.PostsPerPage), Saved: true}
	c.Vary(hxRequest)
	announce(c, "Reply posted", "#"+views.PostAnchor(post.ID))
	return write(c, views.ReplyAdded(h.chrome(c, topic.Title), topic, posts[0], form))
}

// replyAnswer sends the form back: alone to htmx, on the reply page to others.
func (h *Handler) replyAnswer(c *fiber.Ctx, status int, topic *models.Topic, form views.PostForm) error {
	c.Status(status)
	chrome := h.chrome(c, "Reply to “"+topic.Title+"”",
		views.Crumb{Title: topic.Forum.Title, URL: views.ForumPath(topic.Forum.ID, topic.Forum.Title)},
		views.Crumb{Title: topic.Title, URL: views.TopicPath(topic.ID, topic.Title)},
		views.Crumb{Title: "Reply"})
	if form.Error == "" && visitOf(c).Viewer != nil {
		form.Error = replyRefusal(c, topic)
	}
	return render(c, views.ReplyPage(chrome, form), views.PostEditor(chrome, form))
}

// replyTopic loads the topic named in the path, if the visitor may read it.
func (h *Handler) replyTopic(c *fiber.Ctx) (*models.Topic, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	topic, err := h.store.TopicView(c.UserContext(), id, time.Time{}, 0)
	if err != nil {
		return nil, err
	}
	return topic, requireRead(c, topic.ForumID)
}

// replyRefusal says why the visitor may not reply to the topic, or "" when they may.
func replyRefusal(c *fiber.Ctx, topic *models.Topic) string {
	switch {
	case rightsOf(c).MayReply(topic.ForumID, topic.Closed()):
		return ""
	case topic.Closed() && may(c, topic.ForumID, models.FReply):
		return "This topic is locked: you cannot reply to it."
	}
	return refusals[models.FReply]
}

// addQuote appends the quoted post (?quote=ID) to the message, after what
// the writer already typed.
func (h *Handler) addQuote(c *fiber.Ctx, form *views.PostForm) error {
	raw := c.Query("quote")
	if raw == "" {
		return nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return models.ErrNotFound
	}
	q, err := h.store.QuotedPost(c.UserContext(), id)
	if err != nil {
		return err
	}
	if !may(c, q.ForumID, models.FList|models.FRead) {
		return models.ErrNotFound
	}
	text := strings.TrimRight(form.Message, "\n ")
	if text != "" {
		text += "\n\n"
	}
	form.Message = text + bbcode.Quote(q.Author, q.ID, q.Body) + "\n\n"
	return nil
}

// draftSave keeps the half-written text of the inline reply box, so that
// a reload or a crash does not lose it.
func (h *Handler) draftSave(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v := visitOf(c)
	if v.Viewer == nil {
		return fiber.ErrForbidden
	}
	topic, err := h.store.TopicView(c.UserContext(), id, time.Time{}, 0)
	if err != nil {
		return err
	}
	if err := requireIn(c, topic.ForumID, models.FReply); err != nil {
		return err
	}
	body := c.FormValue("message")
	if len(body) > 4*maxMessageLength || !utf8.ValidString(body) || strings.ContainsRune(body, 0) {
		return fiber.NewError(fiber.StatusUnprocessableEntity, "The draft could not be kept.")
	}
	if err := h.store.SaveDraft(c.UserContext(), v.Viewer.ID, id, strings.TrimSpace(body)); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
