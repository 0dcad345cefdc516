package app

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/models"
	"hyperboard/views"
)

// settingsForm is a valid board settings form with the given links as
// text, address pairs.
func settingsForm(title string, links ...string) url.Values {
	f := url.Values{
		"title": {title}, "description": {"Where we talk"}, "timezone": {"Europe/Paris"},
		"topics_per_page": {"20"}, "posts_per_page": {"15"}, "flood_interval": {"30"},
	}
	for i := 0; i+1 < len(links); i += 2 {
		f.Add("link_title", links[i])
		f.Add("link_url", links[i+1])
	}
	return f
}

func TestAdminSettings(t *testing.T) {
	b := newAdminBoard(t)

	t.Run("the form shows what is saved, with empty link rows to fill", func(t *testing.T) {
		b.setConfig(func(c *models.BoardConfig) {
			c.HeaderLinks = []models.HeaderLink{{Title: "Blog", URL: "https://blog.example.org"}}
		})
		_, doc := b.admin.page(views.AdminSettingsPath)
		if got := doc.Find("#board-title").AttrOr("value", ""); got != "Hyperboard" {
			t.Errorf("title field %q", got)
		}
		rows := doc.Find("#header-links .header-link-row")
		if rows.Length() != 1+views.BlankLinkRows {
			t.Errorf("%d link rows, want the saved one and %d empty", rows.Length(), views.BlankLinkRows)
		}
		if got := rows.First().Find("input[name=link_url]").AttrOr("value", ""); got != "https://blog.example.org" {
			t.Errorf("first link row %q", got)
		}
		if doc.Find(`#board-timezone option[selected]`).AttrOr("value", "") != "UTC" {
			t.Error("the saved timezone is not selected")
		}
	})

	for _, hx := range []bool{false, true} {
		name := map[bool]string{false: "without JavaScript", true: "with htmx"}[hx]
		headers := map[bool][]string{false: nil, true: htmx}[hx]
		t.Run("invalid settings come back with messages and the input kept, "+name, func(t *testing.T) {
			before := b.boardTitle()
			form := settingsForm("", "Evil", "javascript:alert(1)", "Half", "", "About", "/faq")
			form.Set("description", "Keep this description")
			form.Set("topics_per_page", "500")
			form.Set("posts_per_page", "four")
			form.Set("flood_interval", "-1")
			form.Set("timezone", "Mars/Olympus")
			resp, body := b.admin.post(views.AdminSettingsPath, form, headers...)
			mustStatus(t, "POST", resp, body, http.StatusUnprocessableEntity)
			doc := parse(t, body)
			if hx && doc.Find("#site-nav").Length() != 0 {
				t.Error("htmx got the whole page, want the form alone")
			}
			if !hx && doc.Find("#site-nav").Length() == 0 {
				t.Error("without htmx the answer is not a whole page")
			}
			for _, id := range []string{"#board-title-error", "#board-topics-per-page-error", "#board-posts-per-page-error", "#board-flood-error", "#board-timezone-error", "#link-url-0-error", "#link-url-1-error"} {
				if doc.Find(id).Length() != 1 {
					t.Errorf("no message %s", id)
				}
			}
			if doc.Find("#link-url-2-error").Length() != 0 {
				t.Error("the site-relative link /faq was refused")
			}
			if got := doc.Find("#board-description").AttrOr("value", ""); got != "Keep this description" {
				t.Errorf("description kept as %q", got)
			}
			if got := doc.Find("#board-posts-per-page").AttrOr("value", ""); got != "four" {
				t.Errorf("posts per page kept as %q", got)
			}
			if got := doc.Find("#link-url-0").AttrOr("value", ""); got != "javascript:alert(1)" {
				t.Errorf("link address kept as %q", got)
			}
			if b.boardTitle() != before {
				t.Error("a refused form changed the title")
			}
		})
		t.Run("valid settings are saved, "+name, func(t *testing.T) {
			title := "Night Sky " + name
			resp, body := b.admin.post(views.AdminSettingsPath, settingsForm(title, "Club site", "https://club.example.org/", "", "", "Rules", "/faq"), headers...)
			mustRedirect(t, "POST", resp, body, hx, "/admin/settings?saved=1#admin-settings-status")
			cfg, err := b.store.BoardConfig(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			want := []models.HeaderLink{{Title: "Club site", URL: "https://club.example.org/"}, {Title: "Rules", URL: "/faq"}}
			if cfg.Title != title || cfg.DefaultTimezone != "Europe/Paris" || cfg.TopicsPerPage != 20 || cfg.PostsPerPage != 15 || cfg.FloodIntervalSeconds != 30 ||
				len(cfg.HeaderLinks) != 2 || cfg.HeaderLinks[0] != want[0] || cfg.HeaderLinks[1] != want[1] {
				t.Errorf("saved %+v", cfg)
			}
			_, doc := b.admin.page("/admin/settings?saved=1")
			if doc.Find(".form-saved").Length() != 1 {
				t.Error("the page does not say the settings were saved")
			}
			if got := texts(doc.Find("#site-nav a[href='https://club.example.org/']")); len(got) != 1 || got[0] != "Club site" {
				t.Errorf("the header shows the new link as %q", got)
			}
			if got := strings.TrimSpace(doc.Find("header#top a").First().Text()); got != title {
				t.Errorf("the header shows the title %q", got)
			}
		})
	}
	t.Run("too many links are refused", func(t *testing.T) {
		var links []string
		for range views.MaxHeaderLinks + 1 {
			links = append(links, "Link", "https://example.org/")
		}
		resp, body := b.admin.post(views.AdminSettingsPath, settingsForm("Many links", links...))
		mustStatus(t, "POST", resp, body, http.StatusUnprocessableEntity)
		if parse(t, body).Find("#header-links-error").Length() != 1 {
			t.Error("no message about the number of links")
		}
	})
}

func TestAdminSettingsLinkRows(t *testing.T) {
	b := newAdminBoard(t)
	form := settingsForm("Keep me", "One", "/one", "Two", "/two", "Three", "/three")
	form.Set("description", "Typed, not saved")
	rows := func(body string) []string {
		var out []string
		parse(t, body).Find("#header-links .header-link-row").Each(func(_ int, s *goquery.Selection) {
			out = append(out, s.Find("input[name=link_title]").AttrOr("value", ""))
		})
		return out
	}
	for _, c := range []struct {
		action string
		want   string
	}{
		{"up:1", "Two|One|Three"},
		{"down:0", "Two|One|Three"},
		{"remove:1", "One|Three"},
		{"add", "One|Two|Three|"},
		{"up:0", "One|Two|Three"},
		{"nonsense", "One|Two|Three"},
	} {
		t.Run(c.action+" without JavaScript gives the whole page back unsaved", func(t *testing.T) {
			f := url.Values{}
			for k, v := range form {
				f[k] = v
			}
			f.Set("link_action", c.action)
			resp, body := b.admin.post(views.AdminLinksPath, f)
			mustStatus(t, "POST", resp, body, http.StatusOK)
			if got := strings.Join(rows(body), "|"); got != c.want {
				t.Errorf("rows %q, want %q", got, c.want)
			}
			doc := parse(t, body)
			if doc.Find("#board-description").AttrOr("value", "") != "Typed, not saved" {
				t.Error("the other fields were not kept")
			}
			if doc.Find(".links-unsaved").Length() != 1 {
				t.Error("the page does not say the links are not saved yet")
			}
		})
		t.Run(c.action+" with htmx gives the rows alone", func(t *testing.T) {
			f := url.Values{}
			for k, v := range form {
				f[k] = v
			}
			f.Set("link_action", c.action)
			resp, body := b.admin.post(views.AdminLinksPath, f, htmx...)
			mustStatus(t, "POST", resp, body, http.StatusOK)
			doc := parse(t, body)
			if doc.Find("#site-nav, #board-title").Length() != 0 || doc.Find("#"+views.HeaderLinksID).Length() != 1 {
				t.Error("htmx did not get the link rows alone")
			}
			if got := strings.Join(rows(body), "|"); got != c.want {
				t.Errorf("rows %q, want %q", got, c.want)
			}
		})
	}
	if b.boardTitle() != "Hyperboard" {
		t.Error("rearranging rows saved the settings")
	}
}
