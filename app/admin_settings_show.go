package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// adminSettingsShow is the board settings form, filled with what is saved;
// after a save, ?saved=1 shows that it was.
func (h *Handler) adminSettingsShow(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	f := views.NewBoardSettingsForm(visitOf(c).Config)
	f.Saved = c.Query("saved") == "1"
	return h.renderBoardSettings(c, f)
}

// renderBoardSettings writes the settings page, or for htmx the form alone.
func (h *Handler) renderBoardSettings(c *fiber.Ctx, f views.BoardSettingsForm) error {
	chrome := h.adminChrome(c, "Board settings", views.Crumb{Title: "Board settings"})
	return render(c, views.BoardSettingsPage(chrome, f), views.BoardSettings(chrome, f))
}
