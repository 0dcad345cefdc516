package app

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// topicsPerList is the length of a page of a board-wide topic list.
const topicsPerList = 25

// topicSearch serves one of the board-wide topic lists: a page of it, most
// recently active first; htmx gets the list alone. Guests may only see
// unanswered topics and are sent to log in for a member's own lists.
func (h *Handler) topicSearch(list models.TopicList) fiber.Handler {
	return func(c *fiber.Ctx) error { return h.topicList(c, list) }
}

func (h *Handler) topicList(c *fiber.Ctx, list models.TopicList) error {
	visit := visitOf(c)
	q := models.TopicListQuery{List: list, Readable: rightsOf(c).Forums(models.FList | models.FRead)}
	if visit.Viewer != nil {
		q.ViewerID, q.SessionID = visit.Viewer.ID, visit.Session.ID
	} else if list != models.ListUnanswered {
		return redirect(c, "/login?return="+url.QueryEscape(c.OriginalURL()))
	}
	ctx := c.UserContext()
	total, err := h.store.TopicListCount(ctx, q)
	if err != nil {
		return err
	}
	pager := views.Pager{Path: views.TopicListPath(list), Pages: pageCount(total, topicsPerList)}
	page, ok := pageNumber(c)
	if !ok || page > pager.Pages {
		return c.Redirect(pager.URL(min(page, pager.Pages)), fiber.StatusFound)
	}
	pager.Page = page
	title := views.TopicListTitle(list)
	chrome := h.chrome(c, title, views.Crumb{Title: title})
	if page > 1 {
		chrome.Title += " - Page " + strconv.Itoa(page)
	}
	topics, err := h.store.TopicListPage(ctx, q, page, topicsPerList)
	if err != nil {
		return err
	}
	h.reads.Clear(q.ViewerID, topics)
	if visit.Viewer != nil {
		// The lists are the member's own: no shared cache may keep them.
		c.Set(fiber.HeaderCacheControl, "private, no-store")
	}
	v := views.TopicSearchView{List: list, Topics: topics, Total: total, Pager: pager, PostsPerPage: chrome.Board.PostsPerPage}
	return render(c, views.TopicSearchPage(chrome, v), views.TopicSearchFragment(chrome, v))
}
