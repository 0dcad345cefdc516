package app

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// adminGroupMemberRemove takes a member out of a group; the administrators
// keep the one asking, and at least one member.
func (h *Handler) adminGroupMemberRemove(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	return h.changeGroupMember(c, func(g *models.AdminGroup, userID int64) error {
		return h.store.RemoveGroupMember(c.UserContext(), g.ID, userID, viewerID(c))
	})
}

// changeGroupMember does one change to one member of the group in the
// path and answers with the group's members, or why the change was refused.
func (h *Handler) changeGroupMember(c *fiber.Ctx, change func(*models.AdminGroup, int64) error) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	g, err := h.adminGroup(c)
	if err != nil {
		return err
	}
	userID, err := pathID(c, "userID")
	if err != nil {
		return err
	}
	err = change(g, userID)
	problem := membershipRefusal(err)
	switch {
	case err != nil && problem == "":
		return err
	case problem == "" && !isFragmentRequest(c):
		return redirect(c, views.AdminGroupPath(g.ID)+"#"+views.AdminGroupMembersID)
	case problem != "":
		c.Status(fiber.StatusConflict)
	}
	if g, err = h.adminGroup(c); err != nil {
		return err
	}
	v, err := h.adminGroupView(c, g, 1)
	if err != nil {
		return err
	}
	v.Error = problem
	return h.renderAdminGroup(c, v, false)
}

// membershipRefusal explains why a change of membership was refused, or
// is "" for success and for errors that are not refusals.
func membershipRefusal(err error) string {
	switch {
	case errors.Is(err, models.ErrOwnAdmin):
		return "You cannot remove yourself from the administrators; another administrator can."
	case errors.Is(err, models.ErrLastAdmin):
		return "The board needs at least one administrator."
	case errors.Is(err, models.ErrBoardMembership):
		return "The board itself decides who is in this group."
	case errors.Is(err, models.ErrLeaderSystemOnly):
		return "The board's own groups have no leaders."
	case errors.Is(err, models.ErrNotInGroup):
		return "That member is no longer in the group."
	}
	return ""
}
