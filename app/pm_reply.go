package app

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"hyperboard/bbcode"
	"hyperboard/models"
	"hyperboard/views"
)

// pmReplyShow is the form for an answer in a conversation: addressed to
// the sender (or, for the sender, to the same recipients again), with
// "Re:" on the subject and, with ?quote=1, the message quoted.
func (h *Handler) pmReplyShow(c *fiber.Ctx) error {
	viewer, err := pmMember(c)
	if viewer == nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	m, err := h.store.PM(c.UserContext(), id, viewer.ID)
	if err != nil {
		return err
	}
	form := views.PMForm{To: m.SenderName, Subject: m.Subject, ReplyToID: m.ID, Key: models.NewToken()}
	if m.SenderID == viewer.ID {
		names := make([]string, len(m.Recipients))
		for i, r := range m.Recipients {
			names[i] = r.Name
		}
		form.To = strings.Join(names, ", ")
	}
	if !strings.HasPrefix(form.Subject, "Re: ") {
		form.Subject = "Re: " + form.Subject
	}
	if c.Query("quote") != "" {
		form.Message = bbcode.Quote(m.SenderName, 0, m.Body) + "\n\n"
	}
	return h.pmAnswer(c, fiber.StatusOK, form)
}
