package app

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// profileShow is a member's public profile, for guests and members alike;
// which hidden groups it lists depends on who asks.
func (h *Handler) profileShow(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	profile, err := h.store.Profile(c.UserContext(), id, viewerID(c))
	if err != nil {
		return err
	}
	if moved, err := canonical(c, views.UserPath(profile.ID, profile.Username)); moved {
		return err
	}
	chrome := h.chrome(c, "Viewing profile - "+profile.Username,
		views.Crumb{Title: "Members", URL: "/members"}, views.Crumb{Title: profile.Username})
	v := views.ProfileView{Profile: profile, Own: viewerID(c) == profile.ID, Now: time.Now()}
	return render(c, views.ProfilePage(chrome, v), nil)
}
