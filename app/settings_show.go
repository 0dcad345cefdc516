package app

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// settingsShow is the member's settings page; a guest is sent to log in
// first. After a save without JavaScript, ?saved= names the form that
// shows its success message; ?zones= offers the whole list of timezones.
func (h *Handler) settingsShow(c *fiber.Ctx) error {
	if visitOf(c).Viewer == nil {
		return redirect(c, "/login?return=/settings")
	}
	user, err := h.settingsUser(c)
	if err != nil {
		return err
	}
	v := settingsView(c, user)
	v.Preferences.AllZones = c.Query("zones") != ""
	switch c.Query("saved") {
	case "preferences":
		v.Preferences.Saved = true
	case "email":
		v.Email.Saved = true
	case "password":
		v.Password.Saved = true
	}
	return render(c, views.SettingsPage(h.settingsChrome(c), v), nil)
}

// settingsUser is the whole account of the member asking; guests have no
// settings to change.
func (h *Handler) settingsUser(c *fiber.Ctx) (*models.User, error) {
	viewer := visitOf(c).Viewer
	if viewer == nil {
		return nil, models.ErrForbidden
	}
	return h.store.User(c.UserContext(), viewer.ID)
}

// settingsChrome is the frame of the settings page. The page shows the
// member's email address, so no cache may keep it.
func (h *Handler) settingsChrome(c *fiber.Ctx) views.Chrome {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return h.chrome(c, "Settings", views.Crumb{Title: "Settings"})
}

// settingsView fills every settings form with what the member has saved.
func settingsView(c *fiber.Ctx, u *models.User) views.SettingsView {
	zone := u.Timezone
	if zone == "" {
		zone = visitOf(c).Config.DefaultTimezone
	}
	return views.SettingsView{
		Preferences: views.PreferencesForm{
			Timezone: zone, DateFormat: u.DateFormat,
			Location: u.Location, Website: u.Website, Signature: u.Signature,
		},
		Email: views.EmailForm{Email: u.Email},
	}
}

// currentPasswordError says why the password typed as the member's
// current one is refused, or "" when it is right. Wrong guesses count
// against the account's login throttle, so a session left open on a shared
// computer cannot be used to find the password by trying.
func (h *Handler) currentPasswordError(c *fiber.Ctx, u *models.User, password string) (string, error) {
	ctx := c.UserContext()
	key := models.UsernameKey(u.Username)
	wait, err := h.store.Throttled(ctx, models.LoginsPerAccount, key)
	if err != nil {
		return "", err
	}
	switch {
	case wait > 0:
		return fmt.Sprintf("Too many wrong passwords for this account. Please wait %s and try again.", waitText(wait)), nil
	case password == "":
		return "Enter your current password.", nil
	case !h.passwordMatches(u, password):
		return "That is not your current password.", h.store.RecordThrottle(ctx, models.LoginsPerAccount, key)
	}
	return "", h.store.ClearThrottle(ctx, models.LoginsPerAccount, key)
}

// plainText reports whether s can be stored and shown as text: valid UTF-8
// (PostgreSQL refuses anything else, and NUL) with no control characters
// but, where allowed, line breaks and tabs.
func plainText(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t')) {
			return false
		}
	}
	return true
}
