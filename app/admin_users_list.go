package app

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// adminUsersPerPage is the length of a page of the account search.
const adminUsersPerPage = 25

// adminUserList finds accounts by the start of their name or email, a page
// at a time; htmx gets the list alone. ?deleted= names an account just
// deleted.
func (h *Handler) adminUserList(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	query := strings.TrimSpace(strings.ToValidUTF8(strings.ReplaceAll(c.Query("q"), "\x00", ""), ""))
	page, _ := pageNumber(c)
	users, total, err := h.store.FindUsers(c.UserContext(), models.UserSearch{Text: query}, page, adminUsersPerPage)
	if err != nil {
		return err
	}
	params := url.Values{}
	if query != "" {
		params.Set("q", query)
	}
	v := views.AdminUsersView{Users: users, Total: total, Query: query,
		Pager: views.Pager{Path: views.AdminUsersPath, Query: params, Page: page, Pages: pageCount(total, adminUsersPerPage)}}
	notice := ""
	if name := c.Query("deleted"); name != "" && plainText(name, false) {
		notice = "The account of " + name + " has been deleted; its posts stay, under its name."
	}
	chrome := h.adminChrome(c, "Users", views.Crumb{Title: "Users"})
	return render(c, views.AdminUsersPage(chrome, v, notice), views.AdminUserList(chrome, v))
}
