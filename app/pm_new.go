package app

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hyperboard/bbcode"
	"hyperboard/models"
	"hyperboard/views"
)

// pmNewShow is the empty form, addressed to ?to= when the writer came from
// an author panel or a profile.
func (h *Handler) pmNewShow(c *fiber.Ctx) error {
	if viewer, err := pmMember(c); viewer == nil {
		return err
	}
	form := views.PMForm{To: strings.ToValidUTF8(c.Query("to"), "\uFFFD"), Key: models.NewToken()}
	return h.pmAnswer(c, fiber.StatusOK, form)
}

// pmNewSubmit previews or sends a message. Whatever is refused comes back
// with the writer's text and the reason, as 422 (429 for the hourly limit).
func (h *Handler) pmNewSubmit(c *fiber.Ctx) error {
	viewer, err := pmMember(c)
	if viewer == nil {
		return err
	}
	form := views.PMForm{
		To:      strings.ToValidUTF8(c.FormValue("to"), "\uFFFD"),
		Subject: strings.ToValidUTF8(c.FormValue("subject"), "\uFFFD"),
		Message: strings.ToValidUTF8(c.FormValue("message"), "\uFFFD"),
		Key:     strings.ToValidUTF8(c.FormValue("key"), ""),
	}
	if len(form.Key) > 100 {
		form.Key = "" // not one of ours; the message is simply not deduplicated
	}
	if raw := c.FormValue("reply_to"); raw != "" {
		if form.ReplyToID, err = strconv.ParseInt(raw, 10, 64); err != nil || form.ReplyToID <= 0 {
			return models.ErrNotFound
		}
	}
	if form.Error, err = h.writeBan(c); err != nil {
		return err
	} else if form.Error != "" {
		return h.pmAnswer(c, fiber.StatusUnprocessableEntity, form)
	}
	if unstorable(c, "to", "subject", "message") {
		form.Error = unstorableText
		return h.pmAnswer(c, fiber.StatusUnprocessableEntity, form)
	}
	if !validatePM(&form) {
		return h.pmAnswer(c, fiber.StatusUnprocessableEntity, form)
	}
	body := strings.TrimSpace(form.Message)
	if c.FormValue("preview") != "" {
		form.PreviewHTML = bbcode.Cook(body)
		return h.pmAnswer(c, fiber.StatusOK, form)
	}
	id, err := h.store.SendPM(c.UserContext(), models.NewPM{
		SenderID: viewer.ID, To: []string{form.To}, Subject: strings.TrimSpace(form.Subject),
		Body: body, BodyHTML: bbcode.Cook(body), ReplyToID: form.ReplyToID, Key: form.Key, Limits: pmLimits,
	})
	var refusal *models.PMRefusal
	if errors.As(err, &refusal) {
		form.Error = refusal.Reason
		if refusal.Wait > 0 {
			retryAfter(c, refusal.Wait)
			return h.pmAnswer(c, fiber.StatusTooManyRequests, form)
		}
		return h.pmAnswer(c, fiber.StatusUnprocessableEntity, form)
	}
	if err != nil {
		return err
	}
	return redirect(c, views.PMPath(id))
}

// validatePM checks the fields with the rules posts follow, plus a
// required subject and at least one recipient.
func validatePM(f *views.PMForm) bool {
	post := views.PostForm{NewTopic: true, Subject: f.Subject, Message: f.Message}
	validate(&post)
	f.SubjectError, f.MessageError = post.SubjectError, post.MessageError
	if strings.TrimSpace(f.Subject) == "" {
		f.SubjectError = "Give your message a subject."
	}
	switch {
	case strings.Trim(f.To, ", ") == "":
		f.ToError = "Name at least one member to send it to."
	case len(f.To) > 1000:
		f.ToError = "That list of names is too long."
	}
	return f.ToError == "" && f.SubjectError == "" && f.MessageError == ""
}

// pmAnswer sends the form back: alone to htmx, on its page to others.
func (h *Handler) pmAnswer(c *fiber.Ctx, status int, form views.PMForm) error {
	c.Status(status)
	title := "New private message"
	if form.ReplyToID != 0 {
		title = "Reply to a private message"
	}
	chrome := h.chrome(c, title, views.Crumb{Title: "Private messages", URL: "/pm"}, views.Crumb{Title: title})
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return render(c, views.PMComposePage(chrome, form), views.PMEditor(chrome, form))
}
