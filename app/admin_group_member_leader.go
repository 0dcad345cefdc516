package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
)

// adminGroupMemberLeader makes a member of a user-made group a leader
// (leader=1) or an ordinary member again (leader=0).
func (h *Handler) adminGroupMemberLeader(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	return h.changeGroupMember(c, func(g *models.AdminGroup, userID int64) error {
		return h.store.SetGroupLeader(c.UserContext(), g.ID, userID, c.FormValue("leader") == "1")
	})
}
