package app

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// Limits on private messages; the messages that explain them come from
// models.SendPM.
var pmLimits = models.PMLimits{MaxRecipients: 5, PerHour: 20, FolderSize: 200}

// pmPerPage is the length of a page of a folder.
const pmPerPage = 25

// errLoginFirst refuses a guest anything but a page view.
var errLoginFirst = fiber.NewError(fiber.StatusForbidden, "Log in to use private messages.")

// pmMember is the member asking. A guest's GET is sent to log in and come
// back; any other request of a guest is refused.
func pmMember(c *fiber.Ctx) (*models.User, error) {
	if v := visitOf(c).Viewer; v != nil {
		return v, nil
	}
	if c.Method() == fiber.MethodGet {
		return nil, redirect(c, "/login?return="+url.QueryEscape(c.OriginalURL()))
	}
	return nil, errLoginFirst
}

// pmFolder lists one page of a folder; htmx gets the list alone.
func (h *Handler) pmFolder(folder models.PMFolder) fiber.Handler {
	return func(c *fiber.Ctx) error {
		viewer, err := pmMember(c)
		if viewer == nil {
			return err
		}
		page, ok := pageNumber(c)
		pager := views.Pager{Path: views.PMFolderPath(folder), Page: page}
		if !ok {
			return c.Redirect(pager.Path, fiber.StatusFound)
		}
		list, total, err := h.store.PMs(c.UserContext(), viewer.ID, folder, page, pmPerPage)
		if err != nil {
			return err
		}
		pager.Pages = pageCount(total, pmPerPage)
		if page > pager.Pages {
			return c.Redirect(pager.URL(pager.Pages), fiber.StatusFound)
		}
		title := views.PMFolderTitle(folder)
		chrome := h.chrome(c, "Private messages: "+title, views.Crumb{Title: "Private messages", URL: "/pm"}, views.Crumb{Title: title})
		v := views.PMFolderView{Folder: folder, Messages: list, Total: total, Limit: pmLimits.FolderSize, Pager: pager}
		c.Set(fiber.HeaderCacheControl, "private, no-store")
		return render(c, views.PMFolderPage(chrome, v), views.PMList(chrome, v))
	}
}
