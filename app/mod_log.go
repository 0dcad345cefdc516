package app

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// modLogPerPage is how many log entries one page shows.
const modLogPerPage = 50

// modLog is the moderator log, newest first: a moderator sees the entries
// of the forums where they hold a moderator permission, administrators see
// every entry. ?forum= narrows it to one forum; htmx gets the list alone.
func (h *Handler) modLog(c *fiber.Ctx) error {
	if err := requireModerator(c, models.ModeratorPerms); err != nil {
		return err
	}
	ctx := c.UserContext()
	all, err := h.store.ForumList(ctx)
	if err != nil {
		return err
	}
	rights := rightsOf(c)
	v := views.ModLogView{}
	q := models.ModLogQuery{Forums: []int64{}, PerPage: modLogPerPage}
	for _, f := range all {
		if rights.CanAny(f.ID, models.ModeratorPerms) {
			v.Forums = append(v.Forums, f)
			q.Forums = append(q.Forums, f.ID)
		}
	}
	q.BoardWide = rights.ModeratesAny(models.MBan)
	if rights.Admin() {
		q.Forums = nil
	}
	query := url.Values{}
	if id, err := strconv.ParseInt(c.Query("forum"), 10, 64); err == nil && id > 0 {
		v.ForumID, q.ForumID = id, id
		query.Set("forum", strconv.FormatInt(id, 10))
	}
	page, ok := pageNumber(c)
	q.Page = page
	v.Entries, v.Total, err = h.store.ModLog(ctx, q)
	if err != nil {
		return err
	}
	v.Pager = views.Pager{Path: "/mod/log", Query: query, Page: page, Pages: pageCount(v.Total, modLogPerPage)}
	if !ok || page > v.Pager.Pages {
		return c.Redirect(v.Pager.URL(min(page, v.Pager.Pages)), fiber.StatusFound)
	}
	chrome := h.chrome(c, "Moderator log", views.Crumb{Title: "Moderator log"})
	return render(c, views.ModLogPage(chrome, v), views.ModLogFragment(chrome, v))
}
