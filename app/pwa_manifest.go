package app

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
)

// webManifest is the web app manifest: what a browser needs to install the
// board as an app.
type webManifest struct {
	ID              string         `json:"id"`
	Name            string         `json:"name"`
	ShortName       string         `json:"short_name"`
	Description     string         `json:"description,omitempty"`
	StartURL        string         `json:"start_url"`
	Scope           string         `json:"scope"`
	Display         string         `json:"display"`
	BackgroundColor string         `json:"background_color"`
	ThemeColor      string         `json:"theme_color"`
	Icons           []manifestIcon `json:"icons"`
}

type manifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose,omitempty"`
}

// shortNameLength is about what a phone shows under a home-screen icon.
const shortNameLength = 12

// manifestShow serves the web app manifest, named after the board.
func (h *Handler) manifestShow(c *fiber.Ctx) error {
	cfg := visitOf(c).Config
	short := cfg.Title
	if utf8.RuneCountInString(short) > shortNameLength {
		short = string([]rune(short)[:shortNameLength-1]) + "…"
	}
	body, err := json.Marshal(webManifest{
		ID:              "/",
		Name:            cfg.Title,
		ShortName:       short,
		Description:     cfg.Description,
		StartURL:        "/",
		Scope:           "/",
		Display:         "standalone",
		BackgroundColor: "#f1f5f9",
		ThemeColor:      "#1a3388",
		Icons: []manifestIcon{
			{Src: h.assets.URL("icon-192.png"), Sizes: "192x192", Type: "image/png"},
			{Src: h.assets.URL("icon-512.png"), Sizes: "512x512", Type: "image/png"},
			{Src: h.assets.URL("icon-maskable-512.png"), Sizes: "512x512", Type: "image/png", Purpose: "maskable"},
			{Src: h.assets.URL("favicon.svg"), Sizes: "any", Type: "image/svg+xml"},
		},
	})
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/manifest+json")
	// The board's title can change at any time; the icons it names are hashed.
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return c.Send(body)
}
