package app

import (
	"slices"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// boardIndex shows the categories, their forums, who is online and the
// board statistics.
func (h *Handler) boardIndex(c *fiber.Ctx) error {
	chrome := h.chrome(c, "")
	gen := h.pages.generation()
	forums, err := h.boardIndexForums(c.UserContext(), viewerID(c))
	if err != nil {
		return err
	}
	rows, err := h.forumRowsOf(c.UserContext(), gen, forums, chrome.Clock)
	if err != nil {
		return err
	}
	stats, err := h.stats.get(c.UserContext(), h.store, h.pages.listening.Load())
	if err != nil {
		return err
	}
	online, err := h.online(c.UserContext())
	if err != nil {
		return err
	}
	keepForGuests(c, 0, func() []models.Tag {
		return slices.Concat(forumsTags(forums), onlineTags(online), []models.Tag{models.TagStats})
	})
	v := views.IndexView{Sections: models.GroupByCategory(listable(c, forums)), Stats: stats, Online: online, Rows: rows}
	if v.SectionsDeflated, err = h.deflatedSectionsOf(c, gen, v, chrome.Clock); err != nil {
		return err
	}
	return render(c, views.IndexPage(chrome, v), nil)
}
