package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// boardIndex shows the categories, their forums, who is online and the
// board statistics.
func (h *Handler) boardIndex(c *fiber.Ctx) error {
	chrome := h.chrome(c, "")
	forums, err := h.store.BoardIndex(c.UserContext(), viewerID(c))
	if err != nil {
		return err
	}
	stats, err := h.store.BoardStats(c.UserContext())
	if err != nil {
		return err
	}
	online, err := h.store.Online(c.UserContext())
	if err != nil {
		return err
	}
	v := views.IndexView{Sections: models.GroupByCategory(listable(c, forums)), Stats: stats, Online: online}
	return render(c, views.IndexPage(chrome, v), nil)
}
