package app

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
)

// rightsOf is what the visitor may do in each forum, loaded with the visit.
func rightsOf(c *fiber.Ctx) *models.Rights { return visitOf(c).Rights }

// may answers "may the visitor do p in this forum?" for this request.
func may(c *fiber.Ctx, forumID int64, p models.Perm) bool {
	return rightsOf(c).Can(forumID, p)
}

// refusals says, for each permission a page may demand, why it was refused.
var refusals = map[models.Perm]string{
	models.FRead:   "You do not have permission to read topics in this forum.",
	models.FPost:   "You cannot post new topics in this forum.",
	models.FReply:  "You cannot reply to topics in this forum.",
	models.FEdit:   "You cannot edit your posts in this forum.",
	models.FDelete: "You cannot delete your posts in this forum.",
}

// requireIn checks a forum permission before a page is shown or an action
// taken; everything in a forum needs reading it too. A forum the visitor
// may not list does not exist for them (404); a permission they lack is
// refused with its reason (403).
func requireIn(c *fiber.Ctx, forumID int64, p models.Perm) error {
	rights := rightsOf(c)
	if !rights.Can(forumID, models.FList) {
		return models.ErrNotFound
	}
	for _, need := range []models.Perm{models.FRead, p} {
		if rights.Can(forumID, need) {
			continue
		}
		if msg, ok := refusals[need]; ok {
			return fiber.NewError(fiber.StatusForbidden, msg)
		}
		return fiber.ErrForbidden
	}
	return nil
}

// requireRead is requireIn for reading a forum's topics.
func requireRead(c *fiber.Ctx, forumID int64) error {
	return requireIn(c, forumID, models.FRead)
}

// listable keeps the forums the visitor may list, in their order, and
// hides the last post of those whose topics they may not read.
func listable(c *fiber.Ctx, forums []*models.Forum) []*models.Forum {
	rights := rightsOf(c)
	out := forums[:0:0]
	for _, f := range forums {
		if !rights.Can(f.ID, models.FList) {
			continue
		}
		if !rights.Can(f.ID, models.FRead) && (f.LastPost != nil || f.Unread) {
			hidden := *f // forums may be shared (kept_data.go): change a copy
			hidden.LastPost, hidden.Unread = nil, false
			f = &hidden
		}
		out = append(out, f)
	}
	return out
}

// errLoginRequired sends a guest to the login page, to come back to the
// page they asked for.
var errLoginRequired = errors.New("login required")

// requireAdmin lets only administrators through: guests are sent to log
// in, members are refused.
func requireAdmin(c *fiber.Ctx) error {
	switch {
	case visitOf(c).Viewer == nil:
		return errLoginRequired
	case !rightsOf(c).Admin():
		return fiber.NewError(fiber.StatusForbidden, "Only administrators may open the administration panel.")
	}
	return nil
}

// requireModerator lets through members who hold moderator permission p
// in at least one forum (any moderator permission for ModeratorPerms);
// guests are sent to log in. It answers only whether the panel may open:
// each action still asks the forum it touches.
func requireModerator(c *fiber.Ctx, p models.Perm) error {
	switch {
	case visitOf(c).Viewer == nil:
		return errLoginRequired
	case !rightsOf(c).ModeratesAny(p):
		return fiber.NewError(fiber.StatusForbidden, "Only moderators may open this page.")
	}
	return nil
}
