package app

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// adminGroupMembersPerPage is the length of a page of a group's members.
const adminGroupMembersPerPage = 50

// adminGroupShow is a group's page in the panel: its settings and its
// members, a page at a time (htmx pages through the members alone).
func (h *Handler) adminGroupShow(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	g, err := h.adminGroup(c)
	if err != nil {
		return err
	}
	page, _ := pageNumber(c)
	v, err := h.adminGroupView(c, g, page)
	if err != nil {
		return err
	}
	v.Form.Saved = c.Query("saved") == "1"
	return h.renderAdminGroup(c, v, false)
}

// adminGroupSave saves a group's settings.
func (h *Handler) adminGroupSave(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	g, err := h.adminGroup(c)
	if err != nil {
		return err
	}
	f := readGroupForm(c, g.SystemKey != "")
	f.ID = g.ID
	if !f.Errors.Any() {
		err := h.store.UpdateGroup(c.UserContext(), groupFromForm(f))
		if !errors.Is(err, models.ErrGroupNameTaken) {
			if err != nil {
				return err
			}
			return redirect(c, views.AdminGroupPath(g.ID)+"?saved=1#"+views.SettingsStatusID(views.GroupFormID))
		}
		f.Errors.Name = "Another group already has that name."
	}
	v, err := h.adminGroupView(c, g, 1)
	if err != nil {
		return err
	}
	v.Form = f
	c.Status(fiber.StatusUnprocessableEntity)
	return h.renderAdminGroup(c, v, true)
}

// adminGroup loads the group in the path.
func (h *Handler) adminGroup(c *fiber.Ctx) (*models.AdminGroup, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	return h.store.AdminGroup(c.UserContext(), id)
}

// adminGroupView loads a group's page: its settings form as saved, its
// leaders and one page of its other members.
func (h *Handler) adminGroupView(c *fiber.Ctx, g *models.AdminGroup, page int) (views.AdminGroupView, error) {
	ctx := c.UserContext()
	v := views.AdminGroupView{Group: &g.Group, Count: g.MemberCount, Form: views.GroupForm{
		ID: g.ID, System: g.SystemKey != "", Name: g.Name, Description: g.Description, Colour: g.Colour, Kind: views.GroupKindOf(&g.Group),
	}}
	if g.BoardManaged() {
		return v, nil
	}
	var err error
	if v.Leaders, err = h.store.GroupLeaders(ctx, g.ID); err != nil {
		return v, err
	}
	v.Pager = views.Pager{Path: views.AdminGroupPath(g.ID), Page: page, Pages: pageCount(v.Count-len(v.Leaders), adminGroupMembersPerPage)}
	v.Pager.Page = min(page, v.Pager.Pages)
	v.Members, err = h.store.GroupMembers(ctx, g.ID, v.Pager.Page, adminGroupMembersPerPage)
	return v, err
}

// renderAdminGroup writes a group's page, or for htmx the part that
// changed: the settings form or the members.
func (h *Handler) renderAdminGroup(c *fiber.Ctx, v views.AdminGroupView, settings bool) error {
	title := v.Group.Name
	if v.Pager.Page > 1 {
		title += " - Page " + strconv.Itoa(v.Pager.Page)
	}
	chrome := h.adminChrome(c, title, views.Crumb{Title: "Groups", URL: views.AdminGroupsPath}, views.Crumb{Title: v.Group.Name})
	fragment := views.AdminGroupMembers(chrome, v)
	if settings {
		fragment = views.GroupFormBody(chrome, v.Form)
	}
	return render(c, views.AdminGroupPage(chrome, v), fragment)
}
