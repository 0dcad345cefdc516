package app

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// maxNamesAdded bounds one "Add members".
const maxNamesAdded = 50

// adminGroupMembersAdd puts the named members into a group at once, as
// members or leaders. Names that match nobody come back in the field to
// be corrected, beside a note of those that were added.
func (h *Handler) adminGroupMembersAdd(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	g, err := h.adminGroup(c)
	if err != nil {
		return err
	}
	names := models.SplitNames(strings.ToValidUTF8(strings.ReplaceAll(c.FormValue("names"), "\x00", ""), ""))
	leaders := c.FormValue("leaders") == "1"
	var added models.AddedMembers
	var problem string
	switch {
	case len(names) == 0:
		problem = "Type the username of at least one member."
	case len(names) > maxNamesAdded:
		problem = "Add at most 50 members at a time."
	default:
		added, err = h.store.AddGroupMembers(c.UserContext(), g.ID, names, leaders)
		switch {
		case errors.Is(err, models.ErrBoardMembership), errors.Is(err, models.ErrLeaderSystemOnly):
			problem = "Members cannot be added to this group that way."
		case err != nil:
			return err
		case len(added.Unknown) > 0:
			problem = "No member is called " + joinQuoted(added.Unknown) + ". Check the spelling."
		}
	}
	if problem == "" && !isFragmentRequest(c) {
		return redirect(c, views.AdminGroupPath(g.ID)+"#"+views.AdminGroupMembersID)
	}
	if g, err = h.adminGroup(c); err != nil {
		return err
	}
	v, err := h.adminGroupView(c, g, 1)
	if err != nil {
		return err
	}
	v.Notice = addedNotice(added)
	if problem != "" {
		v.AddError, v.AddNames, v.AddLeaders = problem, strings.Join(added.Unknown, ", "), leaders
		if len(added.Unknown) == 0 {
			v.AddNames = c.FormValue("names")
		}
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return h.renderAdminGroup(c, v, false)
}

func addedNotice(a models.AddedMembers) string {
	var parts []string
	if len(a.Added) > 0 {
		parts = append(parts, "Added "+strings.Join(a.Added, ", ")+".")
	}
	if len(a.Already) > 0 {
		parts = append(parts, strings.Join(a.Already, ", ")+" already belonged to the group.")
	}
	return strings.Join(parts, " ")
}

func joinQuoted(names []string) string {
	return "“" + strings.Join(names, "”, “") + "”"
}
