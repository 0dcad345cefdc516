package app

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// banText tells the banned why and until when, in their clock.
func banText(clock views.Clock, ban *models.Ban) string {
	text := "You have been banned permanently"
	if !ban.Permanent() {
		text = "You have been banned until " + clock.Time(ban.EndsAt)
	}
	text += ": " + strings.TrimSpace(ban.Reason)
	if !strings.HasSuffix(text, ".") && !strings.HasSuffix(text, "!") && !strings.HasSuffix(text, "?") {
		text += "."
	}
	return text
}

// banFor finds the ban in force that holds an account (0 for none), an
// address that is not yet an account's ("" for none) or the visitor's IP
// address, and says what it means for them; "" when no ban holds them.
func (h *Handler) banFor(c *fiber.Ctx, userID int64, email string) (string, error) {
	ban, err := h.store.ActiveBan(c.UserContext(), models.BanCheck{UserID: userID, Email: email, IP: h.clientIP(c)})
	if err != nil || ban == nil {
		return "", err
	}
	return banText(clockOf(c), ban), nil
}

// writeBan is banFor the writer of a post or a private message, whose
// text the form keeps.
func (h *Handler) writeBan(c *fiber.Ctx) (string, error) {
	text, err := h.banFor(c, viewerID(c), "")
	if text != "" {
		text += " You cannot post or send messages; your text is kept below."
	}
	return text, err
}
