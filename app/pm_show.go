package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// pmShow is one private message, for its sender and its recipients only;
// anyone else is told it does not exist. Opening it marks it read.
func (h *Handler) pmShow(c *fiber.Ctx) error {
	viewer, err := pmMember(c)
	if viewer == nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	m, err := h.store.PM(ctx, id, viewer.ID)
	if err != nil {
		return err
	}
	if m.Unread {
		if err := h.store.MarkPMRead(ctx, id, viewer.ID); err != nil {
			return err
		}
		// The visit counted this message before it was read.
		v := visitOf(c)
		v.UnreadMessages = max(0, v.UnreadMessages-1)
	}
	v := views.PMView{Message: m, Own: m.SenderID == viewer.ID}
	if !v.Own {
		if v.Blocked, err = h.store.PMBlocked(ctx, viewer.ID, m.SenderID); err != nil {
			return err
		}
	}
	chrome := h.chrome(c, m.Subject, views.Crumb{Title: "Private messages", URL: "/pm"}, views.Crumb{Title: m.Subject})
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return render(c, views.PMShowPage(chrome, v), nil)
}
