package app

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// groupJoin puts the viewer into an open group at once, or leaves a
// request with the leaders of a closed one.
func (h *Handler) groupJoin(c *fiber.Ctx) error {
	g, viewer, err := h.groupForChange(c)
	if err != nil {
		return err
	}
	m, err := h.store.JoinGroup(c.UserContext(), g.ID, viewer.ID)
	if err != nil {
		return h.groupRefused(c, g.ID, viewer.ID, err)
	}
	notice := "Welcome: you are now a member of " + g.Name + "."
	if m == models.PendingMember {
		notice = "Your request to join has been sent to the group's leaders."
	}
	return h.groupChanged(c, g.ID, viewer.ID, notice)
}

// groupForChange finds the group a change of membership is about, as the
// viewer sees it. Guests change nothing: the page offers them a login.
func (h *Handler) groupForChange(c *fiber.Ctx) (*models.ViewedGroup, *models.User, error) {
	viewer := visitOf(c).Viewer
	if viewer == nil {
		return nil, nil, fiber.NewError(fiber.StatusForbidden, "Log in to join or leave groups.")
	}
	id, err := pathID(c, "id")
	if err != nil {
		return nil, nil, err
	}
	g, err := h.store.VisibleGroup(c.UserContext(), id, viewer.ID)
	return g, viewer, err
}

// groupChanged answers a change that went through: htmx gets the group's
// region with a notice, a plain form goes back to the group's page. Whoever
// left a hidden group can no longer see it and goes to the list instead.
func (h *Handler) groupChanged(c *fiber.Ctx, groupID, viewerID int64, notice string) error {
	ctx := c.UserContext()
	g, err := h.store.VisibleGroup(ctx, groupID, viewerID)
	if errors.Is(err, models.ErrNotFound) {
		return redirect(c, "/groups")
	}
	if err != nil {
		return err
	}
	if !isFragmentRequest(c) {
		return redirect(c, views.GroupPath(groupID))
	}
	v, err := h.groupView(ctx, g, 1)
	if err != nil {
		return err
	}
	v.Notice = notice
	return h.renderGroup(c, v)
}

// groupRefused explains a change the rules do not allow. A system group is
// a 403; otherwise the group's page (or region) comes back as it now is,
// with the reason beside the buttons and status 422.
func (h *Handler) groupRefused(c *fiber.Ctx, groupID, viewerID int64, err error) error {
	msg, ok := groupRefusal(err)
	if !ok {
		return err
	}
	if errors.Is(err, models.ErrForbidden) {
		return fiber.NewError(fiber.StatusForbidden, msg)
	}
	ctx := c.UserContext()
	g, err := h.store.VisibleGroup(ctx, groupID, viewerID)
	if err != nil {
		return err
	}
	v, err := h.groupView(ctx, g, 1)
	if err != nil {
		return err
	}
	v.Error = msg
	c.Status(fiber.StatusUnprocessableEntity)
	return h.renderGroup(c, v)
}

// groupRefusal is the reason, in the viewer's words, for a refused change.
func groupRefusal(err error) (string, bool) {
	for _, r := range []struct {
		err error
		msg string
	}{
		{models.ErrSystemGroup, "Membership of system groups is managed by the board."},
		{models.ErrAlreadyInGroup, "You are already a member of this group."},
		{models.ErrAlreadyPending, "Your request to join this group is already waiting for a leader."},
		{models.ErrNotInGroup, "You are not a member of this group."},
		{models.ErrNoPendingMember, "This member has no request waiting; it may have been decided already."},
	} {
		if errors.Is(err, r.err) {
			return r.msg, true
		}
	}
	return "", false
}
