package app

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// groupApprove lets a waiting member into a closed group.
func (h *Handler) groupApprove(c *fiber.Ctx) error { return h.groupDecide(c, true) }

// groupDeny turns a request to join down; the request is removed.
func (h *Handler) groupDeny(c *fiber.Ctx) error { return h.groupDecide(c, false) }

// groupDecide records a leader's or an administrator's decision on one
// request. htmx gets the request's row replaced by the outcome (and the new
// member count); a plain form goes back to the group's page.
func (h *Handler) groupDecide(c *fiber.Ctx, approve bool) error {
	g, viewer, err := h.groupForChange(c)
	if err != nil {
		return err
	}
	userID, err := pathID(c, "userID")
	if err != nil {
		return err
	}
	if !g.CanManage() {
		return models.ErrForbidden
	}
	ctx := c.UserContext()
	err = h.store.DecideRequest(ctx, g.ID, userID, viewer.ID, approve)
	if errors.Is(err, models.ErrNoPendingMember) && isFragmentRequest(c) {
		msg, _ := groupRefusal(err)
		c.Status(fiber.StatusUnprocessableEntity).Vary(hxRequest)
		return write(c, views.GroupRequestOutcome(userID, msg, true, 0))
	}
	if err != nil {
		return h.groupRefused(c, g.ID, viewer.ID, err)
	}
	if !isFragmentRequest(c) {
		return redirect(c, views.GroupPath(g.ID))
	}
	member, err := h.store.User(ctx, userID)
	if err != nil {
		return err
	}
	if g, err = h.store.VisibleGroup(ctx, g.ID, viewer.ID); err != nil {
		return err
	}
	text := "Approved — " + member.Username + " is now a member."
	if !approve {
		text = "Denied — " + member.Username + "'s request was removed."
	}
	c.Vary(hxRequest)
	return write(c, views.GroupRequestOutcome(userID, text, false, g.MemberCount))
}
