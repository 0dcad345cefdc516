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
	stats, err := h.stats.get(c.UserContext(), h.store, h.pages.listening.Load())
	if err != nil {
		return err
	}
	online, err := h.store.Online(c.UserContext())
	if err != nil {
		return err
	}
	tags := []models.Tag{models.TagStats, tagOnline}
	for _, f := range forums {
		tags = append(tags, models.ForumTag(f.ID))
		if f.LastPost != nil {
			tags = append(tags, models.UserTag(f.LastPost.AuthorID))
		}
	}
	for _, u := range online.Members {
		tags = append(tags, models.UserTag(u.ID))
	}
	keepForGuests(c, 0, tags...)
	v := views.IndexView{Sections: models.GroupByCategory(listable(c, forums)), Stats: stats, Online: online}
	return render(c, views.IndexPage(chrome, v), nil)
}
