package app

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hyperboard/bbcode"
	"hyperboard/models"
	"hyperboard/views"
)

// settingsPreferences saves the timezone, date format, location, website
// and signature together, or none of them.
func (h *Handler) settingsPreferences(c *fiber.Ctx) error {
	user, err := h.settingsUser(c)
	if err != nil {
		return err
	}
	f := views.PreferencesForm{
		Timezone:   c.FormValue("timezone"),
		DateFormat: c.FormValue("date_format"),
		Location:   strings.TrimSpace(c.FormValue("location")),
		Website:    strings.TrimSpace(c.FormValue("website")),
		// Browsers send a textarea's line breaks as CRLF; one break is one character.
		Signature: strings.TrimSpace(strings.ReplaceAll(c.FormValue("signature"), "\r\n", "\n")),
	}
	f.Errors = checkPreferences(f)
	if !f.Errors.Any() {
		err := h.store.UpdatePreferences(c.UserContext(), user.ID, models.Preferences{
			Timezone: f.Timezone, DateFormat: f.DateFormat, Location: f.Location,
			Website: f.Website, Signature: f.Signature, SignatureHTML: bbcode.Cook(f.Signature),
		})
		if err != nil {
			return err
		}
		if !isFragmentRequest(c) {
			return redirect(c, "/settings?saved=preferences#"+views.SettingsStatusID(views.PreferencesFormID))
		}
		// The answer already shows times in the zone and format just chosen.
		viewer := visitOf(c).Viewer
		viewer.Timezone, viewer.DateFormat = f.Timezone, f.DateFormat
		f.Saved = true
	} else {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	v := settingsView(c, user)
	v.Preferences = f
	chrome := h.settingsChrome(c)
	return render(c, views.SettingsPage(chrome, v), views.PreferencesFragment(chrome, f))
}

// checkPreferences returns a message for each field that cannot be saved.
func checkPreferences(f views.PreferencesForm) views.PreferencesErrors {
	var e views.PreferencesErrors
	if !views.IsTimezone(f.Timezone) {
		e.Timezone = "Choose a timezone from the list."
	}
	if _, ok := views.DateFormatByKey(f.DateFormat); !ok {
		e.DateFormat = "Choose one of the date formats."
	}
	switch {
	case !plainText(f.Location, false):
		e.Location = "Your location contains characters that cannot be shown."
	case utf8.RuneCountInString(f.Location) > models.MaxLocationLength:
		e.Location = tooLong("Your location", f.Location, models.MaxLocationLength)
	}
	e.Website = checkWebsite(f.Website)
	switch {
	case !plainText(f.Signature, true):
		e.Signature = "Your signature contains characters that cannot be shown."
	case utf8.RuneCountInString(f.Signature) > models.MaxSignatureLength:
		e.Signature = tooLong("Your signature", f.Signature, models.MaxSignatureLength)
	}
	return e
}

// checkWebsite accepts an empty address or an http(s) one with a host and
// no user name, which could disguise the real host.
func checkWebsite(website string) string {
	if website == "" {
		return ""
	}
	if utf8.RuneCountInString(website) > models.MaxWebsiteLength {
		return tooLong("The address", website, models.MaxWebsiteLength)
	}
	u, err := url.Parse(website)
	if err != nil || !plainText(website, false) || (u.Scheme != "http" && u.Scheme != "https") ||
		u.Hostname() == "" || u.User != nil {
		return "Enter a web address that starts with http:// or https://, such as https://example.org."
	}
	return ""
}

func tooLong(what, s string, limit int) string {
	return fmt.Sprintf("%s is %d characters long; the limit is %d.", what, utf8.RuneCountInString(s), limit)
}
