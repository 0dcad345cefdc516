package app

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// errBadLogin is the one answer for an unknown name and a wrong password,
// so the form does not tell which accounts exist.
const errBadLogin = "The username or password is incorrect."

// loginShow is the login form; a member who is logged in already goes on.
func (h *Handler) loginShow(c *fiber.Ctx) error {
	ret := safeReturn(c.Query("return"))
	if visitOf(c).Viewer != nil {
		return redirect(c, ret)
	}
	return render(c, views.LoginPage(h.guestFormChrome(c, "Log in"), views.LoginForm{Return: ret}), nil)
}

// loginSubmit checks the throttles, then the password, and on success
// starts a new session with a new token.
func (h *Handler) loginSubmit(c *fiber.Ctx) error {
	ctx := c.UserContext()
	form := views.LoginForm{
		Name:     strings.TrimSpace(c.FormValue("username")),
		Remember: c.FormValue("remember") != "",
		Return:   safeReturn(c.FormValue("return")),
	}
	password := c.FormValue("password")
	if unstorable(c, "username") {
		// No account has such a name; PostgreSQL could not even look it up.
		form.Error = errBadLogin
		c.Status(fiber.StatusUnprocessableEntity)
		return render(c, views.LoginPage(h.chrome(c, "Log in"), form), nil)
	}
	ip := h.clientIP(c)
	account := models.UsernameKey(form.Name)

	// An account's failed logins lock it for the address they came from, so
	// that someone failing on purpose cannot lock its owner out (the owner
	// logs in from elsewhere); the wider limit stops guessing spread over
	// many addresses.
	limits := []struct {
		rule models.ThrottleRule
		key  string
		what string
	}{
		{models.LoginsPerIP, ip, "from your network"},
		{models.LoginsPerAccount, account + "|" + ip, "for this account"},
		{models.LoginsPerAccountAnywhere, account, "for this account"},
	}
	for _, limit := range limits {
		wait, err := h.store.Throttled(ctx, limit.rule, limit.key)
		if err != nil {
			return err
		}
		if wait > 0 {
			form.Error = fmt.Sprintf("Too many failed logins %s. Please wait %s and try again.", limit.what, waitText(wait))
			retryAfter(c, wait)
			c.Status(fiber.StatusTooManyRequests)
			return render(c, views.LoginPage(h.guestFormChrome(c, "Log in"), form), nil)
		}
	}

	// A banned address learns so before any password is tried; a banned
	// account only once its password is right, so that nobody can find
	// out who is banned.
	var err error
	if form.Error, err = h.banFor(c, 0, ""); form.Error != "" || err != nil {
		return h.loginRefused(c, err, form)
	}

	user, err := h.store.UserForLogin(ctx, form.Name)
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return err
	}
	if !h.passwordMatches(user, password) {
		for _, limit := range limits {
			if err := h.store.RecordThrottle(ctx, limit.rule, limit.key); err != nil {
				return err
			}
		}
		form.Error = errBadLogin
		c.Status(fiber.StatusUnprocessableEntity)
		return render(c, views.LoginPage(h.guestFormChrome(c, "Log in"), form), nil)
	}

	if form.Error, err = h.banFor(c, user.ID, ""); form.Error != "" || err != nil {
		return h.loginRefused(c, err, form)
	}

	if err := h.store.ClearThrottle(ctx, models.LoginsPerAccount, account+"|"+ip); err != nil {
		return err
	}
	if models.NeedsRehash(user.PasswordHash, h.password) {
		if hash, err := models.HashPassword(password, h.password); err == nil {
			if err := h.store.SetPasswordHash(ctx, user.ID, hash); err != nil {
				return err
			}
		}
	}
	// Whatever session this browser had ends; the new one has a new token.
	if old := sessionToken(c); old != "" {
		if err := h.store.DeleteSession(ctx, old); err != nil {
			return err
		}
	}
	token, _, err := h.store.CreateSession(ctx, user.ID, form.Remember, ip, c.Get(fiber.HeaderUserAgent))
	if err != nil {
		return err
	}
	h.setSessionCookie(c, token, form.Remember)
	return redirect(c, form.Return)
}

// loginRefused answers a login that a ban refuses, with its reason.
func (h *Handler) loginRefused(c *fiber.Ctx, err error, form views.LoginForm) error {
	if err != nil {
		return err
	}
	c.Status(fiber.StatusForbidden)
	return render(c, views.LoginPage(h.guestFormChrome(c, "Log in"), form), nil)
}

// dummyHashes hold, per cost, a hash checked against when the account does
// not exist, so that an unknown name takes as long to refuse as a wrong
// password. The cost must be the board's own: accounts are hashed (and
// upgraded) at that cost, whatever HYPERBOARD_ARGON2 says.
var dummyHashes sync.Map

func (h *Handler) dummyHash() string {
	if hash, ok := dummyHashes.Load(h.password); ok {
		return hash.(string)
	}
	hash, _ := models.HashPassword("not a password", h.password)
	actual, _ := dummyHashes.LoadOrStore(h.password, hash)
	return actual.(string)
}

func (h *Handler) passwordMatches(user *models.User, password string) bool {
	if user == nil || user.PasswordHash == "" {
		models.CheckPassword(password, h.dummyHash())
		return false
	}
	ok, err := models.CheckPassword(password, user.PasswordHash)
	return err == nil && ok
}

// safeReturn keeps a return address only if it is a path on this site, so
// the login form cannot be used to send people elsewhere.
func safeReturn(ret string) string {
	if !strings.HasPrefix(ret, "/") || strings.HasPrefix(ret, "//") || strings.HasPrefix(ret, "/\\") ||
		strings.ContainsAny(ret, "\r\n\t") || strings.HasPrefix(ret, "/login") {
		return "/"
	}
	return ret
}

func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
