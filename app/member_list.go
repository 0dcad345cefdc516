package app

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// membersPerPage is the length of a page of the member list.
const membersPerPage = 25

// memberList shows one page of the members, sorted by a column and
// narrowed by the start of their names; htmx gets the list alone.
func (h *Handler) memberList(c *fiber.Ctx) error {
	q := memberQuery(c)
	ctx := c.UserContext()
	total, err := h.memberCount(c, q)
	if err != nil {
		return err
	}
	pager := views.Pager{Path: views.MembersPath, Query: views.MemberParams(q), Pages: pageCount(total, membersPerPage)}
	page, ok := pageNumber(c)
	if !ok || page > pager.Pages {
		return c.Redirect(pager.URL(min(page, pager.Pages)), fiber.StatusFound)
	}
	pager.Page = page
	chrome := h.chrome(c, "Members", views.Crumb{Title: "Members"})
	if page > 1 {
		chrome.Title += " - Page " + strconv.Itoa(page)
	}
	members, err := h.store.Members(ctx, q, page, membersPerPage)
	if err != nil {
		return err
	}
	keepForGuests(c, 0, func() []models.Tag { return []models.Tag{models.TagMembers} })
	v := views.MembersView{Members: members, Total: total, Query: q, Pager: pager}
	return render(c, views.MembersPage(chrome, v), views.MemberListFragment(chrome, v))
}

// memberCount is how many members the list holds: without a name filter,
// the board's member total, kept between the changes to it.
func (h *Handler) memberCount(c *fiber.Ctx, q models.MemberQuery) (int, error) {
	if q.Prefix != "" {
		return h.store.MemberCount(c.UserContext(), q)
	}
	stats, err := h.stats.get(c.UserContext(), h.store, h.pages.listening.Load())
	if err != nil {
		return 0, err
	}
	return stats.Users, nil
}

// memberQuery reads ?sort=, ?order= and ?q=; values it does not know mean
// the default, name ascending. Each sort has its own natural direction.
func memberQuery(c *fiber.Ctx) models.MemberQuery {
	q := models.MemberQuery{Sort: models.MemberSortName}
	switch sort := models.MemberSort(c.Query("sort")); sort {
	case models.MemberSortJoined, models.MemberSortPosts:
		q.Sort = sort
	}
	q.Desc = q.Sort.DescendingFirst()
	switch c.Query("order") {
	case "asc":
		q.Desc = false
	case "desc":
		q.Desc = true
	}
	// No name holds a NUL or broken UTF-8, and PostgreSQL refuses both.
	q.Prefix = strings.TrimSpace(strings.ToValidUTF8(strings.ReplaceAll(c.Query("q"), "\x00", ""), ""))
	return q
}
