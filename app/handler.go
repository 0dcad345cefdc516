package app

import (
	"log/slog"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"hyperboard/assets"
	"hyperboard/models"
	"hyperboard/views"
)

// Handler holds what the handlers share; each page or action is one method,
// in a file of its own.
type Handler struct {
	store  *models.Store
	assets *assets.Manifest
	log    *slog.Logger
	views  *viewCounter
}

// chrome loads the board settings and builds the frame of a full page.
func (h *Handler) chrome(c *fiber.Ctx, title string, crumbs ...views.Crumb) (views.Chrome, error) {
	board, err := h.store.BoardConfig(c.UserContext())
	if err != nil {
		return views.Chrome{}, err
	}
	return views.Chrome{
		Title:    title,
		Board:    board,
		Clock:    views.NewClock(board.DefaultTimezone, ""),
		Crumbs:   crumbs,
		Assets: views.AssetURLs{
			CSS:  h.assets.URL("app.css"),
			HTMX: h.assets.URL("htmx.min.js"),
			Icon: h.assets.URL("favicon.svg"),
		},
	}, nil
}

// categoryCrumb points at a category's section of the board index.
func categoryCrumb(cat *models.Category) views.Crumb {
	return views.Crumb{Title: cat.Title, URL: "/#cat" + strconv.FormatInt(cat.ID, 10)}
}
