package app

import (
	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// adminUserShow is one account in the panel: its profile fields, groups,
// and the ways to ban or delete it.
func (h *Handler) adminUserShow(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	u, err := h.adminAccount(c)
	if err != nil {
		return err
	}
	v, err := h.adminUserView(c, u)
	if err != nil {
		return err
	}
	v.Form.Saved = c.Query("saved") == "1"
	return h.renderAdminUser(c, v, "")
}

// adminAccount loads the account in the path; a deleted one is gone.
func (h *Handler) adminAccount(c *fiber.Ctx) (*models.User, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	u, err := h.store.User(c.UserContext(), id)
	if err == nil && u.Deleted() {
		return nil, models.ErrNotFound
	}
	return u, err
}

// adminUserView loads what an account's page shows around its form.
func (h *Handler) adminUserView(c *fiber.Ctx, u *models.User) (views.AdminUserView, error) {
	ctx := c.UserContext()
	v := views.AdminUserView{User: u, Own: u.ID == viewerID(c), Form: views.AccountForm{
		Username: u.Username, Email: u.Email, Signature: u.Signature, Location: u.Location, Website: u.Website, RankID: u.RankID,
	}}
	var err error
	if v.Ranks, err = h.store.SpecialRanks(ctx); err != nil {
		return v, err
	}
	if v.Groups, err = h.store.UserGroups(ctx, u.ID); err != nil {
		return v, err
	}
	groups, err := h.store.AdminGroups(ctx)
	if err != nil {
		return v, err
	}
	in := map[int64]bool{}
	for _, g := range v.Groups {
		in[g.ID] = !g.Pending
	}
	for _, g := range groups {
		if !in[g.ID] && !g.BoardManaged() {
			v.Addable = append(v.Addable, g)
		}
	}
	return v, nil
}

// renderAdminUser writes an account's page, or for htmx the part that
// changed: the form (views.AccountFormID) or the groups
// (views.AccountGroupsID).
func (h *Handler) renderAdminUser(c *fiber.Ctx, v views.AdminUserView, part string) error {
	chrome := h.adminChrome(c, v.User.Username, views.Crumb{Title: "Users", URL: views.AdminUsersPath}, views.Crumb{Title: v.User.Username})
	var fragment templ.Component
	switch part {
	case views.AccountFormID:
		fragment = views.AccountFormBody(chrome, v.User.ID, v.Form, v.Ranks)
	case views.AccountGroupsID:
		fragment = views.AccountGroups(chrome, v)
	}
	return render(c, views.AdminUserPage(chrome, v), fragment)
}
