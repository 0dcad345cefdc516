package app

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"hyperboard/bbcode"
	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

const testPassword = "correct horse battery staple"

// htmlDoc parses an HTML answer.
func htmlDoc(t *testing.T, body string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// account reads a member's row as it is stored now.
func account(t *testing.T, b *testBoard, id int64) *models.User {
	t.Helper()
	u, err := b.store.User(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// preferences is a valid preferences form with some fields replaced.
func preferences(change map[string]string) url.Values {
	form := url.Values{
		"timezone": {"Europe/Lisbon"}, "date_format": {"iso"}, "location": {"Porto"},
		"website": {"https://example.org/me"}, "signature": {"Keep looking up."},
	}
	for k, v := range change {
		form.Set(k, v)
	}
	return form
}

func TestSettingsNeedALogin(t *testing.T) {
	b := newTestBoard(t)
	guest := b.newClient()
	t.Run("a guest is sent to log in and come back", func(t *testing.T) {
		resp, _ := guest.get("/settings")
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?return=/settings" {
			t.Errorf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	for _, path := range []string{"/settings/preferences", "/settings/email", "/settings/password"} {
		t.Run("a guest's post to "+path+" is forbidden", func(t *testing.T) {
			resp, _ := guest.post(path, preferences(nil))
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("got %d", resp.StatusCode)
			}
		})
	}
}

func TestSettingsPage(t *testing.T) {
	b := newTestBoard(t)
	cl, u := b.loggedIn("mira")
	if err := b.store.UpdatePreferences(t.Context(), u.ID, models.Preferences{Timezone: "Asia/Tokyo", DateFormat: "us", Location: "Osaka", Website: "https://mira.example/"}); err != nil {
		t.Fatal(err)
	}
	resp, doc := cl.page("/settings")
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q; the page shows the email address", cc)
	}
	for sel, want := range map[string]string{
		"#settings-preferences input[type=hidden][name=timezone]": "Asia/Tokyo",
		"#settings-preferences input[name=date_format][checked]":  "us",
		"#pref-location": "Osaka",
		"#pref-website":  "https://mira.example/",
		"#email-address": "mira@example.invalid",
	} {
		if got := doc.Find(sel).AttrOr("value", ""); got != want {
			t.Errorf("%s = %q, want %q", sel, got, want)
		}
	}
	for _, id := range []string{views.PreferencesFormID, views.EmailFormID, views.PasswordFormID} {
		form := doc.Find("form#" + id)
		if form.Length() != 1 || form.AttrOr("method", "") != "post" || form.AttrOr("action", "") != form.AttrOr("hx-post", "")+"#"+id ||
			form.AttrOr("hx-target", "") != "this" || form.AttrOr("hx-swap", "") != "outerHTML" {
			t.Errorf("form #%s is not a plain form that htmx swaps in place", id)
		}
		if form.Find("input[name=_csrf]").Length() != 1 {
			t.Errorf("form #%s has no CSRF field", id)
		}
	}
	// The page names the chosen zone and links to the whole list, which a
	// phone would otherwise parse and style with the page.
	choice := doc.Find("#" + views.TimezoneChoiceID)
	if choice.Find("select, option").Length() != 0 {
		t.Error("the settings page carries the whole list of zones")
	}
	if got := strings.TrimSpace(choice.Find(".timezone-current").Text()); got != "Asia/Tokyo" {
		t.Errorf("the page names the zone %q, want Asia/Tokyo", got)
	}
	change := choice.Find("a.timezone-change")
	if change.AttrOr("href", "") != views.SettingsZonesPath+"#"+views.TimezoneChoiceID || change.AttrOr("hx-get", "") != views.SettingsZonesPath ||
		change.AttrOr("hx-select", "") != "#"+views.TimezoneChoiceID || change.AttrOr("hx-target", "") != "#"+views.TimezoneChoiceID {
		t.Error("Change is not a link to the list that htmx brings into the form")
	}
	for _, hx := range []bool{false, true} {
		var headers []string
		if hx {
			headers = []string{"HX-Request", "true"}
		}
		_, doc := cl.page(views.SettingsZonesPath, headers...)
		list := doc.Find("#" + views.TimezoneChoiceID + " select#pref-timezone[name=timezone][autofocus]")
		if list.Length() != 1 || doc.Find(`label[for=pref-timezone]`).Length() != 1 {
			t.Fatalf("htmx %v: the list of zones is not there with its label", hx)
		}
		if got := list.Find("option[selected]").AttrOr("value", ""); got != "Asia/Tokyo" {
			t.Errorf("htmx %v: the list has %q chosen, want Asia/Tokyo", hx, got)
		}
		if list.Find("optgroup[label=Europe] option[value='Europe/Amsterdam']").Length() != 1 {
			t.Error("the timezones are not grouped by region")
		}
		if doc.Find("#"+views.TimezoneChoiceID+" input[type=hidden][name=timezone]").Length() != 0 {
			t.Error("the list comes with the hidden zone too, which would be sent twice")
		}
	}
	examples := texts(doc.Find(".date-example"))
	if len(examples) != len(views.DateFormats) {
		t.Fatalf("%d date format examples, want %d", len(examples), len(views.DateFormats))
	}
	if _, err := time.Parse(views.DateFormats[2].Layout, examples[2]); err != nil {
		t.Errorf("the ISO example %q is not a time in that format", examples[2])
	}
}

func TestSettingsPreferences(t *testing.T) {
	b := newTestBoard(t)
	cl, u := b.loggedIn("mira")

	t.Run("saving without JavaScript stores everything and shows a message", func(t *testing.T) {
		form := preferences(map[string]string{"signature": "Keep looking up.\r\n\r\n<script>x</script>"})
		resp, _ := cl.post("/settings/preferences", form)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/settings?saved=preferences#settings-preferences-status" {
			t.Fatalf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		got := account(t, b, u.ID)
		want := "Keep looking up.\n\n<script>x</script>"
		if got.Timezone != "Europe/Lisbon" || got.DateFormat != "iso" || got.Location != "Porto" ||
			got.Website != "https://example.org/me" || got.Signature != want || got.SignatureHTML != bbcode.Cook(want) {
			t.Errorf("stored %+v", got)
		}
		_, doc := cl.page("/settings?saved=preferences")
		if doc.Find("#settings-preferences .form-saved").Length() != 1 {
			t.Error("no success message in the preferences form")
		}
		if doc.Find("#settings-email .form-saved, #settings-password .form-saved").Length() != 0 {
			t.Error("other forms claim to have saved")
		}
	})
	t.Run("saving with htmx answers the form with a message and the footer's new zone", func(t *testing.T) {
		resp, body := cl.post("/settings/preferences", preferences(map[string]string{"timezone": "Asia/Tokyo"}), "HX-Request", "true")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("got %d", resp.StatusCode)
		}
		doc := htmlDoc(t, body)
		if doc.Find("html header, #content").Length() != 0 {
			t.Error("htmx got a whole page")
		}
		if doc.Find("form#settings-preferences .form-saved").Length() != 1 {
			t.Error("the form has no success message")
		}
		zone := doc.Find("#timezone[hx-swap-oob]")
		if got := strings.TrimSpace(zone.Text()); got != "UTC+09:00 (Asia/Tokyo)" {
			t.Errorf("footer timezone = %q", got)
		}
		if account(t, b, u.ID).Timezone != "Asia/Tokyo" {
			t.Error("not stored")
		}
	})
	t.Run("an empty website and signature are allowed", func(t *testing.T) {
		resp, _ := cl.post("/settings/preferences", preferences(map[string]string{"website": "", "signature": "", "location": ""}))
		got := account(t, b, u.ID)
		if resp.StatusCode != http.StatusSeeOther || got.Website != "" || got.Signature != "" || got.SignatureHTML != "" || got.Location != "" {
			t.Errorf("got %d, stored %+v", resp.StatusCode, got)
		}
	})

	for _, tc := range []struct {
		name, field, value, errorID, message string
	}{
		{"a timezone not in the list", "timezone", "Mars/Olympus_Mons", "pref-timezone-error", "Choose a timezone from the list."},
		{"an empty timezone", "timezone", "", "pref-timezone-error", "Choose a timezone from the list."},
		{"an unknown date format", "date_format", "stardate", "pref-date-format-error", "Choose one of the date formats."},
		{"a location of 101 characters", "location", strings.Repeat("é", 101), "pref-location-error", "Your location is 101 characters long; the limit is 100."},
		{"a location with a control character", "location", "Porto\x00", "pref-location-error", "Your location contains characters that cannot be shown."},
		{"a location that is not UTF-8", "location", "Porto \xff", "pref-location-error", "Your location contains characters that cannot be shown."},
		{"a javascript: website", "website", "javascript:alert(1)", "pref-website-error", "Enter a web address that starts with http:// or https://, such as https://example.org."},
		{"a javascript: website disguised with a host", "website", "javascript://example.org/%0Aalert(1)", "pref-website-error", "Enter a web address that starts with http:// or https://, such as https://example.org."},
		{"a website without a host", "website", "https://", "pref-website-error", "Enter a web address that starts with http:// or https://, such as https://example.org."},
		{"an ftp website", "website", "ftp://example.org/", "pref-website-error", "Enter a web address that starts with http:// or https://, such as https://example.org."},
		{"a website that hides its host behind a user name", "website", "https://bank.example@evil.example/", "pref-website-error", "Enter a web address that starts with http:// or https://, such as https://example.org."},
		{"a website of 201 characters", "website", "https://example.org/" + strings.Repeat("a", 181), "pref-website-error", "The address is 201 characters long; the limit is 200."},
		{"a signature of 501 characters", "signature", strings.Repeat("x", 501), "pref-signature-error", "Your signature is 501 characters long; the limit is 500."},
	} {
		t.Run(tc.name+" is refused and nothing is saved", func(t *testing.T) {
			before := account(t, b, u.ID)
			form := preferences(map[string]string{tc.field: tc.value, "location": "Somewhere new"})
			form.Set(tc.field, tc.value)
			resp, body := cl.post("/settings/preferences", form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("got %d", resp.StatusCode)
			}
			doc := htmlDoc(t, body)
			if got := strings.TrimSpace(doc.Find("#settings-preferences #" + tc.errorID).Text()); got != tc.message {
				t.Errorf("message = %q, want %q", got, tc.message)
			}
			if list := doc.Find("select#pref-timezone").Length() == 1; list != (tc.field == "timezone") {
				t.Errorf("the list of zones is shown: %v; want it only when the timezone was refused", list)
			}
			if got := doc.Find("#settings-preferences [name=timezone]").Length(); got != 1 {
				t.Errorf("the form sends the timezone %d times", got)
			}
			if *account(t, b, u.ID) != *before {
				t.Error("something was saved")
			}
			if tc.field == "website" {
				if got := doc.Find("#pref-website").AttrOr("value", ""); got != tc.value {
					t.Errorf("the form lost the website: %q", got)
				}
			}
			if tc.field != "location" {
				if got := doc.Find("#pref-location").AttrOr("value", ""); got != "Somewhere new" {
					t.Errorf("the form lost the location: %q", got)
				}
			}
		})
	}
	t.Run("with htmx a refused form comes back alone with its messages", func(t *testing.T) {
		resp, body := cl.post("/settings/preferences", preferences(map[string]string{"website": "javascript:alert(1)"}), "HX-Request", "true")
		doc := htmlDoc(t, body)
		if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find("form#settings-preferences #pref-website-error").Length() != 1 ||
			doc.Find("#settings-email").Length() != 0 {
			t.Errorf("got %d\n%s", resp.StatusCode, body)
		}
		if doc.Find("#settings-preferences-status .form-failed").Length() != 1 {
			t.Error("nothing beside the button says the form was not saved")
		}
	})
}

func TestSettingsEmail(t *testing.T) {
	b := newTestBoard(t)
	cl, u := b.loggedIn("mira")
	b.fx.User("taken") // taken@example.invalid

	t.Run("the right password changes the address", func(t *testing.T) {
		resp, _ := cl.post("/settings/email", url.Values{"email": {" mira@new.example "}, "password": {testPassword}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/settings?saved=email#settings-email-status" {
			t.Fatalf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if got := account(t, b, u.ID).Email; got != "mira@new.example" {
			t.Errorf("email = %q", got)
		}
		_, doc := cl.page("/settings?saved=email")
		if doc.Find("#settings-email .form-saved").Length() != 1 || doc.Find("#email-address").AttrOr("value", "") != "mira@new.example" {
			t.Error("the page does not confirm the new address")
		}
	})
	t.Run("with htmx the form comes back with a message", func(t *testing.T) {
		resp, body := cl.post("/settings/email", url.Values{"email": {"mira@newer.example"}, "password": {testPassword}}, "HX-Request", "true")
		doc := htmlDoc(t, body)
		if resp.StatusCode != http.StatusOK || doc.Find("form#settings-email .form-saved").Length() != 1 {
			t.Errorf("got %d\n%s", resp.StatusCode, body)
		}
		if strings.Contains(body, testPassword) {
			t.Error("the password was sent back")
		}
	})
	for _, tc := range []struct {
		name, email, password, errorID, message string
	}{
		{"a wrong password", "mira@other.example", "not my password", "email-password-error", "That is not your current password."},
		{"no password", "mira@other.example", "", "email-password-error", "Enter your current password."},
		{"another member's address in other case", "TAKEN@example.invalid", testPassword, "email-address-error", "Another account already uses that email address."},
		{"an address that is not one", "mira at example", testPassword, "email-address-error", "Enter an email address such as name@example.org."},
		{"an address with a NUL", "mira\x00@example.org", testPassword, "email-address-error", "Enter an email address such as name@example.org."},
	} {
		t.Run(tc.name+" is refused and nothing is saved", func(t *testing.T) {
			before := account(t, b, u.ID).Email
			resp, body := cl.post("/settings/email", url.Values{"email": {tc.email}, "password": {tc.password}})
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("got %d", resp.StatusCode)
			}
			doc := htmlDoc(t, body)
			if got := strings.TrimSpace(doc.Find("#settings-email #" + tc.errorID).Text()); got != tc.message {
				t.Errorf("message = %q, want %q", got, tc.message)
			}
			if got := account(t, b, u.ID).Email; got != before {
				t.Errorf("email changed to %q", got)
			}
			if tc.email != "mira\x00@example.org" && doc.Find("#email-address").AttrOr("value", "") != tc.email {
				t.Error("the form lost the address")
			}
			if tc.password != "" && strings.Contains(body, tc.password) {
				t.Error("the password was sent back")
			}
		})
	}
	t.Run("wrong passwords are throttled like failed logins", func(t *testing.T) {
		for range models.LoginsPerAccount.Limit {
			cl.post("/settings/email", url.Values{"email": {"mira@other.example"}, "password": {"guess"}})
		}
		resp, body := cl.post("/settings/email", url.Values{"email": {"mira@other.example"}, "password": {testPassword}})
		msg := htmlDoc(t, body).Find("#email-password-error").Text()
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "Too many wrong passwords") {
			t.Errorf("got %d, %q", resp.StatusCode, msg)
		}
		if account(t, b, u.ID).Email == "mira@other.example" {
			t.Error("the address changed while throttled")
		}
	})
}

func TestSettingsPassword(t *testing.T) {
	const newPassword = "a much longer passphrase"

	t.Run("a change logs out every other browser and keeps this one", func(t *testing.T) {
		b := newTestBoard(t)
		cl, u := b.loggedIn("mira")
		other := b.newClient()
		if resp, _ := other.post("/login", url.Values{"username": {"mira"}, "password": {testPassword}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatal("second login failed")
		}
		resp, body := cl.post("/settings/password", url.Values{
			"current_password": {testPassword}, "new_password": {newPassword}, "confirm_password": {newPassword},
		}, "HX-Request", "true")
		doc := htmlDoc(t, body)
		if resp.StatusCode != http.StatusOK || !strings.Contains(doc.Find("form#settings-password .form-saved").Text(), "logged out") {
			t.Fatalf("got %d\n%s", resp.StatusCode, body)
		}
		if strings.Contains(body, newPassword) {
			t.Error("the password was sent back")
		}
		if _, doc := other.page("/"); doc.Find("#account a[href='/login']").Length() != 1 {
			t.Error("the other browser is still logged in")
		}
		if _, doc := cl.page("/"); strings.TrimSpace(doc.Find("#account .account-name").Text()) != "mira" {
			t.Error("this browser was logged out")
		}
		if n := countRows(t, b, "SELECT count(*) FROM sessions WHERE user_id = ?", u.ID); n != 1 {
			t.Errorf("%d sessions left, want this one", n)
		}
		if ok, _ := models.CheckPassword(newPassword, account(t, b, u.ID).PasswordHash); !ok {
			t.Error("the new password is not stored")
		}
		again := b.newClient()
		if resp, _ := again.post("/login", url.Values{"username": {"mira"}, "password": {testPassword}}); resp.StatusCode == http.StatusSeeOther {
			t.Error("the old password still logs in")
		}
	})
	t.Run("without JavaScript the change redirects to a message", func(t *testing.T) {
		b := newTestBoard(t)
		cl, _ := b.loggedIn("mira")
		resp, _ := cl.post("/settings/password", url.Values{
			"current_password": {testPassword}, "new_password": {newPassword}, "confirm_password": {newPassword},
		})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/settings?saved=password#settings-password-status" {
			t.Fatalf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		_, doc := cl.page("/settings?saved=password")
		if !strings.Contains(doc.Find("#settings-password .form-saved").Text(), "this one stays logged in") {
			t.Error("no message")
		}
	})

	b := newTestBoard(t)
	cl, u := b.loggedIn("mira")
	other := b.newClient()
	other.post("/login", url.Values{"username": {"mira"}, "password": {testPassword}})
	for _, tc := range []struct {
		name, current, next, confirm, errorID, message string
	}{
		{"a wrong current password", "wrong password", newPassword, newPassword, "password-current-error", "That is not your current password."},
		{"a new password that is too short", testPassword, "short", "short", "password-new-error", "Choose a password of at least 10 characters."},
		{"no new password", testPassword, "", "", "password-new-error", ""},
		{"a confirmation that differs", testPassword, newPassword, newPassword + "!", "password-confirm-error", "The two new passwords are not the same."},
	} {
		t.Run(tc.name+" is refused and nothing changes", func(t *testing.T) {
			before := account(t, b, u.ID).PasswordHash
			resp, body := cl.post("/settings/password", url.Values{
				"current_password": {tc.current}, "new_password": {tc.next}, "confirm_password": {tc.confirm},
			})
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("got %d", resp.StatusCode)
			}
			doc := htmlDoc(t, body)
			got := strings.TrimSpace(doc.Find("#settings-password #" + tc.errorID).Text())
			if got == "" || (tc.message != "" && got != tc.message) {
				t.Errorf("message = %q, want %q", got, tc.message)
			}
			if account(t, b, u.ID).PasswordHash != before {
				t.Error("the password changed")
			}
			if n := countRows(t, b, "SELECT count(*) FROM sessions WHERE user_id = ?", u.ID); n != 2 {
				t.Errorf("%d sessions, want both still there", n)
			}
			if doc.Find("#settings-password input[type=password][value]").Length() != 0 {
				t.Error("a password was sent back")
			}
		})
	}
}

func TestSettingsWithoutCSRFToken(t *testing.T) {
	b := newTestBoard(t)
	cl, u := b.loggedIn("mira")
	before := account(t, b, u.ID)
	for path, form := range map[string]url.Values{
		"/settings/preferences": preferences(nil),
		"/settings/email":       {"email": {"mira@evil.example"}, "password": {testPassword}},
		"/settings/password":    {"current_password": {testPassword}, "new_password": {"pwned by a forged form"}, "confirm_password": {"pwned by a forged form"}},
	} {
		t.Run("a post to "+path+" without a token is forbidden", func(t *testing.T) {
			resp, _ := cl.postRaw(path, form)
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("got %d", resp.StatusCode)
			}
			if *account(t, b, u.ID) != *before {
				t.Error("something was saved")
			}
		})
	}
}

func TestTimesShowInTheViewersTimezone(t *testing.T) {
	b := newTestBoard(t)
	at := time.Date(2026, 1, 15, 3, 4, 0, 0, time.UTC)
	topic := b.fx.Topic(b.fx.Forum("Lounge"), b.fx.User("hana"), fixture.TopicSpec{Title: "Sunrise", Posts: 1, LastAt: at})
	path := views.TopicPath(topic.ID, topic.Title)
	kenji, _ := b.loggedIn("kenji")
	if resp, _ := kenji.post("/settings/preferences", url.Values{"timezone": {"Asia/Tokyo"}, "date_format": {""}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the timezone: %d", resp.StatusCode)
	}

	postTime := func(doc *goquery.Document) (string, string) {
		tm := doc.Find("#posts article time").First()
		return tm.AttrOr("datetime", ""), strings.TrimSpace(tm.Text())
	}
	_, guestDoc := b.page(path)
	_, memberDoc := kenji.page(path)
	t.Run("a guest sees the post in the board's zone", func(t *testing.T) {
		dt, text := postTime(guestDoc)
		if dt != "2026-01-15T03:04Z" || text != "Thu Jan 15, 2026 3:04 am" {
			t.Errorf("time = %q %q", dt, text)
		}
		if got := strings.TrimSpace(guestDoc.Find("#timezone").Text()); got != "UTC+00:00 (UTC)" {
			t.Errorf("footer = %q", got)
		}
	})
	t.Run("a member in Tokyo sees the same moment nine hours later", func(t *testing.T) {
		dt, text := postTime(memberDoc)
		if dt != "2026-01-15T03:04Z" || text != "Thu Jan 15, 2026 12:04 pm" {
			t.Errorf("time = %q %q", dt, text)
		}
		if got := strings.TrimSpace(memberDoc.Find("#timezone").Text()); got != "UTC+09:00 (Asia/Tokyo)" {
			t.Errorf("footer = %q", got)
		}
	})
	t.Run("a chosen date format applies to every time", func(t *testing.T) {
		kenji.post("/settings/preferences", url.Values{"timezone": {"Asia/Tokyo"}, "date_format": {"iso"}})
		_, doc := kenji.page(path)
		if _, text := postTime(doc); text != "2026-01-15 12:04" {
			t.Errorf("time = %q", text)
		}
	})
}

func TestBrowserSettingsOnAPhone(t *testing.T) {
	b := newTestBoard(t)
	u := b.member("mira", testPassword)
	long := strings.Repeat("Llanfairpwllgwyngyll", 5) // 100 letters, no break
	err := b.store.UpdatePreferences(t.Context(), u.ID, models.Preferences{
		Location: long, Website: "https://example.org/" + strings.Repeat("x", 150),
		Signature: long, SignatureHTML: bbcode.Cook(long),
	})
	if err != nil {
		t.Fatal(err)
	}
	base := b.listen()
	ctx := browserStart(t)
	// The login form has tests of its own; here the browser starts with a session.
	token, _, err := b.store.CreateSession(t.Context(), u.ID, false, "", "chromium")
	if err != nil {
		t.Fatal(err)
	}
	browserDo(t, ctx, "open the settings on a small phone",
		chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{Name: sessionCookie, Value: token, URL: base})
			return err
		}),
		chromedp.Navigate(base+"/settings"),
	)
	browserWaitUntil(t, ctx, browserScriptLoaded+` && document.querySelector('#settings-preferences') !== null`, `({url: location.href})`)
	browserNoSidewaysScroll(t, ctx, "settings page")
	browserScreenshot(t, ctx, "phone-settings")

	browserEval[chromedp.Void](t, ctx, `window.__marker = 42`)
	browserDo(t, ctx, "ask for the list of zones", chromedp.Click(chromedp.CSS(`#settings-preferences .timezone-change`)))
	browserWaitUntil(t, ctx, `document.activeElement?.id === 'pref-timezone'`, `({focus: document.activeElement?.outerHTML.slice(0, 80)})`)
	browserNoSidewaysScroll(t, ctx, "settings page with the list of zones")
	browserEval[chromedp.Void](t, ctx, `document.querySelector('#pref-timezone').value = 'Asia/Tokyo'`)
	browserDo(t, ctx, "save the preferences", chromedp.Click(chromedp.CSS(`#settings-preferences button[type=submit]`)))
	browserWaitUntil(t, ctx, `document.querySelector('#settings-preferences .form-saved') !== null`,
		`({url: location.href, error: document.querySelector('#settings-preferences .field-error')?.textContent})`)
	if got := browserEval[int](t, ctx, `window.__marker ?? 0`); got != 42 {
		t.Error("the page was reloaded instead of the form being swapped by htmx")
	}
	if !browserEval[bool](t, ctx, `(() => {
		const r = document.querySelector('#settings-preferences .form-saved').getBoundingClientRect();
		return r.top >= 0 && r.bottom <= innerHeight;
	})()`) {
		t.Error("the success message is out of sight after saving")
	}
	if got := browserEval[string](t, ctx, `document.querySelector('#timezone').textContent`); got != "UTC+09:00 (Asia/Tokyo)" {
		t.Errorf("footer shows %q after saving Asia/Tokyo", got)
	}
	if got := browserEval[int](t, ctx, `document.querySelectorAll('#settings-preferences').length`); got != 1 {
		t.Errorf("%d preferences forms after the swap, want 1", got)
	}
	browserScreenshot(t, ctx, "phone-settings-saved")

	browserDo(t, ctx, "open the profile", chromedp.Navigate(base+views.UserPath(u.ID, u.Username)))
	browserNoSidewaysScroll(t, ctx, "profile page")
	browserScreenshot(t, ctx, "phone-profile")
}
