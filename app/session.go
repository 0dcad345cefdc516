package app

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
)

// Cookie names. Over HTTPS the session cookie takes the __Host- prefix,
// which browsers only accept with Secure, Path=/ and no Domain, so a
// sibling subdomain cannot plant or overwrite it.
const (
	sessionCookie       = "hb_session"
	secureSessionCookie = "__Host-hb_session"
	guestCSRFCookie     = "hb_csrf"
)

const visitKey = "visit"

// loadVisit finds the board settings and the visitor's session, for every
// page, and notes the visitor as online. Both are kept (kept_data.go): the
// settings and permission table until a board-wide change, a member's
// session, account, groups, unread messages and drafts until a write
// announces a change to them or the session's expiry as last read. What
// is not kept is read in one query.
func (h *Handler) loadVisit(c *fiber.Ctx) error {
	token := sessionToken(c)
	now := time.Now()
	const boardKey = keptValuePrefix + "board"
	board, keptBoard := keptValue[*models.Board](h.pages, boardKey)
	var v *models.Visit
	if keptBoard && token != "" {
		if m, ok := keptValue[*models.MemberState](h.pages, memberKey(token)); ok && now.Before(m.Session.ExpiresAt) {
			v = board.VisitOf(m)
		}
	}
	if v == nil {
		gen := h.pages.generation()
		var err error
		if v, err = h.store.Visit(c.UserContext(), token, board); err != nil {
			return err
		}
		if !keptBoard {
			h.pages.keepValue(boardKey, v.Board, v.Board.ACL.Size()+4096, gen)
		}
		if v.Session != nil {
			member := v.MemberState // the visit's copy is the request's to change
			h.pages.keepValue(memberKey(token), &member, int64(len(member.Groups)+len(member.DraftTopics))*8+512, gen, member.Tags()...)
		}
	}
	c.Locals(visitKey, v)
	if v.Session != nil {
		h.presence.Session(v.Session.ID, now)
	} else {
		if token != "" {
			h.clearSessionCookie(c) // expired or ended elsewhere
		}
		h.presence.Guest(h.clientIP(c), c.Get(fiber.HeaderUserAgent), now)
	}
	return c.Next()
}

// memberKey is where the member state of a session token is kept: under
// the token's hash, as the database keeps it.
func memberKey(token string) string {
	return keptValuePrefix + "member|" + string(models.HashToken(token))
}

// sessionToken is the token in the visitor's session cookie, if any.
func sessionToken(c *fiber.Ctx) string {
	if token := c.Cookies(secureSessionCookie); token != "" {
		return token
	}
	return c.Cookies(sessionCookie)
}

// viewerID is the logged-in member's id, 0 for a guest.
func viewerID(c *fiber.Ctx) int64 {
	if viewer := visitOf(c).Viewer; viewer != nil {
		return viewer.ID
	}
	return 0
}

// visitOf is the visit loadVisit found; nil before it ran.
func visitOf(c *fiber.Ctx) *models.Visit {
	v, _ := c.Locals(visitKey).(*models.Visit)
	return v
}

func (h *Handler) setSessionCookie(c *fiber.Ctx, token string, remember bool) {
	cookie := &fiber.Cookie{Name: sessionCookie, Value: token, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode}
	if h.isHTTPS(c) {
		cookie.Name, cookie.Secure = secureSessionCookie, true
	}
	if remember {
		cookie.MaxAge = int(models.SessionRemember.Seconds())
	}
	c.Cookie(cookie)
}

func (h *Handler) clearSessionCookie(c *fiber.Ctx) {
	for _, name := range []string{sessionCookie, secureSessionCookie} {
		if c.Cookies(name) != "" {
			c.Cookie(&fiber.Cookie{Name: name, Path: "/", HTTPOnly: true, Secure: name == secureSessionCookie, MaxAge: -1, Expires: time.Unix(1, 0)})
		}
	}
}
