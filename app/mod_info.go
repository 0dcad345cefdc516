package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// maxIPAccounts bounds the list of accounts seen at one address.
const maxIPAccounts = 100

// postInfo shows moderators with m_info the address a post came from and
// the members who have posted from it; htmx gets it under the post.
func (h *Handler) postInfo(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	info, err := h.store.PostIP(ctx, id)
	if err != nil {
		return err
	}
	if err := requireMod(c, info.ForumID, models.MInfo); err != nil {
		return err
	}
	if info.Deleted && !may(c, info.ForumID, models.MDelete) {
		return models.ErrNotFound
	}
	accounts, err := h.store.AccountsFromIP(ctx, info.IP, maxIPAccounts)
	if err != nil {
		return err
	}
	v := views.PostInfoView{Post: info, Accounts: accounts}
	chrome := h.chrome(c, "Post details", views.Crumb{Title: info.TopicTitle, URL: views.PostPath(info.PostID)}, views.Crumb{Title: "Post details"})
	return render(c, views.PostInfoPage(chrome, v), views.PostInfoFragment(chrome, v))
}
