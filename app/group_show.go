package app

import (
	"context"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

const (
	groupMembersPerPage = 50
	// groupRequestsShown caps the requests on one page; the next ones move
	// up as leaders decide.
	groupRequestsShown = 50
)

// groupShow is a group's page: its leaders, one page of its members and,
// for its leaders and administrators, the requests waiting. A group the
// viewer may not see is not found. htmx gets the group's region alone.
func (h *Handler) groupShow(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	g, err := h.store.VisibleGroup(ctx, id, viewerID(c))
	if err != nil {
		return err
	}
	page, ok := pageNumber(c)
	v, err := h.groupView(ctx, g, page)
	if err != nil {
		return err
	}
	if !ok || page > v.Pager.Pages {
		return c.Redirect(v.Pager.URL(min(page, v.Pager.Pages)), fiber.StatusFound)
	}
	return h.renderGroup(c, v)
}

// groupView loads what a group's page shows around the group itself. A
// page beyond the last comes back with no members and the real page count.
func (h *Handler) groupView(ctx context.Context, g *models.ViewedGroup, page int) (views.GroupView, error) {
	v := views.GroupView{Group: g}
	var err error
	if v.Leaders, err = h.store.GroupLeaders(ctx, g.ID); err != nil {
		return v, err
	}
	v.Pager = views.Pager{Path: views.GroupPath(g.ID), Page: page, Pages: pageCount(g.MemberCount-len(v.Leaders), groupMembersPerPage)}
	if page <= v.Pager.Pages {
		if v.Members, err = h.store.GroupMembers(ctx, g.ID, page, groupMembersPerPage); err != nil {
			return v, err
		}
	}
	if g.CanManage() && g.SystemKey == "" {
		v.Requests, err = h.store.GroupRequests(ctx, g.ID, groupRequestsShown)
	}
	return v, err
}

// renderGroup writes a group's page, or its region for htmx.
func (h *Handler) renderGroup(c *fiber.Ctx, v views.GroupView) error {
	chrome := h.chrome(c, v.Group.Name, views.Crumb{Title: "Groups", URL: "/groups"}, views.Crumb{Title: v.Group.Name})
	if v.Pager.Page > 1 {
		chrome.Title += " - Page " + strconv.Itoa(v.Pager.Page)
	}
	return render(c, views.GroupPage(chrome, v), views.GroupFragment(chrome, v))
}
