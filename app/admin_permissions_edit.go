package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

var errBadPermission = fiber.NewError(fiber.StatusUnprocessableEntity,
	"Choose Yes, No or Never for each permission, and a preset from the list.")

// adminPermissionsShow is the permission matrix of a forum. With ?group=
// it shows that group with the cells and the preset in the query applied,
// unsaved: htmx asks for this when a preset is picked and swaps in the
// group's section alone.
func (h *Handler) adminPermissionsShow(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	v, err := h.permissionsView(c)
	if err != nil {
		return err
	}
	v.Saved = c.Query("saved") == "1"
	groupID := int64(c.QueryInt("group"))
	for i := range v.Groups {
		g := &v.Groups[i]
		if g.Grant.GroupID != groupID {
			continue
		}
		if err := applyPermissionForm(&g.Grant, func(key string) string { return c.Query(key) }); err != nil {
			return err
		}
		g.Preview = true
		if isFragmentRequest(c) {
			c.Vary(hxRequest)
			c.Set(fiber.HeaderCacheControl, "no-store")
			return write(c, views.GroupPermissionsSection(v.Forum.ID, *g))
		}
	}
	return h.renderPermissions(c, v)
}

// adminPermissionsSave saves the whole matrix of a forum in one
// transaction; a preset chosen for a group replaces the cells of its scope.
func (h *Handler) adminPermissionsSave(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	v, err := h.permissionsView(c)
	if err != nil {
		return err
	}
	grants := make([]models.GroupGrant, len(v.Groups))
	for i, g := range v.Groups {
		if err := applyPermissionForm(&g.Grant, func(key string) string { return c.FormValue(key) }); err != nil {
			return err
		}
		grants[i] = g.Grant
	}
	if err := h.store.SetForumGrants(c.UserContext(), v.Forum.ID, grants); err != nil {
		return err
	}
	if !isFragmentRequest(c) {
		return redirect(c, views.PermissionsPath(v.Forum.ID)+"?saved=1#"+views.SettingsStatusID(views.PermissionsFormID))
	}
	if v, err = h.permissionsView(c); err != nil {
		return err
	}
	v.Saved = true
	return h.renderPermissions(c, v)
}

// permissionsView loads the forum in the path and its matrix as saved.
func (h *Handler) permissionsView(c *fiber.Ctx) (views.PermissionsView, error) {
	var v views.PermissionsView
	id, err := pathID(c, "id")
	if err != nil {
		return v, err
	}
	ctx := c.UserContext()
	if v.Forum, err = h.store.Forum(ctx, id); err != nil {
		return v, err
	}
	grants, err := h.store.ForumGrants(ctx, id)
	if err != nil {
		return v, err
	}
	for _, g := range grants {
		v.Groups = append(v.Groups, views.GroupPermissions{Grant: g})
	}
	return v, nil
}

func (h *Handler) renderPermissions(c *fiber.Ctx, v views.PermissionsView) error {
	chrome := h.adminChrome(c, "Permissions: "+v.Forum.Title,
		views.Crumb{Title: "Forums", URL: views.AdminForumsPath}, views.Crumb{Title: "Permissions: " + v.Forum.Title})
	return render(c, views.PermissionsPage(chrome, v), views.PermissionsForm(chrome, v))
}

// applyPermissionForm sets a group's grant from its cells (a cell left
// out keeps its value), then applies its preset, if one was picked, to
// the preset's scope alone.
func applyPermissionForm(g *models.GroupGrant, value func(string) string) error {
	for _, p := range models.Permissions {
		switch value(views.PermissionField(g.GroupID, p)) {
		case "":
		case views.PermYes:
			g.Allow, g.Never = g.Allow|p.Perm, g.Never&^p.Perm
		case views.PermNo:
			g.Allow, g.Never = g.Allow&^p.Perm, g.Never&^p.Perm
		case views.PermNever:
			g.Allow, g.Never = g.Allow&^p.Perm, g.Never|p.Perm
		default:
			return errBadPermission
		}
	}
	key := value(views.RoleField(g.GroupID))
	if key == "" {
		return nil
	}
	role, ok := models.RoleByKey(key)
	if !ok {
		return errBadPermission
	}
	g.Allow = g.Allow&^role.Scope | role.Allow&role.Scope
	g.Never &^= role.Scope
	return nil
}
