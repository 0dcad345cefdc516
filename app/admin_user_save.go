package app

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hyperboard/bbcode"
	"hyperboard/models"
	"hyperboard/views"
)

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
