package app

import (
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// registerSubmit creates an account from the registration form, logs the
// new member in and sends them to the board index. Each address may
// register only a few accounts an hour; banned addresses and email
// patterns none.
func (h *Handler) registerSubmit(c *fiber.Ctx) error {
	ctx := c.UserContext()
	if visitOf(c).Viewer != nil {
		return redirect(c, "/")
	}
	form := views.RegisterForm{Name: echo(c.FormValue("username")), Email: echo(c.FormValue("email"))}
	ip := h.clientIP(c)
	wait, err := h.store.Throttled(ctx, models.SignupsPerIP, ip)
	if err != nil {
		return err
	}
	if wait > 0 {
		form.Error = fmt.Sprintf("Too many accounts have been registered from your network. Please wait %s and try again.", waitText(wait))
		retryAfter(c, wait)
		return h.registerForm(c, fiber.StatusTooManyRequests, form)
	}

	name, email, password := checkRegistration(c, &form)
	if form.Error, err = h.banFor(c, 0, email); err != nil {
		return err
	} else if form.Error != "" {
		return h.registerForm(c, fiber.StatusForbidden, form)
	}
	if form.NameError == "" || form.EmailError == "" {
		nameTaken, emailTaken, err := h.store.AccountTaken(ctx, name, email)
		if err != nil {
			return err
		}
		takenErrors(&form, nameTaken, emailTaken)
	}
	if form.NameError != "" || form.EmailError != "" || form.PasswordError != "" || form.ConfirmError != "" {
		return h.registerForm(c, fiber.StatusUnprocessableEntity, form)
	}

	hash, err := models.HashPassword(password, h.password)
	if err != nil {
		return err
	}
	user := &models.User{Username: name, Email: email, PasswordHash: hash}
	if err := h.store.CreateUser(ctx, user); errors.Is(err, models.ErrConflict) {
		// Someone took the name or address since the check above.
		nameTaken, emailTaken, err := h.store.AccountTaken(ctx, name, email)
		if err != nil {
			return err
		}
		takenErrors(&form, nameTaken || !emailTaken, emailTaken)
		return h.registerForm(c, fiber.StatusUnprocessableEntity, form)
	} else if err != nil {
		return err
	}
	if err := h.store.RecordThrottle(ctx, models.SignupsPerIP, ip); err != nil {
		return err
	}
	if old := sessionToken(c); old != "" {
		if err := h.store.DeleteSession(ctx, old); err != nil {
			return err
		}
	}
	token, _, err := h.store.CreateSession(ctx, user.ID, false, ip, c.Get(fiber.HeaderUserAgent))
	if err != nil {
		return err
	}
	h.setSessionCookie(c, token, false)
	return redirect(c, "/")
}

// checkRegistration puts a message on each field that cannot be used and
// returns the name, address and password in the form they are stored; a
// name or address that cannot be used comes back empty, as it may hold
// bytes the database refuses.
func checkRegistration(c *fiber.Ctx, form *views.RegisterForm) (name, email, password string) {
	name, form.NameError = models.CheckUsername(c.FormValue("username"))
	email, form.EmailError = models.CheckEmail(c.FormValue("email"))
	password = c.FormValue("password")
	form.PasswordError = models.CheckNewPassword(password, name)
	if form.PasswordError == "" && c.FormValue("confirm") != password {
		form.ConfirmError = "The two passwords do not match. Please type the same password twice."
	}
	if form.NameError != "" {
		name = ""
	}
	if form.EmailError != "" {
		email = ""
	}
	return name, email, password
}

// takenErrors says which of a name and an address are taken, unless the
// field has a more basic problem already.
func takenErrors(form *views.RegisterForm, nameTaken, emailTaken bool) {
	if nameTaken && form.NameError == "" {
		form.NameError = "That username is already taken."
	}
	if emailTaken && form.EmailError == "" {
		form.EmailError = "That email address already belongs to an account. You can log in with it instead."
	}
}
