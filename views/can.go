package views

import "hyperboard/models"

// ViewerID is the viewer's user id, 0 for a guest.
func (c Chrome) ViewerID() int64 {
	if c.Viewer == nil {
		return 0
	}
	return c.Viewer.ID
}

// MayReply says whether to offer the reply box and "Reply with quote".
func (c Chrome) MayReply(t *models.Topic) bool {
	return c.Viewer != nil && c.Rights.MayReply(t.ForumID, t.Closed())
}

// MayEdit says whether to offer "Edit" on a post.
func (c Chrome) MayEdit(t *models.Topic, p *models.Post) bool {
	return c.Rights.MayEditPost(t.ForumID, c.ViewerID(), p.AuthorID, t.Closed())
}

// MayDelete says whether to offer "Delete" on a post; on a page, a post has
// replies after it unless it is the topic's last.
func (c Chrome) MayDelete(t *models.Topic, p *models.Post) bool {
	return c.Rights.MayDeletePost(t.ForumID, c.ViewerID(), p.AuthorID, t.Closed(), p.PostNumber != t.LastPostNumber)
}

// PermissionLine is one sentence of the permissions box: what the viewer
// can or cannot do in a forum.
type PermissionLine struct {
	Can  bool
	Text string
}

// ForumPermissions are the lines of the permissions box at the foot of a
// forum or topic page; closed says the forum or topic is locked.
func (c Chrome) ForumPermissions(forumID int64, closed bool) []PermissionLine {
	member := c.Viewer != nil
	r := c.Rights
	lines := []PermissionLine{
		{member && r.MayPost(forumID, closed), "post new topics in this forum"},
		{member && r.MayReply(forumID, closed), "reply to topics in this forum"},
		{member && r.Can(forumID, models.FRead|models.FEdit) && !closed, "edit your posts in this forum"},
		{member && r.Can(forumID, models.FRead|models.FDelete) && !closed, "delete your posts in this forum"},
	}
	if r.CanAny(forumID, models.ModeratorPerms) {
		lines = append(lines, PermissionLine{true, "moderate this forum"})
	}
	return lines
}

// OfferNewTopic says whether to show "New topic": to members who may post
// there, and to guests when the forum is open (it leads them to log in).
func (c Chrome) OfferNewTopic(f *models.Forum) bool {
	if c.Viewer == nil {
		return !f.Locked
	}
	return c.Rights.MayPost(f.ID, f.Locked)
}
