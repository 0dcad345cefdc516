package app

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// searchPerPage is the length of a page of search results.
const searchPerPage = 25

// searchShow runs a search from the query string and shows a page of its
// results; htmx gets the results alone. A search that cannot run (no
// words, only common words, an unknown author) explains why, with status
// 200: it is an answer, not a failure.
func (h *Handler) searchShow(c *fiber.Ctx) error {
	q := searchQuery(c)
	ctx := c.UserContext()
	forums, err := h.forumList(ctx)
	if err != nil {
		return err
	}
	v := views.SearchView{Query: q, Sections: models.GroupByCategory(listable(c, forums))}
	v.Pager = views.Pager{Path: views.SearchPath, Query: views.SearchParams(q), Page: 1, Pages: 1}
	page, ok := pageNumber(c)
	if !ok {
		return c.Redirect(v.Pager.URL(1), fiber.StatusFound)
	}
	chrome := h.chrome(c, "Search", views.Crumb{Title: "Search"})
	if q.Text != "" || q.Author != "" {
		v.Searched = true
		if wait, err := h.searchThrottle(c); err != nil {
			return err
		} else if wait > 0 {
			retryAfter(c, wait)
			v.Message = fmt.Sprintf("You are searching faster than the board allows; please wait %d seconds and search again.", int(math.Ceil(wait.Seconds())))
			c.Status(fiber.StatusTooManyRequests)
			return render(c, views.SearchPage(chrome, v), views.SearchFragment(chrome, v))
		}
		v.Results, err = h.store.Search(ctx, q, page, searchPerPage)
		if se, isSearchErr := models.IsSearchError(err); isSearchErr {
			v.Message = string(se)
		} else if err != nil {
			return err
		}
		v.Pager.Pages = pageCount(min(v.Results.Total, models.SearchCountCap), searchPerPage)
		if page > v.Pager.Pages {
			return c.Redirect(v.Pager.URL(v.Pager.Pages), fiber.StatusFound)
		}
		v.Pager.Page = page
		chrome.Title = "Search: " + searchTitle(q)
		if page > 1 {
			chrome.Title += " - Page " + strconv.Itoa(page)
		}
	}
	// A search of the last days changes as time passes; it is not kept.
	if q.Days == 0 {
		keepForGuests(c, 0, func() []models.Tag { return []models.Tag{models.TagSearch} })
	}
	return render(c, views.SearchPage(chrome, v), views.SearchFragment(chrome, v))
}

// searchThrottle counts a search against the member (or a guest's
// address) and says how long to wait when there have been too many.
func (h *Handler) searchThrottle(c *fiber.Ctx) (time.Duration, error) {
	if h.unlimitedSearch {
		return 0, nil
	}
	key := "ip:" + h.clientIP(c)
	if id := viewerID(c); id != 0 {
		key = "member:" + strconv.FormatInt(id, 10)
	}
	wait, err := h.store.Throttled(c.UserContext(), models.Searches, key)
	if err != nil || wait > 0 {
		return wait, err
	}
	return 0, h.store.RecordThrottle(c.UserContext(), models.Searches, key)
}

// searchTitle names a search in the browser tab.
func searchTitle(q models.SearchQuery) string {
	if q.Text == "" {
		return "posts by " + q.Author
	}
	return q.Text
}

// searchDays are the time ranges the form offers; any other value means
// any time.
var searchDays = []int{1, 7, 14, 30, 90, 180, 365}

// searchQuery reads the search's parameters; values it does not know mean
// the defaults: posts, by relevance (by date when there are no words).
func searchQuery(c *fiber.Ctx) models.SearchQuery {
	q := models.SearchQuery{
		Text:       cleanParam(c.Query("q")),
		Author:     cleanParam(c.Query("author")),
		TitlesOnly: c.Query("titles") == "1",
		Show:       models.SearchPosts,
		Sort:       models.SearchByRelevance,
	}
	q.Readable = rightsOf(c).Forums(models.FList | models.FRead)
	if models.SearchShow(c.Query("show")) == models.SearchTopics {
		q.Show = models.SearchTopics
	}
	if models.SearchSort(c.Query("sort")) == models.SearchByDate || q.Text == "" {
		q.Sort = models.SearchByDate
	}
	if days, err := strconv.Atoi(c.Query("days")); err == nil && slices.Contains(searchDays, days) {
		q.Days = days
	}
	for _, raw := range c.Context().QueryArgs().PeekMulti("forum") {
		id, err := strconv.ParseInt(string(raw), 10, 64)
		if err == nil && id > 0 && !slices.Contains(q.ForumIDs, id) {
			q.ForumIDs = append(q.ForumIDs, id)
		}
	}
	return q
}

// cleanParam drops what PostgreSQL refuses (NUL, broken UTF-8) and the
// spaces around a typed value.
func cleanParam(s string) string {
	return strings.TrimSpace(strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), ""))
}
