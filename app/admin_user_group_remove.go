package app

import "github.com/gofiber/fiber/v2"

// adminUserGroupRemove takes an account out of a group. Administrators
// cannot take themselves out of the administrators, and the board keeps
// at least one.
func (h *Handler) adminUserGroupRemove(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	groupID, err := pathID(c, "groupID")
	if err != nil {
		return err
	}
	return h.changeUserGroups(c, groupID, func(userID, groupID int64) (string, error) {
		return "Removed from the group.", h.store.RemoveGroupMember(c.UserContext(), groupID, userID, viewerID(c))
	})
}
