package app

import (
	"log/slog"
	"net/netip"
	"strconv"
	"sync/atomic"

	"github.com/gofiber/fiber/v2"

	"hyperboard/assets"
	"hyperboard/internal/stitch"
	"hyperboard/models"
	"hyperboard/views"
)

// Handler holds what the handlers share; each page or action is one method,
// in a file of its own.
type Handler struct {
	store          *models.Store
	assets         *assets.Manifest
	log            *slog.Logger
	views          *viewCounter
	presence       *presence
	reads          *readTracker
	pages          *pageCache
	segments       *stitch.Segments            // stretches of members' pages, deflated
	stats          boardStats                  // the board index's totals between changes
	ceiling        atomic.Pointer[ceilingBody] // bench mode only
	trustedProxies []netip.Prefix
	password       models.PasswordParams
	availability   availability
	// unlimitedSearch skips the per-member search rate limit, for bench
	// mode, which measures the search page rather than the limiter.
	unlimitedSearch bool
}

// chrome builds the frame of a full page from the visit that loadVisit
// found: the board settings, the viewer and their clock, and a member's
// CSRF token. A guest's page carries no token (guestFormChrome's do), so
// it is the same for every guest and can be kept for them.
func (h *Handler) chrome(c *fiber.Ctx, title string, crumbs ...views.Crumb) views.Chrome {
	v := visitOf(c)
	return views.Chrome{
		Title:          title,
		Board:          v.Config,
		Viewer:         v.Viewer,
		CSRF:           sessionCSRF(c),
		Clock:          clockOf(c),
		Crumbs:         crumbs,
		UnreadMessages: v.UnreadMessages,
		Rights:         v.Rights,
		Assets: views.AssetURLs{
			CSS:       h.assets.URL("app.css"),
			Script:    h.assets.URL("bundle.js"),
			Icon:      h.assets.URL("favicon.svg"),
			TouchIcon: h.assets.URL("apple-touch-icon.png"),
		},
	}
}

// guestFormChrome is chrome for the pages whose forms guests send: logging
// in and registering. They carry the guest's own token, issued in a cookie.
func (h *Handler) guestFormChrome(c *fiber.Ctx, title string) views.Chrome {
	chrome := h.chrome(c, title)
	chrome.CSRF = h.csrfToken(c)
	return chrome
}

// clockOf shows times in the viewer's zone and format, or the board's
// zone for guests.
func clockOf(c *fiber.Ctx) views.Clock {
	v := visitOf(c)
	zone, format := v.Config.DefaultTimezone, ""
	if v.Viewer != nil {
		format = v.Viewer.DateFormat
		if v.Viewer.Timezone != "" {
			zone = v.Viewer.Timezone
		}
	}
	return views.NewClock(zone, format)
}

// categoryCrumb points at a category's section of the board index.
func categoryCrumb(cat *models.Category) views.Crumb {
	return views.Crumb{Title: cat.Title, URL: "/#cat" + strconv.FormatInt(cat.ID, 10)}
}
