package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// adminUserGroupAdd puts an account into a group, system groups such as
// the moderators and administrators included.
func (h *Handler) adminUserGroupAdd(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	return h.changeUserGroups(c, formID(c, "group"), func(userID, groupID int64) (string, error) {
		return "Added to the group.", h.store.AddGroupMember(c.UserContext(), groupID, userID)
	})
}

// changeUserGroups does one change to an account's groups and answers
// with its groups, or why the change was refused.
func (h *Handler) changeUserGroups(c *fiber.Ctx, groupID int64, change func(userID, groupID int64) (string, error)) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	u, err := h.adminAccount(c)
	if err != nil {
		return err
	}
	notice, err := change(u.ID, groupID)
	problem := membershipRefusal(err)
	switch {
	case err != nil && problem == "":
		return err
	case problem == "" && !isFragmentRequest(c):
		return redirect(c, views.AdminUserPath(u.ID)+"#"+views.AccountGroupsID)
	case problem != "":
		c.Status(fiber.StatusConflict)
		notice = ""
	}
	v, err := h.adminUserView(c, u)
	if err != nil {
		return err
	}
	v.GroupNotice, v.GroupError = notice, problem
	return h.renderAdminUser(c, v, views.AccountGroupsID)
}
