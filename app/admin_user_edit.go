package app

import (
	"errors"
	"strings"

	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"

	"hyperboard/bbcode"
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

// adminUserSave saves an account's profile fields, with the checks members
// meet when they choose them.
func (h *Handler) adminUserSave(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	ctx := c.UserContext()
	u, err := h.adminAccount(c)
	if err != nil {
		return err
	}
	v, err := h.adminUserView(c, u)
	if err != nil {
		return err
	}
	f := views.AccountForm{
		Username: echo(c.FormValue("username")), Email: echo(c.FormValue("email")),
		Location: strings.TrimSpace(c.FormValue("location")), Website: strings.TrimSpace(c.FormValue("website")),
		Signature: formLines(c, "signature"), RankID: formID(c, "rank"),
	}
	name, email := checkAccount(&f, v.Ranks)
	if f.Errors.Username == "" || f.Errors.Email == "" {
		nameTaken, emailTaken, err := h.store.NameOrEmailTaken(ctx, u.ID, name, email)
		if err != nil {
			return err
		}
		accountTaken(&f, nameTaken, emailTaken)
	}
	if !f.Errors.Any() {
		err := h.store.UpdateAccount(ctx, u.ID, models.AccountFields{
			Username: name, Email: email, Signature: f.Signature, SignatureHTML: bbcode.Cook(f.Signature),
			Location: f.Location, Website: f.Website, RankID: f.RankID,
		})
		switch {
		case errors.Is(err, models.ErrConflict):
			accountTaken(&f, true, true) // taken since the check; say both may be
		case err != nil:
			return err
		default:
			return redirect(c, views.AdminUserPath(u.ID)+"?saved=1#"+views.SettingsStatusID(views.AccountFormID))
		}
	}
	v.Form = f
	c.Status(fiber.StatusUnprocessableEntity)
	return h.renderAdminUser(c, v, views.AccountFormID)
}

// checkAccount puts a message on each field that cannot be saved and
// returns the name and address as they are stored.
func checkAccount(f *views.AccountForm, ranks []models.Rank) (name, email string) {
	name, f.Errors.Username = models.CheckUsername(f.Username)
	if plainText(f.Email, false) {
		email, f.Errors.Email = models.CheckEmail(f.Email)
	} else {
		f.Errors.Email = "Enter an email address such as name@example.org."
	}
	f.Errors.Location = checkText("The location", f.Location, models.MaxLocationLength, false)
	f.Errors.Website = checkWebsite(f.Website)
	f.Errors.Signature = checkText("The signature", f.Signature, models.MaxSignatureLength, true)
	known := f.RankID == 0
	for _, r := range ranks {
		known = known || r.ID == f.RankID
	}
	if !known {
		f.Errors.Rank = "Choose a rank from the list."
	}
	return name, email
}

func accountTaken(f *views.AccountForm, nameTaken, emailTaken bool) {
	if nameTaken && f.Errors.Username == "" {
		f.Errors.Username = "Another account already has that name."
	}
	if emailTaken && f.Errors.Email == "" {
		f.Errors.Email = "Another account already uses that email address."
	}
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
