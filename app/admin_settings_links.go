package app

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// adminSettingsLinks adds, moves or removes a header link row of the
// settings form and gives the form back unsaved: htmx gets the rows alone,
// a browser without JavaScript the whole page with everything typed kept.
func (h *Handler) adminSettingsLinks(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	f := readBoardSettings(c)
	f.Links = rearrangeLinks(f.Links, c.FormValue("link_action"))
	f.Rearranged = true
	chrome := h.adminChrome(c, "Board settings", views.Crumb{Title: "Board settings"})
	return render(c, views.BoardSettingsPage(chrome, f), views.HeaderLinks(f))
}

// rearrangeLinks applies "add", or "up:n", "down:n", "remove:n" for row n;
// anything else leaves the rows as they are.
func rearrangeLinks(rows []views.HeaderLinkRow, action string) []views.HeaderLinkRow {
	if action == views.LinkAdd {
		if len(rows) < views.MaxLinkRows {
			rows = append(rows, views.HeaderLinkRow{})
		}
		return rows
	}
	verb, num, _ := strings.Cut(action, ":")
	i, err := strconv.Atoi(num)
	if err != nil || i < 0 || i >= len(rows) {
		return rows
	}
	switch verb {
	case views.LinkUp:
		if i > 0 {
			rows[i-1], rows[i] = rows[i], rows[i-1]
		}
	case views.LinkDown:
		if i < len(rows)-1 {
			rows[i], rows[i+1] = rows[i+1], rows[i]
		}
	case views.LinkRemove:
		rows = append(rows[:i], rows[i+1:]...)
	}
	return rows
}
