package app

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// reportsPerPage is how many reports a page of the queue lists.
const reportsPerPage = 25

// reportList is the moderators' queue: the open reports (closed ones with
// ?closed=1, one post's with ?post=ID) of the forums where the viewer
// handles reports, newest first; htmx pages swap the list alone.
func (h *Handler) reportList(c *fiber.Ctx) error {
	if err := requireModerator(c, models.MReport); err != nil {
		return err
	}
	page, ok := pageNumber(c)
	filter := models.ReportFilter{
		Forums:  rightsOf(c).Forums(models.MReport | models.FRead),
		Closed:  c.Query("closed") == "1",
		Page:    page,
		PerPage: reportsPerPage,
	}
	query := url.Values{}
	if filter.Closed {
		query.Set("closed", "1")
	}
	if raw := c.Query("post"); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 {
			return models.ErrNotFound
		}
		filter.PostID = id
		query.Set("post", raw)
	}
	reports, total, err := h.store.ReportQueue(c.UserContext(), filter)
	if err != nil {
		return err
	}
	pager := views.Pager{Path: views.ReportQueuePath, Query: query, Page: page, Pages: pageCount(total, reportsPerPage)}
	if !ok || page > pager.Pages {
		return c.Redirect(pager.URL(min(page, pager.Pages)), fiber.StatusFound)
	}
	chrome := h.chrome(c, "Reported posts", views.Crumb{Title: "Reported posts"})
	v := views.ReportQueueView{Reports: reports, Total: total, Closed: filter.Closed, PostID: filter.PostID, Pager: pager}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return render(c, views.ReportQueuePage(chrome, v), views.ReportQueue(chrome, v))
}
