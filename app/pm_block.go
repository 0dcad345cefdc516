package app

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// pmBlock makes the member refuse private messages from another member
// (block=1) or accept them again (block=0), then returns to the page named
// in return, if it is one of ours.
func (h *Handler) pmBlock(c *fiber.Ctx) error {
	viewer, err := pmMember(c)
	if viewer == nil {
		return err
	}
	other, err := strconv.ParseInt(c.FormValue("user"), 10, 64)
	if err != nil || other <= 0 || other == viewer.ID {
		return fiber.NewError(fiber.StatusUnprocessableEntity, "Choose another member to block.")
	}
	if _, err := h.store.User(c.UserContext(), other); err != nil {
		return err
	}
	if err := h.store.BlockPMs(c.UserContext(), viewer.ID, other, c.FormValue("block") == "1"); err != nil {
		return err
	}
	back := c.FormValue("return")
	// Only a local path: "//host" would leave the board.
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") || strings.HasPrefix(back, "/\\") {
		back = "/pm"
	}
	return redirect(c, back)
}
