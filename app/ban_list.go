package app

import (
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// bansPerPage is how many bans a page of the list shows.
const bansPerPage = 25

// banList lists the bans in force, newest first, or with ?history=1 those
// lifted or ended; htmx pages swap the list alone. Bans hold board-wide,
// so anyone who may ban in some forum sees them all.
func (h *Handler) banList(c *fiber.Ctx) error {
	if err := requireModerator(c, models.MBan); err != nil {
		return err
	}
	history := c.Query("history") == "1"
	page, ok := pageNumber(c)
	bans, total, err := h.store.BanList(c.UserContext(), history, page, bansPerPage)
	if err != nil {
		return err
	}
	query := url.Values{}
	if history {
		query.Set("history", "1")
	}
	pager := views.Pager{Path: views.BanListPath, Query: query, Page: page, Pages: pageCount(total, bansPerPage)}
	if !ok || page > pager.Pages {
		return c.Redirect(pager.URL(min(page, pager.Pages)), fiber.StatusFound)
	}
	chrome := h.chrome(c, "Bans", views.Crumb{Title: "Bans"})
	v := views.BanListView{Bans: bans, Total: total, History: history, Pager: pager, Now: time.Now()}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return render(c, views.BanListPage(chrome, v), views.BanList(chrome, v))
}
