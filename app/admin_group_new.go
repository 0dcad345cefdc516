package app

import (
	"errors"
	"regexp"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// adminGroupNewShow is the form for a new group.
func (h *Handler) adminGroupNewShow(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	return h.renderNewGroup(c, views.GroupForm{Kind: views.GroupClosed})
}

// adminGroupNewSubmit creates a group and opens its page, where members
// are added.
func (h *Handler) adminGroupNewSubmit(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	f := readGroupForm(c, false)
	g := groupFromForm(f)
	if !f.Errors.Any() {
		err := h.store.CreateGroup(c.UserContext(), g)
		if !errors.Is(err, models.ErrGroupNameTaken) {
			if err != nil {
				return err
			}
			return redirect(c, views.AdminGroupPath(g.ID))
		}
		f.Errors.Name = "Another group already has that name."
	}
	c.Status(fiber.StatusUnprocessableEntity)
	return h.renderNewGroup(c, f)
}

func (h *Handler) renderNewGroup(c *fiber.Ctx, f views.GroupForm) error {
	chrome := h.adminChrome(c, "New group", views.Crumb{Title: "Groups", URL: views.AdminGroupsPath}, views.Crumb{Title: "New group"})
	return render(c, views.NewGroupPage(chrome, f), views.GroupFormBody(chrome, f))
}

var colourPattern = regexp.MustCompile(`^#[0-9a-f]{6}$`)

// readGroupForm reads and checks the group form; a system group's kind is
// not part of it.
func readGroupForm(c *fiber.Ctx, system bool) views.GroupForm {
	f := views.GroupForm{
		System:      system,
		Name:        strings.TrimSpace(c.FormValue("name")),
		Description: formLines(c, "description"),
		Colour:      strings.ToLower(strings.TrimSpace(c.FormValue("colour"))),
		Kind:        c.FormValue("kind"),
	}
	f.Errors.Name = checkTitle("The name", f.Name, views.MaxGroupName)
	f.Errors.Description = checkText("The description", f.Description, views.MaxGroupDescription, true)
	if f.Colour != "" && !colourPattern.MatchString(f.Colour) {
		f.Errors.Colour = "Enter a colour as # and six hexadecimal digits, such as #1a7f37, or leave it empty."
	}
	switch f.Kind {
	case views.GroupOpen, views.GroupClosed, views.GroupHidden:
	default:
		if !system {
			f.Errors.Kind = "Choose whether the group is open, closed or hidden."
		}
	}
	return f
}

func groupFromForm(f views.GroupForm) *models.Group {
	return &models.Group{
		ID: f.ID, Name: f.Name, Description: f.Description, Colour: f.Colour,
		Open: f.Kind == views.GroupOpen, Hidden: f.Kind == views.GroupHidden,
	}
}
