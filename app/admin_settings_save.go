package app

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// adminSettingsSave saves the board settings, all of them or none. The
// new title and links belong in the page header too, so even htmx is sent
// to load the page again.
func (h *Handler) adminSettingsSave(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	f := readBoardSettings(c)
	cfg := checkBoardSettings(&f)
	if f.Errors.Any() {
		c.Status(fiber.StatusUnprocessableEntity)
		return h.renderBoardSettings(c, f)
	}
	if err := h.store.UpdateBoardConfig(c.UserContext(), cfg); err != nil {
		return err
	}
	return redirect(c, views.AdminSettingsPath+"?saved=1#"+views.SettingsStatusID(views.BoardSettingsFormID))
}

// readBoardSettings reads the form as typed, link rows in their order.
func readBoardSettings(c *fiber.Ctx) views.BoardSettingsForm {
	f := views.BoardSettingsForm{
		Title:           strings.TrimSpace(c.FormValue("title")),
		Description:     strings.TrimSpace(c.FormValue("description")),
		DefaultTimezone: c.FormValue("timezone"),
		TopicsPerPage:   strings.TrimSpace(c.FormValue("topics_per_page")),
		PostsPerPage:    strings.TrimSpace(c.FormValue("posts_per_page")),
		FloodInterval:   strings.TrimSpace(c.FormValue("flood_interval")),
	}
	args := c.Request().PostArgs()
	titles, urls := args.PeekMulti("link_title"), args.PeekMulti("link_url")
	for i := 0; i < max(len(titles), len(urls)) && i < views.MaxLinkRows; i++ {
		var row views.HeaderLinkRow
		if i < len(titles) {
			row.Title = strings.TrimSpace(string(titles[i]))
		}
		if i < len(urls) {
			row.URL = strings.TrimSpace(string(urls[i]))
		}
		f.Links = append(f.Links, row)
	}
	return f
}

// checkBoardSettings puts a message on each field that cannot be saved and
// returns the settings to save when there is none.
func checkBoardSettings(f *views.BoardSettingsForm) *models.BoardConfig {
	cfg := &models.BoardConfig{Title: f.Title, Description: f.Description, DefaultTimezone: f.DefaultTimezone, HeaderLinks: []models.HeaderLink{}}
	e := &f.Errors
	e.Title = checkTitle("The title", f.Title, views.MaxBoardTitle)
	e.Description = checkText("The description", f.Description, views.MaxBoardDescription, false)
	if f.DefaultTimezone != "UTC" && !views.IsTimezone(f.DefaultTimezone) {
		e.DefaultTimezone = "Choose a timezone from the list."
	}
	cfg.TopicsPerPage, e.TopicsPerPage = checkNumber(f.TopicsPerPage, views.MinPerPage, views.MaxPerPage)
	cfg.PostsPerPage, e.PostsPerPage = checkNumber(f.PostsPerPage, views.MinPerPage, views.MaxPerPage)
	cfg.FloodIntervalSeconds, e.FloodInterval = checkNumber(f.FloodInterval, 0, views.MaxFloodInterval)
	for i := range f.Links {
		row := &f.Links[i]
		if row.Title == "" && row.URL == "" {
			continue
		}
		if row.Title == "" {
			row.TitleError = "Give the link a text, or empty its address to leave it out."
		} else {
			row.TitleError = checkText("The text", row.Title, views.MaxLinkTitle, false)
		}
		row.URLError = checkLinkURL(row.URL)
		e.LinkRows = e.LinkRows || row.TitleError != "" || row.URLError != ""
		cfg.HeaderLinks = append(cfg.HeaderLinks, models.HeaderLink{Title: row.Title, URL: row.URL})
	}
	if len(cfg.HeaderLinks) > views.MaxHeaderLinks {
		e.Links = "The header has room for " + strconv.Itoa(views.MaxHeaderLinks) + " links; remove some."
	}
	return cfg
}

// checkNumber reads a whole number between lo and hi.
func checkNumber(s string, lo, hi int) (int, string) {
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, "Enter a whole number from " + strconv.Itoa(lo) + " to " + strconv.Itoa(hi) + "."
	}
	return n, ""
}

// checkLinkURL accepts an http(s) address with a host and no user name,
// or a path on this board; nothing else (javascript:, //elsewhere) may
// go into every page's header.
func checkLinkURL(s string) string {
	const advice = "Enter an address that starts with http:// or https://, or with / for a page of this board."
	switch {
	case s == "":
		return "Give the link an address, or empty its text to leave it out."
	case utf8.RuneCountInString(s) > views.MaxLinkURL:
		return tooLong("The address", s, views.MaxLinkURL)
	case !plainText(s, false) || strings.ContainsAny(s, " \\"):
		return advice
	}
	u, err := url.Parse(s)
	if err != nil {
		return advice
	}
	if strings.HasPrefix(s, "/") {
		if strings.HasPrefix(s, "//") || u.Scheme != "" || u.Host != "" {
			return advice
		}
		return ""
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.User != nil {
		return advice
	}
	return ""
}
