package app

import (
	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// offlineShow is the page the service worker keeps to show when a page is
// neither online nor kept. It is the same for everyone, as a guest sees
// it: it is stored in the browser and must not carry a member's name or
// CSRF token.
func (h *Handler) offlineShow(c *fiber.Ctx) error {
	chrome := h.chrome(c, "Offline")
	chrome.Viewer, chrome.CSRF, chrome.UnreadMessages, chrome.Rights = nil, "", 0, nil
	chrome.Clock = views.NewClock(chrome.Board.DefaultTimezone, "")
	return render(c, views.OfflinePage(chrome), nil)
}
